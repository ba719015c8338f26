"""What alignment compares about a quantity, computed once per document.

Besides the model's label and verb, a quantity is known by the words just before it in its
sentence ("走访慰问孤儿4人，发放资金5.27万元": the label 资金 alone repeats six times in the
sample, the preceding words do not), by its heading path and by its position.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

from ..compiled import compile_re
from ..models import Document, Quantity
from .intervals import base

# Numbers, units and punctuation carry no meaning for "what is counted".
_NOISE = compile_re(r"[\d０-９.,，、。；;：:%％()（）“”\"'《》\s\-—~～]+")
_CONTEXT_CHARS = 16

PLAN_HEADING = compile_re(
    r"计划|下一步|思路|打算|举措|安排|工作任务|政策取向|预期目标|今年工作|明年|下半年|重点工作"
)
ACHIEVEMENT_HEADING = compile_re(r"情况|回顾|成效|成绩|完成|总结|困难|问题")
PLAN_CLAUSE = compile_re(r"计划|力争|确保|目标|不少于|不低于|至少|预期|争取|拟")
# 占年度目标任务的40% and 超额完成目标 report progress against a plan; they are not plans.
MINIMUM_QUALIFIERS = frozenset({"不少于", "不低于", "至少"})
PROGRESS_CLAUSE = compile_re(r"占|超额|已完成")
# 占2023年全年总量（800户）的52.5% is a share; 同比增长10% of the same subject is not.
SHARE_OF = compile_re(r"占[^，,。；;]*?(的|比重|比例)")
# 每季度均巡查不少于320家 under a heading of results: a floor every period kept, not a plan.
EVERY_PERIOD_KEPT = compile_re(r"均")


@dataclass(frozen=True, slots=True)
class Features:
    quantity: Quantity
    label: frozenset[str]  # label tokens
    verb: str | None
    context: frozenset[str]  # character bigrams of the words before the number
    clause: frozenset[str]  # characters + bigrams of its whole clause, numbers left out
    heading: frozenset[str]  # character bigrams of the heading titles above it
    position: float  # 0..1 through the document
    magnitude: float | None  # log10 of the base value
    plan: bool  # in the plan part (or a target clause)
    share: bool = False  # a percent stated as a share of something (占…的52.5%)


def tokens(text: str | None, mode: str = "bigram") -> frozenset[str]:
    """Label tokens. ``bigram``: characters and character bigrams, which survive rewording
    (低保资金 / 低保金 share 低保, 低, 保, 金); ``jieba``: words."""
    if not text:
        return frozenset()
    text = _NOISE.sub(" ", text)
    if mode == "jieba":
        return frozenset(t for t in _jieba_cut(text) if t.strip())
    out: set[str] = set()
    for part in text.split():
        out.update(part)
        out.update(part[i:i + 2] for i in range(len(part) - 1))
    return frozenset(out)


@lru_cache(maxsize=4096)
def _jieba_cut(text: str) -> tuple[str, ...]:
    import jieba  # ~1 s to start: only alignment in jieba mode pays for it

    jieba.setLogLevel(60)
    return tuple(jieba.lcut(text))


def informative_label(q: Quantity) -> bool:
    """A one-character label (的, 对, 象) or one that only repeats the verb (检查 / 检查) says
    nothing about what is counted; alignment then leans on the clause instead."""
    label = _NOISE.sub("", q.label or "")
    return len(label) >= 2 and label != (q.verb or "")


def describe(doc: Document, q: Quantity, limit: int = 24) -> str:
    """What the quantity counts, in words: verb + label, else (a label of one character or only
    the verb says nothing) the words before it in its clause, at most ``limit`` of them."""
    if q.label and informative_label(q):
        return f"{q.verb}{q.label}" if q.verb and q.verb not in q.label else q.label
    start = q.start
    while start > 0 and q.start - start < limit and doc.text[start - 1] not in "，,。；;：:、\n":
        start -= 1
    return doc.text[start:q.start].strip()


def bigrams(text: str) -> frozenset[str]:
    out: set[str] = set()
    for part in _NOISE.sub(" ", text).split():
        if len(part) == 1:
            out.add(part)
        out.update(part[i:i + 2] for i in range(len(part) - 1))
    return frozenset(out)


def heading_titles(doc: Document, q: Quantity) -> list[str]:
    """Titles from the outermost heading down to q's own."""
    by_id = _by_id(doc, "headings")
    if q.heading in by_id:
        return [by_id[i].title for i in _ancestors(by_id, q.heading)]
    return [t for t in q.heading_path if t not in by_id] or [by_id[i].title for i in q.heading_path if i in by_id]


