"""Totals and their parts: 其中…, brackets after a count, 分别为…, and classifications
(按X分类 / 分X来看) of a total stated before.

Each breakdown knows its kind (``mode``): ``partition`` — kinds of one thing, whose sum is at
most the total; ``exact`` — the text says the list is all of it (分别为, a classification with
其他 or 未发生, the kinds named before the total: 区委书记信箱、区长信箱共63件); ``overlapping``
— attributes of the whole (35岁以下 / 本科以上学历, thresholds such as 亿元以上), where only
each part is at most the total; tiers of one threshold (超3000万元项目 / 超1000万元项目) are
a partition.
"""

from __future__ import annotations

from functools import lru_cache

import regex

from ..compiled import compile_regex
from .verbs import verb_family
from .view import View, is_subsequence, words

_OTHER_YEAR = compile_regex(r"\s*(?:19|20)\d\d年(?:同期|全年|底|末)?(?:为|是|共|达)")  # (2022年为500件): a base
_NUMERALS = compile_regex(r"[\d.,%]+|[零〇一二两三四五六七八九十百千万亿]+")
_LEAD = compile_regex(r"^(?:其中|包括|主要包括|含|分别为|分别是|分别有|另有|共有|共|有|:|,)+")
_NEW_STATEMENT = compile_regex(r"^(?:另|此外|同时|还|并)")
_CLAUSE_BREAK = compile_regex(r"[,、:]")
_NUMBER_TAIL = compile_regex(r"\d|%|增长|下降|同比")
# data/statements.yaml's classification opens with 其中, 按, 分 or 从: a sentence opening with
# none of them (most sentences) is passed over without the regex.
_CLASSIFICATION_OPENERS = ("其中", "按", "分", "从")


@lru_cache(maxsize=1)
def _patterns():
    w = words()
    markers = sorted(w["breakdown_markers"]["subset"] + w["breakdown_markers"]["exact"], key=len, reverse=True)
    return {
        "marker": compile_regex("|".join(map(regex.escape, markers))),
        "markers": tuple(markers),
        "exact": frozenset(w["breakdown_markers"]["exact"]),
        "classification": compile_regex(w["classification"]),
        "complete": compile_regex(w["complete_list"]),
        "not_parts": tuple(w["bracket_not_parts"]) + ("每", "平均"),
        "carry": tuple(w["carry_over"]),
        "conversion": tuple(w["bracket_conversion"]),
        "cues": tuple(w["total_cues"]),
        "attributes": tuple(w["attribute_words"]),
        "subject_done": compile_regex(w["subject_done"]),
    }


def find(view: View, out) -> None:
    for sentence in view.numbered:
        if sentence.role == "body":
            _brackets(view, sentence, out)
    for sentence in view.numbered:
        if sentence.role == "body":
            _markers(view, sentence, out)
    _classifications(view, out)
    for sentence in view.numbered:
        if sentence.role == "body":
            _subjects(view, sentence, out)


# -- brackets: 工矿商贸事故13起、死亡14人(工程建设领域事故10起、死亡11人) ------------------------
def _brackets(view: View, sentence, out) -> None:
    p = _patterns()
    for open_, close in view.brackets(sentence):
        inside = [q for q in view.in_bracket(sentence, (open_, close)) if view.summable(q)]
        if not inside:
            continue
        content = view.folded[open_ + 1:close]
        if any(w in content for w in p["carry"]) or any(w in content for w in p["not_parts"]) \
                or content.lstrip().startswith(p["conversion"]) or _OTHER_YEAR.match(content):
            continue
        level = view.bracket_parent(sentence, (open_, close))
        same_level = view.in_bracket(sentence, level)
        before = [q for q in same_level[max(0, _count_before(same_level, open_) - 16):_count_before(same_level, open_)]
                  if view.summable(q)]
        for unit, parts in _by_unit(inside).items():
            total = next((q for q in reversed(before) if q.base_unit == unit), None)
            if total is None:
                continue
            mode, certain = _mode(view, parts, exact=False)
            out.add("breakdown", [("total", total)] + [("part", q) for q in parts], mode=mode,
                    certain=certain, cue="()", start=open_, end=close + 1)
            out.bracketed_parts.update(q.id for q in parts)


def _count_before(quantities: list, offset: int) -> int:
    """How many of the (sorted) quantities end at or before ``offset``."""
    lo, hi = 0, len(quantities)
    while lo < hi:
        mid = (lo + hi) // 2
        if quantities[mid].end <= offset:
            lo = mid + 1
        else:
            hi = mid
    return lo


