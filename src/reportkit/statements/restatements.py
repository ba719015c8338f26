"""The same set counted twice, where the text itself refers back to it:
保科园2幢商务楼宇实现… 2幢楼宇均达成… (均: all of those), or 在受理的1504件事件类案件中 (the
set of 事件类案件 stated before). Both counts must agree."""

from __future__ import annotations

import regex

from ..compiled import compile_regex
from .view import View

_ALL_OF_THEM = compile_regex(r"(\p{Han}{1,6}?)(?:均|全部|都)")
_AMONG = compile_regex(r"^(?:的)?(\p{Han}{2,10}?)中")
# 在受理的1504件…中 names the whole set received; 在参评的32家企业中 names a subset: only the
# words for all of a set stated before make a restatement.
_WHOLE_SET = compile_regex(r"^在(?:全部|所有|上述|以上|前述)?(?:受理|收到|接到|登记|接收|排查|发现|上述|以上)?的?$")


def find(view: View, out) -> None:
    for q in view.quantities:
        if q.dimension != "count" or q.qualifier:
            continue
        after = view.folded[q.end:q.end + 12]
        noun = None
        m = _ALL_OF_THEM.match(after)
        if m:
            noun = m.group(1)
        # 在…的N…中 needs the 中 after the number (_AMONG): tested before the phrase is read
        elif "中" in after and _WHOLE_SET.match(view.folded[view.phrase_start(q):q.start]):
            m2 = _AMONG.match(after)
            noun = m2.group(1) if m2 else None
        if not noun or len(noun) < 2:
            continue
        first = _antecedent(view, q, noun, among=m is None)
        if first is not None:
            out.add("restatement", [("first", first), ("second", q)], cue=noun)


def _antecedent(view: View, q, noun: str, among: bool):
    """The one earlier count with the same unit whose noun (right after it, or in its phrase)
    ends with the same head as ``noun``: in the same statement for 均/全部/都 (which point back
    to the set just named), in the paragraph for 在…中."""
    sentence = view.sentence_of(q)
    if sentence is None:
        return None
    statement_start, _ = view.statement_of(sentence)
    head = noun[-2:]
    found = []
    for p in view.recent(q, 12):
        s = view.sentence_of(p)
        if p.unit != q.unit or s is None or s.paragraph != sentence.paragraph or p.qualifier:
            continue
        if not among and p.start < statement_start:
            continue
        follows = view.folded[p.end:p.end + 8]
        if follows.startswith(noun) or regex.match(r"\p{Han}{0,4}" + regex.escape(head), follows) \
                or view.phrase(p).endswith(noun):
            found.append(p)
    return found[-1] if len(found) == 1 else None
