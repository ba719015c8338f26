"""Rates and shares linked to the numbers that produce them.

* A named rate (调解率98.8%, 满意率96%) after the counts of its sentence: its numerator is the
  count whose phrase names the rate's stem (调解纠纷649件 for 调解率), its denominator an
  earlier count of the same unit that is not a part (受理纠纷657件). Where several earlier counts
  could be the denominator, each is a reading (``denominator`` members, ``mode: readings``):
  a rule reports only when no reading agrees.
* A share — ``A，占B(的)(比重)Z%``, ``A占B比重…，占比Z%`` — linked to A (the count before it,
  or the count named A) and B, the count the text names B earlier in the paragraph.
* A share of a target — ``完成目标45亿元的116%``, ``占全年目标的85%`` — linked to the target
  number in its phrase, or to the target of the same action stated earlier (全年新开工项目
  150个以上 … 已开工120个，占全年目标的85%: 开工 to the 开工 target).
When the text does not name the whole, or several counts fit it equally, no link is made.
"""

from __future__ import annotations

from functools import lru_cache

import regex

from ..compiled import compile_regex
from .verbs import verb_family
from .view import View, is_subsequence, words


@lru_cache(maxsize=1)
def _patterns():
    w = words()
    return {
        "rate": compile_regex(w["rate"]),
        "rate_not": tuple(w["rate_not"]),
        "share": compile_regex(w["share"]),
        "share_named": compile_regex(w["share_named"]),
        "target": compile_regex(w["target_words"]),
        "share_of_target": compile_regex(w["share_of_target"]),
        "whole_not": tuple(w["share_whole_not"]),
    }


# Words each pattern of data/statements.yaml cannot match without: a clause holding none of them
# is passed over before any regex runs (most percentages are rates of growth).
_RATE_CUE = "率"  # rate: …率(达)
_SHARE_CUE = "占"  # share and the bare 占比 forms: 占…
_TARGET_CUES = ("目标", "任务", "计划")  # share_of_target: 完成…目标…

_STEM_LEAD = compile_regex(r"^(?:综合|总体|群众|及时|按期|按时|一次性|平均|年|评价)+")
_TARGET_NAMED = compile_regex(r"(?:目标|任务|计划)\S*?(?=的?$)")
_RESULT_LEAD = compile_regex(r"^(?:[\d\-月份年度上半全截至底以来今年]+|累计|已|共|完成|实现|预计)+")
_SHARE_VERB_LEAD = compile_regex(r"^\S*?(?:占|完成)")
_BREAK = compile_regex(r"[,;。:、()]")
_LAST_TWO_HAN = compile_regex(r"(\p{Han}{2})$")
_PARTICLE_END = compile_regex(r"[的了]$")
_SHARE_OF_ALL = compile_regex(r"^(?:占比|占总数的?|占总量的?|占总额的?|占全部的?)(?:已|均)?(?:达到?|为)?$")
_SHARE_BARE = compile_regex(r"占比(?:已|均)?(?:达到?|为)?$")
_NAME_NOISE = compile_regex(r"^(?:全|街道|本)?|[“”\"的]")
_LABEL_LEAD = compile_regex(r"^(?:[\d\-月份年度上半]+|实现|完成|预计)+")


def find(view: View, out) -> None:
    for sentence in view.numbered:
        if sentence.role != "body":
            continue
        for q in view.quantities_in(sentence):
            if q.dimension != "percent" or q.per is not None:
                continue
            clause = view.folded[view.phrase_start(q):q.start]
            if _share_of_target(view, sentence, q, clause, out):
                continue
            if _share(view, sentence, q, clause, out):
                continue
            _named_rate(view, sentence, q, clause, out)


# -- 调解率98.8% ----------------------------------------------------------------------------
def _named_rate(view: View, sentence, rate, clause: str, out) -> None:
    if _RATE_CUE not in clause:
        return
    p = _patterns()
    m = p["rate"].search(clause)
    if not m:
        return
    stem = _stem(m.group("stem"))
    if len(stem) < 2 or any(w in stem for w in p["rate_not"]):
        return
    before = [q for q in view.before_in_statement(rate) if q.dimension == "count"
              and not q.target and view.same_level(q, rate)]
    numerators = [q for q in before if _names(view.phrase(q), stem)]
    if not numerators:
        return
    numerator = _best_numerator(view, numerators, stem)
    if numerator is None:
        return
    i = before.index(numerator)
    denominators = [q for q in before[:i] if q.base_unit == numerator.base_unit and not out.is_part(q)]
    if not denominators:
        return
    denominators = denominators[-2:]  # the readings a reviewer would consider: the nearest two
    members = [("rate", rate), ("numerator", numerator)] + [("denominator", d) for d in denominators]
    out.add("rate", members, mode="readings" if len(denominators) > 1 else None,
            certain=True, cue=m.group(), start=rate.start - len(clause) + m.start(), end=rate.end)


