"""`reportkit check`: lint reports' numbers with the YAML rule packs.

Many inputs run as a batch, like ``parse`` (:mod:`.run`): each document is checked in a
worker process (``--jobs``, default the machine's cores; the rules are loaded once, in this
process, and inherited by the workers), the results come back in input order, and the text
and github formats are written as each file is done. json and sarif are single documents,
written when the run ends. An input that cannot be read is reported (one line) and skipped;
the others are still checked.

Exit codes: 0 clean, 1 findings at or above --fail-on (suppressed ones do not count: ignore
entries of the configuration and the baseline), 2 usage / input / rule-file error, or a
document whose check ran past --timeout (reported like an unreadable input).
2 wins over 1: a run that skipped an unreadable input exits 2 even when the inputs it did
read have findings (those are still all written), because its verdict does not cover every
input. When no input could be read, nothing is written; --write-baseline writes no baseline
unless every input was read (a partial baseline would silently forget a file's findings).
"""

from __future__ import annotations

import sys
from typing import List, Optional

import typer

from . import app
from ..errors import ReportkitError


def split_ids(values) -> list[str]:
    return [part.strip() for v in values or () for part in v.split(",") if part.strip()]


def resolve_options(config_path, no_config, rules, select, ignore, fail_on, format, baseline,
                    encoding, no_default_rules, timeout=None):
    """Command line over configuration file over defaults."""
    from ..check.budget import DEFAULT_SECONDS
    from ..check.config import FORMATS, load_config
    from ..check.model import SEVERITIES

    config = load_config(config_path, discover=not no_config)
    fail_on = fail_on or config.fail_on or "error"
    format = format or config.format or "text"
    if fail_on not in SEVERITIES:
        raise ReportkitError(f"--fail-on must be one of {', '.join(SEVERITIES)}, not {fail_on!r}")
    if format not in FORMATS:
        raise ReportkitError(f"--format must be one of {', '.join(FORMATS)}, not {format!r}")
    return {
        "rules": [*config.rules, *(rules or [])],
        "select": split_ids(select) or config.select,
        "ignore": [*config.ignore, *split_ids(ignore)],
        "fail_on": fail_on,
        "format": format,
        "baseline": baseline or config.baseline,
        "encoding": encoding or config.encoding,
        "defaults": config.default_rules and not no_default_rules,
        "suppressions": config.suppressions,
        "config_dir": config.path.parent if config.path else None,
        "timeout": next(t for t in (timeout, config.timeout, DEFAULT_SECONDS) if t is not None),
    }


