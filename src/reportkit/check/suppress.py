"""Precise suppressions: ``ignore:`` entries of the configuration, each with its reason.

An entry names a rule (an id or a glob) and may narrow it to files (``path``, a glob relative to
the configuration file), to findings involving one number (``text``: a quantity's text, as the
JSON's ``quantities[].text`` shows it, compared width- and whitespace-insensitively) or to one
finding (``fingerprint``, the baseline's). ``reason`` is required: a silenced finding should say
why. A suppressed finding is not counted for the exit code, but it is counted in the summary,
listed in ``--format json`` and SARIF, and shown with ``--show-suppressed``; an entry that
matched nothing in a run is reported there too (it may be stale).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from fnmatch import translate
from itertools import accumulate
from operator import or_
from pathlib import Path

from ..compiled import compile_re

ENTRY_KEYS = ("rule", "path", "text", "fingerprint", "reason")
_FINGERPRINT = compile_re(r"[0-9a-f]{32}")
_RECORD = compile_re(r":\d+$")  # corpus.jsonl:12, one record of a corpus


@dataclass(frozen=True)
class IgnoreEntry:
    rule: str
    reason: str
    path: str | None = None
    text: str | None = None
    fingerprint: str | None = None
    source: str = ""  # the configuration file
    line: int = 0  # 0: not known (TOML)

    @property
    def where(self) -> str:
        return f"{self.source}:{self.line}" if self.line else f"{self.source} [tool.reportkit]"

    def describe(self) -> str:
        return ", ".join(f"{k}: {getattr(self, k)}" for k in ENTRY_KEYS[:-1] if getattr(self, k))


@dataclass(frozen=True)
class Suppressed:
    """A finding that is not counted, and why."""

    finding: object
    reason: str
    by: str  # "ignore" (an entry of the configuration) or "baseline"
    where: str  # the entry's file:line, or the baseline file


def parse_entry(item, source: str, line: int, fail) -> IgnoreEntry:
    """One ``ignore:`` mapping → an entry. ``fail(line, what)`` raises the located error."""
    line_of = getattr(item, "line_of", lambda key: line)
    for key in item:
        if key not in ENTRY_KEYS:
            fail(line_of(key), f"ignore: unknown key {key!r} (allowed: {', '.join(ENTRY_KEYS)})")
    values = {}
    for key in ENTRY_KEYS:
        value = item.get(key)
        if value is None:
            if key in ("rule", "reason"):
                fail(line, f"ignore: an entry needs {key!r}"
                           + (" (why is this finding silenced?)" if key == "reason" else ""))
            continue
        if not isinstance(value, str) or not value.strip():
            fail(line_of(key), f"ignore: {key!r} must be a non-empty string")
        values[key] = value.strip()
    fingerprint = values.get("fingerprint")
    if fingerprint is not None and not _FINGERPRINT.fullmatch(fingerprint):
        fail(line_of("fingerprint"), "ignore: 'fingerprint' must be 32 hexadecimal digits "
                                     "(as in --format json or the baseline)")
    return IgnoreEntry(source=source, line=line, **values)


class Suppressor:
    """Applies entries to findings, one document at a time, and remembers which were used."""

    def __init__(self, entries, base: Path | None = None):
        from .engine import normalize

        self.entries = list(entries)
        self.used = [0] * len(self.entries)
        self._base = (base or Path.cwd()).resolve()
        self._paths: dict[str, tuple[str, ...]] = {}
        self._normalize = normalize
        # compiled once: a configuration may hold thousands of entries (fnmatch's cache is 32k)
        self._rules = [_glob(e.rule) for e in self.entries]
        self._globs = [Glob(e.path) if e.path else None for e in self.entries]
        self._texts = [normalize(e.text) if e.text else None for e in self.entries]

    def __bool__(self) -> bool:
        return bool(self.entries)

    def split(self, findings) -> tuple[list, list[Suppressed]]:
        """(findings still counted, suppressed findings); the first matching entry wins."""
        kept, dropped = [], []
        for f in findings:
            for i, entry in enumerate(self.entries):
                if self._matches(i, entry, f):
                    self.used[i] += 1
                    dropped.append(Suppressed(f, entry.reason, "ignore", entry.where))
                    break
            else:
                kept.append(f)
        return kept, dropped

    def unused(self) -> list[IgnoreEntry]:
        return [e for e, n in zip(self.entries, self.used) if not n]

    def _matches(self, i: int, entry: IgnoreEntry, f) -> bool:
        if not self._rules[i](f.rule):
            return False
        if entry.fingerprint is not None and f.fingerprint != entry.fingerprint:
            return False
        glob = self._globs[i]
        if glob is not None and not any(glob.match(p) for p in self._candidates(f.path)):
            return False
        if entry.text is not None:
            return any(self._normalize(q.text) == self._texts[i] for q in f.quantities)
        return True

    def _candidates(self, path: str) -> tuple[str, ...]:
        """The finding's path relative to the configuration's folder (as the user wrote it when
        it lies outside), and for a corpus record the corpus file's path too."""
        cached = self._paths.get(path)
        if cached is None:
            names = [path]
            if _RECORD.search(path):
                names.append(_RECORD.sub("", path))
            out = []
            for name in names:
                p = Path(name)
                try:
                    out.append(p.resolve().relative_to(self._base).as_posix())
                except (ValueError, OSError):
                    out.append(p.as_posix())
            cached = self._paths[path] = tuple(out)
        return cached


def _glob(pattern: str):
    """One glob as a compiled matcher (fnmatch's translation: no catastrophic backtracking)."""
    return re.compile(translate(pattern)).match


class Glob:
    """``*.txt`` (no ``/``) matches a file name in any folder; ``reports/2023/*.txt`` a path
    relative to the configuration's folder, where ``*`` stays within one folder and ``**``
    spans any number of them."""

    __slots__ = ("_name", "_segments")

    def __init__(self, pattern: str):
        self._name = _glob(pattern) if "/" not in pattern else None
        self._segments = [None if seg == "**" else _glob(seg)
                          for seg in pattern.split("/") if seg not in ("", ".")]

    def match(self, path: str) -> bool:
        if self._name is not None:
            return self._name(path.rsplit("/", 1)[-1]) is not None
        parts = [s for s in path.split("/") if s not in ("", ".")]
        reach = [True] + [False] * len(parts)  # reach[j]: the pattern so far matches parts[:j]
        for segment in self._segments:
            if segment is None:  # ** matches any number of folders
                reach = list(accumulate(reach, or_))
            else:
                reach = [False] + [reach[j] and segment(parts[j]) is not None for j in range(len(parts))]
        return reach[-1]


def glob_match(pattern: str, path: str) -> bool:
    return Glob(pattern).match(path)
