"""Run rules over a document: bind, evaluate over the bounds, and make findings.

Where the assertion fails for every value the numbers allow, the finding is *definite* and
keeps the rule's severity; where it fails for only some, it is *possible* and is reported one
level lower (error → warning → info), or not at all with ``possible: ignore``. One finding per
rule and location: the definite one wins.
"""

from __future__ import annotations

import hashlib

from ..serialize import decimal_str
from ..text.lines import LineIndex
from . import budget, expr, template
from .binding import DocIndex, enumerate_matches
from .bounds import Interval, Truth, Undefined, quantity_interval
from .findings import Finding
from .model import Rule, downgrade
from .structure import BUILTINS
from ..text.normalize import fold

POSSIBLE_NOTE = "（按所写数值的取值范围，可能不成立）"


def check_document(doc, rules: list[Rule], path: str) -> list[Finding]:
    index = DocIndex(doc)
    lines = LineIndex(doc.text)
    out: list[Finding] = []
    for rule in rules:
        budget.tick()
        found: dict = {}
        if rule.check:
            hits = _builtin(rule, doc)
        elif rule.relation:
            hits = _related(rule, doc, index)
        else:
            hits = _bound(rule, index)
        for start, end, message, quantities, certainty in hits:
            key = (start, end)
            if key in found and (found[key][4] == "definite" or certainty == "possible"):
                continue
            found[key] = (start, end, message, quantities, certainty)
        for start, end, message, quantities, certainty in found.values():
            out.append(_finding(rule, index, lines, path, start, end, message, quantities, certainty))
    out.sort(key=Finding.sort_key)
    return out


def _builtin(rule: Rule, doc):
    for hit in BUILTINS[rule.check].run(doc, rule.options):
        message = template.render(rule.message, lambda n, a: hit.values[n], _no_numbers)
        yield hit.start, hit.end, message, (), "definite"


def _no_numbers(name, attr):  # pragma: no cover - builtins expose text placeholders only
    raise Undefined(name)


def _bound(rule: Rule, index: DocIndex):
    by_name = {b.name: b for b in rule.bindings}
    for unit in index.units(rule.scope):
        for env in enumerate_matches(rule, unit, index):
            budget.tick()
            lookup = _lookup(rule, by_name, env)
            if rule.assertion is None:
                certainty = "definite"
            else:
                try:
                    truth = expr.evaluate(rule.assertion, lookup)
                except Undefined:
                    continue
                if truth is Truth.TRUE:
                    continue
                if truth is Truth.UNKNOWN and (rule.possible == "ignore" or _unbounded(env, by_name)):
                    continue
                certainty = "definite" if truth is Truth.FALSE else "possible"
            message = template.render(rule.message, _attr(env), lookup)
            located = env[rule.report]
            located = located if isinstance(located, list) else [located]
            quantities = sorted(
                (x for v in env.values() for x in (v if isinstance(v, list) else [v]) if hasattr(x, "value")),
                key=lambda q: q.start,
            )
            yield located[0].start, located[-1].end, message, tuple(quantities), certainty


def _related(rule: Rule, doc, index: DocIndex):
    """Findings of a rule over the statement layer's relations: one per relation, where every
    reading fails (definite where every reading fails for every value the numbers allow)."""
    from .relations import environments

    by_id = {q.id: q for q in doc.quantities}
    for relation, envs in environments(rule, doc, by_id):
        worst = None
        for env in envs:
            lookup = _slot_lookup(rule, env)
            try:
                truth = expr.evaluate(rule.assertion, lookup)
            except Undefined:
                worst = "skip"
                break
            if truth is Truth.TRUE:
                worst = "holds"
                break
            if truth is Truth.UNKNOWN and (rule.possible == "ignore" or _open_ended(env, rule)):
                worst = "holds"
                break
            certainty = "definite" if truth is Truth.FALSE else "possible"
            if worst is None or (worst, certainty) == ("definite", "possible"):
                worst, chosen = certainty, env
        if worst not in ("definite", "possible"):
            continue
        certainty = worst if relation.certain else "possible"
        message = template.render(rule.message, _attr(chosen), _slot_lookup(rule, chosen))
        located = chosen.get(rule.report)
        located = located if isinstance(located, list) else [located]
        quantities = sorted((x for v in chosen.values() for x in (v if isinstance(v, list) else [v])),
                            key=lambda q: q.start)
        yield located[0].start, located[-1].end, message, tuple(quantities), certainty


