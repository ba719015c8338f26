"""Page furniture and the disclosure header of reports copied from government websites.

Banner, navigation and footer lines are recognised anywhere; disclosure lines ("索引号 …",
"发布机构 …") only in the header, before the report's own text begins. The disclosure pairs
become document metadata with dates in ISO form.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..compiled import compile_re
from ..data import load_yaml
from ..models import FurnitureLine

# How far into a document a disclosure header may reach (in non-blank lines).
HEADER_LINES = 30

_DATE = compile_re(r"(?<!\d)(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})(?!\d)\s*日?")


@dataclass(frozen=True, slots=True)
class _Lexicon:
    line_patterns: tuple[tuple[str, re.Pattern], ...]
    line_pattern: re.Pattern | None  # the line patterns as one alternation, where it can be
    kinds: dict[str, str]  # the alternation's group name → its pattern's kind
    keys: dict[str, str | None]
    key_pattern: re.Pattern


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    data = load_yaml("furniture.yaml")
    patterns = tuple(
        (kind, compile_re(p)) for kind in ("banner", "navigation", "footer") for p in data[kind]
    )
    keys = dict(data["disclosure_keys"])
    alternatives = "|".join(sorted(map(re.escape, keys), key=len, reverse=True))
    line_pattern, kinds = _one_line_pattern(patterns)
    return _Lexicon(patterns, line_pattern, kinds, keys, compile_re(alternatives))


def _one_line_pattern(patterns) -> tuple[re.Pattern | None, dict[str, str]]:
    """The line patterns as one regex whose first matching alternative names the kind: one
    search a line instead of ten. Exact only when every pattern is anchored at the line's
    start (all of them then try the one position, in order) and none refers to its own
    groups by number or name; otherwise None, and the patterns are tried one by one."""
    sources = [p.pattern for _, p in patterns]
    if not all(s.startswith("^") for s in sources) or any(
            p.flags & re.MULTILINE or re.search(r"\\\d|\(\?P=", s)
            for (_, p), s in zip(patterns, sources)):
        return None, {}
    kinds = {f"_k{i}": kind for i, (kind, _) in enumerate(patterns)}
    try:
        one = compile_re("|".join(f"(?P<_k{i}>{s})" for i, s in enumerate(sources)))
    except re.error:  # a global inline flag, or a group name used twice
        return None, {}
    return one, kinds


def line_kind(folded_line: str) -> str | None:
    """The furniture kind of a line anywhere in a document, or None."""
    lex = _lexicon()
    if lex.line_pattern is not None:
        m = lex.line_pattern.match(folded_line)
        return lex.kinds[m.lastgroup] if m else None
    return _line_kind_one_by_one(lex, folded_line)


def _line_kind_one_by_one(lex: _Lexicon, folded_line: str) -> str | None:
    for kind, pattern in lex.line_patterns:
        if pattern.search(folded_line):
            return kind
    return None


def disclosure_pairs(folded_line: str) -> list[tuple[str, str]] | None:
    """Split a disclosure line into (key, value) pairs, or None if it is not one.

    "生成日期 2023-06-28 公开日期 2023-07-27 废止日期有效" →
    [("生成日期", "2023-06-28"), ("公开日期", "2023-07-27"), ("废止日期", "有效")]
    """
    stripped = folded_line.strip()
    lex = _lexicon()
    if not lex.key_pattern.match(stripped):
        return None
    hits = list(lex.key_pattern.finditer(stripped))
    pairs = []
    for i, hit in enumerate(hits):
        value_end = hits[i + 1].start() if i + 1 < len(hits) else len(stripped)
        value = stripped[hit.end():value_end].strip(" :\t")
        pairs.append((hit.group(), value))
    return pairs


def meta_field(key: str) -> str | None:
    return _lexicon().keys.get(key)


def iso_date(value: str) -> str | None:
    match = _DATE.search(value)
    if not match:
        return None
    year, month, day = (int(g) for g in match.groups())
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def furniture_line(kind: str, text: str, start: int, end: int, line: int) -> FurnitureLine:
    return FurnitureLine(kind=kind, text=text[start:end], start=start, end=end, line=line)
