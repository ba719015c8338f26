"""Stages of one flow of work: received → handled (受理 → 办结), found → fixed (发现 → 整改),
立案 → 结案, 申请 → 审批, with carry-overs (办结4100件(包括上期结转30件)).

A later-stage count binds to the nearest earlier-stage count of the same flow in its sentence
that is a total of its own — outside brackets and not a part of a breakdown — so that in
``共受理诉求5000件(电话受理4800件,网络受理200件),办结4700件`` 办结 binds to 5000, never to 200.
A link is a guess (``certain=False``) when either phrase puts the count on another basis
(累计, 历年积案) or several intakes stand before the handled count.
"""

from __future__ import annotations

from .verbs import flow_name, stage_of
from .view import View, words


def find(view: View, out) -> None:
    other_basis = tuple(words()["flow_other_basis"])
    carry_words = tuple(words()["carry_over"])
    for sentence in view.numbered:
        if sentence.role != "body":
            continue
        counts = [q for q in view.quantities_in(sentence) if q.dimension == "count" and not q.target
                  and q.per is None]
        staged = [(q, stage_of(view.phrase(q))) for q in counts]
        for i, (later, st) in enumerate(staged):
            if st is None or st[1] == 0 or view.bracket_of(later) is not None or out.is_part(later):
                continue  # a handled count that is already a part (其中已办结…) is read there
            earlier, rivals = None, 0
            for q, other in reversed(staged[:i]):
                if other is None or other[0] != st[0] or q.base_unit != later.base_unit:
                    continue
                if view.bracket_of(q) is not None or out.is_part(q):
                    continue
                if other[1] >= st[1]:
                    break  # another count of this stage or later: the flow before it is its own
                if earlier is None:
                    earlier = q
                elif other[1] == stage_of(view.phrase(earlier))[1]:
                    rivals += 1
            if earlier is None:
                continue
            phrases = view.phrase(earlier) + view.phrase(later)
            certain = rivals == 0 and not any(w in phrases for w in other_basis)
            members = [("earlier", earlier), ("later", later)]
            carried = _carried(view, sentence, later, carry_words)
            if carried is not None:
                members.append(("carried", carried))
            elif any(w in view.folded[sentence.start:sentence.end] for w in carry_words):
                certain = False  # a carry-over is mentioned but not counted
            out.add("flow", members, mode=flow_name(st[0]), certain=certain)


def _carried(view: View, sentence, later, carry_words):
    """The count of a bracket right after the handled count that names a carry-over."""
    for open_, close in view.brackets(sentence):
        if open_ < later.end or view.folded[later.end:open_].strip():
            continue
        content = view.folded[open_ + 1:close]
        if not any(w in content for w in carry_words):
            continue
        for q in view.quantities_in(sentence):
            if open_ < q.start < close and q.base_unit == later.base_unit:
                return q
    return None
