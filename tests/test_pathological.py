"""Pathological inputs finish in linear time, shown by doubling the size (never a time limit).

Each input is parsed at sizes n, 2n, 4n, … up to the size the issue names. Linear work takes
about 4× as long for 4× the input; quadratic work takes 16×. The test fails when any two
doublings cost more than ``MAX_RATIO_4X`` (8×: twice the linear expectation, so a busy machine
does not make it flaky, and a quadratic stage fails long before the largest size). Times are
the process's CPU time (``time.process_time``), which other processes on the machine barely
affect; small sizes take the best of two runs.
"""

from __future__ import annotations

import random
import time

import pytest

import reportkit
from reportkit.document import load_bytes

from conftest import bundled_report
from test_robustness import assert_invariants

MAX_RATIO_4X = 8.0
MEASURABLE = 0.02  # seconds: below this a ratio is mostly noise, so it is not judged


def cpu_time(text_or_bytes) -> tuple[float, object]:
    runs = []
    doc = None
    for _ in range(2):
        start = time.process_time()
        if isinstance(text_or_bytes, bytes):
            doc = load_bytes(text_or_bytes, name="pathological.txt")
        else:
            doc = reportkit.parse(text_or_bytes)
        runs.append(time.process_time() - start)
        if runs[-1] > 0.25:  # large enough to measure once
            break
    return min(runs), doc


def assert_linear(make, sizes: list[int]):
    """Parse ``make(n)`` for each size (each the double of the one before)."""
    reportkit.parse("一、热身\n完成投资12亿元。")  # load the lexicons before timing anything
    times: list[float] = []
    doc = None
    for size in sizes:
        t, doc = cpu_time(make(size))
        times.append(t)
        if len(times) >= 3 and times[-3] >= MEASURABLE:
            ratio = times[-1] / times[-3]
            assert ratio <= MAX_RATIO_4X, (
                f"4× the input took {ratio:.1f}× as long: super-linear "
                f"(sizes {sizes[:len(times)]}, CPU seconds {[round(x, 3) for x in times]})")
    return doc


def doublings(top: int, count: int) -> list[int]:
    return [top >> k for k in range(count - 1, -1, -1)]


def _utf8_prefix(text: str, nbytes: int) -> str:
    return text.encode("utf-8")[:nbytes].decode("utf-8", "ignore")


def one_line(nbytes: int) -> str:
    """A real report with every line break removed, repeated: one line of ``nbytes`` bytes."""
    src = "".join(bundled_report(2024).split())
    return _utf8_prefix(src * (nbytes // len(src.encode("utf-8")) + 1), nbytes)


def digits_and_commas(n: int) -> str:
    rnd = random.Random(n)
    return "".join(rnd.choice("0123456789,") for _ in range(n))


def nested_brackets(depth: int) -> str:
    rnd = random.Random(depth)
    kinds = [rnd.randrange(7) for _ in range(depth)]
    return ("".join("(（[【《〈“"[k] for k in kinds) + "全年增长3.5%，投资12亿元"
            + "".join(")）]】》〉”"[k] for k in reversed(kinds)))


def only_punctuation(nbytes: int) -> bytes:
    rnd = random.Random(nbytes)
    chars = "。，、；：！？…—（）《》“”‘’.,;:!?-()[]【】·～ \n"
    text = "".join(rnd.choice(chars) for _ in range(nbytes // 2))
    return _utf8_prefix(text, nbytes).encode("utf-8")


def test_a_5mb_single_line():
    doc = assert_linear(one_line, doublings(5_000_000, 3))
    assert "\n" not in doc.text and len(doc.text.encode()) > 4_900_000
    assert doc.sentences and doc.quantities


def test_1mb_of_digits_and_commas():
    doc = assert_linear(digits_and_commas, doublings(1_000_000, 7))
    assert doc.quantities or doc.non_quantities


def test_10000_nested_brackets():
    doc = assert_linear(nested_brackets, doublings(10_000, 3))
    assert_invariants(doc.text, doc)


def test_10000_unclosed_and_unopened_brackets():
    text = "（" * 10_000 + "增长3%" + "》" * 10_000
    doc = reportkit.parse(text)
    assert_invariants(text, doc)


def test_a_file_of_only_punctuation():
    doc = assert_linear(only_punctuation, doublings(1_000_000, 3))
    assert doc.quantities == () and doc.non_quantities == ()


def test_a_file_of_only_punctuation_through_the_cli(cli, tmp_path):
    path = tmp_path / "punct.txt"
    path.write_bytes(only_punctuation(20_000))
    result = cli("parse", str(path), "--format", "jsonl")
    assert result.code == 0, result
    assert result.out == "" and result.err == ""
