"""One amount in folded text: [qualifier] NUMBER [余|多|几] [magnitude] [unit] [qualifier].

``read_quantity`` reads the words around a token from ``numbers.scan_numbers``;
``parse_quantity`` reads a whole string as one amount. Qualifier words and the bounds they
imply are data (data/qualifiers.yaml); units come from ``reportkit.numbers.units``.
"""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal
from functools import lru_cache

from ..compiled import compile_re
from ..data import load_yaml
from ..models import Quantity, record
from ..text.normalize import fold
from .numerals import DIGITS, EXACT, MAGNITUDES, NumberToken, scan_numbers
from .units import half_rule, lookup_unit, match_unit

RATIO = "ratio"  # X分之Y without a unit: a pure fraction (三分之一 → 0.333…)
FORM_UNITS = {"percent": "%", "permille": "‰"}
# A cumulative word (累计) is looked for back to the nearest of these.
# 、 does not end a clause: 共计协调解决民生服务、物业管理等各类诉求1900余件.
_CLAUSE_STOP = compile_re("[" + re.escape("，。；：！？,.;:!?()（）[]【】\n\r“”\"'0123456789") + "]")


@record
class QuantityParts:
    start: int  # qualifier included
    end: int  # unit and suffix qualifier included
    number_start: int
    number_end: int
    value: Decimal  # as written: 35万人次 → 35
    unit: str  # as written, magnitude included: 万人次; '%' for 百分之X; '' for none
    dimension: str  # units.yaml dimension, 'number' without unit, 'ratio' for X分之Y
    base_value: Decimal
    base_unit: str
    lower: Decimal | None  # in the written unit; None = unbounded
    upper: Decimal | None
    lower_inclusive: bool
    upper_inclusive: bool
    qualifier: str | None  # as written; several are joined by '…' (控制在…以内)
    cumulative: bool
    target: bool
    unit_inferred: bool = False
    weak_unit: bool = False  # the unit is a weak classifier (期 度 次 …): confirm from context
    form: str = "plain"  # the token's form: plain | percent | permille | fraction


@record
class _Word:
    word: str
    kind: str
    target: bool
    not_after: str
    not_before: str
    not_with: frozenset[str]


@lru_cache(maxsize=1)
def _qualifiers():
    data = load_yaml("qualifiers.yaml")

    def words(section: str) -> tuple[_Word, ...]:
        out = [_Word(w, spec["kind"], bool(spec.get("target", False)), spec.get("not_after", ""),
                     spec.get("not_before", ""), frozenset(spec.get("not_with", ())))
               for w, spec in data[section].items()]
        return tuple(sorted(out, key=lambda w: -len(w.word)))  # longest first: 不超过 before 超过

    tolerance = Decimal(str(data["approximate_tolerance"]))
    cumulative = data["cumulative"]
    return (words("prefix"), words("suffix"), {w.word: w for w in words("inner")}, tolerance,
            tuple(cumulative["words"]), int(cumulative["window"]))


@lru_cache(maxsize=1)
def _by_edge() -> tuple[dict[str, tuple[_Word, ...]], dict[str, tuple[_Word, ...]]]:
    """Prefix words by their last character, suffix words by their first (longest first):
    one dictionary look-up instead of trying every word at every number."""
    prefixes: dict[str, list[_Word]] = {}
    suffixes: dict[str, list[_Word]] = {}
    for w in _qualifiers()[0]:
        prefixes.setdefault(w.word[-1], []).append(w)
    for w in _qualifiers()[1]:
        suffixes.setdefault(w.word[0], []).append(w)
    return ({k: tuple(v) for k, v in prefixes.items()}, {k: tuple(v) for k, v in suffixes.items()})


def _prefix(folded: str, pos: int, dimension: str) -> _Word | None:
    if pos == 0:
        return None
    for w in _by_edge()[0].get(folded[pos - 1], ()):
        start = pos - len(w.word)
        if start >= 0 and folded.startswith(w.word, start):
            if start > 0 and folded[start - 1] in w.not_after:
                continue
            if dimension in w.not_with:
                continue
            return w
    return None


