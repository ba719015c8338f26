"""Groups and the persons in them, written together: 222批263人次, 773批次,1988人, 115户147人.
Every group has at least one person, so the persons count is at least the groups count."""

from __future__ import annotations

from .view import View, words


def find(view: View, out) -> None:
    spec = words()["groups"]
    group_units, person_units = set(spec["groups"]), set(spec["persons"])
    for sentence in view.numbered:
        counts = [q for q in view.quantities_in(sentence) if q.dimension == "count"]
        for a, b in zip(counts, counts[1:]):
            if _unit(a) not in group_units or _unit(b) not in person_units:
                continue
            gap = view.folded[a.end:b.start]
            if len(gap) <= 1 and gap in ("", ",", "、"):
                out.add("groups", [("groups", a), ("persons", b)], cue=view.folded[a.start:b.end])


def _unit(q) -> str:
    return q.unit[1:] if q.unit[:1] in "万亿" else q.unit
