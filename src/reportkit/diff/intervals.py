"""Small bound-aware helpers: a quantity as an interval in its base unit.

Kept here rather than shared with ``check`` on purpose: diff needs only these few operations,
and the two packages are built in parallel.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ..models import Quantity

PERCENT_DIMENSIONS = frozenset({"percent", "percentage-point"})


@dataclass(frozen=True, slots=True)
class Interval:
    """[lo, hi] with open/closed ends; None is unbounded on that side."""

    lo: Decimal | None
    hi: Decimal | None
    lo_incl: bool = True
    hi_incl: bool = True

    def widen(self, by: Decimal) -> Interval:
        return Interval(None if self.lo is None else self.lo - by,
                        None if self.hi is None else self.hi + by, self.lo_incl, self.hi_incl)

    def overlaps(self, other: Interval) -> bool:
        return not (_below(self, other) or _below(other, self))


def _below(a: Interval, b: Interval) -> bool:
    """Everything in a lies below everything in b."""
    if a.hi is None or b.lo is None:
        return False
    return a.hi < b.lo or (a.hi == b.lo and not (a.hi_incl and b.lo_incl))


def factor(q: Quantity) -> Decimal:
    """Written unit → base unit (万元 → 10000). 1 when the model gives no conversion."""
    if q.base_value is None or q.value == 0:
        return Decimal(1)
    return q.base_value / q.value


def base(q: Quantity) -> Decimal:
    return q.base_value if q.base_value is not None else q.value


def bounds(q: Quantity) -> Interval:
    """The qualifier's bounds (1900余件 → [1900, 2000)) in base units. A quantity without a
    qualifier and without bounds is exact."""
    f = factor(q)
    if q.lower is None and q.upper is None and not q.qualifier:
        v = base(q)
        return Interval(v, v)
    return Interval(None if q.lower is None else q.lower * f,
                    None if q.upper is None else q.upper * f,
                    q.lower_inclusive, q.upper_inclusive)


def half_ulp(value: Decimal) -> Decimal:
    """Half a unit of the last written digit: 83.14 → 0.005, 1900 → 0.5, 1.4 → 0.05."""
    exponent = value.as_tuple().exponent
    if not isinstance(exponent, int):  # NaN or infinity: nothing to widen
        return Decimal(0)
    return Decimal(5).scaleb(exponent - 1)


def rounded_bounds(q: Quantity) -> Interval:
    """``bounds`` widened by the rounding of what was written (1.4万亿 covers 1.35–1.45万亿)."""
    return bounds(q).widen(half_ulp(q.value) * factor(q))


def written_units(*quantities: Quantity | None) -> list[tuple[str, Decimal]]:
    """(unit as written, factor to base) of the quantities: the magnitudes a display may use."""
    return [(q.unit, factor(q)) for q in quantities
            if q is not None and q.unit and q.base_value is not None and not is_rate(q)]


def is_rate(q: Quantity) -> bool:
    return q.dimension in PERCENT_DIMENSIONS


def display_number(value: Decimal, places: int = 2) -> Decimal:
    """Round for display only; integers stay integers (2.00 → 2)."""
    rounded = value.quantize(Decimal(1).scaleb(-places))
    if rounded == rounded.to_integral_value():
        return rounded.quantize(Decimal(1))
    return rounded.normalize()


def tidy(value: Decimal | None) -> Decimal | None:
    """Drop trailing zeros a conversion left (28600.0000 → 28600) without exponent form."""
    if value is None:
        return None
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()
