"""The worker pool of a parallel run: order, bounded window, no deadlock, a dying worker."""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import time

import pytest

from reportkit.cli.pool import AHEAD, SMALL_TASK, OrderedPool, WorkerDied

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="fork-based workers")
FORK = multiprocessing.get_context("fork")


def slow_square(n: int, delay: float) -> tuple[int, int]:
    time.sleep(delay)
    return n, n * n


def echo_size(payload: bytes) -> int:
    return len(payload)


def die_on(n: int) -> int:
    if n == 3:
        os.kill(os.getpid(), signal.SIGKILL)
    return n


def test_results_come_in_task_order_whatever_order_they_finish_in():
    pool = OrderedPool(2, slow_square, FORK)
    try:
        # the even tasks are slow, the odd ones fast: the fast worker finishes out of order
        tasks = ((n, (n, 0.03 if n % 2 == 0 else 0.0)) for n in range(20))
        got = list(pool.imap(tasks, window=8))
    finally:
        pool.close()
    assert got == [(n, (n, n * n)) for n in range(20)]


def test_no_more_than_the_window_is_taken_before_the_first_result_is_used():
    taken = []

    def tasks():
        for n in range(50):
            taken.append(n)
            yield n, (n, 0.2 if n == 0 else 0.0)  # the first task holds the head of the line

    pool = OrderedPool(2, slow_square, FORK)
    try:
        stream = pool.imap(tasks(), window=6)
        assert next(stream) == (0, (0, 0))
        assert len(taken) <= 6 + 1
        assert [key for key, _ in stream] == list(range(1, 50))
    finally:
        pool.close()


def test_large_tasks_do_not_deadlock_the_pipes():
    # Tasks far larger than a pipe's buffer (standard input's bytes), results queued behind
    # them: a large task goes only to a worker that holds nothing.
    sizes = [3 * SMALL_TASK, 10, 2_000_000, 5, 700_000, 1, 1_500_000, 2]
    pool = OrderedPool(2, echo_size, FORK)
    try:
        got = list(pool.imap(((i, (b"x" * size,)) for i, size in enumerate(sizes)), window=4))
    finally:
        pool.close()
    assert got == list(enumerate(sizes))


def test_a_worker_that_dies_is_named_and_the_others_are_stopped():
    pool = OrderedPool(2, die_on, FORK)
    processes = [w.process for w in pool._workers]
    with pytest.raises(WorkerDied) as caught:
        list(pool.imap(((n, (n,)) for n in range(10)), window=4))
    pool.close(wait=False)
    assert caught.value.key == 3
    assert not any(p.is_alive() for p in processes)


def test_stopping_early_stops_the_workers():
    pool = OrderedPool(2, slow_square, FORK)
    processes = [w.process for w in pool._workers]
    stream = pool.imap(((n, (n, 0.01)) for n in range(100)), window=8)
    assert next(stream) == (0, (0, 0))
    stream.close()
    pool.close(wait=False)
    assert not any(p.is_alive() for p in processes)
    assert AHEAD >= 1


def test_a_killed_worker_is_one_clear_error_in_the_cli(cli, tmp_path, monkeypatch):
    import reportkit.document as document

    inputs = []
    for i in range(6):
        path = tmp_path / f"r{i}.txt"
        path.write_text(f"第{i}部分：全年完成投资{i}亿元。\n", encoding="utf-8")
        inputs.append(str(path))
    real_parse = document.parse

    def parse(text, **kwargs):
        if "第2部分" in text:
            os.kill(os.getpid(), signal.SIGKILL)  # as the kernel's OOM killer would
        return real_parse(text, **kwargs)

    monkeypatch.setattr(document, "parse", parse)  # forked workers inherit the patch
    result = cli("parse", *inputs, "--format", "jsonl", "--jobs", "2")
    assert result.code == 2, result
    assert "Traceback" not in result.err
    assert result.err.strip().splitlines()[-1] == (
        f"reportkit: error: {inputs[2]}: a worker process died while reading it (out of memory?); "
        "try --jobs 1")


def test_spawned_workers_work_too():
    # macOS and Windows start workers by spawning: the function and the pipes are pickled
    pool = OrderedPool(2, slow_square, multiprocessing.get_context("spawn"))
    try:
        got = list(pool.imap(((n, (n, 0.0)) for n in range(6)), window=4))
    finally:
        pool.close()
    assert got == [(n, (n, n * n)) for n in range(6)]
