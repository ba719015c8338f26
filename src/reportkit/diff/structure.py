"""Sections added, removed or renamed, by heading title.

Headings with the same title (ignoring the marker and years, which a later report changes as a
matter of course) and the same level are kept. The rest are paired as renamed, level by level
from the top, one-to-one and best first, on a score that combines
* the titles (character unigrams + bigrams, Dice),
* the figures inside: how many aligned quantity pairs lead from one section to the other —
  a section whose figures all reappear under another title was renamed, whatever the title,
* whether their parents were paired (a subsection rarely moves to another chapter).
Headings left over are removed or added.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from ..compiled import compile_re
from ..models import Document, Heading
from .align import dice
from .features import tokens
from .model import Pair, SectionChange

RENAME_THRESHOLD = 0.36
W_TITLE, W_CONTENT, W_PARENT = 0.6, 0.4, 0.15
_YEARS = compile_re(r"(19|20)\d{2}年?")


def _norm(title: str) -> str:
    return _YEARS.sub("", title).strip()


def compare_sections(old: Document, new: Document, pairs: Sequence[Pair] = ()) -> list[SectionChange]:
    old_parent = {h.id: h.parent for h in old.headings}
    new_parent = {h.id: h.parent for h in new.headings}
    shared, old_count, new_count = _shared_figures(pairs, old_parent, new_parent)
    partner: dict[str, str] = {}  # old heading id → new heading id
    changes: dict[str, SectionChange] = {}
    for level in sorted({h.level for h in old.headings} | {h.level for h in new.headings}):
        olds = [h for h in old.headings if h.level == level]
        news = [h for h in new.headings if h.level == level and h.id not in partner.values()]
        by_title: dict[str, list[Heading]] = {}
        for h in news:
            by_title.setdefault(_norm(h.title), []).append(h)
        rest_old = []
        for h in olds:
            same = [n for n in by_title.get(_norm(h.title), []) if n.id not in partner.values()]
            # Prefer the namesake under the matching parent (two chapters may share a subtitle).
            same.sort(key=lambda n: n.parent != partner.get(h.parent or "", "-"))
            if same:
                partner[h.id] = same[0].id
                changes[h.id] = SectionChange("kept", h, same[0], 1.0)
            else:
                rest_old.append(h)
        rest_new = [h for h in news if h.id not in partner.values()]
        candidates = []
        for a in rest_old:
            for b in rest_new:
                title = dice(tokens(_norm(a.title)), tokens(_norm(b.title)))
                both = shared.get((a.id, b.id), 0)
                content = both / max(old_count.get(a.id, 0), new_count.get(b.id, 0), 1)
                s = W_TITLE * title + W_CONTENT * content
                if a.parent and partner.get(a.parent) == b.parent:
                    s += W_PARENT
                candidates.append((round(s, 3), a, b))
        candidates.sort(key=lambda c: (-c[0], c[1].start, c[2].start))
        for s, a, b in candidates:
            if s < RENAME_THRESHOLD:
                break
            if a.id not in partner and b.id not in partner.values():
                partner[a.id] = b.id
                changes[a.id] = SectionChange("renamed", a, b, s)
    out = [changes.get(h.id) or SectionChange("removed", h, None, 0.0) for h in old.headings]
    taken = set(partner.values())
    return out + [SectionChange("added", None, h, 0.0) for h in new.headings if h.id not in taken]


def _shared_figures(pairs, old_parent, new_parent):
    """Counts of aligned pairs per (old section, new section), with every ancestor credited."""
    shared: Counter = Counter()
    old_count: Counter = Counter()
    new_count: Counter = Counter()
    for p in pairs:
        olds = _lineage(p.old.heading, old_parent)
        news = _lineage(p.new.heading, new_parent)
        old_count.update(olds)
        new_count.update(news)
        shared.update((a, b) for a in olds for b in news)
    return shared, old_count, new_count


def _lineage(heading_id, parent) -> list[str]:
    out = []
    while heading_id:
        out.append(heading_id)
        heading_id = parent.get(heading_id)
    return out
