"""Rules over the statement layer: a rule with ``relation: flow`` is evaluated once for every
flow the report states, its slots (``earlier``, ``later``, ``carried``) bound to the relation's
members. The slots each kind of relation has, and whether a slot holds one quantity, a list
(``part``) or alternative readings (a rate's ``denominator``: the rule fails only where no
reading holds), are listed here; ``reportkit.statements`` documents how each is read.
"""

from __future__ import annotations

from itertools import product

KINDS: dict[str, dict[str, str]] = {
    "breakdown": {"total": "num", "part": "list"},
    "flow": {"earlier": "num", "later": "num", "carried": "num"},
    "rate": {"rate": "num", "numerator": "num", "denominator": "readings"},
    "share": {"share": "num", "part": "num", "whole": "num"},
    "target-pair": {"share1": "num", "part1": "num", "share2": "num", "part2": "num"},
    "groups": {"groups": "num", "persons": "num"},
    "restatement": {"first": "num", "second": "num"},
    "composition": {"part": "list"},
}

# The mode values the statement layer writes for each kind (for load-time checks of `where`).
MODES: dict[str, tuple[str, ...]] = {
    "breakdown": ("partition", "exact", "overlapping"),
    "rate": ("readings",),
    "share": ("target", "whole"),
}


def names(kind: str) -> dict[str, str]:
    """Slot → the expression type the rule language sees (a reading is one number)."""
    return {slot: ("num" if t == "readings" else t) for slot, t in KINDS[kind].items()}


def environments(rule, doc, by_id: dict):
    """(relation, [env per reading]) for every relation the rule applies to."""
    spec = KINDS[rule.relation]
    for relation in doc.relations:
        if relation.kind != rule.relation:
            continue
        if rule.modes and (relation.mode or "") not in rule.modes:
            continue
        if rule.certain_only and not relation.certain:
            continue
        if not relation.certain and rule.uncertain == "ignore":
            continue
        slots: dict[str, list] = {}
        for member in relation.members:
            q = by_id.get(member.quantity)
            if q is not None:
                slots.setdefault(member.slot, []).append(q)
        base = {}
        readings: list[tuple[str, list]] = []
        for slot, kind in spec.items():
            got = slots.get(slot)
            if not got:
                continue
            if kind == "list":
                base[slot] = got
            elif kind == "readings":
                readings.append((slot, got))
            else:
                base[slot] = got[0]
        envs = []
        for combo in product(*[[(slot, q) for q in qs] for slot, qs in readings]):
            env = dict(base)
            env.update(combo)
            envs.append(env)
        yield relation, envs or [base]
