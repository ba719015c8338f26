"""The statement layer: how a report relates its numbers, read on sentences in the style of
real reports (written for these tests), on the sample, and in the JSON and tree outputs."""

from __future__ import annotations

import json

import pytest

import reportkit

from conftest import SAMPLE


def relations(text: str):
    doc = reportkit.parse(text)
    by_id = {q.id: q.text for q in doc.quantities}
    return [(r.kind, r.mode, r.certain, [(m.slot, by_id[m.quantity]) for m in r.members]) for r in doc.relations]


CASES = [
    # a bracketed breakdown: 办结 binds to the total outside the brackets, never to a sub-count
    ("共受理诉求5000件(电话受理4800件,网络受理200件),办结4700件。", [
        ("breakdown", "partition", True, [("total", "5000件"), ("part", "4800件"), ("part", "200件")]),
        ("flow", "受理→办结", True, [("earlier", "5000件"), ("later", "4700件")]),
    ]),
    # a carry-over in brackets after the handled count
    ("受理信访事项4090件，办结4100件(包括上期结转30件)。", [
        ("flow", "受理→办结", True, [("earlier", "4090件"), ("later", "4100件"), ("carried", "30件")]),
    ]),
    # 其中 after a growth clause: the total is the last count of its unit, not the percentage
    ("实现财政总收入6.3亿元,同比增长71.4%,其中一般公共预算收入5.08亿元,同比增长132.7%。", [
        ("breakdown", "partition", True, [("total", "6.3亿元"), ("part", "5.08亿元")]),
    ]),
    # attributes that may overlap
    ("新发展党员12名，其中35岁以下8名、本科以上学历7名。", [
        ("breakdown", "overlapping", True, [("total", "12名"), ("part", "8名"), ("part", "7名")]),
    ]),
    # 分别为: all of it
    ("共建成党群服务站30个，分别为城市社区18个、农村社区12个。", [
        ("breakdown", "exact", True, [("total", "30个"), ("part", "18个"), ("part", "12个")]),
    ]),
    # kinds named before the total, then counted: all of it
    ("共收到区委书记信箱、区长信箱共63件，其中区委书记信箱18件，区长信箱45件。", [
        ("breakdown", "exact", True, [("total", "63件"), ("part", "18件"), ("part", "45件")]),
    ]),
    # a classification of a total stated before, complete (未发生)
    ("全市共发生事故17起。分区域来看，甲区事故6起；乙县事故5起；丙县事故6起；丁县未发生事故。", [
        ("breakdown", "exact", True, [("total", "17起"), ("part", "6起"), ("part", "5起"), ("part", "6起")]),
    ]),
    # a named rate: numerator by its stem, two readings of the denominator
    ("受理纠纷657件，调解纠纷649件，调解成功638件，调解率98.8%，成功率97.1%。", [
        ("flow", "受理→办结", True, [("earlier", "657件"), ("later", "649件")]),
        ("flow", "受理→办结", True, [("earlier", "649件"), ("later", "638件")]),
        ("rate", None, True, [("rate", "98.8%"), ("numerator", "649件"), ("denominator", "657件")]),
        ("rate", "readings", True, [("rate", "97.1%"), ("numerator", "638件"), ("denominator", "657件"),
                                    ("denominator", "649件")]),
    ]),
    # a share of a whole named earlier; a share of a target stated in place
    ("规模工业总产值637.7亿元。主导产业完成产值438.7亿元，占规模工业总产值比重达68.8%。", [
        ("share", "whole", True, [("share", "68.8%"), ("part", "438.7亿元"), ("whole", "637.7亿元")]),
    ]),
    # a bare 占比 right after a part of a breakdown: the part's share of its total
    ("一般公共预算收入2.3亿元，其中税收收入1.9亿元，占比82.6%。", [
        ("breakdown", "partition", True, [("total", "2.3亿元"), ("part", "1.9亿元")]),
        ("share", "whole", True, [("share", "82.6%"), ("part", "1.9亿元"), ("whole", "2.3亿元")]),
    ]),
    ("财政总收入完成52.3亿元，完成年初目标45亿元的116%。", [
        ("share", "target", True, [("share", "116%"), ("part", "52.3亿元"), ("whole", "45亿元")]),
    ]),
    # each share to the target of its own action
    ("全年计划新开工项目150个以上，竣工项目80个。截至6月底，已开工120个，占全年目标的80%；已竣工40个，占全年目标的50%。", [
        ("share", "target", True, [("share", "80%"), ("part", "120个"), ("whole", "150个以上")]),
        ("share", "target", True, [("share", "50%"), ("part", "40个"), ("whole", "80个")]),
    ]),
    # groups and persons; a restatement that refers back with 均
    ("实际共接待群众进京访222批263人次，赴省访53批196人次。", [
        ("groups", None, True, [("groups", "222批"), ("persons", "263人次")]),
        ("groups", None, True, [("groups", "53批"), ("persons", "196人次")]),
    ]),
    ("保科园2幢商务楼宇实现总营收23.57亿元；实现总税收3872.9万元，2幢楼宇均达成税收1000万楼宇。", [
        ("restatement", None, True, [("first", "2幢"), ("second", "2幢")]),
    ]),
]