# -- 其中 / 包括 / 分别为 ----------------------------------------------------------------------
def _markers(view: View, sentence, out) -> None:
    p = _patterns()
    text = view.folded[sentence.start:sentence.end]
    if not any(map(text.__contains__, p["markers"])):
        return  # the usual sentence: str's search is far cheaper than the regex's scan
    for m in p["marker"].finditer(text):
        at, end = sentence.start + m.start(), sentence.start + m.end()
        if m.group() == "含" and not _含_is_marker(view, at):
            continue
        if _classification_at(view.folded, end):
            continue  # 其中按信访目的分类: a classification, read below
        level = view.enclosing(sentence, at)
        same_level = view.in_bracket(sentence, level)
        split = _count_before(same_level, at)
        parts_all = _parts_after(view, same_level[split:split + 24])
        if not parts_all or not _opens_list(view, end, parts_all[0]):
            continue
        if all(q.id in out.bracketed_parts for q in parts_all):
            continue  # (其中…) already read as the bracket's breakdown
        before = [q for q in same_level[max(0, split - 16):split] if view.summable(q) and not out.is_part(q)]
        exact = m.group() in p["exact"]
        for unit, parts in _by_unit(parts_all).items():
            total = next((q for q in reversed(before) if q.base_unit == unit), None)
            if total is None and not before and level is None:
                total = _total_before(view, sentence, unit, out)
            if total is None:
                continue
            listed = _kinds_listed_before(view, total, parts)
            mode, certain = _mode(view, parts, exact=exact or listed)
            out.add("breakdown", [("total", total)] + [("part", q) for q in parts], mode=mode,
                    certain=certain, cue=m.group(), start=at, end=end)


def _opens_list(view: View, end: int, first) -> bool:
    """The first part follows the marker in its own clause (其中,区级财政收入2.75亿元): a marker
    whose clause has no number (包括日本侵略时候的东北在内，…49年) lists nothing."""
    gap = view.folded[end:view.phrase_start(first)]
    return gap.strip() in ("", ":", ",", ":,")


def _含_is_marker(view: View, at: int) -> bool:
    """含 opens a breakdown only right after a number's clause break: (含…), ,含…."""
    return at > 0 and view.folded[at - 1] in "(,"


def _parts_after(view: View, candidates: list) -> list:
    """The counts listed after a marker: clause by clause, until a clause without a number or
    one that starts a new statement (a verb of another family than the first part's)."""
    parts: list = []
    family = None
    last_end = None
    for q in candidates:
        if not view.summable(q):
            continue
        phrase = view.phrase(q)
        if parts:
            gap = view.folded[last_end:view.phrase_start(q)]
            if _clause_without_number(gap):
                break
            if verb_family(phrase) != family or "等" in phrase or _NEW_STATEMENT.match(phrase):
                break
        else:
            family = verb_family(phrase)
        parts.append(q)
        last_end = q.end
    return parts


def _clause_without_number(gap: str) -> bool:
    """Text between two parts holding a whole clause of words (not a 同比增长x% tail)."""
    pieces = [p for p in _CLAUSE_BREAK.split(gap) if p.strip()]
    return any(len(p.strip()) > 12 and not _NUMBER_TAIL.search(p) for p in pieces)


def _total_before(view: View, sentence, unit: str, out):
    """其中 opening a sentence: the total is in the sentence before (same paragraph)."""
    prev = view.previous(sentence)
    if prev is None:
        return None
    candidates = [q for q in view.quantities_in(prev) if view.summable(q) and q.base_unit == unit
                  and view.bracket_of(q) is None and not out.is_part(q)]
    return candidates[-1] if len(candidates) == 1 else None


def _kinds_listed_before(view: View, total, parts: list) -> bool:
    """区委书记信箱、区长信箱共63件，其中区委书记信箱18件，区长信箱45件: the parts are the kinds
    the total names — all of it."""
    sentence = view.sentence_of(total)
    lo = sentence.start if sentence else 0
    head = view.folded[lo:total.start]
    if "、" not in head or "等" in head[-6:]:
        return False
    names = [_name(view, q) for q in parts]
    return len(names) >= 2 and all(n and n in head for n in names)


def _name(view: View, q) -> str:
    return _LEAD.sub("", view.phrase(q))


