"""Sentences and clauses inside a paragraph, with exact offsets.

Sentences end at 。！？；; !? and …… — never inside quotes “…” ‘…’ 《…》 or brackets. Clauses
split a sentence at ，, 、 and ：: at the same depth; a comma or colon between two digits
(1,234 / 10:30) belongs to a number, not to the clause structure.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..compiled import compile_re

OPENERS = {"“": "”", "‘": "’", "《": "》", "(": ")", "（": "）", "【": "】", "[": "]",
           "「": "」", "『": "』", "〔": "〕", "{": "}"}
CLOSERS = {v: k for k, v in OPENERS.items()}
SENTENCE_ENDS = frozenset("。！？；;!?")
CLAUSE_BREAKS = frozenset("，,、：:")
TRAILING = frozenset("”’）)】」』》")  # closing marks that belong to the sentence they end
SPACE = frozenset(" \t\u3000\u00a0\u200b\u200d\ufeff")
MAX_DEPTH = 8  # unbalanced quotes must not swallow a whole paragraph

# Only these characters change the splitter's state; the scan jumps from one to the next.
# Plain character sets: the standard library's engine finds them in fewer instructions than
# the regex module (the same matches: no Unicode property or lookaround involved).
_SENTENCE_EVENTS = compile_re(
    "[" + re.escape("".join(OPENERS) + "".join(CLOSERS) + "".join(sorted(SENTENCE_ENDS))) + "]|……")
_CLAUSE_EVENTS = compile_re(
    "[" + re.escape("".join(OPENERS) + "".join(CLOSERS) + "".join(sorted(CLAUSE_BREAKS))) + "]")


_BLANK = frozenset(SPACE | {"\r", "\n"})
_NUMBER_MARKS = frozenset(",:，：")

# Most sentences (93 % of a corpus) split into clauses by one regex, each match a clause
# trimmed of blanks. Not those with a bracket or quote (the scan counts their depth) or a
# number mark between digits (1,234 is one clause): _NEEDS_SCAN finds them. Next to a number
# mark, ``\d`` stands for str.isdigit only inside DIGIT_SAFE (², ① are digits to one, not to
# the other): a character outside it sends the sentence to the scan as well.
DIGIT_SAFE = "\x00-\xb1\u2000-\u206f\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef"
_BRACKETS = re.escape("".join(OPENERS) + "".join(CLOSERS))
_MARKS = re.escape("".join(sorted(_NUMBER_MARKS)))
_NEEDS_SCAN = compile_re(  # one leading class: the search skips to candidates in C
    f"[{_BRACKETS}{_MARKS}](?:(?<=[{_BRACKETS}])|(?<=\\d[{_MARKS}])(?=\\d)"
    f"|(?<=[^{DIGIT_SAFE}][{_MARKS}])|(?=[^{DIGIT_SAFE}]))")
_BREAKS = re.escape("".join(sorted(CLAUSE_BREAKS)))
_EDGE = f"[^{_BREAKS}{re.escape(''.join(sorted(_BLANK)))}]"
_CLAUSE = compile_re(f"{_EDGE}(?:[^{_BREAKS}]*{_EDGE})?")
_span = re.Match.span

# A paragraph where _NEEDS_SCAN finds nothing (three in four: no bracket, quote or number
# mark) has no depth to count, so one regex pass finds all its sentences and another all its
# clauses, instead of two calls a sentence. A sentence runs to the end of a run of end marks
# (split_sentences' reading: 。！？；;!? or ……, then any more of them and …); a lone … is prose.
_END = re.escape("".join(sorted(SENTENCE_ENDS)))
_RUN = f"(?:[{_END}]|……)[{_END}…]*"
_BLANKS = re.escape("".join(sorted(_BLANK)))
_PROSE = f"[^{_END}…]*(?:…(?!…)[^{_END}…]*)*"
_SENTENCE = compile_re(f"(?:[^{_BLANKS}{_END}…]|…(?!…)){_PROSE}(?:{_RUN})?|{_RUN}")
# _CLAUSE over a whole paragraph: no clause crosses a run, and its edges are those of the
# clause's sentence with the end marks cut off (split_clauses' ``stop``): a … is an edge only
# inside a sentence, neither part of a run nor before one.
_INNER = f"[^{_BREAKS}{_END}…]*(?:…(?!…)[^{_BREAKS}{_END}…]*)*"
_OUTER = f"(?:[^{_BREAKS}{_BLANKS}{_END}…]|(?<![{_END}…])…(?=[^{_END}…]))"
_PARAGRAPH_CLAUSE = compile_re(f"{_OUTER}(?:{_INNER}{_OUTER})?")
_RUN_MARKS = SENTENCE_ENDS | {"…"}
# Without a … (most paragraphs) the two readings above lose their … alternatives: a sentence
# is prose up to a run of end marks, a clause the runs of non-blanks (blanks between them)
# up to a break or end mark. Possessive, as no match backtracks into a run it has read; the
# engine does a third fewer steps a clause.
_NOT_CLAUSE = f"{_BREAKS}{_BLANKS}{_END}"
_PLAIN_SENTENCE = compile_re(f"[^{_BLANKS}{_END}][^{_END}]*+[{_END}]*+|[{_END}]++")
_PLAIN_CLAUSE = compile_re(f"[^{_NOT_CLAUSE}]++(?:[{_BLANKS}]++[^{_NOT_CLAUSE}]++)*+")
# Brackets are flat when every pair closes before any other bracket, break or end mark (as
# most do: 《…》 “…” （…）): then no depth ever holds a break or an end, and both splitters
# read them as prose. Each pair is tried at its opener only, so the test is linear.
_INSIDE = re.escape("".join(OPENERS) + "".join(CLOSERS) + "".join(sorted(CLAUSE_BREAKS))) + _END + "…"
_PAIRS = "|".join(f"{re.escape(o)}[^{_INSIDE}]*{re.escape(c)}" for o, c in OPENERS.items())
_FLAT = compile_re(f"[^{_BRACKETS}]*(?:(?:{_PAIRS})[^{_BRACKETS}]*)*")
_NUMBER_MARK = compile_re(  # _NEEDS_SCAN's number-mark half
    f"[{_MARKS}](?:(?<=\\d[{_MARKS}])(?=\\d)|(?<=[^{DIGIT_SAFE}][{_MARKS}])|(?=[^{DIGIT_SAFE}]))")


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    if start < end and text[start] not in _BLANK and text[end - 1] not in _BLANK:
        return start, end  # the usual case: nothing to trim
    while start < end and text[start] in _BLANK:
        start += 1
    while end > start and text[end - 1] in _BLANK:
        end -= 1
    return start, end


def split_sentences(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Yield (start, end) of each sentence in text[start:end], trimmed of white space."""
    stack: list[str] = []
    seg = start
    pos = start
    while True:
        event = _SENTENCE_EVENTS.search(text, pos, end)
        if event is None:
            break
        i = event.start()
        ch = text[i]
        pos = i + 1
        if ch in OPENERS and not (ch == "“" and stack and stack[-1] == "”"):
            if len(stack) < MAX_DEPTH:
                stack.append(OPENERS[ch])
        elif stack and ch == stack[-1]:
            stack.pop()
        elif ch in CLOSERS and ch in stack:  # a mismatched closer: unwind to its opener
            while stack and stack.pop() != ch:
                pass
        elif not stack and (ch in SENTENCE_ENDS or ch == "…"):
            j = i + (2 if ch == "…" else 1)
            while j < end and (text[j] in SENTENCE_ENDS or text[j] == "…"):
                j += 1
            while j < end and text[j] in TRAILING:
                j += 1
            s, e = _trim(text, seg, j)
            if e > s:
                yield s, e
            seg = pos = j
    s, e = _trim(text, seg, end)
    if e > s:
        yield s, e


