"""A reader's view of one document for the statement layer: quantities by sentence, the
phrase before each number, the brackets around it, and the sentences a full stop groups.

Sentences end at 。 and at ；, but a reader takes a run of ；-separated sentences as one
statement (全市共发生事故17起；死亡20人 — the 共 covers both): :meth:`View.statement_of`
gives that run. All matching is done in the folded text (full-width forms half-width), whose
offsets are those of the original.
"""

from __future__ import annotations

from bisect import bisect_right
from functools import lru_cache
from itertools import compress
from operator import attrgetter

import regex

from ..compiled import compile_regex
from ..data import load_yaml
from ..text.lines import LineIndex
from ..text.normalize import fold

# Where the phrase before a number begins: the nearest clause or sentence break.
PHRASE_BREAKS = frozenset(",;。:、()!?")
SUMMABLE = frozenset({"count", "money", "area", "length", "mass", "energy", "power", "volume", "duration"})


@lru_cache(maxsize=1)
def words() -> dict:
    return load_yaml("statements.yaml")


class View:
    def __init__(self, doc, folded: str | None = None, lines: LineIndex | None = None):
        self.doc = doc
        self.text = doc.text
        self.folded = fold(doc.text) if folded is None else folded
        self.sentences = sorted(doc.sentences, key=_START)
        self._starts = list(map(_START, self.sentences))
        self.index = dict(zip(map(_ID, self.sentences), range(len(self.sentences))))
        self.quantities = sorted(doc.quantities, key=_START)
        self._sentence_at: dict[int, object] = {}  # offset → sentence, asked again and again
        # The sentences that hold a quantity, in order: the finders that read one sentence at
        # a time have nothing to do in the others (most of a report's sentences).
        self.numbered: list = []
        self.by_sentence = self._quantities_by_sentence()
        self._brackets: dict[str, list[tuple[int, int]]] = {}
        self._statement: dict[str, tuple[int, int]] = {}  # filled on demand by _run
        self._span: dict[str, tuple[int, int]] = {}  # sentence id → its statement's span
        self._phrase_start: dict[int, int] = {}  # a number's start → its phrase's start
        self._lines = LineIndex(doc.text) if lines is None else lines
        self._attributive = self._find_attributive()
        self._average: dict[str, bool] = {}

    def summable(self, q) -> bool:
        """An amount that adds up with others of its unit: not a plan, a rate, an average
        (人均, 平均, 每…) or a threshold naming a class of things (税收500万元以上楼宇7幢)."""
        if q.dimension not in SUMMABLE or q.target or q.per is not None or q.id in self._attributive:
            return False
        average = self._average.get(q.id)
        if average is None:  # every finder asks, often more than once: read the phrase once
            average = self._average[q.id] = bool(_AVERAGE.search(self.phrase(q)))
        return not average

    def _find_attributive(self) -> set[str]:
        """Amounts that modify the noun of the next number in their clause: 500万元以上楼宇7幢,
        超5000万元的镇4个, 亿元以上项目45个."""
        out = set()
        for a, b in zip(self.quantities, self.quantities[1:]):
            if b.start - a.end > 8:
                continue  # far apart (most pairs): no slice of the text between
            between = self.folded[a.end:b.start]
            if not PHRASE_BREAKS.isdisjoint(between):
                continue
            marked = (a.qualifier or "") in ("以上", "以下", "超", "超过") or between[:1] in ("级", "的") \
                or between.startswith(("以上", "以下"))
            if marked and _NOUN.match(between.lstrip("以上下级的")):
                out.add(a.id)
        return out

    def heading_titles(self) -> dict[str, str]:
        got = getattr(self, "_titles", None)
        if got is None:
            got = self._titles = {h.id: fold(h.title) for h in self.doc.headings}
        return got

    def doc_line(self, offset: int) -> int:
        return self._lines.line(offset)

    # -- where things are -----------------------------------------------------------------
    def sentence_at(self, offset: int):
        got = self._sentence_at.get(offset, False)
        if got is False:
            got = self._sentence_at[offset] = self._find_sentence_at(offset)
        return got

    def _find_sentence_at(self, offset: int):
        i = bisect_right(self._starts, offset) - 1
        if i >= 0 and offset < self.sentences[i].end:
            return self.sentences[i]
        return None

    def _quantities_by_sentence(self) -> dict[str, list]:
        """Sentence id → its quantities in order; each quantity's sentence noted for sentence_at,
        and each sentence that holds one listed in ``numbered`` (in order: the quantities are
        read in text order, so their sentences are found in order)."""
        out: dict[str, list] = {}
        for q in self.quantities:
            s = self._sentence_at[q.start] = self._find_sentence_at(q.start)
            if s is not None:
                got = out.get(s.id)
                if got is None:
                    got = out[s.id] = []
                    self.numbered.append(s)
                got.append(q)
        return out

    def opening_with(self, prefixes: tuple[str, ...]) -> list:
        """The sentences whose (folded) text starts with one of ``prefixes``, in order. Asked of
        every sentence of the document: their first characters are read in one pass of C
        calls, and only the sentences whose first character opens a prefix are tested."""
        folded = self.folded
        firsts = frozenset(p[:1] for p in prefixes)
        if "" in firsts or (self._starts and self._starts[-1] >= len(folded)):  # an empty prefix or sentence
            return [s for s in self.sentences if folded.startswith(prefixes, s.start)]
        candidates = compress(self.sentences, map(firsts.__contains__, map(folded.__getitem__, self._starts)))
        return [s for s in candidates if folded.startswith(prefixes, s.start)]

    def sentence_of(self, q):
        got = self._sentence_at.get(q.start, False)  # known for every quantity of the document
        return self.sentence_at(q.start) if got is False else got

    def quantities_in(self, sentence) -> list:
        return self.by_sentence.get(sentence.id, [])

    def previous(self, sentence, same_paragraph: bool = True):
        i = self.index[sentence.id] - 1
        while i >= 0:
            prev = self.sentences[i]
            if prev.role == "body":
                if same_paragraph and prev.paragraph != sentence.paragraph:
                    return None
                return prev
            i -= 1
        return None

    def _run(self, sentence) -> tuple[int, int]:
        """(first index, last index) of the run of sentences joined by ；/; inside one paragraph
        that holds ``sentence``: found on first use, since most sentences are never asked about."""
        got = self._statement.get(sentence.id)
        if got is None:
            first = last = self.index[sentence.id]
            while first > 0 and self._joined(first):
                first -= 1
            while last + 1 < len(self.sentences) and self._joined(last + 1):
                last += 1
            got = (first, last)
            for s in self.sentences[first:last + 1]:
                self._statement[s.id] = got
        return got

    def _joined(self, i: int) -> bool:
        """Does sentence ``i`` continue the ；-run of the sentence before it?"""
        prev, s = self.sentences[i - 1], self.sentences[i]
        return prev.paragraph == s.paragraph and self.folded[prev.end - 1:prev.end] == ";"

    def statement_sentences(self, sentence) -> list:
        """The sentences of ``sentence``'s ；-run from ``sentence`` on, in order."""
        _, last = self._run(sentence)
        return self.sentences[self.index[sentence.id]:last + 1]

    def statement_of(self, sentence) -> tuple[int, int]:
        """Text span of the ；-joined run of sentences ``sentence`` belongs to."""
        got = self._span.get(sentence.id)
        if got is None:  # asked for every quantity: kept
            f, last = self._run(sentence)
            got = self._span[sentence.id] = (self.sentences[f].start, self.sentences[last].end)
        return got

    def before_in_statement(self, q, limit: int = 16) -> list:
        """Up to ``limit`` quantities of q's ；-run that end before q, in order."""
        sentence = self.sentence_of(q)
        if sentence is None:
            return []
        f, _ = self._run(sentence)
        out: list = []
        i = self.index[sentence.id]
        while i >= f and len(out) < limit:
            qs = self.quantities_in(self.sentences[i])
            for x in reversed(qs):
                if x.end <= q.start:
                    out.append(x)
                    if len(out) >= limit:
                        break
            i -= 1
        out.reverse()
        return out

    def recent(self, q, sentences: int) -> list:
        """The quantities before q in its own sentence and the ``sentences`` sentences before it,
        in text order: a bounded look back, whatever the document's size."""
        sentence = self.sentence_of(q)
        if sentence is None:
            return []
        i = self.index[sentence.id]
        out = [x for x in self.quantities_in(sentence) if x.end <= q.start]
        for s in self.sentences[max(0, i - sentences):i][::-1]:
            out[:0] = self.quantities_in(s)
        return out

    # -- around a number ------------------------------------------------------------------
    def phrase_start(self, q) -> int:
        got = self._phrase_start.get(q.start)
        if got is None:  # asked by every finder, often more than once
            got = self._phrase_start[q.start] = self._find_phrase_start(q.start)
        return got

    def _find_phrase_start(self, offset: int) -> int:
        sentence = self.sentence_at(offset)
        lo = sentence.start if sentence else 0
        last_break = _LAST_PHRASE_BREAK.search(self.folded, lo, offset)
        return last_break.start() + 1 if last_break else lo

    def phrase(self, q) -> str:
        """The clause text before the number: 调解纠纷 in 调解纠纷649件."""
        return self.folded[self.phrase_start(q):q.start].strip()

    def _bracket_info(self, sentence):
        """One sweep of the sentence: its bracket pairs, each pair's parent, and the innermost
        pair around each of its quantities (linear in the sentence, however deep it nests)."""
        got = self._brackets.get(sentence.id)
        if got is not None:
            return got
        quantities = self.quantities_in(sentence)
        if self.folded.find("(", sentence.start, sentence.end) < 0:  # the usual sentence
            # no pair, no parent, no quantity in brackets (bracket_of's get gives None)
            got = self._brackets[sentence.id] = ([], {}, {}, {None: quantities} if quantities else {})
            return got
        k = 0
        stack: list[int] = []
        close_of: dict[int, int] = {}
        parent_open: dict[int, int | None] = {}
        inner_open: dict[str, int | None] = {}
        folded = self.folded
        # only a bracket changes the stack: a quantity gets the innermost open bracket before it
        for m in _BRACKET.finditer(folded, sentence.start, sentence.end):
            i = m.start()
            while k < len(quantities) and quantities[k].start <= i:
                inner_open[quantities[k].id] = stack[-1] if stack else None
                k += 1
            ch = folded[i]
            if ch == "(":
                parent_open[i] = stack[-1] if stack else None
                stack.append(i)
            elif ch == ")" and stack:
                close_of[stack.pop()] = i
        while k < len(quantities):
            inner_open[quantities[k].id] = stack[-1] if stack else None
            k += 1
        pairs = sorted(close_of.items())
        pair = {o: (o, c) for o, c in pairs}
        parent = {}
        for o, _ in pairs:
            po = parent_open.get(o)
            while po is not None and po not in pair:  # an unclosed parent: look further out
                po = parent_open.get(po)
            parent[pair[o]] = pair.get(po) if po is not None else None
        innermost = {}
        members: dict = {}
        for q in quantities:
            o = inner_open.get(q.id)
            while o is not None and o not in pair:
                o = parent_open.get(o)
            where = pair.get(o) if o is not None else None
            innermost[q.id] = where
            members.setdefault(where, []).append(q)
        got = self._brackets[sentence.id] = (pairs and [pair[o] for o, _ in pairs], parent, innermost, members)
        return got

    def brackets(self, sentence) -> list[tuple[int, int]]:
        """The (open, close) offsets of every bracket pair in the sentence, by opening."""
        if self.folded.find("(", sentence.start, sentence.end) < 0:
            return []  # the usual sentence: nothing to sweep (most are never asked about again)
        return self._bracket_info(sentence)[0] or []

    def bracket_parent(self, sentence, pair):
        return self._bracket_info(sentence)[1].get(pair)

    def in_bracket(self, sentence, pair) -> list:
        """The quantities whose innermost bracket is ``pair`` (None: outside every bracket)."""
        return self._bracket_info(sentence)[3].get(pair, [])

    def bracket_of(self, q) -> tuple[int, int] | None:
        """The innermost bracket pair around the quantity, or None."""
        sentence = self.sentence_of(q)
        if sentence is None:
            return None
        return self._bracket_info(sentence)[2].get(q.id)

    def enclosing(self, sentence, offset: int):
        """The innermost bracket pair around an offset of the sentence, or None."""
        pairs = self.brackets(sentence)
        i = bisect_right([o for o, _ in pairs], offset) - 1 if pairs else -1
        while i >= 0:
            o, c = pairs[i]
            if o < offset < c:
                return pairs[i]
            i -= 1
            if i >= 0 and len(pairs) - i > 64:
                return None  # deep nesting far from the offset: no reading
        return None

    def same_level(self, a, b) -> bool:
        """Are two quantities at the same bracket level (both outside, or in one bracket)?"""
        return self.bracket_of(a) == self.bracket_of(b)




_BRACKET = compile_regex(r"[()]")
# searched backwards from a number: the nearest break before it
_LAST_PHRASE_BREAK = compile_regex("(?r)[" + "".join(map(regex.escape, sorted(PHRASE_BREAKS))) + "]")
_START = attrgetter("start")
_ID = attrgetter("id")
_AVERAGE = compile_regex(r"人均|平均|户均|均价|每")
_NOUN = compile_regex(r"\p{Han}")


def is_subsequence(short: str, long: str) -> bool:
    it = iter(long)
    return all(ch in it for ch in short)
