"""Accuracy of `reportkit check` and of the quantities, against annotated reports.

    python benchmarks/accuracy.py [--shared ../shared] [--json]

Findings are measured per rule category against ../shared/real-reports/:

* the 20 real excerpts: every relation of relations.yaml that does not hold must be reported
  as an error on one of its lines, naming one of its own numbers (a true positive; missed: a
  false negative); an error anywhere else — on a relation that holds, on a trap, on nothing —
  is a false positive. Only `core` relations count as expected; an error on an `ambiguous`
  relation that does not hold is neither rewarded nor punished. Warnings off the failing
  lines are counted separately (the bar: at most one per five reports);
* the 19 single-edit copies in mutations/: a planted violation must be reported as an error on
  its line (true positive, else false negative); any error in a benign copy, or in a violation
  copy away from the planted lines and from relations that already fail, is a false positive;
* the bundled sample must give no error, and the rule pack's own examples are run by the
  test suite (tests/test_rules_examples.py).

Quantities: precision and recall of quantity spans on the 8 excerpts with hand-checked spans
and on the sample, with value/unit/qualifier agreement of every match.
"""

from __future__ import annotations

import argparse
import json
import sys
from decimal import Decimal
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

import reportkit  # noqa: E402
from reportkit.check import check_document, load_rules  # noqa: E402

# Which annotated category each rule's findings speak to.
CATEGORY = {
    "handled-le-received": "handled-le-received",
    "fixed-le-found": "fixed-le-found",
    "rate-matches-counts": "rate-matches",
    "share-matches-parts": "rate-matches",
    "share-of-target-matches": "share-of-target",
    "parts-le-total": "parts-le-total",
    "part-le-total": "parts-le-total",
    "parts-equal-total": "parts-eq-total",
    "share-le-100": "percent-le-100",
    "persons-ge-households": "persons-ge-households",
    "restatement-agrees": "same-metric",
    "same-metric-different-values": "same-metric",
}


def _check(path: Path, rules):
    doc = reportkit.load(str(path))
    return doc, check_document(doc, rules, str(path))


def _spans(quantities) -> set[tuple[int, int]]:
    return {(q["start"], q["end"]) for q in quantities}


def _names_its_numbers(finding, spans: set[tuple[int, int]]) -> bool:
    return any((q.start, q.end) in spans or any(q.start < e and s < q.end for s, e in spans)
               for q in finding.quantities) or (finding.start, finding.end) in spans


class Tally:
    def __init__(self):
        self.by: dict[str, dict[str, int]] = {}

    def add(self, category: str, what: str, n: int = 1) -> None:
        row = self.by.setdefault(category, {"tp": 0, "fp": 0, "fn": 0})
        row[what] += n

    def total(self) -> dict[str, int]:
        out = {"tp": 0, "fp": 0, "fn": 0}
        for row in self.by.values():
            for k in out:
                out[k] += row[k]
        return out


def findings_accuracy(shared: Path) -> dict:
    real = shared / "real-reports"
    relations = yaml.safe_load((real / "relations.yaml").read_text(encoding="utf-8"))
    expected = yaml.safe_load((real / "mutations" / "expected.yaml").read_text(encoding="utf-8"))
    rules = load_rules()
    tally = Tally()
    warnings_off = 0
    details: list[str] = []
    failing = {}
    for rel in relations["relations"]:
        if not rel["holds"]:
            failing.setdefault(rel["file"], []).append(rel)
    files = sorted(p.name for p in real.glob("*.txt"))
    for name in files:
        _, found = _check(real / name, rules)
        rels = failing.get(name, [])
        bad_lines = {ln for r in rels for ln in r["lines"]}
        matched = set()
        for f in found:
            hit = next((r for r in rels if f.line in r["lines"] and _names_its_numbers(f, _spans(r["quantities"]))), None)
            if f.severity == "error":
                if hit is not None:
                    if hit["tier"] == "core":
                        matched.add(hit["id"])
                        tally.add(hit["category"], "tp")
                else:
                    tally.add(CATEGORY.get(f.rule, f.rule), "fp")
                    details.append(f"false error: {name}:{f.line} {f.rule} {f.message}")
            elif f.severity == "warning" and f.line not in bad_lines and f.rule != "bare-wan-money":
                warnings_off += 1
                details.append(f"warning off the failing lines: {name}:{f.line} {f.rule} {f.message}")
        for r in rels:
            if r["tier"] == "core" and r["id"] not in matched:
                tally.add(r["category"], "fn")
                details.append(f"missed: {name} {r['id']} {r['description']}")
    caught = quiet = 0
    for m in expected["files"]:
        _, found = _check(real / "mutations" / m["file"], rules)
        errors = [f for f in found if f.severity == "error"]
        if m["expected"] == "violation":
            spans = _spans(m["quantities"])
            hit = [f for f in errors if f.line in m["lines"] and _names_its_numbers(f, spans)]
            tally.add(m["category"], "tp" if hit else "fn")
            caught += bool(hit)
            if not hit:
                details.append(f"planted edit missed: {m['file']}")
            pre = {ln for r in failing.get(m["source"], []) for ln in r["lines"]}
            for f in errors:
                if f not in hit and f.line not in pre and f.line not in m["lines"]:
                    tally.add(CATEGORY.get(f.rule, f.rule), "fp")
                    details.append(f"false error: {m['file']}:{f.line} {f.rule} {f.message}")
        else:
            pre = {ln for r in failing.get(m["source"], []) for ln in r["lines"]}
            stray = [f for f in errors if f.line not in pre]
            quiet += not stray
            for f in stray:
                tally.add(CATEGORY.get(f.rule, f.rule), "fp")
                details.append(f"false error on a benign edit: {m['file']}:{f.line} {f.rule} {f.message}")
    sample = ROOT / "samples" / "dongcheng-2023h1.txt"
    _, found = _check(sample, rules)
    for f in found:
        if f.severity == "error":
            tally.add(CATEGORY.get(f.rule, f.rule), "fp")
            details.append(f"false error on the sample: {f.line} {f.rule} {f.message}")
    return {
        "categories": tally.by, "total": tally.total(), "reports": len(files),
        "warnings_off_failing_lines": warnings_off,
        "mutations": {"violations_caught": caught,
                      "violations": sum(m["expected"] == "violation" for m in expected["files"]),
                      "benign_quiet": quiet,
                      "benign": sum(m["expected"] == "none" for m in expected["files"])},
        "details": details,
    }


