"""``reportkit diff OLD NEW``: compare two reports metric by metric; ``diff A B C …`` (or a
corpus) lays the reports side by side in date order, one row per metric."""

from __future__ import annotations

import re
from enum import Enum
from pathlib import Path
from typing import Optional

import typer

from ..compiled import compile_re
from ..errors import ReportkitError
from . import app

FAIL_CONDITIONS = ("missed-target", "inconsistent-claim")
_RECORD = compile_re(r"^(?P<path>.+\.jsonl):(?P<line>\d+)$", re.IGNORECASE)


class DiffFormat(str, Enum):
    text = "text"
    json = "json"
    csv = "csv"
    markdown = "markdown"
    parquet = "parquet"
    html = "html"


@app.command("diff")
def diff_command(
    reports: list[str] = typer.Argument(
        ..., metavar="OLD NEW [MORE…]",
        help="Reports (files, '-', CORPUS.jsonl:LINE, a corpus or a directory). Two: the full "
             "comparison; three or more: one table of metric × report in date order."),
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
    and NEW's stated growths recomputed from OLD. Three or more: the series of each metric."""
    conditions = _fail_conditions(fail_on)
    if reports.count("-") > 1:
        raise ReportkitError("标准输入（-）只能作为其中一份报告")
    from ..diff import DEFAULT_THRESHOLD, diff
    from ..output import emit

    loaded = [item for spec in reports for item in _load(spec, encoding)]
    if len(loaded) < 2:
        raise ReportkitError(f"diff 需要至少两份报告，只给了 {len(loaded)} 份")
    if len(loaded) > 2 or fmt is DiffFormat.parquet:
        pair_only = [flag for flag, given in (("--fail-on", conditions), ("--threshold", threshold is not None),
                                              ("--only-changed", only_changed)) if given]
        if pair_only:
            raise ReportkitError(f"{'、'.join(pair_only)} 只用于两份报告的比较（多份报告输出指标序列表）")
        _series(loaded, fmt, output, match or DEFAULT_THRESHOLD)
        return
    (old_doc, _, _), (new_doc, _, _) = loaded
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


def _load(spec: str, encoding: str | None) -> list[tuple]:
    """(document, name, corpus year) for each report a spec names: a file, '-', one record of
    a JSONL corpus as CORPUS.jsonl:LINE, or every report of a corpus or directory."""
    from ..document import load_ref
    from ..formats.inputs import InputRef, expand

    record = _RECORD.match(spec)
    if record and not Path(spec).exists() and Path(record["path"]).is_file():
        refs = [InputRef(spec, record["path"], int(record["line"]))]
    else:
        refs = expand([spec])
    return [(load_ref(ref, encoding=encoding), ref.name, _record_year(ref, encoding)) for ref in refs]


def _record_year(ref, encoding) -> int | None:
    """A corpus record's ``year`` field, which dates a report whose title does not."""
    if ref.record is None:
        return None
    from ..diff.series import as_year
    from ..formats.inputs import read_text

    return as_year(read_text(ref, encoding=encoding)[1].get("year"))


def _series(loaded: list[tuple], fmt: DiffFormat, output: str | None, threshold: float) -> None:
    import sys

    from ..diff.series import align_series, order
    from ..output import emit
    from ..render import diff_series

    reports, undated = order(loaded)
    if len(reports) < 2:
        raise ReportkitError(f"能确定日期的报告不足两份（{len(reports)} 份），无法排列比较；"
                             "请给出带年份标题或公开日期的报告")
    if undated:
        print(f"已跳过 {len(undated)} 份无法确定日期的报告：{'、'.join(undated[:5])}"
              + ("…" if len(undated) > 5 else ""), file=sys.stderr)
    if fmt is DiffFormat.html:
        raise ReportkitError("--format html 用于两份报告的比较；多份报告的指标序列请用 text、csv、json、markdown 或 parquet")
    result = align_series(reports, threshold=threshold)
    if fmt is DiffFormat.parquet:
        from ..render.diff_parquet import write

        write(result, output)
        return
    if fmt is DiffFormat.text:
        from ..formats.inputs import is_tty

        text = diff_series.render_text(result, color=output is None and is_tty())
    else:
        text = {DiffFormat.json: diff_series.render_json, DiffFormat.csv: diff_series.render_csv,
                DiffFormat.markdown: diff_series.render_markdown}[fmt](result)
    emit(text, output)


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