def _stem(stem: str) -> str:
    """满意 in 群众评价满意, 办结 in 按期办结: the action a rate measures."""
    return _STEM_LEAD.sub("", stem)


def _names(phrase: str, stem: str) -> bool:
    return stem in phrase or (len(stem) >= 2 and stem[-2:] in phrase)


def _best_numerator(view: View, candidates: list, stem: str):
    """The count whose stage verb is the stem itself (调解 for 调解率, not 调解成功)."""
    from .verbs import stage_of

    exact = [q for q in candidates if (stage_of(view.phrase(q)) or (0, 0, ""))[2] == stem]
    if len(exact) > 1:  # 调解纠纷649件 rather than 人民调解组织共接待群众773批次
        exact = [q for q in exact if regex.match(r"(?:已|共|累计|完成|依法)?" + regex.escape(stem), view.phrase(q))]
    if len(exact) == 1:
        return exact[0]
    ending = [q for q in candidates if view.phrase(q).rstrip("的").endswith(stem)]
    if len(ending) == 1:
        return ending[0]
    full = [q for q in candidates if stem in view.phrase(q)]
    return full[-1] if len(full) == 1 else None


# -- 完成目标45亿元的116% / 占全年目标的85% ------------------------------------------------------
def _share_of_target(view: View, sentence, share, clause: str, out) -> bool:
    if not any(cue in clause for cue in _TARGET_CUES):
        return False
    p = _patterns()
    m = p["share_of_target"].search(clause)
    if not m:
        return False
    start = view.phrase_start(share)
    number_at = start + m.start("number")
    near = view.before_in_statement(share)
    inner = [q for q in near if number_at <= q.start and summable_any(q) and view.sentence_of(q) is sentence]
    # the part may stand under a plan heading (下半年工作计划: 截至6月底已开工26个) and so be
    # flagged a target: what is compared with the target is the part, whatever its flag
    before = [q for q in near if q.end <= start and summable_any(q) and q.per is None
              and view.same_level(q, share) and view.sentence_of(q) is sentence]
    if inner:
        whole = inner[-1]
        part = next((q for q in reversed(before) if q.base_unit == whole.base_unit), None)
        if part is None:
            return True
        out.add("share", [("share", share), ("part", part), ("whole", whole)], mode="target",
                cue=clause, start=start, end=share.end)
        return True
    if not before:
        return True
    part = before[-1]
    whole = _stated_target(view, part)
    if whole is not None:
        out.add("share", [("share", share), ("part", part), ("whole", whole)], mode="target",
                cue=clause, start=start, end=share.end)
    else:
        _unstated_target(view, share, part, clause, out)
    return True


def _unstated_target(view: View, share, part, clause: str, out) -> None:
    """Two shares of one target the report does not state — the same thing counted (the same
    name, unit and action) against the same target words (占年度目标的): both imply the target,
    and the two implied targets must agree. Shares of different things, or of targets named
    differently, are left alone."""
    target = _TARGET_NAMED.search(clause)
    name = _RESULT_LEAD.sub("", view.phrase(part))
    if not target or len(name) < 2:
        return
    head = _SHARE_VERB_LEAD.sub("", clause[:target.end()])
    key = (name, part.base_unit, head)
    seen = out.pending.setdefault("unstated-target", {})
    earlier = seen.get(key)
    if earlier is not None and earlier[1] is not part:
        out.add("target-pair", [("share1", earlier[0]), ("part1", earlier[1]), ("share2", share), ("part2", part)],
                cue=head, start=view.phrase_start(share), end=share.end)
    seen[key] = (share, part)


def summable_any(q) -> bool:
    """A target inside the share's phrase is summable even though it is a plan (目标45亿元)."""
    return q.dimension in ("count", "money", "area", "length", "mass", "energy", "power", "volume")


