"""The word lists of data/lexicon.yaml, compiled once: what numerals that are not amounts
look like (lexical words, names, identifiers, ordinals, dates, ranges)."""

from __future__ import annotations

import bisect
import re
from functools import lru_cache

import regex

from ..compiled import compile_re, compile_regex
from ..data import load_yaml

NUMERAL_CHARS = "零〇一二三四五六七八九十百千万亿两"
# The regex module's \s, written out: the standard library's \s (and \d) differ from it on
# a few code points (str.isspace's \x1c-\x1f; another Unicode version), its engine is not.
SPACE_CLASS = "[\t\n\x0b\x0c\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"
# Plain patterns (no \s or \d as such), in the standard library's engine: it runs them about
# twice as fast as the regex module (a call costs less too), with the same matches.
_QUOTES = compile_re(r"“([^“”\n]{1,16})”|\"([^\"\n]{1,16})\"|「([^「」\n]{1,16})」|《([^《》\n]{1,40})》")
_SEGMENT = compile_re(r"[^+·、/ ]+")
_HAS_NUMERAL = compile_regex(rf"[{NUMERAL_CHARS}\d]")
# Between the numbers of a range: - ~ 至 到 (group 1), or 与 和 (20与30之间); one call a pair.
_JOIN = compile_re(rf"{SPACE_CLASS}*(?:([-~至到])|[与和]){SPACE_CLASS}*")
_BETWEEN_END = compile_re(rf"{SPACE_CLASS}*之?间")
_HAN = compile_regex(r"\p{Han}")



def longest_first(word: str) -> tuple[int, str]:
    """Sort key of an alternation's words: longer words first (so that the longest match
    wins), ties in code-point order (so that a pattern reads the same in every process)."""
    return -len(word), word


@lru_cache(maxsize=1)
def _data() -> dict:
    return load_yaml("lexicon.yaml")


@lru_cache(maxsize=1)
def _lexical_pattern() -> re.Pattern:
    """The lexical words as one pattern: the standard library's engine runs it over a whole
    document about 5× faster than the regex module. Written as a trie (一(?:以贯之|揽子|…)),
    not as a flat alternation: the engine tries an alternation's branches one by one at each
    position, and half the words start with 一. The matches are the same: the words that match
    at one position are prefixes of one another, and both forms take the longest of them."""
    return compile_re(word_trie(set(_data()["lexical_words"])))


def word_trie(words) -> str:
    """A pattern with the matches of the alternation of ``words`` longest first, written as
    a trie (办(?:理(?:完成)?|结) for 办理完成|办理|办结), for either engine: it tries one branch
    per character instead of every word at every position. Same matches, lookarounds after
    it included: the words that match at one position are prefixes of one another, and the
    trie tries them longest first (a greedy ? after the longer ones), as the alternation
    does; it backtracks to the next shorter one in the same order. Children are written in
    character order, so the pattern's text (a cache key) does not depend on set order."""
    trie: dict = {}
    for word in words:
        node = trie
        for c in word:
            node = node.setdefault(c, {})
        node[""] = {}  # a word ends here
    return _branches(trie)


def _branches(node: dict) -> str:
    parts = [re.escape(c) + _branches(node[c]) for c in sorted(node) if c]
    if not parts:
        return ""
    body = parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"
    return f"(?:{body})?" if "" in node else body


@lru_cache(maxsize=1)
def span_patterns() -> tuple[tuple[str, regex.Pattern], ...]:
    """(kind, pattern) pairs whose matches are non-quantity spans: each has ``finditer``
    giving objects with ``span()``, a compiled pattern or a faster equivalent of one."""
    data = _data()
    names = data["names"]
    compiled = [("identifier", _scanner(p)) for p in data["identifiers"]]
    compiled += [("date", _scanner(p)) for p in data["dates"]]
    compiled += [("ordinal", _scanner(p)) for p in data["ordinals"]]
    compiled += [("heading-number", _Windowed.wrap(compile_regex(p))) for p in data["list_markers"]]
    compiled.append(("name", _WordAlternation(names["words"])))
    compiled += [("name", _scanner(p)) for p in names["patterns"]]
    return tuple(compiled)


def _scanner(source: str):
    return _RunScanner.parse(source) or _AfterWords.parse(source) or _Windowed.wrap(compile_regex(source))


