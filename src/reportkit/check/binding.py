"""Binding: which quantities (and text matches such as 其中) fill a rule's named slots.

For every unit of the rule's scope (clause, sentence, paragraph, section, document) the
bindings are filled in the order they are written. A binding's own conditions (verb, label,
unit, dimension, context …) choose its candidates; its relations to earlier bindings (after,
before, gap, until, within, same, differ) narrow them; then ``pick: nearest`` keeps the one
closest to the binding it is related to, ``pick: all`` tries each, and ``many: true`` binds
the whole list. One quantity never fills two slots of the same match.
"""

from __future__ import annotations


from bisect import bisect_left, bisect_right
from collections import defaultdict
from dataclasses import dataclass

from ..compiled import compile_regex
from . import budget
from .model import Binding, Rule


@dataclass(frozen=True, slots=True)
class Match:
    """A text match bound by a ``match:`` binding (e.g. the 其中 that starts a breakdown)."""

    text: str
    start: int
    end: int
    clause: str | None
    sentence: str | None
    heading: str | None
    id: str = ""


_PERIOD_WORDS = compile_regex(
    r"去年|今年|明年|前年|上年|本年|当年|全年|上半年|下半年|一季度|上季度|年底|年末|"
    r"(?:过去|近|今后|未来)[一二三四五六七八九十两\d]+年|[一二三四五六七八九十两\d]+年(?:来|间|内)|"
    r"十[一二三四五六七八九]?五|[一二三四五六七八九]五(?=计划|规划|时期|期间)")


# Fields where None is a value of its own (no target flag, no per-period): equal when both None.
_NONE_IS_A_VALUE = frozenset({"per", "period", "target", "cumulative"})


class DocIndex:
    """Look-ups a rule needs over one document, built once per document."""

    def __init__(self, doc):
        self.doc = doc
        self.text = doc.text
        self.sentences = {s.id: s for s in doc.sentences}
        self.clauses = {c.id: c for c in doc.clauses}
        self.paragraphs = {p.id: p for p in doc.paragraphs}
        self._sent = sorted(doc.sentences, key=lambda s: s.start)
        self._sent_starts = [s.start for s in self._sent]
        self._clause = sorted(doc.clauses, key=lambda c: c.start)
        self._clause_starts = [c.start for c in self._clause]
        self.quantities = tuple(sorted(doc.quantities, key=lambda q: q.start))
        self._units: dict[str, list] = {}
        self._periods: dict[str, tuple[str, ...]] = {}
        self._dates = [n for n in doc.non_quantities if n.kind == "date"]

    def period_of(self, item) -> tuple[str, ...]:
        """The time a quantity speaks of, as its paragraph states it up to the end of the
        quantity's sentence: dates and period words (去年, 上半年, 过去五年), sorted. Two
        figures of one metric for different periods are no contradiction."""
        sentence = self.sentence_of(item)
        if sentence is None:
            return ()
        paragraph = self.paragraphs.get(sentence.paragraph)
        start = paragraph.start if paragraph else sentence.start
        cached = self._periods.get(sentence.id)
        if cached is None:
            from ..text.normalize import fold

            words = {m.group() for m in _PERIOD_WORDS.finditer(fold(self.text[start:sentence.end]))}
            words |= {fold(n.text) for n in self._dates if start <= n.start < sentence.end}
            cached = self._periods[sentence.id] = tuple(sorted(words))
        return cached

    # -- where things are --------------------------------------------------------------------
    def sentence_at(self, offset: int):
        return _at(self._sent, self._sent_starts, offset)

    def clause_at(self, offset: int):
        return _at(self._clause, self._clause_starts, offset)

    def sentence_of(self, item):
        if item.sentence and item.sentence in self.sentences:
            return self.sentences[item.sentence]
        return self.sentence_at(item.start)

    def clause_of(self, item):
        if item.clause and item.clause in self.clauses:
            return self.clauses[item.clause]
        return self.clause_at(item.start)

    def scope_key(self, item, scope: str):
        if scope == "document":
            return ""
        if scope == "clause":
            clause = self.clause_of(item)
            return clause.id if clause else None
        sentence = self.sentence_of(item)
        if scope == "sentence":
            return sentence.id if sentence else None
        if scope == "paragraph":
            return sentence.paragraph if sentence else None
        if scope == "section":
            heading = getattr(item, "heading", None)
            if heading is None and sentence is not None:
                heading = sentence.heading
            return heading or ""
        raise ValueError(scope)  # pragma: no cover

    def context_before(self, q) -> str:
        """The clause text before the number (its sentence's, when the clause is unknown)."""
        unit = self.clause_of(q) or self.sentence_of(q)
        return self.text[unit.start if unit else q.start:q.start]

    def text_after(self, q) -> str:
        sentence = self.sentence_of(q)
        end = sentence.end if sentence else q.end
        return self.text[q.end:end]

    # -- units of a scope --------------------------------------------------------------------
    def units(self, scope: str):
        """[(start, end, quantities)] for every unit of ``scope`` that holds a quantity."""
        if scope in self._units:
            return self._units[scope]
        groups: dict = defaultdict(list)
        for q in self.quantities:
            key = self.scope_key(q, scope)
            if key is not None:
                groups[key].append(q)
        out = [(*self._span(scope, key, items), tuple(items)) for key, items in groups.items()]
        out.sort(key=lambda u: u[0])
        self._units[scope] = out
        return out

    def _span(self, scope, key, items):
        if scope == "document":
            return 0, len(self.text)
        if scope == "clause" and key in self.clauses:
            c = self.clauses[key]
            return c.start, c.end
        if scope == "sentence" and key in self.sentences:
            s = self.sentences[key]
            return s.start, s.end
        if scope == "paragraph" and key in self.paragraphs:
            p = self.paragraphs[key]
            return p.start, p.end
        if scope == "section":
            sents = [s for s in self._sent if (s.heading or "") == key]
            if sents:
                return min(s.start for s in sents), max(s.end for s in sents)
        return min(q.start for q in items), max(q.end for q in items)


