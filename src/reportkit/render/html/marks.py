"""Escaped text with two layers of marks: quantities (outer, one element each) and character
changes (inner, split wherever an outer mark begins or ends, so the elements always nest)."""

from __future__ import annotations

from .page import esc

# (start, end, opening tag, closing tag), offsets into the whole text
Mark = tuple[int, int, str, str]


def non_overlapping(marks: list[Mark], lo: int, hi: int) -> list[Mark]:
    """Marks clipped to [lo, hi), in order; a mark that overlaps an earlier one is dropped."""
    kept: list[Mark] = []
    end = lo
    for start, stop, opening, closing in sorted(marks, key=lambda m: (m[0], -m[1])):
        start, stop = max(start, lo), min(stop, hi)
        if start < end or stop <= start:
            continue
        kept.append((start, stop, opening, closing))
        end = stop
    return kept


def render(text: str, lo: int, hi: int, outer: list[Mark] = (), inner: list[Mark] = ()) -> str:
    """``text[lo:hi]`` as HTML with the marks applied."""
    outer = non_overlapping(list(outer), lo, hi)
    inner = non_overlapping(list(inner), lo, hi)
    cuts = sorted({lo, hi, *(x for m in outer for x in m[:2]), *(x for m in inner for x in m[:2])})
    out: list[str] = []
    o = i = 0
    current = None  # the outer mark now open
    for a, b in zip(cuts, cuts[1:]):
        while o < len(outer) and outer[o][1] <= a:
            o += 1
        while i < len(inner) and inner[i][1] <= a:
            i += 1
        here = outer[o] if o < len(outer) and outer[o][0] <= a else None
        if here is not current:
            if current is not None:
                out.append(current[3])
            if here is not None:
                out.append(here[2])
            current = here
        piece = esc(text[a:b])
        if i < len(inner) and inner[i][0] <= a:
            piece = inner[i][2] + piece + inner[i][3]
        out.append(piece)
    if current is not None:
        out.append(current[3])
    return "".join(out)
