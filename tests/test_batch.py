"""Batch runs: many inputs, worker processes, order, streaming, failures and output safety."""

from __future__ import annotations

import io
import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import SAMPLE, bundled_report, sample_text

from reportkit.cli import run
from reportkit.output import Sink

PAGE = """<!DOCTYPE html><html><head><title>某区2024年工作总结</title>
<script>var visits = 123456;</script><style>p {{ margin: 0 }}</style></head>
<body><div class="nav">首页 &gt; 政务公开 &gt; 工作报告</div>
<div class="TRS_Editor"><p>一、总体情况</p><p>{body}</p></div>
<div class="footer">版权所有 联系电话 010-12345678</div></body></html>
"""


def paths_in(jsonl: str) -> list[str]:
    return [json.loads(line)["path"] for line in jsonl.splitlines()]


def unique(seq):
    return list(dict.fromkeys(seq))


def make_tree(root: Path) -> dict[str, str]:
    """A directory of reports in every supported form, and files that are not reports."""
    (root / "sub" / "deep").mkdir(parents=True)
    files = {
        "a.txt": sample_text(),
        "sub/b.md": "# 总结\n\n一、总体情况\n\n全年新增就业3.2万人，同比增长5%。\n",
        "sub/deep/c.html": PAGE.format(body="全年完成固定资产投资12.5亿元，同比增长3.5%。"),
        "sub/deep/d.htm": PAGE.format(body="新建学校4所，新增学位1800个。"),
    }
    for name, text in files.items():
        (root / name).write_text(text, encoding="utf-8")
    (root / "notes.xlsx").write_bytes(b"PK\x03\x04")  # a spreadsheet: not a report
    (root / "sub" / "image.png").write_bytes(b"\x89PNG")
    return files


def test_a_directory_is_read_recursively_in_sorted_order(cli, tmp_path):
    make_tree(tmp_path)
    result = cli("parse", str(tmp_path), "--format", "jsonl", "--jobs", "1")
    assert result.code == 0, result
    assert unique(paths_in(result.out)) == [
        str(tmp_path / "a.txt"), str(tmp_path / "sub/b.md"),
        str(tmp_path / "sub/deep/c.html"), str(tmp_path / "sub/deep/d.htm")]
    rows = [json.loads(line) for line in result.out.splitlines()]
    html_texts = [r["text"] for r in rows if r["path"].endswith((".html", ".htm"))]
    assert html_texts == ["12.5亿元", "3.5%", "4所", "1800个"]  # article only: no script, no footer


def test_many_paths_globs_and_files_keep_the_order_given(cli, tmp_path):
    make_tree(tmp_path)
    result = cli("parse", str(tmp_path / "sub/deep/c.html"), str(tmp_path / "sub" / "*.md"),
                 str(tmp_path / "a.txt"), "--format", "jsonl", "--jobs", "1")
    assert result.code == 0, result
    assert unique(paths_in(result.out)) == [
        str(tmp_path / "sub/deep/c.html"), str(tmp_path / "sub/b.md"), str(tmp_path / "a.txt")]


def test_a_jsonl_corpus_with_text_field(cli, tmp_path):
    corpus = tmp_path / "corpus.jsonl"
    records = [{"title": "甲", "body": "全年新增就业3万人。"}, {"title": "乙", "body": "投资12亿元。"}]
    corpus.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records) + "\n",
                      encoding="utf-8")
    result = cli("parse", str(corpus), "--format", "jsonl", "--text-field", "body")
    assert result.code == 0, result
    assert [(r["path"], r["text"]) for r in map(json.loads, result.out.splitlines())] == [
        (f"{corpus}:1", "3万人"), (f"{corpus}:2", "12亿元")]
    as_json = json.loads(cli("parse", str(corpus), "-f", "json", "--text-field", "body").out)
    assert [d["meta"]["title"] for d in as_json] == ["甲", "乙"]  # the record's title is kept

    wrong = cli("parse", str(corpus), "--format", "jsonl")  # default field: content
    assert wrong.code == 2 and wrong.out == ""
    assert wrong.err.splitlines() == [
        f"reportkit: error: {corpus}:1: no text field 'content' (use --text-field)",
        f"reportkit: error: {corpus}:2: no text field 'content' (use --text-field)",
        "reportkit: 2 of 2 inputs failed and were skipped"]


def _lines_read_one_by_one(data: bytes) -> list[tuple[int, int]]:
    """(line number, offset) of the lines that are not blank, as iterating the file reads them."""
    found, position = [], 0
    for number, line in enumerate(io.BytesIO(data), 1):
        if line.strip():
            found.append((number, position))
        position += len(line)
    return found