def _occurrences(text: str, word: str):
    """Every offset where ``word`` starts in ``text``, overlapping ones too."""
    at = text.find(word)
    while at != -1:
        yield at
        at = text.find(word, at + 1)


class _Found(tuple):
    """A match's (start, end), for the scanners below that find matches without a regex."""

    __slots__ = ()

    def span(self) -> tuple[int, int]:
        return self[0], self[1]


class _WordAlternation:
    """The alternation of the fixed names (``_fixed_name`` each), tried only where one of
    its words occurs: the regex module tries every branch's lookbehind at every position of
    the text, while ``str.find`` skips to the few places a word starts. Same matches as
    ``pattern.finditer``: every match starts where one of the words does, the scan goes left
    to right without overlaps, as finditer does, and at one start the first word in the
    alternation's order whose guards hold wins, as in the alternation. The guards are three
    small patterns compiled once, not once per word (the firm units are a long alternation)."""

    def __init__(self, words):
        self.words = tuple(sorted(set(words), key=longest_first))
        self._not_after_numeral = compile_regex(_NOT_AFTER_NUMERAL)
        self._not_before_numeral = compile_regex(_NOT_BEFORE_NUMERAL)
        self._pattern = None

    @property
    def pattern(self) -> regex.Pattern:
        """The plain alternation these matches equal (for tests; slow to compile)."""
        if self._pattern is None:
            self._pattern = compile_regex("|".join(map(_fixed_name, self.words)))
        return self._pattern

    def finditer(self, text: str):
        at_start: dict[int, list[str]] = {}
        for word in self.words:
            for at in _occurrences(text, word):
                at_start.setdefault(at, []).append(word)
        end = 0
        for at in sorted(at_start):
            if at < end:
                continue
            for word in at_start[at]:  # in the alternation's order, as found
                if self._guards_hold(text, at, word):
                    end = at + len(word)
                    yield _Found((at, end))
                    break

    def _guards_hold(self, text: str, at: int, word: str) -> bool:
        """The lookarounds ``_fixed_name`` puts around ``word``, at ``at``."""
        end = at + len(word)
        if word[0] in NUMERAL_CHARS and self._not_after_numeral.match(text, at) is None:
            return False
        if word[-1] in NUMERAL_CHARS and self._not_before_numeral.match(text, end) is None:
            return False
        if all(c in NUMERAL_CHARS for c in word):
            return _not_before_unit_pattern().match(text, end) is not None
        return True


class _RunScanner:
    """A pattern ``[\\p{Han}]{0,N}?[C]+S T``: an optional lazy prefix of up to N Han
    characters (华城一村), a run of the characters C (or one of them, without the +), a suffix
    S holding no C (a Han word, ``(?:w1|w2|…)`` or ``(?=w1|w2|…)`` of Han words) and a tail T
    with no alternation of its own. It is found from its core, a C right before a word of S,
    which the regex module searches for as fast as for the words (the plain pattern tries
    the run at every numeral of the text, and the lazy prefix at every position).

    Why the matches are the same as ``finditer``'s: S starts with no C, so the greedy run
    must stop at the end of a maximal run of C and S must follow there; whether it matches
    depends only on where the run ends (a "good" end e), and the match ends where S T
    matched at e. From the scan position pos, the leftmost start of a match ending at the
    first good e after pos is the lowest p ≥ pos such that only C lie between p and the
    run's start (or p is inside the run) and at most N Han characters (C among them) before
    it: the lazy prefix takes exactly those; no earlier good end is left (it would have
    matched first) and no start before p reaches this run. The scan goes on from the match's
    end, as finditer's does; a run wholly before it is passed over. Cores cannot overlap (a
    word holds no C), so none is missed. Linear: each core walks back over its own run only.
    """

    _SHAPE = compile_regex(r"(?:\[\\p\{Han\}\]\{0,(?P<prefix>\d)\}\?)?\[(?P<run>[^\]\\]+(?:\\d)?)\](?P<plus>\+?)"
                           r"(?P<suffix>\(\?[:=](?P<words>\p{Han}+(?:\|\p{Han}+)*)\)|(?P<word>\p{Han}+))(?P<tail>.*)",
                           regex.S)

    def __init__(self, shape, source: str):
        self.prefix = int(shape["prefix"] or 0)
        self.whole_run = bool(shape["plus"])
        self._run_char = compile_regex(f"[{shape['run']}]")
        self._core = compile_regex(f"(?<=[{shape['run']}])(?:{shape['words'] or shape['word']})")
        self._suffix = compile_regex(shape["suffix"] + shape["tail"])
        self._source = source
        self._pattern = None

    @classmethod
    def parse(cls, source: str) -> "_RunScanner | None":
        """The scanner for ``source`` if it has that shape; None to compile it as a pattern."""
        m = cls._SHAPE.fullmatch(source)
        if m is None or not _plain_tail(m["tail"]):
            return None
        run = m["run"].removesuffix("\\d")
        words = (m["words"] or m["word"]).replace("|", "")
        if not _HAN.fullmatch(run) or set(words) & set(run):
            return None
        if "\\d" in m["run"] and _DIGIT.search(words):
            return None
        return cls(m, source)

    @property
    def pattern(self) -> regex.Pattern:
        """The pattern these matches equal (for tests)."""
        if self._pattern is None:
            self._pattern = compile_regex(self._source)
        return self._pattern

    def finditer(self, text: str):
        pos = 0
        for core in self._core.finditer(text):
            e = core.start()  # where the run ends and the suffix starts
            if e - 1 < pos:
                continue
            suffix = self._suffix.match(text, e)
            if suffix is None:
                continue
            yield _Found((self._start(text, pos, e), suffix.end()))
            pos = suffix.end()

    def _start(self, text: str, pos: int, e: int) -> int:
        p = e - 1
        while self.whole_run and p > pos and self._run_char.match(text, p - 1):
            p -= 1
        for _ in range(self.prefix):
            if p <= pos or _HAN.match(text, p - 1) is None:
                break
            p -= 1
        return p


