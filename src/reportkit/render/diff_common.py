"""What every diff renderer shows the same way: a quantity's name, numbers as written, notes."""

from __future__ import annotations

from decimal import Decimal

from ..diff.features import informative_label
from ..diff.intervals import display_number
from ..models import Document, Quantity

MAX_NAME = 24


def name(doc: Document, q: Quantity | None) -> str:
    """What the quantity counts, for a table cell: verb + label, else (a label of one character
    or only the verb says nothing) the words before it."""
    if q is None:
        return ""
    if q.label and informative_label(q):
        text = f"{q.verb}{q.label}" if q.verb and q.verb not in q.label else q.label
    else:
        text = _words_before(doc, q)
    return text if len(text) <= MAX_NAME else text[: MAX_NAME - 1] + "…"


def _words_before(doc: Document, q: Quantity) -> str:
    start = q.start
    while start > 0 and q.start - start < MAX_NAME and doc.text[start - 1] not in "，,。；;：:、\n":
        start -= 1
    return doc.text[start:q.start].strip()


def written(q: Quantity | None) -> str:
    return q.text if q is not None else ""


def number(value: Decimal | None, places: int = 2) -> str:
    return "" if value is None else str(display_number(value, places))


def pct(value: Decimal | None) -> str:
    if value is None:
        return ""
    shown = display_number(value, 1)
    return f"+{shown}%" if value > 0 else f"{shown}%"


def location(q: Quantity | None) -> str:
    return f"{q.line}:{q.col}" if q is not None else ""
