"""Precise suppressions: ``ignore:`` entries with reasons, counted, shown and dumped."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from conftest import sample_text

from reportkit.check.suppress import glob_match

DATA = Path(__file__).resolve().parent / "data"
PLANTED = ("已办结1811件", "已办结1911件")
R_WAN = "原文照录，金额单位由上下文可知"
R_HANDLED = "含上期结转，已向街道核实"

CONFIG = f"""\
ignore:
  - rule: bare-wan-money
    path: a.txt
    reason: {R_WAN}
  - rule: handled-le-received
    text: １９１１件
    reason: {R_HANDLED}
  - rule: heading-*
    reason: 旧条目
  - same-metric-different-values
"""

WAN_SNIPPET = """\
   |
48 | …29.64万元;走访慰问城市“三无”对象2人,发放资金2.25万;走访慰问困境儿童10人,…
   |                                              ^^^^^^

"""
HANDLED_SNIPPET = """\
   |
38 | …。用心解决群众诉求,街道受理12345工单1896件,已办结1911件;受理初信初访56件…
   |                                      ^^^^^^       ^^^^^^

"""
WAN = "48:140  bare-wan-money  warning: 2.25万省略了“元”，应写作“2.25万元”\n"


@pytest.fixture
def reports(tmp_path, monkeypatch):
    """a.txt (the sample: one bare-万 warning), bad.txt (a handled count planted above its
    received count, and the same warning), and the configuration above."""
    monkeypatch.chdir(tmp_path)
    text = sample_text()
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    (tmp_path / "bad.txt").write_text(text.replace(*PLANTED), encoding="utf-8")
    (tmp_path / "reportkit.yaml").write_text(CONFIG, encoding="utf-8")
    return tmp_path


def test_text_counts_the_ignored_and_the_exit_code_does_not(cli, reports):
    result = cli("check", "a.txt", "bad.txt")
    assert (result.code, result.err) == (0, "")
    assert result.out == f"bad.txt:{WAN}{WAN_SNIPPET}检查了 2 个文件：0 个错误，1 个警告，0 个提示，已忽略 2 个。\n"
    assert cli("check", "a.txt", "bad.txt", "--fail-on", "warning").code == 1
    assert cli("check", "a.txt", "--fail-on", "warning").out == "检查了 1 个文件，没有发现问题，已忽略 1 个。\n"
    assert cli("check", "a.txt", "--fail-on", "warning").code == 0
    assert cli("check", "bad.txt", "--no-config").code == 1  # without the configuration: the error


def test_show_suppressed_marks_them_with_their_reason_and_lists_unused_entries(cli, reports):
    result = cli("check", "a.txt", "bad.txt", "--show-suppressed")
    assert (result.code, result.err) == (0, "")
    assert result.out == (
        f"a.txt:48:140  bare-wan-money  warning（已忽略）: 2.25万省略了“元”，应写作“2.25万元”\n"
        f"  = 已忽略：{R_WAN}（reportkit.yaml:2）\n" + WAN_SNIPPET
        + f"bad.txt:38:92  handled-le-received  error（已忽略）: 办结1911件，多于受理的1896件：办结数不能超过受理数\n"
        f"  = 已忽略：{R_HANDLED}（reportkit.yaml:5）\n" + HANDLED_SNIPPET
        + f"bad.txt:{WAN}{WAN_SNIPPET}"
        "reportkit.yaml:8: 提示：这条 ignore 没有匹配到任何问题（rule: heading-*）\n\n"
        "检查了 2 个文件：0 个错误，1 个警告，0 个提示，已忽略 2 个。\n")


def test_json_lists_the_suppressed_with_reasons_and_the_unused_entries(cli, reports):
    result = cli("check", "a.txt", "bad.txt", "--format", "json")
    data = json.loads(result.out)
    assert result.code == 0
    assert [(f["path"], f["rule"]) for f in data["findings"]] == [("bad.txt", "bare-wan-money")]
    assert [{k: s[k] for k in ("path", "rule", "line", "suppressed_by", "reason", "where")} for s in data["suppressed"]] == [
        {"path": "a.txt", "rule": "bare-wan-money", "line": 48, "suppressed_by": "ignore", "reason": R_WAN,
         "where": "reportkit.yaml:2"},
        {"path": "bad.txt", "rule": "handled-le-received", "line": 38, "suppressed_by": "ignore",
         "reason": R_HANDLED, "where": "reportkit.yaml:5"},
    ]
    assert [q["text"] for q in data["suppressed"][1]["quantities"]] == ["1896件", "1911件"]
    assert data["unused_ignores"] == [{"where": "reportkit.yaml:8", "rule": "heading-*", "reason": "旧条目"}]
    assert data["summary"] == {"files": 2, "findings": 1, "errors": 0, "warnings": 1, "infos": 0, "suppressed": 2}


def test_sarif_carries_them_as_external_suppressions(cli, reports):
    log = json.loads(cli("check", "a.txt", "bad.txt", "--format", "sarif").out)
    schema = json.loads((DATA / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(schema).validate(log)
    results = log["runs"][0]["results"]
    assert [(r["ruleId"], r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], r.get("suppressions"))
            for r in results] == [
        ("bare-wan-money", "a.txt", [{"kind": "external", "justification": R_WAN}]),
        ("handled-le-received", "bad.txt", [{"kind": "external", "justification": R_HANDLED}]),
        ("bare-wan-money", "bad.txt", None),
    ]


def test_github_annotations_leave_them_out(cli, reports):
    result = cli("check", "a.txt", "bad.txt", "--format", "github")
    assert result.out == (
        "::warning file=bad.txt,line=48,col=140,endLine=48,endColumn=144,title=bare-wan-money::"
        "2.25万省略了“元”，应写作“2.25万元”\n"
        "检查了 2 个文件：0 个错误，1 个警告，0 个提示，已忽略 2 个。\n")


def test_a_fingerprint_silences_that_finding_only(cli, reports):
    found = json.loads(cli("check", "bad.txt", "--no-config", "--format", "json").out)["findings"]
    handled = next(f for f in found if f["rule"] == "handled-le-received")
    (reports / "reportkit.yaml").write_text(
        f"ignore:\n  - rule: '*'\n    fingerprint: {handled['fingerprint']}\n    reason: 已核实\n", encoding="utf-8")
    data = json.loads(cli("check", "a.txt", "bad.txt", "--format", "json").out)
    assert [(s["path"], s["rule"]) for s in data["suppressed"]] == [("bad.txt", "handled-le-received")]
    assert [(f["path"], f["rule"]) for f in data["findings"]] == [("a.txt", "bare-wan-money"), ("bad.txt", "bare-wan-money")]


def test_paths_are_globs_relative_to_the_configuration(cli, reports, monkeypatch):
    folder = reports / "reports" / "2023"
    folder.mkdir(parents=True)
    (folder / "h1.txt").write_text(sample_text(), encoding="utf-8")
    (reports / "reportkit.yaml").write_text(
        "ignore:\n  - rule: bare-wan-money\n    path: reports/**/*.txt\n    reason: 旧报告\n", encoding="utf-8")
    monkeypatch.chdir(reports / "reports")
    data = json.loads(cli("check", "2023/h1.txt", "../a.txt", "--format", "json").out)
    assert [s["path"] for s in data["suppressed"]] == ["2023/h1.txt"]
    assert [f["path"] for f in data["findings"]] == ["../a.txt"]


@pytest.mark.parametrize("pattern, path, expected", [
    ("*.txt", "reports/2023/a.txt", True),  # no folder: the file name, anywhere
    ("a.txt", "reports/a.txt", True),
    ("reports/*.txt", "reports/a.txt", True),
    ("reports/*.txt", "reports/2023/a.txt", False),  # * stays in one folder
    ("reports/**/*.txt", "reports/a.txt", True),  # ** is any number of folders, none too
    ("reports/**/*.txt", "reports/2023/h1/a.txt", True),
    ("./reports/**", "reports/2023/a.txt", True),
    ("reports/**/b.txt", "reports/2023/a.txt", False),
    ("/tmp/*.txt", "/tmp/x.txt", True),
    ("**/" * 300 + "x", "a/" * 300 + "x", True),  # no recursion to run out of
])
def test_glob_match(pattern, path, expected):
    assert glob_match(pattern, path) is expected


def test_a_corpus_record_is_matched_by_its_corpus_file(cli, reports):
    lines = [json.dumps({"content": sample_text()}, ensure_ascii=False)] * 2
    (reports / "corpus.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (reports / "reportkit.yaml").write_text(
        "ignore:\n  - rule: bare-wan-money\n    path: corpus.jsonl\n    reason: 语料照录\n", encoding="utf-8")
    data = json.loads(cli("check", "corpus.jsonl", "--format", "json", "--jobs", "1").out)
    assert ([s["path"] for s in data["suppressed"]], data["findings"]) == (["corpus.jsonl:1", "corpus.jsonl:2"], [])


@pytest.mark.parametrize("entry, message", [
    ("  - rule: bare-wan-money\n", "reportkit.yaml:2: ignore: an entry needs 'reason' (why is this finding silenced?)"),
    ("  - rule: x\n    reason: '  '\n", "reportkit.yaml:3: ignore: 'reason' must be a non-empty string"),
    ("  - reason: r\n", "reportkit.yaml:2: ignore: an entry needs 'rule'"),
    ("  - rule: x\n    reason: r\n    line: 3\n",
     "reportkit.yaml:4: ignore: unknown key 'line' (allowed: rule, path, text, fingerprint, reason)"),
    ("  - rule: x\n    reason: r\n    fingerprint: 12ab\n",
     "reportkit.yaml:4: ignore: 'fingerprint' must be 32 hexadecimal digits (as in --format json or the baseline)"),
    ("  - rule: x\n    reason: r\n  - 3\n", "reportkit.yaml:4: each 'ignore' item must be a rule id or a mapping "
                                        "with 'rule' and 'reason'"),
])
def test_a_bad_entry_is_a_located_error(cli, reports, entry, message):
    (reports / "reportkit.yaml").write_text("ignore:\n" + entry, encoding="utf-8")
    result = cli("check", "a.txt")
    assert (result.code, result.out, result.err) == (2, "", f"reportkit: error: {message}\n")


def test_pyproject_entries(cli, reports):
    (reports / "reportkit.yaml").unlink()
    (reports / "pyproject.toml").write_text(
        f'[tool.reportkit]\nignore = [{{rule = "bare-wan-money", path = "a.txt", reason = "{R_WAN}"}}]\n',
        encoding="utf-8")
    assert cli("check", "a.txt").out == "检查了 1 个文件，没有发现问题，已忽略 1 个。\n"
    (reports / "pyproject.toml").write_text('[tool.reportkit]\nignore = [{rule = "bare-wan-money"}]\n', encoding="utf-8")
    result = cli("check", "a.txt")
    assert (result.code, result.err) == (
        2, "reportkit: error: pyproject.toml [tool.reportkit]: ignore: an entry needs 'reason' "
           "(why is this finding silenced?)\n")


def test_the_baseline_still_works_beside_ignore_entries(cli, reports):
    result = cli("check", "a.txt", "bad.txt", "--write-baseline", "base.json")
    assert (result.code, result.err) == (0, "reportkit: wrote 1 finding(s) to the baseline base.json\n")
    saved = json.loads((reports / "base.json").read_text(encoding="utf-8"))["findings"]
    assert [(f["path"], f["rule"]) for f in saved] == [("bad.txt", "bare-wan-money")]  # ignored ones are not recorded
    result = cli("check", "a.txt", "bad.txt", "--baseline", "base.json", "--fail-on", "warning")
    assert (result.code, result.out) == (
        0, "检查了 2 个文件，没有发现问题，已忽略 2 个。（基线已略去 1 个旧问题）\n")
    data = json.loads(cli("check", "a.txt", "bad.txt", "--baseline", "base.json", "--format", "json").out)
    assert [(s["path"], s["rule"], s["suppressed_by"], s["reason"]) for s in data["suppressed"]] == [
        ("a.txt", "bare-wan-money", "ignore", R_WAN),
        ("bad.txt", "handled-le-received", "ignore", R_HANDLED),
        ("bad.txt", "bare-wan-money", "baseline", "已记录在基线 base.json 中"),
    ]
    assert data["summary"]["suppressed"] == 3
    shown = cli("check", "bad.txt", "--baseline", "base.json", "--show-suppressed").out
    assert f"bad.txt:48:140  bare-wan-money  warning（已忽略）: 2.25万省略了“元”，应写作“2.25万元”\n" \
           f"  = 已忽略：已记录在基线 base.json 中\n" in shown
