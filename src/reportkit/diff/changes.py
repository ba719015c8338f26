"""The change between two aligned quantities, honest about what the qualifiers allow.

1900余件 → 2100件: OLD lies in [1900, 2000), so the change lies in (+100, +200] — the
point difference +200 is only an upper bound, and the note says so ("at most +200件").
``delta`` is exact in base units; the note says it in the figures' own magnitude (+4000亿元).
"""

from __future__ import annotations

from decimal import Decimal

from ..numbers.magnitude import in_magnitude
from .intervals import base, bounds, display_number, is_rate, tidy, written_units
from .model import Change


def compute(old, new) -> Change:
    """``new − old`` in base units; rates (%, 个百分点) change in percentage points."""
    delta = tidy(base(new) - base(old))
    a, b = bounds(old), bounds(new)
    low = None if b.lo is None or a.hi is None else tidy(b.lo - a.hi)
    high = None if b.hi is None or a.lo is None else tidy(b.hi - a.lo)
    rate = is_rate(old)
    unit = "个百分点" if rate else (new.base_unit or new.unit)
    pct = None
    if not rate and base(old) != 0:
        pct = (delta / abs(base(old)) * 100).quantize(Decimal("0.01"))
    direction = "up" if delta > 0 else "down" if delta < 0 else "same"
    certain = _certain(direction, low, high)
    units = [] if rate else written_units(old, new)
    note = _note(delta, low, high, lambda v: _say(v, unit, units, rate), certain)
    return Change(delta, unit, low, high, pct, direction, certain, note)


def _say(value: Decimal, unit: str, units, rate: bool) -> str:
    """Rates in points as computed (+0.8个百分点); amounts in their written magnitude."""
    return signed(value) + unit if rate else in_magnitude(value, unit, units, signed=True)


def _certain(direction: str, low, high) -> bool:
    if direction == "up":
        return low is not None and low > 0
    if direction == "down":
        return high is not None and high < 0
    return low == 0 and high == 0


def _note(delta, low, high, shown, certain) -> str:
    """``shown(value)``: the value as a reader says it (+4000亿元, +0.2个百分点)."""
    point = shown(delta)
    if low == high == delta:
        return point
    if high == delta and (low is None or low < delta):
        return f"at most {point}"
    if low == delta and (high is None or high > delta):
        return f"at least {point}"
    return f"about {point}" if certain or delta == 0 else f"about {point} (direction uncertain)"


def signed(value: Decimal) -> str:
    shown = display_number(value)
    return f"+{shown}" if value > 0 else str(shown)
