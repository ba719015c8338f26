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
    assert others("发布时间: 2023-07-28 17 : 30") == [("2023-07-28", "date"), ("17 : 30", "date")]
    table = "序号 | 任务 | 完成情况 |\n7 | 改造小区 | 完成3个 |\n8 | 新建公园 | 完成1座 |\n"
    assert others(table) == [("7", "heading-number"), ("8", "heading-number")]
    assert amounts(table) == [("3个", D(3), "个", None), ("1座", D(1), "座", None)]
    assert amounts("这是一项重要任务") == []
    assert amounts("单位:万元") == []
