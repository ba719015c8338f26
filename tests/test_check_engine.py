"""The engine on hand-made documents: binding, bounds-aware verdicts, one finding per place."""

from __future__ import annotations

import reportkit

from test_check_support import make_doc

from reportkit.check import check_document, load_rules
from reportkit.document import parse

RULES = {r.id: r for r in load_rules()}


def run(rule_id, text, specs):
    doc = make_doc(text, specs)
    return check_document(doc, [RULES[rule_id]], "t.txt")


def brief(findings):
    return [(f.rule, f.severity, f.certainty, f.line, f.col, f.end_col, [q.text for q in f.quantities])
            for f in findings]


RECEIVED_HANDLED = "街道受理12345工单1896件，已办结1811件；受理初信初访56件，已办结50件。"


def specs_rh(handled_first="1811", handled_second="50"):
    return [
        {"text": "1896件", "value": "1896", "verb": "受理", "label": "12345工单"},
        {"text": f"{handled_first}件", "value": handled_first, "verb": "办结"},
        {"text": "56件", "value": "56", "verb": "受理", "label": "初信初访"},
        {"text": f"{handled_second}件", "value": handled_second, "verb": "办结"},
    ]


def test_handled_pairs_with_its_own_received_only():
    assert run("handled-le-received", RECEIVED_HANDLED, specs_rh()) == []
    # 1811 > 56 would be an error if the engine paired across the semicolon: it must not
    text = RECEIVED_HANDLED.replace("1811", "1911")
    assert brief(run("handled-le-received", text, specs_rh("1911"))) == [
        ("handled-le-received", "error", "definite", 1, 21, 26, ["1896件", "1911件"])
    ]


def test_handled_message_is_chinese_and_names_both_numbers():
    (f,) = run("handled-le-received", RECEIVED_HANDLED.replace("50件", "60件"), specs_rh(handled_second="60"))
    assert f.message == "办结60件，多于受理的56件：办结数不能超过受理数"
    assert (f.line, f.col) == (1, 40)


def test_bounds_make_a_possible_violation_a_warning_and_an_open_end_definite():
    base = [{"text": "1900余件", "value": "1900", "verb": "受理", "lower": "1900", "upper": "2000",
             "upper_inclusive": False, "qualifier": "余"}]
    text = "共受理群众来信1900余件，已答复{}件。"
    possible = run("handled-le-received", text.format(1990), base + [{"text": "1990件", "value": "1990", "verb": "答复"}])
    assert brief(possible) == [("handled-le-received", "warning", "possible", 1, 18, 23, ["1900余件", "1990件"])]
    assert possible[0].message.endswith("（按所写数值的取值范围，可能不成立）")
    definite = run("handled-le-received", text.format(2000), base + [{"text": "2000件", "value": "2000", "verb": "答复"}])
    assert [(f.severity, f.certainty) for f in definite] == [("error", "definite")]
    fine = run("handled-le-received", text.format(1800), base + [{"text": "1800件", "value": "1800", "verb": "答复"}])
    assert fine == []


def test_different_base_units_are_not_compared():
    text = "受理投诉56件，办结涉及群众60人。"
    specs = [{"text": "56件", "value": "56", "verb": "受理"},
             {"text": "60人", "value": "60", "verb": "办结", "unit": "人"}]
    assert run("handled-le-received", text, specs) == []


def test_fixed_le_found_uses_the_nearest_found_count():
    text = "已排查单位584家，发现火灾隐患137处，督促完成整改148处。"
    specs = [{"text": "584家", "value": "584", "verb": "排查", "unit": "家"},
             {"text": "137处", "value": "137", "verb": "发现", "unit": "处"},
             {"text": "148处", "value": "148", "verb": "完成整改", "unit": "处"}]
    assert brief(run("fixed-le-found", text, specs)) == [
        ("fixed-le-found", "error", "definite", 1, 28, 32, ["137处", "148处"])
    ]


PROJECTS = "已招引现代服务业项目7个，其中总投资超3000万元项目{}个，总投资超1000万元项目3个；在谈现代服务业项目6个。"


def project_specs(first):
    return [
        {"text": "7个", "value": "7", "verb": "招引", "unit": "个"},
        {"text": "3000万元", "value": "3000", "unit": "万元", "dimension": "money", "base_unit": "元", "lower": "3000",
         "upper": None, "lower_inclusive": False, "qualifier": "超"},
        {"text": f"{first}个", "value": first, "unit": "个"},
        {"text": "1000万元", "value": "1000", "unit": "万元", "dimension": "money", "base_unit": "元", "lower": "1000",
         "upper": None, "lower_inclusive": False, "qualifier": "超"},
        {"text": "3个", "value": "3", "unit": "个"},
        {"text": "6个", "value": "6", "unit": "个"},
    ]


