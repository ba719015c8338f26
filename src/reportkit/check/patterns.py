"""Regular expressions from rule files, run in time linear in the text.

Rule files are input: a pull request can bring ``context: (理|理)+$``, which backtracks for
ever in Python's ``re`` on a long clause of 理. Every rule pattern is compiled here:

* into RE2 (``google-re2``) when it can be. RE2 matches in linear time whatever the pattern.
  Patterns are written in Python's syntax (plus ``\\p{Han}`` and other Unicode properties);
  where RE2 would read the same text differently it is translated first: ``\\d \\w \\s`` are
  Unicode in Python and ASCII in RE2, ``\\Z`` is RE2's ``\\z``, ``\\uXXXX`` its ``\\x{XXXX}``,
  ``{,n}`` its ``{0,n}``.
* otherwise (look-around, back-references, ``\\b``, atomic groups, counts over 1000 …) with
  the ``regex`` module, each match given :data:`MATCH_TIMEOUT` seconds and never more than what
  is left of the document's budget (:mod:`.budget`); one that runs out is an error naming the
  rule, the key and the document.
* a pattern that even compiling would make slow (``(a{1000}){1000}``) is refused at load time.

Offsets are ``str`` offsets, whatever the engine. RE2 is imported with the first pattern, not
with reportkit. Two differences from ``re`` remain in RE2: ``$`` matches only at the very end
(not before a final line break), and after an empty match ``finditer`` does not look for a
non-empty one at the same place (the engine ignores empty matches).
"""

from __future__ import annotations

import re
import warnings

from ..errors import ReportkitError
from . import budget

MATCH_TIMEOUT = 1.0  # seconds (of processor time, as the regex module counts) for one fallback match
MAX_SIZE = 20_000  # atoms once repetitions are expanded: the fallback compiles this in ~50 ms

# Python's \s for str patterns (str.isspace) and \w (str.isalnum or _), as RE2 class items.
_SPACE = r"\t-\r\x{1c}-\x{20}\x{85}\x{a0}\x{1680}\x{2000}-\x{200a}\x{2028}\x{2029}\x{202f}\x{205f}\x{3000}"
_WORD = r"\p{L}\p{N}_"
_OUTSIDE = {"d": r"\p{Nd}", "D": r"\P{Nd}", "s": f"[{_SPACE}]", "S": f"[^{_SPACE}]",
            "w": f"[{_WORD}]", "W": f"[^{_WORD}]", "Z": r"\z"}
_INSIDE = {"d": r"\p{Nd}", "D": r"\P{Nd}", "s": _SPACE, "w": _WORD, "b": r"\x{8}"}
_NOT_RE2 = {
    "b": r"\b (a word boundary: RE2's knows only ASCII)", "B": r"\B (a word boundary)",
    "N": r"\N{…}", "Q": r"\Q…\E", "C": r"\C", "W": r"\W in a character class", "S": r"\S in a character class",
}
_HEX = re.compile(r"[0-9A-Fa-f]+")
_REPEAT = re.compile(r"\{(\d*)(,?)(\d*)\}")
_OCTAL3 = re.compile(r"[0-3][0-7]{2}")
_GROUPS_NOT_RE2 = (("(?=", "a look-ahead (?=…)"), ("(?!", "a look-ahead (?!…)"),
                   ("(?<=", "a look-behind (?<=…)"), ("(?<!", "a look-behind (?<!…)"),
                   ("(?>", "an atomic group (?>…)"), ("(?(", "a conditional group (?(…)"))
MAX_RE2_COUNT = 1000  # RE2's limit; Python's is far higher

_re2 = None  # the module, False when it cannot be imported


class PatternError(ReportkitError):
    """A pattern that is invalid or cannot be made safe (the schema adds file, line and key)."""


class PatternTimeout(ReportkitError):
    """A fallback pattern ran past its time on one text."""


class _NotRE2(Exception):
    """Why a pattern must go to the fallback engine."""


