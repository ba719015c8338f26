"""numbers.parse_number and numbers.scan_numbers: exact values, spans, and linear time."""

from __future__ import annotations

import random
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reportkit.numbers import numerals as numbers
from reportkit.text.normalize import fold
from reportkit.numbers.numerals import NumberToken, parse_number, scan_numbers

D = Decimal

PARSE_CASES = [
    # Arabic
    ("1896", D("1896")),
    ("1,234", D("1234")),
    ("1,050,000,000", D("1050000000")),
    ("83.14", D("83.14")),
    ("１８９６", D("1896")),
    ("１，２３４．５", D("1234.5")),
    ("+5", D("5")),
    ("-10000", D("-10000")),
    (".5", D("0.5")),
    ("  42  ", D("42")),
    # Chinese
    ("一千八百九十六", D("1896")),
    ("两万", D("20000")),
    ("三百零三", D("303")),
    ("十二", D("12")),
    ("十", D("10")),
    ("一百零八亿", D("10800000000")),
    ("〇", D("0")),
    ("零", D("0")),
    ("二〇二三", D("2023")),
    ("一九九八", D("1998")),
    ("两", D("2")),
    ("一千零一", D("1001")),
    ("四千万零六千", D("40006000")),
    ("五亿零六", D("500000006")),
    ("一万零二百五十", D("10250")),
    ("四亿五千六百四十二万零一十五", D("456420015")),
    ("四十五亿四千零四万", D("4540040000")),
    # colloquial: the trailing digit takes the next place down
    ("一万五", D("15000")),
    ("两千四百五", D("2450")),
    ("九十二万四", D("924000")),
    ("千三", D("1300")),
    # traditional and financial
    ("萬", D("10000")),
    ("兩萬", D("20000")),
    ("三點五億", D("350000000")),
    ("壹贰叁", D("123")),
    ("伍拾", D("50")),
    ("壹佰伍拾", D("150")),
    ("肆佰陸拾", D("460")),
    ("貳仟", D("2000")),
    ("十萬柒仟捌佰伍拾肆", D("107854")),
    # compound magnitudes and mixed scripts
    ("百万", D("1000000")),
    ("四千万", D("40000000")),
    ("四万亿", D("4000000000000")),
    ("四万万", D("400000000")),
    ("1.4万亿", D("1.4") * 10**12),
    ("3.2万亿", D("3.2") * 10**12),
    ("2.25万", D("22500")),
    ("3千", D("3000")),
    ("5百万", D("5000000")),
    ("3万4000", D("34000")),
    ("5万4千6百", D("54600")),
    ("2千零30万", D("20300000")),
    ("1,100.9亿", D("110090000000")),
    ("五兆六十二亿四万五千二", D("5006200045200")),
    # decimals
    ("三点五", D("3.5")),
    ("一百点二五", D("100.25")),
    ("零点五", D("0.5")),
    ("两千三点一", D("2300.1")),
    # negatives
    ("负三", D("-3")),
    ("負三十二", D("-32")),
    ("-1.5万", D("-15000")),
    # inner qualifiers: the stated floor
    ("五百余万", D("5000000")),
    ("十多万", D("100000")),
    ("二十几万", D("200000")),
    ("一百零几万", D("1000000")),
    ("1900余", D("1900")),
    # fractions and percents
    ("三分之一", D(1) / D(3)),
    ("五百分之2333", D("4.666")),
    ("二十五分之一千零拾肆", D("40.56")),
    ("3/4", D("0.75")),
    ("-3/2", D("-1.5")),
    ("三百五又三分之一", D(350) + D(1) / D(3)),
    ("1 3/5", D("1.6")),
    ("一百分之二", D("0.02")),
    ("百分之三十六点九", D("36.9")),
    ("百分之百", D("100")),
    ("36.9%", D("36.9")),
    ("千分之五", D("5")),
    ("负3分之负157", D(157) / D(3)),
    # not one number
    ("", None),
    ("元", None),
    ("5-9", None),
    ("2e5", None),
    ("三点", None),
    ("1.2.3", None),
    ("百分比", None),
    ("一二", None),  # two digits without a place are two numbers (一二三 is 123)
    ("3万4", None),
]


