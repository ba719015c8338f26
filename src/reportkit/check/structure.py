"""Built-in structural checks: heading numbers that skip or repeat.

Headings are compared with their siblings: the headings with the same parent written in the
same marker style (一、二、 / (一)(二) / 1. 2. …), in document order. Each built-in check names
the placeholders its message template may use.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass


NAMES = {"marker": "text", "title": "text", "number": "text", "previous": "text", "expected": "text"}


@dataclass(frozen=True)
class Hit:
    start: int
    end: int
    values: dict  # placeholder → text


def _validate(raw, fail) -> dict:
    allowed = ("start",)
    for key in raw:
        if key not in allowed:
            fail(raw.lines.get(key, raw.line), f"unknown option {key!r} (allowed: {', '.join(allowed)})")
    start = raw.get("start", 1)
    if isinstance(start, bool) or not isinstance(start, int) or start < 0:
        fail(raw.line_of("start"), "'start' must be a whole number ≥ 0")
    return {"start": start}


def _siblings(doc):
    groups = defaultdict(list)
    for h in sorted(doc.headings, key=lambda h: h.start):
        groups[(h.parent, h.style)].append(h)
    return groups.values()


def _hit(h, previous, expected) -> Hit:
    end = h.start + len(h.marker) if h.marker else h.end
    return Hit(h.start, end, {
        "marker": h.marker.strip(), "title": h.title, "number": str(h.number),
        "previous": previous.marker.strip() if previous else "（无）", "expected": str(expected),
    })


def _walk(doc, options):
    """Yield ("skip" | "repeat", hit) for every heading that does not continue its siblings.

    A heading numbered like the first of a list (一、 after 五、) starts a new list rather than
    repeating: reports restart numbering for a new part. A heading that continues an earlier,
    still open list (三、 after a nested 一、…五、 that followed 二、) closes the nested one.
    """
    start = options["start"]
    for group in _siblings(doc):
        open_lists: list = []
        for h in group:
            if not open_lists:
                if h.number > start:
                    yield "skip", _hit(h, None, start)
                open_lists.append(h)
                continue
            for i in range(len(open_lists) - 1, -1, -1):
                if h.number == open_lists[i].number + 1:
                    del open_lists[i + 1:]
                    open_lists[i] = h
                    break
            else:
                last = open_lists[-1]
                if h.number == start:
                    open_lists.append(h)
                elif h.number > last.number + 1:
                    yield "skip", _hit(h, last, last.number + 1)
                    open_lists[-1] = h
                else:
                    yield "repeat", _hit(h, last, last.number + 1)


def _only(wanted: str):
    """The check that reports the ``wanted`` kind of :func:`_walk` hit."""
    def run(doc, options):
        return (hit for kind, hit in _walk(doc, options) if kind == wanted)
    return run


@dataclass(frozen=True)
class Builtin:
    names: dict
    validate: object
    run: object


BUILTINS = {
    "heading-skip": Builtin(NAMES, _validate, _only("skip")),
    "heading-repeat": Builtin(NAMES, _validate, _only("repeat")),
}


def _more_builtins() -> None:
    from .dates import BUILTINS as DATES

    BUILTINS.update(DATES)


_more_builtins()
