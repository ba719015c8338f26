"""Every numeral in a document → one Quantity or one NonQuantity record.

The numbers lexer (``numbers.scan_numbers``) finds numeral tokens; this module decides what
each one is. Spans that name, date or number things (heading markers, furniture, identifiers,
dates, ordinals, names, ranges) are found first, around the numerals; a token inside or
overlapping such a span belongs to that record. Every other token is read as an amount with its qualifier and
unit (``expressions.read_quantity``) and gets its label, verb and position.
Invariant: every ASCII digit of the text lies in exactly one record.
"""

from __future__ import annotations

import bisect
from dataclasses import replace

from . import lexicon
from .expressions import join_spaced_digits, read_quantity, split_digit_groups
from .labels import LabelFinder
from ..models import NonQuantity, Quantity, record
from .numerals import scan_numbers
from .units import first_characters
from ..text.lines import LineIndex
from ..text.structure import Structure

# Precedence when spans overlap: the earlier kind wins.
SPAN_ORDER = ("heading-number", "identifier", "date", "furniture", "ordinal", "name", "range")


@record  # a frozen dataclass, cheap to construct (a corpus pass makes some 15,000)
class _Span:
    start: int
    end: int
    kind: str
    reason: str


def extract(text: str, folded: str, index: LineIndex, structure: Structure):
    lexical = lexicon.lexical_spans(folded)
    tokens = join_spaced_digits(folded, lexicon.drop_lexical(folded, list(scan_numbers(folded)), lexical))
    spans = _special_spans(text, folded, structure, tokens, lexical)
    locator = _Locator(structure)
    labels = LabelFinder(text, folded, structure)
    quantities: list[Quantity] = []
    others: list[NonQuantity] = []
    starts = [s.start for s in spans]
    i = 0
    covered_until = -1
    while i < len(tokens):
        token = tokens[i]
        i += 1
        if token.start < covered_until:
            continue
        span = _span_at(spans, starts, token.start, token.end)
        if span is not None:
            # A span and a numeral that overlap become one record, so that no digit is in
            # two records or in none: -2024年3月, 1万1234L/2 (a number run into a code).
            start, end = min(span.start, token.start), span.end
            j = i - 1
            while j < len(tokens) and tokens[j].start < end:
                end = max(end, tokens[j].end)
                j += 1
            if (start, end) != (span.start, span.end):
                span = _Span(start, end, span.kind, span.reason)
            covered_until = span.end
            others.append(_non_quantity(text, index, locator, span, tokens[i - 1:j], len(others)))
            continue
        parts = None if _bare_word_numeral(folded, token) else read_quantity(folded, token)
        # only a token that the next one touches, or follows after one blank, starts a run
        # that ``_unread`` reports (most do not: three calls saved)
        unread = None
        if i < len(tokens) and tokens[i].start - token.end in (0, 1):
            unread = _unread(folded, tokens, i - 1, parts, spans, starts)
        if unread is not None:
            last, reason = unread
            span = _Span(token.start, tokens[last].end, "unread", reason)
            others.append(_non_quantity(text, index, locator, span, tokens[i - 1:last + 1], len(others)))
            covered_until, i = span.end, last + 1
            continue
        if parts is None or not _is_amount(token, parts, folded):
            continue  # a lone Chinese numeral that is a word, not an amount (一 in 一心)
        # a quantity never swallows the start of a special span (…3个村 | 2023年)
        parts = _clip(_without_cumulative_word(folded, parts), spans, starts)
        covered_until = parts.end
        quantities.append(_quantity(text, index, locator, labels, parts, len(quantities)))
    return quantities, others


# --- special spans -------------------------------------------------------------------------

