"""Growths, differences and shares NEW states, recomputed from OLD's figures.

A claim is a quantity whose clause compares it with an earlier period (较上半年增长12.5%,
比上年增加1.6万亿元, 较上半年下降3个百分点) or with a plan (占年度目标任务的40%). It is
about the nearest preceding quantity of its sentence (its *level*); OLD supplies the base:
the level's aligned partner, or for a share the OLD target that the level fulfils.

同比 claims whose periods do not fit OLD (both reports of one year) are recomputed from the
previous year's figure OLD quotes, if it quotes one (see baselines.py); else no verdict.

The implied figure is computed over the written rounding of both numbers and compared with
the stated one widened by half a unit of its last digit, so 1896 → 2100 supports 10.8% and
11% but not 12.5%.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal

from ..compiled import compile_re
from ..models import Document, Quantity
from .align import score
from .baselines import quoted_baseline, span_of
from .features import Features, clause_before, sentence_start
from .intervals import Interval, base, display_number, half_ulp, is_rate, rounded_bounds
from .model import ClaimCheck, Pair

# Comparisons with the period just before (OLD is the first half of the same year) and with
# the same period a year before (OLD is last year's report). 同比 against a half-year OLD would
# compare the wrong periods, so such claims are not checked unless the periods fit.
PREVIOUS_HALF = compile_re(r"较上半年|比上半年|环比")
PREVIOUS_YEAR = compile_re(r"同比|比上年|较上年|比去年|较去年|上年同期|去年同期")

DOWN = compile_re(r"下降|减少|降低|回落|下跌|缩小|下滑|收窄")
SHARE = compile_re(r"占[^，,。；;]*?(目标|任务|计划)[^，,。；;]*?的?$")
_YEAR = compile_re(r"(19|20)\d{2}")
_HALF = compile_re(r"上半年|下半年|全年|年度")

CLAIM_SHARE_THRESHOLD = 0.30


@dataclass(frozen=True, slots=True)
class Period:
    year: int | None
    half: str | None  # 上半年 | 下半年 | 全年 | None


def period(doc: Document) -> Period:
    """The period a report is about, from its title (2023年上半年工作总结 → 2023, 上半年)."""
    title = doc.meta.title or doc.text[:120]
    year = _YEAR.search(title)
    half = _HALF.search(title)
    return Period(int(year.group()) if year else None,
                  {"年度": "全年"}.get(half.group(), half.group()) if half else None)


def comparison_fits(marker: str, old: Period, new: Period) -> bool:
    if PREVIOUS_HALF.search(marker):
        return old.half in (None, "上半年")
    if old.year is None or new.year is None:
        return True  # nothing says otherwise; the user chose to compare these two
    return new.year - old.year == 1 and (old.half == new.half or None in (old.half, new.half))


def check_claims(old: Document, new: Document, pairs: list[Pair],
                 new_features: list[Features], old_features: list[Features]) -> list[ClaimCheck]:
    partner = {p.new.id: p.old for p in pairs}
    old_period, new_period = period(old), period(new)
    checks = []
    for claim, level, before in _claims_with_levels(new):
        if SHARE.search(before) and claim.dimension == "percent":
            base_q = _share_base(level, new_features, old_features)
            if base_q is not None:
                checks.append(_share(claim, level, base_q))
            continue
        marker = PREVIOUS_HALF.search(before) or PREVIOUS_YEAR.search(before)
        aligned = partner.get(level.id)
        if not marker or aligned is None:
            continue
        base_q, source = aligned, "aligned"
        if not comparison_fits(marker.group(), old_period, new_period):
            base_q, source = _quoted_base(marker.group(), old, new, aligned, level, old_period, new_period), "quoted"
        if base_q is None:
            continue  # no base stated for that period: no verdict
        sign = -1 if DOWN.search(before[marker.end():]) else 1
        check = _comparison(claim, level, base_q, sign)
        if check is not None:
            checks.append(replace(check, base_source=source))
    return checks


def _quoted_base(marker: str, old: Document, new: Document, aligned: Quantity, level: Quantity,
                 old_period: Period, new_period: Period) -> Quantity | None:
    """For 同比 when OLD is not last year's report: the previous year's figure OLD quotes."""
    if not PREVIOUS_YEAR.search(marker) or new_period.year is None:
        return None
    default = new_period.half or "全年"  # a report titled 2024年工作总结 covers the year
    level_span = span_of(new.text[sentence_start(new, level):level.start], default)
    return quoted_baseline(old, aligned, level, old_year=old_period.year, new_year=new_period.year,
                           level_span=level_span)


def _claims_with_levels(doc: Document):
    """(claim, level, the claim's clause before it) for every quantity that states a comparison, with the quantity it is
    about: the nearest one before it in the same sentence that is not itself a claim."""
    previous: Quantity | None = None
    for q in doc.quantities:
        if previous is not None and previous.sentence != q.sentence:
            previous = None
        before = clause_before(doc, q)
        is_claim = bool(PREVIOUS_HALF.search(before) or PREVIOUS_YEAR.search(before)
                        or (SHARE.search(before) and q.dimension == "percent"))
        if is_claim:
            if previous is not None:
                yield q, previous, before
            continue
        previous = q


def _comparison(claim: Quantity, level: Quantity, base_q: Quantity, sign: int) -> ClaimCheck | None:
    stated = sign * claim.value
    new_b, old_b = rounded_bounds(level), rounded_bounds(base_q)
    if None in (new_b.lo, new_b.hi, old_b.lo, old_b.hi):
        return None  # an open bound (超过…) implies no definite figure to compare with
    if claim.dimension == "percentage-point":
        if not is_rate(level):
            return None
        kind = "points"
        implied = base(level) - base(base_q)
        low, high = new_b.lo - old_b.hi, new_b.hi - old_b.lo
    elif claim.dimension == "percent" and not is_rate(level):
        if base(base_q) <= 0 or old_b.lo <= 0:
            return None
        kind = "growth"
        implied = (base(level) - base(base_q)) / base(base_q) * 100
        low = (new_b.lo - old_b.hi) / old_b.hi * 100
        high = (new_b.hi - old_b.lo) / old_b.lo * 100
    elif claim.dimension == level.dimension and not is_rate(level):
        kind = "difference"
        stated = sign * base(claim)  # 增加1.6万亿元 is compared in 元
        implied = base(level) - base(base_q)
        low, high = new_b.lo - old_b.hi, new_b.hi - old_b.lo
    else:
        return None
    tolerance = half_ulp(claim.value) * (base(claim) / claim.value if kind == "difference" and claim.value else 1)
    return _check(claim, level, base_q, kind, stated, implied, low, high, tolerance)


def _share(claim: Quantity, level: Quantity, base_q: Quantity) -> ClaimCheck:
    new_b, old_b = rounded_bounds(level), rounded_bounds(base_q)
    implied = base(level) / base(base_q) * 100
    low = new_b.lo / old_b.hi * 100 if None not in (new_b.lo, old_b.hi) and old_b.hi > 0 else implied
    high = new_b.hi / old_b.lo * 100 if None not in (new_b.hi, old_b.lo) and old_b.lo > 0 else implied
    return _check(claim, level, base_q, "share", claim.value, implied, low, high, half_ulp(claim.value))


def _share_base(level: Quantity, new_features, old_features) -> Quantity | None:
    """The OLD plan figure that NEW's level fulfils: the best-scoring OLD target."""
    level_f = next((f for f in new_features if f.quantity is level), None)
    if level_f is None:
        return None
    best, best_score = None, CLAIM_SHARE_THRESHOLD
    for f in old_features:
        if f.plan and base(f.quantity) > 0:
            s = score(f, level_f, layout=False)
            if s > best_score:
                best, best_score = f.quantity, s
    return best


def _check(claim, level, base_q, kind, stated, implied, low, high, tolerance) -> ClaimCheck:
    low, high = min(low, high), max(low, high)
    consistent = Interval(low, high).overlaps(Interval(stated - tolerance, stated + tolerance))
    shown = display_number(implied)
    return ClaimCheck(claim, level, base_q, kind, stated, shown, low.quantize(Decimal("0.0001")),
                      high.quantize(Decimal("0.0001")), tolerance,
                      "consistent" if consistent else "inconsistent")
