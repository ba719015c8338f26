"""Rule files: the default pack loads and matches its JSON Schema; every broken rule file
is a one-line RuleFileError naming file and line, never a traceback."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from reportkit.check import load_rules, select_rules
from reportkit.check.loader import default_rules_dir, load_file
from reportkit.check.schema import BINDING_KEYS, RULE_KEYS, strip_marks
from reportkit.errors import ReportkitError, RuleFileError

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_IDS = [
    "handled-le-received", "fixed-le-found", "rate-matches-counts", "persons-ge-households",
    "same-metric-different-values", "restatement-agrees", "bare-wan-money", "mixed-money-units",
    "parts-le-total", "parts-equal-total", "part-le-total", "composition-sums-to-100", "share-le-100", "share-matches-parts",
    "share-of-target-matches", "share-of-target-consistent", "overfulfilled-above-100", "heading-skip", "heading-repeat", "generated-le-published",
    "as-of-le-published", "range-low-le-high",
]

GOOD = """\
rules:
  - id: my-rule
    title: 测试
    severity: error
    bind:
      received:
        verb: 受理
      handled:
        verb: [办结]
        after: received
    assert: handled <= received
    message: "{handled.text}多于{received.text}"
"""


def write(tmp_path, text, name="r.yaml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def error_of(tmp_path, text) -> str:
    path = write(tmp_path, text)
    with pytest.raises(RuleFileError) as info:
        load_file(path)
    message = str(info.value)
    assert "\n" not in message
    return message.replace(str(path), "r.yaml")


def test_default_pack_loads_every_rule_in_order():
    assert [r.id for r in load_rules()] == DEFAULT_IDS


def test_default_pack_is_found_installed_or_in_the_source_checkout():
    found = default_rules_dir()
    assert found == ROOT / "rules" or found.as_posix().endswith("reportkit/default_rules")
    assert sorted(p.name for p in found.glob("*.yaml")) == sorted(p.name for p in (ROOT / "rules").glob("*.yaml"))


def test_every_default_rule_has_pass_and_fail_examples():
    for rule in load_rules():
        kinds = {e.kind for e in rule.examples}
        assert kinds == {"pass", "fail"}, rule.id


def test_default_rule_files_validate_against_the_published_schema():
    schema = json.loads((ROOT / "rules" / "schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    for path in sorted((ROOT / "rules").glob("*.yaml")):
        errors = list(validator.iter_errors(yaml.safe_load(path.read_text(encoding="utf-8"))))
        assert errors == [], (path.name, errors[0].message if errors else None)


def test_schema_json_knows_exactly_the_keys_the_loader_knows():
    schema = json.loads((ROOT / "rules" / "schema.json").read_text(encoding="utf-8"))
    assert sorted(schema["$defs"]["rule"]["properties"]) == sorted(RULE_KEYS)
    assert sorted(schema["$defs"]["binding"]["properties"]) == sorted(BINDING_KEYS)


def test_schema_json_rejects_what_the_loader_rejects():
    schema = json.loads((ROOT / "rules" / "schema.json").read_text(encoding="utf-8"))
    bad = yaml.safe_load(GOOD.replace("severity: error", "severity: fatal"))
    assert not jsonschema.Draft202012Validator(schema).is_valid(bad)


def test_a_good_user_rule_loads(tmp_path):
    (rule,) = load_file(write(tmp_path, GOOD))
    assert (rule.id, rule.severity, rule.scope, rule.report) == ("my-rule", "error", "sentence", "handled")
    assert [b.name for b in rule.bindings] == ["received", "handled"]
    assert rule.bindings[0].verb == ("受理",)


@pytest.mark.parametrize("text, expected", [
    ("rules: [\n  - id: x\n", "r.yaml:2: invalid YAML: expected the node content, but found '-'"),
    ("rules:\n  - id: x\n   title: t\n", "r.yaml:3: invalid YAML: expected <block end>, but found '<block mapping start>'"),
    ("rules:\n  - id: x\n    title: t\n    title: u\n", "r.yaml:4: duplicate key 'title'"),
    ("- 1\n", "r.yaml:1: a rule file must be a mapping with a 'rules:' list"),
    ("rule: []\n", "r.yaml:1: unknown top-level key 'rule'; did you mean 'rules'?"),
    ("rules: 3\n", "r.yaml:1: 'rules' must be a list of rules"),
    (GOOD.replace("    title: 测试\n", "    titel: 测试\n"),
     "r.yaml:3: rule 'my-rule': unknown key 'titel'; did you mean 'title'?"),
    (GOOD.replace("severity: error", "severity: fatal"),
     "r.yaml:4: rule 'my-rule': 'severity' must be one of error, warning, info, not 'fatal'"),
    (GOOD.replace("    title: 测试\n", ""), "r.yaml:2: rule 'my-rule': missing required key 'title'"),
    (GOOD.replace("id: my-rule", "id: 'my rule'"),
     "r.yaml:2: 'id' is required: letters, digits, '-', '_' or '.' (e.g. handled-le-received)"),
    (GOOD.replace("handled <= received", "handled <= recieved"),
     "r.yaml:11: rule 'my-rule': assert: unknown name 'recieved' (known: handled, received); "
     "did you mean 'received'? (column 12 of 'handled <= recieved')"),
    (GOOD.replace("handled <= received", "handled <="),
     "r.yaml:11: rule 'my-rule': assert: unexpected the end (column 11 of 'handled <=')"),
    (GOOD.replace("handled <= received", "handled + received"),
     "r.yaml:11: rule 'my-rule': assert: the expression must be a condition such as 'a <= b'"),
    (GOOD.replace("handled <= received", "__import__('os') == 1"),
     "r.yaml:11: rule 'my-rule': assert: unexpected character \"'\" (column 12 of \"__import__('os') == 1\")"),
    (GOOD.replace("after: received", "after: nobody"),
     "r.yaml:10: rule 'my-rule': bind 'handled': after: 'nobody' is not a binding defined above it"),
    (GOOD.replace("verb: [办结]", "verbs: [办结]"),
     "r.yaml:9: rule 'my-rule': unknown condition in binding 'handled': 'verbs'; did you mean 'verb'?"),
    (GOOD.replace("verb: [办结]", "gap: -1"),
     "r.yaml:9: rule 'my-rule': 'gap' must be a whole number ≥ 0"),
    (GOOD.replace("verb: [办结]", "label: '(unclosed'"),
     "r.yaml:9: rule 'my-rule': 'label': invalid regular expression: missing ), unterminated subpattern at position 0"),
    (GOOD.replace("verb: [办结]", "dimension: money-ish"),
     "r.yaml:9: rule 'my-rule': 'dimension': unknown value 'money-ish' (use one of: count, money, area, length, "
     "mass, energy, power, volume, duration, percent, percentage-point, multiple, ratio, number)"),
    (GOOD.replace("{handled.text}", "{handled.txt}"),
     "r.yaml:12: rule 'my-rule': message: {handled.txt}: unknown attribute 'txt' (use one of: text, label, verb, "
     "unit, value, lower, upper, qualifier, dimension, base_value, base_unit, key, line, col)"),
    (GOOD.replace("{handled.text}", "{nobody}"),
     "r.yaml:12: rule 'my-rule': message: {nobody}: unknown name 'nobody' (known: handled, received)"),
    (GOOD.replace("{handled.text}", "{handled"),
     "r.yaml:12: rule 'my-rule': message: unclosed '{' at character 1"),
    (GOOD + "    scope: page\n", "r.yaml:13: rule 'my-rule': 'scope' must be one of clause, sentence, paragraph, section, document, not 'page'"),
    (GOOD + "    params: {tolerance: lots}\n", "r.yaml:13: rule 'my-rule': params: 'tolerance' must be a number"),
    (GOOD + "    check: heading-skip\n", "r.yaml:5: rule 'my-rule': 'bind' cannot be used with 'check'"),
    (GOOD + "    examples:\n      fail: [受理5件，办结6件]\n",
     "r.yaml:14: rule 'my-rule': examples: mark the number(s) a fail example must be reported on with [[…]]"),
    (GOOD + "    examples:\n      pass:\n        - 受理5件，办结[[4件]]\n",
     "r.yaml:15: rule 'my-rule': examples: a pass example has nothing to mark; remove [[…]]"),
    (GOOD + GOOD.replace("rules:\n", ""), "r.yaml:13: rule 'my-rule': duplicate rule id (first defined on line 2)"),
    ("rules:\n  - id: s\n    title: t\n    severity: info\n    check: heading-jump\n    message: m\n",
     "r.yaml:5: rule 's': unknown built-in check 'heading-jump' (use one of: as-of-after-published, date-order, heading-repeat, heading-skip, range-order)"),
    ("rules:\n  - id: s\n    title: t\n    severity: info\n    check: heading-skip\n    options: {begin: 0}\n    message: m\n",
     "r.yaml:6: rule 's': options: unknown option 'begin' (allowed: start)"),
    ("rules:\n  - id: s\n    title: t\n    severity: info\n    check: heading-skip\n    message: '{numbr}'\n",
     "r.yaml:6: rule 's': message: {numbr}: unknown name 'numbr' (known: expected, marker, number, previous, title); did you mean 'number'?"),
])
def test_broken_rule_files_are_located_one_line_errors(tmp_path, text, expected):
    assert error_of(tmp_path, text) == expected


def test_a_list_binding_must_be_aggregated(tmp_path):
    text = GOOD.replace("        after: received\n", "        after: received\n        many: true\n")
    assert error_of(tmp_path, text) == (
        "r.yaml:12: rule 'my-rule': assert: a comparison needs numbers, not a list (use sum/count/min/max) "
        "(column 1 of 'handled <= received')"
    )


def test_non_utf8_and_missing_rule_files(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_bytes("rules: []  # 中文".encode("gb18030"))
    with pytest.raises(RuleFileError, match=r"bad.yaml: not UTF-8 text"):
        load_file(bad)
    with pytest.raises(RuleFileError, match=r"nope.yaml: no such rule file or directory"):
        load_rules([str(tmp_path / "nope.yaml")], defaults=False)
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(RuleFileError, match=r"no rule files \(\*.yaml, \*.yml\) in this directory"):
        load_rules([str(empty)], defaults=False)


def test_a_user_rule_cannot_redefine_a_default_rule(tmp_path):
    path = write(tmp_path, GOOD.replace("my-rule", "handled-le-received"))
    with pytest.raises(RuleFileError) as info:
        load_rules([str(path)])
    assert str(info.value).startswith(f"{path}:2: rule 'handled-le-received' is already defined in ")


def test_select_and_ignore_take_ids_and_globs():
    rules = load_rules()
    assert [r.id for r in select_rules(rules, ["heading-*"])] == ["heading-skip", "heading-repeat"]
    assert len(select_rules(rules, [], ["heading-*", "bare-wan-money"])) == len(DEFAULT_IDS) - 3
    with pytest.raises(ReportkitError, match=r"--select nope: no rule has this id"):
        select_rules(rules, ["nope"])
    with pytest.raises(ReportkitError, match=r"--ignore x\*: no rule has this id"):
        select_rules(rules, [], ["x*"])


def test_strip_marks_returns_clean_text_and_spans():
    assert strip_marks("受理56件，已办结[[60件]]，另[[3]]") == ("受理56件，已办结60件，另3", ((9, 12), (14, 15)))