def test_parts_after_qizhong_stop_at_the_semicolon():
    assert run("parts-le-total", PROJECTS.format(4), project_specs("4")) == []
    findings = run("parts-le-total", PROJECTS.format(5), project_specs("5"))
    assert brief(findings) == [("parts-le-total", "error", "definite", 1, 28, 45, ["7个", "5个", "3个"])]
    assert findings[0].message == "“其中”各分项（5个、3个）合计8个，超过了总数7个"


def test_parts_equal_total_needs_an_exact_sum():
    text = "共建成党群服务站30个，分别为城市社区18个、农村社区{}个。"
    specs = lambda n: [{"text": "30个", "value": "30", "unit": "个"}, {"text": "18个", "value": "18", "unit": "个"},
                       {"text": f"{n}个", "value": str(n), "unit": "个"}]
    assert run("parts-equal-total", text.format(12), specs(12)) == []
    assert [f.message for f in run("parts-equal-total", text.format(11), specs(11))] == [
        "“分别为”各项（18个、11个）合计29个，与总数30个不等"
    ]


def rate_spec(text, value):
    return [{"text": "1573件", "value": "1573", "verb": "办结"},
            {"text": text, "value": value, "unit": "%", "dimension": "percent", "label": "综合办证率"}]


def test_shares_are_capped_at_100_percent_but_growth_is_not():
    text = "办结1573件，综合办证率达{}。"
    assert run("share-le-100", text.format("83.14%"), rate_spec("83.14%", "83.14")) == []
    assert brief(run("share-le-100", text.format("183.14%"), rate_spec("183.14%", "183.14"))) == [
        ("share-le-100", "error", "definite", 1, 15, 22, ["183.14%"])
    ]
    growth = "地区生产总值增长率达120%。"
    assert run("share-le-100", growth, [{"text": "120%", "value": "120", "unit": "%", "dimension": "percent"}]) == []


def test_a_stated_rate_is_checked_against_its_counts_with_rounding_as_written():
    text = "共受理群众诉求1892件，办结1573件，办结率{}。"

    def specs(rate):
        return [{"text": "1892件", "value": "1892", "verb": "受理"}, {"text": "1573件", "value": "1573", "verb": "办结"},
                {"text": rate + "%", "value": rate, "unit": "%", "dimension": "percent"}]

    for ok in ("83.14", "83.1", "83"):  # 1573 / 1892 = 83.139…%
        assert run("rate-matches-counts", text.format(ok + "%"), specs(ok)) == [], ok
    (f,) = run("rate-matches-counts", text.format("83.2%"), specs("83.2"))
    assert (f.rule, f.severity, f.col) == ("rate-matches-counts", "error", 25)
    assert f.message == "83.2%与1573件÷1892件=83.14%不符"


def test_persons_are_at_least_households():
    text = "走访慰问农村低保家庭115户{}人、城市低保家庭24户32人。"

    def specs(n):
        return [{"text": "115户", "value": "115", "unit": "户"}, {"text": f"{n}人", "value": str(n), "unit": "人"},
                {"text": "24户", "value": "24", "unit": "户"}, {"text": "32人", "value": "32", "unit": "人"}]

    assert run("persons-ge-households", text.format(147), specs(147)) == []
    assert brief(run("persons-ge-households", text.format(107), specs(107))) == [
        ("persons-ge-households", "error", "definite", 1, 15, 19, ["115户", "107人"])
    ]


def test_share_of_target_implies_one_target():
    text = "上半年完成固定资产投资5亿元，占年度目标的50%。截至6月底完成固定资产投资6亿元，占年度目标的{}%。"

    def specs(share):
        money = {"unit": "亿元", "dimension": "money", "base_unit": "元", "label": "固定资产投资"}
        return [{"text": "5亿元", "value": "5", **money}, {"text": "50%", "value": "50", "unit": "%", "dimension": "percent"},
                {"text": "6亿元", "value": "6", **money}, {"text": f"{share}%", "value": share, "unit": "%", "dimension": "percent"}]

    assert run("share-of-target-consistent", text.format(60), specs("60")) == []
    (f,) = run("share-of-target-consistent", text.format(40), specs("40"))
    assert (f.rule, f.severity, f.certainty, f.col) == ("share-of-target-consistent", "error", "definite", 49)
    # computed amounts in the magnitude a report writes (亿), not as 10-digit base figures
    assert f.message == ("6亿元占目标40%，隐含目标约14.8148亿～15.1899亿；前文5亿元占50%，"
                         "隐含目标约9.901亿～10.101亿，两者不一致")


