"""`reportkit check` over many inputs: worker processes, input order, streaming, a bad input
skipped (exit 2, which beats 1), .jsonl corpora, no progress bar off a terminal; and the corpus
reader under it (one record decoded from its line, read by seeking to its offset)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import bundled_report, sample_text

from reportkit.cli import run
from reportkit.output import Sink

PLANTED = ("已办结1811件", "已办结1911件")
BAD_BYTES = "正常开头".encode() + b"\xff\xfe\xfa\x80\x81"
HANDLED = "一、总体情况\n全年受理群众来信{a}件，已办结{b}件。\n"  # an error when b > a
BARE_WAN = "一、总体情况\n发放资金{a}万，另支出3万元。\n"  # a warning


@pytest.fixture
def work(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # relative paths in the output; no configuration above
    return tmp_path


def write(path: Path, text: str) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path.name if path.parent == Path.cwd() else str(path.relative_to(Path.cwd()))


def corpus(path: Path, texts, field="content") -> str:
    path.write_text("".join(json.dumps({"title": f"第{i}篇", field: t}, ensure_ascii=False) + "\n"
                            for i, t in enumerate(texts, 1)), encoding="utf-8")
    return path.name


def many(root: Path) -> list[str]:
    """Files of very different sizes (the slowest first, so workers finish out of order), with
    findings in some, and a corpus whose records have findings in some."""
    names = [write(root / "big.txt", bundled_report(2024)),
             write(root / "sample.txt", sample_text()),
             write(root / "planted.txt", sample_text().replace(*PLANTED))]
    for i in range(8):
        text = HANDLED.format(a=10 + i, b=12 + i) if i % 3 == 0 else BARE_WAN.format(a=f"{i}.5") \
            if i % 3 == 1 else f"一、总体情况\n全年新增就业{i}.5万人，投资{i * 7}亿元。\n"
        names.append(write(root / f"small{i}.txt", text))
    names.append(corpus(root / "corpus.jsonl", [HANDLED.format(a=5, b=3), HANDLED.format(a=5, b=6),
                                                BARE_WAN.format(a=2), "一、总体情况\n三、其他\n"]))
    return names


def test_several_files_and_a_bad_one(cli, work):
    names = many(work)
    (work / "bad.txt").write_bytes(BAD_BYTES)
    inputs = names[:3] + ["bad.txt"] + names[3:]
    for jobs in ("1", "2"):
        result = cli("check", *inputs, "--format", "json", "--jobs", jobs)
        assert result.code == 2, result  # 2 (an input was skipped) beats 1 (the planted error)
        assert result.err.splitlines() == [
            "reportkit: error: bad.txt: cannot be decoded as UTF-8 or GB18030; pass --encoding to name the encoding",
            f"reportkit: 1 of {len(inputs) + 3} inputs failed and were skipped"]
        data = json.loads(result.out)
        paths = list(dict.fromkeys(f["path"] for f in data["findings"]))
        assert paths == ["sample.txt", "planted.txt", "small0.txt", "small1.txt", "small3.txt",
                         "small4.txt", "small6.txt", "small7.txt",
                         "corpus.jsonl:2", "corpus.jsonl:3", "corpus.jsonl:4"]
        assert data["summary"]["files"] == len(inputs) + 3 - 1  # the ones checked
        assert data["summary"]["errors"] == 5


def test_the_text_format_with_a_bad_input(cli, work):
    good = write(work / "r.txt", sample_text().replace(*PLANTED))
    (work / "bad.txt").write_bytes(BAD_BYTES)
    result = cli("check", "bad.txt", good, "--jobs", "2")
    assert result.code == 2, result
    assert result.out.startswith("r.txt:38:92  handled-le-received  error: ")
    assert result.out.splitlines()[-1] == "检查了 1 个文件：1 个错误，1 个警告，0 个提示。"
    assert "Traceback" not in result.err and len(result.err.splitlines()) == 2


def test_when_no_input_can_be_read_nothing_is_written(cli, work):
    (work / "bad.txt").write_bytes(BAD_BYTES)
    (work / "old.json").write_text("the previous result\n", encoding="utf-8")
    for args in ((), ("--format", "json", "--output", "old.json")):
        result = cli("check", "bad.txt", *args)
        assert (result.code, result.out) == (2, ""), result
        assert result.err.splitlines() == [
            "reportkit: error: bad.txt: cannot be decoded as UTF-8 or GB18030; pass --encoding to name the encoding"]
    assert (work / "old.json").read_text(encoding="utf-8") == "the previous result\n"
    assert sorted(os.listdir(work)) == ["bad.txt", "old.json"]  # no temp file left


def test_a_baseline_is_not_written_unless_every_input_was_read(cli, work):
    good = write(work / "r.txt", sample_text().replace(*PLANTED))
    (work / "bad.txt").write_bytes(BAD_BYTES)
    result = cli("check", good, "bad.txt", "--write-baseline", "base.json")
    assert result.code == 2
    assert result.err.splitlines()[-1] == "reportkit: error: base.json: not written, because not every input could be read"
    assert not (work / "base.json").exists()


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github"])
def test_jobs_2_gives_the_same_output_as_jobs_1(cli, work, fmt):
    inputs = many(work)
    one = cli("check", *inputs, "--format", fmt, "--jobs", "1")
    two = cli("check", *inputs, "--format", fmt, "--jobs", "2")
    assert one.code == 1, one
    assert (two.code, two.out, two.err) == (one.code, one.out, one.err)
    if fmt == "text":
        assert one.out.splitlines()[-1] == "检查了 15 个文件：5 个错误，7 个警告，0 个提示。"
        # the same as the documents checked one by one, in the order given
        alone = "".join(cli("check", name, "--jobs", "1").out.rsplit("检查了", 1)[0] for name in inputs[:11])
        assert one.out.startswith(alone)


def test_a_baseline_applies_the_same_with_workers(cli, work):
    inputs = many(work)
    assert cli("check", *inputs, "--write-baseline", "base.json", "--jobs", "2").code == 0
    for name in ("small0.txt", "small2.txt"):  # one old error fixed, one new error
        (work / name).write_text(HANDLED.format(a=1, b=2 if name == "small2.txt" else 1), encoding="utf-8")
    runs = [cli("check", *inputs, "--baseline", "base.json", "--format", "json", "--jobs", j) for j in "12"]
    assert runs[0].out == runs[1].out and runs[0].code == runs[1].code == 1
    data = json.loads(runs[0].out)
    assert [(f["path"], f["rule"]) for f in data["findings"]] == [("small2.txt", "handled-le-received")]
    assert data["summary"]["suppressed"] == 11


def test_a_jsonl_corpus_with_text_field(cli, work):
    name = corpus(work / "c.jsonl", [HANDLED.format(a=10, b=9), BARE_WAN.format(a=3),
                                     HANDLED.format(a=10, b=11)], field="body")
    with (work / "c.jsonl").open("a", encoding="utf-8") as fh:
        fh.write("\n")  # a blank line is not a record
        fh.write('{"body": "   "}\n')
        fh.write("not json\n")
    result = cli("check", name, "--text-field", "body", "--format", "github", "--jobs", "2")
    assert result.code == 2, result
    assert result.out.splitlines() == [
        "::warning file=c.jsonl%3A2,line=2,col=5,endLine=2,endColumn=6,title=bare-wan-money::3万省略了“元”，应写作“3万元”",
        "::error file=c.jsonl%3A3,line=2,col=16,endLine=2,endColumn=18,title=handled-le-received::"
        "办结11件，多于受理的10件：办结数不能超过受理数",
        "检查了 3 个文件：1 个错误，1 个警告，0 个提示。"]
    assert result.err.splitlines() == [
        "reportkit: error: c.jsonl:5: the report text is empty",
        "reportkit: error: c.jsonl:6: not a JSON object (Expecting value: line 1 column 1 (char 0))",
        "reportkit: 2 of 5 inputs failed and were skipped"]
    wrong = cli("check", name, "--jobs", "1")  # the default field, content, is not there
    assert wrong.code == 2 and wrong.out == ""
    assert wrong.err.splitlines()[0] == "reportkit: error: c.jsonl:1: no text field 'content' (use --text-field)"


def test_stdin_among_other_inputs_reaches_the_workers(cli, work):
    other = write(work / "r.txt", HANDLED.format(a=1, b=2))
    stdin = HANDLED.format(a=3, b=4).encode("utf-8")
    for command in (("check", "-f", "github"), ("parse", "-f", "jsonl")):
        one = cli(*command, "-", other, "--jobs", "1", stdin=stdin)
        two = cli(*command, "-", other, "--jobs", "2", stdin=stdin)
        assert one.code == two.code and one.out == two.out and two.err == "", two
        assert "<stdin>" in two.out


def test_the_rules_are_loaded_once(cli, work, monkeypatch):
    """In this process, before the workers start; forked workers inherit them."""
    from reportkit.check import batch

    inputs = many(work)
    log = work / "loads.log"
    real = batch.load_rules

    def load_rules(*args, **kwargs):
        with log.open("a") as fh:
            fh.write(f"{os.getpid()}\n")
        return real(*args, **kwargs)

    monkeypatch.setattr(batch, "load_rules", load_rules)
    assert cli("check", *inputs, "--jobs", "2").code == 1
    assert log.read_text().split() == [str(os.getpid())]


def test_text_streams_as_files_finish(work, monkeypatch, cli):
    """The first document's findings are written before most inputs have even been read."""
    name = corpus(work / "big.jsonl", [HANDLED.format(a=i, b=i + 1) for i in range(120)])
    read, seen_at_write = [], []
    original = run.sources

    def counting(refs, **options):
        for item in original(refs, **options):
            read.append(item[0])
            yield item

    real_write = Sink._write

    def recording(self, text):
        seen_at_write.append(len(read))
        real_write(self, text)

    monkeypatch.setattr(run, "sources", counting)
    monkeypatch.setattr(Sink, "_write", recording)
    for fmt in ("text", "github"):
        read.clear()
        seen_at_write.clear()
        result = cli("check", name, "--format", fmt, "--jobs", "2")
        assert result.code == 1
        assert len(seen_at_write) == 121  # one write per document, then the summary
        assert seen_at_write[0] <= 2 * run.WINDOW_PER_JOB + 1
    result = cli("check", name, "--format", "json", "--jobs", "2")
    assert len(json.loads(result.out)["findings"]) == 120