def _suffix(folded: str, pos: int) -> _Word | None:
    if pos >= len(folded):
        return None
    for w in _by_edge()[1].get(folded[pos], ()):
        if folded.startswith(w.word, pos):
            after = pos + len(w.word)
            if after < len(folded) and folded[after] in w.not_before:
                continue
            return w
    return None


@lru_cache(maxsize=1)
def _cumulative_word() -> re.Pattern:
    return compile_re("|".join(map(re.escape, _qualifiers()[4])))


def _cumulative(folded: str, pos: int) -> int | None:
    """Start of a cumulative word before ``pos`` in the same clause, or None."""
    word = _cumulative_word()
    found = word.search(folded, max(0, pos - _qualifiers()[5]), pos)
    if found is None:
        return None  # most windows: no word at all
    last = found.start()
    # the last word to start (words may overlap: 总共计): searched again one character on
    while (found := word.search(folded, last + 1, pos)) is not None:
        last = found.start()
    # the clause (or an Arabic number) ends at a stop: a word before the last one is not in it
    if _CLAUSE_STOP.search(folded, last, pos) is not None:
        return None
    return last


def _step(token: NumberToken, value: Decimal) -> Decimal:
    """One unit of the last written place: 1900 → 100, 40 → 10, 1.5 → 0.1, 一百零几 → 10."""
    if token.after_zero:
        return Decimal(10)
    exponent = value.as_tuple().exponent
    if value == 0:
        return Decimal(1)
    if exponent >= 0:
        exponent = value.normalize().as_tuple().exponent
    return Decimal(1).scaleb(exponent)


def _bounds(kind: str, v: Decimal, token: NumberToken, tolerance: Decimal):
    """(lower, lower_inclusive, upper, upper_inclusive) of one qualifier on ``token``'s value v."""
    if kind == "above":
        return v, False, None, True
    if kind == "at-least":
        return v, True, None, True
    if kind == "below":
        return None, True, v, False
    if kind == "at-most":
        return None, True, v, True
    if kind == "approximate":
        a, b = EXACT.multiply(v, 1 - tolerance), EXACT.multiply(v, 1 + tolerance)
        return min(a, b), True, max(a, b), True
    if kind == "next-place":
        return v, True, EXACT.add(v, _step(token, v)), False
    raise ValueError(f"qualifiers.yaml: unknown kind {kind!r}")


def _intersect(bounds_list, v: Decimal):
    if not bounds_list:
        return v, True, v, True
    lo, lo_inc, hi, hi_inc = None, True, None, True
    for b_lo, b_lo_inc, b_hi, b_hi_inc in bounds_list:
        if b_lo is not None and (lo is None or b_lo > lo or (b_lo == lo and not b_lo_inc)):
            lo, lo_inc = b_lo, b_lo_inc
        if b_hi is not None and (hi is None or b_hi < hi or (b_hi == hi and not b_hi_inc)):
            hi, hi_inc = b_hi, b_hi_inc
    return lo, lo_inc, hi, hi_inc


def _spaced(token: NumberToken) -> bool:
    return " " in token.text or "\n" in token.text


def join_spaced_digits(folded: str, tokens: list[NumberToken], *, prose_only: bool = True) -> list[NumberToken]:
    """1 2 3 件 → one token 123: single Arabic digits one space apart, in prose (a Chinese
    character before them) and directly followed by a unit (a space between allowed). Only
    then does the text leave no other reading: bare single digits in a sentence mean nothing,
    while 1 2 3 without a unit may be cells of a table. ``prose_only=False`` for a string
    that is one amount as a whole (parse_quantity)."""
    out: list[NumberToken] = []
    i = 0
    while i < len(tokens):
        j = i
        while (j + 1 < len(tokens) and tokens[j + 1].start == tokens[j].end + 1  # the cheap test first
               and _single_digit(tokens[j]) and _single_digit(tokens[j + 1]) and folded[tokens[j].end] == " "):
            j += 1
        first, last = tokens[i], tokens[j]
        if (j > i and _single_digit(first) and (not prose_only or _in_prose(folded, first.start))
                and _unit_follows(folded, last.end)):
            digits = "".join(t.text for t in tokens[i:j + 1])
            value = Decimal(digits)
            out.append(NumberToken(first.start, last.end, folded[first.start:last.end], value, value,
                                   "", last.end, None, None, "arabic", "plain", 0))
            i = j + 1
            continue
        out.append(first)
        i += 1
    return out


