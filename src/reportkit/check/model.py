"""What a loaded rule is: frozen records built by :mod:`.schema` from a rule file."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

SEVERITIES = ("error", "warning", "info")
SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}
SCOPES = ("clause", "sentence", "paragraph", "section", "document")
SAME_FIELDS = (
    "label", "verb", "unit", "dimension", "key", "base_unit", "clause", "sentence", "paragraph", "heading",
    "target", "cumulative", "per",
    "metric",  # what is counted, with channel and period (the statement layer)
    "period",  # the dates and period words (去年, 上半年, 过去五年) of the quantity's sentence
)


def downgrade(severity: str) -> str:
    """A possible (not definite) violation is reported one level lower."""
    return {"error": "warning", "warning": "info"}.get(severity, "info")


@dataclass(frozen=True)
class Binding:
    name: str
    line: int
    kind: str = "quantity"  # quantity | match (a text match such as 其中)
    many: bool = False
    min: int = 1
    pick: str = "nearest"  # nearest | all
    # filters on one quantity
    verb: tuple[str, ...] = ()
    verb_not: tuple[str, ...] = ()
    label: object = None  # compiled regex
    label_not: object = None
    context: object = None  # regex over the clause text before the number
    context_not: object = None
    follow: object = None  # regex over the text right after the number (same sentence)
    text: object = None
    unit: tuple[str, ...] = ()
    unit_not: tuple[str, ...] = ()
    dimension: tuple[str, ...] = ()
    unit_inferred: bool | None = None
    qualified: bool | None = None  # has a qualifier (余/超/近/约…)
    target: bool | None = False  # plans and minimums are skipped unless asked for
    per: bool | None = False  # per-period rates (每个月…) are skipped unless asked for
    rounding: bool = False  # widen by ±½ unit in the last written place
    match: object = None  # regex, for kind == "match"
    # relations to earlier bindings
    after: str | None = None
    before: str | None = None
    exclusive: bool = True
    gap: int | None = None
    until: object = None
    within: tuple[tuple[str, str], ...] = ()  # (scope, binding)
    same: tuple[tuple[str, str], ...] = ()  # (field, binding)
    differ: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Example:
    kind: str  # pass | fail
    text: str  # with the marks removed
    marks: tuple[tuple[int, int], ...]  # spans a fail must be reported on (first = location)
    line: int
    severity: str | None = None  # a fail's expected severity, when given


@dataclass(frozen=True)
class Rule:
    id: str
    title: str
    severity: str
    source: str  # the rule file
    line: int
    description: str = ""
    scope: str = "sentence"
    bindings: tuple[Binding, ...] = ()
    assertion: object = None  # parsed expression, or None: every match is a finding
    assertion_text: str | None = None
    params: dict[str, Decimal] = field(default_factory=dict)
    message: object = None  # parsed template
    message_text: str = ""
    report: str | None = None  # the binding that locates a finding
    possible: str = "downgrade"  # downgrade | ignore: what to do where it fails for some values
    check: str | None = None  # a built-in check instead of bindings (heading-sequence)
    options: dict = field(default_factory=dict)
    examples: tuple[Example, ...] = ()
    help: str | None = None
    tags: tuple[str, ...] = ()
    # rules over the statement layer's relations (``relation:`` instead of ``bind:``)
    relation: str | None = None  # breakdown | flow | rate | share | groups | restatement
    modes: tuple[str, ...] = ()  # where: mode (any of)
    certain_only: bool = False  # where: {certain: true}
    defaults: dict[str, Decimal] = field(default_factory=dict)  # a missing optional slot's value
    rounding: tuple[str, ...] = ()  # slots widened by ½ unit in their last written place
    uncertain: str = "downgrade"  # downgrade | ignore: a relation that rests on a guess