def test_same_metric_with_two_values_is_a_warning_once_per_repeat():
    text = "全年受理群众诉求1896件。\n\n我们继续做好工作。全年受理群众诉求{}件。"
    spec = lambda n: {"text": f"{n}件", "value": str(n), "verb": "受理", "label": "群众诉求", "key": "群众诉求|受理|count"}
    assert run("same-metric-different-values", text.format(1896), [spec(1896), spec(1896)]) == []
    findings = run("same-metric-different-values", text.format(1986), [spec(1896), spec(1986)])
    assert brief(findings) == [("same-metric-different-values", "warning", "definite", 3, 18, 23, ["1896件", "1986件"])]
    assert findings[0].message == "群众诉求受理前文写作1896件（第1行），此处为1986件"


def test_same_metric_for_different_periods_is_no_finding():
    """上半年 vs 下半年, 去年 vs 今年: one metric, two periods, two values — both true."""
    for first, again in (("上半年", "下半年"), ("去年", "今年"), ("2022年", "2023年")):
        text = f"{first}受理群众诉求1896件。\n\n{again}受理群众诉求1986件。"
        doc = reportkit.parse(text)
        assert check_document(doc, [RULES["same-metric-different-values"]], "t.txt") == [], text


def test_bare_wan_money_and_mixed_units_are_notation_warnings():
    text = "发放低保资金82.33万元。发放资金2.25万。下半年发放低保资金905000元。"
    specs = [
        {"text": "82.33万元", "value": "82.33", "unit": "万元", "dimension": "money", "base_unit": "元", "label": "低保资金"},
        {"text": "2.25万", "value": "2.25", "unit": "万元", "dimension": "money", "base_unit": "元", "label": "资金",
         "unit_inferred": True},
        {"text": "905000元", "value": "905000", "unit": "元", "dimension": "money", "label": "低保资金"},
    ]
    doc = make_doc(text, specs)
    found = check_document(doc, [RULES["bare-wan-money"], RULES["mixed-money-units"]], "t.txt")
    assert brief(found) == [
        ("bare-wan-money", "warning", "definite", 1, 19, 24, ["2.25万"]),
        ("mixed-money-units", "warning", "definite", 1, 34, 41, ["82.33万元", "905000元"]),
    ]
    assert found[0].message == "2.25万省略了“元”，应写作“2.25万元”"


def test_targets_and_per_period_amounts_are_not_bound_by_default():
    text = "受理投诉56件，计划办结60件。"
    specs = [{"text": "56件", "value": "56", "verb": "受理"}, {"text": "60件", "value": "60", "verb": "办结", "target": True}]
    assert run("handled-le-received", text, specs) == []


def test_heading_numbers_that_skip_or_repeat():
    text = "一、工作回顾\n\n做了工作。\n\n三、存在问题\n\n问题不少。\n\n三、下步打算\n\n继续努力。\n"
    doc = parse(text, quantities=False)
    found = check_document(doc, [RULES["heading-skip"], RULES["heading-repeat"]], "t.txt")
    assert [(f.rule, f.severity, f.line, f.col, f.end_col, f.message) for f in found] == [
        ("heading-skip", "warning", 5, 1, 3, "标题编号“三、”跳号：前一个是“一、”，应为第2项"),
        ("heading-repeat", "warning", 9, 1, 3, "标题编号“三、”与前一个“三、”重复或倒退，应为第4项"),
    ]


def test_the_sample_structure_has_no_heading_problems():
    from test_check_support import make_doc as _  # noqa: F401  (same helpers, real sample)
    from pathlib import Path

    text = (Path(__file__).resolve().parents[1] / "samples" / "dongcheng-2023h1.txt").read_text(encoding="utf-8")
    doc = parse(text, quantities=False)
    assert check_document(doc, [RULES["heading-skip"], RULES["heading-repeat"]], "s.txt") == []


def test_fingerprints_ignore_position_but_not_the_numbers():
    a = run("handled-le-received", RECEIVED_HANDLED.replace("1811", "1911"), specs_rh("1911"))
    shifted_text = "前言。\n\n" + RECEIVED_HANDLED.replace("1811", "1911")
    b = run("handled-le-received", shifted_text, specs_rh("1911"))
    c = run("handled-le-received", RECEIVED_HANDLED.replace("1811", "1912"), specs_rh("1912"))
    assert a[0].line != b[0].line and a[0].fingerprint == b[0].fingerprint
    assert a[0].fingerprint != c[0].fingerprint