@pytest.mark.parametrize("text,expected", PARSE_CASES)
def test_parse_number(text, expected):
    got = parse_number(text)
    if expected is None:
        assert got is None
    else:
        assert got is not None and got == expected, got


def test_parse_number_keeps_written_precision():
    assert parse_number("14.70").as_tuple().exponent == -2
    assert parse_number("4.800") == D("4.8")
    assert str(parse_number("4.800")) == "4.800"
    assert parse_number("两千点零") == 2000 and parse_number("两千点零").as_tuple().exponent == -1


def tokens(text: str) -> list[tuple]:
    folded = fold(text)
    return [(t.text, t.start, t.end, t.value, t.coefficient, t.magnitude) for t in scan_numbers(folded)]


SCAN_CASES = [
    ("街道受理12345工单1896件", [("12345", 4, 9, D(12345), D(12345), ""), ("1896", 11, 15, D(1896), D(1896), "")]),
    ("5-9层", [("5", 0, 1, D(5), D(5), ""), ("9", 2, 3, D(9), D(9), "")]),
    ("2023-06-28", [("2023", 0, 4, D(2023), D(2023), ""), ("06", 5, 7, D(6), D(6), ""),
                    ("28", 8, 10, D(28), D(28), "")]),
    ("2023.06.28", [("2023", 0, 4, D(2023), D(2023), ""), ("06", 5, 7, D(6), D(6), ""),
                    ("28", 8, 10, D(28), D(28), "")]),
    ("1.高度重视", [("1", 0, 1, D(1), D(1), "")]),
    ("占83.14%", [("83.14", 1, 6, D("83.14"), D("83.14"), "")]),
    ("1,234,5678", [("1,234", 0, 5, D(1234), D(1234), ""), ("5678", 6, 10, D(5678), D(5678), "")]),
    ("35万人次", [("35万", 0, 3, D(350000), D(35), "万")]),
    ("1.4万亿斤", [("1.4万亿", 0, 5, D("1.4E12"), D("1.4"), "万亿")]),
    ("一百零八亿", [("一百零八亿", 0, 5, D("1.08E10"), D(108), "亿")]),
    ("一万五千亿", [("一万五千亿", 0, 5, D("1.5E12"), D(15000), "亿")]),
    ("两万人", [("两万", 0, 2, D(20000), D(2), "万")]),
    ("一千八百九十六", [("一千八百九十六", 0, 7, D(1896), D(1896), "")]),
    ("5百万", [("5百万", 0, 3, D(5000000), D(5), "百万")]),
    ("14.70万元", [("14.70万", 0, 6, D(147000), D("14.70"), "万")]),
    ("3万千瓦", [("3万", 0, 2, D(30000), D(3), "万"), ("千", 2, 3, D(1000), D(1000), "")]),
    ("十一五", [("十一", 0, 2, D(11), D(11), ""), ("五", 2, 3, D(5), D(5), "")]),
    ("两三个", [("两", 0, 1, D(2), D(2), ""), ("三", 1, 2, D(3), D(3), "")]),
    ("二〇二三年", [("二〇二三", 0, 4, D(2023), D(2023), "")]),
    ("二0二三年", [("二0二三", 0, 4, D(2023), D(2023), "")]),
    ("万一", [("万", 0, 1, D(10000), D(10000), ""), ("一", 1, 2, D(1), D(1), "")]),
    ("同比-2.1%", [("-2.1", 2, 6, D("-2.1"), D("-2.1"), "")]),
    ("负增长", []),
    ("百分点", []),
    ("3个百分点", [("3", 0, 1, D(3), D(3), "")]),
    ("3百分点", [("3", 0, 1, D(3), D(3), "")]),
    ("百分比", []),
    ("三点钟", [("三", 0, 1, D(3), D(3), "")]),
]


