"""``reportkit diff OLD NEW``: compare two reports metric by metric."""

from __future__ import annotations

import re
from enum import Enum
from pathlib import Path
from typing import Optional

import typer

from ..errors import ReportkitError
from . import app

FAIL_CONDITIONS = ("missed-target", "inconsistent-claim")
_RECORD = re.compile(r"^(?P<path>.+\.jsonl):(?P<line>\d+)$", re.IGNORECASE)


class DiffFormat(str, Enum):
    text = "text"
    json = "json"
    csv = "csv"
    markdown = "markdown"
    html = "html"


@app.command("diff")
def diff_command(
    old: str = typer.Argument(..., metavar="OLD", help="The earlier report (file, '-' or CORPUS.jsonl:LINE)."),
    new: str = typer.Argument(..., metavar="NEW", help="The later report."),
    fmt: DiffFormat = typer.Option(DiffFormat.text, "--format", "-f", help="Output format."),
    threshold: Optional[float] = typer.Option(
        None, "--threshold", metavar="PCT", min=0,
        help="Hide changes smaller than PCT percent (rates: PCT percentage points)."),
    only_changed: bool = typer.Option(False, "--only-changed", help="Leave unchanged figures out."),
    fail_on: Optional[str] = typer.Option(
        None, "--fail-on", metavar="CONDITIONS",
        help="Exit 1 when any holds: missed-target, inconsistent-claim (comma-separated)."),
    output: Optional[str] = typer.Option(None, "--output", "-o", metavar="FILE", help="Write here instead of stdout."),
    encoding: Optional[str] = typer.Option(None, "--encoding", metavar="ENC", help="Force the input encoding."),
    match: float = typer.Option(0.0, "--match", metavar="SCORE", hidden=True,
                                help="Least similarity for a pair (0 = default)."),
) -> None:
    """Compare two reports: changed, removed and added figures, OLD's targets met or missed,
    and NEW's stated growths recomputed from OLD."""
    conditions = _fail_conditions(fail_on)
    if old == "-" and new == "-":
        raise ReportkitError("OLD and NEW cannot both be standard input")
    from ..diff import DEFAULT_THRESHOLD, diff
    from ..output import emit

    old_doc, new_doc = _load(old, encoding), _load(new, encoding)
    result = diff(old_doc, new_doc, threshold=match or DEFAULT_THRESHOLD,
                  min_change_pct=threshold, only_changed=only_changed)
    emit(_render(result, fmt, output), output)
    failed = (("missed-target" in conditions and any(t.status == "missed" for t in result.targets))
              or ("inconsistent-claim" in conditions and any(c.status == "inconsistent" for c in result.claims)))
    if failed:
        raise typer.Exit(1)


def _fail_conditions(text: str | None) -> set[str]:
    if not text:
        return set()
    wanted = {part.strip() for part in text.split(",") if part.strip()}
    unknown = wanted - set(FAIL_CONDITIONS)
    if unknown:
        raise ReportkitError(
            f"--fail-on: unknown condition {', '.join(sorted(unknown))} (choose from {', '.join(FAIL_CONDITIONS)})")
    return wanted


def _load(spec: str, encoding: str | None):
    """A file, '-', or one record of a JSONL corpus named as CORPUS.jsonl:LINE."""
    from ..document import load_ref
    from ..formats.inputs import InputRef, expand

    record = _RECORD.match(spec)
    if record and not Path(spec).exists() and Path(record["path"]).is_file():
        ref = InputRef(spec, record["path"], int(record["line"]))
        return load_ref(ref, encoding=encoding)
    refs = expand([spec])
    if len(refs) != 1:
        raise ReportkitError(
            f"{spec}: names {len(refs)} reports; diff compares one with one "
            f"(name a corpus record as {refs[0].path}:LINE)")
    return load_ref(refs[0], encoding=encoding)


def _render(result, fmt: DiffFormat, output: str | None) -> str:
    if fmt is DiffFormat.json:
        from ..render.diff_json import render
    elif fmt is DiffFormat.csv:
        from ..render.diff_csv import render
    elif fmt is DiffFormat.markdown:
        from ..render.diff_markdown import render
    elif fmt is DiffFormat.html:
        from ..render.html.diff_page import render
    else:
        from ..formats.inputs import is_tty
        from ..render.diff_text import render as render_text

        return render_text(result, color=output is None and is_tty())
    return render(result)
