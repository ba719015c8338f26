"""Character-level differences between two sentences (Chinese has no spaces: a word diff
would mark whole clauses). Bounded: sentences too long to compare quickly are not marked."""

from __future__ import annotations

from difflib import SequenceMatcher

MAX_CELLS = 1_000_000  # len(old) × len(new) above which no marks are drawn
CHANCE = 2  # an equal run this short between two longer edits is a coincidence


def changed_ranges(old: str, new: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]] | None:
    """Ranges of ``old`` deleted or replaced and of ``new`` inserted or replacing, or None
    when the pair is too long to compare."""
    if len(old) * len(new) > MAX_CELLS:
        return None
    gone, came = [], []
    for tag, a0, a1, b0, b1 in _semantic(SequenceMatcher(None, old, new, autojunk=False).get_opcodes()):
        if tag == "equal":
            continue
        if a1 > a0:
            gone.append((a0, a1))
        if b1 > b0:
            came.append((b0, b1))
    return gone, came


def _semantic(opcodes) -> list:
    """Fold a run of one or two equal characters between two edits into them (as diff-match-patch's
    semantic clean-up does): two unrelated clauses share a 的 or a 、 by chance, and marking
    that one character as kept makes the change unreadable."""
    ops = [list(op) for op in opcodes]
    size = lambda op: max(op[2] - op[1], op[4] - op[3])  # noqa: E731
    changed = True
    while changed:
        changed = False
        for i in range(1, len(ops) - 1):
            before, here, after = ops[i - 1], ops[i], ops[i + 1]
            if (here[0] == "equal" and size(here) <= CHANCE and before[0] != "equal" and after[0] != "equal"
                    and size(here) <= size(before) and size(here) <= size(after)):
                ops[i - 1:i + 2] = [["replace", before[1], after[2], before[3], after[4]]]
                changed = True
                break
    return ops
