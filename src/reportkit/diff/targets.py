"""OLD's plans and targets held against what NEW reports.

A target is a quantity in OLD's plan part (see ``features.in_plan_part``). Its partner is
found by the same similarity as alignment, without heading and order (a plan section and a
summary are laid out differently), among NEW's quantities that are achievements, not NEW's
own next plans. The verdict uses the bounds on both sides:

* floor targets (the default: 计划整改18家, 不少于450家, 增长5%左右) are met when the actual
  reaches the target's lower bound — doing more than planned is not a miss;
* ceiling targets (控制在/以内/不超过, and rates that are meant as caps: 失业率, 价格涨幅,
  赤字率 …) are met when the actual stays at or under the upper bound.
``certain`` says whether the actual's own qualifier (近450家) could still flip the verdict.

A target per period (每季度巡查不少于300家, ``Quantity.per``) is held only against a result of
the same period basis (每季度均巡查不少于320家, 每月开展3次), a total only against a total: a
quarterly floor says nothing about a year's 1260家, nor a yearly plan about one month.
"""

from __future__ import annotations

from decimal import Decimal

from ..compiled import compile_re
from ..models import Document, Quantity
from .align import assign
from .features import Features, clause_before
from .intervals import Interval, base, bounds, factor, half_ulp
from .model import TargetCheck

TARGET_THRESHOLD = 0.40
# 今年是…成立75周年, 三年行动, 过去一年: periods frame a plan, they are not what it promises.
NOT_TARGETS = frozenset({"duration"})
CEILING_QUALIFIERS = frozenset({"以内", "不超过", "以下", "近", "接近", "不到", "控制在", "不高于"})
# Rates a plan caps rather than aims for. Kept short and explicit: a wrong entry flips verdicts.
CEILING_LABEL = compile_re(r"失业率|价格|涨幅|物价|赤字|事故|死亡|发生率|浓度")
CEILING_CLAUSE = compile_re(r"控制在|以内|不超过|不高于")


def judge_targets(old: Document, new: Document, old_features: list[Features],
                  new_features: list[Features]) -> list[TargetCheck]:
    targets = [f for f in old_features if f.plan and f.quantity.dimension not in NOT_TARGETS]
    actuals = [f for f in new_features if not f.plan]
    pairs = _pairs_by_basis(targets, actuals)
    checks = []
    for i, t in enumerate(targets):
        q = t.quantity
        kind = target_kind(old, q)
        bound = target_bound(q, kind)
        if i not in pairs:
            checks.append(TargetCheck(q, None, "unreported", kind, bound, True, None))
            continue
        j, s = pairs[i]
        actual = actuals[j].quantity
        status, certain = verdict(kind, bound, actual)
        checks.append(TargetCheck(q, actual, status, kind, bound, certain, round(s, 3)))
    return checks


PERIOD_BASIS = {"季": "季度", "天": "日"}  # 每季 = 每季度, 每天 = 每日


def basis(q: Quantity) -> str | None:
    """The period a figure is stated per (月, 季度, …), None for a total."""
    return PERIOD_BASIS.get(q.per, q.per) if q.per else None


def _pairs_by_basis(targets: list[Features], actuals: list[Features]) -> dict[int, tuple[int, float]]:
    """target index → (actual index, score), assigned one-to-one within each period basis."""
    out: dict[int, tuple[int, float]] = {}
    for b in {basis(t.quantity) for t in targets}:
        ts = [i for i, t in enumerate(targets) if basis(t.quantity) == b]
        acts = [j for j, a in enumerate(actuals) if basis(a.quantity) == b]
        found = assign([targets[i] for i in ts], [actuals[j] for j in acts], threshold=TARGET_THRESHOLD, layout=False)
        out.update({ts[i]: (acts[j], s) for i, j, s in found})
    return out


def target_kind(doc: Document, q: Quantity) -> str:
    before = clause_before(doc, q)
    if q.qualifier in CEILING_QUALIFIERS or CEILING_CLAUSE.search(before):
        return "ceiling"
    if CEILING_LABEL.search(q.label or "") or CEILING_LABEL.search(before):
        return "ceiling"
    return "floor"


def target_bound(q: Quantity, kind: str) -> Decimal:
    """The number to reach (floor) or stay under (ceiling), in base units. For 5%左右 the
    model's approximate bounds apply; without them, the rounding of the written digit."""
    b = bounds(q)
    if q.qualifier in ("约", "左右", "大约", "预计") or (b.lo is None and b.hi is None):
        if b.lo is None or b.hi is None or b.lo == b.hi:
            tolerance = half_ulp(q.value) * factor(q)
            b = Interval(base(q) - tolerance, base(q) + tolerance)
    if kind == "ceiling":
        return b.hi if b.hi is not None else base(q)
    return b.lo if b.lo is not None else base(q)


def verdict(kind: str, bound: Decimal, actual: Quantity) -> tuple[str, bool]:
    """(status, certain): judged on the actual as written; certain when its bounds agree."""
    value, a = base(actual), bounds(actual)
    if kind == "ceiling":
        met = value <= bound
        sure = (a.hi is not None and a.hi <= bound) if met else (a.lo is not None and a.lo > bound)
    else:
        met = value >= bound
        sure = (a.lo is not None and a.lo >= bound) if met else (a.hi is not None and a.hi < bound)
    return ("met" if met else "missed"), sure