class _AfterWords:
    """A pattern ``(?<=w1|w2|…)REST`` whose lookbehind is an alternation of plain words
    (拨打, 排名, 过去): every match starts right after one of them, so the pattern is tried
    only there (``str.find``), in order, each try from the end of the last match, which is
    what finditer does. REST must have no alternation of its own (it would not need the
    words); an empty match falls back to ``finditer`` (whose steps past one differ)."""

    _WORD = r"(?:\\[^\w\s]|[^\\()\[\]|?*+{}.^$])+"  # plain or escaped characters
    _SHAPE = compile_regex(rf"\(\?<=(?P<words>{_WORD}(?:\|{_WORD})*)\)(?P<rest>.+)", regex.S)

    def __init__(self, words, pattern: regex.Pattern):
        self.words = tuple(words)
        self.pattern = pattern

    @classmethod
    def parse(cls, source: str) -> "_AfterWords | None":
        """The scanner for ``source`` if it has that shape; None to compile it as a pattern."""
        m = cls._SHAPE.fullmatch(source)
        if m is None or not _plain_tail(m["rest"]):
            return None
        words = [_ESCAPE.sub(r"\1", w) for w in m["words"].split("|")]
        return cls(words, compile_regex(source))

    def finditer(self, text: str):
        starts = set()
        for word in self.words:
            starts.update(at + len(word) for at in _occurrences(text, word))
        found, end = [], 0
        for at in sorted(starts):
            if at < end:
                continue
            m = self.pattern.match(text, at)
            if m is not None:
                if m.end() == at:
                    return self.pattern.finditer(text)
                found.append(m)
                end = m.end()
        return iter(found)