@app.command()
def check(
    paths: Optional[List[str]] = typer.Argument(None, help="Report files, directories, globs, .jsonl corpora, or - for stdin."),
    rules: Optional[List[str]] = typer.Option(None, "--rules", help="Add rule files or directories (repeatable)."),
    select: Optional[List[str]] = typer.Option(None, "--select", help="Run only these rule ids or globs (repeatable, comma-separated)."),
    ignore: Optional[List[str]] = typer.Option(None, "--ignore", help="Skip these rule ids or globs (repeatable, comma-separated)."),
    fail_on: Optional[str] = typer.Option(None, "--fail-on", help="Exit 1 on findings at or above: error (default), warning, info."),
    format: Optional[str] = typer.Option(None, "--format", "-f", help="text (default), json, sarif, github, html (a review page)."),
    baseline: Optional[str] = typer.Option(None, "--baseline", help="Suppress the findings recorded in this baseline file."),
    write_baseline: Optional[str] = typer.Option(None, "--write-baseline", help="Record all current findings in this file and exit 0 (2, writing nothing, if an input cannot be read)."),
    output: Optional[str] = typer.Option(None, "--output", "-o", help="Write to this file (atomically) instead of stdout."),
    encoding: Optional[str] = typer.Option(None, "--encoding", help="Force the input encoding (default: detect UTF-8 / GB18030)."),
    config: Optional[str] = typer.Option(None, "--config", help="Use this reportkit.yaml / pyproject.toml instead of searching upward."),
    no_config: bool = typer.Option(False, "--no-config", help="Ignore configuration files."),
    no_default_rules: bool = typer.Option(False, "--no-default-rules", help="Do not load the built-in rule pack."),
    text_field: str = typer.Option("content", "--text-field", help="The text field of .jsonl corpus records."),
    jobs: Optional[int] = typer.Option(None, "--jobs", "-j", min=1, help="Worker processes (default: the machine's cores)."),
    annotate: Optional[str] = typer.Option(None, "--annotate", help="Write a copy of the Word file with every finding as a comment (批注) on its number."),
    timeout: Optional[float] = typer.Option(None, "--timeout", min=0, help="Seconds one document's check may take (default 300; 0: no limit)."),
    show_suppressed: bool = typer.Option(False, "--show-suppressed", help="Also show the findings that ignore entries and the baseline silence, and ignore entries that matched nothing."),
) -> None:
    """Find numbers in reports that cannot all be true."""
    from collections import Counter
    from contextlib import closing

    from ..check.baseline import read_baseline, suppress, write_baseline as save_baseline
    from ..check.batch import CheckJob, RuleSpec, install
    from ..check.model import SEVERITY_RANK
    from ..check.suppress import Suppressor
    from ..formats.inputs import expand, is_tty
    from ..formats.locate import Located
    from ..render.diagnostics import render_document, render_unused, summary_text
    from ..render.github import render_lines
    from ..output import Sink
    from .run import Batch

    if not paths:
        raise ReportkitError("no input: name report files, directories, globs, or - for stdin")
    opts = resolve_options(config, no_config, rules, select, ignore, fail_on, format, baseline,
                           encoding, no_default_rules, timeout)
    spec = RuleSpec(tuple(opts["rules"]), bool(opts["defaults"]), tuple(opts["select"]), tuple(opts["ignore"]))
    ruleset = spec.load()
    if not ruleset:
        raise ReportkitError("no rules to run (check --select/--ignore and --no-default-rules)")
    install(spec, ruleset)  # loaded once, here: the worker processes inherit it
    counts = read_baseline(opts["baseline"]) if opts["baseline"] and not write_baseline else None

    refs = expand(list(paths), text_field=text_field)
    if annotate:
        _check_annotate_target(refs, annotate, write_baseline)
    fmt = opts["format"]
    job = Located(CheckJob(spec, with_text=fmt == "text" and not write_baseline, timeout=opts["timeout"]))
    page = None
    if fmt == "html" and not write_baseline:  # the page needs each Document, not only its text
        from ..render.html.review import DocumentCheckJob, ReviewPage

        job, page = DocumentCheckJob(spec, timeout=opts["timeout"]), ReviewPage()
    ignores = Suppressor(opts["suppressions"], opts["config_dir"])
    run_opts = {"encoding": opts["encoding"], "text_field": text_field, "jobs": jobs, "label": "checking reports"}

    if write_baseline:
        batch = Batch(refs, job, to_stdout=False, **run_opts)
        findings = []
        items = iter(batch)
        with closing(items):
            for _, (found, _) in items:
                findings.extend(ignores.split(found)[0])  # an ignored finding is not recorded
        batch.report_failures()
        if batch.failed:  # a baseline is a snapshot of every input: never a partial one
            raise ReportkitError(f"{write_baseline}: not written, because not every input could be read")
        save_baseline(write_baseline, findings)
        print(f"reportkit: wrote {len(findings)} finding(s) to the baseline {write_baseline}", file=sys.stderr)
        raise typer.Exit(0)

    sink = Sink(output)
    batch = Batch(refs, job, to_stdout=sink.is_stdout, **run_opts)
    console = None
    if fmt == "text" and sink.is_stdout and is_tty():
        from rich.console import Console

        console = Console(highlight=False, soft_wrap=True)
    remaining = Counter(counts) if counts is not None else None
    tally = Counter()
    kept = []  # json and sarif: one document at the end; text and github stream instead
    annotated = []  # --annotate: the one Word input's findings
    suppressed = 0
    silenced = []  # json and sarif: the suppressed findings, with their reasons
    suppressed = Counter()  # by "ignore" and "baseline"
    try:
        items = iter(batch)
        with closing(items):
            for _, (found, text) in items:
                found, dropped = ignores.split(found)
                if remaining is not None:
                    found, old = suppress(found, remaining, opts["baseline"])
                    dropped += old
                dropped.sort(key=lambda s: s.finding.sort_key())
                suppressed.update(s.by for s in dropped)
                tally.update(f.severity for f in found)
                if annotate:
                    annotated.extend(found)
                if fmt == "text":
                    _write_text(render_document(found, text, dropped if show_suppressed else ()), sink, console)
                elif fmt == "github":
                    sink.write(render_lines(found))
                elif page is not None:
                    page.add(text, found)  # html: ``text`` is the Document
                else:
                    kept.extend(found)
                    silenced.extend(dropped)
        if not batch.succeeded:  # nothing was checked: no report (and --output is left alone)
            sink.abort()
            batch.report_failures()
            raise typer.Exit(2)
        files = batch.succeeded
        closing_line = summary_text(tally, files, suppressed["baseline"], suppressed["ignore"])
        unused = ignores.unused()
        if fmt == "text":
            from rich.text import Text

            if show_suppressed and unused:
                _write_text(Text(render_unused(unused)), sink, console)
            _write_text(Text(closing_line + "\n", style="bold"), sink, console)
        elif fmt == "github":
            sink.write((render_unused(unused) if show_suppressed else "") + closing_line + "\n")
        elif page is not None:
            sink.write(page.render(files=files, suppressed=suppressed["baseline"] + suppressed["ignore"]))
        elif fmt == "json":
            from ..render.findings_json import render

            sink.write(render(kept, files=files, suppressed=silenced, unused=unused))
        else:
            from ..render.sarif import render

            sink.write(render(kept, ruleset, suppressed=[s for s in silenced if s.by == "ignore"]))
        sink.commit()
    except BaseException:
        sink.abort()
        raise
    batch.report_failures()

    if batch.failed:
        raise typer.Exit(2)
    if annotate:
        from ..render.word_comments import annotate as write_comments

        count = write_comments(refs[0].path, annotated, annotate)
        print(f"reportkit: 已写入 {count} 条批注：{annotate}", file=sys.stderr)
    threshold = SEVERITY_RANK[opts["fail_on"]]
    if any(n and SEVERITY_RANK[severity] >= threshold for severity, n in tally.items()):
        raise typer.Exit(1)


def _check_annotate_target(refs, target: str, write_baseline) -> None:
    """--annotate needs exactly one Word file, and never writes over it."""
    from ..formats.sniff import WORD_SUFFIXES

    if write_baseline:
        raise ReportkitError("--annotate and --write-baseline cannot be used together")
    if len(refs) != 1 or refs[0].path is None or refs[0].record is not None:
        raise ReportkitError("--annotate needs exactly one .docx input file")
    source = refs[0].path
    with open(source, "rb") as fh:
        head = fh.read(4)
    if head != b"PK\x03\x04" or not source.lower().endswith(WORD_SUFFIXES):
        raise ReportkitError(f"--annotate: {source} is not a Word .docx file (save it as .docx first)")
    if not target.lower().endswith(WORD_SUFFIXES):
        raise ReportkitError(f"--annotate {target}: the annotated copy must be a .docx file")
    from ..render.word_comments import refuse_overwrite

    refuse_overwrite(source, target)


def _write_text(rendered, sink, console) -> None:
    """Styled on a terminal, plain text to a pipe or a file."""
    if console is not None:
        console.print(rendered, end="")
    else:
        sink.write(rendered.plain)
