"""The sample against its hand-checked gold file: every number-like span, kind, value, unit.

tests/data/gold/ is a copy of ../shared/gold/dongcheng-2023h1.quantities.jsonl.
"""

from __future__ import annotations

import json
from decimal import Decimal
from functools import lru_cache

import pytest

import reportkit

from conftest import DATA, sample_text

GOLD = DATA / "gold" / "dongcheng-2023h1.quantities.jsonl"


@lru_cache(maxsize=1)
def gold() -> tuple[dict, ...]:
    return tuple(json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line)


@pytest.fixture(scope="module")
def doc():
    return reportkit.parse(sample_text())


def test_gold_file_is_what_the_issue_says():
    rows = gold()
    assert len(rows) == 193
    assert sum(r["kind"] == "quantity" for r in rows) == 111
    text = sample_text()
    for r in rows:
        assert text[r["start"]:r["end"]] == r["text"]


def test_quantity_precision_and_recall(doc):
    expected = {(r["start"], r["end"]) for r in gold() if r["kind"] == "quantity"}
    found = {(q.start, q.end) for q in doc.quantities}
    hits = expected & found
    precision = len(hits) / len(found)
    recall = len(hits) / len(expected)
    print(f"\nsample quantities: precision {precision:.4f}, recall {recall:.4f} "
          f"({len(hits)} of {len(expected)} gold, {len(found)} found)")
    missing = sorted(expected - found)
    extra = sorted(found - expected)
    text = sample_text()
    assert precision >= 0.98, [text[a:b] for a, b in extra]
    assert recall >= 0.98, [text[a:b] for a, b in missing]


def test_values_units_and_qualifiers_exact_for_every_match(doc):
    by_span = {(q.start, q.end): q for q in doc.quantities}
    wrong = []
    for r in gold():
        q = by_span.get((r["start"], r["end"]))
        if r["kind"] != "quantity" or q is None:
            continue
        if (q.value, q.unit, q.qualifier) != (Decimal(r["value"]), r["unit"], r["qualifier"]):
            wrong.append((r["text"], str(q.value), q.unit, q.qualifier))
    assert wrong == []


def test_no_gold_non_quantity_is_reported_as_a_quantity(doc):
    for r in gold():
        if r["kind"] == "quantity":
            continue
        overlapping = [q.text for q in doc.quantities if q.start < r["end"] and r["start"] < q.end]
        assert overlapping == [], r


def test_non_quantity_kinds_match_gold(doc):
    by_span = {(n.start, n.end): n for n in doc.non_quantities}
    wrong = []
    for r in gold():
        if r["kind"] == "quantity":
            continue
        n = by_span.get((r["start"], r["end"]))
        if n is None or n.kind != r["kind"]:
            wrong.append((r["text"], r["kind"], n.kind if n else None))
    assert wrong == []


def test_ranges_carry_their_bounds(doc):
    ranges = [(n.text, n.lower, n.upper, n.unit) for n in doc.non_quantities if n.kind == "range"]
    assert ranges == [("5-9层", Decimal(5), Decimal(9), "层"), ("2-4层", Decimal(2), Decimal(4), "层")]


def test_every_digit_is_covered_exactly_once(doc):
    assert_coverage(doc)


def assert_coverage(doc):
    """Every digit run lies in exactly one record (quantity or non-quantity)."""
    from reportkit.text.normalize import fold

    counts = bytearray(len(doc.text))
    for record in (*doc.quantities, *doc.non_quantities):
        assert doc.text[record.start:record.end] == record.text
        for i in range(record.start, record.end):
            counts[i] += 1
    folded = fold(doc.text)
    bad = [i for i, ch in enumerate(folded) if ch.isascii() and ch.isdigit() and counts[i] != 1]
    assert bad == [], [(i, doc.text[max(0, i - 8):i + 8], counts[i]) for i in bad[:10]]