class _Windowed:
    """A pattern run only over the stretches of text that can hold one of its matches. Its
    characters C are every character its atoms can match (lookarounds' too), and it needs
    one of a few literal sets R (a match, or a positive lookaround's text, consumes one
    character of each). A match and every character the engine reads to find it lie in one
    maximal run of C, or on the character just after it: no atom can step over a character
    outside C. So the pattern is run, with ``pos``/``endpos``, over each run of C around the
    occurrences of a set that occurs sparsely, plus that one character (its lookbehinds see
    before ``pos``); a run without one holds no match. The matches are ``finditer``'s: the runs are disjoint,
    and the scan reaches each run's start with no match pending, as finditer's does.
    Patterns that can match empty, or use anchors, word boundaries, complements, flags or
    back-references are not wrapped (``wrap`` gives the pattern back)."""

    # A window costs a few calls; a full scan some nanoseconds a character: windows are used
    # only while a needed set occurs at most once in this many characters.
    SPARSE = 200

    def __init__(self, pattern: regex.Pattern, chars: str, required: list[frozenset[str]]):
        self.pattern = pattern
        self.required = [tuple(sorted(r)) for r in _fewest(required)]
        self._run = compile_regex(f"[{chars}]*")
        self._run_back = compile_regex(f"[{chars}]*", regex.REVERSE)

    @classmethod
    def wrap(cls, pattern: regex.Pattern):
        """``pattern`` scanned in windows, or ``pattern`` itself when it has no such reading."""
        if pattern.flags != _DEFAULT_FLAGS:
            return pattern
        shape = _PatternShape.of(pattern.pattern)
        if shape is None or shape.width == 0 or not shape.required or shape.leading_literal:
            return pattern  # (the regex module finds a leading literal faster than a count)
        return cls(pattern, shape.chars(), shape.required)

    def finditer(self, text: str):
        hits = self._sparse_hits(text)
        if hits is None:
            return self.pattern.finditer(text)
        found, end = [], 0
        for at in hits:
            if at < end:
                continue
            start = self._run_back.match(text, 0, at).start()
            end = self._run.match(text, at).end()
            found.extend(self.pattern.finditer(text, start, end + 1))
        return iter(found)

    def _sparse_hits(self, text: str):
        """The sorted offsets of the first needed set that occurs sparsely, else None."""
        budget = len(text) // self.SPARSE
        for chars in self.required:
            hits = _offsets_at_most(text, chars, budget)
            if hits is not None:
                return hits
        return None


def _offsets_at_most(text: str, chars, most: int) -> list[int] | None:
    """The sorted offsets of ``chars`` in ``text``, or None if there are more than ``most``
    (``str.find`` skips to each: a character that does not occur costs one fast scan)."""
    found: list[int] = []
    for char in chars:
        at = text.find(char)
        while at != -1:
            if len(found) == most:
                return None
            found.append(at)
            at = text.find(char, at + 1)
    if len(chars) > 1:
        found.sort()
    return found


_DEFAULT_FLAGS = regex.compile("").flags


def _fewest(sets: list[frozenset[str]], most: int = 3) -> list[frozenset[str]]:
    """The ``most`` smallest of ``sets`` that hold no other (a set that holds another occurs
    at least as often): each may be looked for in every text."""
    minimal = [s for s in set(sets) if not any(o < s for o in sets)]
    return sorted(minimal, key=lambda s: (len(s), sorted(s)))[:most]


