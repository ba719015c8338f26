"""Forms of numbers in real report text, each on sentences written for this test:
what is an amount (value, unit, qualifier as written) and what is not."""

from __future__ import annotations

from decimal import Decimal

import pytest

import reportkit

from test_quantities_gold import assert_coverage

D = Decimal


def amounts(text: str) -> list[tuple[str, Decimal, str, str | None]]:
    doc = reportkit.parse(text)
    assert_coverage(doc)
    return [(q.text, q.value, q.unit, q.qualifier) for q in doc.quantities]


def others(text: str) -> list[tuple[str, str]]:
    return [(n.text, n.kind) for n in reportkit.parse(text).non_quantities]


# Real-report forms (issue 9): one sentence each, written for this test.
REAL_FORMS = {
    # a bound makes a bare magnitude an amount of one: projects of at least 1 亿元
    "新签约亿元以上项目12个": [("亿元以上", D(1), "亿元", "以上"), ("12个", D(12), "个", None)],
    "全镇税收超过亿元的企业有3家": [("超过亿元", D(1), "亿元", "超过"), ("3家", D(3), "家", None)],
    # a unit the table did not know
    "共接待来访群众42批次": [("42批次", D(42), "批次", None)],
    # 近 … 余 says "about" twice: the word before states the bound
    "受益群众近5000余人": [("近5000余人", D(5000), "人", "近")],
    # a duration of one year, not a period
    "一年来,全街道新增就业岗位200个": [("一年", D(1), "年", None), ("200个", D(200), "个", None)],
    "回顾过去的一年,我们完成了3项改革": [("一年", D(1), "年", None), ("3项", D(3), "项", None)],
    # 三次产业: the three sectors; A:B:C ratios are three numbers without a unit
    "三次产业结构调整为2.1:40.3:57.6": [("2.1", D("2.1"), "", None), ("40.3", D("40.3"), "", None),
                                     ("57.6", D("57.6"), "", None)],
    # anniversaries are counted years
    "迎来建区30周年": [("30周年", D(30), "周年", None)],
    # the number one after a choice, not the article
    "请在下列选项中选择一项": [("一项", D(1), "项", None)],
    # words with a numeral inside that are not numbers
    "长三角一流营商环境": [],
    "引进汽车零部件企业5家": [("5家", D(5), "家", None)],
    "辖区无一发生重大事故": [],
    "查处电动三轮车违停20辆": [("20辆", D(20), "辆", None)],
    # a count after a channel name is a count, not a telephone number
    "其中市民热线116个,网上信箱35个": [("116个", D(116), "个", None), ("35个", D(35), "个", None)],
    # ASCII punctuation of web text
    "受理诉求1,200件(电话980件,网络220件)": [("1,200件", D(1200), "件", None), ("980件", D(980), "件", None),
                                       ("220件", D(220), "件", None)],
}


@pytest.mark.parametrize("text", list(REAL_FORMS))
def test_real_report_forms(text):
    assert amounts(text) == REAL_FORMS[text]


def test_non_amounts_of_real_report_forms():
    assert others("本周为第26周,开展第三次集中整治") == [("第26周", "ordinal"), ("第三次", "ordinal")]
    assert others("请拨打12345热线反映") == [("12345", "identifier")]
    assert others("市民通过12345反映诉求") == [("12345", "identifier")]
    assert amounts("全年受理12345件") == [("12345件", D(12345), "件", None)]
    assert others("发布时间: 2023-07-28 17 : 30") == [("2023-07-28", "date"), ("17 : 30", "date")]
    table = "序号 | 任务 | 完成情况 |\n7 | 改造小区 | 完成3个 |\n8 | 新建公园 | 完成1座 |\n"
    assert others(table) == [("7", "heading-number"), ("8", "heading-number")]
    assert amounts(table) == [("3个", D(3), "个", None), ("1座", D(1), "座", None)]
    assert others("工业增速9.2%,全省排名5") == [("5", "ordinal")]
    assert others("根据国办发〔2021〕12号文件") == [("〔2021〕12号", "identifier")]
    assert others("印发《三年行动计划(2024-2026)》") == [("2024-2026", "date")]
    assert others("来信请寄xfb@126.com") == [("xfb@126.com", "identifier")]
    assert others("成效明显 2.服务提升") == [("2.", "heading-number")]
    assert amounts("一二三产业融合发展,二三产业比重达到91.5%") == [("91.5%", D("91.5"), "%", None)]
    assert amounts("全年办结十一件") == [("十一件", D(11), "件", None)]  # not National Day
    assert others("十一期间开展巡查") == [("十一", "name")]
    # a numeral continues across one line break of a text layer; a name does not join it
    assert amounts("全年共完成十一\n万件") == [("十一\n万件", D(11), "万件", None)]
    assert others("长假\n十一期间开展巡查") == [("十一", "name")]
    assert amounts("这是一项重要任务") == []
    assert amounts("单位:万元") == []


