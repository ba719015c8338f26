"""Baselines: record today's findings so that only new ones fail.

A finding's identity is its fingerprint (rule + the numbers' texts + a hash of its sentence,
all whitespace- and width-normalised) together with its path — never a line number, so a
finding survives text being added above it. Matching is by count: two identical findings in
the baseline suppress at most two.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from ..errors import ReportkitError
from ..output import write_atomic
from .suppress import Suppressed

SCHEMA = "reportkit.baseline/1"


def _key(path: str, fingerprint: str) -> tuple[str, str]:
    return Path(path).as_posix(), fingerprint


def write_baseline(path: str, findings) -> None:
    entries = [
        {"path": Path(f.path).as_posix(), "rule": f.rule, "fingerprint": f.fingerprint,
         "line": f.line, "message": f.message}
        for f in findings
    ]
    text = json.dumps({"schema": SCHEMA, "findings": entries}, ensure_ascii=False, indent=2)
    write_atomic(path, text + "\n")


def read_baseline(path: str) -> Counter:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ReportkitError(f"{path}: baseline file not found (create it with --write-baseline)") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ReportkitError(f"{path}: cannot read the baseline ({exc})") from None
    except json.JSONDecodeError as exc:
        raise ReportkitError(f"{path}:{exc.lineno}: not a baseline file: invalid JSON ({exc.msg})") from None
    if not isinstance(data, dict) or data.get("schema") != SCHEMA or not isinstance(data.get("findings"), list):
        raise ReportkitError(f"{path}: not a reportkit baseline (expected \"schema\": \"{SCHEMA}\")")
    counts: Counter = Counter()
    for i, entry in enumerate(data["findings"]):
        if not isinstance(entry, dict) or not isinstance(entry.get("fingerprint"), str) \
                or not isinstance(entry.get("path"), str):
            raise ReportkitError(f"{path}: finding {i + 1} has no path or fingerprint")
        counts[_key(entry["path"], entry["fingerprint"])] += 1
    return counts


def suppress(findings, remaining: Counter, baseline: str = "") -> tuple[list, list[Suppressed]]:
    """Drop findings the baseline knows; return the new ones and the suppressed ones.
    Uses up ``remaining`` as it goes, so a batch run can apply one baseline to its documents
    one at a time, in order."""
    new, suppressed = [], []
    for f in findings:
        key = _key(f.path, f.fingerprint)
        if remaining[key] > 0:
            remaining[key] -= 1
            suppressed.append(Suppressed(f, f"已记录在基线 {baseline} 中" if baseline else "已记录在基线中",
                                         "baseline", baseline))
        else:
            new.append(f)
    return new, suppressed
