"""Numerals: a linear-time lexer over folded text and a parser for one whole number.

``scan_numbers`` yields every numeral token of a text (Arabic, Chinese, financial and mixed
forms, 百分之X, X分之Y) for the document extractor to classify; ``parse_number`` reads one
whole string. Both run the same atom-by-atom state machine (``_Numeral``), so they agree.

Values are exact ``Decimal``s; the written precision survives (14.70万 → coefficient 14.70).
A token keeps its magnitude apart: 1.4万亿 → coefficient 1.4, magnitude 万亿, value 1.4E+12.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import MAX_EMAX, MAX_PREC, MIN_EMIN, Context, Decimal, Inexact
from functools import lru_cache
from typing import Iterator

from ..compiled import compile_re
from ..models import record
from ..text.normalize import fold

# --- tables ----------------------------------------------------------------------------------

DIGITS = {
    "零": 0, "〇": 0,
    "一": 1, "壹": 1, "二": 2, "贰": 2, "两": 2, "俩": 2, "三": 3, "叁": 3, "四": 4, "肆": 4,
    "五": 5, "伍": 5, "六": 6, "陆": 6, "七": 7, "柒": 7, "八": 8, "捌": 8, "九": 9, "玖": 9,
}
ZEROS = "零〇"
CARDINAL_ONLY = "两俩"  # 2 as a count: never in digit-by-digit years, never after 点
PLACES = {"十": 1, "拾": 1, "百": 2, "佰": 2, "千": 3, "仟": 3}  # exponents
MAGNITUDES = {"万": 4, "亿": 8}
ZHAO = {"兆": 12}  # parse_number only: in running text 兆 is mega (兆瓦), not 10^12
POINT = "点"
INNER_QUALIFIERS = "余多几"
HALF = "半"  # 半年 (0.5 年), 半成; after a unit X半 is read by expressions (一年半)  # 1900余, 五百余万, 20多万, 二十几万
SIGN_WORD = "负"
# A +/- is a sign only after one of these (or at the start): never inside 5-9 or 2023-06-28.
SIGN_AFTER = set(" \t\r\n([{【〔《“\"'‘:,、;=为比")
PERCENT_HEADS = {"百": "percent", "佰": "percent", "千": "permille", "仟": "permille"}

# Exact arithmetic: integers and finite decimals never round under this context.
EXACT = _EXACT = Context(prec=MAX_PREC, Emax=MAX_EMAX, Emin=MIN_EMIN)
_RATIO_PRECISION = 28  # significant digits kept when X分之Y does not terminate

_ARABIC_INT = compile_re(r"[0-9]+")
_THOUSANDS = compile_re(r"(?:,[0-9]{3}(?![0-9]))+")
_DOTTED_TAIL = compile_re(r"(?:\.[0-9]+)+")
_MIXED_ARABIC = compile_re(r"([0-9]+)\s+([0-9]+/[0-9]+)")  # 1 3/5
_START_RE = compile_re("[" + re.escape("0123456789" + "".join(DIGITS) + "".join(PLACES)
                                        + "".join(MAGNITUDES) + SIGN_WORD + "+-" + HALF) + "]")
# 半 alone is an amount of one half only before these units, and not as part of a period word
# (上半年, 下半年, 前半年, 每半年, 过半, 一半) or a half-year report (半年度, 半年工作总结).
_HALF_AMOUNT = compile_re(
    r"(?<![这那每本大多过余一二三四五六七八九十百千万亿两零〇0-9])"
    r"(?:(?<![上下前后])半(?=个月|年(?!度|报|工作|总结|考核|小结|的工作))|半(?=个?小时|天|成(?!品)|折|倍))")
# After an Arabic number these may continue the numeral: 3千, 35万, 1900余, 3分之1.
_ARABIC_CONTINUES = frozenset("".join(PLACES) + "".join(MAGNITUDES) + INNER_QUALIFIERS + "分")
# After a Chinese digit these may continue the numeral; any other character ends it there, so
# the lone 一 of 一个 / 统一 (most Chinese tokens of a report) takes the fast path.
_CHINESE_CONTINUES = frozenset("".join(DIGITS) + "".join(PLACES) + "".join(MAGNITUDES)
                               + "".join(ZHAO) + POINT + INNER_QUALIFIERS + "分之又.0123456789")
_LONE_DIGIT = {ch: Decimal(v) for ch, v in DIGITS.items()}
# A short numeral of Chinese characters; 分 only in 分之 (百分比, 百分点 are words). Short: a
# longer run is left to the reader, so that no run is matched again at every token inside it.
_CHINESE_NUMERAL = compile_re("(?:[" + "".join(DIGITS) + "".join(PLACES) + "".join(MAGNITUDES)
                              + INNER_QUALIFIERS + POINT + "]|分之){1,12}")
# A run of digits read one by one (一九五八); 两 and 俩 count, never spell a digit
_AS_ARABIC = str.maketrans({ch: str(d) for ch, d in DIGITS.items()})
_DIGIT_BY_DIGIT = compile_re("[" + "".join(ch for ch in DIGITS if ch not in CARDINAL_ONLY) + "]+")
_HALF_VALUE = Decimal("0.5")
_BLANKS = " \t\u3000\r\n"  # \u3000 folds to a space; kept for unfolded input
_MAX_GAP = 4  # a longer blank separates two things, not the parts of one number
# What may follow a lone Chinese digit (the 一 of 一个, 统一: most tokens of a report): a
# character that continues no numeral, not even across a blank.
_NOT_AFTER_LONE = _CHINESE_CONTINUES | frozenset(_BLANKS)


@record
class NumberToken:
    """One numeral in folded text. Offsets index the string given to ``scan_numbers``.

    ``end`` covers a trailing magnitude and an inner qualifier (五百余万, 两万余, 1900余).
    ``value`` = ``coefficient`` × 10^magnitude; for form percent/permille it is the number
    of percent/permille (百分之22 → 22); for form fraction it is Y/X (三分之一 → 0.333…).
    """

    start: int
    end: int
    text: str
    value: Decimal
    coefficient: Decimal
    magnitude: str  # '' or as written: 万 亿 万亿 万万, after Arabic also 千 百 千万 百万
    magnitude_start: int  # == end when there is no magnitude
    inner_qualifier: str | None  # 余 多 几
    inner_qualifier_start: int | None
    script: str  # arabic | chinese | mixed
    form: str  # plain | percent | permille | fraction
    decimals: int  # digits after the decimal point of the coefficient as written
    after_zero: bool = False  # the qualifier follows 零 (一百零几 → the units digit is vague)


# --- atoms -----------------------------------------------------------------------------------
# An atom is (kind, start, end, payload). Kinds: ar (Arabic number), dg (Chinese digit),
# zero, place (十百千), mag (万亿兆), frac (点 + digits), qual (余多几).


@record
class _Arabic:
    value: Decimal
    is_int: bool
    int_digits: int  # digits before the point, separators excluded
    zeros_only: bool  # "0", "00": a 〇 inside 二0二三
    decimals: int


def _read_arabic(s: str, i: int, n: int, allow_decimal: bool) -> tuple[int, _Arabic, int]:
    """Digits with thousands separators and an optional decimal part.

    Returns (end, atom, dotted_end): dotted_end > end when a dotted run (2023.06.28, 1.2.3)
    starts here; then only the integer is read and no dot of the run is a decimal point.
    """
    j = _ARABIC_INT.match(s, i, n).end()
    int_digits = j - i
    if int_digits <= 3 and j < n and s[j] == ",":
        groups = _THOUSANDS.match(s, j, n)
        if groups:
            int_digits += (groups.end() - j) // 4 * 3
            j = groups.end()
    dotted_end = j
    decimals = 0
    if allow_decimal and j + 1 < n and s[j] == "." and "0" <= s[j + 1] <= "9":
        k = _ARABIC_INT.match(s, j + 1, n).end()
        if k + 1 < n and s[k] == "." and "0" <= s[k + 1] <= "9":
            dotted_end = _DOTTED_TAIL.match(s, j, n).end()
        else:
            decimals = k - j - 1
            j = k
    text = s[i:j].replace(",", "")
    atom = _Arabic(Decimal(text), decimals == 0, int_digits, decimals == 0 and not text.strip("0"),
                   decimals)
    return j, atom, dotted_end


def _one_character_atoms() -> dict[str, tuple[str, object]]:
    """(kind, payload) of every character that is an atom by itself."""
    atoms: dict[str, tuple[str, object]] = {}
    atoms.update((ch, ("qual", ch)) for ch in INNER_QUALIFIERS)
    atoms.update((ch, ("mag", exp)) for ch, exp in MAGNITUDES.items())
    atoms.update((ch, ("place", exp)) for ch, exp in PLACES.items())
    atoms.update((ch, ("dg", (d, ch in CARDINAL_ONLY))) for ch, d in DIGITS.items())
    atoms.update((ch, ("zero", 0)) for ch in ZEROS)
    return atoms


_ONE_CHARACTER_ATOMS = _one_character_atoms()


def _next_atom(s: str, i: int, n: int, allow_decimal: bool, allow_zhao: bool):
    """The atom at i, or None. Returns (kind, start, end, payload, dotted_end)."""
    ch = s[i]
    one = _ONE_CHARACTER_ATOMS.get(ch)
    if one is not None:
        kind, payload = one
        if kind == "place" and s.startswith("分点", i + 1):  # 3百分点, 百分点: the unit, not a place value
            return None
        return kind, i, i + 1, payload, 0
    if "0" <= ch <= "9":
        j, atom, dotted = _read_arabic(s, i, n, allow_decimal)
        return "ar", i, j, atom, dotted
    if allow_zhao and ch in ZHAO:
        return "mag", i, i + 1, ZHAO[ch], 0
    if ch == POINT:
        j = i + 1
        while j < n and s[j] in DIGITS and s[j] not in CARDINAL_ONLY:
            j += 1
        if j == i + 1:
            return None
        digits = "".join(str(DIGITS[c]) for c in s[i + 1:j])
        return "frac", i, j, Decimal("0." + digits), 0
    return None


# --- the state machine -------------------------------------------------------------------------


class _Numeral:
    """Feeds atoms left to right; ``feed`` is False at the first atom that cannot continue.

    parts: (level exponent, value) for groups closed by 万/亿/兆, strictly decreasing levels.
    section: the running sum below 万; pending: the last digit (or Arabic number) not yet
    multiplied by a place.
    """

    __slots__ = ("parts", "section", "pending", "pending_kind", "pending_after_mult", "pending_two",
                 "last_exp", "last_place", "prev", "count", "after_zero", "frozen", "qual",
                 "digit_mode", "digits", "has_zero", "implicit_mag")

    def __init__(self):
        self.parts: list[list] = []
        self.section = Decimal(0)
        self.pending: Decimal | None = None
        self.pending_kind = ""  # cn | ar | ar-fill | ar-short | zero-start
        self.pending_after_mult = False
        self.last_exp: int | None = None  # exponent of the last place or magnitude
        self.last_place: int | None = None
        self.prev = ""
        self.count = 0
        self.after_zero = False
        self.frozen = False  # a decimal was read: no more digits
        self.qual = False
        self.digit_mode = False
        self.digits: list[str] = []
        self.has_zero = False
        self.implicit_mag = False  # started with a bare 万/亿: only 万亿 may follow
        self.pending_two = False  # the pending digit is 两/俩

    def feed(self, kind: str, payload) -> bool:
        ok = _FEEDERS[kind](self, payload)
        if ok:
            self.count += 1
            self.prev = kind
        return ok

    def _no_mult_yet(self) -> bool:
        return self.last_exp is None and not self.parts and self.pending_kind in ("cn", "zero-start")

    def _enter_digit_mode(self, *more: str) -> bool:
        first = "0" if self.pending_kind == "zero-start" else str(int(self.pending))
        self.digit_mode = True
        self.digits = [first, *more]
        self.has_zero = "0" in self.digits
        return True

    def _ar(self, a: _Arabic) -> bool:
        if self.digit_mode:
            if not a.zeros_only:
                return False
            self.digits.extend("0" * a.int_digits)
            self.has_zero = True
            return True
        if self.qual or self.frozen or self.implicit_mag:
            return False
        if self.pending is not None or self.pending_kind == "zero-start":
            if a.zeros_only and self._no_mult_yet() and self.count == 1 and not self.pending_two:
                return self._enter_digit_mode(*("0" * a.int_digits))
            return False
        if self.count == 0:
            self.pending, self.pending_kind = a.value, "ar"
            self.frozen = not a.is_int
            return True
        if not a.is_int or self.last_exp is None or a.value >= 10 ** self.last_exp:
            return False
        # 3万4000 fills the places below 万 exactly; 1千零20 follows a 零; 5万4千 gets a place.
        fill = a.int_digits == self.last_exp
        self.pending = a.value
        self.pending_kind = "ar-fill" if (fill or self.after_zero) else "ar-short"
        return True

    def _dg(self, payload: tuple[int, bool]) -> bool:
        d, two = payload
        if self.digit_mode:
            if two:
                return False
            self.digits.append(str(d))
            return True
        if self.qual or self.frozen or self.implicit_mag:
            return False
        if self.pending is not None or self.pending_kind == "zero-start":
            if self._no_mult_yet() and self.count == 1 and not two and not self.pending_two:
                return self._enter_digit_mode(str(d))
            return False
        self.pending = Decimal(d)
        self.pending_kind = "cn"
        self.pending_two = two
        self.pending_after_mult = self.prev in ("place", "mag") and not self.after_zero
        return True

    def _zero(self, _payload) -> bool:
        if self.digit_mode:
            self.digits.append("0")
            self.has_zero = True
            return True
        if self.qual or self.frozen or self.implicit_mag:
            return False
        if self.pending is not None or self.pending_kind == "zero-start":
            if self._no_mult_yet() and self.count == 1 and not self.pending_two:
                return self._enter_digit_mode("0")
            return False
        if self.count == 0:
            self.pending_kind = "zero-start"
            return True
        self.after_zero = True
        return True

    def _place(self, exp: int) -> bool:
        if self.digit_mode or self.qual or self.implicit_mag:
            return False
        if self.last_place is not None and exp >= self.last_place:
            return False
        if self.pending is None:
            # 十二, 百三, 千三, 零十: an implicit 1 only at the start or after 零, never after
            # a magnitude (3万千瓦 is 3万 + 千瓦)
            # 一百十八 (118), 四百十二万: the old writing of 一十 after a higher place
            ten_after_place = exp == 1 and self.prev == "place"
            if not (self.count == 0 or self.prev == "zero" or self.pending_kind == "zero-start"
                    or ten_after_place):
                return False
            coefficient = Decimal(1)
        else:
            if self.pending_kind != "ar" and self.pending_kind != "cn":
                # an Arabic number after a magnitude takes a place only as one digit: 5万4千
                if not (self.pending_kind.startswith("ar") and 1 <= self.pending <= 9):
                    return False
            if self.frozen and self.count > 1:
                return False
            coefficient = self.pending
        self.section = _EXACT.add(self.section, _EXACT.scaleb(coefficient, exp))
        self.pending, self.pending_kind = None, ""
        self.last_place = self.last_exp = exp
        self.after_zero = False
        return True

    def _mag(self, exp: int) -> bool:
        if self.digit_mode:
            return False
        if self.prev == "mag" and self.parts:
            # 万亿, 万万: the magnitudes multiply; 亿万 is a word (亿万农民), not a number
            level, value = self.parts[-1]
            if exp < level:
                return False
            new_level = level + exp
            if any(lv <= new_level for lv, _ in self.parts[:-1]):
                return False
            self.parts[-1] = [new_level, _EXACT.scaleb(value, exp)]
            self.last_exp = new_level
            return True
        if self.implicit_mag or self.pending_kind == "zero-start":
            return False
        if self.after_zero and self.pending is None and not self.qual:
            return False  # 一千零万 is unfinished; 一百零几万 is fine
        group = self.section if self.pending is None else _EXACT.add(self.section, self.pending)
        below = [v for lv, v in self.parts if lv < exp]
        above = [p for p in self.parts if p[0] >= exp]
        if any(lv <= exp for lv, _ in above):
            return False
        if self.count == 0:
            group = Decimal(1)
            self.implicit_mag = True
        elif group == 0 and not below:
            return False
        for v in below:
            group = _EXACT.add(group, v)
        self.parts = above + [[exp, _EXACT.scaleb(group, exp)]]
        self.section = Decimal(0)
        self.pending, self.pending_kind = None, ""
        self.last_exp, self.last_place = exp, None
        self.after_zero = False
        return True

    def _frac(self, fraction: Decimal) -> bool:
        if self.digit_mode or self.qual or self.frozen or self.count == 0:
            return False
        if self.pending_kind.startswith("ar"):
            return False  # 3点5 is not a number
        if self.after_zero and self.pending is None:
            return False
        whole = self.value()
        self.parts = []
        self.section = _EXACT.add(whole, fraction)
        self.pending, self.pending_kind = None, ""
        self.frozen = True
        self.last_place = 0  # no place may follow 三点五; a magnitude may (三点五亿)
        return True

    def _qual(self, _ch: str) -> bool:
        if self.qual or self.digit_mode:
            return False
        if self.prev not in ("place", "mag", "zero", "ar"):
            return False  # 一多, 三余 are words; 十余, 20多, 一百零几, 两万余 are numbers
        self.qual = True
        return True

    def accepting(self) -> bool:
        if self.count == 0:
            return False
        if self.digit_mode:
            return len(self.digits) >= 3 or self.has_zero
        if self.prev == "zero" and self.count > 1:
            return False  # 一百零 is unfinished
        if self.pending_kind == "ar-short":
            return False  # 3万4 is 3万 then 4
        if self.pending_kind == "cn" and self.pending_two and self.pending_after_mult:
            return False  # 两万两 is 两万 + the weight unit 两, not 22000 (两万两千 is)
        return True

    def value(self) -> Decimal:
        if self.digit_mode:
            return Decimal("".join(self.digits))
        total = self.section
        for _, v in self.parts:
            total = _EXACT.add(total, v)
        if self.pending is not None:
            pending = self.pending
            if self.pending_kind == "cn" and self.pending_after_mult and self.last_exp:
                # 两千三 = 2300, 一万五 = 15000, 九十二万四 = 924000: the next place down
                pending = _EXACT.scaleb(pending, self.last_exp - 1)
            total = _EXACT.add(total, pending)
        return total


_FEEDERS = {kind: getattr(_Numeral, "_" + kind) for kind in ("ar", "dg", "zero", "place", "mag", "frac", "qual")}


# --- reading numerals ------------------------------------------------------------------------


@dataclass(slots=True)
class _Read:
    start: int
    end: int
    atoms: list
    value: Decimal
    qual: tuple[str, int] | None
    dotted_end: int


def _feed_all(atoms) -> _Numeral:
    machine = _Numeral()
    for kind, _s, _e, payload in atoms:
        if not machine.feed(kind, payload):
            raise AssertionError("accepted atoms must re-feed")  # pragma: no cover
    return machine


def _gap_end(s: str, pos: int, n: int) -> int:
    """End of the blank run at pos (spaces, tabs, at most one line break), or pos."""
    j, breaks = pos, 0
    while j < n and j - pos < _MAX_GAP and s[j] in _BLANKS:
        breaks += s[j] == "\n"
        j += 1
    return pos if breaks > 1 or j == n else j


def _gap_joins(prev_kind: str, kind: str) -> bool:
    """May a blank inside a numeral join these atoms? PDF text layers write 一百 五 十 二 and
    7 万5 千4 百, and break lines inside numbers (一百五\n十二户): a place or a magnitude
    continues across the blank, and a digit after one or after 零; two digits never join
    (1 2 3, 一 二 三 may be a list or cells of a table). A line ends in a numeral without
    punctuation only when a text layer broke it."""
    digits = ("ar", "dg", "zero")
    return not (prev_kind in digits and kind in digits and prev_kind != "zero" or kind == "frac")


def _read_numeral(s: str, i: int, n: int, allow_decimal: bool, allow_zhao: bool) -> _Read | None:
    """The longest numeral starting at i (no sign, no 分之); blanks may stand between atoms."""
    machine = _Numeral()
    atoms: list = []
    best = None
    dotted_end = i
    pos = i
    while pos < n:
        at = pos
        if s[pos] in _BLANKS and atoms:
            at = _gap_end(s, pos, n)
            if at == pos:
                break
        got = _next_atom(s, at, n, allow_decimal, allow_zhao)
        if got is None:
            break
        kind, a, b, payload, dotted = got
        if at != pos and not _gap_joins(atoms[-1][0], kind):
            break
        if not machine.feed(kind, payload):
            break
        atoms.append((kind, a, b, payload))
        if kind == "ar":
            dotted_end = max(dotted_end, dotted)
        pos = b
        if machine.accepting():
            best = (b, len(atoms))
        if dotted > b:
            break  # 2023.06.28: the dot ends the numeral
    if machine.digit_mode and len(atoms) == 2 and s.startswith("折", atoms[1][2]):
        best = (atoms[1][2], 2)  # 七五折: two digits before 折 (7.5折, read by the unit)
    if best is None:
        return None
    end, count = best
    atoms = atoms[:count]
    # the value once, at the end: per accepted atom it would be quadratic on 一二三四… runs
    value = machine.value() if count == machine.count else _feed_all(atoms).value()
    qual = None
    if machine.qual:
        qual = next(((s[a], a) for kind, a, _b, _p in atoms if kind == "qual"), None)
    return _Read(i, end, atoms, value, qual, dotted_end)


def _split_magnitude(s: str, read: _Read):
    """(coefficient, magnitude text, magnitude start, decimals) of a plain numeral."""
    core = [a for a in read.atoms if a[0] != "qual"]
    decimals = 0
    for kind, a, b, payload in core:
        if kind == "ar":
            decimals += payload.decimals
        elif kind == "frac":
            decimals += b - a - 1
    k = len(core)
    if core[0][0] == "ar" and all(a[0] in ("place", "mag") for a in core[1:]):
        k = 1  # 5百万, 3千, 1.4万亿: everything after the Arabic number is the magnitude
    else:
        while k > 0 and core[k - 1][0] == "mag":
            k -= 1
    if k == 0 or k == len(core):
        return read.value, "", read.end, decimals
    if core[0][0] == "ar" and k == 1:
        coefficient = core[0][3].value  # as written: 14.70 stays 14.70
    else:
        coefficient = _feed_all(core[:k]).value()
    magnitude = "".join(s[a[1]:a[2]] for a in core[k:])
    if _EXACT.scaleb(coefficient, _exponent(magnitude)) != read.value:
        return read.value, "", read.end, decimals  # 四十五亿四千零四万: 万 closes only a part
    return coefficient, magnitude, core[k][1], decimals


def _script(atoms) -> str:
    kinds = {a[0] for a in atoms if a[0] != "qual"}
    if kinds == {"ar"}:
        return "arabic"
    return "mixed" if "ar" in kinds else "chinese"


def _divide(numerator: Decimal, denominator: Decimal) -> Decimal:
    digits = len(numerator.as_tuple().digits) + len(denominator.as_tuple().digits)
    ctx = Context(prec=max(_RATIO_PRECISION, 4 * digits), Emax=MAX_EMAX, Emin=MIN_EMIN)
    result = ctx.divide(numerator, denominator)
    if ctx.flags[Inexact]:
        result = Context(prec=_RATIO_PRECISION).plus(result)
    return result


def _read_token(s: str, i: int, n: int, allow_decimal: bool, allow_zhao: bool):
    """(NumberToken fields without sign, dotted_end) for the numeral at i, or None."""
    ch = s[i]
    if ch in PERCENT_HEADS and s.startswith("分之", i + 1):
        y = _read_numeral(s, i + 3, n, allow_decimal, allow_zhao)
        if y is None:
            return None
        return _fraction_token(s, i, y, PERCENT_HEADS[ch], y.value, [("place", i, i + 1, 2)] + y.atoms)
    x = _read_numeral(s, i, n, allow_decimal, allow_zhao)
    if x is None:
        return None
    if x.qual is None and s.startswith("分之", x.end) and x.value != 0:
        y = _read_numeral(s, x.end + 2, n, allow_decimal, allow_zhao)
        if y is not None:
            return _fraction_token(s, i, y, "fraction", _divide(y.value, x.value), x.atoms + y.atoms)
    if x.end == i + 1 and ch in PERCENT_HEADS and s.startswith("分", i + 1):
        return None  # 百分比, 千分制: a word, not a number
    coefficient, magnitude, mag_start, decimals = _split_magnitude(s, x)
    coefficient = _plain(coefficient)
    value = _plain(x.value) if not magnitude else _EXACT.scaleb(coefficient, _exponent(magnitude))
    q, q_start = x.qual if x.qual else (None, None)
    after_zero = q is not None and s[q_start - 1] in ZEROS
    fields = dict(start=i, end=x.end, value=value, coefficient=coefficient, magnitude=magnitude,
                  magnitude_start=mag_start if magnitude else x.end, inner_qualifier=q,
                  inner_qualifier_start=q_start, script=_script(x.atoms), form="plain",
                  decimals=decimals, after_zero=after_zero)
    return fields, x.dotted_end


def _plain(value: Decimal) -> Decimal:
    """Integers in plain notation (1900, not 1.9E+3); decimals keep their written exponent."""
    if value.as_tuple().exponent > 0:
        return value.quantize(Decimal(1), context=_EXACT)
    return value


def _fraction_token(s, i, y: _Read, form, value, atoms):
    decimals = 0 if form == "fraction" else _split_magnitude(s, y)[3]
    value = _plain(value)
    q, q_start = y.qual if y.qual else (None, None)
    fields = dict(start=i, end=y.end, value=value, coefficient=value, magnitude="",
                  magnitude_start=y.end, inner_qualifier=q, inner_qualifier_start=q_start,
                  script=_script(atoms), form=form, decimals=decimals,
                  after_zero=q is not None and s[q_start - 1] in ZEROS)
    return fields, y.dotted_end


def _exponent(magnitude: str) -> int:
    return sum(PLACES.get(c) or MAGNITUDES.get(c) or ZHAO[c] for c in magnitude)


def magnitude_exponent(magnitude: str) -> int:
    """万 → 4, 万亿 → 12, 千万 → 7, '' → 0."""
    return _exponent(magnitude) if magnitude else 0


# --- public API --------------------------------------------------------------------------------


def _is_numeral_start(s: str, i: int, n: int) -> bool:
    return i < n and (s[i] in DIGITS or s[i] in PLACES or s[i] in MAGNITUDES or "0" <= s[i] <= "9")


_PLACE_OR_MAG = frozenset("".join(PLACES) + "".join(MAGNITUDES))


def _blank_then(s: str, j: int, n: int, chars) -> bool:
    """A blank at j that a numeral may cross: the first character after it is in chars."""
    if s[j] not in _BLANKS:
        return False
    k = _gap_end(s, j, n)
    return k != j and s[k] in chars


def _ends_numeral(s: str, j: int, n: int, continuing, continuing_after_blank) -> bool:
    """No atom of the numeral before j may follow: its end, or a character (or a blank then a
    character) that cannot continue it."""
    return j == n or (s[j] not in continuing and not _blank_then(s, j, n, continuing_after_blank))


def _short_arabic(folded: str, i: int, j: int, n: int, atom: _Arabic, sign: str) -> NumberToken | None:
    """Fast paths for the commonest tokens: the Arabic number at i..j alone, or with one
    magnitude (35万人, 1.4亿元); None when more of a numeral may follow (3千5百, 20多万, 3分之1).
    The same token as ``_read_token`` gives: 0万 is no number, a coefficient keeps its form."""
    if _ends_numeral(folded, j, n, _ARABIC_CONTINUES, _PLACE_OR_MAG):
        value = -atom.value if sign == "-" else atom.value
        return NumberToken(i, j, folded[i:j], value, value, "", j, None, None, "arabic", "plain",
                           atom.decimals)
    magnitude = folded[j]
    if magnitude in MAGNITUDES and atom.value and _ends_numeral(folded, j + 1, n, _CHINESE_CONTINUES,
                                                                 _CHINESE_CONTINUES):
        coefficient = atom.value
        value = _EXACT.scaleb(coefficient, MAGNITUDES[magnitude])
        if sign == "-":
            value, coefficient = -value, -coefficient
        return NumberToken(i, j + 1, folded[i:j + 1], value, coefficient, magnitude, j, None, None,
                           "mixed", "plain", atom.decimals)
    return None


def _chinese_digits(folded: str, p: int, n: int) -> NumberToken | None:
    """Fast paths for a lone Chinese digit (一 of 一个, 统一: most tokens of a report) and a
    number written digit by digit (一九五八, 二〇二三); None when a place, a magnitude or
    anything else may continue it. The same token as ``_read_token`` gives."""
    ch = folded[p]
    end = p + 1 if ch in CARDINAL_ONLY else _DIGIT_BY_DIGIT.match(folded, p).end()
    if not _ends_numeral(folded, end, n, _CHINESE_CONTINUES, _CHINESE_CONTINUES):
        return None
    if end == p + 1:
        value = _LONE_DIGIT[ch]
        return NumberToken(p, end, ch, value, value, "", end, None, None, "chinese", "plain", 0)
    text = folded[p:end]
    if end - p < 3 and not any(c in ZEROS for c in text):
        return None  # 一九 is 一 then 九: two digits make a number only with a zero (二〇)
    value = Decimal(text.translate(_AS_ARABIC))
    return NumberToken(p, end, text, value, value, "", end, None, None, "chinese", "plain", 0)


def _read_in_text(folded: str, p: int, n: int, allow_decimal: bool):
    """``_read_token`` at p. A numeral of Chinese characters only (十二, 三万, 百分之五) that
    nothing after it may continue reads the same wherever it stands: it is read once per text."""
    run = _CHINESE_NUMERAL.match(folded, p)
    if run is None or not _ends_numeral(folded, run.end(), n, _CHINESE_CONTINUES, _CHINESE_CONTINUES):
        return _read_token(folded, p, n, allow_decimal, False)
    end = run.end()
    got = _read_chinese(folded[p:end] + ("折" if folded.startswith("折", end) else ""))  # 七五折
    if got is None:
        return None
    fields, dotted_end = got
    fields = dict(fields, start=p, end=p + fields["end"], magnitude_start=p + fields["magnitude_start"])
    if fields["inner_qualifier_start"] is not None:
        fields["inner_qualifier_start"] += p
    return fields, p + dotted_end


@lru_cache(maxsize=4096)
def _read_chinese(numeral: str):
    """``_read_token`` of the numeral alone (the caller copies the fields it changes)."""
    return _read_token(numeral, 0, len(numeral), True, False)


def _token_of(folded: str, start: int, fields: dict, negative: bool) -> NumberToken:
    """The token of ``_read_token``'s fields, starting at ``start`` (its sign included). Built
    by position: a record's __new__ matches each keyword of a ``**fields`` call by name."""
    value, coefficient = fields["value"], fields["coefficient"]
    if negative:
        value, coefficient = -value, -coefficient
    end = fields["end"]
    return NumberToken(start, end, folded[start:end], value, coefficient, fields["magnitude"],
                       fields["magnitude_start"], fields["inner_qualifier"], fields["inner_qualifier_start"],
                       fields["script"], fields["form"], fields["decimals"], fields["after_zero"])