def test_no_progress_bar_when_not_a_terminal(cli, work, monkeypatch):
    inputs = many(work)
    drawn = []

    class FakeProgress:
        def __init__(self, total, label):
            drawn.append((total, label))

        def advance(self):
            pass

        def print(self, line):
            print(line, file=sys.stderr)

        def stop(self):
            pass

    monkeypatch.setattr(run, "_Progress", FakeProgress)
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    result = cli("check", *inputs, "--jobs", "2")  # stderr is captured: not a terminal
    assert result.code == 1 and result.err == "" and drawn == []
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True, raising=False)
    result = cli("check", *inputs, "--jobs", "2", "--format", "json")  # a person watches stderr
    assert result.code == 1 and drawn == [(15, "checking reports")]


def test_no_progress_bar_in_a_pipe(work):
    """A whole process with stdout and stderr piped (as in CI): the results and nothing else."""
    inputs = many(work)
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    done = subprocess.run([sys.executable, "-m", "reportkit", "check", "--jobs", "2", *inputs],
                          capture_output=True, timeout=120, env={**env, "TERM": "xterm"})
    assert done.returncode == 1
    assert done.stderr == b""
    assert done.stdout.decode("utf-8").splitlines()[-1] == "检查了 15 个文件：5 个错误，7 个警告，0 个提示。"


