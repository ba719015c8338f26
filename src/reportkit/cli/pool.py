"""Worker processes fed and read by the calling thread alone; results in input order.

Why not ``concurrent.futures``: its ProcessPoolExecutor moves every task and every result
through two helper threads in the parent (a queue feeder and a manager), and the parent's
share of the CPU, some 0.8 ms per input, most of it those threads passing the GIL back and
forth, is taken from the workers on a two-core machine. Here each worker has its own pipe; the
parent writes small tasks into it and waits on all the pipes at once, in one thread.
"""

from __future__ import annotations

import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from multiprocessing.connection import wait

# Tasks a worker holds at once: the one it runs and the next, so that it never waits for the
# parent between two inputs. A task whose pickle is larger than SMALL_TASK (stdin's bytes)
# goes only to an idle worker: a busy one would not read it, and both sides would block.
AHEAD = 2
SMALL_TASK = 16 * 1024


class WorkerDied(Exception):
    """A worker process ended while it held a task (killed: out of memory, a signal)."""

    def __init__(self, key):
        super().__init__(key)
        self.key = key


def _serve(conn, func: Callable) -> None:
    """A worker: run ``func(*args)`` for each task until the parent closes the pipe."""
    # Ctrl-C reaches the whole process group: the parent handles it and stops the workers.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    while True:
        try:
            args = conn.recv()
        except (EOFError, OSError):
            return
        if args is None:
            return
        try:
            result = func(*args)
        except BaseException as exc:  # func reports errors itself; anything else still answers
            result = _internal_error(exc)
        try:
            conn.send(result)
        except (BrokenPipeError, EOFError, OSError):
            return  # the parent is gone
        except Exception as exc:  # a result that does not pickle
            conn.send(_internal_error(exc))


def _internal_error(exc: BaseException) -> tuple[str, str]:
    return "error", f"internal error, please report it ({type(exc).__name__}: {exc})"


class _Worker:
    __slots__ = ("process", "conn", "held")

    def __init__(self, process, conn):
        self.process = process
        self.conn = conn
        self.held: deque = deque()  # its tasks' slots, in the order it runs them


class OrderedPool:
    """``jobs`` worker processes running ``func``; :meth:`imap` yields results in task order."""

    def __init__(self, jobs: int, func: Callable, context):
        import pickle

        self._pickle = pickle.dumps
        self._workers: list[_Worker] = []
        try:
            for _ in range(jobs):
                mine, theirs = context.Pipe(duplex=True)
                process = context.Process(target=_serve, args=(theirs, func), daemon=True)
                process.start()
                theirs.close()
                self._workers.append(_Worker(process, mine))
        except BaseException:
            self.close(wait=False)
            raise

    def imap(self, tasks: Iterable[tuple[object, tuple]], window: int) -> Iterator[tuple[object, object]]:
        """``(key, args)`` → ``(key, func(*args))``, in order. At most ``window`` tasks are taken
        from ``tasks`` and not yet yielded (running, queued in a worker, or done and waiting
        for an earlier one)."""
        source = iter(tasks)
        pending: deque[list] = deque()  # [key, done, result], in task order
        exhausted = False
        workers = self._workers
        while True:
            while not exhausted and len(pending) < window:
                worker = min(workers, key=lambda w: len(w.held))
                if len(worker.held) >= AHEAD:
                    break
                try:
                    key, args = next(source)
                except StopIteration:
                    exhausted = True
                    break
                message = self._pickle(args)
                if worker.held and len(message) > SMALL_TASK:
                    worker = self._idle()
                slot = [key, False, None]
                try:
                    worker.conn.send_bytes(message)
                except OSError:  # it died: name the input it was running
                    raise WorkerDied(worker.held[0][0] if worker.held else key) from None
                worker.held.append(slot)
                pending.append(slot)
            while pending and pending[0][1]:
                key, _, result = pending.popleft()
                yield key, result
                if not exhausted and len(pending) < window:
                    break  # refill before waiting on the rest
            else:
                if not pending:
                    if exhausted:
                        return
                    continue
                self._collect()

    def _idle(self) -> _Worker:
        """Wait until some worker holds no task, collecting what arrives; returns it."""
        while True:
            for w in self._workers:
                if not w.held:
                    return w
            self._collect()

    def _collect(self) -> None:
        """Wait for at least one result and store every result that is ready."""
        busy = {w.conn: w for w in self._workers if w.held}
        for conn in wait(list(busy)):
            worker = busy[conn]
            slot = worker.held[0]
            try:
                result = conn.recv()
            except (EOFError, OSError):
                raise WorkerDied(slot[0]) from None
            worker.held.popleft()
            slot[1], slot[2] = True, result

    def close(self, *, wait: bool = True) -> None:
        """Stop the workers: at once (``wait=False``, after an error or an early stop), or
        after they finish what they hold."""
        for worker in self._workers:
            try:
                if wait and not worker.held:
                    worker.conn.send(None)
                else:
                    worker.process.terminate()
            except (OSError, ValueError):
                worker.process.terminate()
        for worker in self._workers:
            worker.process.join(timeout=5)
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join()
            worker.conn.close()
        self._workers = []
