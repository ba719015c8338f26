"""diff's logic on Documents built from the dataclasses (no parsing pipeline involved)."""

from __future__ import annotations

from decimal import Decimal

from test_diff_support import make_doc, q

from reportkit.diff import diff
from reportkit.diff.changes import compute
from reportkit.diff.intervals import half_ulp


def _pairs(result):
    return sorted((p.old.text, p.new.text) for p in result.changed + result.unchanged)


OLD_SECTIONS = [
    ("上半年主要工作情况",
     "街道受理12345工单1896件，已办结1811件；受理初信初访56件，已办结50件。"
     "走访慰问孤儿4人，发放资金5.27万元；走访慰问困境儿童10人，发放资金32.14万元；"
     "走访慰问城市低保家庭24户32人，发放低保资金82.33万元。"
     "共计协调解决诉求1900余件。"),
    ("下半年工作计划", "计划就地整改废品回收站18家，取缔废品回收站6家；每个月清洗油烟净化装置不少于450家。"),
]


def old_doc():
    return make_doc(OLD_SECTIONS, [
        q("1896件", "12345工单", "受理"), q("1811件", "12345工单", "办结"),
        q("56件", "初信初访", "受理"), q("50件", "初信初访", "办结"),
        q("4人", "孤儿", "走访慰问"), q("5.27万元", "资金", "发放"),
        q("10人", "困境儿童", "走访慰问"), q("32.14万元", "资金", "发放"),
        q("24户", "城市低保家庭", "走访慰问"), q("32人", "城市低保家庭", "走访慰问"),
        q("82.33万元", "低保资金", "发放"), q("1900余件", "诉求", "协调解决"),
        q("18家", "废品回收站", "整改"), q("6家", "废品回收站", "取缔"),
        q("不少于450家", "油烟净化装置", "清洗", per="月"),
    ], title="2023年上半年工作总结及下半年工作计划")


def new_doc():
    return make_doc([
        ("全年主要工作情况",
         "街道办理12345热线工单3900件，较上半年增长12.5%；已办结3800件。"
         "走访慰问困境儿童11人，发放资金0.003243亿元；走访慰问孤儿4人，发放资金5.27万元；"
         "走访慰问城市低保家庭25户33人，低保金发放85万元。"
         "共计协调解决诉求2100件。"
         "就地整改废品回收站20家，取缔废品回收站4家；每个月清洗油烟净化装置460家。"),
    ], [
        q("3900件", "12345热线工单", "办理"), q("12.5%", None, "增长"), q("3800件", "12345工单", "办结"),
        q("11人", "困境儿童", "走访慰问"), q("0.003243亿元", "资金", "发放"),
        q("4人", "孤儿", "走访慰问"), q("5.27万元", "资金", "发放", after="孤儿"),
        q("25户", "城市低保家庭", "走访慰问"), q("33人", "城市低保家庭", "走访慰问"),
        q("85万元", "低保金", "发放"), q("2100件", "诉求", "协调解决"),
        q("20家", "废品回收站", "整改"), q("4家", "废品回收站", "取缔"),
        q("460家", "油烟净化装置", "清洗", per="月"),
    ], title="2023年工作总结")


def test_alignment_is_one_to_one_and_follows_meaning_not_order():
    result = diff(old_doc(), new_doc())
    assert _pairs(result) == sorted([
        ("1896件", "3900件"), ("1811件", "3800件"),
        ("4人", "4人"), ("5.27万元", "5.27万元"), ("10人", "11人"), ("32.14万元", "0.003243亿元"),
        ("24户", "25户"), ("32人", "33人"), ("82.33万元", "85万元"), ("1900余件", "2100件"),
        ("18家", "20家"), ("6家", "4家"), ("不少于450家", "460家"),
    ])
    assert [x.text for x in result.removed] == ["56件", "50件"]
    assert [x.text for x in result.added] == ["12.5%"]


def test_units_convert_and_never_cross_dimensions():
    result = diff(old_doc(), new_doc())
    money = next(p for p in result.changed if p.old.text == "32.14万元")
    assert money.change.delta == Decimal("2900") and money.change.unit == "元"
    assert money.change.pct == Decimal("0.90")
    old = make_doc([("甲", "受理工单1896件。")], [q("1896件", "工单", "受理")])
    new = make_doc([("甲", "受理工单1896万元。")], [q("1896万元", "工单", "受理")])
    assert diff(old, new).changed == () and diff(old, new).unchanged == ()


def test_bounds_make_the_change_a_range():
    result = diff(old_doc(), new_doc())
    p = next(p for p in result.changed if p.old.text == "1900余件")
    assert (p.change.delta, p.change.low, p.change.high) == (Decimal(200), Decimal(100), Decimal(200))
    assert p.change.note == "at most +200件" and p.change.certain is True


def test_rates_change_in_points():
    old = make_doc([("甲", "综合办证率达83.14%。")], [q("83.14%", "综合办证率", "达")])
    new = make_doc([("甲", "综合办证率达86%。")], [q("86%", "综合办证率", "达")])
    c = diff(old, new).changed[0].change
    assert (c.delta, c.unit, c.pct, c.note) == (Decimal("2.86"), "个百分点", None, "+2.86个百分点")