def split_digit_groups(folded: str, tokens: list[NumberToken], k: int) -> int | None:
    """Index of the last token when tokens[k] starts Arabic groups one space apart in prose
    before a unit (12 345件, 1 00元): one number broken by a text layer, or two. No reading
    is safe, so the caller reports them unread. None when tokens[k] starts no such run."""
    j = k
    while (j + 1 < len(tokens) and _plain_integer(tokens[j]) and _plain_integer(tokens[j + 1])
           and tokens[j + 1].start == tokens[j].end + 1 and folded[tokens[j].end] == " "):
        j += 1
    if j > k and _in_prose(folded, tokens[k].start) and _unit_follows(folded, tokens[j].end):
        return j
    return None


def _plain_integer(token: NumberToken) -> bool:
    return (token.script == "arabic" and token.form == "plain" and not token.magnitude
            and token.decimals == 0 and token.text.isdigit())


def _single_digit(token: NumberToken) -> bool:
    return len(token.text) == 1 and token.text.isdigit() and token.form == "plain"


def _in_prose(folded: str, start: int) -> bool:
    k = start - 1
    while k >= 0 and folded[k] == " ":
        k -= 1
    return k >= 0 and "\u4e00" <= folded[k] <= "\u9fff"


def _unit_follows(folded: str, end: int) -> bool:
    return _firm_after_blank(match_unit(folded, end + 1 if folded[end:end + 1] == " " else end))


def _firm_after_blank(found) -> bool:
    """A unit that may stand after a blank: not a weak one (一 期), except 折 and 成, which
    after a number are only ever its share (7 2 折)."""
    return found is not None and (not found.weak or found.dimension == "percent")


_HALF = Decimal("0.5")
_CN_DIGITS = "零〇一二三四五六七八九"


def _after_unit(folded: str, token: NumberToken, value: Decimal, found) -> tuple[Decimal, str, int]:
    """(value, unit, unit end) once what may follow a unit is read: X半 (一年半 = 1.5 年,
    两个半月 = 2.5 个月), X成Y (七成六 = 7.6 成), XY折 (七五折, 75折 = 7.5 折); the weight 两
    only where no unit follows it (一两天 is "a day or two")."""
    unit, end = found.unit, found.end
    if unit == "两" and (match_unit(folded, end) is not None or end < len(folded) and folded[end] in _CN_DIGITS):
        return value, "", token.end
    plain = token.form == "plain" and not token.magnitude and token.inner_qualifier is None
    if not plain:
        return value, unit, end
    digits = "".join(folded[token.start:token.end].split())
    if unit == "折" and digits == "半":
        return Decimal(5), unit, end  # 半折: half the price, 五折 (半成 is 0.5 成)
    if unit == "元":
        small = _JIAO_FEN.match(folded, end)
        if small:  # 50元6角三分 = 50.63 元, 五元三毛 = 5.3 元
            jiao, fen = (Decimal(_digit(g)) if g else Decimal(0) for g in small.groups())
            return EXACT.add(value, EXACT.add(jiao / 10, fen / 100)), unit, small.end()
    if unit == "折" and len(digits) == 2 and all(c.isdigit() or c in _CN_DIGITS for c in digits):
        return EXACT.divide(value, Decimal(10)), unit, end
    nxt = folded[end:end + 1]
    if unit == "成" and nxt and nxt in _CN_DIGITS and _ends_tenths(folded, end + 1):
        return EXACT.add(value, EXACT.divide(Decimal(DIGITS[nxt]), Decimal(10))), unit, end + 1
    if nxt != "半" or _half_word(folded, end + 1):
        return value, unit, end
    if unit == "个":
        rest = match_unit(folded, end + 1)
        if rest is None:
            return value, unit, end
        combined = "个" + rest.unit
        return EXACT.add(value, _HALF), combined if lookup_unit(combined) else rest.unit, rest.end
    info = lookup_unit(unit)
    if info is not None and info.dimension in half_rule()[0]:
        return EXACT.add(value, _HALF), unit, end + 1
    return value, unit, end


