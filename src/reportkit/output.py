"""Writing results: atomically to a file, or to stdout without choking on a closed pipe."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from .errors import ReportkitError


def write_atomic(path: str | os.PathLike, text: str) -> None:
    """Write ``text`` to ``path`` via a temp file in the same directory and a rename.

    A reader never sees a half-written file, and a failure leaves any old file untouched.
    """
    target = Path(path)
    directory = target.parent if str(target.parent) else Path(".")
    if not directory.is_dir():
        raise ReportkitError(f"{path}: the directory {directory} does not exist")
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def emit(text: str, output: str | None = None) -> None:
    """Send a finished rendering to ``output`` (atomically) or to stdout."""
    if output:
        write_atomic(output, text)
    else:
        sys.stdout.write(text)
        sys.stdout.flush()
