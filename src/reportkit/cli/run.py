"""Running a per-document job over many inputs: in order, in worker processes, streaming.

One unreadable input is reported on stderr and skipped; the others still run and the caller
learns that something failed. Output goes to stdout or, atomically, to ``--output``.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from ..errors import ReportkitError
from ..inputs import InputRef, expand


def make_console(output: str | None = None, *, stderr: bool = False):
    from rich.console import Console

    if output:
        return Console(file=io_string(), force_terminal=False, width=120, soft_wrap=True)
    return Console(stderr=stderr, soft_wrap=True, highlight=False)


def io_string():
    import io

    return io.StringIO()


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
            fd, self._tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
            self._fh = os.fdopen(fd, "w", encoding="utf-8", newline="")
        else:
            self._fh = sys.stdout

    def write(self, text: str) -> None:
        if text:
            self._fh.write(text)
            if self._tmp is None:
                self._fh.flush()

    def commit(self) -> None:
        if self._tmp is not None:
            self._fh.flush()
            os.fsync(self._fh.fileno())
            self._fh.close()
            os.replace(self._tmp, self.output)
            self._tmp = None

    def abort(self) -> None:
        if self._tmp is not None:
            self._fh.close()
            try:
                os.unlink(self._tmp)
            except OSError:
                pass
            self._tmp = None


def _work(ref: InputRef, encoding, text_field, render) -> tuple[str, object]:
    """Worker: load one input and render it. Top level so worker processes can pickle it."""
    from ..document import load_ref

    try:
        doc = load_ref(ref, encoding=encoding, text_field=text_field)
    except ReportkitError as exc:
        return "error", str(exc)
    except RecursionError:
        return "error", f"{ref.name}: too deeply nested to parse"
    return "ok", render(doc) if render is not None else doc


def default_jobs() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1))


def results(refs: list[InputRef], render, *, encoding, text_field, jobs) -> Iterator[tuple[InputRef, str, object]]:
    """(ref, status, value) in input order; workers only when there is more than one input."""
    jobs = default_jobs() if jobs is None else jobs
    if jobs <= 1 or len(refs) <= 1 or render is None:
        for ref in refs:
            status, value = _work(ref, encoding, text_field, render)
            yield ref, status, value
        return
    with ProcessPoolExecutor(max_workers=min(jobs, len(refs))) as pool:
        n = len(refs)
        outs = pool.map(_work, refs, [encoding] * n, [text_field] * n, [render] * n,
                        chunksize=max(1, min(8, n // (jobs * 4) or 1)))
        for ref, (status, value) in zip(refs, outs):
            yield ref, status, value


def for_each_document(
    paths: list[str],
    render: Callable | None,
    *,
    encoding: str | None,
    text_field: str,
    jobs: int | None,
    output: str | None,
    console=None,
    json_array: bool = False,
    header: str = "",
) -> int:
    """Run ``render`` on every input; returns the number of inputs that failed.

    With ``console`` set, ``render`` prints itself (rich output) and runs in this process.
    """
    refs = expand(paths, text_field=text_field)
    sink = Sink(output)
    failed = 0
    progress = _progress(len(refs))
    try:
        sink.write(header)
        many = json_array and len(refs) > 1
        if many:
            sink.write("[\n")
        first = True
        for ref, status, value in results(refs, None if console else render,
                                          encoding=encoding, text_field=text_field, jobs=jobs):
            if progress:
                progress.advance()
            if status == "error":
                failed += 1
                print(f"reportkit: error: {value}", file=sys.stderr)
                continue
            if console is not None:
                render(value)
                continue
            if many:
                sink.write(("" if first else ",\n") + value.rstrip("\n"))
            else:
                sink.write(value)
            first = False
        if many:
            sink.write("\n]\n")
        if console is not None and output:
            sink.write(console.file.getvalue())
        sink.commit()
    except BaseException:
        sink.abort()
        raise
    finally:
        if progress:
            progress.stop()
    return failed


class _Progress:
    def __init__(self, total: int):
        from rich.progress import Progress

        self._progress = Progress(transient=True, console=_stderr_console())
        self._task = self._progress.add_task("reading reports", total=total)
        self._progress.start()

    def advance(self):
        self._progress.advance(self._task)

    def stop(self):
        self._progress.stop()


def _stderr_console():
    from rich.console import Console

    return Console(stderr=True)


def _progress(total: int):
    """A progress bar only for a person watching: a terminal, several inputs, not CI."""
    if total < 2 or os.environ.get("CI") or not sys.stderr.isatty():
        return None
    return _Progress(total)