def _at(items: list, starts: list[int], offset: int):
    """The item (sorted by start) whose span holds ``offset``; an empty span holds its start."""
    i = bisect_right(starts, offset) - 1
    if i >= 0 and items[i].start <= offset < max(items[i].end, items[i].start + 1):
        return items[i]
    return None


# -- static conditions on one quantity --------------------------------------------------------

def quantity_ok(b: Binding, q, index: DocIndex) -> bool:
    if b.target is not None and bool(getattr(q, "target", False)) != b.target:
        return False
    if b.per is not None and (getattr(q, "per", None) is not None) != b.per:
        return False
    if b.unit_inferred is not None and bool(q.unit_inferred) != b.unit_inferred:
        return False
    if b.qualified is not None and (q.qualifier is not None) != b.qualified:
        return False
    if b.dimension and q.dimension not in b.dimension:
        return False
    if b.unit and q.unit not in b.unit:
        return False
    if b.unit_not and q.unit in b.unit_not:
        return False
    if b.verb and not (q.verb and any(v in q.verb for v in b.verb)):
        return False
    if b.verb_not and q.verb and any(v in q.verb for v in b.verb_not):
        return False
    if b.label is not None and not b.label.search(q.label or ""):
        return False
    if b.label_not is not None and b.label_not.search(q.label or ""):
        return False
    if b.text is not None and not b.text.search(q.text):
        return False
    if b.context is not None or b.context_not is not None:
        before = index.context_before(q)
        if b.context is not None and not b.context.search(before):
            return False
        if b.context_not is not None and b.context_not.search(before):
            return False
    if b.follow is not None and not b.follow.match(index.text_after(q)):
        return False
    return True


def candidates(b: Binding, unit, index: DocIndex) -> list:
    start, end, quantities = unit
    if b.kind == "match":
        out = []
        for m in b.match.finditer(index.text, start, end):
            if m.end() == m.start():
                continue
            sentence = index.sentence_at(m.start())
            clause = index.clause_at(m.start())
            out.append(Match(m.group(0), m.start(), m.end(), clause.id if clause else None,
                             sentence.id if sentence else None, sentence.heading if sentence else None))
        return out
    return [q for q in quantities if quantity_ok(b, q, index)]


# -- relations and enumeration ----------------------------------------------------------------

def _span(value):
    if isinstance(value, list):
        return value[0].start, value[-1].end
    return value.start, value.end


def _field(index: DocIndex, item, name: str):
    if name == "sentence":
        s = index.sentence_of(item)
        return s.id if s else None
    if name == "clause":
        c = index.clause_of(item)
        return c.id if c else None
    if name == "heading":
        return index.scope_key(item, "section")
    if name == "paragraph":
        return index.scope_key(item, "paragraph")
    if name == "period":
        return index.period_of(item)
    return getattr(item, name, None)


