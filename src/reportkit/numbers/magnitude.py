"""A base-unit amount shown in the magnitude the report wrote it in.

Reports write 1.6万亿元 and 12万人; a reader of ``+1600000000000元`` counts zeros. Given an
exact Decimal in base units and the units the figures were written in (万亿元, 亿元 …),
:func:`in_magnitude` picks the largest written magnitude in which the amount is at least 1
(1000亿元 → 5000亿元: ``+4000亿元``; 1万亿元 → 5000亿元: ``-5000亿元``), steps down the
万亿 / 亿 / 万 ladder when the amount is smaller than every written unit (1.1万亿元 → 1.2万亿元:
``+1000亿元``), and keeps the value exact with trailing zeros trimmed.

Pure: no document, no quantity — Decimal in, text out.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal, localcontext

# The Chinese magnitudes a report writes before a unit, largest first.
LADDER: tuple[tuple[str, Decimal], ...] = (
    ("万亿", Decimal(10) ** 12),
    ("亿", Decimal(10) ** 8),
    ("万", Decimal(10) ** 4),
)
# Without a written unit, amounts from 10^8 are always put in 亿/万亿 (no 9-digit figure),
# smaller ones in 万 only when that reads exactly in two decimals (120000 → 12万).
_ALWAYS = Decimal(10) ** 8
_MAX_PLACES = 6  # a non-decimal factor (none in the unit table today) is rounded, not run on


def in_magnitude(value: Decimal, base_unit: str = "", written: Iterable[tuple[str, Decimal]] = (),
                 *, signed: bool = False) -> str:
    """``value`` (base units) as text with its unit, in one of the ``written`` units.

    ``written``: (unit as written, factor to the base unit) of the figures being compared,
    e.g. ``[("亿元", Decimal("1E8")), ("万亿元", Decimal("1E12"))]``. Without any, the value is
    put in 万/亿/万亿 by :func:`auto_magnitude`. ``signed`` puts ``+`` before a positive value.
    """
    number, unit = split(value, base_unit, written)
    text = plain(number) + unit
    return f"+{text}" if signed and value > 0 else text


def split(value: Decimal, base_unit: str = "", written: Iterable[tuple[str, Decimal]] = ()) -> tuple[Decimal, str]:
    """(number, unit) such that number × factor(unit) == value: the choice behind
    :func:`in_magnitude`, for callers that lay number and unit out separately."""
    units = sorted({(f, u) for u, f in written if f and f > 0}, reverse=True)
    if not units:
        return auto_magnitude(value, base_unit)
    size = abs(value)
    for factor, unit in units:
        if size >= factor:
            return _divide(value, factor), unit
    factor, unit = units[-1]  # smaller than every written unit: step down the ladder
    prefix = unit[: len(unit) - len(base_unit)] if base_unit and unit.endswith(base_unit) else None
    if value == 0 or prefix not in {p for p, _ in LADDER}:
        return _divide(value, factor), unit
    for step_prefix, step in LADDER:
        if step < factor and size >= step:
            return _divide(value, step), step_prefix + base_unit
    return _divide(value, Decimal(1)), base_unit


def auto_magnitude(value: Decimal, base_unit: str = "") -> tuple[Decimal, str]:
    """(number, unit) for an amount nobody wrote (a computed sum): 400000000000 → 4000亿,
    1600000000000 → 1.6万亿, 145000 → 14.5万; 123456 stays 123456."""
    size = abs(value)
    for prefix, factor in LADDER:
        if size >= factor:
            number = _divide(value, factor)
            if size >= _ALWAYS or _places(number) <= 2:
                return number, prefix + base_unit
    return _divide(value, Decimal(1)), base_unit


def plain(number: Decimal) -> str:
    """Exact, trailing zeros trimmed, never exponent form: 1.60 → 1.6, 4E+3 → 4000, -0 → 0."""
    if number == 0:
        return "0"
    if number == number.to_integral_value():
        return format(number.quantize(Decimal(1)), "f")
    return format(number.normalize(), "f")


def _divide(value: Decimal, factor: Decimal) -> Decimal:
    with localcontext() as ctx:
        ctx.prec = max(34, len(value.as_tuple().digits) + 14)
        number = value / factor
    if number * factor != value:  # not a power of ten: a display needs no 28 digits
        number = number.quantize(Decimal(1).scaleb(-_MAX_PLACES))
    return number


def _places(number: Decimal) -> int:
    exponent = number.normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0