def scan_numbers(folded: str, start: int = 0, end: int | None = None) -> Iterator[NumberToken]:
    """Numeral tokens of ``folded[start:end]``, left to right, non-overlapping, leftmost-longest.

    Every ASCII digit lands in exactly one token. Never joined: 5-9 (two tokens), 2023-06-28
    and 2023.06.28 (three each), 1.高度 (the dot is not a decimal point). A sign is part of a
    token as 负, or as +/- directly before a digit at the start or after ( , : ; 为 比 ….
    Linear time: each character is read a bounded number of times.
    """
    n = len(folded) if end is None else min(end, len(folded))
    i = start
    no_decimal_until = start
    whole = n == len(folded)  # else the reader looks past n for a digit run
    while i < n:
        found = _START_RE.search(folded, i, n)
        if found is None:
            return
        i = found.start()
        ch = folded[i]
        if ch in _LONE_DIGIT and whole and (i + 1 == n or folded[i + 1] not in _NOT_AFTER_LONE):
            # the token _chinese_digits reads, without the calls
            yield NumberToken(i, i + 1, ch, _LONE_DIGIT[ch], _LONE_DIGIT[ch], "", i + 1, None, None,
                              "chinese", "plain", 0)
            i += 1
            continue
        p = i
        sign = ""
        if ch == HALF:
            if _HALF_AMOUNT.match(folded, i):
                yield NumberToken(i, i + 1, ch, _HALF_VALUE, _HALF_VALUE, "", i + 1, None, None,
                                  "chinese", "plain", 1)
            i += 1
            continue
        if ch == SIGN_WORD:
            if not _is_numeral_start(folded, i + 1, n):
                i += 1
                continue
            sign, p = "-", i + 1
        elif ch in "+-":
            prev_ok = i == 0 or folded[i - 1] in SIGN_AFTER
            if not (prev_ok and i + 1 < n and "0" <= folded[i + 1] <= "9"):
                i += 1
                continue
            sign, p = ch, i + 1
        if "0" <= folded[p] <= "9":
            j, atom, dotted_end = _read_arabic(folded, p, n, p >= no_decimal_until)
            token = _short_arabic(folded, i, j, n, atom, sign)
            if token is not None:
                no_decimal_until = max(no_decimal_until, dotted_end)
                yield token
                i = token.end
                continue
        elif not sign and ch in _LONE_DIGIT:
            token = _chinese_digits(folded, p, n)
            if token is not None:
                yield token
                i = token.end
                continue
        got = _read_in_text(folded, p, n, p >= no_decimal_until)
        if got is None:
            i = p + 1 if not sign else p
            continue
        fields, dotted_end = got
        no_decimal_until = max(no_decimal_until, dotted_end)
        yield _token_of(folded, i, fields, sign == "-")
        i = fields["end"]


