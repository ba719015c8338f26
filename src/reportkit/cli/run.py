"""Running a per-document job over many inputs: in order, in worker processes, streaming.

* Results come back in input order, each one written as soon as it and every input before it
  are done, so ``--format jsonl`` streams.
* Memory does not grow with the corpus: at most a small window of inputs is in flight at once
  (never the whole list submitted up front), and a ``.jsonl`` corpus is read once, front to
  back, with each record's line handed to the worker that parses it.
* One input that cannot be read is reported on stderr and skipped; the others still run and
  the caller learns how many failed (the command then exits non-zero).
* Output goes to stdout or, atomically, to ``--output`` (a temp file renamed into place only
  when the run completes: a failure or Ctrl-C never leaves a half-written file).
* A progress bar is drawn only for a person watching: stderr is a terminal that the results
  are not also being written to, more than one input, not in CI, not a dumb terminal.
"""

from __future__ import annotations

import gc
import os
import sys
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager

from ..distributed import load_source, sources
from ..errors import ReportkitError
from ..formats.inputs import InputRef, expand
from ..output import Sink

# Inputs queued per worker process. Enough to keep every worker busy while the oldest input
# (which must be written first) is still being parsed; small enough that memory stays flat.
WINDOW_PER_JOB = 4


def make_console(output: str | None = None, *, stderr: bool = False):
    from rich.console import Console

    if output:
        import io

        return Console(file=io.StringIO(), force_terminal=False, width=120, soft_wrap=True)
    return Console(stderr=stderr, soft_wrap=True, highlight=False)


def _work(ref: InputRef, line: bytes | None, encoding, text_field, render) -> tuple[str, object]:
    """Worker: load one input and render it. Top level so worker processes can pickle it."""
    try:
        with _collector_paused():
            doc = load_source(ref, line, encoding=encoding, text_field=text_field)
            if render is None:
                return "ok", doc
            value = render(doc)
            # Freed before the collector is back on: its first pass would otherwise walk
            # the whole document (it counts every record as young), a pass per input.
            del doc
        return "ok", value
    except ReportkitError as exc:
        return "error", str(exc)
    except RecursionError:
        return "error", f"{ref.name}: too deeply nested to parse"
    except Exception as exc:  # a bug: report it, keep going with the other inputs
        if os.environ.get("REPORTKIT_DEBUG"):
            raise
        detail = " ".join(str(exc).split())[:200]
        return "error", (f"{ref.name}: internal error, please report it "
                         f"({type(exc).__name__}: {detail}; REPORTKIT_DEBUG=1 shows the traceback)")