_JIAO_FEN = compile_re(r"([0-9零一二三四五六七八九两])[角毛](?:([0-9零一二三四五六七八九两])分)?")


def _digit(ch: str) -> int:
    return int(ch) if ch.isdigit() else DIGITS[ch]


def _half_word(folded: str, pos: int) -> bool:
    return any(folded.startswith(w, pos) for w in half_rule()[1])


def _ends_tenths(folded: str, pos: int) -> bool:
    """After 七成六 only an end, punctuation, a qualifier or 的 may follow: 七成一致 is
    七成 + 一致 (a word), never 7.1 成."""
    if pos >= len(folded):
        return True
    ch = folded[pos]
    return not ("\u4e00" <= ch <= "\u9fff") or ch in "以左上的"


_CURRENCY_FIRST = ("人民币",)


def _currency_before(folded: str, pos: int, dimension: str) -> int | None:
    """Start of 人民币 written right before a money amount (blanks between allowed), or None."""
    if dimension != "money":
        return None
    k = pos
    while k > 0 and folded[k - 1] == " " and pos - k < 3:
        k -= 1
    for word in _CURRENCY_FIRST:
        if folded.startswith(word, k - len(word)) and k >= len(word):
            return k - len(word)
    return None


def _bounded_bare_magnitude(folded: str, token: NumberToken, unit_end: int) -> bool:
    """亿元以上, 超过亿元, 万元以下: a bare magnitude with a unit and a bound word."""
    prefix = _prefix(folded, token.start, "")
    return (prefix is not None and prefix.kind in ("above", "at-least", "below", "at-most")) or (
        _suffix(folded, unit_end) is not None)


