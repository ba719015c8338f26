"""``reportkit diff`` end to end on the fixture pair (the sample and a second half-year)."""

from __future__ import annotations

import csv
import io
import json

from conftest import ROOT

OLD = str(ROOT / "samples" / "dongcheng-2023h1.txt")
NEW = str(ROOT / "tests" / "fixtures" / "diff" / "dongcheng-2023h2.txt")


def test_json_schema_and_lists(cli):
    r = cli("diff", OLD, NEW, "--format", "json")
    assert r.code == 0, r
    data = json.loads(r.out)
    assert data["schema"] == "reportkit.diff/1"
    for key in ("changed", "unchanged", "removed", "added", "targets", "claims", "sections"):
        assert isinstance(data[key], list)
    pair = data["changed"][0]
    assert set(pair) >= {"old", "new", "delta", "pct", "score"}
    assert set(pair["old"]) >= {"text", "line", "col", "value", "unit", "label"}
    assert {t["status"] for t in data["targets"]} == {"met", "missed", "unreported"}
    (bad,) = [c for c in data["claims"] if c["status"] == "inconsistent"]
    assert (bad["claim"]["text"], bad["base"]["text"], bad["stated"], bad["implied"]) == ("12.5%", "1896件", "12.5", "8.12")


def test_quantities_dump_like_parse_json():
    """Every quantity in the diff JSON is the object ``parse --format json`` gives."""
    import reportkit
    from reportkit.diff import diff
    from reportkit.render.diff_json import render
    from reportkit.serialize import to_jsonable

    old, new = reportkit.load(OLD), reportkit.load(NEW)
    data = json.loads(render(diff(old, new)))
    assert data["changed"][0]["old"] == json.loads(json.dumps(to_jsonable(
        next(q for q in old.quantities if q.id == data["changed"][0]["old"]["id"])), ensure_ascii=False))


def test_fail_on_missed_target_exits_1(cli):
    assert cli("diff", OLD, NEW, "--fail-on", "missed-target", "--format", "csv").code == 1
    assert cli("diff", OLD, NEW, "--fail-on", "inconsistent-claim", "--format", "csv").code == 1
    assert cli("diff", OLD, OLD, "--fail-on", "missed-target,inconsistent-claim", "--format", "csv").code == 0


def test_user_errors_exit_2(cli, tmp_path):
    r = cli("diff", OLD, NEW, "--fail-on", "typo")
    assert r.code == 2 and "unknown condition typo" in r.err and r.err.count("\n") == 1
    r = cli("diff", OLD, str(tmp_path / "missing.txt"))
    assert r.code == 2 and "no such file" in r.err


def test_csv_markdown_text_and_output_file(cli, tmp_path):
    r = cli("diff", OLD, NEW, "--format", "csv", "--only-changed")
    rows = list(csv.DictReader(io.StringIO(r.out)))
    assert {row["record"] for row in rows} >= {"changed", "removed", "added", "target", "claim", "section"}
    assert "unchanged" not in {row["record"] for row in rows}
    r = cli("diff", OLD, NEW, "--format", "markdown")
    assert "## Targets" in r.out and "| inconsistent |" in r.out
    r = cli("diff", OLD, NEW)
    assert r.code == 0 and "Changes" in r.out and "inconsistent" in r.out
    out = tmp_path / "diff.md"
    r = cli("diff", OLD, NEW, "--format", "markdown", "--output", str(out))
    assert r.code == 0 and r.out == "" and out.read_text(encoding="utf-8").startswith("# Diff")


def test_threshold_hides_small_changes(cli):
    full = json.loads(cli("diff", OLD, NEW, "--format", "json").out)
    cut = json.loads(cli("diff", OLD, NEW, "--format", "json", "--threshold", "20").out)
    assert cut["summary"]["hidden"] == len(full["changed"]) - len(cut["changed"]) > 0
    assert all(abs(float(p["pct"] if p["pct"] is not None else p["delta"])) >= 20 for p in cut["changed"])


def test_gb18030_input_with_encoding(cli, tmp_path):
    old_gbk, new_gbk = tmp_path / "h1-gbk.txt", tmp_path / "h2-gbk.txt"
    old_gbk.write_bytes(open(OLD, encoding="utf-8").read().encode("gb18030"))
    new_gbk.write_bytes(open(NEW, encoding="utf-8").read().encode("gb18030"))
    a = json.loads(cli("diff", OLD, NEW, "--format", "json").out)
    b = json.loads(cli("diff", str(old_gbk), str(new_gbk), "--format", "json", "--encoding", "gb18030").out)
    assert [(p["old"]["text"], p["new"]["text"]) for p in a["changed"]] == \
           [(p["old"]["text"], p["new"]["text"]) for p in b["changed"]]
