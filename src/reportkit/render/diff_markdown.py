"""``reportkit diff --format markdown``: tables a reviewer pastes into a memo."""

from __future__ import annotations

from ..diff.model import DiffResult
from .diff_common import base_text, claim_value, name, pct


def _cell(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _table(headers: list[str], rows: list[list[object]]) -> list[str]:
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return lines


def render(result: DiffResult) -> str:
    old, new = result.old, result.new
    s = result.summary()
    out = [f"# Diff: {old.meta.title or old.meta.path or 'OLD'} → {new.meta.title or new.meta.path or 'NEW'}", ""]
    out.append(
        f"{s['changed']} changed, {s['unchanged']} unchanged, {s['removed']} removed, {s['added']} added"
        + (f" ({s['hidden']} small changes hidden)" if s["hidden"] else "")
        + f"; targets: {s['targets_met']} met, {s['targets_missed']} missed, "
        f"{s['targets_unreported']} unreported; claims: {s['claims_consistent']} consistent, "
        f"{s['claims_inconsistent']} inconsistent."
    )
    if result.changed:
        out += ["", "## Changes", ""]
        out += _table(["Item", "Old", "New", "Change", "%", "Lines"],
                      [[name(old, p.old), p.old.text, p.new.text, p.change.note, pct(p.change.pct),
                        f"{p.old.line} → {p.new.line}"] for p in result.changed])
    if result.targets:
        out += ["", "## Targets", ""]
        out += _table(["Target", "Planned", "Actual", "Status", "Lines"],
                      [[name(old, t.target), t.target.text, t.actual.text if t.actual else "—",
                        t.status, f"{t.target.line} → {t.actual.line if t.actual else '—'}"]
                       for t in result.targets])
    if result.claims:
        out += ["", "## Claims", ""]
        out += _table(["Item", "Base (old)", "Now", "Stated", "Implied", "Status", "Line"],
                      [[name(new, c.level), base_text(c), c.level.text, c.claim.text, claim_value(c, c.implied),
                        c.status, c.claim.line] for c in result.claims])
    for title, items, doc in (("Removed", result.removed, old), ("Added", result.added, new)):
        if items:
            out += ["", f"## {title}", ""]
            out += _table(["Item", "Value", "Line"], [[name(doc, q), q.text, q.line] for q in items])
    moved = [x for x in result.sections if x.status != "kept"]
    if moved:
        out += ["", "## Sections", ""]
        out += _table(["Status", "Old", "New"],
                      [[x.status, x.old.title if x.old else "", x.new.title if x.new else ""] for x in moved])
    if result.unchanged:
        out += ["", "## Unchanged", ""]
        out += _table(["Item", "Value", "Lines"],
                      [[name(old, p.old), p.new.text, f"{p.old.line} → {p.new.line}"] for p in result.unchanged])
    return "\n".join(out) + "\n"
