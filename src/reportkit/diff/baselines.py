"""Last year's figure as OLD quotes it, for NEW's 同比 claims.

A half-year report often states progress against the previous year's total:
``新增就业岗位1100个，已完成2023年全年总量（2000个）的55%``. When NEW (the 2024 full year)
says ``全年新增就业岗位2400个，同比增长25%``, OLD's own 1100个 is the wrong base — the base is
the quoted 2000个. It is found precision first:

* in the sentence of OLD's figure aligned with NEW's level (so it counts the same thing),
* with the level's dimension and base unit,
* dated by its own clause to NEW's year − 1 (2023年…, or 上年/去年 in a report of NEW's year),
* covering the same span as the level (全年 with 全年, 上半年 with 上半年).

One candidate or none: two would be a guess, and a guess is no verdict.
"""

from __future__ import annotations

from ..compiled import compile_re
from ..models import Document, Quantity
from .features import clause_before
from .intervals import is_rate

_YEAR = compile_re(r"((?:19|20)\d{2})年")
_RELATIVE_YEAR = compile_re(r"上年|上一年|去年")
_SPAN = compile_re(r"上半年|下半年|全年|年度")


def span_of(before: str, default: str | None) -> str | None:
    """The part of a year a figure covers, from the words before it (全年新增… → 全年)."""
    found = _SPAN.findall(before)
    if not found:
        return default
    return "全年" if found[-1] == "年度" else found[-1]


def quoted_baseline(old: Document, aligned: Quantity, level: Quantity, *, old_year: int | None,
                    new_year: int | None, level_span: str | None) -> Quantity | None:
    """OLD's quoted figure for the level's metric in ``new_year − 1``, or None."""
    if new_year is None or level_span is None:
        return None
    found = []
    for q in old.quantities:
        if q is aligned or q.sentence != aligned.sentence or q.sentence is None:
            continue
        if q.dimension != level.dimension or q.base_unit != level.base_unit or is_rate(q):
            continue
        before = clause_before(old, q)
        if _year_of(before, old_year) == new_year - 1 and span_of(before, "全年") == level_span:
            found.append(q)
    return found[0] if len(found) == 1 else None


def _year_of(before: str, report_year: int | None) -> int | None:
    years = _YEAR.findall(before)
    if years:
        return int(years[-1])
    if _RELATIVE_YEAR.search(before) and report_year is not None:
        return report_year - 1
    return None