@contextmanager
def _collector_paused():
    """Pause the cyclic garbage collector while one document is read.

    Parsing allocates hundreds of thousands of records and strings that form no reference
    cycles; with the collector on, it walks the young ones every 700 allocations and the whole
    growing heap again and again (a fifth of a corpus run). Reference counting still frees
    everything; any cycle left behind is collected once the collector is back on.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


# --- running many --------------------------------------------------------------------------

def default_jobs() -> int:
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


def _pool(jobs: int, render=None):
    # Imported here: a one-input run (reportkit check FILE) never starts workers.
    import multiprocessing

    from .pool import OrderedPool

    # fork where it exists: workers start with reportkit imported and its lexicons and
    # patterns built (warmed once here, not once per worker), and gc.freeze() keeps the
    # workers' collector off those inherited objects (no copy-on-write of pages they share).
    # The parent has started no threads yet: the progress bar starts after the workers do.
    if sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("fork")
        _warm_up(render)
        gc.freeze()
    else:
        context = multiprocessing.get_context()
    if render is not None:
        render = _Joined(render)  # a rendering in pieces comes back from a worker as one string
    return OrderedPool(jobs, _Job(render), context)


def _warm_up(render=None) -> None:
    """Build what the first document would build (lexicons, patterns, and whatever ``render``
    needs: a check job's rule set), so the forked workers share it instead of each building it."""
    from ..document import parse

    try:
        doc = parse("一、总体情况\n全年完成投资12.5亿元，同比增长3.5%，新增就业1,234人。\n")
        if render is not None:
            render(doc)
    except Exception:  # only a warm-up: a real input will report any problem
        pass


def results(refs: list[InputRef], render, *, encoding, text_field, jobs) -> Iterator[tuple[InputRef, str, object]]:
    """(ref, status, value) in input order; workers only when there is more than one input.

    ``render=None`` yields the Documents themselves.
    """
    jobs = default_jobs() if jobs is None else jobs
    jobs = min(jobs, len(refs))
    if jobs <= 1:
        for n, (ref, line) in enumerate(sources(refs)):
            status, value = _work(ref, line, encoding, text_field, render)
            if n == 0:
                # What the first input built (lexicons, patterns, caches) lasts as long as
                # the process: out of the collector's way, as in the forked workers.
                gc.freeze()
            yield ref, status, value
        return

    from .pool import WorkerDied

    pool = _pool(jobs, render)
    tasks = ((ref, (ref, line, encoding, text_field)) for ref, line in sources(refs, records_by_offset=True))
    finished = False
    try:
        for ref, (status, value) in pool.imap(tasks, jobs * WINDOW_PER_JOB):
            yield ref, status, value
        finished = True
    except WorkerDied as exc:
        raise ReportkitError(
            f"{exc.key.name}: a worker process died while reading it (out of memory?); "
            f"try --jobs 1") from None
    finally:
        # Normal end, an error, or a reader that stopped early (a closed pipe): the workers
        # stop; whatever they still hold is dropped.
        pool.close(wait=finished)


class _Job:
    """What a worker runs for one task: :func:`_work` with the job's ``render``. An object,
    not a closure, so that a spawned worker (no fork) can be given it."""

    def __init__(self, render):
        self.render = render

    def __call__(self, ref, line, encoding, text_field):
        return _work(ref, line, encoding, text_field, self.render)


class _Joined:
    """``render``, with a rendering given in pieces (an iterator of str) joined into one;
    any other value (a str, a check job's findings) passes through."""

    def __init__(self, render: Callable):
        self.render = render

    def __call__(self, doc) -> object:
        value = self.render(doc)
        return "".join(value) if isinstance(value, Iterator) else value


class Batch:
    """One run of ``job`` over many inputs, for a command that handles each result itself.

    Iterating (inside ``with closing(...)``, so that the workers stop at once on an error)
    yields ``(ref, value)`` for every input that worked, in input order; an input that failed
    is reported on stderr (one line), counted in ``failed`` and skipped. A progress bar runs
    meanwhile when :func:`show_progress` allows it (``to_stdout``: the results go to stdout).
    """

    def __init__(self, refs: list[InputRef], job: Callable | None, *, encoding: str | None,
                 text_field: str, jobs: int | None, to_stdout: bool = True,
                 label: str = "reading reports"):
        self.refs = refs
        self.label = label
        self.job = job
        self.encoding = encoding
        self.text_field = text_field
        self.jobs = jobs
        self.to_stdout = to_stdout
        self.failed = 0
        self.succeeded = 0

    def __iter__(self) -> Iterator[tuple[InputRef, object]]:
        progress = None
        stream = results(self.refs, self.job, encoding=self.encoding, text_field=self.text_field,
                         jobs=self.jobs)
        try:
            with closing(stream):  # on any error the workers stop now, not at interpreter exit
                for ref, status, value in stream:
                    if progress is None:  # started late: the worker processes exist by now
                        progress = _progress(len(self.refs), to_stdout=self.to_stdout,
                                             label=self.label) or False
                    if progress:
                        progress.advance()
                    if status == "error":
                        self.failed += 1
                        _error(str(value), progress)
                        continue
                    self.succeeded += 1
                    yield ref, value
        finally:
            if progress:
                progress.stop()

    def report_failures(self) -> None:
        """After the run: how many inputs were skipped (the per-input lines said which)."""
        if self.failed and len(self.refs) > 1:
            print(f"reportkit: {self.failed} of {len(self.refs)} inputs failed and were skipped",
                  file=sys.stderr)


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

    With ``console`` set, ``render`` prints itself (rich output) in this process, while the
    parsing still runs in the workers.
    """
    refs = expand(paths, text_field=text_field)
    sink = Sink(output)
    batch = Batch(refs, None if console else render, encoding=encoding, text_field=text_field,
                  jobs=jobs, to_stdout=sink.is_stdout)
    try:
        sink.write(header)
        many = json_array and len(refs) > 1
        if many:
            sink.write("[\n")
        first = True
        items = iter(batch)
        with closing(items):
            for ref, value in items:
                if console is not None:
                    render(value)
                    continue
                if many:
                    sink.write("" if first else ",\n")
                _write_pieces(sink, value, strip_newline=many)
                first = False
        if many:
            sink.write("\n]\n")
        if console is not None and output:
            sink.write(console.file.getvalue())
        sink.commit()
    except BaseException:
        sink.abort()
        raise
    batch.report_failures()
    return batch.failed


def _write_pieces(sink: Sink, value, *, strip_newline: bool) -> None:
    """Write a rendering: a str, or an iterator of str pieces (written as they come, so a
    large document's JSON never exists as one string); ``strip_newline`` drops its final
    newline (a member of a JSON array)."""
    if isinstance(value, str):
        sink.write(value.rstrip("\n") if strip_newline else value)
        return
    pending = None
    for piece in value:
        if pending is not None:
            sink.write(pending)
        pending = piece
    if pending is not None:
        sink.write(pending.rstrip("\n") if strip_newline else pending)


def _error(message: str, progress) -> None:
    line = f"reportkit: error: {message}"
    if progress:
        progress.print(line)
    else:
        print(line, file=sys.stderr)


class _Progress:
    def __init__(self, total: int, label: str = "reading reports"):
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        self._console = Console(stderr=True)
        self._progress = Progress(
            TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
            transient=True, console=self._console)
        self._task = self._progress.add_task(label, total=total)
        self._progress.start()

    def advance(self):
        self._progress.advance(self._task)

    def print(self, line: str):
        self._console.print(line, markup=False, highlight=False, soft_wrap=True)

    def stop(self):
        self._progress.stop()


def show_progress(total: int, *, to_stdout: bool) -> bool:
    """A bar only for a person watching a terminal it does not share with the results."""
    if total < 2 or os.environ.get("CI") or os.environ.get("TERM") == "dumb":
        return False
    try:
        if not sys.stderr.isatty():
            return False
        if to_stdout and sys.stdout.isatty():
            return False  # the results are scrolling past on the same terminal
    except (AttributeError, ValueError):
        return False
    return True


def _progress(total: int, *, to_stdout: bool = True, label: str = "reading reports"):
    return _Progress(total, label) if show_progress(total, to_stdout=to_stdout) else None