class _PatternShape:
    """What ``_Windowed`` needs of a pattern: its atoms, the least width of a match and the
    literal sets a match needs; ``of`` gives None for a syntax it does not read."""

    _TOKEN = compile_regex(r"\\[pP]\{[^}]*\}|\\.|\[(?:\\.|[^\]\\])+\]|\[\]|\(\?(?:<=|<!|[:=!])|\(\?|"
                           r"\{\d+(?:,\d*)?\}[?+]?|[*+?][?+]?|.", regex.S)
    _CLASS_ITEM = compile_regex(r"\\[pP]\{[^}]*\}|\\.|.", regex.S)
    _CATEGORIES = frozenset(("\\d", "\\s", "\\w"))
    _CONTROLS = {"\\t": "\t", "\\n": "\n", "\\r": "\r", "\\f": "\f", "\\v": "\v"}
    _LARGEST_SET = 8  # looked for with str.find, one scan a character

    def __init__(self, tokens: list[str]):
        self._tokens = tokens
        self._at = 0
        self.literals: set[str] = set()
        self.leading_literal = False  # whether a match starts with one literal character
        self._depth = 0
        self._consumed = False  # whether an item of the outermost sequence consumed text
        self.categories: set[str] = set()
        self.ranges: set[tuple[str, str]] = set()

    @classmethod
    def of(cls, source: str) -> "_PatternShape | None":
        shape = cls(cls._TOKEN.findall(source))
        try:
            shape.width, shape.required = shape._alternation()
        except ValueError:
            return None
        return shape if shape._at == len(shape._tokens) else None

    def chars(self) -> str:
        """The character class body of every character an atom can match."""
        parts = sorted(self.categories)
        parts += sorted(f"{_in_class(a)}-{_in_class(b)}" for a, b in self.ranges)
        parts += sorted(map(_in_class, self.literals))
        return "".join(parts)

    def _next(self) -> str | None:
        if self._at < len(self._tokens):
            return self._tokens[self._at]
        return None

    def _alternation(self) -> tuple[int, list[frozenset[str]]]:
        """(least width, needed sets) of branches up to the closing bracket or the end."""
        branches = [self._sequence()]
        while self._next() == "|":
            self._at += 1
            branches.append(self._sequence())
        if len(branches) == 1:
            return branches[0]
        if self._depth == 0:
            self.leading_literal = False
        width = min(w for w, _ in branches)
        if not all(needed for _, needed in branches):
            return width, []
        # each branch needs its smallest set: the alternation needs one of their union
        return width, [frozenset().union(*(min(needed, key=len) for _, needed in branches))]

    def _sequence(self) -> tuple[int, list[frozenset[str]]]:
        width, needed = 0, []
        while self._next() not in (None, "|", ")"):
            w, n = self._item()
            width += w
            needed += n
        return width, needed

    def _item(self) -> tuple[int, list[frozenset[str]]]:
        token = self._tokens[self._at]
        self._at += 1
        group = token in ("(", "(?:", "(?=", "(?!", "(?<=", "(?<!")
        if group:
            self._depth += 1
            width, needed = self._alternation()
            self._depth -= 1
            if self._next() != ")":
                raise ValueError("unclosed group")
            self._at += 1
            if token in ("(?=", "(?<="):  # read text of the same run, not consumed
                width = 0
            elif token in ("(?!", "(?<!"):
                width, needed = 0, []
        else:
            width, needed = 1, self._atom(token)
        least = self._repeat()
        if self._depth == 0 and not self._consumed and width:
            literal = not group and not token.startswith("[") and bool(needed)  # nor a category
            self.leading_literal = least > 0 and literal
        if self._depth == 0 and width:
            self._consumed = True
        if least == 0:
            return 0, []
        return width * least, needed

    def _repeat(self) -> int:
        """The least count of the quantifier that follows (1 without one)."""
        token = self._next()
        if token is None or token[0] not in "*+?{":
            return 1
        self._at += 1
        if token[0] == "{":
            return int(token[1:].split(",")[0].rstrip("}?+"))
        return 1 if token[0] == "+" else 0

    def _atom(self, token: str) -> list[frozenset[str]]:
        """Record what ``token`` matches; the literal set it needs, if small."""
        if token.startswith("["):
            return self._class(token[1:-1])
        if token in self._CATEGORIES or token.startswith("\\p{"):
            self.categories.add(token)
            return []
        char = self._literal(token)
        self.literals.add(char)
        return [frozenset(char)]

    def _literal(self, token: str) -> str:
        if len(token) == 1 and token not in "()|*+?{}[].^$\\":
            return token
        if token in self._CONTROLS:
            return self._CONTROLS[token]
        if len(token) == 2 and token[0] == "\\" and not token[1].isalnum():
            return token[1]
        raise ValueError(f"unread token {token}")

    def _class_char(self, item: str) -> str:
        """The character a class item stands for (only an escape is special there)."""
        return item if len(item) == 1 else self._literal(item)

    def _class(self, body: str) -> list[frozenset[str]]:
        """Record what the class ``[body]`` matches; its set of characters, if small."""
        items = self._CLASS_ITEM.findall(body)
        if not items or items[0] == "^" or "[" in items:
            raise ValueError("a complement or a nested class")
        chars, countable, k = set(), True, 0
        while k < len(items):
            if items[k] in self._CATEGORIES or items[k].startswith("\\p{"):
                self.categories.add(items[k])
                countable, k = False, k + 1
            elif k + 2 < len(items) and items[k + 1] == "-":
                low, high = self._class_char(items[k]), self._class_char(items[k + 2])
                if low > high:
                    raise ValueError("an empty range")
                self.ranges.add((low, high))
                if ord(high) - ord(low) < self._LARGEST_SET:
                    chars.update(map(chr, range(ord(low), ord(high) + 1)))
                else:
                    countable = False
                k += 3
            else:
                chars.add(self._class_char(items[k]))
                k += 1
        self.literals |= chars
        if not countable or len(chars) > self._LARGEST_SET:
            return []
        return [frozenset(chars)]


