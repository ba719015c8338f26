"""Findings as JSON: ``{"schema": "reportkit.findings/1", "findings": [...], "summary": {...}}``.

Lines and columns are 1-based; columns count characters (Unicode code points) and
``end_col`` is exclusive (one past the last character), as in SARIF.
"""

from __future__ import annotations

import json

from .. import __version__
from ..check.findings import summary
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


def render(findings, *, files: int, suppressed: int = 0) -> str:
    data = {
        "schema": SCHEMA,
        "tool": {"name": "reportkit", "version": __version__},
        "findings": [finding_dict(f) for f in findings],
        "summary": {**summary(findings, files), "suppressed": suppressed},
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