class Hit:
    """A match: ``start()``, ``end()``, ``group()`` in str offsets of the searched text."""

    __slots__ = ("_start", "_end", "_text")

    def __init__(self, start: int, end: int, text: str):
        self._start, self._end, self._text = start, end, text

    def start(self) -> int:
        return self._start

    def end(self) -> int:
        return self._end

    def span(self) -> tuple[int, int]:
        return self._start, self._end

    def group(self, index: int = 0) -> str:
        if index != 0:
            raise IndexError("only the whole match is kept")
        return self._text

    def __repr__(self) -> str:
        return f"<Hit {self._start}:{self._end} {self._text!r}>"


class Pattern:
    """A compiled rule pattern: ``search``, ``match`` (at the start) and ``finditer``, with
    ``pos``/``endpos`` as in :mod:`re`. ``engine`` is ``"re2"`` or ``"regex"``; for the latter
    ``why`` says what RE2 lacks."""

    __slots__ = ("source", "where", "engine", "why", "_compiled")

    def __init__(self, source: str, where: str = ""):
        self.source, self.where = source, where
        self.engine, self.why, self._compiled = _compile(source)

    def __reduce__(self):  # RE2 objects do not pickle; the source does
        return Pattern, (self.source, self.where)

    def __eq__(self, other) -> bool:
        return isinstance(other, Pattern) and other.source == self.source

    def __hash__(self) -> int:
        return hash(self.source)

    def __repr__(self) -> str:
        return f"Pattern({self.source!r}, engine={self.engine!r})"

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> Hit | None:
        if self.engine == "re2":
            return self._compiled.first(text, pos, endpos, anchored=False)
        return self._timed(lambda t: _hit(self._compiled.search(text, pos, endpos, timeout=t)))

    def match(self, text: str) -> Hit | None:
        if self.engine == "re2":
            return self._compiled.first(text, 0, None, anchored=True)
        return self._timed(lambda t: _hit(self._compiled.match(text, timeout=t)))

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None):
        if self.engine == "re2":
            yield from self._compiled.scan(text, pos, endpos)
            return
        matches = self._timed(lambda t: self._compiled.finditer(text, pos, endpos, timeout=t))
        while True:
            m = self._timed(lambda t: next(matches, None))
            if m is None:
                return
            yield _hit(m)

    def _timed(self, run):
        left = budget.remaining()
        if left is not None and left <= 0:
            budget.expired()
        seconds = MATCH_TIMEOUT if left is None else min(MATCH_TIMEOUT, left)
        try:
            return run(seconds)
        except TimeoutError:
            if budget.remaining() is not None and budget.remaining() <= 0:
                budget.expired()
            doc = budget.current_path()
            raise PatternTimeout(
                f"{doc + ': ' if doc else ''}{self.where + ': ' if self.where else ''}the regular "
                f"expression took longer than {MATCH_TIMEOUT:g} s on one text, it backtracks too much "
                f"(it cannot run in RE2, which is linear, because of {self.why}); simplify it") from None


def _hit(m) -> Hit | None:
    return None if m is None else Hit(m.start(), m.end(), m.group())