def test_a_corpus_is_indexed_by_chunks_as_line_by_line():
    from reportkit.formats.inputs import _records

    pieces = [b"", b" ", b"\t", b"\r", b"\x0b", b"\x0c", b"\xc2\xa0", b"{}", b"a", "一".encode(), b"  x "]
    rnd = random.Random(12)
    for _ in range(3000):
        data = b"".join(rnd.choice(pieces) + (b"\n" if rnd.random() < 0.5 else b"")
                        for _ in range(rnd.randrange(12)))
        for size in (1, 2, 3, 7, 1 << 20):
            assert list(_records(io.BytesIO(data), size)) == _lines_read_one_by_one(data), (data, size)
    record = b'{"content": "' + "全年完成投资12亿元。".encode() * 5000 + b'"}'
    data = record + b"\n \n\n" + record + b"\r\n" + record  # a last line without its newline
    assert list(_records(io.BytesIO(data), 4096)) == [(1, 0), (4, len(record) + 4),
                                                      (5, 2 * len(record) + 6)]


def many_inputs(root: Path, count: int = 14) -> list[str]:
    """Reports of very different sizes, the slowest first, so workers finish out of order."""
    big = bundled_report(2024)
    paths = []
    for i in range(count):
        path = root / f"r{i:02d}.txt"
        text = big if i == 0 else f"一、第{i}部分\n全年新增就业{i}.5万人，投资{i * 7}亿元。\n"
        path.write_text(text, encoding="utf-8")
        paths.append(str(path))
    corpus = root / "corpus.jsonl"
    corpus.write_text("".join(json.dumps({"content": f"完成投资{i}亿元，增长{i}%。"}, ensure_ascii=False)
                              + "\n" for i in range(1, 12)), encoding="utf-8")
    return paths + [str(corpus)]


@pytest.mark.parametrize("fmt", ["jsonl", "json", "csv", "tree"])
def test_jobs_2_gives_the_same_output_as_jobs_1(cli, tmp_path, fmt):
    inputs = many_inputs(tmp_path)
    one = cli("parse", *inputs, "--format", fmt, "--jobs", "1")
    two = cli("parse", *inputs, "--format", fmt, "--jobs", "2")
    assert one.code == 0, one
    assert two.code == 0, two
    assert two.out == one.out
    if fmt == "jsonl":
        corpus = inputs[-1]
        assert unique(paths_in(one.out)) == inputs[:-1] + [f"{corpus}:{i}" for i in range(1, 12)]


def test_results_stream_with_a_bounded_window(tmp_path, monkeypatch):
    """The first result comes back before most inputs have even been read (no up-front map)."""
    from reportkit.formats.inputs import expand
    from reportkit.render.document import to_jsonl

    corpus = tmp_path / "big.jsonl"
    corpus.write_text("".join(json.dumps({"content": f"完成投资{i}亿元。"}, ensure_ascii=False) + "\n"
                              for i in range(200)), encoding="utf-8")
    read = []
    original = run.sources

    def counting(refs, **options):
        for item in original(refs, **options):
            read.append(item[0])
            yield item

    monkeypatch.setattr(run, "sources", counting)
    refs = expand([str(corpus)])
    stream = run.results(refs, to_jsonl, encoding=None, text_field="content", jobs=2)
    ref, status, value = next(stream)
    assert (ref.record, status) == (1, "ok") and '"0亿元"' in value
    assert len(read) <= 2 * run.WINDOW_PER_JOB + 1
    rest = list(stream)
    assert [r.record for r, _, _ in rest] == list(range(2, 201))


def test_one_unreadable_file_is_reported_and_skipped(cli, tmp_path):
    inputs = many_inputs(tmp_path, count=4)
    bad = tmp_path / "r01.txt"
    bad.write_bytes("正常开头".encode() + b"\xff\xfe\xfa\x80\x81")
    for jobs in ("1", "2"):
        result = cli("parse", *inputs, "--format", "jsonl", "--jobs", jobs)
        assert result.code == 2, result
        assert result.err.splitlines() == [
            f"reportkit: error: {bad}: cannot be decoded as UTF-8 or GB18030; "
            "pass --encoding to name the encoding",
            "reportkit: 1 of 15 inputs failed and were skipped"]
        done = unique(paths_in(result.out))
        assert str(bad) not in done and len(done) == 14  # all the others, still in order
        assert done[:3] == [inputs[0], inputs[2], inputs[3]]


def test_a_crash_in_one_document_is_reported_not_a_traceback(cli, tmp_path, monkeypatch):
    import reportkit.document as document

    inputs = many_inputs(tmp_path, count=3)
    real_parse = document.parse

    def parse(text, **kwargs):
        if "第1部分" in text:
            raise ValueError("boom")
        return real_parse(text, **kwargs)

    monkeypatch.setattr(document, "parse", parse)  # forked workers inherit the patch
    monkeypatch.delenv("REPORTKIT_DEBUG", raising=False)
    for jobs in ("1", "2"):
        result = cli("parse", *inputs, "--format", "jsonl", "--jobs", jobs)
        assert result.code == 2, result
        assert "Traceback" not in result.err
        assert result.err.splitlines()[0] == (
            f"reportkit: error: {inputs[1]}: internal error, please report it "
            "(ValueError: boom; REPORTKIT_DEBUG=1 shows the traceback)")
        assert len(unique(paths_in(result.out))) == 13


