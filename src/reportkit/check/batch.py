"""Checking many documents in worker processes, with the rules loaded once per process.

A :class:`RuleSpec` names a rule set (rule files, the default pack or not, --select, --ignore):
a few strings, cheap to pickle. :func:`rules_for` loads the set a spec names once per process
and keeps it; the parent loads it first (it must, to report a broken rule file before any
work starts) and :func:`install` s it, so worker processes forked afterwards inherit it and
never load it at all; a worker started another way (spawn) loads it on its first document.

A :class:`CheckJob` is the per-document step the CLI's batch machinery
(:mod:`reportkit.cli.run`) runs in the workers: a picklable callable, Document → its findings
(frozen dataclasses, picklable) and, for the text format, the document's text, which the
diagnostics quote. Only documents with findings send their text back.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import budget
from .engine import check_document
from .loader import load_rules, select_rules
from .model import Rule


@dataclass(frozen=True)
class RuleSpec:
    extra: tuple[str, ...] = ()  # --rules files and directories, after the configuration's
    defaults: bool = True  # the built-in pack
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()

    def load(self) -> list[Rule]:
        return select_rules(load_rules(list(self.extra), defaults=self.defaults), self.select, self.ignore)


_current: tuple[RuleSpec, list[Rule]] | None = None


def install(spec: RuleSpec, rules: list[Rule]) -> None:
    """Make ``rules`` this process's (and its future forks') rule set for ``spec``."""
    global _current
    _current = (spec, rules)


def rules_for(spec: RuleSpec) -> list[Rule]:
    """The rule set ``spec`` names: loaded at most once per process."""
    if _current is None or _current[0] != spec:
        install(spec, spec.load())
    return _current[1]


@dataclass(frozen=True)
class CheckJob:
    """Document → (findings, its text or None). ``with_text``: send back the text of a
    document that has findings (the text format shows the source lines)."""

    rules: RuleSpec
    with_text: bool = False
    timeout: float | None = budget.DEFAULT_SECONDS  # per document; None or 0: no limit

    def __call__(self, doc) -> tuple[list, str | None]:
        with budget.document(doc.meta.path, self.timeout):
            findings = check_document(doc, rules_for(self.rules), doc.meta.path)
        return findings, doc.text if self.with_text and findings else None
