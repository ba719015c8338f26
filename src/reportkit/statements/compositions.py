"""Compositions written as ratios of shares: 三次产业比重调整为1.3:23.2:75.5 — the parts of one
whole in per cent, which add up to 100 (within the rounding of each part as written). A ratio
of two things (城乡居民收入倍差1.56:1) is no composition: only three or more parts, after a
phrase that names shares (比重, 结构, 构成, 占比)."""

from __future__ import annotations

from ..compiled import compile_regex
from .view import View

_SHARES = compile_regex(r"比重|结构|构成|占比|比例")


def find(view: View, out) -> None:
    for sentence in view.numbered:
        run: list = []
        for q in view.quantities_in(sentence) + [None]:
            if q is not None and q.dimension == "number" and not q.unit and (
                    not run or view.folded[run[-1].end:q.start] == ":"):
                run.append(q)
                continue
            if len(run) >= 3 and _SHARES.search(view.phrase(run[0])):
                out.add("composition", [("part", p) for p in run], cue=":",
                        start=run[0].start, end=run[-1].end)
            run = [q] if q is not None and q.dimension == "number" and not q.unit else []