def test_output_is_written_whole_and_leaves_no_temp_file(cli, tmp_path):
    (tmp_path / "in").mkdir()
    inputs = many_inputs(tmp_path / "in")
    out = tmp_path / "out" / "q.jsonl"
    out.parent.mkdir()
    result = cli("parse", *inputs, "--format", "jsonl", "--output", str(out), "--jobs", "2")
    assert result.code == 0 and result.out == "", result
    assert out.read_text(encoding="utf-8") == cli("parse", *inputs, "--format", "jsonl").out
    assert os.listdir(out.parent) == ["q.jsonl"]


@pytest.mark.parametrize("jobs", ["1", "2"])
@pytest.mark.parametrize("failure", [KeyboardInterrupt, OSError(28, "No space left on device")])
def test_a_failure_mid_run_never_leaves_a_half_written_output(cli, tmp_path, monkeypatch, jobs, failure):
    inputs = many_inputs(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    target = out / "q.jsonl"
    target.write_text("the previous, complete result\n", encoding="utf-8")
    real_write = Sink._write
    calls = []

    def write(self, text):
        calls.append(text)
        if len(calls) == 5:  # mid-run: four documents already written to the temp file
            assert target.read_text(encoding="utf-8") == "the previous, complete result\n"
            raise failure
        real_write(self, text)

    monkeypatch.setattr(Sink, "_write", write)
    result = cli("parse", *inputs, "--format", "jsonl", "--output", str(target), "--jobs", jobs)
    assert len(calls) == 5
    if failure is KeyboardInterrupt:
        assert result.code == 130
    else:
        assert result.code == 2 and "Traceback" not in result.err, result
        assert result.err.strip() == (
            f"reportkit: error: {target}: cannot write ([Errno 28] No space left on device)")
    assert target.read_text(encoding="utf-8") == "the previous, complete result\n"
    assert os.listdir(out) == ["q.jsonl"]  # the temp file is gone


def _reportkit(*args: str) -> list[str]:
    return [sys.executable, "-m", "reportkit", *args]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_closed_pipe_exits_quietly(tmp_path, jobs):
    copies = []
    for i in range(12):  # ~0.6 MB of JSONL: far more than a pipe buffer holds
        path = tmp_path / f"copy{i:02d}.txt"
        path.write_bytes(SAMPLE.read_bytes())
        copies.append(str(path))
    proc = subprocess.Popen(_reportkit("parse", "--format", "jsonl", "--jobs", jobs, *copies),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env={**os.environ, "PYTHONWARNINGS": "default"})
    first = proc.stdout.readline()  # like `| head -1`: read one line, then leave
    proc.stdout.close()
    err = proc.stderr.read().decode("utf-8", "replace")
    code = proc.wait(timeout=60)
    assert json.loads(first)["path"] == copies[0]
    assert err == "", err
    assert code in (0, 1, 141)


def test_a_closed_pipe_in_a_shell_pipeline(tmp_path):
    shell = f"{' '.join(_reportkit('parse', '-f', 'jsonl', str(SAMPLE), str(SAMPLE), str(SAMPLE)))} | head -1"
    done = subprocess.run(["sh", "-c", shell], capture_output=True, timeout=60)
    assert done.stderr == b""
    assert len(done.stdout.decode("utf-8").splitlines()) == 1


@pytest.mark.parametrize("env, stderr_tty, stdout_tty, to_stdout, total, shown", [
    ({}, True, False, True, 5, True),     # results piped or redirected, a person watches stderr
    ({}, True, True, False, 5, True),     # --output: the terminal is free for the bar
    ({}, True, True, True, 5, False),     # results on the same terminal: no bar over them
    ({}, False, False, True, 5, False),   # stderr piped or logged
    ({"CI": "true"}, True, False, True, 5, False),
    ({"TERM": "dumb"}, True, False, True, 5, False),
    ({}, True, False, True, 1, False),    # one input: nothing to show progress over
])
def test_progress_bar_rules(monkeypatch, env, stderr_tty, stdout_tty, to_stdout, total, shown):
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    monkeypatch.setattr(sys.stderr, "isatty", lambda: stderr_tty, raising=False)
    monkeypatch.setattr(sys.stdout, "isatty", lambda: stdout_tty, raising=False)
    assert run.show_progress(total, to_stdout=to_stdout) is shown
