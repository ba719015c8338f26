"""Built-in checks on dates and ranges: a disclosure header whose 生成日期 is after its
公开日期, a 截至 date after the report was published, and a range written high to low
(12-4层). Dates are compared only where the text writes the year: 截至12月13日 in a report
published the next January says nothing about its year."""

from __future__ import annotations

import re
from datetime import date

from ..compiled import compile_re
from ..serialize import decimal_str
from ..text.normalize import fold
from .structure import Builtin, Hit

_FULL = compile_re(r"((?:19|20)\d{2})\s*[年\-./]\s*(\d{1,2})\s*[月\-./]\s*(?:(\d{1,2})\s*日?)?")
_AS_OF = compile_re(r"(?:截至|截止|截止到|截止至)\s*$")
NAMES = {"date": "text", "published": "text", "generated": "text", "low": "text", "high": "text",
         "range": "text"}


def _validate(raw, fail) -> dict:
    for key in raw:
        fail(raw.lines.get(key, raw.line), f"unknown option {key!r} (this check has none)")
    return {}


def _iso(value: str | None) -> date | None:
    m = _FULL.match(value or "")
    if not m:
        return None
    try:
        return date(int(m[1]), int(m[2]), int(m[3] or 1))
    except ValueError:
        return None


def _published_line(doc):
    for line in doc.furniture:
        if line.kind == "disclosure" and re.search("公开|发布", line.text):
            return line
    return None


def generated_after_published(doc, options):
    generated, published = _iso(doc.meta.generated), _iso(doc.meta.published)
    if generated and published and generated > published:
        line = _published_line(doc)
        start, end = (line.start, line.end) if line else (0, 0)
        yield Hit(start, end, {"generated": doc.meta.generated, "published": doc.meta.published})


def as_of_after_published(doc, options):
    published = _iso(doc.meta.published)
    if published is None:
        return
    folded = fold(doc.text)
    for n in doc.non_quantities:
        if n.kind != "date" or not _AS_OF.search(folded[max(0, n.start - 4):n.start]):
            continue
        m = _FULL.match(fold(n.text))
        if not m or not m[3]:
            continue  # a year and a month only: the month may still be running
        when = _iso(fold(n.text))
        if when and when > published:
            yield Hit(n.start, n.end, {"date": n.text, "published": doc.meta.published})


_PLAIN_RANGE = compile_re(r"^\s*\d+(?:\.\d+)?\s*[-~至到]\s*\d+(?:\.\d+)?\s*\D{1,3}$")


def range_high_to_low(doc, options):
    """Only ranges of two plain numbers before a unit (12-4层): where a magnitude or a Chinese
    numeral is in play (二百八十万到三百万千瓦), the written order says nothing certain."""
    for n in doc.non_quantities:
        if (n.kind == "range" and n.unit and n.lower is not None and n.upper is not None
                and n.lower > n.upper and _PLAIN_RANGE.match(fold(n.text))):
            yield Hit(n.start, n.end, {"range": n.text, "low": decimal_str(n.lower), "high": decimal_str(n.upper)})


BUILTINS = {
    "date-order": Builtin(NAMES, _validate, generated_after_published),
    "as-of-after-published": Builtin(NAMES, _validate, as_of_after_published),
    "range-order": Builtin(NAMES, _validate, range_high_to_low),
}
