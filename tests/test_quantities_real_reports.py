"""Quantities of ../shared/real-reports/ against their hand-checked spans (8 files with gold).

Every span of kind quantity must be found, nothing else may be (precision and recall ≥ 0.99
per the whole set), and every match must carry the gold value, unit and qualifier. The files
are read from ../shared and never copied here; without them the test skips.
"""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

import reportkit

from conftest import SHARED
from test_quantities_gold import assert_coverage

REAL = SHARED / "real-reports"
FLOOR = 0.99


def _gold_files():
    return sorted((REAL / "gold").glob("*.quantities.jsonl")) if REAL.exists() else []


@pytest.fixture(scope="module")
def scored():
    if not _gold_files():
        pytest.skip("../shared/real-reports is not beside this checkout")
    rows = []
    for path in _gold_files():
        name = path.name.removesuffix(".quantities.jsonl")
        doc = reportkit.parse((REAL / f"{name}.txt").read_text(encoding="utf-8"))
        gold = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
        expected = {(r["start"], r["end"]): r for r in gold if r["kind"] == "quantity"}
        found = {(q.start, q.end): q for q in doc.quantities}
        rows.append((name, doc, expected, found))
    return rows


def test_precision_and_recall_per_file_and_overall(scored):
    hits = found_total = expected_total = 0
    misses, extras = [], []
    for name, doc, expected, found in scored:
        both = expected.keys() & found.keys()
        p = len(both) / len(found) if found else 1.0
        r = len(both) / len(expected) if expected else 1.0
        print(f"\n{name}: precision {p:.3f}, recall {r:.3f} ({len(both)}/{len(expected)} gold, {len(found)} found)", end="")
        hits, found_total, expected_total = hits + len(both), found_total + len(found), expected_total + len(expected)
        misses += [(name, expected[k]["text"]) for k in sorted(expected.keys() - found.keys())]
        extras += [(name, found[k].text) for k in sorted(found.keys() - expected.keys())]
    precision, recall = hits / found_total, hits / expected_total
    print(f"\nreal reports: precision {precision:.4f}, recall {recall:.4f} ({hits} of {expected_total} gold, {found_total} found)")
    assert precision >= FLOOR, extras
    assert recall >= FLOOR, misses


def test_value_unit_and_qualifier_exact_on_every_match(scored):
    wrong = []
    for name, _doc, expected, found in scored:
        for key, r in expected.items():
            q = found.get(key)
            if q is not None and (q.value, q.unit, q.qualifier) != (Decimal(r["value"]), r["unit"], r["qualifier"]):
                wrong.append((name, r["text"], str(q.value), q.unit, q.qualifier))
    assert wrong == []


def test_excluded_words_are_never_quantities(scored):
    for name, doc, _expected, _found in scored:
        path = REAL / "gold" / f"{name}.excluded.jsonl"
        for line in path.read_text(encoding="utf-8").splitlines():
            r = json.loads(line)
            overlapping = [q.text for q in doc.quantities if q.start < r["end"] and r["start"] < q.end]
            assert overlapping == [], (name, r["text"])


def test_coverage_on_every_real_report():
    if not REAL.exists():
        pytest.skip("../shared/real-reports is not beside this checkout")
    for path in sorted(REAL.glob("*.txt")):
        assert_coverage(reportkit.parse(path.read_text(encoding="utf-8")))
