"""expressions.read_quantity / parse_quantity and the unit lexicon: exact values and bounds."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reportkit import parse_quantity
from reportkit.numbers.expressions import read_quantity
from reportkit.text.normalize import fold
from reportkit.numbers.numerals import scan_numbers
from reportkit.numbers.units import lookup_unit, match_unit, to_base, units

D = Decimal
N = None

# text → (value, unit, dimension, base_value, base_unit, lower, upper, lower_inc, upper_inc, qualifier)
CASES = {
    "1900余件": (D(1900), "件", "count", D(1900), "件", D(1900), D(2000), True, False, "余"),
    "40余件": (D(40), "件", "count", D(40), "件", D(40), D(50), True, False, "余"),
    "近200家": (D(200), "家", "count", D(200), "家", N, D(200), True, False, "近"),
    "超3000万元": (D(3000), "万元", "money", D(30000000), "元", D(3000), N, False, True, "超"),
    "超过5亿元": (D(5), "亿元", "money", D(500000000), "元", D(5), N, False, True, "超过"),
    "突破30万": (D(30), "万", "number", D(300000), "", D(30), N, False, True, "突破"),
    "逾百万": (D(100), "万", "number", D(1000000), "", D(100), N, False, True, "逾"),
    "不少于450家": (D(450), "家", "count", D(450), "家", D(450), N, True, True, "不少于"),
    "100平米以上": (D(100), "平米", "area", D(100), "平方米", D(100), N, True, True, "以上"),
    "35万人次": (D(35), "万人次", "count", D(350000), "人次", D(35), D(35), True, True, N),
    "280人次": (D(280), "人次", "count", D(280), "人次", D(280), D(280), True, True, N),
    "238.16万元": (D("238.16"), "万元", "money", D(2381600), "元", D("238.16"), D("238.16"), True, True, N),
    "14.70万元": (D("14.70"), "万元", "money", D(147000), "元", D("14.70"), D("14.70"), True, True, N),
    "1.4万亿斤": (D("1.4"), "万亿斤", "mass", D(1400000000000), "斤", D("1.4"), D("1.4"), True, True, N),
    "134.9万亿元": (D("134.9"), "万亿元", "money", D(134900000000000), "元", D("134.9"), D("134.9"), True, True, N),
    "1256万人": (D(1256), "万人", "count", D(12560000), "人", D(1256), D(1256), True, True, N),
    "百分之三十六點九": (D("36.9"), "%", "percent", D("36.9"), "%", D("36.9"), D("36.9"), True, True, N),
    "百分之22": (D(22), "%", "percent", D(22), "%", D(22), D(22), True, True, N),
    "83.14%": (D("83.14"), "%", "percent", D("83.14"), "%", D("83.14"), D("83.14"), True, True, N),
    "-22.2%": (D("-22.2"), "%", "percent", D("-22.2"), "%", D("-22.2"), D("-22.2"), True, True, N),
    "12个百分点": (D(12), "个百分点", "percentage-point", D(12), "个百分点", D(12), D(12), True, True, N),
    "0.5个百分点": (D("0.5"), "个百分点", "percentage-point", D("0.5"), "个百分点", D("0.5"), D("0.5"), True, True, N),
    "5%左右": (D(5), "%", "percent", D(5), "%", D("4.75"), D("5.25"), True, True, "左右"),
    "约3000人": (D(3000), "人", "count", D(3000), "人", D(2850), D(3150), True, True, "约"),
    "2.6倍": (D("2.6"), "倍", "multiple", D("2.6"), "倍", D("2.6"), D("2.6"), True, True, N),
    "三成": (D(3), "成", "percent", D(30), "%", D(3), D(3), True, True, N),
    "千分之五": (D(5), "‰", "percent", D("0.5"), "%", D(5), D(5), True, True, N),
    "两万余人次": (D(2), "万人次", "count", D(20000), "人次", D(2), D(3), True, False, "余"),
    "三百二十件": (D(320), "件", "count", D(320), "件", D(320), D(320), True, True, N),
    "20多万": (D(20), "万", "number", D(200000), "", D(20), D(30), True, False, "多"),
    "五百余万元": (D(500), "万元", "money", D(5000000), "元", D(500), D(600), True, False, "余"),
    "十余个": (D(10), "个", "count", D(10), "个", D(10), D(20), True, False, "余"),
    "二十几家": (D(20), "家", "count", D(20), "家", D(20), D(30), True, False, "几"),
    "一百零几万元": (D(100), "万元", "money", D(1000000), "元", D(100), D(110), True, False, "几"),
    "1.5万余户": (D("1.5"), "万户", "count", D(15000), "户", D("1.5"), D("1.6"), True, False, "余"),
    "不超过3%": (D(3), "%", "percent", D(3), "%", N, D(3), True, True, "不超过"),
    "控制在3%以内": (D(3), "%", "percent", D(3), "%", N, D(3), True, True, "控制在…以内"),
    "不足5%": (D(5), "%", "percent", D(5), "%", N, D(5), True, False, "不足"),
    "60岁以下": (D(60), "岁", "age", D(60), "岁", N, D(60), True, True, "以下"),
    "3个月": (D(3), "个月", "duration", D(3), "月", D(3), D(3), True, True, N),
    "2小时": (D(2), "小时", "duration", D(7200), "秒", D(2), D(2), True, True, N),
    "3万千瓦": (D(3), "万千瓦", "power", D(30000), "千瓦", D(3), D(3), True, True, N),
    "5千瓦时": (D(5), "千瓦时", "energy", D(5), "千瓦时", D(5), D(5), True, True, N),
    "12.5万亩": (D("12.5"), "万亩", "area", D(125000), "亩", D("12.5"), D("12.5"), True, True, N),
    "3.2亿美元": (D("3.2"), "亿美元", "money", D(320000000), "美元", D("3.2"), D("3.2"), True, True, N),
    "5340元": (D(5340), "元", "money", D(5340), "元", D(5340), D(5340), True, True, N),
    "1,234": (D(1234), "", "number", D(1234), "", D(1234), D(1234), True, True, N),
    # a bound makes a bare magnitude one of it: 亿元以上项目 are projects of at least 1 亿元
    "亿元以上": (D(1), "亿元", "money", D(100000000), "元", D(1), N, True, True, "以上"),
    "超过亿元": (D(1), "亿元", "money", D(100000000), "元", D(1), N, False, True, "超过"),
    "万元以下": (D(1), "万元", "money", D(10000), "元", N, D(1), True, True, "以下"),
    "三分之一": (D(1) / D(3), "", "ratio", D(1) / D(3), "", D(1) / D(3), D(1) / D(3), True, True, N),
}


@pytest.mark.parametrize("text", list(CASES))
def test_parse_quantity(text):
    q = parse_quantity(text)
    assert q is not None, text
    got = (q.value, q.unit, q.dimension, q.base_value, q.base_unit, q.lower, q.upper,
           q.lower_inclusive, q.upper_inclusive, q.qualifier)
    assert got == CASES[text]
    assert (q.id, q.text, q.start, q.end, q.line, q.col) == ("q1", text, 0, len(text), 1, 1)
    assert (q.label, q.verb, q.unit_inferred) == (None, None, False)


def test_written_precision_reaches_the_base_value():
    q = parse_quantity("238.16万元")
    assert format(q.base_value, "f") == "2381600"
    assert str(q.value) == "238.16"
    assert str(parse_quantity("14.70万元").value) == "14.70"


@pytest.mark.parametrize("text", ["", "元", "万元", "千瓦时", "亿元", "5-9层", "3家和4家", "超", "2023年6月", "12345工单x"])
def test_parse_quantity_rejects_what_is_not_one_amount(text):
    assert parse_quantity(text) is None


def test_target_and_cumulative_flags():
    assert parse_quantity("不少于450家").target
    assert parse_quantity("控制在3%以内").target
    assert not parse_quantity("超3000万元").target
    q = parse_quantity("累计超3000万元")
    assert q.cumulative and q.qualifier == "超" and q.lower == 3000


def reads(text: str) -> list:
    folded = fold(text)
    return [read_quantity(folded, t) for t in scan_numbers(folded)]


def test_read_quantity_in_running_text():
    text = "共计协调解决民生服务、物业管理等各类诉求1900余件。"
    (parts,) = reads(text)
    assert text[parts.start:parts.end] == "1900余件"
    assert text[parts.number_start:parts.number_end] == "1900余"
    assert (parts.value, parts.unit, parts.qualifier, parts.cumulative) == (D(1900), "件", "余", True)


def test_cumulative_word_further_back_in_the_clause():
    text = "全流程闭环管理，累计处理各类问题4496个。"
    (parts,) = reads(text)
    assert parts.cumulative and text[parts.start:parts.end] == "4496个"
    (parts,) = reads("累计开展活动，处理问题12个")
    assert not parts.cumulative  # a comma ends the clause


def test_prefix_qualifier_is_only_the_adjacent_word():
    text = "其中总投资超3000万元项目4个"
    first, second = reads(text)
    assert text[first.start:first.end] == "超3000万元"
    assert (second.value, second.unit, second.qualifier) == (D(4), "个", None)


def test_qualifier_words_inside_other_words_are_not_qualifiers():
    (parts,) = reads("节约3000万元")
    assert parts.qualifier is None and parts.lower == parts.upper == 3000
    (parts,) = reads("最近5年")
    assert parts.qualifier is None
    (parts,) = reads("近5年来")  # 近五年 is "the past five years", not "nearly"
    assert parts.qualifier is None
    (parts,) = reads("带动3家上下游企业")
    assert parts.qualifier is None and parts.unit == "家"


def test_weak_units_are_flagged():
    (parts,) = reads("推进一期建设")
    assert (parts.unit, parts.weak_unit) == ("期", True)
    (parts,) = reads("发电300度")
    assert (parts.unit, parts.dimension, parts.weak_unit) == ("度", "energy", True)
    (parts,) = reads("1900余件")
    assert parts.weak_unit is False


def test_longest_unit_wins():
    assert match_unit("12个百分点", 2).unit == "个百分点"
    assert match_unit("3个月", 1).unit == "个月"
    assert match_unit("3个", 1).unit == "个"
    assert match_unit("5平方公里", 1).unit == "平方公里"
    assert match_unit("x", 0) is None
    m = match_unit("35万人次", 2, magnitudes=True)
    assert (m.start, m.end, m.unit, m.base_unit, m.factor) == (2, 5, "万人次", "人次", D(10000))
    assert match_unit("35万人次", 2) is None  # listed units only, by default


def test_lookup_unit_combines_magnitudes():
    assert lookup_unit("万人次").factor == 10000 and lookup_unit("万人次").base_unit == "人次"
    assert lookup_unit("万亿斤").factor == 10**12 and lookup_unit("万亿斤").base_unit == "斤"
    assert lookup_unit("千万元").factor == 10**7
    assert lookup_unit("百万千瓦").factor == 10**6 and lookup_unit("百万千瓦").dimension == "power"
    assert lookup_unit("千瓦").factor == 1  # listed: kW, not 千 × 瓦
    assert lookup_unit("万").dimension == "number" and lookup_unit("万").factor == 10000
    assert lookup_unit("").dimension == "number"
    assert lookup_unit("美元").base_unit == "美元" and lookup_unit("亿美元").base_unit == "美元"
    assert lookup_unit("个百分点").dimension == "percentage-point"
    assert lookup_unit("%").dimension == "percent" != lookup_unit("百分点").dimension
    assert lookup_unit("成").factor == 10
    assert lookup_unit("公里") is not None and lookup_unit("平米").base_unit == "平方米"
    assert lookup_unit("不是单位") is None


def test_to_base():
    assert to_base(D("238.16"), "万元") == (D(2381600), "元")
    assert to_base(D("1.4"), "万亿斤") == (D(1400000000000), "斤")
    assert to_base(D(3), "成") == (D(30), "%")
    assert to_base(D(2), "吨") == (D(2000), "千克")
    with pytest.raises(ValueError):
        to_base(D(1), "不是单位")


def test_listed_magnitude_units_agree_with_their_parts():
    table = units()
    for unit, info in table.items():
        if unit[0] in "万亿" and unit[1:] in table:
            combined = lookup_unit(unit[0]) .factor * table[unit[1:]].factor
            assert (info.factor, info.base_unit) == (combined, table[unit[1:]].base_unit), unit


def test_lexicon_has_the_units_reports_use():
    table = units()
    for unit in ("件 户 人 人次 名 个 处 起 家 次 场 条 份 项 所 座 栋 幢 套 间 辆 台 批 篇 期 宗 笔 层 "
                 "艘 架 只 头 株 棵 册 部 本 例 位 支 门 根 张 元 万元 亿元 万亿元 美元 亿美元 千元 角 "
                 "平方米 平米 ㎡ m2 亩 公顷 平方公里 平方千米 万亩 公里 千米 米 厘米 吨 万吨 公斤 千克 斤 "
                 "万斤 千瓦 万千瓦 千瓦时 度 万千瓦时 天 日 小时 年 个月 月 周 % 个百分点 百分点 成 倍").split():
        assert lookup_unit(unit) is not None, unit
    assert {u for u, info in table.items() if info.weak} >= set("度期次部位本门头只张支根道")
    assert all(info.base_unit == unit for unit, info in table.items() if info.dimension == "count")

_TEXT = st.text(alphabet="0123456789.,%-一二两三十百千万亿零余多几点分之约超近以上下左右内个件元人次吨成倍平米负累计，。",
               max_size=40)


@given(_TEXT)
def test_read_quantity_spans_are_consistent(text):
    folded = fold(text)
    for token in scan_numbers(folded):
        parts = read_quantity(folded, token)
        if parts is None:
            continue
        assert parts.start <= parts.number_start < parts.number_end <= parts.end <= len(folded)
        assert (parts.number_start, parts.number_end) == (token.start, token.end)
        if parts.lower is not None and parts.upper is not None:
            assert parts.lower <= parts.upper