class _RE2:
    """One RE2 program, called through the extension itself: the package's Python wrapper
    costs ~15 µs a search (match objects, every group's offsets), this ~2 µs, as ``re``.
    Only the whole match is kept (``never_capture``)."""

    __slots__ = ("_match",)
    _native = _unanchored = _anchored = None  # set with the first program

    def __init__(self, translated: str):
        native = _re2._re2
        if _RE2._native is None:  # pybind11 enum look-ups are slow: once
            _RE2._native = native
            _RE2._unanchored, _RE2._anchored = native.RE2.Anchor.UNANCHORED, native.RE2.Anchor.ANCHOR_START
        options = _re2.Options()
        options.log_errors = False  # RE2 would print a failed compile on stderr
        options.never_capture = True
        program = native.RE2(translated.encode("utf-8"), options)
        if not program.ok():
            raise _re2.error(program.error())
        self._match = program.Match

    def first(self, text: str, pos: int, endpos: int | None, *, anchored: bool) -> Hit | None:
        base, sub, start = _window(text, pos, endpos)
        data = sub.encode("utf-8")
        if len(data) == len(sub):  # ASCII: byte and str offsets are the same
            a, b = self._match(self._anchored if anchored else self._unanchored, data, start, len(data))[0]
            return None if a < 0 else Hit(base + a, base + b, sub[a:b])
        to_chars = self._native.BytesToCharLen
        at = self._native.CharLenToBytes(data, 0, start) if start else 0
        a, b = self._match(self._anchored if anchored else self._unanchored, data, at, len(data))[0]
        if a < 0:
            return None
        ca = to_chars(data, 0, a)
        cb = ca + to_chars(data, a, b)
        return Hit(base + ca, base + cb, sub[ca:cb])

    def scan(self, text: str, pos: int, endpos: int | None):
        """Every hit, left to right, as ``finditer`` gives them, in one pass over the text."""
        native = self._native
        base, sub, start = _window(text, pos, endpos)
        data = sub.encode("utf-8")
        ascii = len(data) == len(sub)
        at = start if ascii else native.CharLenToBytes(data, 0, start)
        last_byte = last_char = 0  # offsets decoded so far
        empty_at = -1  # where the last match was empty: not found twice (as in re)
        while at <= len(data):
            a, b = self._match(self._unanchored, data, at, len(data))[0]
            if a < 0:
                return
            if a == b == empty_at:
                if a >= len(data):
                    return
                at = a + (1 if ascii else native.CharLenToBytes(data, a, 1))
                continue
            empty_at = a if a == b else -1
            if ascii:
                ca, cb = a, b
            else:
                ca = last_char + native.BytesToCharLen(data, last_byte, a)
                cb = ca + native.BytesToCharLen(data, a, b)
                last_byte, last_char = b, cb
            yield Hit(base + ca, base + cb, sub[ca:cb])
            at = b


def _window(text: str, pos: int, endpos: int | None) -> tuple[int, str, int]:
    """The piece of ``text`` to give RE2, its offset, and where to start in it. RE2 reads
    UTF-8, so what it is given is encoded: a search of 10 characters of a 1 MB document must
    not hand it the document. One character before ``pos`` is kept, so that ``^`` and ``\\A``
    do not match at ``pos`` (they do not in :mod:`re` either)."""
    end = len(text) if endpos is None else max(0, min(endpos, len(text)))
    pos = max(0, min(pos, end))
    if pos == 0 and end == len(text):
        return 0, text, 0
    base = pos - 1 if pos > 0 else 0
    return base, text[base:end], pos - base


def _compile(source: str):
    global _re2
    if _re2 is None:
        try:
            import re2 as module

            module._re2.RE2.Anchor  # the extension's API this module calls
            _re2 = module
        except (ImportError, AttributeError):  # pragma: no cover - google-re2 is a dependency; still safe without it
            _re2 = False
    why = "the google-re2 package is not installed"
    if _re2:
        try:
            return "re2", "", _RE2(to_re2(source))
        except _NotRE2 as exc:
            why = str(exc)
        except _re2.error as exc:
            detail = exc.args[0] if exc.args else exc
            why = detail.decode("utf-8", "replace") if isinstance(detail, bytes) else str(detail)
            if "repetition" in why and "{" in why:  # RE2 multiplies nested counts
                why = f"counts over RE2's limit ({MAX_RE2_COUNT}, nested counts multiplied)"
    size = expanded_size(source)
    if size > MAX_SIZE:
        raise PatternError(
            f"the pattern is too large once its repetitions are counted out (over {MAX_SIZE:,} "
            f"characters) and cannot run in RE2 ({why}); use smaller counts")
    import regex

    try:
        return "regex", why, regex.compile(source, regex.V0)
    except regex.error as exc:
        try:  # Python's own message, where it has one, is the one users know
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # FutureWarning: possible nested set
                re.compile(source)
        except re.error as plain:
            exc = plain
        raise PatternError(f"invalid regular expression: {exc}") from None
    except (OverflowError, RecursionError, MemoryError):
        raise PatternError("the pattern is too large or too deeply nested") from None