def read_quantity(folded: str, token: NumberToken) -> QuantityParts | None:
    """The amount around ``token`` (from ``scan_numbers(folded)``), or None if there is none.

    None also for a bare 万/亿 before a unit, or a bare 千 starting a listed unit (千瓦时):
    万元 alone names a unit, not ten thousand yuan.

    Reads the one qualifier word directly before the token, the unit directly after it
    (longest match, weak units included and flagged) and one qualifier word after the unit;
    a cumulative word (累计) may stand further back in the clause.
    """
    if token.end > len(folded) or folded[token.start:token.end] != token.text:
        return None
    single_character = len(token.text) == 1 and token.form == "plain" and not token.text.isdigit()
    if single_character:
        # 万元 / 亿元 / 千瓦时 with no number before: a unit (单位：万元), not 10000 yuan;
        # but a bound makes a bare magnitude one of it: 亿元以上项目, 超过亿元 (≥ 1 亿元)
        unit_after = match_unit(folded, token.end)
        if token.text in MAGNITUDES and unit_after is not None:
            if not _bounded_bare_magnitude(folded, token, unit_after.end):
                return None
            token = replace(token, coefficient=Decimal(1), magnitude=token.text,
                            magnitude_start=token.start)
        else:
            starts_unit = match_unit(folded, token.start)
            if starts_unit is not None and starts_unit.end > token.end:
                return None
    _, _, inner_words, tolerance, _, _ = _qualifiers()
    unit_end = token.end
    weak = False
    if token.form in FORM_UNITS:
        value, unit = token.value, FORM_UNITS[token.form]
        info = lookup_unit(unit)
    elif token.form == "fraction":
        value, unit, info = token.value, "", None
    else:
        value = token.coefficient
        found = unit_after if single_character else match_unit(folded, token.end)
        if found is None and _spaced(token) and folded[token.end:token.end + 1] == " ":
            found = match_unit(folded, token.end + 1)  # 一百 五 十 二 户: spaced like its digits
            if not _firm_after_blank(found):
                found = None
        unit_text, found_end = (found.unit, found.end) if found else ("", token.end)
        if found:
            value, unit_text, found_end = _after_unit(folded, token, value, found)
        unit = token.magnitude + unit_text
        info = lookup_unit(unit)
        if unit_text and info is not None:
            unit_end, weak = found_end, found.weak
        elif info is None:  # cannot happen for listed units; keep the bare magnitude
            unit, info = token.magnitude, lookup_unit(token.magnitude)
    if info is None:
        dimension, base_value, base_unit = RATIO, value, ""
    else:
        dimension, base_unit = info.dimension, info.base_unit
        base_value = EXACT.multiply(value, info.factor)

    words: list[tuple[int, str]] = []  # (offset, word) in text order
    bounds = []
    target = False
    start = token.start
    before = _prefix(folded, token.start, dimension)
    if before is not None:
        start -= len(before.word)
        words.append((start, before.word))
        bounds.append(_bounds(before.kind, value, token, tolerance))
        target |= before.target
    if token.inner_qualifier is not None and before is None:
        # 近3000余人: the word before states the bound; 余 after it only repeats "about"
        inner = inner_words[token.inner_qualifier]
        words.append((token.inner_qualifier_start, inner.word))
        bounds.append(_bounds(inner.kind, value, token, tolerance))
    end = unit_end
    after = _suffix(folded, unit_end)
    if after is not None:
        words.append((unit_end, after.word))
        bounds.append(_bounds(after.kind, value, token, tolerance))
        target |= after.target
        end += len(after.word)
    lower, lower_inc, upper, upper_inc = _intersect(bounds, value)

    currency = _currency_before(folded, start, dimension)
    if currency is not None:
        start = currency  # 人民币 8千元: the currency named first belongs to the amount
    cumulative_at = _cumulative(folded, start)
    cumulative = cumulative_at is not None
    if cumulative and folded[cumulative_at:start] in _qualifiers()[4]:
        start = cumulative_at  # 累计4496个: the adjacent word belongs to the amount
    words.sort()
    qualifier = "…".join([w for _, w in words]) if words else None
    # In field order, not by keyword: nineteen keywords cost the record's __new__ a dict and
    # a name match each, some 10,000 instructions an amount.
    return QuantityParts(
        start, end, token.start, token.end,  # start, end, number_start, number_end
        value, unit, dimension, base_value, base_unit,
        lower, upper, lower_inc, upper_inc,  # lower, upper, lower_inclusive, upper_inclusive
        qualifier, cumulative, target,
        False, weak, token.form,  # unit_inferred, weak_unit, form
    )


def parse_quantity(text: str) -> Quantity | None:
    """One whole amount (35万人次, 超3000万元, 百分之三十六點九, 三成, 12个百分点), or None.

    The entire string (surrounding whitespace aside) must be one amount; a bare number is one
    with unit '' and dimension 'number'.
    """
    folded = fold(text)
    a = len(folded) - len(folded.lstrip())
    b = len(folded.rstrip())
    tokens = join_spaced_digits(folded[:b], list(scan_numbers(folded, a, b)), prose_only=False)
    if not tokens:
        return None
    token = tokens[0]
    parts = read_quantity(folded[:b], token)
    if parts is None or parts.start != a or parts.end != b:
        return None
    return Quantity(
        id="q1", text=text, start=0, end=len(text), line=1, col=1, value=parts.value,
        unit=parts.unit, dimension=parts.dimension, base_value=parts.base_value,
        base_unit=parts.base_unit, lower=parts.lower, upper=parts.upper,
        lower_inclusive=parts.lower_inclusive, upper_inclusive=parts.upper_inclusive,
        qualifier=parts.qualifier, unit_inferred=False, number_start=parts.number_start,
        number_end=parts.number_end, cumulative=parts.cumulative, target=parts.target,
    )
