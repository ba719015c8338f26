"""Findings as JSON: ``{"schema": "reportkit.findings/1", "findings": [...], "suppressed": [...],
"unused_ignores": [...], "summary": {...}}``.

A suppressed finding is a finding plus ``suppressed_by`` (``ignore`` or ``baseline``), ``reason``
and ``where`` (the ignore entry's ``file:line``, or the baseline file); ``summary.suppressed``
counts them. They are not in ``findings`` and do not count for the exit code.

Lines and columns are 1-based; columns count characters (Unicode code points) and
``end_col`` is exclusive (one past the last character), as in SARIF.
"""

from __future__ import annotations

import json

from .. import __version__
from ..check.findings import summary
from ..check.suppress import ENTRY_KEYS
from ..serialize import decimal_str

SCHEMA = "reportkit.findings/1"


def finding_dict(f) -> dict:
    return {
        "rule": f.rule,
        "severity": f.severity,
        "certainty": f.certainty,
        "message": f.message,
        "path": f.path,
        "line": f.line,
        "col": f.col,
        "end_line": f.end_line,
        "end_col": f.end_col,
        "fingerprint": f.fingerprint,
        **({"location": f.extra["location"]} if f.extra and f.extra.get("location") else {}),
        "quantities": [
            {"id": q.id, "text": q.text, "value": decimal_str(q.value), "unit": q.unit,
             "line": q.line, "col": q.col}
            for q in f.quantities
        ],
    }


def suppressed_dict(s) -> dict:
    return {**finding_dict(s.finding), "suppressed_by": s.by, "reason": s.reason, "where": s.where}


def unused_dict(entry) -> dict:
    return {"where": entry.where, **{k: getattr(entry, k) for k in ENTRY_KEYS if getattr(entry, k) is not None}}


def render(findings, *, files: int, suppressed=(), unused=()) -> str:
    """``suppressed``: the findings ignore entries and the baseline silence, with reasons;
    ``unused``: ignore entries that matched nothing."""
    data = {
        "schema": SCHEMA,
        "tool": {"name": "reportkit", "version": __version__},
        "findings": [finding_dict(f) for f in findings],
        "suppressed": [suppressed_dict(s) for s in suppressed],
        "unused_ignores": [unused_dict(e) for e in unused],
        "summary": {**summary(findings, files), "suppressed": len(suppressed)},
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