def _in_class(char: str) -> str:
    """``char`` written to stand for itself inside a character class."""
    return "\\" + char if char in "\\]^-[" else char


# Read once at start-up, some three hundred times: compiled, not looked up in regex's cache
_HAN, _DIGIT, _ESCAPE = compile_regex(r"\p{Han}+"), compile_regex(r"\d"), compile_regex(r"\\(.)")
_BACK_REFERENCES = frozenset("123456789gk")  # \1 … \9, \g<name>, \k<name>
_TAIL_TOKEN = compile_regex(r"\\.|\[\^?\]?(?:\\.|[^\]\\])*\]|.", regex.S)


def _plain_tail(tail: str) -> bool:
    """Whether ``tail`` is a pattern without a top-level alternation (which would bind to
    the whole pattern) or a back-reference (to a group of the part scanned otherwise)."""
    try:
        compile_regex(tail)
    except regex.error:
        return False
    depth = 0
    for token in _TAIL_TOKEN.findall(tail):
        if token == "|" and depth == 0 or token[:1] == "\\" and token[1:2] in _BACK_REFERENCES:
            return False
        depth += (token == "(") - (token == ")")
    return "(?P=" not in tail  # a named back-reference spans tokens


@lru_cache(maxsize=1)
def _firm_units() -> str:
    """Every listed unit that is no part of a word (weak ones aside: 十一期间 is a holiday)."""
    from .units import units

    firm = sorted((u for u, info in units().items() if not info.weak), key=len, reverse=True)
    return "|".join(map(regex.escape, firm))


# A numeral continues across blanks and one line break (a PDF text layer's: 一百五\n十二户),
# so a name that touches a numeral across them is a part of that numeral (十一\n万件).
_GAP = "[ \\t\\r\\n]{0,3}"
_NOT_AFTER_NUMERAL = f"(?<![{NUMERAL_CHARS}\\d]{_GAP})"
_NOT_BEFORE_NUMERAL = f"(?!{_GAP}[{NUMERAL_CHARS}])"


def _not_before_unit() -> str:
    return f"(?![ \\t]{{0,3}}(?:{_firm_units()}))"


@lru_cache(maxsize=1)
def _not_before_unit_pattern() -> regex.Pattern:
    return compile_regex(_not_before_unit())


def _fixed_name(word: str) -> str:
    """A fixed name never starts or ends inside a numeral, spaced ones included (十一, National
    Day, is not in 七十一 nor in 二百一 十一);
    a name that ends in another character may be followed by one (长三角一流)."""
    before = _NOT_AFTER_NUMERAL if word[0] in NUMERAL_CHARS else ""
    after = _NOT_BEFORE_NUMERAL if word[-1] in NUMERAL_CHARS else ""
    if all(c in NUMERAL_CHARS for c in word):  # 十一件 is eleven items, not National Day
        after += _not_before_unit()
    return before + regex.escape(word) + after


@lru_cache(maxsize=1)
def _date_pattern() -> regex.Pattern:
    return compile_regex("|".join(f"(?:{p})" for p in _data()["dates"]))


@lru_cache(maxsize=None)
def word_pattern(name: str) -> regex.Pattern:
    """money_words, target_words, target_headings, cumulative_words."""
    return compile_regex(_data()[name])


@lru_cache(maxsize=1)
def article_classifiers() -> frozenset[str]:
    return frozenset(_data()["article_classifiers"])


def one_is_a_count(folded: str, start: int) -> bool:
    """一 + classifier right after a word of ``one_after`` (选择一项) counts one thing."""
    m = _one_after().search(folded, max(0, start - 4), start)
    return m is not None


@lru_cache(maxsize=1)
def _one_after() -> regex.Pattern:
    return compile_regex(f"(?:{_data()['one_after']})$")


@lru_cache(maxsize=1)
def _row_number_patterns() -> tuple[regex.Pattern, regex.Pattern]:
    headers = "|".join(map(regex.escape, _data()["row_number_headers"]))
    return (compile_regex(rf"(?m)^[ \t]*(?:{headers})[ \t]*\|"),
            compile_regex(r"(?m)^[ \t]*(\d{1,4})[ \t]*\|"))


