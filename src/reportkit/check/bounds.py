"""Interval arithmetic over the values a report's numbers can stand for.

A quantity is not one number but every number its wording allows: 1900余件 is any count in
[1900, 2000); 83.14% written to two decimals is any rate in [83.135, 83.145]. Arithmetic is done
on the intervals (exactly, with ``Decimal``), and a comparison answers in three values:

* ``TRUE``  — it holds for every value in the bounds,
* ``FALSE`` — it fails for every value (a *definite* violation),
* ``UNKNOWN`` — it holds for some values and fails for others (a *possible* violation).

Open ends are tracked, so 2000件 against 1900余件 ([1900, 2000)) is definitely larger.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from decimal import Decimal

INF = Decimal("Infinity")
NEG_INF = Decimal("-Infinity")
ZERO = Decimal(0)

# Dimensions whose amounts cannot be negative: an unbounded lower end means 0, not −∞.
NONNEGATIVE = frozenset(
    {"count", "money", "area", "length", "mass", "energy", "duration", "volume", "multiple"}
)


class Truth(enum.Enum):
    TRUE = "true"
    FALSE = "false"
    UNKNOWN = "unknown"

    def __invert__(self) -> "Truth":
        return {Truth.TRUE: Truth.FALSE, Truth.FALSE: Truth.TRUE}.get(self, Truth.UNKNOWN)

    @staticmethod
    def all_of(values) -> "Truth":
        values = list(values)
        if any(v is Truth.FALSE for v in values):
            return Truth.FALSE
        if all(v is Truth.TRUE for v in values):
            return Truth.TRUE
        return Truth.UNKNOWN

    @staticmethod
    def any_of(values) -> "Truth":
        return ~Truth.all_of(~v for v in values)  # De Morgan


class Undefined(Exception):
    """The expression has no value here (division by an interval that contains zero)."""


@dataclass(frozen=True, slots=True)
class Interval:
    lo: Decimal
    hi: Decimal
    lo_open: bool = False
    hi_open: bool = False

    @classmethod
    def exact(cls, value) -> "Interval":
        v = Decimal(value)
        return cls(v, v)

    @property
    def is_exact(self) -> bool:
        return self.lo == self.hi and not (self.lo_open or self.hi_open)

    def __add__(self, other: "Interval") -> "Interval":
        return Interval(self.lo + other.lo, self.hi + other.hi,
                        self.lo_open or other.lo_open, self.hi_open or other.hi_open)

    def __neg__(self) -> "Interval":
        return Interval(-self.hi, -self.lo, self.hi_open, self.lo_open)

    def __sub__(self, other: "Interval") -> "Interval":
        return self + (-other)

    def __mul__(self, other: "Interval") -> "Interval":
        ends = [
            (_mul(a, b), ao or bo)
            for a, ao in ((self.lo, self.lo_open), (self.hi, self.hi_open))
            for b, bo in ((other.lo, other.lo_open), (other.hi, other.hi_open))
        ]
        lo = min(ends, key=lambda e: (e[0], e[1]))  # a closed end wins a tie
        hi = max(ends, key=lambda e: (e[0], not e[1]))
        return Interval(lo[0], hi[0], lo[1], hi[1])

    def __truediv__(self, other: "Interval") -> "Interval":
        if other.contains_zero():
            raise Undefined("division by an amount that may be zero")
        recip = Interval(_recip(other.hi), _recip(other.lo), other.hi_open, other.lo_open)
        return self * recip

    def __abs__(self) -> "Interval":
        if self.lo >= 0:
            return self
        if self.hi <= 0:
            return -self
        hi, hi_open = (self.hi, self.hi_open) if self.hi > -self.lo else (-self.lo, self.lo_open)
        if self.hi == -self.lo:
            hi_open = self.hi_open and self.lo_open
        return Interval(ZERO, hi, False, hi_open)

    def contains_zero(self) -> bool:
        above = self.lo < 0 or (self.lo == 0 and not self.lo_open)
        below = self.hi > 0 or (self.hi == 0 and not self.hi_open)
        return above and below


def _mul(a: Decimal, b: Decimal) -> Decimal:
    if a == 0 or b == 0:
        return ZERO  # 0 × ∞ is 0 here: an unbounded end times an exact zero
    return a * b


def _recip(x: Decimal) -> Decimal:
    return ZERO if x.is_infinite() else 1 / x


def vmin(a: Interval, b: Interval) -> Interval:
    lo = min((a.lo, a.lo_open), (b.lo, b.lo_open))
    hi = min((a.hi, a.hi_open), (b.hi, b.hi_open))
    return Interval(lo[0], hi[0], lo[1], hi[1])


def vmax(a: Interval, b: Interval) -> Interval:
    lo = max((a.lo, not a.lo_open), (b.lo, not b.lo_open))
    hi = max((a.hi, not a.hi_open), (b.hi, not b.hi_open))
    return Interval(lo[0], hi[0], not lo[1], not hi[1])


# -- comparisons -----------------------------------------------------------------------------

def le(a: Interval, b: Interval) -> Truth:
    if a.hi <= b.lo:
        return Truth.TRUE
    if a.lo > b.hi or (a.lo == b.hi and (a.lo_open or b.hi_open)):
        return Truth.FALSE
    return Truth.UNKNOWN


def lt(a: Interval, b: Interval) -> Truth:
    if a.hi < b.lo or (a.hi == b.lo and (a.hi_open or b.lo_open)):
        return Truth.TRUE
    if a.lo >= b.hi:
        return Truth.FALSE
    return Truth.UNKNOWN


def eq(a: Interval, b: Interval) -> Truth:
    if a.is_exact and b.is_exact and a.lo == b.lo:
        return Truth.TRUE
    if lt(a, b) is Truth.TRUE or lt(b, a) is Truth.TRUE:
        return Truth.FALSE
    return Truth.UNKNOWN


COMPARE = {
    "<=": le,
    "<": lt,
    ">=": lambda a, b: le(b, a),
    ">": lambda a, b: lt(b, a),
    "==": eq,
    "!=": lambda a, b: ~eq(a, b),
}


# -- quantities → intervals -------------------------------------------------------------------

def last_place(value: Decimal) -> Decimal:
    """One unit in the last written place: 83.14 → 0.01, 1811 → 1, 1.4 → 0.1."""
    exponent = value.as_tuple().exponent
    if not isinstance(exponent, int):  # pragma: no cover - NaN/Infinity never come from text
        return ZERO
    return Decimal(1).scaleb(exponent)


def quantity_interval(q, *, rounding: bool = False, base: bool = True) -> Interval:
    """The values ``q`` may stand for: its qualifier bounds, optionally widened by rounding
    as written (±½ unit in the last written place), in base units unless ``base=False``."""
    nonneg = q.dimension in NONNEGATIVE and q.value >= 0
    lo = q.lower if q.lower is not None else (ZERO if nonneg else NEG_INF)
    hi = q.upper if q.upper is not None else INF
    lo_open = q.lower is not None and not q.lower_inclusive
    hi_open = q.upper is not None and not q.upper_inclusive
    if rounding:
        half = last_place(q.value) / 2
        if not lo.is_infinite():
            lo, lo_open = lo - half, False
            if nonneg and lo < 0:
                lo = ZERO
        if not hi.is_infinite():
            hi, hi_open = hi + half, False
    if base:
        factor = scale_factor(q)
        if factor != 1:
            lo, hi = _mul(lo, factor), _mul(hi, factor)
    return Interval(Decimal(lo), Decimal(hi), lo_open, hi_open)


def scale_factor(q) -> Decimal:
    """Written unit → base unit (万元 → 元: 10000)."""
    if q.base_value is None or q.value == 0:
        return Decimal(1)
    return q.base_value / q.value
