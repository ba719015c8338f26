"""Findings as SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.

Carries what GitHub needs to show an alert: driver rules with id, name, short/full
description, help and default level; results with ruleId, level, message and a region.
Columns are 1-based Unicode code points (``columnKind: unicodeCodePoints``), ``endColumn``
exclusive. ``partialFingerprints`` holds reportkit's line-independent fingerprint;
``upload-sarif`` adds its own ``primaryLocationLineHash``. Findings silenced by an ``ignore``
entry are results with ``suppressions`` (their reason as the justification); findings the
baseline knows are left out, as before.
"""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import quote

from .. import __version__

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def artifact_uri(path: str) -> str:
    """A relative, percent-encoded URI (non-ASCII and ':' encoded; '/' kept)."""
    if path == "<stdin>":
        return "stdin"
    p = Path(path)
    if p.is_absolute():
        try:
            p = p.resolve().relative_to(Path.cwd().resolve())
        except ValueError:
            return p.resolve().as_uri()
    return quote(p.as_posix(), safe="/")


def _rule(rule) -> dict:
    full = rule.description or rule.title
    help_text = rule.help or f"{full}\n\n规则文件：{rule.source}:{rule.line}"
    out = {
        "id": rule.id,
        "name": "".join(part.capitalize() for part in rule.id.replace("_", "-").replace(".", "-").split("-")),
        "shortDescription": {"text": rule.title},
        "fullDescription": {"text": full},
        "help": {"text": help_text},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
    }
    if rule.tags:
        out["properties"] = {"tags": list(rule.tags)}
    return out


def render(findings, rules, *, suppressed=()) -> str:
    """``suppressed``: findings silenced by ignore entries, emitted with ``suppressions``
    (kind ``external``: the configuration, not the report, silences them)."""
    rules = list(rules)
    index = {r.id: i for i, r in enumerate(rules)}
    results = []
    reasons = {id(s.finding): s.reason for s in suppressed}
    if suppressed:  # in their places among the others
        findings = sorted([*findings, *(s.finding for s in suppressed)], key=lambda f: f.sort_key())
    for f in findings:
        result = {
            "ruleId": f.rule,
            "level": LEVELS[f.severity],
            "message": {"text": f.message},
            "locations": [{
                "physicalLocation": {
                    "artifactLocation": {"uri": artifact_uri(f.path)},
                    "region": {
                        "startLine": f.line,
                        "startColumn": max(f.col, 1),
                        "endLine": f.end_line,
                        "endColumn": max(f.end_col, f.col + 1 if f.end_line == f.line else 1),
                    },
                },
            }],
            "partialFingerprints": {"reportkitFingerprint/v1": f.fingerprint},
            "properties": {"certainty": f.certainty},
        }
        place = f.extra.get("location") if f.extra else None
        if place:  # a Word or PDF file: its paragraph / table cell / page, named for people too
            from ..formats.locate import describe

            result["locations"][0]["message"] = {"text": describe(place)}
            result["locations"][0]["properties"] = dict(place)
        if f.rule in index:
            result["ruleIndex"] = index[f.rule]
        if id(f) in reasons:
            result["suppressions"] = [{"kind": "external", "justification": reasons[id(f)]}]
        results.append(result)
    log = {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "reportkit",
                "version": __version__,
                "informationUri": "https://pypi.org/project/reportkit/",
                "rules": [_rule(r) for r in rules],
            }},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    }
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"