@pytest.mark.parametrize("text,expected", SCAN_CASES)
def test_scan_numbers_spans_and_values(text, expected):
    assert tokens(text) == expected


def one(text: str) -> NumberToken:
    found = list(scan_numbers(fold(text)))
    assert len(found) == 1, found
    return found[0]


def test_inner_qualifier_before_and_after_the_magnitude():
    t = one("五百余万")
    assert (t.coefficient, t.magnitude, t.inner_qualifier, t.end) == (500, "万", "余", 4)
    assert (t.inner_qualifier_start, t.magnitude_start, t.value) == (2, 3, D(5000000))
    t = one("两万余人次")
    assert (t.text, t.coefficient, t.magnitude, t.inner_qualifier) == ("两万余", 2, "万", "余")
    t = one("1900余件")
    assert (t.text, t.value, t.magnitude, t.magnitude_start, t.inner_qualifier) == (
        "1900余", 1900, "", 5, "余")
    t = one("20多万")
    assert (t.coefficient, t.magnitude, t.inner_qualifier, t.script) == (20, "万", "多", "mixed")
    t = one("一百零几万")
    assert (t.coefficient, t.after_zero) == (100, True)


def test_token_attributes():
    t = one("1,234")
    assert (t.script, t.form, t.decimals, t.magnitude_start) == ("arabic", "plain", 0, 5)
    assert one("14.70").decimals == 2
    assert one("三点五").decimals == 1
    assert one("三点五").script == "chinese"
    assert one("3.2万亿").script == "mixed"
    t = one("百分之三十六点九")
    assert (t.form, t.value, t.coefficient, t.decimals, t.end) == ("percent", D("36.9"), D("36.9"), 1, 8)
    t = one("千分之五")
    assert (t.form, t.value) == ("permille", 5)
    t = one("三分之一")
    assert t.form == "fraction" and abs(t.value - D(1) / D(3)) < D("1e-27")
    assert one("五百分之2333").value == D("4.666")
    assert one("一百分之二").form == "fraction"
    t = one("负三")
    assert (t.start, t.value, t.coefficient) == (0, -3, -3)
    t = one("負1.5萬")
    assert (t.value, t.coefficient, t.magnitude) == (-15000, D("-1.5"), "万")


def test_scan_window_and_offsets():
    folded = fold("共计12件，另有３４户")
    found = list(scan_numbers(folded, 5))
    assert [(t.text, t.start, t.end) for t in found] == [("34", 8, 10)]
    assert [t.text for t in scan_numbers(folded, 0, 2)] == []
    assert [t.text for t in scan_numbers(folded, 0, 3)] == ["1"]  # the window cuts 12
    assert [t.text for t in scan_numbers(folded, 0, 4)] == ["12"]


# --- properties ---------------------------------------------------------------------------------


@given(st.decimals(allow_nan=False, allow_infinity=False, places=4,
                   min_value=D("-1e15"), max_value=D("1e15")))
def test_arabic_decimals_round_trip(value):
    assert parse_number(format(value, "f")) == value


@given(st.integers(min_value=0, max_value=10**15))
def test_arabic_with_thousands_separators_round_trip(n):
    assert parse_number(f"{n:,}") == n


CN_DIGITS = "零一二三四五六七八九"
FIN_DIGITS = "零壹贰叁肆伍陆柒捌玖"


