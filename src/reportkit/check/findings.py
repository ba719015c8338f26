"""A finding: one rule's verdict on one place in one report."""

from __future__ import annotations

from dataclasses import dataclass, field

from .model import SEVERITIES, SEVERITY_RANK


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: str  # error | warning | info, after any downgrade
    certainty: str  # definite | possible
    message: str
    path: str
    start: int  # offsets into the document text
    end: int
    line: int  # 1-based
    col: int  # 1-based, in characters
    end_line: int
    end_col: int  # exclusive: one past the last character
    quantities: tuple = ()  # the Quantity records involved, in text order
    context: str = ""  # the sentence (or line) the finding is in, for fingerprints
    fingerprint: str = ""
    extra: dict = field(default_factory=dict, compare=False)

    @property
    def rank(self) -> int:
        return SEVERITY_RANK[self.severity]

    def sort_key(self):
        return (self.path, self.line, self.col, self.rule, self.end)


def severity_counts(findings) -> dict[str, int]:
    counts = dict.fromkeys(SEVERITIES, 0)
    for f in findings:
        counts[f.severity] += 1
    return counts


def summary(findings, files: int) -> dict:
    counts = severity_counts(findings)
    return {
        "files": files,
        "findings": len(findings),
        "errors": counts["error"],
        "warnings": counts["warning"],
        "infos": counts["info"],
    }
