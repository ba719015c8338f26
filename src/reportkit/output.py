"""Writing results: atomically to a file, or to stdout without choking on a closed pipe."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from .errors import ReportkitError


class Sink:
    """stdout, or a temp file beside ``output`` renamed into place when all went well."""

    def __init__(self, output: str | None):
        self.output = output
        self._tmp = None
        if output:
            target = Path(output)
            directory = target.parent if str(target.parent) else Path(".")
            if not directory.is_dir():
                raise ReportkitError(f"{output}: the directory {directory} does not exist")
            import tempfile  # only with --output: keep it off a plain run's start-up

            fd, self._tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
            self._fh = os.fdopen(fd, "w", encoding="utf-8", newline="")
        else:
            self._fh = sys.stdout

    @property
    def is_stdout(self) -> bool:
        return self._fh is sys.stdout

    def write(self, text: str) -> None:
        if text:
            try:
                self._write(text)
            except BrokenPipeError:
                raise  # the reader left: the CLI exits quietly
            except OSError as exc:  # disk full, quota, I/O error: one line, not a traceback
                raise ReportkitError(f"{self.output or '<stdout>'}: cannot write ({exc})") from None

    def _write(self, text: str) -> None:
        self._fh.write(text)
        if self._tmp is None:
            self._fh.flush()

    def commit(self) -> None:
        if self._tmp is not None:
            try:
                self._fh.flush()
                os.fsync(self._fh.fileno())
                self._fh.close()
                os.replace(self._tmp, self.output)
            except OSError as exc:
                self.abort()
                raise ReportkitError(f"{self.output}: cannot write ({exc})") from None
            self._tmp = None

    def abort(self) -> None:
        if self._tmp is not None:
            try:
                self._fh.close()
            except OSError:
                pass
            try:
                os.unlink(self._tmp)
            except OSError:
                pass
            self._tmp = None


def write_atomic(path: str | os.PathLike, text: str) -> None:
    """Write ``text`` to ``path`` via a temp file in the same directory and a rename.

    A reader never sees a half-written file, and a failure leaves any old file untouched.
    """
    sink = Sink(str(path))
    try:
        sink.write(text)
        sink.commit()
    except BaseException:
        sink.abort()
        raise


def emit(text: str, output: str | None = None) -> None:
    """Send a finished rendering to ``output`` (atomically) or to stdout."""
    if output:
        write_atomic(output, text)
    else:
        Sink(None).write(text)
