"""Shared test fixtures. Tests that need ../shared (the 72-report corpus) skip without it."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "dongcheng-2023h1.txt"
DATA = Path(__file__).resolve().parent / "data"
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus" / "state-council-work-reports.jsonl"


@lru_cache(maxsize=1)
def sample_text() -> str:
    return SAMPLE.read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def corpus_records() -> tuple[dict, ...]:
    with CORPUS.open(encoding="utf-8") as fh:
        return tuple(json.loads(line) for line in fh if line.strip())


@pytest.fixture
def corpus():
    if not CORPUS.exists():
        pytest.skip("../shared/corpus is not beside this checkout")
    return corpus_records()


@lru_cache(maxsize=None)
def bundled_report(year: int) -> str:
    return (DATA / "reports" / f"state-council-{year}.txt").read_text(encoding="utf-8")


class CliResult:
    def __init__(self, code: int, out: str, err: str):
        self.code, self.out, self.err = code, out, err

    def __repr__(self):  # shown by pytest when an assertion fails
        return f"CliResult(code={self.code}, out={self.out[:500]!r}, err={self.err[:500]!r})"


@pytest.fixture
def cli(capsys, monkeypatch):
    """Run ``reportkit ARGS`` in this process; returns exit code, stdout and stderr."""
    import io
    import sys

    from reportkit.cli import main

    def run(*args: str, stdin: bytes | None = None) -> CliResult:
        if stdin is not None:
            monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin)))
        capsys.readouterr()
        try:
            main(list(args))
            code = 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        captured = capsys.readouterr()
        return CliResult(code, captured.out, captured.err)

    return run