def table_row_numbers(folded: str):
    """(start, end) of each row number of a `|` table headed 序号 | … (91 | 持续开展… |):
    the rows are the lines with a `|` that follow the header without a line lacking one."""
    header, row = _row_number_patterns()
    for h in header.finditer(folded):
        pos = folded.find("\n", h.end())
        while pos != -1:
            line_end = folded.find("\n", pos + 1)
            line_end = len(folded) if line_end == -1 else line_end
            if "|" not in folded[pos + 1:line_end]:
                break
            m = row.match(folded, pos + 1, line_end)
            if m:
                yield m.start(1), m.end(1)
            pos = line_end if line_end < len(folded) else -1


def lexical_spans(folded: str) -> list[tuple[int, int]]:
    return [m.span() for m in _lexical_pattern().finditer(folded)]


def drop_lexical(folded: str, tokens: list, spans: list[tuple[int, int]]) -> list:
    """Remove numeral tokens that are wholly inside a lexical word (统一, 一以贯之, 进一步);
    ``spans`` are the lexical words of ``folded`` (``lexical_spans``)."""
    if not spans:
        return tokens
    kept, k = [], 0
    for t in tokens:
        while k < len(spans) and spans[k][1] <= t.start:
            k += 1
        if k < len(spans) and spans[k][0] <= t.start and t.end <= spans[k][1]:
            continue
        kept.append(t)
    return kept


def quoted_names(folded: str, lexical: list[tuple[int, int]]):
    """Numerals inside a short quotation or a title are names: “五大行动”, “一老一幼”,
    《中国制造2025》 (dates inside a title stay dates: they take precedence).

    A quotation with parts joined by + · 、 gives one name per part (“一个引领+五大提升”).
    """
    lexical_starts = [a for a, _ in lexical]  # sorted and disjoint: finditer's matches
    for m in _QUOTES.finditer(folded):
        group = m.lastindex  # the one group that took part: each branch has one
        quoted = m.group(group)
        if _HAS_NUMERAL.search(quoted) is None:
            continue  # most quotations: no numeral in any part
        base = m.start(group)
        for seg in _SEGMENT.finditer(quoted):
            s, e = base + seg.start(), base + seg.end()
            numerals = [s + x.start() for x in _HAS_NUMERAL.finditer(seg.group())]
            if not numerals:
                continue
            if all(_inside(p, lexical, lexical_starts) for p in numerals):
                continue
            yield s, e, "numeral inside a quoted name"


def _inside(offset: int, spans: list[tuple[int, int]], starts: list[int]) -> bool:
    """Whether ``offset`` lies in one of the sorted, disjoint ``spans`` (by bisection: a
    document's lexical words are many, its quoted names too)."""
    k = bisect.bisect_right(starts, offset) - 1
    return k >= 0 and offset < spans[k][1]


def ranges(folded: str, tokens: list):
    """Two numbers of one script joined by - ~ 至 到 (5-9层, 20至30人, 3—5年)."""
    from .units import match_unit

    for a, b in zip(tokens, tokens[1:]):
        if a.script != b.script and "mixed" not in (a.script, b.script):
            continue
        # the cheap tests first: most pairs are not plain or touch (no joining word between)
        if a.form != "plain" or b.form != "plain" or a.end == b.start:
            continue
        join = _JOIN.fullmatch(folded, a.end, b.start)
        if join is None:
            continue
        between = join.group(1) is None
        if a.magnitude and not b.magnitude:
            continue
        unit = match_unit(folded, b.end)
        end = unit.end if unit else b.end
        if between:  # 3家和4家 are two amounts; 20与30之间 (20与30间) is a range
            if _BETWEEN_END.match(folded, b.end):
                end = b.end
            elif not _BETWEEN_END.match(folded, end):
                continue
        yield a.start, end


def looks_like_date(span_text: str, folded: str, end: int) -> bool:
    return bool(_date_pattern().fullmatch(span_text)) or folded.startswith(("年", "月", "日"), end)


def trailing_unit(text: str, span, inside: list) -> str:
    if not inside:
        return ""
    tail = text[inside[-1].end:span.end]
    if span.kind == "range":
        return tail.strip()
    if span.kind == "date" and tail[:1] in ("年", "月", "日"):
        return tail[:1]
    return ""
