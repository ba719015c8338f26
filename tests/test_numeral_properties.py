"""Never a silently wrong value: numerals written from random values, in every script and
spacing a report or its PDF text layer uses, read back to that value or to `unread`."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

import reportkit
from reportkit.text.normalize import fold

from test_numbers import write_chinese

ARABIC = set("0123456789.")
NUMERAL_CHARS = set("零〇一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟0123456789")


def _arabic(n: int, commas: bool) -> str:
    return f"{n:,}" if commas else str(n)


def _mixed(n: int) -> tuple[str, Decimal]:
    """An Arabic coefficient of at most four decimals before 万/亿, as reports write large
    amounts (3.5万, 12亿, 1.4万亿), and its value."""
    for exponent, word in ((12, "万亿"), (8, "亿"), (4, "万")):
        if n >= 10 ** exponent:
            coefficient = Decimal(n).scaleb(-exponent).quantize(Decimal("0.0001")).normalize()
            return f"{coefficient:f}" + word, coefficient.scaleb(exponent)
    return str(n), Decimal(n)


@st.composite
def numerals(draw):
    """(text, value): a well-formed numeral and the value it was written from."""
    n = draw(st.integers(min_value=1, max_value=10**13))  # 零件 is a word
    form = draw(st.sampled_from(["chinese", "financial", "liang", "arabic", "commas", "mixed"]))
    if form in ("chinese", "financial", "liang"):
        text = write_chinese(min(n, 10**12), financial=form == "financial", liang=form == "liang")
        value = min(n, 10**12)
    elif form == "mixed":
        text, value = _mixed(n)
    else:
        n = n % 10**10 or 1  # eleven digits and more in a row are codes and telephone numbers
        text, value = _arabic(n, form == "commas"), n
    if draw(st.booleans()) and form not in ("arabic", "commas"):
        # blanks as a PDF text layer inserts them: between characters, never inside a run
        # of Arabic digits (1 00 is two numbers, or none: see test_quantity_forms)
        cut = draw(st.lists(st.integers(min_value=1, max_value=max(1, len(text) - 1)), max_size=4, unique=True))
        pieces, last = [], 0
        for k in sorted(cut):
            if 0 < k < len(text) and not (text[k - 1] in ARABIC and text[k] in ARABIC):
                pieces.append(text[last:k])
                last = k
        pieces.append(text[last:])
        separators = draw(st.lists(st.sampled_from([" ", " ", "  ", "\n"]), min_size=len(pieces), max_size=len(pieces)))
        if separators.count("\n") > 1:
            separators = [" " if c == "\n" else c for c in separators]
        text = pieces[0] + "".join(sep + p for sep, p in zip(separators, pieces[1:]))
    return text, Decimal(value)


def _read(sentence: str, start: int, end: int):
    doc = reportkit.parse(sentence)
    inside = [r for r in (*doc.quantities, *doc.non_quantities) if r.start < end and start < r.end]
    # every numeral character of the number lies in exactly one record
    folded = fold(sentence)
    for k in range(start, end):
        if folded[k] in NUMERAL_CHARS:
            assert sum(r.start <= k < r.end for r in inside) == 1, (sentence, k, inside)
    return doc, inside


@settings(max_examples=400, deadline=None)
@given(numerals(), st.sampled_from(["件", "元", "吨", "人", "户"]))  # 一个 is the article; 万元 would extend the numeral
def test_a_written_numeral_reads_back_to_its_value_or_unread(numeral, unit):
    text, value = numeral
    sentence = f"全年共完成{text}{unit}。"
    start = len("全年共完成")
    doc, inside = _read(sentence, start, start + len(text))
    assert len(inside) == 1, (sentence, inside)
    record = inside[0]
    if record in doc.non_quantities:
        assert record.kind == "unread", (sentence, record)
        return
    per_unit = reportkit.parse_quantity(f"1{unit}").base_value
    assert record.base_value / per_unit == value, (sentence, record.text, record.value, record.unit)


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=10, max_value=10**6))
def test_spaced_single_digits_in_prose(n):
    text = " ".join(str(n))
    sentence = f"共受理{text}件"
    doc, inside = _read(sentence, 3, 3 + len(text))
    assert [(q.value, q.unit) for q in inside] == [(Decimal(n), "件")], sentence