def _ancestors(by_id, heading_id):
    path = []
    while heading_id and heading_id in by_id:
        path.append(heading_id)
        heading_id = by_id[heading_id].parent
    return path[::-1]


def heading_kind(titles: list[str]) -> str | None:
    """plan | achievement | None, decided by the innermost heading that says either.

    下半年主要工作情况 in a second-half summary reports results (情况), while
    下半年重点工作思路和举措 in a first-half one is a plan: a title that reads as an
    achievement wins over one that merely names a period."""
    for title in reversed(titles):
        if ACHIEVEMENT_HEADING.search(title):
            return "achievement"
        if PLAN_HEADING.search(title):
            return "plan"
    return None


def in_plan_part(doc: Document, q: Quantity, titles: list[str]) -> bool:
    """A plan or target: a minimum (不少于450家, but not 每季度均…不少于320家 in a section of
    results), in a plan clause (计划/力争…), under a plan heading, or flagged by the model
    (``Quantity.target``) outside a section of results. ``titles``: :func:`heading_titles` of q."""
    before = clause_before(doc, q)
    kind = heading_kind(titles)
    kept = bool(q.per) and kind == "achievement" and bool(EVERY_PERIOD_KEPT.search(before))
    if q.qualifier in MINIMUM_QUALIFIERS and not kept:
        return True
    if PLAN_CLAUSE.search(before) and not PROGRESS_CLAUSE.search(before):
        return True
    return kind == "plan" or (q.target and kind != "achievement")


def clause_before(doc: Document, q: Quantity) -> str:
    """The text of q's clause up to q (where 计划/不少于/同比 markers stand)."""
    clause = _clause_of(doc, q)
    if clause is None:
        return doc.text[max(0, q.start - 12):q.start]
    return doc.text[clause.start:q.start]


def clause_text(doc: Document, q: Quantity) -> str:
    """q's clause without q itself: 低保金发放84.1万元 → 低保金发放. It survives label errors
    and word-order changes (发放低保资金 / 低保金发放 share most characters)."""
    clause = _clause_of(doc, q)
    if clause is None:
        return doc.text[max(0, q.start - 12):q.start]
    return doc.text[clause.start:q.start] + " " + doc.text[q.end:clause.end]


def _clause_of(doc: Document, q: Quantity):
    """q's clause, when the model gives one that holds q; else None."""
    clause = _by_id(doc, "clauses").get(q.clause) if q.clause else None
    if clause is not None and clause.start <= q.start <= clause.end:
        return clause
    return None


def _by_id(doc: Document, records: str) -> dict:
    """``{id: record}`` of ``doc.<records>`` (clauses, headings), built once per document."""
    key = (id(doc), records)
    cache = _BY_ID_CACHE.get(key)
    if cache is None or cache[0] is not doc:
        if len(_BY_ID_CACHE) >= _CACHED_DOCUMENTS * 2:
            _BY_ID_CACHE.clear()  # a long-running caller must not keep every document alive
        cache = _BY_ID_CACHE[key] = (doc, {x.id: x for x in getattr(doc, records)})
    return cache[1]


# A diff reads two documents; a few more cached entries cost nothing, unbounded ones would.
_CACHED_DOCUMENTS = 4
_BY_ID_CACHE: dict[tuple[int, str], tuple] = {}


def sentence_start(doc: Document, q: Quantity) -> int:
    for s in doc.sentences:  # few hundred: fine once per quantity
        if s.start <= q.start < s.end:
            return s.start
    return max(0, q.start - _CONTEXT_CHARS)


def features(doc: Document, mode: str = "bigram") -> list[Features]:
    qs = doc.quantities
    n = max(len(qs) - 1, 1)
    out = []
    carried: tuple[str | None, frozenset[str]] = (None, frozenset())  # (sentence, label tokens)
    for i, q in enumerate(qs):
        label = tokens(q.label, mode) if informative_label(q) else frozenset()
        if label:
            carried = (q.sentence, label)
        elif carried[0] == q.sentence:
            # 国内生产总值达到134.9万亿元、增长5%: the subject of the sentence carries over.
            label = carried[1]
        start = max(sentence_start(doc, q), q.start - _CONTEXT_CHARS)
        context = doc.text[start:q.start]
        clause = clause_text(doc, q)
        value = base(q)
        titles = heading_titles(doc, q)
        out.append(Features(
            quantity=q,
            label=label,
            verb=q.verb,
            context=bigrams(context),
            clause=tokens(clause),
            heading=bigrams(" ".join(titles)),
            position=i / n,
            magnitude=math.log10(abs(value)) if value else None,
            plan=in_plan_part(doc, q, titles),
            share=q.dimension == "percent" and bool(SHARE_OF.search(clause_before(doc, q))),
        ))
    return out
