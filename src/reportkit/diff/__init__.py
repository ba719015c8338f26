"""``diff(old, new)``: two reports compared quantity by quantity.

Alignment (align.py) pairs what measures the same thing; changes.py says by how much it moved;
targets.py holds OLD's plans against NEW's results; claims.py recomputes NEW's stated growths
from OLD's figures; structure.py compares the heading trees.
"""

from __future__ import annotations

from ..models import Document
from .align import DEFAULT_THRESHOLD, assign
from .changes import compute
from .claims import check_claims
from .features import features
from .model import DIFF_SCHEMA, ChangeFilter, ClaimCheck, DiffResult, Pair, SectionChange, TargetCheck
from .structure import compare_sections
from .targets import judge_targets

__all__ = ["diff", "DiffResult", "Pair", "TargetCheck", "ClaimCheck", "SectionChange",
           "DIFF_SCHEMA", "DEFAULT_THRESHOLD", "ChangeFilter"]


def diff(old: Document, new: Document, *, threshold: float = DEFAULT_THRESHOLD,
         tokenizer: str = "bigram", min_change_pct: float | None = None,
         only_changed: bool = False) -> DiffResult:
    """Compare two parsed reports.

    ``threshold`` is the least similarity for two quantities to be paired; ``tokenizer`` is
    ``bigram`` or ``jieba`` for label tokens. ``min_change_pct`` hides changed pairs whose
    relative change is smaller (counted in ``hidden``); ``only_changed`` drops unchanged pairs.
    """
    old_f, new_f = features(old, tokenizer), features(new, tokenizer)
    pairs = [Pair(old_f[i].quantity, new_f[j].quantity, round(s, 3),
                  compute(old_f[i].quantity, new_f[j].quantity))
             for i, j, s in assign(old_f, new_f, threshold=threshold)]
    matched_old = {p.old.id for p in pairs}
    matched_new = {p.new.id for p in pairs}
    targets = judge_targets(old, new, old_f, new_f)
    claims = check_claims(old, new, pairs, new_f, old_f)
    changed = [p for p in pairs if p.change.direction != "same"]
    unchanged = [p for p in pairs if p.change.direction == "same"]
    shown = [p for p in changed if ChangeFilter(min_change_pct).keeps(p)]
    return DiffResult(
        old=old,
        new=new,
        changed=tuple(sorted(shown, key=change_size, reverse=True)),
        unchanged=() if only_changed else tuple(unchanged),
        removed=tuple(q for q in old.quantities if q.id not in matched_old),
        added=tuple(q for q in new.quantities if q.id not in matched_new),
        targets=tuple(targets),
        claims=tuple(claims),
        sections=tuple(compare_sections(old, new, pairs)),
        hidden=len(changed) - len(shown),
    )


def change_size(p: Pair) -> tuple:
    """Biggest first: relative change where there is one, else percentage points (a rate
    moving 3 points ranks with a count moving 3 %); stable by OLD's position."""
    size = abs(p.change.pct) if p.change.pct is not None else abs(p.change.delta)
    return (size, -p.old.start)