# Issue 14's table: one line of ordinary report prose each, and what it says.
ISSUE_14_TABLE = {
    "用一年半时间完成改造": [("一年半", D("1.5"), "年", None)],
    "历时两个半月": [("两个半月", D("2.5"), "个月", None)],
    "优惠幅度达三成半": [("三成半", D("3.5"), "成", None)],
    "一百 五 十 二户": [("一百 五 十 二户", D(152), "户", None)],
    "7 万5 千4 百元": [("7 万5 千4 百元", D(75400), "元", None)],
    "一吨半": [("一吨半", D("1.5"), "吨", None)],
    "三斤半": [("三斤半", D("3.5"), "斤", None)],
    "二两": [("二两", D(2), "两", None)],
    "两万两": [("两万两", D(2), "万两", None)],
}


@pytest.mark.parametrize("text", list(ISSUE_14_TABLE))
def test_issue_14_table(text):
    assert amounts(text) == ISSUE_14_TABLE[text]


def _meaning(text: str) -> tuple[Decimal, str]:
    (q,) = reportkit.parse(text).quantities
    return q.base_value, q.base_unit


def test_issue_14_table_in_base_units():
    assert _meaning("优惠幅度达三成半") == (D(35), "%")
    assert _meaning("两万两") == (D(2000), "斤")  # 20000 两 of 50 g
    assert _meaning("历时两个半月") == (D("2.5"), "月")


FORMS = {
    # a half after the unit; 个半 takes the unit after it
    "整治工作历时三个半小时": [("三个半小时", D("3.5"), "小时", None)],
    "建设周期缩短为两年半": [("两年半", D("2.5"), "年", None)],
    "产量是去年的一倍半": [("一倍半", D("1.5"), "倍", None)],
    # 半 alone is a half where it is an amount, never the period 上半年
    "用半年时间完成整改": [("半年", D("0.5"), "年", None)],
    "接警后半小时内到达现场": [("半小时", D("0.5"), "小时", None)],
    "上半年完成投资3亿元": [("3亿元", D(3), "亿元", None)],
    "下半年工作打算": [],
    "一半以上的村完成改造": [],
    # 半 starting a word is not a half
    "新引进2个半导体项目": [("2个", D(2), "个", None)],
    "采购原料和半成品": [],
    # discounts and shares in tenths
    "景区门票打八折": [("八折", D(8), "折", None)],
    "团购价七五折": [("七五折", D("7.5"), "折", None)],
    "会员享受95折优惠": [("95折", D("9.5"), "折", None)],
    "参保率提高到七成六": [("七成六", D("7.6"), "成", None)],
    "七成一致同意": [("七成", D(7), "成", None)],
    # money followed by its currency
    "吸引外资8亿元人民币": [("8亿元人民币", D(8), "亿元人民币", None)],
    "实际利用外资300万美元": [("300万美元", D(300), "万美元", None)],
    # 两 the weight unit only where no unit follows it
    "每天供应猪肉三十两": [("三十两", D(30), "两", None)],
    "一两天内办结": [],
    "两万两千元": [("两万两千元", D(22000), "元", None)],
    # numerals broken by blanks and line breaks, as PDF text layers write them
    "共受理 1 2 3 件": [("1 2 3 件", D(123), "件", None)],
    "完成投资一百五\n十二万元": [("一百五\n十二万元", D(152), "万元", None)],
    # the old writing of 一十 after a higher place
    "钢产量四百十二万吨": [("四百十二万吨", D(412), "万吨", None)],
}


@pytest.mark.parametrize("text", list(FORMS))
def test_forms(text):
    assert amounts(text) == FORMS[text]


def test_spaced_digits_join_only_when_nothing_else_can_be_meant():
    # cells of a table without a unit stay three numbers
    assert [q.text for q in reportkit.parse("| 1 2 3 |").quantities] == ["1", "2", "3"]
    # a spaced year is a date
    assert others("1 9 9 9 年完成") == [("1 9 9 9 年", "date")]
    # a list 一 二 三 is never one number
    assert others("一 二 三") == []


UNREAD = {
    # numerals that touch but do not make one number: one record over all of them
    "二三十人参加": "二三十",
    "在两三年内完成": "两三",
    "3万4人次": "3万4",
    "十五六岁的青少年": "十五六",
    "一千零万元": "一千零万",
}


@pytest.mark.parametrize("text", list(UNREAD))
def test_numerals_not_read_completely_are_unread_never_a_smaller_number(text):
    doc = reportkit.parse(text)
    assert list(doc.quantities) == []
    (n,) = doc.non_quantities
    assert (n.kind, n.text, n.value) == ("unread", UNREAD[text], None)
    assert doc.text[n.start:n.end] == n.text


def test_touching_numerals_that_are_two():
    assert amounts("用了一年零两个月") == [("一年", D(1), "年", None), ("两个月", D(2), "个月", None)]
    assert amounts("一九八一、一九八二两年") == [("两年", D(2), "年", None)]


def test_arabic_groups_split_by_a_blank_are_unread():
    doc = reportkit.parse("共完成12 345件")
    assert list(doc.quantities) == []
    assert [(n.kind, n.text) for n in doc.non_quantities] == [("unread", "12 345")]
    # cells of a table stay numbers of their own
    assert [q.text for q in reportkit.parse("| 12 | 345 |").quantities] == ["12", "345"]
