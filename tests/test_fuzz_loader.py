"""Fuzzing the file loader through the CLI: random bytes in, a clear answer out.

Whatever a file holds (random bytes, truncated UTF-8 or GB18030, BOMs, NULs, broken HTML,
broken JSONL), ``reportkit parse`` exits 0, or 2 with one ``reportkit: error: NAME: …`` line
per unreadable input; never a traceback, never an internal error.
"""

from __future__ import annotations

import os
import codecs
import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from conftest import sample_text

# REPORTKIT_FUZZ=20 python -m pytest tests/test_… hunts 20× longer than the suite does.
SCALE = int(os.environ.get("REPORTKIT_FUZZ", "1"))


SUFFIXES = [".txt", ".md", ".html", ".htm", ".jsonl"]
BOMS = [b"", codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE]
SNIPPET = sample_text()[:400]


@st.composite
def file_bytes(draw) -> bytes:
    kind = draw(st.sampled_from(["random", "text", "truncated", "html", "jsonl"]))
    if kind == "random":
        return draw(st.binary(max_size=600))
    text = draw(st.one_of(st.text(max_size=200), st.just(SNIPPET), st.text(alphabet=SNIPPET, max_size=200)))
    if kind == "html":
        tags = draw(st.lists(st.sampled_from(["<p>", "</p>", "<div class='TRS_Editor'>", "</div>", "<br>",
                                              "<script>", "</script>", "<!--", "-->", "&amp;", "&#x4e00;",
                                              "&#99999999;", "<", ">", "<![CDATA["]), max_size=12))
        text = "".join(tags) + text + "".join(reversed(tags))
    if kind == "jsonl":
        records = draw(st.lists(st.one_of(
            st.fixed_dictionaries({"content": st.one_of(st.just(text), st.text(max_size=30), st.integers())}),
            st.dictionaries(st.text(max_size=5), st.text(max_size=5), max_size=2),
            st.lists(st.integers(), max_size=2), st.none()), max_size=4))
        lines = [json.dumps(r, ensure_ascii=draw(st.booleans())) for r in records]
        if draw(st.booleans()) and lines:
            lines[-1] = lines[-1][: draw(st.integers(0, len(lines[-1])))]  # truncated record
        text = "\n".join(lines)
    encoding = draw(st.sampled_from(["utf-8", "gb18030", "utf-16-le", "latin-1"]))
    data = text.encode(encoding, errors="replace" if encoding != "latin-1" else "ignore")
    data = draw(st.sampled_from(BOMS)) + data
    if kind == "truncated" and data:
        data = data[: draw(st.integers(0, len(data)))] + draw(st.binary(max_size=4))
    return data


def check(result, name: str, suffix: str):
    assert result.code in (0, 2), result
    assert "Traceback" not in result.err and "internal error" not in result.err, result
    lines = result.err.splitlines()
    if result.code == 0:
        assert lines == [], result
        return
    assert lines, result
    for line in lines:
        assert line.startswith("reportkit: "), result
    errors = [line for line in lines if line.startswith("reportkit: error: ")]
    assert errors and all(name in line for line in errors), result
    if suffix != ".jsonl":
        assert len(lines) == 1, result  # one input, one line


@settings(max_examples=150 * SCALE, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=file_bytes(), suffix=st.sampled_from(SUFFIXES), fmt=st.sampled_from(["jsonl", "json"]))
@example(data=b"", suffix=".txt", fmt="json")
@example(data=b"\x00" * 50, suffix=".txt", fmt="json")
@example(data=codecs.BOM_UTF16_LE + "增长3%".encode("utf-16-le")[:-1], suffix=".txt", fmt="json")
@example(data=b"<html><script>", suffix=".html", fmt="json")
@example(data=b'{"content": "\\ud800"}\n', suffix=".jsonl", fmt="jsonl")
@example(data=b"\n\n\n", suffix=".jsonl", fmt="jsonl")
def test_random_files_give_exit_0_or_a_one_line_error(cli, data, suffix, fmt):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"fuzz{suffix}"
        path.write_bytes(data)
        result = cli("parse", str(path), "--format", fmt, "--jobs", "1")
        check(result, str(path), suffix)


@settings(max_examples=40 * SCALE, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=file_bytes())
def test_random_bytes_on_stdin(cli, data):
    result = cli("parse", "-", "--format", "jsonl", stdin=data)
    check(result, "<stdin>", ".txt")
