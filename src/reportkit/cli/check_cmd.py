"""`reportkit check`: lint reports' numbers with the YAML rule packs.

Exit codes: 0 clean, 1 findings at or above --fail-on, 2 usage / input / rule-file error.
"""

from __future__ import annotations

import sys
from typing import List, Optional

import typer

from . import app
from ..errors import ReportkitError

FORMATS = ("text", "json", "sarif", "github")
LEVELS = ("error", "warning", "info")


def split_ids(values) -> list[str]:
    return [part.strip() for v in values or () for part in v.split(",") if part.strip()]


def resolve_options(config_path, no_config, rules, select, ignore, fail_on, format, baseline,
                    encoding, no_default_rules):
    """Command line over configuration file over defaults."""
    from ..check.config import load_config

    config = load_config(config_path, discover=not no_config)
    fail_on = fail_on or config.fail_on or "error"
    format = format or config.format or "text"
    if fail_on not in LEVELS:
        raise ReportkitError(f"--fail-on must be one of {', '.join(LEVELS)}, not {fail_on!r}")
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
    }


@app.command()
def check(
    paths: Optional[List[str]] = typer.Argument(None, help="Report files, directories, globs, .jsonl corpora, or - for stdin."),
    rules: Optional[List[str]] = typer.Option(None, "--rules", help="Add rule files or directories (repeatable)."),
    select: Optional[List[str]] = typer.Option(None, "--select", help="Run only these rule ids or globs (repeatable, comma-separated)."),
    ignore: Optional[List[str]] = typer.Option(None, "--ignore", help="Skip these rule ids or globs (repeatable, comma-separated)."),
    fail_on: Optional[str] = typer.Option(None, "--fail-on", help="Exit 1 on findings at or above: error (default), warning, info."),
    format: Optional[str] = typer.Option(None, "--format", "-f", help="text (default), json, sarif, github."),
    baseline: Optional[str] = typer.Option(None, "--baseline", help="Suppress the findings recorded in this baseline file."),
    write_baseline: Optional[str] = typer.Option(None, "--write-baseline", help="Record all current findings in this file and exit 0."),
    output: Optional[str] = typer.Option(None, "--output", "-o", help="Write to this file (atomically) instead of stdout."),
    encoding: Optional[str] = typer.Option(None, "--encoding", help="Force the input encoding (default: detect UTF-8 / GB18030)."),
    config: Optional[str] = typer.Option(None, "--config", help="Use this reportkit.yaml / pyproject.toml instead of searching upward."),
    no_config: bool = typer.Option(False, "--no-config", help="Ignore configuration files."),
    no_default_rules: bool = typer.Option(False, "--no-default-rules", help="Do not load the built-in rule pack."),
    text_field: str = typer.Option("content", "--text-field", help="The text field of .jsonl corpus records."),
) -> None:
    """Find numbers in reports that cannot all be true."""
    from ..check import check_document, load_rules, select_rules
    from ..check.baseline import apply_baseline, read_baseline, write_baseline as save_baseline
    from ..check.findings import at_or_above
    from ..document import load_ref
    from ..inputs import expand, is_tty
    from ..output import emit

    if not paths:
        raise ReportkitError("no input: name report files, directories, globs, or - for stdin")
    opts = resolve_options(config, no_config, rules, select, ignore, fail_on, format, baseline,
                           encoding, no_default_rules)
    ruleset = select_rules(load_rules(opts["rules"], defaults=opts["defaults"]), opts["select"], opts["ignore"])
    if not ruleset:
        raise ReportkitError("no rules to run (check --select/--ignore and --no-default-rules)")
    counts = read_baseline(opts["baseline"]) if opts["baseline"] and not write_baseline else None

    refs = expand(list(paths), text_field=text_field)
    findings, texts = [], {}
    for ref in refs:
        doc = load_ref(ref, encoding=opts["encoding"], text_field=text_field)
        texts[ref.name] = doc.text
        findings.extend(check_document(doc, ruleset, ref.name))

    if write_baseline:
        save_baseline(write_baseline, findings)
        print(f"reportkit: wrote {len(findings)} finding(s) to the baseline {write_baseline}", file=sys.stderr)
        raise typer.Exit(0)

    suppressed = 0
    if counts is not None:
        findings, suppressed = apply_baseline(findings, counts)

    fmt = opts["format"]
    if fmt == "text":
        from ..render.diagnostics import render

        rendered = render(findings, texts, files=len(refs), suppressed=suppressed)
        if output or not is_tty():
            emit(rendered.plain, output)
        else:
            from rich.console import Console

            Console(highlight=False, soft_wrap=True).print(rendered, end="")
    elif fmt == "json":
        from ..render.findings_json import render

        emit(render(findings, files=len(refs), suppressed=suppressed), output)
    elif fmt == "sarif":
        from ..render.sarif import render

        emit(render(findings, ruleset), output)
    else:
        from ..render.github import render

        emit(render(findings, files=len(refs), suppressed=suppressed), output)

    if at_or_above(findings, opts["fail_on"]):
        raise typer.Exit(1)