# --- the corpus reader ---------------------------------------------------------------------

def test_a_record_is_decoded_from_its_line_and_read_at_its_offset(tmp_path):
    from reportkit.errors import InputError
    from reportkit.formats.inputs import InputRef, expand, read_text, record_from_line

    path = tmp_path / "c.jsonl"
    lines = [json.dumps({"title": f"t{i}", "content": f"投资{i}亿元。", "n": i}, ensure_ascii=False) + "\n"
             for i in range(3)]
    path.write_text(lines[0] + "\n" + lines[1] + lines[2], encoding="utf-8")
    refs = expand([str(path)])
    assert [(r.name, r.record) for r in refs] == [(f"{path}:1", 1), (f"{path}:3", 3), (f"{path}:4", 4)]
    data = path.read_bytes()
    assert [data[r.offset:].split(b"\n", 1)[0] + b"\n" for r in refs] == [x.encode() for x in lines]

    decoded, extra = record_from_line(refs[1], lines[1].encode())
    assert (decoded.text, extra) == ("投资1亿元。", {"title": "t1", "n": 1})
    with pytest.raises(InputError, match=r"c\.jsonl:3: no text field 'body' \(use --text-field\)"):
        record_from_line(refs[1], lines[1].encode(), "body")

    # the offset is what is read: a seek, not a scan from the top for line `record`
    third = InputRef(f"{path}:4", str(path), 1, refs[2].offset)
    assert read_text(third)[0].text == "投资2亿元。"
    # a hand-made reference without an offset is still found (diff's CORPUS.jsonl:LINE)
    assert read_text(InputRef(f"{path}:3", str(path), 3))[0].text == "投资1亿元。"
    with pytest.raises(InputError, match="has no line 9"):
        read_text(InputRef(f"{path}:9", str(path), 9))


def test_a_corpus_is_read_once_front_to_back(tmp_path, monkeypatch):
    """The batch reader opens a corpus once and never rescans it for a record."""
    import builtins

    from reportkit import distributed
    from reportkit.formats import inputs

    path = tmp_path / "c.jsonl"
    path.write_text("".join(json.dumps({"content": f"投资{i}亿元。"}, ensure_ascii=False) + "\n"
                            for i in range(50)), encoding="utf-8")
    refs = inputs.expand([str(path)])
    opened = []
    real_open = builtins.open

    def counting_open(file, *args, **kwargs):
        if str(file) == str(path):
            opened.append(file)
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", counting_open)
    got = [(ref.record, inputs.record_from_line(ref, line)[0].text) for ref, line in distributed.sources(refs)]
    assert got == [(i + 1, f"投资{i}亿元。") for i in range(50)]
    assert len(opened) == 1


def test_diff_still_reads_a_corpus_record_by_line(cli, tmp_path):
    path = tmp_path / "c.jsonl"
    path.write_text("".join(json.dumps({"content": t}, ensure_ascii=False) + "\n" for t in (
        "一、总体情况\n全年完成投资12亿元。\n", "一、总体情况\n全年完成投资15亿元。\n")), encoding="utf-8")
    result = cli("diff", f"{path}:1", f"{path}:2", "--format", "json")
    assert result.code == 0, result
    assert "12" in result.out and "15" in result.out
    missing = cli("diff", f"{path}:1", f"{path}:7")
    assert (missing.code, missing.err.strip()) == (2, f"reportkit: error: {path}:7: the corpus has no line 7")