# -- 按X分类 / 分X来看: one classification of a total stated before ---------------------------------
def _classification_at(folded: str, at: int):
    """The classification phrase (按X分类, 分X来看, 其中按…) that opens at ``at``, or None."""
    if not folded.startswith(_CLASSIFICATION_OPENERS, at):
        return None
    return _patterns()["classification"].match(folded, at)


def _classifications(view: View, out) -> None:
    p = _patterns()
    folded = view.folded
    # the quick test of _classification_at on every sentence, without a call for each
    opening = [s for s in view.opening_with(_CLASSIFICATION_OPENERS) if s.role == "body"]
    for sentence in opening:
        m = _classification_at(folded, sentence.start)
        if not m:
            continue
        block = _block(view, sentence)
        block_text = view.folded[block[0].start:block[-1].end]
        parts_all = [q for s in block for q in view.quantities_in(s)
                     if view.summable(q) and view.bracket_of(q) is None and q.start >= m.end()]
        explicit = "分类" in m.group() or "划分" in m.group()
        complete = bool(p["complete"].search(block_text))
        for unit, parts in _by_unit(parts_all).items():
            if len(parts) < 2:
                continue
            total = _classified_total(view, sentence, unit, out)
            if total is None:
                continue
            out.add("breakdown", [("total", total)] + [("part", q) for q in parts], mode="exact",
                    certain=explicit or complete, cue=m.group().rstrip(":,"), start=sentence.start,
                    end=m.end())


def _block(view: View, sentence) -> list:
    """The sentences of a classification: to the end of its ；-run, or the next classification."""
    block = [sentence]
    for s in view.statement_sentences(sentence)[1:]:
        if _classification_at(view.folded, s.start):
            break
        block.append(s)
    return block


def _classified_total(view: View, sentence, unit: str, out):
    """The nearest earlier count of the unit that is a whole (共/全市/合计 before it), looking
    back over this paragraph and the three before it; not a part, not in brackets."""
    p = _patterns()
    i = view.index[sentence.id] - 1
    paragraphs = [sentence.paragraph]
    while i >= 0:
        s = view.sentences[i]
        i -= 1
        if s.role != "body":
            break
        if s.paragraph != paragraphs[-1]:
            if len(paragraphs) >= 4:
                break
            paragraphs.append(s.paragraph)
        if _classification_at(view.folded, s.start):
            continue
        for q in reversed(view.quantities_in(s)):
            if not view.summable(q) or q.base_unit != unit or out.is_part(q) or view.bracket_of(q) is not None:
                continue
            start, _ = view.statement_of(s)
            before = view.folded[max(start, q.start - 200):q.start]
            if any(c in before for c in p["cues"]):
                return q
    return None


# -- kinds of breakdown ------------------------------------------------------------------------
def _by_unit(quantities: list) -> dict[str, list]:
    out: dict[str, list] = {}
    for q in quantities:
        out.setdefault(q.base_unit, []).append(q)
    return out


def _mode(view: View, parts: list, *, exact: bool) -> tuple[str, bool]:
    if exact:
        return "exact", True
    if len(parts) == 1:
        return "partition", True
    names = [_name(view, q) for q in parts]
    if len(set(_NUMERALS.sub("", n) for n in names)) == 1 and all(names):
        return "partition", True  # tiers of one attribute: 超3000万元项目4个，超1000万元项目3个
    attributes = _patterns()["attributes"]
    if any(any(a in n for a in attributes) for n in names):
        return "overlapping", True
    for a in names:
        for b in names:
            if a is not b and a and b and a != b and is_subsequence(a, b):
                return "overlapping", True
    return "partition", True


# -- 15家餐饮企业已完成整改12家: a set, then the part of it that is done -----------------------------
def _subjects(view: View, sentence, out) -> None:
    pattern = _patterns()["subject_done"]
    quantities = view.quantities_in(sentence)
    for a, b in zip(quantities, quantities[1:]):
        if a.base_unit != b.base_unit or a.dimension != "count" or not view.summable(a) or not view.summable(b):
            continue
        if out.is_part(a) or out.is_part(b) or view.bracket_of(a) != view.bracket_of(b):
            continue
        between = view.folded[a.end:b.start]
        if pattern.match(between):
            out.add("breakdown", [("total", a), ("part", b)], mode="partition", cue="subject",
                    start=a.start, end=b.end)