def _slot_lookup(rule: Rule, env: dict):
    def lookup(name, attr):
        if name in rule.params:
            return Interval.exact(rule.params[name])
        if name not in env:
            if name in rule.defaults:
                return Interval.exact(rule.defaults[name])
            raise Undefined(name)
        return _values(env[name], name, attr, name in rule.rounding)

    return lookup


def _values(item, name: str, attr, rounding: bool):
    """A bound name's value (or ``name.attr``) as an interval; a list binding's, one each."""
    if isinstance(item, list):
        return [_value(q, name, attr, rounding) for q in item]
    return _value(item, name, attr, rounding)


def _value(q, name: str, attr, rounding: bool):
    if attr is None:
        return quantity_interval(q, rounding=rounding)
    if attr == "value":
        return Interval.exact(q.value)
    if attr == "base":
        return Interval.exact(q.base_value if q.base_value is not None else q.value)
    bound = q.lower if attr == "lower" else q.upper
    if bound is None:
        raise Undefined(f"{name}.{attr} is unbounded")
    return Interval.exact(bound)


def _open_ended(env: dict, rule: Rule) -> bool:
    for slot, item in env.items():
        for q in item if isinstance(item, list) else [item]:
            iv = quantity_interval(q, rounding=slot in rule.rounding)
            if iv.lo.is_infinite() or iv.hi.is_infinite():
                return True
    return False


def _unbounded(env: dict, by_name: dict) -> bool:
    """Does a bound quantity have an open-ended range (超过60%, 1.9万公里以上)? Then "fails for
    some values" says nothing: any such comparison could fail. Only definite findings count."""
    for name, item in env.items():
        b = by_name[name]
        for q in item if isinstance(item, list) else [item]:
            if hasattr(q, "value"):
                iv = quantity_interval(q, rounding=b.rounding)
                if iv.lo.is_infinite() or iv.hi.is_infinite():
                    return True
    return False


def _lookup(rule: Rule, by_name: dict, env: dict):
    def lookup(name, attr):
        if name in rule.params:
            return Interval.exact(rule.params[name])
        return _values(env[name], name, attr, by_name[name].rounding)

    return lookup


def _attr(env: dict):
    def one(item, attr):
        if attr == "text":
            return item.text
        value = getattr(item, attr, None)
        if value is None:
            return ""
        if hasattr(value, "as_tuple"):
            return decimal_str(value)
        return str(value)

    def attr(name, attribute):
        item = env.get(name)
        if item is None:  # an optional slot the relation does not have
            return ""
        if isinstance(item, list):
            return "、".join(one(x, attribute) for x in item)
        return one(item, attribute)

    return attr


def _finding(rule, index, lines, path, start, end, message, quantities, certainty) -> Finding:
    line, col = lines.position(start)
    end_line, end_col = lines.position(max(end, start + 1))
    severity = rule.severity if certainty == "definite" else downgrade(rule.severity)
    if certainty == "possible":
        message += POSSIBLE_NOTE
    sentence = index.sentence_at(start)
    context = index.text[sentence.start:sentence.end] if sentence else _line_text(index.text, lines, line)
    return Finding(
        rule=rule.id, severity=severity, certainty=certainty, message=message, path=path,
        start=start, end=end, line=line, col=col, end_line=end_line, end_col=end_col,
        quantities=quantities, context=context,
        fingerprint=fingerprint(rule.id, [q.text for q in quantities] or [index.text[start:end]], context),
    )


def _line_text(text: str, lines: LineIndex, line: int) -> str:
    start = lines.starts[line - 1]
    end = lines.starts[line] if line < len(lines.starts) else len(text)
    return text[start:end]


def normalize(text: str) -> str:
    """Fold full-width forms and drop whitespace: what a fingerprint should not notice."""
    return "".join(fold(text).split())


def fingerprint(rule_id: str, texts, context: str) -> str:
    """Stable across line shifts: the rule, the numbers' texts and the sentence, not positions."""
    sentence_hash = hashlib.sha256(normalize(context).encode("utf-8")).hexdigest()[:16]
    payload = "\x1f".join([rule_id, *[normalize(t) for t in texts], sentence_hash])
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:32]