def split_clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) of each clause of the sentence text[start:end] (delimiters excluded)."""
    # the sentence's own end mark is not part of its last clause
    stop = end
    while stop > start and (text[stop - 1] in SENTENCE_ENDS or text[stop - 1] == "…"):
        stop -= 1
    if _NEEDS_SCAN.search(text, start, end) is None:
        return [*map(_span, _CLAUSE.finditer(text, start, stop))]
    return scan_clauses(text, start, end, stop)


def scan_clauses(text: str, start: int, end: int, stop: int) -> list[tuple[int, int]]:
    """split_clauses event by event, counting brackets and quotes; ``stop``: where the
    sentence's end marks begin (a break comes before them, so they end the last clause)."""
    spans = []
    depth = 0
    seg = start
    for event in _CLAUSE_EVENTS.finditer(text, start, end):
        i = event.start()
        ch = text[i]
        if ch in OPENERS:
            depth += 1
        elif ch in CLOSERS:
            if depth:
                depth -= 1
        elif depth == 0:
            # 1,234 and １，２３４ are numbers, 10:30 a time: not clause breaks
            if ch in _NUMBER_MARKS and start < i < end - 1 and text[i - 1].isdigit() \
                    and text[i + 1].isdigit():
                continue
            s, e = _trim(text, seg, i)
            if e > s:
                spans.append((s, e))
            seg = i + 1
    s, e = _trim(text, seg, stop)
    if e > s:
        spans.append((s, e))
    return spans


def split_paragraph(text: str, start: int, end: int) -> tuple[list[tuple[int, int]],
                                                            list[tuple[int, int]]]:
    """The sentences of text[start:end] (as split_sentences gives them), and the clauses of
    them all (as split_clauses gives each sentence's) in document order."""
    first, last = _trim(text, start, end)
    flat = _NEEDS_SCAN.search(text, first, last) is None or (
        _NUMBER_MARK.search(text, first, last) is None and _FLAT.fullmatch(text, first, last))
    if flat and text.find("…", first, last) < 0:
        return ([*map(_span, _PLAIN_SENTENCE.finditer(text, first, last))],
                [*map(_span, _PLAIN_CLAUSE.finditer(text, first, last))])
    # the lookbehind of _OUTER sees before ``start``: a … there would read as a run's
    if flat and not (
            text.startswith("…", first, last) and first and text[first - 1] in _RUN_MARKS):
        return ([*map(_span, _SENTENCE.finditer(text, first, last))],
                [*map(_span, _PARAGRAPH_CLAUSE.finditer(text, first, last))])
    sentences = [*split_sentences(text, start, end)]
    clauses = []
    for s, e in sentences:
        clauses += split_clauses(text, s, e)
    return sentences, clauses