def to_re2(source: str) -> str:
    """The pattern in RE2's syntax, meaning what it means in Python; :class:`_NotRE2` if
    RE2 cannot express it."""
    out: list[str] = []
    i, n = 0, len(source)
    in_class = False
    while i < n:
        c = source[i]
        if c == "\\":
            if i + 1 >= n:
                raise _NotRE2("a trailing backslash")
            e = source[i + 1]
            i += 2
            table = _INSIDE if in_class else _OUTSIDE
            if e in table:
                out.append(table[e])
            elif e in _NOT_RE2:
                raise _NotRE2(_NOT_RE2[e])
            elif e in "uU":
                width = 4 if e == "u" else 8
                digits = source[i:i + width]
                if len(digits) != width or not _HEX.fullmatch(digits):
                    raise _NotRE2(f"an incomplete \\{e} escape")
                out.append(f"\\x{{{digits}}}")
                i += width
            elif e.isdigit() and e != "0":
                if not _OCTAL3.match(source, i - 1):
                    raise _NotRE2(f"\\{e} (a back-reference)")
                out.append(source[i - 2:i + 2])
                i += 2
            elif ord(e) > 0x7F:
                out.append(e)  # \。 is 。 in Python; RE2 escapes only ASCII
            else:
                out.append("\\" + e)
            continue
        if in_class:
            if c == "]":
                in_class = False
            elif c == "[" and source.startswith("[:", i):
                raise _NotRE2("[: inside a class (Python reads it literally, RE2 as a POSIX class)")
            out.append(c)
            i += 1
            continue
        if c == "[":
            in_class = True
            out.append(c)
            i += 1
            if source.startswith("^", i):
                out.append("^")
                i += 1
            if source.startswith("]", i):  # a ] first in a class is a literal
                out.append(r"\]")
                i += 1
            continue
        if c == "(":
            for opener, what in _GROUPS_NOT_RE2:
                if source.startswith(opener, i):
                    raise _NotRE2(what)
        if c == "{":
            m = _REPEAT.match(source, i)
            if m and (m.group(1) or m.group(3)):
                if any(len(g) > 4 or int(g) > MAX_RE2_COUNT for g in (m.group(1), m.group(3)) if g):
                    raise _NotRE2(f"counts over RE2's limit ({MAX_RE2_COUNT}, nested counts multiplied)")
                if not m.group(1) and m.group(2):  # {,n} is {0,n} in Python
                    out.append(f"{{0,{m.group(3)}}}")
                    i = m.end()
                    continue
        out.append(c)
        i += 1
    return "".join(out)


def expanded_size(source: str) -> int:
    """An upper bound of the pattern's length with every counted repetition written out
    (``(ab){3}`` → 6): what compiling it in a backtracking engine costs."""
    frames = [[0, 0]]  # per open group: [size so far, size of the last atom]
    i, n = 0, len(source)

    def atom(size: int) -> None:
        frames[-1][0] += size
        frames[-1][1] = size

    while i < n:
        c = source[i]
        if c == "\\":
            i += 2
            if i < n and source[i] == "{" and source[i - 1] in "pPNx":
                close = source.find("}", i)
                i = n if close < 0 else close + 1
            atom(1)
        elif c == "[":
            i += 1
            if source.startswith("^", i):
                i += 1
            if source.startswith("]", i):
                i += 1
            while i < n and source[i] != "]":
                i += 2 if source[i] == "\\" else 1
            i += 1
            atom(1)
        elif c == "(":
            frames.append([0, 0])
            i += 1
        elif c == ")":
            size = frames.pop()[0] if len(frames) > 1 else 0
            atom(size)
            i += 1
        elif c == "{" and (m := _REPEAT.match(source, i)) and (m.group(1) or m.group(3)):
            counts = [g for g in (m.group(1), m.group(3)) if g]
            if any(len(g) > 9 for g in counts):
                return MAX_SIZE + 1
            factor = max(int(g) for g in counts)
            last = frames[-1][1]
            frames[-1][0] += last * (factor - 1)
            frames[-1][1] = last * factor
            if frames[-1][0] > MAX_SIZE:
                return frames[-1][0]
            i = m.end()
        else:
            if c not in "|*+?":
                atom(1)
            i += 1
    return sum(f[0] for f in frames)
