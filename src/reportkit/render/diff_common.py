"""What every diff renderer shows the same way: a quantity's name, numbers as written, notes,
and computed amounts in the magnitude the report wrote them in (+4000亿元, not +400000000000元)."""

from __future__ import annotations

from decimal import Decimal

from ..diff.features import describe
from ..diff.intervals import display_number, is_rate, written_units
from ..diff.model import ClaimCheck, TargetCheck
from ..models import Document, Quantity
from ..numbers.magnitude import in_magnitude, plain

MAX_NAME = 24


def name(doc: Document, q: Quantity | None) -> str:
    """What the quantity counts, for a table cell (see ``features.describe``), cut to fit."""
    if q is None:
        return ""
    text = describe(doc, q, MAX_NAME)
    return text if len(text) <= MAX_NAME else text[: MAX_NAME - 1] + "…"


def written(q: Quantity | None) -> str:
    return q.text if q is not None else ""


def number(value: Decimal | None, places: int = 2) -> str:
    """A bare number rounded for display. Not for base-unit amounts (1600000000000): those go
    through :func:`amount`, claims through :func:`claim_value`, target bounds :func:`bound`."""
    return "" if value is None else str(display_number(value, places))


def pct(value: Decimal | None) -> str:
    if value is None:
        return ""
    shown = display_number(value, 1)
    return f"+{shown}%" if value > 0 else f"{shown}%"


def location(q: Quantity | None) -> str:
    return f"{q.line}:{q.col}" if q is not None else ""


def amount(value: Decimal | None, base_unit: str, *written: Quantity | None, signed: bool = False) -> str:
    """A computed base-unit amount in the magnitude of the ``written`` quantities (1.6万亿元)."""
    if value is None:
        return ""
    return in_magnitude(value, base_unit, written_units(*written), signed=signed)


CLAIM_UNITS = {"growth": "%", "share": "%", "points": "个百分点"}


def claim_value(c: ClaimCheck, value: Decimal) -> str:
    """A claim's stated or implied figure with its unit: 20%, 1个百分点, 1.6万亿元."""
    if c.kind == "difference":
        return amount(value, c.level.base_unit, c.claim, c.level, c.base)
    return plain(display_number(value)) + CLAIM_UNITS.get(c.kind, "")


def base_text(c: ClaimCheck) -> str:
    """The base as written, marked when it is last year's figure OLD quotes (2000个 (quoted))."""
    return f"{c.base.text} (quoted)" if c.base_source == "quoted" else c.base.text


def bound(t: TargetCheck) -> str:
    """The number a target holds the actual to, as the plan would write it (1200万人)."""
    if t.bound is None:
        return ""
    if is_rate(t.target):
        return plain(t.bound) + t.target.unit
    return amount(t.bound, t.target.base_unit, t.target)
