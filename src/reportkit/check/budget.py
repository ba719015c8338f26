"""The time budget of one document's check: a runaway rule ends with one clear error.

User rules can be slow in ways no single regular expression shows (bindings whose
combinations multiply), so the engine calls :func:`tick` as it enumerates, and a fallback
regular expression is given at most the budget that is left. :func:`document` opens the budget
around one document; outside it (the library used directly) :func:`tick` costs one comparison.
"""

from __future__ import annotations

from contextlib import contextmanager
from time import monotonic

from ..errors import ReportkitError

DEFAULT_SECONDS = 300.0  # far above any real report (the 1.1 M-character corpus as one file: ~5 s)

_deadline: float | None = None
_seconds = 0.0
_path = ""


class CheckTimeout(ReportkitError):
    """A document's check ran past its time budget."""


@contextmanager
def document(path: str, seconds: float | None):
    """Run one document's check within ``seconds`` (None or 0: no limit)."""
    global _deadline, _seconds, _path
    saved = _deadline, _seconds, _path
    if seconds:
        _deadline, _seconds, _path = monotonic() + seconds, seconds, path
    else:
        _deadline, _path = None, path
    try:
        yield
    finally:
        _deadline, _seconds, _path = saved


def current_path() -> str:
    return _path


def remaining() -> float | None:
    """Seconds left, or None when there is no limit."""
    return None if _deadline is None else _deadline - monotonic()


def tick() -> None:
    if _deadline is not None and monotonic() > _deadline:
        expired()


def expired():
    raise CheckTimeout(
        f"{_path}: checking took longer than {_seconds:g} s, the time limit per document "
        f"(a rule that binds too many combinations?); raise it with --timeout or 'timeout:' "
        f"in reportkit.yaml")
