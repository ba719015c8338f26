"""``reportkit diff --format csv``: one row per finding, for a spreadsheet.

``record`` says which list a row comes from (changed, unchanged, removed, added, target,
claim, section); columns that do not apply stay empty.
"""

from __future__ import annotations

import csv
import io

from ..diff.model import DiffResult
from ..serialize import decimal_str
from .diff_common import bound, claim_value, name

COLUMNS = ["record", "status", "name", "old", "old_line", "new", "new_line", "delta", "unit",
           "pct", "note", "score"]


def render(result: DiffResult) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    old, new = result.old, result.new
    for record, pairs in (("changed", result.changed), ("unchanged", result.unchanged)):
        for p in pairs:
            c = p.change
            writer.writerow({
                "record": record, "status": c.direction, "name": name(old, p.old),
                "old": p.old.text, "old_line": p.old.line, "new": p.new.text, "new_line": p.new.line,
                "delta": decimal_str(c.delta), "unit": c.unit,
                "pct": "" if c.pct is None else decimal_str(c.pct), "note": c.note, "score": p.score,
            })
    for q in result.removed:
        writer.writerow({"record": "removed", "name": name(old, q), "old": q.text, "old_line": q.line})
    for q in result.added:
        writer.writerow({"record": "added", "name": name(new, q), "new": q.text, "new_line": q.line})
    for t in result.targets:
        writer.writerow({
            "record": "target", "status": t.status, "name": name(old, t.target),
            "old": t.target.text, "old_line": t.target.line,
            "new": t.actual.text if t.actual else "", "new_line": t.actual.line if t.actual else "",
            "note": f"{t.kind} {bound(t)}" if t.bound is not None else t.kind,
            "score": "" if t.score is None else t.score,
        })
    for c in result.claims:
        writer.writerow({
            "record": "claim", "status": c.status, "name": name(new, c.level),
            "old": c.base.text, "old_line": c.base.line, "new": c.claim.text, "new_line": c.claim.line,
            "note": f"{c.kind}: stated {claim_value(c, c.stated)}, implied {claim_value(c, c.implied)}",
        })
    for s in result.sections:
        writer.writerow({
            "record": "section", "status": s.status,
            "old": s.old.title if s.old else "", "old_line": s.old.line if s.old else "",
            "new": s.new.title if s.new else "", "new_line": s.new.line if s.new else "",
            "score": s.score,
        })
    return buf.getvalue()