def _special_spans(text, folded, structure: Structure, tokens, lexical) -> list[_Span]:
    found: list[_Span] = []
    for h in structure.headings:
        found.append(_Span(h.start, h.start + len(h.marker), "heading-number", "heading marker"))
    furniture_lines = [(f.start, f.end) for f in structure.furniture]
    # A span matters only if it holds a numeral, so patterns search only the regions around
    # numerals: most of a report is prose that no pattern needs to read.
    # The regions are joined by line breaks (which no pattern crosses) so that each pattern
    # runs once per document.
    regions = _regions(tokens, len(folded))
    joined = "\n".join(folded[a:b] for a, b in regions)
    offsets, at = [], 0
    for a, b in regions:
        offsets.append((at, a))
        at += b - a + 1
    joined_starts = [o for o, _ in offsets]
    for kind, pattern in lexicon.span_patterns():
        reason = f"{kind} pattern"
        for m in pattern.finditer(joined):
            ms, me = m.span()
            if me > ms:
                k = bisect.bisect_right(joined_starts, ms) - 1
                shift = offsets[k][1] - offsets[k][0]
                found.append(_Span(ms + shift, me + shift, kind, reason))
    for s, e, reason in lexicon.quoted_names(folded, lexical):
        found.append(_Span(s, e, "name", reason))
    for s, e in lexicon.table_row_numbers(folded):
        found.append(_Span(s, e, "heading-number", "table row number"))
    for s, e in lexicon.ranges(folded, tokens):
        found.append(_Span(s, e, "range", "range of two numbers"))
    # Numbers in page furniture are never amounts: dates stay dates, the rest identify things.
    token_starts = [t.start for t in tokens]
    for fs, fe in furniture_lines:
        for k in range(bisect.bisect_left(token_starts, fs), bisect.bisect_left(token_starts, fe)):
            found.append(_Span(tokens[k].start, tokens[k].end, "furniture", "page furniture"))
    # Resolve overlaps by precedence: a span is kept only where no kept span of an earlier
    # kind already lies; an occupancy mask keeps this linear in the text length.
    order = {k: n for n, k in enumerate(SPAN_ORDER)}
    occupied = bytearray(len(folded) + 1)
    kept: list[_Span] = []
    for span in sorted(found, key=lambda s: (order[s.kind], s.start, -(s.end - s.start))):
        if occupied.find(1, span.start, span.end) != -1:
            continue
        occupied[span.start:span.end] = b"\x01" * (span.end - span.start)
        kept.append(span)
    kept.sort(key=lambda s: s.start)
    resolved = []
    for span in kept:
        if span.kind == "furniture":
            kind = "date" if lexicon.looks_like_date(folded[span.start:span.end], folded, span.end) else "identifier"
            span = _Span(span.start, span.end, kind, "page furniture")
        resolved.append(span)
    return resolved


# How far around a numeral a name, date or identifier pattern may reach.
REGION_BEFORE, REGION_AFTER = 10, 12


def _regions(tokens, length: int) -> list[tuple[int, int]]:
    # Tokens come in order of start; a region is clamped to the text only where it can leave
    # it (the first start, the ends), which changes no merge: a start is always < length.
    merged: list[tuple[int, int]] = []
    a = b = None
    for t in tokens:
        start, end = t.start - REGION_BEFORE, t.end + REGION_AFTER
        if b is not None and start <= b:
            if end > b:
                b = end
        else:
            if b is not None:
                merged.append((a, min(length, b)))
            a, b = start, end
    if b is not None:
        merged.append((a, min(length, b)))
    if merged and merged[0][0] < 0:
        merged[0] = (0, merged[0][1])
    return merged


def _unread(folded, tokens, k: int, parts, spans, starts) -> tuple[int, str] | None:
    """(last token, reason) when tokens[k] starts a numeral that cannot be read whole:
    numerals that touch but make no one number (三四个, 二三十人, 3万4) unless the amount read
    from the first takes them all in (两万两: 两 the unit), or Arabic groups split by a
    blank (12 345件). Never the smaller number at the end of it."""
    split = split_digit_groups(folded, tokens, k)
    if split is not None:
        return split, "digit groups split by a blank"
    token, last = tokens[k], _adjacent_run(tokens, k, spans, starts)
    if last > k and (parts is None or parts.end < tokens[last].end or not _is_amount(token, parts, folded)):
        return last, "numeral not read completely"
    return None


def _adjacent_run(tokens, k: int, spans, starts) -> int:
    """Index of the last token of the run of touching tokens that starts at k (k itself if
    the next one does not touch it or belongs to a special span)."""
    first = k
    while (k + 1 < len(tokens) and tokens[k + 1].start == tokens[k].end
           and not _separate(tokens[k], tokens[k + 1], k == first)
           and _span_at(spans, starts, tokens[k + 1].start, tokens[k + 1].end) is None):
        k += 1
    return k


def _separate(a, b, a_starts: bool) -> bool:
    """Touching numerals that are still two: 一年零两个月 (a 零 that follows no numeral means
    "and"), 一九八二两年 (a year written digit by digit, then 两: 两 never continues it)."""
    if a_starts and a.text in ("零", "〇"):
        return True
    return b.text[0] in "两俩" and len(a.text) >= 4 and all(c in _DIGIT_RUN for c in a.text)


_DIGIT_RUN = frozenset("零〇一二三四五六七八九")


def _span_at(spans, starts, start, end):
    """The span that covers ``start``, else the first that begins inside start..end, else
    None (one bisection for both)."""
    k = bisect.bisect_right(starts, start)
    back = k - 1  # looking back from the last span to begin at or before start (one call a token)
    while back >= 0:
        span = spans[back]
        if span.start <= start < span.end:
            return span
        if span.end <= start and span.start < start - 64:
            break
        back -= 1
    if k < len(spans) and spans[k].start < end:
        return spans[k]
    return None


def _clip(parts, spans, starts):
    k = bisect.bisect_right(starts, parts.number_end - 1)
    if k < len(spans) and spans[k].start < parts.end:
        return replace(parts, end=max(parts.number_end, spans[k].start))
    return parts