def parse_number(text: str) -> Decimal | None:
    """The value of one whole number expression, or None.

    Accepts Arabic (1,234  83.14  .5), Chinese and financial numerals, mixed forms (1.4万亿,
    5万4千6百), signs (- + 负), X分之Y and a/b fractions (the ratio), mixed fractions with 又,
    and 兆 = 10^12. Percent forms give the number of percent: 百分之三十六点九 → 36.9, and
    likewise 36.9% and 千分之五 / 5‰ → 5 (per mille); but 一百分之二 names its denominator and
    is the fraction 0.02. Inner qualifiers are ignored: 十余万 → 100000, the stated floor.
    """
    s = fold(text).strip()
    sign = 1
    if s[:1] in ("-", "+", SIGN_WORD):
        sign = -1 if s[0] != "+" else 1
        s = s[1:].lstrip()
    if not s:
        return None
    if s[-1] in "%‰":
        s = s[:-1].rstrip()
        if not s:
            return None
    mixed = _MIXED_ARABIC.fullmatch(s)
    if mixed or "又" in s:
        whole_text, frac_text = mixed.groups() if mixed else s.split("又", 1)
        whole, frac = _whole(whole_text, "plain"), _fraction(frac_text)
        value = None if whole is None or frac is None else _EXACT.add(whole, frac)
        if value is not None and len(frac.as_tuple().digits) >= _RATIO_PRECISION:
            value = Context(prec=_RATIO_PRECISION).plus(value)  # the fraction was rounded
    elif "分之" in s and s.split("分之", 1)[1][:1] in ("-", SIGN_WORD):
        # 负3分之负157: each side signed
        left, right = s.split("分之", 1)
        a, b = _whole(left, "plain"), parse_number(right)
        value = None if not a or b is None else _divide(b, a)
    elif s.count("/") == 1:
        value = _fraction(s)
    else:
        value = _whole(s, None)
    if value is None:
        return None
    return -value if sign < 0 else value


def _fraction(s: str) -> Decimal | None:
    """三分之一, 3/4 (a/b only between two plain numbers)."""
    if s.count("/") != 1:
        return _whole(s, "fraction")
    a, b = (_whole(part, "plain") for part in s.split("/"))
    return None if a is None or not b else _divide(a, b)


def _whole(s: str, want_form: str | None) -> Decimal | None:
    if s.startswith("."):
        s = "0" + s
    if not _is_numeral_start(s, 0, len(s)):
        return None
    got = _read_token(s, 0, len(s), True, True)
    if got is None:
        return None
    fields, _ = got
    if fields["end"] != len(s) or (want_form and fields["form"] != want_form):
        return None
    return fields["value"]
