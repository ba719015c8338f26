"""Lines of the decoded text, and offsets → line/column.

LF, CRLF and CR all end a line: the text keeps its own line ends, so an offset found by any
later stage indexes what the user sees in their file.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from ..compiled import compile_re


def newline_style(text: str) -> str | None:
    crlf = text.count("\r\n")
    cr = text.count("\r") - crlf
    lf = text.count("\n") - crlf
    kinds = [k for k, n in (("\r\n", crlf), ("\r", cr), ("\n", lf)) if n]
    if not kinds:
        return None
    return kinds[0] if len(kinds) == 1 else "mixed"


_LINE_END = compile_re(r"\r\n|\r|\n")
_LF = compile_re("\n")
_match_end = re.Match.end


def _line_ends(text: str) -> re.Pattern:
    """What ends a line of ``text``: in a text without CR, only LF, and the search for one
    literal character runs through the text in a tight loop where an alternation checks a
    character set at every position (a tenth of the instructions)."""
    return _LINE_END if "\r" in text else _LF


def iter_lines(text: str):
    """Yield (start, end) of each line's content, without its line end (LF, CRLF or CR)."""
    pos = 0
    for m in _line_ends(text).finditer(text):
        yield pos, m.start()
        pos = m.end()
    if pos < len(text) or pos == 0:
        yield pos, len(text)


class LineIndex:
    """Offset → (1-based line, 1-based column), treating LF, CRLF and CR as line ends."""

    __slots__ = ("starts",)

    def __init__(self, text: str):
        # the starts iter_lines yields (0, then after every line end but one ending the
        # text), without a generator step per line
        n = len(text)
        self.starts = [0]
        self.starts += [e for e in map(_match_end, _line_ends(text).finditer(text)) if e < n]

    def line(self, offset: int) -> int:
        return bisect_right(self.starts, offset)

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect_right(self.starts, offset)
        return line, offset - self.starts[line - 1] + 1
