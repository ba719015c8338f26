"""The word lists of data/lexicon.yaml, compiled once: what numerals that are not amounts
look like (lexical words, names, identifiers, ordinals, dates, ranges)."""

from __future__ import annotations

import bisect
from functools import lru_cache

import regex

from ..data import load_yaml

NUMERAL_CHARS = "零〇一二三四五六七八九十百千万亿两"
_QUOTES = regex.compile(r"“([^“”\n]{1,16})”|\"([^\"\n]{1,16})\"|「([^「」\n]{1,16})」|《([^《》\n]{1,40})》")
_SEGMENT = regex.compile(r"[^+·、/ ]+")
_HAS_NUMERAL = regex.compile(rf"[{NUMERAL_CHARS}\d]")
_RANGE_JOIN = regex.compile(r"\s*(?:-|~|至|到)\s*")


@lru_cache(maxsize=1)
def _data() -> dict:
    return load_yaml("lexicon.yaml")


@lru_cache(maxsize=1)
def _lexical_pattern() -> regex.Pattern:
    words = sorted(set(_data()["lexical_words"]), key=len, reverse=True)
    return regex.compile("|".join(map(regex.escape, words)))


@lru_cache(maxsize=1)
def span_patterns() -> tuple[tuple[str, regex.Pattern], ...]:
    """(kind, pattern) pairs whose matches are non-quantity spans."""
    data = _data()
    names = data["names"]
    fixed = sorted(set(names["words"]), key=len, reverse=True)
    compiled = [("identifier", regex.compile(p)) for p in data["identifiers"]]
    compiled += [("date", regex.compile(p)) for p in data["dates"]]
    compiled += [("ordinal", regex.compile(p)) for p in data["ordinals"]]
    # a fixed name never starts or ends inside a numeral: 十一 (National Day) is not in 七十一
    compiled.append(("name", regex.compile(
        f"(?<![{NUMERAL_CHARS}\\d])(?:" + "|".join(map(regex.escape, fixed)) + f")(?![{NUMERAL_CHARS}])")))
    compiled += [("name", regex.compile(p)) for p in names["patterns"]]
    return tuple(compiled)


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
        if not join or a.form != "plain" or b.form != "plain":
            continue
        if a.magnitude and not b.magnitude:
            continue
        unit = match_unit(folded, b.end)
        end = unit.end if unit else b.end
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
