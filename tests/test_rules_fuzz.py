"""Fuzzing `reportkit check --rules`: random, truncated and wrongly typed rule files.

Whatever the rule file holds, check either runs (exit 0 or 1, the file was a valid rule
file) or exits 2 with one line that names the rule file and where in it (``path:line: …``,
or ``path: not UTF-8 text (byte N)``); never a traceback.
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from reportkit.check.loader import default_rules_dir

# REPORTKIT_FUZZ=20 python -m pytest tests/test_… hunts 20× longer than the suite does.
SCALE = int(os.environ.get("REPORTKIT_FUZZ", "1"))


RULE_FILES = sorted(default_rules_dir().glob("*.yaml"))
SOURCES = {p.name: p.read_text(encoding="utf-8") for p in RULE_FILES}
REPORT = "一、总体情况\n全年受理群众来信1900余件，已答复1850件；新增就业3.2万人，增长5%。\n"

GOOD = {
    "id": "my-rule", "title": "测试", "severity": "error", "scope": "sentence",
    "bind": {"received": {"verb": ["受理"], "dimension": "count"},
             "handled": {"verb": ["办结"], "after": "received", "same": "base_unit"}},
    "assert": "handled <= received",
    "message": "{handled.text}多于{received.text}",
    "examples": {"pass": ["受理12件，办结10件。"], "fail": ["受理12件，办结[[13件]]。"]},
}

scalars = st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**6),
                    st.floats(allow_nan=False, allow_infinity=False), st.text(max_size=12))
anything = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=8), inner, max_size=3)), max_leaves=8)


def dump(value) -> bytes:
    return yaml.safe_dump(value, allow_unicode=True, sort_keys=False).encode("utf-8")


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> str:
    path = tmp_path_factory.mktemp("report") / "report.txt"
    path.write_text(REPORT, encoding="utf-8")
    return str(path)


@pytest.mark.parametrize("data, line", [(b"\x00", 1), (b"rules: \x01\n", 1), (b"rules:\n  - id: a\x1b\n", 2),
                                        (b"rules:\r\n\r\n  - id: a\x7f\n", 3)])
def test_a_control_character_in_a_rule_file(cli, report, data, line):
    result = run_check(cli, report, data)
    assert result.code == 2, result
    code = re.search(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", data).group()[0]
    assert result.err.endswith(f"rules.yaml:{line}: invalid YAML: character U+{code:04X} is not allowed\n"), result


@pytest.mark.parametrize("data", [
    b"rules: 2023-02-30\n", b"rules:\n  - id: !!timestamp 2023-13-01\n",  # values a tag cannot hold
    b"rules: !!int 0x\n", b"rules: !!float x\n", b"rules: !!binary xyz\n",
    b"rules: " + b"[" * 3000 + b"\n",  # nested too deeply to read
])
def test_a_value_yaml_cannot_build_in_a_rule_file(cli, report, data):
    result = run_check(cli, report, data)
    assert result.code == 2, result


def run_check(cli, report: str, data: bytes):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "rules.yaml"
        path.write_bytes(data)
        result = cli("check", "--no-config", "--no-default-rules", "--rules", str(path), report)
        assert result.code in (0, 1, 2), result
        assert "Traceback" not in result.err, result
        if result.code == 2:
            lines = result.err.splitlines()
            assert len(lines) == 1, result
            located = re.match(rf"reportkit: error: {re.escape(str(path))}(:\d+: |: not UTF-8 text \(byte \d+\))",
                               lines[0])
            assert located or lines[0] == ("reportkit: error: no rules to run "
                                           "(check --select/--ignore and --no-default-rules)"), result
        return result


FUZZ = settings(max_examples=80 * SCALE, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


@FUZZ
@given(name=st.sampled_from(sorted(SOURCES)), cut=st.floats(0, 1))
@example(name=sorted(SOURCES)[0], cut=0.5)
def test_truncated_rule_files(cli, report, name, cut):
    data = SOURCES[name].encode("utf-8")
    run_check(cli, report, data[: int(len(data) * cut)])


@FUZZ
@given(data=st.one_of(
    st.binary(max_size=300),
    anything.map(lambda v: dump(v)),
    st.dictionaries(st.just("rules"), st.lists(anything, max_size=3))
      .map(lambda v: dump(v)),
    st.text(alphabet="rules:-[]{}&*!|>'\"#%@ \n\tidbn0123", max_size=120).map(str.encode),
))
@example(data=b"\xff\xfe")
@example(data=b"rules:\n  - &a {id: x}\n  - *a\n")
@example(data=b"rules:\n  - <<: {id: x}\n")
@example(data=b"rules:\n- id: a\n  id: b\n")
def test_random_rule_files(cli, report, data):
    run_check(cli, report, data)


@FUZZ
@given(path=st.sampled_from([
    ("id",), ("title",), ("severity",), ("scope",), ("bind",), ("bind", "received"),
    ("bind", "received", "verb"), ("bind", "received", "dimension"), ("bind", "handled", "after"),
    ("bind", "handled", "same"), ("assert",), ("message",), ("examples",), ("examples", "pass"),
    ("examples", "fail"), (None,)]), value=anything)
def test_rules_with_wrong_types(cli, report, path, value):
    import copy

    rule = copy.deepcopy(GOOD)
    node = rule
    for key in path[:-1]:
        node = node[key]
    if path[-1] is None:
        rule = value  # the rule itself is not a mapping
    else:
        node[path[-1]] = value
    data = dump({"rules": [rule]})
    run_check(cli, report, data)


@pytest.mark.parametrize("path, value", [
    (("severity",), 5), (("id",), ["a"]), (("bind",), "x"), (("assert",), {"a": 1}),
    (("examples",), 3), (("bind", "received", "verb"), {"k": "v"}), (("message",), None),
    (("scope",), "chapter"), (("bind", "handled", "after"), 7), (("title",), []),
])
def test_a_wrong_type_is_exit_2_at_its_line(cli, report, path, value):
    import copy

    rule = copy.deepcopy(GOOD)
    node = rule
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    result = run_check(cli, report, dump({"rules": [rule]}))
    assert result.code == 2 and re.search(r"rules\.yaml:\d+: ", result.err), result


def test_the_good_rule_runs(cli, report):
    result = run_check(cli, report, dump({"rules": [GOOD]}))
    assert result.code == 0, result
