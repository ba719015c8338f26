"""Every rule's own examples, run as tests (what `reportkit rules test` runs)."""

from __future__ import annotations

import pytest

from reportkit.check import load_rules
from reportkit.check.examples import run_example

CASES = [(rule, ex) for rule in load_rules() for ex in rule.examples]


@pytest.mark.parametrize(
    "rule, example", CASES,
    ids=[f"{rule.id}-{ex.kind}-L{ex.line}" for rule, ex in CASES],
)
def test_rule_example(rule, example):
    result = run_example(rule, example)
    assert result.ok, result.problem


def test_the_pack_has_examples_for_every_rule():
    assert len(CASES) == 98
