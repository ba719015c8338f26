"""The accuracy benchmark (benchmarks/accuracy.py) as tests with floors, on the annotated real
reports of ../shared/real-reports (skipped where they are absent)."""

from __future__ import annotations

import sys

import pytest

from conftest import ROOT, SHARED

REAL = SHARED / "real-reports"
pytestmark = pytest.mark.skipif(not (REAL / "relations.yaml").exists(),
                                reason="../shared/real-reports is not beside this checkout")

sys.path.insert(0, str(ROOT / "benchmarks"))


@pytest.fixture(scope="module")
def measured():
    import accuracy

    return accuracy.findings_accuracy(SHARED), accuracy.quantities_accuracy(SHARED), accuracy


def test_findings_floors(measured):
    findings, quantities, accuracy = measured
    print("\n" + accuracy.table(findings, quantities))
    total = findings["total"]
    # every core relation that fails, and every planted edit, is reported on its line …
    assert total["fn"] == 0, [d for d in findings["details"] if d.startswith(("missed", "planted"))]
    # … and no error stands on a relation that holds, a trap, a benign edit or the sample
    assert total["fp"] == 0, [d for d in findings["details"] if "false error" in d]
    assert findings["mutations"] == {"violations_caught": 13, "violations": 13, "benign_quiet": 6, "benign": 6}
    # at most one warning per five reports away from the failing lines
    assert findings["warnings_off_failing_lines"] <= findings["reports"] // 5


def test_every_category_is_measured(measured):
    findings, _, _ = measured
    assert set(findings["categories"]) >= {
        "parts-le-total", "parts-eq-total", "rate-matches", "share-of-target", "percent-le-100",
        "persons-ge-households", "same-metric"}


def test_quantity_floors(measured):
    _, quantities, _ = measured
    sample = quantities["dongcheng-2023h1"]
    assert (sample["hits"], sample["found"], sample["gold"], sample["wrong"]) == (111, 111, 111, 0)
    real = [r for k, r in quantities.items() if k != "dongcheng-2023h1"]
    hits, found, gold = (sum(r[k] for r in real) for k in ("hits", "found", "gold"))
    print(f"\nreal excerpts: quantity precision {hits / found:.3f}, recall {hits / gold:.3f}")
    assert hits / found >= FLOOR_PRECISION and hits / gold >= FLOOR_RECALL


# The issue asks ≥ 0.99 each (measured: 1.000 and 1.000, 187 of 187).
FLOOR_PRECISION = 0.99
FLOOR_RECALL = 0.99