def quantities_accuracy(shared: Path) -> dict:
    real = shared / "real-reports"
    pairs = [(real / f"{g.name.split('.')[0]}.txt", g) for g in sorted((real / "gold").glob("*.quantities.jsonl"))]
    pairs.append((ROOT / "samples" / "dongcheng-2023h1.txt", ROOT / "tests" / "data" / "gold" / "dongcheng-2023h1.quantities.jsonl"))
    rows = {}
    for text_path, gold_path in pairs:
        doc = reportkit.load(str(text_path))
        gold = [json.loads(line) for line in gold_path.read_text(encoding="utf-8").splitlines() if line.strip()]
        want = {(r["start"], r["end"]): r for r in gold if r["kind"] == "quantity"}
        got = {(q.start, q.end): q for q in doc.quantities}
        hits = set(want) & set(got)
        wrong = [k for k in hits if (got[k].value, got[k].unit, got[k].qualifier)
                 != (Decimal(want[k]["value"]), want[k]["unit"], want[k]["qualifier"])]
        rows[text_path.stem] = {"hits": len(hits), "found": len(got), "gold": len(want), "wrong": len(wrong),
                                "missed": [doc.text[a:b] for a, b in sorted(set(want) - set(got))],
                                "extra": [doc.text[a:b] for a, b in sorted(set(got) - set(want))]}
    return rows


def _ratio(a: int, b: int) -> float:
    return a / b if b else 1.0


def table(findings: dict, quantities: dict) -> str:
    lines = ["| category | TP | FP | FN | precision | recall |", "|---|---|---|---|---|---|"]
    for cat, row in sorted(findings["categories"].items()):
        lines.append(f"| {cat} | {row['tp']} | {row['fp']} | {row['fn']} | "
                     f"{_ratio(row['tp'], row['tp'] + row['fp']):.2f} | {_ratio(row['tp'], row['tp'] + row['fn']):.2f} |")
    t = findings["total"]
    lines.append(f"| **all** | {t['tp']} | {t['fp']} | {t['fn']} | "
                 f"**{_ratio(t['tp'], t['tp'] + t['fp']):.2f}** | **{_ratio(t['tp'], t['tp'] + t['fn']):.2f}** |")
    m = findings["mutations"]
    lines.append("")
    lines.append(f"Planted edits caught: {m['violations_caught']}/{m['violations']}; benign edits quiet: "
                 f"{m['benign_quiet']}/{m['benign']}; warnings off the failing lines: "
                 f"{findings['warnings_off_failing_lines']} in {findings['reports']} reports.")
    hits = sum(r["hits"] for k, r in quantities.items() if k != "dongcheng-2023h1")
    found = sum(r["found"] for k, r in quantities.items() if k != "dongcheng-2023h1")
    gold = sum(r["gold"] for k, r in quantities.items() if k != "dongcheng-2023h1")
    wrong = sum(r["wrong"] for k, r in quantities.items() if k != "dongcheng-2023h1")
    s = quantities.get("dongcheng-2023h1", {})
    lines.append(f"Quantities on the 8 real excerpts with spans: precision {_ratio(hits, found):.3f}, recall "
                 f"{_ratio(hits, gold):.3f} ({hits} of {gold}; {wrong} with a wrong value/unit/qualifier); "
                 f"on the sample: precision {_ratio(s.get('hits', 0), s.get('found', 0)):.3f}, recall "
                 f"{_ratio(s.get('hits', 0), s.get('gold', 0)):.3f}.")
    return "\n".join(lines)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--details", action="store_true", help="list every miss and false finding")
    args = ap.parse_args(argv)
    shared = Path(args.shared)
    if not (shared / "real-reports" / "relations.yaml").exists():
        print(f"{shared}/real-reports is not there: nothing to measure", file=sys.stderr)
        return 2
    findings = findings_accuracy(shared)
    quantities = quantities_accuracy(shared)
    if args.json:
        print(json.dumps({"findings": findings, "quantities": quantities}, ensure_ascii=False, indent=2))
        return 0
    print(table(findings, quantities))
    if args.details:
        print()
        print("\n".join(findings["details"]))
        for name, row in quantities.items():
            if row["missed"] or row["extra"]:
                print(f"quantities {name}: missed {row['missed']}, extra {row['extra']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
