"""Sentences and clauses inside a paragraph, with exact offsets.

Sentences end at 。！？；; !? and …… — never inside quotes “…” ‘…’ 《…》 or brackets. Clauses
split a sentence at ，, 、 and ：: at the same depth; a comma or colon between two digits
(1,234 / 10:30) belongs to a number, not to the clause structure.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

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
_SENTENCE_EVENTS = re.compile(
    "[" + re.escape("".join(OPENERS) + "".join(CLOSERS) + "".join(SENTENCE_ENDS)) + "]|……")
_CLAUSE_EVENTS = re.compile(
    "[" + re.escape("".join(OPENERS) + "".join(CLOSERS) + "".join(CLAUSE_BREAKS)) + "]")


_BLANK = frozenset(SPACE | {"\r", "\n"})
_NUMBER_MARKS = frozenset(",:，：")


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
    # the sentence's own end mark is not part of its last clause
    stop = end
    while stop > seg and (text[stop - 1] in SENTENCE_ENDS or text[stop - 1] == "…"):
        stop -= 1
    s, e = _trim(text, seg, stop)
    if e > s:
        spans.append((s, e))
    return spans