def _related(b: Binding, c, env: dict, cands: dict, index: DocIndex) -> bool:
    for ref_name, direction in ((b.after, "after"), (b.before, "before")):
        if ref_name is None:
            continue
        r_start, r_end = _span(env[ref_name])
        if direction == "after":
            if c.start < r_end:
                return False
            between = (r_end, c.start)
        else:
            if c.end > r_start:
                return False
            between = (c.end, r_start)
        if b.gap is not None and between[1] - between[0] > b.gap:
            return False
        if b.until is not None and b.until.search(index.text, between[0], between[1]):
            return False
        if b.exclusive and _any_between(cands.get(ref_name, ()), between, env[ref_name], c):
            return False
    if b.until is not None and b.after is None and b.before is None:
        ref = _default_ref(b, env)
        if ref is not None:
            r_start, r_end = _span(env[ref])
            lo, hi = (r_end, c.start) if c.start >= r_end else (c.end, r_start)
            if lo < hi and b.until.search(index.text, lo, hi):
                return False
    for scope, ref_name in b.within:
        ref_item = env[ref_name]
        ref_item = ref_item[0] if isinstance(ref_item, list) else ref_item
        if index.scope_key(c, scope) != index.scope_key(ref_item, scope):
            return False
    for fld, ref_name in b.same + b.differ:
        ref_item = env[ref_name]
        if isinstance(ref_item, list):
            return False
        mine, theirs = _field(index, c, fld), _field(index, ref_item, fld)
        if (fld, ref_name) in b.same:
            # an unknown label, key or place is never "the same"; an absent period is
            if mine != theirs or (mine is None and fld not in _NONE_IS_A_VALUE):
                return False
        elif mine == theirs:
            return False
    return True


def _any_between(others, between, ref_item, c) -> bool:
    """Is another candidate of the reference binding wholly between the two? (bisect)"""
    starts = getattr(others, "starts", None)
    if starts is None:
        return any(x is not ref_item and x is not c and between[0] <= x.start and x.end <= between[1]
                   for x in others)
    k = bisect_left(starts, between[0])
    while k < len(starts) and starts[k] < between[1]:
        x = others[k]
        if x is not ref_item and x is not c and x.end <= between[1]:
            return True
        k += 1
    return False


class _Sorted(list):
    """Candidates in text order, with their starts for bisecting."""

    def __init__(self, items):
        super().__init__(sorted(items, key=lambda x: x.start))
        self.starts = [x.start for x in self]


def _default_ref(b: Binding, env: dict) -> str | None:
    if b.after or b.before:
        return b.after or b.before
    return next(reversed(env), None) if env else None


def _nearest(b: Binding, pool: list, env: dict):
    ref = _default_ref(b, env)
    if ref is None:
        return pool
    r_start, r_end = _span(env[ref])
    if b.after:
        return [min(pool, key=lambda c: c.start)]
    if b.before:
        return [max(pool, key=lambda c: c.end)]
    return [min(pool, key=lambda c: (abs(c.start - r_start), c.start))]


def enumerate_matches(rule: Rule, unit, index: DocIndex):
    """Yield every complete assignment {binding name: item or list of items} in ``unit``."""
    bindings = rule.bindings
    cands = {b.name: _Sorted(candidates(b, unit, index)) for b in bindings}
    if any(not cands[b.name] and not (b.many and b.min == 0) for b in bindings):
        return
    grouped: dict = {}
    for b in bindings:
        if b.same:
            table: dict = defaultdict(list)
            for c in cands[b.name]:
                table[tuple(_field(index, c, fld) for fld, _ in b.same)].append(c)
            grouped[b.name] = table

    def pool_of(b, env):
        if b.name not in grouped:
            return cands[b.name]
        refs = []
        for fld, ref_name in b.same:
            ref_item = env[ref_name]
            if isinstance(ref_item, list):
                return []
            refs.append(_field(index, ref_item, fld))
        return grouped[b.name].get(tuple(refs), [])

    def used(env):
        out = set()
        for v in env.values():
            for x in (v if isinstance(v, list) else [v]):
                out.add(id(x))
        return out

    def rec(i: int, env: dict):
        budget.tick()  # the combinations of a rule's bindings can multiply without end
        if i == len(bindings):
            yield dict(env)
            return
        b = bindings[i]
        taken = used(env)
        pool = [c for c in pool_of(b, env) if id(c) not in taken and _related(b, c, env, cands, index)]
        if b.many:
            if len(pool) < b.min:
                return
            env[b.name] = pool
            yield from rec(i + 1, env)
            del env[b.name]
            return
        if pool and b.pick == "nearest" and i > 0:
            pool = _nearest(b, pool, env)
        for c in pool:
            env[b.name] = c
            yield from rec(i + 1, env)
            del env[b.name]

    yield from rec(0, {})