def test_change_sorting_and_threshold():
    result = diff(old_doc(), new_doc())
    assert [p.old.text for p in result.changed[:3]] == ["1811件", "1896件", "6家"]
    filtered = diff(old_doc(), new_doc(), min_change_pct=5, only_changed=True)
    assert filtered.unchanged == ()
    assert all(abs(p.change.pct) >= 5 for p in filtered.changed)
    assert filtered.hidden == len(result.changed) - len(filtered.changed) == 5


def test_targets_met_missed_with_bounds():
    result = diff(old_doc(), new_doc())
    verdicts = {(t.target.text, t.actual.text if t.actual else None): t.status for t in result.targets}
    assert verdicts == {("18家", "20家"): "met", ("6家", "4家"): "missed", ("不少于450家", "460家"): "met"}


def test_target_unreported_and_ceiling():
    old = make_doc([("今年主要预期目标", "城镇调查失业率5.5%左右；居民消费价格涨幅3%左右；国内生产总值增长5%左右；新建农房40户。")],
                   [q("5.5%左右", "城镇调查失业率"), q("3%左右", "居民消费价格涨幅"),
                    q("5%左右", "国内生产总值", "增长", after="国内"), q("40户", "农房", "新建")], title="2024年报告")
    new = make_doc([("工作回顾", "城镇调查失业率平均为5.1%；居民消费价格上涨0.2%；国内生产总值增长5%。")],
                   [q("5.1%", "城镇调查失业率"), q("0.2%", "居民消费价格", "上涨"), q("5%", "国内生产总值", "增长")],
                   title="2025年报告")
    checks = {t.target.text: (t.kind, t.status, t.actual.text if t.actual else None) for t in diff(old, new).targets}
    assert checks == {"5.5%左右": ("ceiling", "met", "5.1%"), "3%左右": ("ceiling", "met", "0.2%"),
                      "5%左右": ("floor", "met", "5%"), "40户": ("floor", "unreported", None)}


def test_planted_growth_claim_is_inconsistent():
    result = diff(old_doc(), new_doc())
    (claim,) = result.claims
    assert (claim.claim.text, claim.level.text, claim.base.text) == ("12.5%", "3900件", "1896件")
    assert claim.kind == "growth" and claim.stated == Decimal("12.5")
    assert claim.implied == Decimal("105.70") and claim.status == "inconsistent"


def test_growth_points_difference_and_share_claims():
    old = make_doc([("上半年", "受理工单1896件；综合办证率达83.14%；赤字规模4.06万亿元。"),
                    ("下半年工作计划", "计划全年新建农房40户。")],
                   [q("1896件", "工单", "受理"), q("83.14%", "综合办证率", "达"),
                    q("4.06万亿元", "赤字规模"), q("40户", "农房", "新建")],
                   title="2023年上半年工作总结")
    new = make_doc([("下半年", "受理工单2100件，较上半年增长10.8%；综合办证率达86.14%，较上半年提高3个百分点；"
                             "赤字规模5.66万亿元、较上半年增加1.6万亿元；新建农房16户，占年度目标任务的40%。")],
                   [q("2100件", "工单", "受理"), q("10.8%", None, "增长"), q("86.14%", "综合办证率", "达"),
                    q("3个百分点", None, "提高"), q("5.66万亿元", "赤字规模"), q("1.6万亿元", None, "增加"),
                    q("16户", "农房", "新建"), q("40%", None)],
                   title="2023年下半年工作总结")
    claims = {c.claim.text: (c.kind, c.base.text, str(c.implied), c.status) for c in diff(old, new).claims}
    assert claims == {
        "10.8%": ("growth", "1896件", "10.76", "consistent"),
        "3个百分点": ("points", "83.14%", "3", "consistent"),
        "1.6万亿元": ("difference", "4.06万亿元", "1600000000000", "consistent"),
        "40%": ("share", "40户", "40", "consistent"),
    }


def test_year_on_year_claims_need_the_right_periods():
    old = make_doc([("甲", "受理工单1896件。")], [q("1896件", "工单", "受理")], title="2023年上半年工作总结")
    new = make_doc([("甲", "受理工单4000件，同比增长5%。")], [q("4000件", "工单", "受理"), q("5%", None, "增长")],
                   title="2023年工作总结")
    assert diff(old, new).claims == ()  # 同比 compares with 2022, which OLD does not give


def test_sections_kept_renamed_removed_added():
    old = make_doc([("上半年主要工作情况", "甲。"), ("存在的主要困难、问题", "乙。"), ("下半年重点工作思路和举措", "丙。")], [])
    new = make_doc([("全年主要工作情况", "甲。"), ("下半年重点工作思路和举措", "丙。"), ("2024年工作计划", "丁。")], [])
    got = [(s.status, s.old.title if s.old else None, s.new.title if s.new else None) for s in diff(old, new).sections]
    assert got == [("renamed", "上半年主要工作情况", "全年主要工作情况"),
                   ("removed", "存在的主要困难、问题", None),
                   ("kept", "下半年重点工作思路和举措", "下半年重点工作思路和举措"),
                   ("added", None, "2024年工作计划")]


def test_helpers():
    assert half_ulp(Decimal("83.14")) == Decimal("0.005")
    assert half_ulp(Decimal("1900")) == Decimal("0.5")
    old = make_doc([("甲", "近200家。")], [q("近200家", "商户")])
    new = make_doc([("甲", "210家。")], [q("210家", "商户")])
    c = compute(old.quantities[0], new.quantities[0])
    assert (c.delta, c.low, c.high, c.note) == (Decimal(10), Decimal(10), None, "at least +10家")
