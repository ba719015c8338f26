"""A rule's own examples are its tests: each ``fail`` must raise the rule on the marked
number(s), each ``pass`` must not raise it at all (``reportkit rules test``, and pytest)."""

from __future__ import annotations

from dataclasses import dataclass

from .engine import check_document
from .model import Example, Rule


@dataclass(frozen=True)
class ExampleResult:
    rule: Rule
    example: Example
    ok: bool
    problem: str = ""  # why it failed, in plain words


def run_example(rule: Rule, example: Example, parse=None) -> ExampleResult:
    if parse is None:
        from ..document import parse
    doc = parse(example.text, path="<example>")
    findings = [f for f in check_document(doc, [rule], "<example>") if f.rule == rule.id]
    if example.kind == "pass":
        if findings:
            shown = "; ".join(f"{f.message} @ {example.text[f.start:f.end]!r}" for f in findings)
            return ExampleResult(rule, example, False, f"raised on a pass example: {shown}")
        return ExampleResult(rule, example, True)
    first = example.marks[0]
    for f in findings:
        if not _overlaps((f.start, f.end), first):
            continue
        spans = [(q.start, q.end) for q in f.quantities] or [(f.start, f.end)]
        missing = [m for m in example.marks[1:] if not any(_overlaps(s, m) for s in spans)]
        if missing:
            continue
        if example.severity and f.severity != example.severity:
            return ExampleResult(rule, example, False,
                                 f"raised as {f.severity}, expected {example.severity}: {f.message}")
        return ExampleResult(rule, example, True)
    marked = "、".join(example.text[a:b] for a, b in example.marks)
    if findings:
        got = "; ".join(f"{example.text[f.start:f.end]!r}" for f in findings)
        return ExampleResult(rule, example, False, f"not raised on {marked}; raised on {got} instead")
    return ExampleResult(rule, example, False, f"not raised on {marked}")


def _overlaps(a, b) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def run_examples(rules: list[Rule], parse=None) -> list[ExampleResult]:
    return [run_example(rule, ex, parse) for rule in rules for ex in rule.examples]
