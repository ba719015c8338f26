"""The word lists of data/lexicon.yaml, compiled once: what numerals that are not amounts
look like (lexical words, names, identifiers, ordinals, dates, ranges)."""

from __future__ import annotations

import bisect
import re
from functools import lru_cache

import regex

from ..data import load_yaml

NUMERAL_CHARS = "零〇一二三四五六七八九十百千万亿两"
_QUOTES = regex.compile(r"“([^“”\n]{1,16})”|\"([^\"\n]{1,16})\"|「([^「」\n]{1,16})」|《([^《》\n]{1,40})》")
_SEGMENT = regex.compile(r"[^+·、/ ]+")
_HAS_NUMERAL = regex.compile(rf"[{NUMERAL_CHARS}\d]")
_RANGE_JOIN = regex.compile(r"\s*(?:-|~|至|到)\s*")
_BETWEEN_JOIN = regex.compile(r"\s*(?:与|和)\s*")
_BETWEEN_END = regex.compile(r"\s*之?间")


@lru_cache(maxsize=1)
def _data() -> dict:
    return load_yaml("lexicon.yaml")


@lru_cache(maxsize=1)
def _lexical_pattern() -> re.Pattern:
    """An alternation of plain words, longest first: the standard library's engine runs it
    over a whole document about 5× faster than the regex module, with the same matches (a
    literal alternation is leftmost-first in both)."""
    words = sorted(set(_data()["lexical_words"]), key=len, reverse=True)
    return re.compile("|".join(map(re.escape, words)))


@lru_cache(maxsize=1)
def span_patterns() -> tuple[tuple[str, regex.Pattern], ...]:
    """(kind, pattern) pairs whose matches are non-quantity spans."""
    data = _data()
    names = data["names"]
    fixed = sorted(set(names["words"]), key=len, reverse=True)
    compiled = [("identifier", regex.compile(p)) for p in data["identifiers"]]
    compiled += [("date", regex.compile(p)) for p in data["dates"]]
    compiled += [("ordinal", regex.compile(p)) for p in data["ordinals"]]
    compiled += [("heading-number", regex.compile(p)) for p in data["list_markers"]]
    compiled.append(("name", _WordAlternation(fixed, regex.compile("|".join(map(_fixed_name, fixed))))))
    compiled += [("name", regex.compile(p)) for p in names["patterns"]]
    return tuple(compiled)


class _WordAlternation:
    """An alternation of fixed words (with lookarounds) that is tried only where one of its
    words occurs: the regex module tries every branch's lookbehind at every position of the
    text, while ``str.find`` skips to the few places a word starts. Same matches as
    ``pattern.finditer``: every match starts where one of the words does, and the scan goes
    left to right without overlaps, as finditer does."""

    __slots__ = ("words", "pattern")

    def __init__(self, words, pattern: regex.Pattern):
        self.words = tuple(words)
        self.pattern = pattern

    def finditer(self, text: str):
        starts = set()
        for word in self.words:
            at = text.find(word)
            while at != -1:
                starts.add(at)
                at = text.find(word, at + 1)
        end = 0
        match = self.pattern.match
        for at in sorted(starts):
            if at < end:
                continue
            m = match(text, at)
            if m is not None:
                end = m.end()
                yield m


@lru_cache(maxsize=1)
def _firm_units() -> str:
    """Every listed unit that is no part of a word (weak ones aside: 十一期间 is a holiday)."""
    from .units import units

    firm = sorted((u for u, info in units().items() if not info.weak), key=len, reverse=True)
    return "|".join(map(regex.escape, firm))


def _fixed_name(word: str) -> str:
    """A fixed name never starts or ends inside a numeral, spaced ones included (十一, National
    Day, is not in 七十一 nor in 二百一 十一);
    a name that ends in another character may be followed by one (长三角一流)."""
    before = f"(?<![{NUMERAL_CHARS}\\d][ \\t]{{0,3}})" if word[0] in NUMERAL_CHARS else ""
    after = f"(?![ \\t]{{0,3}}[{NUMERAL_CHARS}])" if word[-1] in NUMERAL_CHARS else ""
    if all(c in NUMERAL_CHARS for c in word):  # 十一件 is eleven items, not National Day
        after += f"(?![ \\t]{{0,3}}(?:{_firm_units()}))"
    return before + regex.escape(word) + after


@lru_cache(maxsize=1)
def _date_pattern() -> regex.Pattern:
    return regex.compile("|".join(f"(?:{p})" for p in _data()["dates"]))


@lru_cache(maxsize=None)
def word_pattern(name: str) -> regex.Pattern:
    """money_words, target_words, target_headings, cumulative_words."""
    return regex.compile(_data()[name])


@lru_cache(maxsize=1)
def article_classifiers() -> frozenset[str]:
    return frozenset(_data()["article_classifiers"])


def one_is_a_count(folded: str, start: int) -> bool:
    """一 + classifier right after a word of ``one_after`` (选择一项) counts one thing."""
    m = _one_after().search(folded, max(0, start - 4), start)
    return m is not None


@lru_cache(maxsize=1)
def _one_after() -> regex.Pattern:
    return regex.compile(f"(?:{_data()['one_after']})$")


@lru_cache(maxsize=1)
def _row_number_patterns() -> tuple[regex.Pattern, regex.Pattern]:
    headers = "|".join(map(regex.escape, _data()["row_number_headers"]))
    return (regex.compile(rf"(?m)^[ \t]*(?:{headers})[ \t]*\|"),
            regex.compile(r"(?m)^[ \t]*(\d{1,4})[ \t]*\|"))


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
    return [(m.start(), m.end()) for m in _lexical_pattern().finditer(folded)]


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
        group = next(g for g in (1, 2, 3, 4) if m.group(g) is not None)
        base = m.start(group)
        for seg in _SEGMENT.finditer(m.group(group)):
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
        join = _RANGE_JOIN.fullmatch(folded, a.end, b.start)
        between = join is None and _BETWEEN_JOIN.fullmatch(folded, a.end, b.start)
        if not (join or between) or a.form != "plain" or b.form != "plain":
            continue
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
