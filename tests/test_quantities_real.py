"""Quantities on text the gold file does not cover: State Council reports across 70 years,
a report written with full-width punctuation and Chinese-numeral amounts, GB18030 bytes."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

import reportkit
from reportkit.text.normalize import fold

from conftest import bundled_report, corpus_records
from test_quantities_gold import assert_coverage

D = Decimal


def _find(doc, text):
    found = [q for q in doc.quantities if q.text == text]
    assert found, f"{text} not among {[q.text for q in doc.quantities][:60]}"
    return found[0]


# (year, quantity as written, value, unit, dimension, base value, base unit, qualifier)
CORPUS_CASES = [
    (2025, "134.9万亿元", D("134.9"), "万亿元", "money", D("134900000000000"), "元", None),
    (2025, "1256万人", D("1256"), "万人", "count", D("12560000"), "人", None),
    (2025, "1.4万亿斤", D("1.4"), "万亿斤", "mass", D("1400000000000"), "斤", None),
    (2025, "超过3.2万亿美元", D("3.2"), "万亿美元", "money", D("3200000000000"), "美元", "超过"),
    (2025, "3400多万人次", D("3400"), "万人次", "count", D("34000000"), "人次", "多"),
    (2025, "1个百分点", D("1"), "个百分点", "percentage-point", D("1"), "个百分点", None),
    (2025, "接近40%", D("40"), "%", "percent", D("40"), "%", "接近"),
    (2024, "1.39万亿斤", D("1.39"), "万亿斤", "mass", D("1390000000000"), "斤", None),
    (2024, "1200万人以上", D("1200"), "万人", "count", D("12000000"), "人", "以上"),
    (1997, "４８００亿公斤以上", D("4800"), "亿公斤", "mass", D("480000000000"), "千克", "以上"),
    (1997, "７００多万人", D("700"), "万人", "count", D("7000000"), "人", "多"),
    (1997, "１１亿平方米", D("11"), "亿平方米", "area", D("1100000000"), "平方米", None),
    (1954, "百分之三十六點九", D("36.9"), "%", "percent", D("36.9"), "%", None),
    (1954, "百分之七十一左右", D("71"), "%", "percent", D("71"), "%", "左右"),
]


@pytest.fixture(scope="module")
def reports():
    return {year: reportkit.parse(bundled_report(year)) for year in (1954, 1997, 2024, 2025)}


@pytest.mark.parametrize("year, text, value, unit, dimension, base, base_unit, qualifier", CORPUS_CASES)
def test_headline_quantities(reports, year, text, value, unit, dimension, base, base_unit, qualifier):
    q = _find(reports[year], text)
    assert (q.value, q.unit, q.dimension, q.base_value, q.base_unit, q.qualifier) == (
        value, unit, dimension, base, base_unit, qualifier)
    assert reports[year].text[q.start:q.end] == q.text


def test_bounds_from_qualifiers(reports):
    more = _find(reports[2025], "3400多万人次")
    assert (more.lower, more.upper, more.lower_inclusive, more.upper_inclusive) == (D(3400), D(3500), True, False)
    over = _find(reports[2025], "超过3.2万亿美元")
    assert (over.lower, over.upper, over.lower_inclusive) == (D("3.2"), None, False)
    near = _find(reports[2025], "接近40%")
    assert (near.lower, near.upper) == (None, D(40))
    about = _find(reports[2025], "5%左右")
    assert (about.lower, about.upper) == (D("4.75"), D("5.25"))
    assert about.target is True  # 主要预期目标


@pytest.mark.parametrize("year", [1954, 1997, 2024, 2025])
def test_coverage_invariant_on_bundled_reports(reports, year):
    assert_coverage(reports[year])


def test_coverage_invariant_on_the_whole_corpus(corpus):
    for record in corpus:
        assert_coverage(reportkit.parse(record["content"]))


def test_no_dates_or_names_as_amounts_in_the_corpus(corpus):
    """Years, 十四五, 二十大 and hotline numbers never become amounts anywhere in 72 reports."""
    for record in corpus:
        doc = reportkit.parse(record["content"])
        for q in doc.quantities:
            view = fold(q.text)
            assert not re.fullmatch(r"(?:19|20)\d\d年?(?:度)?", view), q.text
            assert "十四五" not in view and "二十大" not in view, q.text


UNSEEN = """２０２４年上半年工作总结

一、主要工作

（一）矛盾化解

１．信访工作扎实推进。今年以来，共受理群众来信三百二十件，已办结三百件，办结率达９３．７５％；接待来访群众两万余人次，同比增长１２．５％。

２．民生保障有力有效。发放救助资金一千二百三十四万元，惠及困难群众约三千人；新建养老服务站点１，２３４个。

二、下半年计划

１．力争新增就业岗位不少于五百个。
"""


def test_full_width_and_chinese_numerals():
    doc = reportkit.parse(UNSEEN)
    got = {q.text: (q.value, q.unit, q.qualifier, q.label, q.verb) for q in doc.quantities}
    assert got == {
        "三百二十件": (D(320), "件", None, "群众来信", "受理"),
        "三百件": (D(300), "件", None, "群众来信", "办结"),
        "９３．７５％": (D("93.75"), "%", None, "办结率", None),
        "两万余人次": (D(2), "万人次", "余", "来访群众", "接待"),
        "１２．５％": (D("12.5"), "%", None, "来访群众", "增长"),
        "一千二百三十四万元": (D(1234), "万元", None, "救助资金", "发放"),
        "约三千人": (D(3000), "人", "约", "困难群众", "惠及"),
        "１，２３４个": (D(1234), "个", None, "养老服务站点", "新建"),
        "不少于五百个": (D(500), "个", "不少于", "就业岗位", "新增"),
    }
    two_wan = next(q for q in doc.quantities if q.text == "两万余人次")
    assert (two_wan.base_value, two_wan.lower, two_wan.upper) == (D(20000), D(2), D(3))
    assert [n.kind for n in doc.non_quantities if n.text.startswith("２０２４")] == ["date"]
    assert [h.title for h in doc.headings] == ["主要工作", "矛盾化解", "信访工作扎实推进", "民生保障有力有效", "下半年计划", "力争新增就业岗位不少于五百个"]
    assert next(q for q in doc.quantities if q.text == "不少于五百个").target is True
    assert_coverage(doc)


def test_gb18030_bytes_give_the_same_quantities():
    from_bytes = reportkit.load(UNSEEN.encode("gb18030"))
    from_text = reportkit.parse(UNSEEN)
    assert from_bytes.meta.encoding == "gb18030"
    assert [(q.text, q.start, q.value, q.unit) for q in from_bytes.quantities] == [
        (q.text, q.start, q.value, q.unit) for q in from_text.quantities]
