"""``reportkit diff --format json``: schema reportkit.diff/1.

Every quantity is dumped with ``to_jsonable``, the same object ``parse --format json`` gives;
numbers of the diff itself are decimal strings, like the document's.
"""

from __future__ import annotations

import json

from ..diff.model import ClaimCheck, DiffResult, Pair, SectionChange, TargetCheck
from ..serialize import decimal_str, to_jsonable
from .diff_common import bound, claim_value


def render(result: DiffResult) -> str:
    data = {
        "schema": result.schema,
        "old": _source(result.old),
        "new": _source(result.new),
        "summary": result.summary(),
        "changed": [_pair(p) for p in result.changed],
        "unchanged": [_pair(p) for p in result.unchanged],
        "removed": [{"old": to_jsonable(q)} for q in result.removed],
        "added": [{"new": to_jsonable(q)} for q in result.added],
        "targets": [_target(t) for t in result.targets],
        "claims": [_claim(c) for c in result.claims],
        "sections": [_section(s) for s in result.sections],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _source(doc) -> dict:
    return {"path": doc.meta.path, "title": doc.meta.title}


def _dec(value):
    return None if value is None else decimal_str(value)


def _pair(p: Pair) -> dict:
    c = p.change
    return {
        "old": to_jsonable(p.old),
        "new": to_jsonable(p.new),
        "delta": _dec(c.delta),
        "pct": _dec(c.pct),
        "score": p.score,
        "unit": c.unit,
        "delta_low": _dec(c.low),
        "delta_high": _dec(c.high),
        "direction": c.direction,
        "certain": c.certain,
        "note": c.note,
    }


def _target(t: TargetCheck) -> dict:
    return {
        "target": to_jsonable(t.target),
        "actual": to_jsonable(t.actual),
        "status": t.status,
        "kind": t.kind,
        "bound": _dec(t.bound),
        "bound_shown": bound(t) or None,
        "certain": t.certain,
        "score": t.score,
    }


def _claim(c: ClaimCheck) -> dict:
    return {
        "claim": to_jsonable(c.claim),
        "base": to_jsonable(c.base),
        "level": to_jsonable(c.level),
        "kind": c.kind,
        "stated": _dec(c.stated),
        "implied": _dec(c.implied),
        "implied_low": _dec(c.low),
        "implied_high": _dec(c.high),
        "tolerance": _dec(c.tolerance),
        "stated_shown": claim_value(c, c.stated),
        "implied_shown": claim_value(c, c.implied),
        "status": c.status,
        "base_source": c.base_source,
    }


def _section(s: SectionChange) -> dict:
    return {"status": s.status, "old": to_jsonable(s.old), "new": to_jsonable(s.new), "score": s.score}
