"""Property-based robustness of ``reportkit.parse`` on arbitrary text (hypothesis).

For any Unicode text parse never raises, every record's offsets index the original text
(``text[start:end] == record.text``), lines and columns agree with the offsets, and every
ASCII digit (after folding full-width digits) lies in exactly one quantity or non-quantity.

``parse_number`` round-tripping numbers written in Arabic and in Chinese numerals is proved
in tests/test_numbers.py (test_arabic_decimals_round_trip,
test_arabic_with_thousands_separators_round_trip, test_chinese_numerals_round_trip); it is
not repeated here.
"""

from __future__ import annotations

import os
import re

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import reportkit
from reportkit.text.normalize import fold

from conftest import bundled_report, sample_text

# REPORTKIT_FUZZ=20 python -m pytest tests/test_… hunts 20× longer than the suite does.
SCALE = int(os.environ.get("REPORTKIT_FUZZ", "1"))



# Characters the stages react to: numerals in every script, units, qualifiers, heading and list
# markers, brackets, sentence and clause punctuation, line ends of every kind, furniture words.
REPORT_CHARS = (
    "0123456789０１２３４５６７８９" "一二三四五六七八九十百千万亿零两〇壹贰叁肆伍陆柒捌玖拾佰仟萬億兩點"
    ".,:;%％．，、。；：！？…‰-~～—/+年月日时分秒元万人次个项家户件吨亩平方米公里千瓦小时倍成"
    "余多近约超过不少于达到增长下降同比比上年累计完成计划力争第章节是其中"
    "()（）[]【】《》〈〉“”‘’\"' \t\u3000\xa0\n\r\u2028\x0b\x0c\x85"
    "①②③⑴⑵ⅠⅡ"
)
LINE_STARTS = ["一、", "（一）", "(二)", "1.", "2、", "（3）", "①", "第一章 ", "第二节", "一是", "二是",
               "首页 > 政务公开", "索引号：", "发布机构：", "打印本页", "关闭窗口", "", "   "]

@st.composite
def edited_report(draw) -> str:
    """A slice of a real report (any start, any length) with a few random edits."""
    source = _real_text()
    start = draw(st.integers(0, len(source) - 1))
    text = source[start:start + draw(st.integers(0, 600))]
    for _ in range(draw(st.integers(0, 4))):
        i = draw(st.integers(0, len(text)))
        cut = draw(st.integers(0, 3))
        text = text[:i] + draw(st.text(alphabet=REPORT_CHARS, max_size=6)) + text[i + cut:]
    return text


def _real_text() -> str:
    return sample_text() + bundled_report(2024) + bundled_report(1954)


report_text = st.one_of(
    edited_report(),
    st.text(alphabet=REPORT_CHARS, max_size=120),
    st.text(max_size=80),  # anything at all, surrogates and astral planes included
    st.lists(
        st.tuples(st.sampled_from(LINE_STARTS), st.text(alphabet=REPORT_CHARS, max_size=40)),
        max_size=8,
    ).map(lambda lines: "\n".join(a + b for a, b in lines)),
)


def line_col(text: str, offset: int) -> tuple[int, int]:
    """The reference: LF, CRLF and CR end lines (as the model says); 1-based line and column."""
    before = text[:offset]
    ends = list(re.finditer(r"\r\n|\r|\n", before))
    line_start = ends[-1].end() if ends else 0
    return len(ends) + 1, offset - line_start + 1


def assert_invariants(text: str, doc) -> None:
    assert doc.text == text
    n = len(text)

    def span(record, start, end, expected=None):
        assert 0 <= start <= end <= n, (record, start, end)
        if expected is not None:
            assert text[start:end] == expected, (record, text[start:end], expected)

    for s in doc.sentences:
        span(s, s.start, s.end, s.text)
        assert (s.line, s.col) == line_col(text, s.start), s
    for c in doc.clauses:
        span(c, c.start, c.end, c.text)
        assert (c.line, c.col) == line_col(text, c.start), c
    for h in doc.headings:
        span(h, h.start, h.start + len(h.marker), h.marker)
        span(h, h.title_start, h.title_end, h.title)
        assert h.start <= h.title_start <= h.title_end <= h.end, h
        assert (h.line, h.col) == line_col(text, h.start), h
    for f in doc.furniture:
        span(f, f.start, f.end, f.text)
    for p in doc.paragraphs:
        span(p, p.start, p.end)
    for item in doc.list_items:
        span(item, item.start, item.start + len(item.marker), item.marker)
        assert item.start <= item.end <= n, item
    for q in doc.quantities:
        span(q, q.start, q.end, q.text)
        assert q.start <= q.number_start <= q.number_end <= q.end, q
        assert (q.line, q.col) == line_col(text, q.start), q
    for x in doc.non_quantities:
        span(x, x.start, x.end, x.text)
        assert (x.line, x.col) == line_col(text, x.start), x

    owners = bytearray(n)
    for record in (*doc.quantities, *doc.non_quantities):
        for i in range(record.start, record.end):
            owners[i] += 1
    folded = fold(text)
    bad = [i for i, ch in enumerate(folded) if "0" <= ch <= "9" and owners[i] != 1]
    assert bad == [], [(i, text[max(0, i - 6):i + 6], owners[i]) for i in bad[:5]]


@settings(max_examples=400 * SCALE, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(report_text)
@example("")
@example("\r\n\r\n")
@example("１２３４５６７８９０" * 3)
@example("一、总体情况\n全年完成投资1,234.5亿元，同比增长12%。二是新增就业3万人。\n（一）小结")
def test_parse_never_raises_and_offsets_hold(text):
    doc = reportkit.parse(text)  # never raises, whatever the text
    assert_invariants(text, doc)


@pytest.mark.parametrize("text", ["12024-1-1", "1.2023-07-02", "02023年7月2日", "2023-06-028",
                                  "2023-1-10086", "生成日期 2023-06-028", "-2024年3月", "—2024年3月"])
def test_a_date_inside_a_digit_run(text):
    """Found by the property tests: a date matched inside a digit run (12024-1-1, 2023-06-028)
    or after a sign (-2024年3月) left digits in two records or in none."""
    assert_invariants(text, reportkit.parse(text))


@pytest.mark.parametrize("text", ["1万1234L/2", "1亿14141568L/2"])
def test_a_continued_number_overlapping_an_identifier(text):
    """Found by the property tests (first seen in a real 索引号 line): a number continued after
    万/亿 and an identifier starting at its digits were two overlapping records; now one."""
    assert_invariants(text, reportkit.parse(text))


@settings(max_examples=100 * SCALE, deadline=None)
@given(report_text)
def test_parse_is_deterministic(text):
    """Pure: the same text always gives the same Document (workers and Dask rely on it)."""
    assert reportkit.parse(text) == reportkit.parse(text)
