"""`reportkit check`, `reportkit rules list|test`: exit codes, every error path, formats,
baselines and configuration discovery."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
from conftest import SAMPLE, sample_text

from reportkit.document import parse

DATA = Path(__file__).resolve().parent / "data"
GITHUB_LINE = re.compile(
    r"^::(error|warning|notice) file=[^,:]+,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=[^,:]+::[^\r\n]+$"
)


@pytest.fixture
def work(tmp_path, monkeypatch):
    """A clean working directory (no configuration above it) with helpers to write reports."""
    monkeypatch.chdir(tmp_path)

    def report(name="r.txt", old=None, new=None, prefix=""):
        text = sample_text()
        if old:
            assert text.count(old) == 1
            text = text.replace(old, new)
        (tmp_path / name).write_text(prefix + text, encoding="utf-8")
        return name

    return report


PLANTED = ("已办结1811件", "已办结1911件")


def test_clean_sample_exits_0_and_shows_the_notation_warning(cli, monkeypatch):
    monkeypatch.chdir(SAMPLE.parent.parent)
    result = cli("check", "samples/dongcheng-2023h1.txt")
    assert result.code == 0, result
    lines = result.out.splitlines()
    assert lines[0] == "samples/dongcheng-2023h1.txt:48:140  bare-wan-money  warning: 2.25万省略了“元”，应写作“2.25万元”"
    assert lines[1:4] == [
        "   |",
        "48 | …29.64万元;走访慰问城市“三无”对象2人,发放资金2.25万;走访慰问困境儿童10人,…",
        "   |                                              ^^^^^^",
    ]
    assert lines[-1] == "检查了 1 个文件：0 个错误，1 个警告，0 个提示。"


def test_an_error_exits_1_and_fail_on_moves_the_threshold(cli, work):
    bad = work("bad.txt", *PLANTED)
    result = cli("check", bad)
    assert result.code == 1
    assert result.out.splitlines()[0] == "bad.txt:38:92  handled-le-received  error: 办结1911件，多于受理的1896件：办结数不能超过受理数"
    clean = work("clean.txt")
    assert cli("check", clean, "--fail-on", "warning").code == 1
    assert cli("check", clean, "--fail-on", "warning", "--ignore", "bare-wan-money").code == 0
    assert cli("check", bad, "--select", "fixed-le-found,heading-*").code == 0


def test_json_output(cli, work):
    bad = work("bad.txt", *PLANTED)
    result = cli("check", bad, "--format", "json")
    data = json.loads(result.out)
    assert result.code == 1
    assert data["schema"] == "reportkit.findings/1"
    first = data["findings"][0]
    assert {k: first[k] for k in ("rule", "severity", "certainty", "path", "line", "col", "end_line", "end_col")} == {
        "rule": "handled-le-received", "severity": "error", "certainty": "definite", "path": "bad.txt",
        "line": 38, "col": 92, "end_line": 38, "end_col": 97,
    }
    ids = {q.text: q.id for q in parse(sample_text().replace(*PLANTED)).quantities}
    assert first["quantities"] == [
        {"id": ids["1896件"], "text": "1896件", "value": "1896", "unit": "件", "line": 38, "col": 83},
        {"id": ids["1911件"], "text": "1911件", "value": "1911", "unit": "件", "line": 38, "col": 92},
    ]
    assert data["summary"] == {"files": 1, "findings": 2, "errors": 1, "warnings": 1, "infos": 0, "suppressed": 0}


def test_sarif_output_validates_against_the_sarif_2_1_0_schema(cli, work):
    bad = work("报告 bad.txt", *PLANTED)
    result = cli("check", bad, "--format", "sarif")
    log = json.loads(result.out)
    schema = json.loads((DATA / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(schema).validate(log)
    run = log["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    rules = run["tool"]["driver"]["rules"]
    assert len(rules) == 22
    assert rules[0]["defaultConfiguration"] == {"level": "error"}
    assert all(r["shortDescription"]["text"] and r["fullDescription"]["text"] and r["help"]["text"] for r in rules)
    error = next(r for r in run["results"] if r["ruleId"] == "handled-le-received")
    assert error["level"] == "error"
    assert error["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": "%E6%8A%A5%E5%91%8A%20bad.txt"},
        "region": {"startLine": 38, "startColumn": 92, "endLine": 38, "endColumn": 97},
    }
    assert rules[error["ruleIndex"]]["id"] == "handled-le-received"
    note = next(r for r in run["results"] if r["ruleId"] == "bare-wan-money")
    assert note["level"] == "warning"


def test_github_output_is_workflow_commands(cli, work):
    bad = work("bad.txt", *PLANTED)
    result = cli("check", bad, "--format", "github")
    lines = result.out.splitlines()
    assert lines[0] == ("::error file=bad.txt,line=38,col=92,endLine=38,endColumn=96,title=handled-le-received::"
                        "办结1911件，多于受理的1896件：办结数不能超过受理数")
    assert all(GITHUB_LINE.match(line) for line in lines[:-1]), lines
    assert lines[-1] == "检查了 1 个文件：1 个错误，1 个警告，0 个提示。"


def test_github_escaping():
    from reportkit.render.github import escape_data, escape_property

    assert escape_data("50%\r\n完成") == "50%25%0D%0A完成"
    assert escape_property("a:b,c%") == "a%3Ab%2Cc%25"


def test_output_file_stdin_directory_and_glob(cli, work, tmp_path):
    work("bad.txt", *PLANTED)
    assert cli("check", "bad.txt", "--format", "json", "--output", "out.json").code == 1
    assert json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))["summary"]["errors"] == 1
    result = cli("check", "-", "--format", "json", stdin=sample_text().encode("utf-8"))
    assert (result.code, json.loads(result.out)["findings"][0]["path"]) == (0, "<stdin>")
    (tmp_path / "d").mkdir()
    work("d/a.txt")
    work("d/b.txt", *PLANTED)
    result = cli("check", "d", "--format", "json")
    assert (result.code, json.loads(result.out)["summary"]["files"]) == (1, 2)
    assert json.loads(cli("check", "d/*.txt", "--format", "json").out)["summary"]["files"] == 2


@pytest.mark.parametrize("args, message", [
    ((), "reportkit: error: no input: name report files, directories, globs, or - for stdin"),
    (("missing.txt",), "reportkit: error: missing.txt: no such file or directory"),
    (("r.txt", "--format", "xml"), "reportkit: error: --format must be one of text, json, sarif, github, html, not 'xml'"),
    (("r.txt", "--fail-on", "fatal"), "reportkit: error: --fail-on must be one of error, warning, info, not 'fatal'"),
    (("r.txt", "--select", "nope"), "reportkit: error: --select nope: no rule has this id (see 'reportkit rules list')"),
    (("r.txt", "--rules", "nope.yaml"), "reportkit: error: nope.yaml: no such rule file or directory"),
    (("r.txt", "--rules", "broken.yaml"),
     "reportkit: error: broken.yaml:4: rule 'x': 'severity' must be one of error, warning, info, not 'high'"),
    (("r.txt", "--baseline", "none.json"),
     "reportkit: error: none.json: baseline file not found (create it with --write-baseline)"),
    (("r.txt", "--baseline", "notjson.json"),
     "reportkit: error: notjson.json:1: not a baseline file: invalid JSON (Expecting value)"),
    (("r.txt", "--baseline", "other.json"),
     "reportkit: error: other.json: not a reportkit baseline (expected \"schema\": \"reportkit.baseline/1\")"),
    (("r.txt", "--config", "nocfg.yaml"), "reportkit: error: nocfg.yaml: no such configuration file"),
    (("r.txt", "--encoding", "klingon"), "reportkit: error: unknown encoding 'klingon'"),
    (("bin.txt",), "reportkit: error: bin.txt: looks like a binary file, not a text report"),
    (("r.txt", "--output", "no/such/dir/out.txt"), "reportkit: error: no/such/dir/out.txt: the directory no/such/dir does not exist"),
])
def test_every_user_error_exits_2_with_one_line(cli, work, tmp_path, args, message):
    work("r.txt")
    (tmp_path / "broken.yaml").write_text(
        "rules:\n  - id: x\n    title: t\n    severity: high\n    message: m\n    bind: {a: {}}\n", encoding="utf-8")
    (tmp_path / "notjson.json").write_text("nope", encoding="utf-8")
    (tmp_path / "other.json").write_text('{"schema": "x"}', encoding="utf-8")
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01\x02" * 100)
    result = cli("check", *args)
    assert result.code == 2, result
    assert result.err.strip() == message
    assert "Traceback" not in result.err


def test_a_usage_error_from_typer_is_exit_2(cli, work):
    result = cli("check", "r.txt", "--no-such-option")
    assert result.code == 2


def test_baseline_round_trip_survives_line_shifts_and_reports_only_new(cli, work, tmp_path):
    work("r.txt", *PLANTED)
    result = cli("check", "r.txt", "--write-baseline", "base.json")
    assert result.code == 0
    assert result.err.strip() == "reportkit: wrote 2 finding(s) to the baseline base.json"
    saved = json.loads((tmp_path / "base.json").read_text(encoding="utf-8"))
    assert saved["schema"] == "reportkit.baseline/1"
    assert [f["rule"] for f in saved["findings"]] == ["handled-le-received", "bare-wan-money"]
    assert cli("check", "r.txt", "--baseline", "base.json").code == 0
    # text added above: lines shift, the old findings stay suppressed
    work("r.txt", *PLANTED, prefix="新增的一段说明。\n\n")
    result = cli("check", "r.txt", "--baseline", "base.json", "--format", "json")
    data = json.loads(result.out)
    assert (result.code, data["findings"], data["summary"]["suppressed"]) == (0, [], 2)
    # a new inconsistency fails, and only it is reported
    text = (tmp_path / "r.txt").read_text(encoding="utf-8").replace("完成整改128处", "完成整改148处")
    (tmp_path / "r.txt").write_text(text, encoding="utf-8")
    result = cli("check", "r.txt", "--baseline", "base.json", "--format", "json")
    data = json.loads(result.out)
    assert result.code == 1
    assert [(f["rule"], f["line"]) for f in data["findings"]] == [("fixed-le-found", 62)]
    # fixing the old error does not bring anything back
    (tmp_path / "r.txt").write_text(text.replace("已办结1911件", "已办结1811件"), encoding="utf-8")
    assert [f["rule"] for f in json.loads(cli("check", "r.txt", "--baseline", "base.json", "--format", "json").out)["findings"]] == ["fixed-le-found"]


def test_config_file_is_found_upward_and_command_line_wins(cli, work, tmp_path, monkeypatch):
    work("r.txt")
    (tmp_path / "reportkit.yaml").write_text("fail-on: warning\nformat: json\n", encoding="utf-8")
    sub = tmp_path / "a" / "b"
    sub.mkdir(parents=True)
    monkeypatch.chdir(sub)
    result = cli("check", "../../r.txt")
    assert result.code == 1
    assert json.loads(result.out)["summary"]["warnings"] == 1
    assert cli("check", "../../r.txt", "--fail-on", "error").code == 0
    assert cli("check", "../../r.txt", "--no-config").out.startswith("../../r.txt:48:140  bare-wan-money")


def test_pyproject_table_and_config_rules_relative_to_the_file(cli, work, tmp_path):
    work("r.txt")
    (tmp_path / "extra").mkdir()
    (tmp_path / "extra" / "mine.yaml").write_text(
        "rules:\n  - id: any-money\n    title: 金额\n    severity: info\n    scope: clause\n"
        "    bind:\n      m:\n        dimension: money\n    message: '{m.text}'\n", encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text(
        '[tool.reportkit]\nrules = ["extra"]\nselect = ["any-money"]\nfail-on = "info"\n', encoding="utf-8")
    result = cli("check", "r.txt", "--format", "json")
    data = json.loads(result.out)
    assert result.code == 1
    assert {f["rule"] for f in data["findings"]} == {"any-money"}
    money = [q for q in parse(sample_text()).quantities if q.dimension == "money"]
    assert data["summary"]["infos"] == len(money) == 14


@pytest.mark.parametrize("text, message", [
    ("fail-on: fatal\n", "reportkit.yaml:1: 'fail-on' must be one of error, warning, info, not 'fatal'"),
    ("formats: json\n", "reportkit.yaml:1: unknown option 'formats' (allowed: rules, select, ignore, fail-on, format, "
                        "baseline, encoding, default-rules, timeout)"),
    ("rules: [a, 3]\n", "reportkit.yaml:1: 'rules' must be a string or a list of strings"),
    ("- a\n", "reportkit.yaml:1: the configuration must be a mapping of options"),
    ("a: [\n", "reportkit.yaml:2: invalid YAML: expected the node content, but found '<stream end>'"),
])
def test_bad_configuration_is_a_located_error(cli, work, tmp_path, text, message):
    work("r.txt")
    (tmp_path / "reportkit.yaml").write_text(text, encoding="utf-8")
    result = cli("check", "r.txt")
    assert (result.code, result.err.strip()) == (2, f"reportkit: error: {message}")


def test_rules_list(cli, work):
    result = cli("rules", "list", "--format", "json")
    data = json.loads(result.out)
    assert result.code == 0
    assert [r["id"] for r in data][:3] == ["handled-le-received", "fixed-le-found", "rate-matches-counts"]
    assert data[0]["source"].endswith(("rules/handled.yaml", "default_rules/handled.yaml"))
    text = cli("rules", "list")
    assert text.code == 0 and "handled-le-received" in text.out and "办结数不能超过受理数" in text.out


def test_rules_test_passes_the_default_pack_and_fails_a_wrong_example(cli, work, tmp_path):
    result = cli("rules", "test")
    assert result.code == 0, result.out
    assert result.out.splitlines()[-1] == "22 条规则，98 个示例：98 个通过，0 个失败。"
    (tmp_path / "mine.yaml").write_text(
        "rules:\n  - id: mine\n    title: t\n    severity: error\n    bind:\n      r: {verb: 受理}\n"
        "      h: {verb: 办结, after: r}\n    assert: h <= r\n    message: '{h.text}'\n"
        "    examples:\n      pass:\n        - 受理10件，办结12件。\n      fail:\n        - 受理10件，办结[[9件]]。\n",
        encoding="utf-8")
    result = cli("rules", "test", "mine.yaml")
    assert result.code == 1
    assert result.out.splitlines() == [
        "FAIL  mine  (1 pass, 1 fail examples)",
        "      mine.yaml:12: pass example: raised on a pass example: 12件 @ '12件'",
        "      mine.yaml:14: fail example: not raised on 9件",
        "1 条规则，2 个示例：0 个通过，2 个失败。",
    ]
    (tmp_path / "bad.yaml").write_text("rules: {}\n", encoding="utf-8")
    result = cli("rules", "test", "bad.yaml")
    assert (result.code, result.err.strip()) == (2, "reportkit: error: bad.yaml:1: 'rules' must be a list of rules")
