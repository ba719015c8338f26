"""The unit lexicon of data/units.yaml: dimension, base unit and exact factor of every unit.

``match_unit`` finds the longest listed unit at a position of folded text; ``lookup_unit``
also understands a magnitude prefix written before a unit (万人次, 万亿斤, 百万千瓦) and a bare
magnitude (万 → dimension ``number``); ``to_base`` converts a value to its base unit.
"""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache

from ..data import load_yaml
from ..models import record
from .numerals import EXACT as _EXACT

NUMBER = "number"  # the dimension of a bare number or a bare magnitude (2.25万)


@record
class UnitInfo:
    unit: str  # as written, magnitude included: 万人次
    dimension: str
    base_unit: str
    factor: Decimal  # one written unit in base units: 万人次 → 1E+4
    weak: bool = False  # commonly part of a word (年度, 一期): confirm from context


@record
class UnitMatch:
    start: int
    end: int
    unit: str
    dimension: str
    base_unit: str
    factor: Decimal
    weak: bool = False


def _factor(raw, where: str) -> Decimal:
    if isinstance(raw, bool) or not isinstance(raw, (int, str)):
        raise ValueError(f"units.yaml: {where}: factor must be an integer or a string, not {raw!r}")
    return Decimal(str(raw)).normalize()  # 10000 → 1E+4: 238.16 × 1E+4 prints as 2381600


@lru_cache(maxsize=1)
def _lexicon() -> tuple[dict[str, UnitInfo], dict[str, int], int]:
    data = load_yaml("units.yaml")
    magnitudes = {k: int(v) for k, v in data["magnitudes"].items()}
    table: dict[str, UnitInfo] = {}
    for dimension, spec in data["dimensions"].items():
        for unit, raw in spec["units"].items():
            entry = raw if isinstance(raw, dict) else {"factor": raw}
            base = entry.get("base") or (unit if spec["base"] == "self" else spec["base"])
            if unit in table:
                raise ValueError(f"units.yaml: {unit} is listed twice")
            table[unit] = UnitInfo(unit, dimension, base, _factor(entry.get("factor", 1), unit),
                                   bool(entry.get("weak", False)))
    return table, magnitudes, max(map(len, table))


@lru_cache(maxsize=1)
def half_rule() -> tuple[frozenset[str], tuple[str, ...]]:
    """(dimensions an X半 may halve, words that 半 starts and that are not a half)."""
    data = load_yaml("units.yaml")
    return frozenset(data["halves"]), tuple(data["half_not_before"])


def units() -> dict[str, UnitInfo]:
    """Every listed unit (no magnitude combinations)."""
    return dict(_lexicon()[0])


def _magnitude_prefix_length(text: str, pos: int) -> int:
    magnitudes = _lexicon()[1]
    end = pos
    while end < len(text) and text[end] in magnitudes:
        end += 1
    return end - pos


def _with_magnitude(magnitude: str, info: UnitInfo) -> UnitInfo:
    exponent = sum(_lexicon()[1][c] for c in magnitude)
    return UnitInfo(magnitude + info.unit, info.dimension, info.base_unit,
                    _EXACT.scaleb(info.factor, exponent), info.weak)


@lru_cache(maxsize=1)
def _sizes_by_first() -> dict[str, tuple[int, ...]]:
    """The lengths of the listed units, longest first, by their first character: most
    positions start no unit and take one look-up."""
    sizes: dict[str, set[int]] = {}
    for unit in _lexicon()[0]:
        sizes.setdefault(unit[0], set()).add(len(unit))
    return {first: tuple(sorted(found, reverse=True)) for first, found in sizes.items()}


@lru_cache(maxsize=1)
def first_characters() -> frozenset[str]:
    """The characters a listed unit may start with: no unit (magnitudes aside) starts at
    any other."""
    return frozenset(_sizes_by_first())


def _longest_listed(text: str, pos: int) -> UnitInfo | None:
    if pos >= len(text):
        return None
    table = _lexicon()[0]
    for size in _sizes_by_first().get(text[pos], ()):
        info = table.get(text[pos:pos + size])  # cut short by the end: as its own size would
        if info is not None:
            return info
    return None


def match_unit(folded: str, pos: int, *, magnitudes: bool = False) -> UnitMatch | None:
    """The longest listed unit starting at ``pos`` (个百分点 beats 个, 个月 beats 个).

    With ``magnitudes=True`` a magnitude prefix may come first (万人次 as 万 + 人次). Weak
    units match too (``weak`` says so): 年度 / 市场 / 力度 context is the caller's to judge.
    """
    best = _longest_listed(folded, pos)
    if magnitudes:
        run = _magnitude_prefix_length(folded, pos)
        for k in range(1, run + 1):
            rest = _longest_listed(folded, pos + k)
            if rest is not None and (best is None or k + len(rest.unit) > len(best.unit)):
                best = _with_magnitude(folded[pos:pos + k], rest)
    if best is None:
        return None
    return UnitMatch(pos, pos + len(best.unit), best.unit, best.dimension, best.base_unit,
                     best.factor, best.weak)


@lru_cache(maxsize=4096)
def lookup_unit(unit: str) -> UnitInfo | None:
    """The unit as written, magnitude included: 元, 万元, 万人次, 万亿斤, 万 (a bare magnitude)."""
    table, magnitudes, _ = _lexicon()
    if unit in table:
        return table[unit]
    if unit == "":
        return UnitInfo("", NUMBER, "", Decimal(1))
    run = _magnitude_prefix_length(unit, 0)
    for k in range(1, run + 1):  # the shortest magnitude whose rest is listed: 万千瓦 = 万 + 千瓦
        rest = unit[k:]
        if rest in table:
            return _with_magnitude(unit[:k], table[rest])
    if run == len(unit):
        return _with_magnitude(unit, UnitInfo("", NUMBER, "", Decimal(1)))
    return None


def to_base(value: Decimal, unit: str) -> tuple[Decimal, str]:
    """(value in the base unit, base unit): (238.16, 万元) → (2381600, 元). Exact."""
    info = lookup_unit(unit)
    if info is None:
        raise ValueError(f"unknown unit {unit!r}")
    return _EXACT.multiply(value, info.factor), info.base_unit
