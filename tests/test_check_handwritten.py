"""A report written for these tests in the style of a 街道 half-year summary, every relation
the statement layer reads in it holding; then one edit at a time, each breaking one relation,
must be reported by its rule at its number — and nothing else."""

from __future__ import annotations

import pytest

import reportkit
from reportkit.check import check_document, load_rules

from conftest import ROOT

CLEAN = (ROOT / "tests" / "fixtures" / "check" / "jiedao-2024h1-clean.txt").read_text(encoding="utf-8")
RULES = load_rules()


def findings(text: str):
    return [(f.rule, f.severity, text[f.start:f.end]) for f in check_document(reportkit.parse(text), RULES, "r.txt")]


def test_the_clean_report_has_no_finding():
    assert findings(CLEAN) == []


EDITS = [
    # (the text edited, its replacement, rule, the number reported); a handled count that
    # also makes a stated rate wrong is reported twice: two relations fail
    ("一般公共预算收入2.1亿元", "一般公共预算收入3.9亿元", "parts-le-total", "3.9亿元"),
    ("千万元级项目15个", "千万元级项目19个", "parts-le-total", "6个，千万元级项目19个"),
    ("完成年初目标25亿元的50%", "完成年初目标25亿元的55%", "share-of-target-matches", "55%"),
    ("比重达60.2%", "比重达66.2%", "share-matches-parts", "66.2%"),
    ("网络受理280件),办结2326件", "网络受理280件),办结2426件", ("handled-le-received", "rate-matches-counts"),
     ("2426件", "97.7%")),
    ("办结率97.7%", "办结率95.7%", "rate-matches-counts", "95.7%"),
    ("受理信访事项156件", "受理信访事项150件", "handled-le-received", "160件"),
    ("86批214人次", "86批84人次", "persons-ge-households", "84人次"),
    ("满意率97%", "满意率99%", "rate-matches-counts", "99%"),
    ("已整改1402处", "已整改1502处", ("fixed-le-found", "rate-matches-counts"), ("1502处", "95.5%")),
    ("已完成整改39家", "已完成整改45家", "parts-le-total", "45家"),
    ("西片区事故4起", "西片区事故2起", "parts-equal-total", "5起；西片区事故2起；南片区事故3起"),
    ("35岁以下9名", "35岁以下15名", "part-le-total", "15名、大专及以上学历11名"),
    ("28户41人", "28户21人", "persons-ge-households", "21人"),
    ("占全年目标的65%", "占全年目标的75%", "share-of-target-matches", "75%"),
    ("公开日期：2024-07-12", "公开日期：2024-06-12", "generated-le-published", None),
]


@pytest.mark.parametrize("old, new, rule, reported", EDITS)
def test_one_edit_one_finding_at_its_number(old, new, rule, reported):
    assert CLEAN.count(old) == 1
    got = findings(CLEAN.replace(old, new))
    rules = rule if isinstance(rule, tuple) else (rule,)
    assert [(r, s) for r, s, _ in got] == [(r, "error") for r in rules], got
    if reported is not None:
        assert tuple(t for _, _, t in got) == (reported if isinstance(reported, tuple) else (reported,))


@pytest.mark.parametrize("old, new", [
    ("35岁以下9名、大专及以上学历11名", "35岁以下9名、大专及以上学历12名"),  # attributes: 9 + 12 > 14 is fine
    ("办结率97.7%", "办结率97.73%"),  # finer, still right
    ("受理信访事项156件，办结160件", "受理信访事项152件，办结160件"),  # 160 − 8 carried = 152
    ("西片区事故4起", "西片区事故4起(其中较大事故1起)"),  # a part of a part
])
def test_benign_edits_stay_quiet(old, new):
    assert findings(CLEAN.replace(old, new)) == []


def test_the_same_label_in_two_channels_is_two_metrics():
    """A 市长信箱 section and a 区长信箱 section count the same things for two channels."""
    text = ("2024年上半年信箱办理情况\n一、市长信箱\n上半年市长信箱受理群众诉求320件，办结310件。\n\n"
            "二、区长信箱\n上半年区长信箱受理群众诉求280件，办结275件。\n")
    doc = reportkit.parse(text)
    metrics = {q.text: q.metric for q in doc.quantities}
    assert metrics["320件"] != metrics["280件"]
    assert "市长信箱" in metrics["320件"] and "区长信箱" in metrics["280件"]
    assert findings(text) == []
    same = text.replace("区长信箱受理群众诉求280件", "区长信箱受理群众诉求280件，累计受理群众诉求600件")
    assert findings(same) == []