def write_chinese(n: int, financial: bool = False, liang: bool = False, short_ten: bool = True) -> str:
    """A reference writer: the standard written form of 0 ≤ n ≤ 10^12."""
    digits = FIN_DIGITS if financial else CN_DIGITS
    places = {1000: "仟", 100: "佰", 10: "拾"} if financial else {1000: "千", 100: "百", 10: "十"}

    def section(x: int) -> str:
        out, gap = "", False
        for place in (1000, 100, 10, 1):
            d = x // place % 10
            if d == 0:
                gap = bool(out)
                continue
            if gap:
                out += digits[0]
                gap = False
            digit = "两" if (liang and d == 2 and place >= 100) else digits[d]
            out += digit + places.get(place, "")
        return out

    def write(x: int) -> str:
        for unit, word in ((10**8, "亿"), (10**4, "万")):
            if x >= unit:
                hi, lo = divmod(x, unit)
                tail = "" if lo == 0 else (digits[0] if lo < unit // 10 else "") + write(lo)
                return write(hi) + word + tail
        return section(x)

    if n == 0:
        return digits[0]
    text = write(n)
    if short_ten and not financial and text.startswith("一十"):
        text = text[1:]
    return text


def test_reference_writer():
    assert write_chinese(1896) == "一千八百九十六"
    assert write_chinese(10800000000) == "一百零八亿"
    assert write_chinese(100010000) == "一亿零一万"
    assert write_chinese(12) == "十二"
    assert write_chinese(10**12) == "一万亿"
    assert write_chinese(2222, liang=True) == "两千两百二十二"
    assert write_chinese(150, financial=True) == "壹佰伍拾"


@given(st.integers(min_value=0, max_value=10**12), st.booleans(), st.booleans(), st.booleans())
def test_chinese_numerals_round_trip(n, financial, liang, short_ten):
    text = write_chinese(n, financial, liang, short_ten)
    assert parse_number(text) == n, text
    assert [t.value for t in scan_numbers(text)] == [n], text


ALPHABET = "0123456789" * 3 + ",.,.-+%/:年月日万亿千百十余多几零〇一二两三点分之负元件个 aA(（，。"


def assert_digits_covered_once(text: str):
    folded = fold(text)
    found = list(scan_numbers(folded))
    previous_end = 0
    owner = [0] * len(folded)
    for t in found:
        assert previous_end <= t.start < t.end <= len(folded), t
        assert folded[t.start:t.end] == t.text
        previous_end = t.end
        for k in range(t.start, t.end):
            owner[k] += 1
    for k, ch in enumerate(folded):
        if "0" <= ch <= "9":
            assert owner[k] == 1, (text, k, found)


@settings(max_examples=300)
@given(st.text(alphabet=ALPHABET, max_size=60))
def test_every_digit_is_in_exactly_one_token(text):
    assert_digits_covered_once(text)


@given(st.text(alphabet=ALPHABET, max_size=30))
def test_parse_number_never_raises(text):
    parse_number(text)


# --- linear time -------------------------------------------------------------------------------


def _inputs(size: int) -> dict[str, str]:
    rng = random.Random(7)
    return {
        "digits and commas": "".join(rng.choice("0123456789,") for _ in range(size)),
        "valid thousands": "1" + ",234" * (size // 4),
        "digits dots commas": "".join(rng.choice("0123456789.,") for _ in range(size)),
        "one long number": "9" * size,
        "dotted run": "1.2" * (size // 3),
        "chinese": "".join(rng.choice("一二三四五六七八九十百千万亿零两点余") for _ in range(size)),
        "repeated amounts": ("一千二百三十四万五千" * (size // 10 + 1))[:size],
        "3万 then digits": "3万" + "4" * size,
        "mixed text": "".join(rng.choice(ALPHABET) for _ in range(size)),
    }


def _characters_read(monkeypatch, text: str) -> int:
    """Characters covered by every atom the lexer reads: re-reading shows up here."""
    total = 0
    real = numbers._next_atom

    def counting(s, i, n, allow_decimal, allow_zhao):
        nonlocal total
        got = real(s, i, n, allow_decimal, allow_zhao)
        total += 1 if got is None else got[2] - got[1] + 1
        return got

    monkeypatch.setattr(numbers, "_next_atom", counting)
    for _ in scan_numbers(text):
        pass
    monkeypatch.setattr(numbers, "_next_atom", real)
    return total


@pytest.mark.parametrize("name", list(_inputs(10)))
def test_lexer_work_grows_linearly(monkeypatch, name):
    small, large = _inputs(50_000)[name], _inputs(100_000)[name]
    work_small = _characters_read(monkeypatch, small)
    work_large = _characters_read(monkeypatch, large)
    assert work_small <= 4 * len(small) + 10
    assert 10 * work_large <= 22 * work_small + 1000, (work_small, work_large)


def _half_and_whole(kind: str) -> tuple[str, str]:
    rng = random.Random(11)
    if kind == "digits and commas":  # the whole is a megabyte
        half = "".join(rng.choice("0123456789,") for _ in range(1 << 19))
        return half, half + "".join(rng.choice("0123456789,") for _ in range(1 << 19))
    if kind == "digit-by-digit run":  # 一九九八… is one numeral: its value must be built once
        half = "一九九八二〇二三" * (1 << 14)
        return half, half * 2
    half = "三千零五万" * (1 << 14)
    return half, half * 2


@pytest.mark.parametrize("kind", ["digits and commas", "digit-by-digit run", "chinese amounts"])
def test_scanning_time_grows_linearly(kind):
    """Time ratio when the input doubles (never an absolute bound): linear ≈ 2, quadratic ≈ 4."""
    import time

    half, whole = _half_and_whole(kind)

    def best_of_five(text: str) -> int:
        # CPU time of this process, the best of five: another process on the machine
        # (a parallel test run) steals wall time, not this process's CPU time.
        times = []
        for _ in range(5):
            t0 = time.process_time_ns()
            count = sum(1 for _ in scan_numbers(text))
            times.append(time.process_time_ns() - t0)
            assert count > 0
        return min(times)

    small, large = best_of_five(half), best_of_five(whole)
    assert 10 * large < 32 * small, (small, large)  # ratio below 3.2, in integers


def test_the_lone_chinese_digit_fast_path_agrees_with_the_full_reader():
    """scan_numbers short-cuts a Chinese digit that nothing numeral follows (一个, 统一): it
    must give exactly what the full reader gives, whatever follows."""
    import reportkit.numbers.numerals as N

    follows = [*N.DIGITS, *N.PLACES, *N.MAGNITUDES, *"点余多几分之又.0123456789个人年大是级，。、 %-"]
    for digit in N.DIGITS:
        for nxt in follows:
            for rest in ("", "件", "万", "之一"):
                text = digit + nxt + rest
                fields, _ = N._read_token(text, 0, len(text), True, False)
                token = next(N.scan_numbers(text))
                assert (token.end, token.value, token.coefficient, token.magnitude) == (
                    fields["end"], fields["value"], fields["coefficient"], fields["magnitude"]), text


class _Everything:
    def __contains__(self, ch) -> bool:
        return True


def test_lone_digit_fast_path_reads_what_the_reader_reads(monkeypatch):
    """The scan yields a lone Chinese digit without calling the reader only where the reader
    gives that very token: random texts of digits, places, blanks, signs and other
    characters scan the same with the fast path on and off (off: every character may
    continue a digit), and each lone digit is ``_chinese_digits``' token."""
    rnd = random.Random(29)
    alphabet = "一二两三〇零十百万亿点余多分之又半负.5 \n\u3000\t个年统-+%"
    texts = ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(1, 30))) for _ in range(6000)]
    fast = [list(scan_numbers(t)) for t in texts]
    for text, tokens in zip(texts, fast):
        for t in tokens:
            if t.text in numbers._LONE_DIGIT and text[t.end:t.end + 1] not in numbers._NOT_AFTER_LONE:
                assert numbers._chinese_digits(text, t.start, len(text)) == t, (text, t)
    monkeypatch.setattr(numbers, "_NOT_AFTER_LONE", _Everything())
    for text, tokens in zip(texts, fast):
        assert list(scan_numbers(text)) == tokens, text
