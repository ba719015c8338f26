"""Collects the relations the finders read, and the roles they give each quantity."""

from __future__ import annotations

from dataclasses import fields
from operator import attrgetter

from ..models import Member, Quantity, Relation, replace

# When a quantity plays several roles, the one listed first is its ``role``.
ROLE_ORDER = ("total", "whole", "earlier", "later", "carried", "part", "rate", "share", "numerator",
              "denominator", "groups", "persons", "first", "second", "part1", "part2", "share1", "share2")


class Collector:
    def __init__(self, view):
        self.view = view
        self.relations: list[Relation] = []
        self.parts: set[str] = set()  # quantities that are parts of some breakdown
        self.total_of: dict[str, object] = {}  # a part's id → its breakdown's total
        self.bracketed_parts: set[str] = set()
        self._roles: dict[str, set[str]] = {}
        self._seen: set[tuple] = set()
        self.pending: dict = {}  # finders' notes across sentences (shares of one unstated target)

    def add(self, kind: str, members: list[tuple[str, object]], *, mode: str | None = None,
            certain: bool = True, cue: str | None = None, start: int | None = None,
            end: int | None = None) -> Relation | None:
        key = (kind, tuple((slot, q.id) for slot, q in members))
        if key in self._seen or len(members) < 2:
            return None
        self._seen.add(key)
        first = min(q.start for _, q in members)
        last = max(q.end for _, q in members)
        start = first if start is None else start
        end = last if end is None else end
        sentence = self.view.sentence_at(start)
        relation = Relation(
            id=f"r{len(self.relations) + 1}", kind=kind,
            members=tuple(Member(slot, q.id) for slot, q in members), mode=mode, certain=certain,
            cue=cue, start=start, end=end, line=self.view.doc_line(start),
            sentence=sentence.id if sentence else None,
        )
        self.relations.append(relation)
        for slot, q in members:
            self._roles.setdefault(q.id, set()).add(slot)
            if kind == "breakdown" and slot == "part":
                self.parts.add(q.id)
                self.total_of.setdefault(q.id, members[0][1])
        return relation

    def is_part(self, q) -> bool:
        return q.id in self.parts

    def apply(self, doc):
        """The document with its relations and each quantity's role and metric."""
        from .metric import metric_of

        quantities = tuple(_with_role_and_metric(q, _main_role(self._roles.get(q.id)), metric_of(self.view, q))
                           for q in doc.quantities)
        return replace(doc, quantities=quantities, relations=tuple(self.relations))


def _main_role(roles: set[str] | None) -> str | None:
    if not roles:
        return None
    return next((r for r in ROLE_ORDER if r in roles), None)


_QUANTITY_FIELDS = tuple(f.name for f in fields(Quantity))
_ROLE_AT, _METRIC_AT = _QUANTITY_FIELDS.index("role"), _QUANTITY_FIELDS.index("metric")
_quantity_values = attrgetter(*_QUANTITY_FIELDS)


def _with_role_and_metric(q, role: str | None, metric: str | None):
    """``replace(q, role=role, metric=metric)``, built from the field values in one call: it
    runs for every quantity, and ``replace`` looks each of the fields up by name."""
    if q.role == role and q.metric == metric:
        return q  # nothing to set (a number of no statement, without label or verb)
    values = list(_quantity_values(q))
    values[_ROLE_AT], values[_METRIC_AT] = role, metric
    return Quantity(*values)
