"""Collects the relations the finders read, and the roles they give each quantity."""

from __future__ import annotations

from dataclasses import fields
from operator import attrgetter

from ..compiled import compile_python
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
        from .metric import metrics

        role_of = {qid: _main_role(roles) for qid, roles in self._roles.items()}
        quantities = tuple(map(_with_role_and_metric, doc.quantities,
                               map(role_of.get, map(attrgetter("id"), doc.quantities)),
                               metrics(self.view, doc.quantities)))
        return replace(doc, quantities=quantities, relations=tuple(self.relations))


def _main_role(roles: set[str] | None) -> str | None:
    if not roles:
        return None
    return next((r for r in ROLE_ORDER if r in roles), None)


def _role_and_metric_setter():
    """``replace(q, role=role, metric=metric)`` for a Quantity, its fields written out one by
    one: it runs for every quantity, and a field read in code (``q.text``) is the
    interpreter's cheap slot read, where ``replace`` and attrgetter look each one up by name."""
    values = ", ".join(name if name in ("role", "metric") else f"q.{name}" for name in
                       (f.name for f in fields(Quantity)))
    source = (f"def _with_role_and_metric(q, role, metric):\n"
              f"    if q.role == role and q.metric == metric:\n"
              f"        return q  # nothing to set (a number of no statement, without label or verb)\n"
              f"    return _Quantity({values})\n")
    env = {"_Quantity": Quantity}
    exec(compile_python(source), env)
    return env["_with_role_and_metric"]


_with_role_and_metric = _role_and_metric_setter()