@pytest.mark.parametrize("text, expected", CASES)
def test_relations_read_as_a_reviewer_reads_them(text, expected):
    assert relations(text) == expected


# Numbers side by side that a reader does not relate: no link is made.
UNRELATED = [
    "中央第一批向我县交办97件，第二批交办64件，案件总量为全市最高。",  # two batches, not a total and a part
    "重点商务楼宇实现税收8822.86万元，占街道入库税收比重的65%。",  # the whole is not stated
    "实现财政总收入25.76亿元，完成年度目标的56.00%；地方财政收入12.66亿元，完成年度目标的66.65%。",  # targets not stated
    "有的公社还办了年产八百吨合成氨（合三千吨硫酸铵）的小洋化肥厂。",  # a conversion, not a part
    "鞍钢设计大楼的造价高达二百四十元（比预算增高百分之六十，共浪费一百三十八万元）。",  # a comparison
    "共接各类违法建设举报线索413起，其中村（社区）上报226起，占有效举报的76%。",  # 有效举报 is not 举报线索
]


@pytest.mark.parametrize("text", UNRELATED)
def test_no_link_where_the_text_makes_none(text):
    assert [r for r in relations(text) if r[0] != "breakdown"] == []
    assert all(not (r[0] == "breakdown" and r[1] == "exact") for r in relations(text))


def test_the_sample_relations_are_listed_in_json_with_roles():
    doc = reportkit.load(str(SAMPLE))
    assert [(r.kind, r.mode, r.line) for r in doc.relations] == [
        ("breakdown", "partition", 30), ("breakdown", "partition", 64), ("flow", "受理→办结", 38), ("flow", "受理→办结", 38),
        ("flow", "受理→办结", 38), ("flow", "受理→办结", 38), ("flow", "发现→整改", 60),
        ("flow", "发现→整改", 64), ("groups", None, 48), ("groups", None, 48),
    ]
    roles = {q.text: q.role for q in doc.quantities if q.role}
    assert roles["1896件"] == "earlier" and roles["1811件"] == "later" and roles["7个"] == "total"
    data = json.loads(reportkit.to_jsonable.__module__ and __import__("reportkit.render.document", fromlist=["to_json"]).to_json(doc))
    assert len(data["relations"]) == 10
    assert data["relations"][0]["members"][0] == {"slot": "total", "quantity": next(q.id for q in doc.quantities if q.text == "7个")}
    assert {"metric", "role"} <= set(data["quantities"][0])


def test_parse_relations_shows_how_the_sample_was_read(cli):
    result = cli("parse", str(SAMPLE), "--relations")
    assert result.code == 0
    assert "关系（10）" in result.out
    assert "总数 20家；分项 16家" in result.out
    assert "总数 7个；分项 4个、3个" in result.out
    assert "受理→办结" in result.out and "发现→整改" in result.out


@pytest.mark.parametrize("text", [
    "对8个行政村开展环境整治。全镇12个行政村均建立了长效机制。",  # 均 points back within its statement only
    "受理诉求500件(2022年为600件)。",  # a bracket that states another year's figure is a base, not a part
    "全区共有企业300家，规上企业45家。",  # two counts side by side: no link
])
def test_counts_side_by_side_are_not_linked(text):
    assert relations(text) == []


def test_among_a_subset_is_no_restatement():
    """在受理的1504件事件类案件中 names the whole set received before; 在参评的32家企业中 a subset."""
    assert ("restatement", None, True, [("first", "1500件"), ("second", "1504件")]) in relations(
        "共受理事件类案件1500件，其中环境类800件、市容类700件。在受理的1504件事件类案件中，按期办结1450件。")
    assert [r for r in relations("全镇共有企业50家。在参评的32家企业中，获评A级的有20家。") if r[0] == "restatement"] == []


def test_the_quick_tests_before_the_patterns_need_what_the_patterns_need():
    """rates.py and breakdowns.py pass over a clause without a word its pattern cannot match
    without: each such word must stay a required part of the pattern in data/statements.yaml."""
    import regex

    from reportkit.statements import breakdowns, rates
    from reportkit.statements.view import words

    w = words()
    assert regex.sub(r"^\(\?P<stem>[^)]*\)", "", w["rate"]).startswith(rates._RATE_CUE)  # …率
    assert w["share"].startswith(rates._SHARE_CUE)  # 占…
    assert "}?(?:" + "|".join(rates._TARGET_CUES) + ")(?:数|值)?" in w["share_of_target"]  # 完成…目标
    assert w["classification"].startswith("(?:其中)?(?:" + "|".join(breakdowns._CLASSIFICATION_OPENERS[1:]) + ")")


def test_every_period_form_holds_a_word_the_quick_test_looks_for():
    from reportkit.statements.metric import _PERIOD, _PERIOD_WORDS

    optional_year, forms = _PERIOD.pattern.split(")?", 1)
    assert optional_year == r"(?:\d{4}年" and forms.startswith("(?:") and forms.endswith(")")
    for form in forms[3:-1].split("|"):
        assert any(word in form for word in _PERIOD_WORDS), form
    assert all(any(ch in word for ch in "年月季周") for word in _PERIOD_WORDS)