def _without_cumulative_word(folded, parts):
    """累计4496个: the amount is 4496个; 累计 marks it cumulative but is not part of its text."""
    m = lexicon.word_pattern("cumulative_words").match(folded, parts.start, parts.number_start)
    if m:
        return replace(parts, start=m.end())
    return parts


def _bare_word_numeral(folded, token) -> bool:
    """A Chinese numeral without magnitude that no unit follows (一 of 一心, 三 of 三农):
    ``read_quantity`` would read it unitless, which ``_is_amount`` rejects, and nothing
    else reads its parts, so it is not read (a blank after it may lead to a unit)."""
    if token.script != "chinese" or token.form != "plain" or token.magnitude:
        return False
    after = folded[token.end:token.end + 1]
    return after != " " and after not in first_characters()


def _is_amount(token, parts, folded) -> bool:
    """Arabic digits are always amounts; a Chinese numeral only with a unit or magnitude, and
    一个/一种/一项… is the article "a", not the number one."""
    if token.script != "chinese":
        return True
    if token.form != "plain":
        return True
    if not parts.unit:
        return False
    return not (token.value == 1 and folded[token.start:token.end] == "一"
                and parts.unit in lexicon.article_classifiers()
                and not lexicon.one_is_a_count(folded, token.start))


# --- records ---------------------------------------------------------------------------------

class _Locator:
    """Offset → sentence, clause, heading ids (and the heading path)."""

    def __init__(self, structure: Structure):
        self.sentences = structure.sentences
        self.sentence_starts = [s.start for s in self.sentences]
        self.clauses = structure.clauses
        self.clause_starts = self.clauses.starts  # bisecting builds no Clause record
        self.headings = {h.id: h for h in structure.headings}
        self._paths: dict[str, tuple[str, ...]] = {}

    def sentence(self, offset: int):
        k = bisect.bisect_right(self.sentence_starts, offset) - 1
        if k >= 0 and self.sentences[k].start <= offset < self.sentences[k].end:
            return self.sentences[k]
        return None

    def clause(self, offset: int):
        """(position in the structure's clauses, clause) around ``offset``; (k, None)."""
        k = bisect.bisect_right(self.clause_starts, offset) - 1
        if k >= 0 and self.clauses[k].start <= offset < self.clauses[k].end:
            return k, self.clauses[k]
        return k, None

    def heading_path(self, heading_id: str | None) -> tuple[str, ...]:
        if heading_id is None:
            return ()
        path = self._paths.get(heading_id)
        if path is None:
            h = self.headings[heading_id]
            path = self._paths[heading_id] = (*self.heading_path(h.parent), h.title)
        return path


def _non_quantity(text, index, locator, span: _Span, inside, n) -> NonQuantity:
    """``inside``: the numeral tokens within the span, in order."""
    line, col = index.position(span.start)
    sentence = locator.sentence(span.start)
    value = inside[0].value if len(inside) == 1 else None
    lower = upper = None
    if span.kind == "range" and len(inside) >= 2:
        lower, upper = inside[0].value, inside[-1].value
        value = None
    return NonQuantity(  # by position, in the fields' order (a test holds it), as a Quantity is
        f"n{n + 1}", span.kind, text[span.start:span.end], span.start, span.end, line, col,
        value, lexicon.trailing_unit(text, span, inside), lower, upper, span.reason,
        sentence.id if sentence else None, sentence.heading if sentence else None,
    )


def _quantity(text, index, locator, labels: LabelFinder, parts, n) -> Quantity:
    """The Quantity of ``parts``, built once with its label, verb and the rest that
    ``labels`` finds."""
    line, col = index.position(parts.start)
    sentence = locator.sentence(parts.number_start)
    at, clause = locator.clause(parts.number_start)
    heading = sentence.heading if sentence else None
    heading_path = locator.heading_path(heading)
    found = labels.found(parts, at, clause, sentence, heading_path)
    money = found.get  # the money fields, when a bare 万 is read as 万元; else the parts'
    q = Quantity(  # by position, in the fields' order (a test holds it): keywords cost a name match each
        f"q{n + 1}", text[parts.start:parts.end], parts.start, parts.end, line, col,
        parts.value, parts.unit, money("dimension", parts.dimension),
        money("base_value", parts.base_value), money("base_unit", parts.base_unit),
        parts.lower, parts.upper, parts.lower_inclusive, parts.upper_inclusive, parts.qualifier,
        money("unit_inferred", parts.unit_inferred), parts.number_start, parts.number_end,
        found["label"], found["verb"], found["key"],
        sentence.id if sentence else None, clause.id if clause else None, heading, heading_path,
        found["cumulative"], found["target"], found["per"],
    )
    labels.remember(q)
    return q