def _stated_target(view: View, part):
    """The one target stated earlier with the part's action and unit (开工 → 新开工…以上)."""
    family_word = _action(view.phrase(part))
    if not family_word:
        return None
    found = [q for q in view.recent(part, 40) if q.base_unit == part.base_unit
             and (q.target or (q.qualifier or "") in ("以上", "不少于", "不低于", "力争"))
             and family_word in view.phrase(q) + _up_to_break(view.folded[q.end:q.end + 8])]
    return found[-1] if len(found) == 1 else None


def _up_to_break(text: str) -> str:
    return _BREAK.split(text, maxsplit=1)[0]


def _action(phrase: str) -> str | None:
    """The action word of a result's phrase (已开工 → 开工): its last two Han characters that
    form a verb of the lexicon, else None."""
    m = _LAST_TWO_HAN.search(_PARTICLE_END.sub("", phrase))
    if m and verb_family(m.group(1)):
        return m.group(1)
    return None


# -- A，占B的Z% / A占B比重…，占比Z% ----------------------------------------------------------
def _share(view: View, sentence, share, clause: str, out) -> bool:
    if _SHARE_CUE not in clause:
        return False
    p = _patterns()
    m = p["share"].search(clause)
    statement_start, _ = view.statement_of(sentence)
    head = view.folded[statement_start:view.phrase_start(share)]
    part = whole_name = None
    if _SHARE_OF_ALL.search(clause):
        if _share_of_its_total(view, sentence, share, clause, out):
            return True
    if _SHARE_BARE.search(clause):
        named = list(p["share_named"].finditer(head))
        if not named:
            return False
        part = _named_quantity(view, share, _clean(named[-1].group("part")), None)
        whole_name = _clean(named[-1].group("whole"))
    elif m and m.group("whole") and not p["target"].search(m.group("whole")):
        whole_name = _clean(m.group("whole"))
        before = [q for q in view.before_in_statement(share) if q.end <= share.start - len(clause) + m.start()
                  and view.summable(q) and view.same_level(q, share) and view.sentence_of(q) is sentence]
        part = before[-1] if before else None
    else:
        return False
    if part is None or not whole_name or any(w in whole_name for w in p["whole_not"]):
        return bool(m)
    whole = _named_quantity(view, share, whole_name, part)
    if whole is not None and whole.base_unit == part.base_unit:
        out.add("share", [("share", share), ("part", part), ("whole", whole)], mode="whole", cue=clause,
                start=view.phrase_start(share), end=share.end)
    return True


def _share_of_its_total(view: View, sentence, share, clause: str, out) -> bool:
    """其中税收收入1.9亿元，占比82.6%: a bare 占比 (or 占总数的) right after a part of a
    breakdown is that part's share of the breakdown's total."""
    before = [q for q in view.before_in_statement(share, 2) if view.sentence_of(q) is sentence]
    if not before or not out.is_part(before[-1]):
        return False
    part = before[-1]
    between = view.folded[part.end:view.phrase_start(share)]
    if between.strip(" ,") or view.bracket_of(part) != view.bracket_of(share):
        return False  # only 其中A a，占比Z%: the share follows the part directly
    total = out.total_of[part.id]
    if total.base_unit != part.base_unit:
        return False
    out.add("share", [("share", share), ("part", part), ("whole", total)], mode="whole", cue=clause,
            start=view.phrase_start(share), end=share.end)
    return True


def _clean(name: str) -> str:
    return _NAME_NOISE.sub("", name)


def _named_quantity(view: View, share, name: str, exclude):
    """The earlier count of the paragraph (or the one before) that the text names ``name``:
    every character of the name in order in its phrase, its last two characters together,
    one best candidate."""
    if len(name) < 2:
        return None
    sentence = view.sentence_of(share)
    scored = []
    for q in view.recent(share, 8):
        if q is exclude or not view.summable(q):
            continue
        s = view.sentence_of(q)
        if s is None or not _near(view, s, sentence):
            continue
        label = view.phrase(q)
        if label.startswith(("比", "较")):
            continue  # 比预算数29821828000元少支…: a comparison, not the thing named
        label = _LABEL_LEAD.sub("", label)
        if name[-2:] not in label or not is_subsequence(name, label):
            continue
        scored.append((len(name) / len(label), q))
    if not scored:
        return None
    scored.sort(key=lambda x: -x[0])
    if len(scored) > 1 and scored[0][0] == scored[1][0]:
        return None
    return scored[0][1] if scored[0][0] >= 0.5 else None


def _near(view: View, s, sentence) -> bool:
    if s.paragraph == sentence.paragraph:
        return True
    return view.index[sentence.id] - view.index[s.id] <= 6
