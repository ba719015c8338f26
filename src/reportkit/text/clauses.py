"""A document's clauses as a tuple whose Clause records are built only when read.

A corpus pass splits some 90,000 clauses, and most of them are never read (``parse --format
jsonl`` reads only the clauses that hold a number). :class:`Clauses` keeps their spans as
ints and makes a clause's record (its id, text slice, line and column) the first time it is
read; to every reader it is the tuple of those records: equal to it, hashing like it, printed
like it.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence

from ..models import Clause
from .lines import LineIndex


class ClauseTable:
    """The clause spans of a document, collected paragraph by paragraph while it is built."""

    __slots__ = ("spans",)

    def __init__(self):
        self.spans: list[tuple[int, int]] = []  # (start, end) of every clause, in order

    def freeze(self, text: str, index: LineIndex, sentences) -> Clauses:
        """The clauses of ``sentences`` (in document order, each clause inside its own)."""
        spans = self.spans
        starts = [s for s, _ in spans]
        # a sentence's clauses come after every clause that starts before it
        firsts = [bisect_left(starts, s.start) for s in sentences]
        return Clauses(text, index, starts, [e for _, e in spans], [s.id for s in sentences],
                       firsts)


class Clauses(Sequence):
    """The clauses ``c1, c2, …`` of a text in document order, an immutable sequence equal to
    the tuple of their Clause records.

    ``starts`` is the ready list of the clauses' start offsets (for bisection: no record is
    built to find one). ``sentence_ids``/``firsts`` name each sentence and the position of
    its first clause; a sentence without clauses shares the position of the next one.
    """

    __slots__ = ("_text", "_index", "starts", "_ends", "_sentence_ids", "_firsts", "_records",
                 "_tuple")

    def __init__(self, text: str, index: LineIndex, starts: list[int], ends: list[int],
                 sentence_ids: list[str], firsts: list[int]):
        self._text = text
        self._index = index
        self.starts = starts
        self._ends = ends
        self._sentence_ids = sentence_ids
        self._firsts = firsts
        self._records: list[Clause | None] = [None] * len(starts)
        self._tuple: tuple[Clause, ...] | None = None  # once every record is built

    def __len__(self) -> int:
        return len(self.starts)

    def __bool__(self) -> bool:
        return bool(self.starts)

    def __getitem__(self, key):
        if key.__class__ is slice:
            return self._all()[key]
        record = self._records[key]  # an IndexError or TypeError as a tuple raises them
        if record is None:
            position = key if key >= 0 else key + len(self._records)
            sentence = bisect_right(self._firsts, position) - 1
            record = self._records[position] = self._make(position, sentence)
        return record

    def __iter__(self):
        return iter(self._all())

    def __reversed__(self):
        return reversed(self._all())

    def __contains__(self, value) -> bool:
        return value in self._all()

    def __eq__(self, other) -> bool:
        if other is self:
            return True
        if isinstance(other, (tuple, Clauses)):
            return len(other) == len(self) and self._all() == tuple(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._all())

    def __repr__(self) -> str:
        return repr(self._all())

    def __reduce__(self):
        # the spans, not the records: the text is the Document's own and pickles once
        return (Clauses, (self._text, self._index, self.starts, self._ends,
                          self._sentence_ids, self._firsts))

    def _make(self, position: int, sentence: int) -> Clause:
        start, end = self.starts[position], self._ends[position]
        line, col = self._index.position(start)
        return Clause(f"c{position + 1}", self._sentence_ids[sentence],
                      position - self._firsts[sentence], self._text[start:end], start, end,
                      line, col)

    def _all(self) -> tuple[Clause, ...]:
        """Every record, those not read yet built sentence by sentence (no bisection)."""
        if self._tuple is None:
            records, firsts = self._records, self._firsts
            for sentence, (first, stop) in enumerate(zip(firsts, [*firsts[1:], len(records)])):
                for position in range(first, stop):
                    if records[position] is None:
                        records[position] = self._make(position, sentence)
            self._tuple = tuple(records)
        return self._tuple
