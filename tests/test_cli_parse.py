"""`reportkit parse`: formats, inputs, and every user error → one line, exit code 2."""

from __future__ import annotations

import json

import pytest

from conftest import SAMPLE, sample_text


def test_tree_output_shows_metadata_and_headings(cli):
    result = cli("parse", str(SAMPLE))
    assert result.code == 0, result
    assert "2023年上半年工作总结及下半年工作计划" in result.out
    assert "发布机构 东城街道" in result.out
    assert "公开日期 2023-07-27" in result.out
    assert "一、上半年主要工作情况" in result.out
    assert "(六)实施安全环保指数提升工程" in result.out


def test_json_output_is_the_document_model(cli):
    result = cli("parse", str(SAMPLE), "--format", "json")
    assert result.code == 0, result
    data = json.loads(result.out)
    assert data["schema"] == "reportkit.document/1"
    assert data["meta"]["title"] == "2023年上半年工作总结及下半年工作计划"
    assert data["meta"]["published"] == "2023-07-27"
    assert [h["title"] for h in data["headings"] if h["level"] == 1] == [
        "上半年主要工作情况", "存在的主要困难、问题", "下半年重点工作思路和举措"]
    first = data["headings"][0]
    assert set(first) >= {"id", "level", "marker", "title", "line", "parent"}
    text = sample_text()
    for s in data["sentences"]:
        assert text[s["start"]:s["end"]] == s["text"]
        assert set(s) >= {"id", "heading", "text", "start", "end", "line", "col"}


def test_stdin_and_output_file(cli, tmp_path):
    out = tmp_path / "doc.json"
    result = cli("parse", "-", "--format", "json", "--output", str(out), stdin=SAMPLE.read_bytes())
    assert result.code == 0, result
    assert result.out == ""
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["meta"]["publisher"] == "东城街道"
    assert [p.name for p in tmp_path.iterdir()] == ["doc.json"]  # no temp file left behind


def test_forced_encoding(cli, tmp_path):
    path = tmp_path / "gbk.txt"
    gbk_safe = sample_text().replace("•", "*").replace("\xa0", " ")  # GBK lacks these two
    path.write_bytes(gbk_safe.encode("gbk"))
    result = cli("parse", str(path), "--format", "json", "--encoding", "gbk")
    assert result.code == 0, result
    assert json.loads(result.out)["meta"]["encoding"] == "gbk"
    auto = cli("parse", str(path), "--format", "json")
    assert json.loads(auto.out)["meta"]["encoding"] == "gb18030"


@pytest.mark.parametrize("make, message", [
    (lambda d: d / "missing.txt", "missing.txt: no such file or directory"),
    (lambda d: _write(d / "empty.txt", b""), "empty.txt: the file is empty"),
    (lambda d: _write(d / "blank.txt", b"  \n\r\n"), "blank.txt: the file is empty"),
    (lambda d: _write(d / "binary.txt", bytes(range(256)) * 4), "binary.txt: looks like a binary file"),
    (lambda d: _write(d / "bad.txt", "正常开头".encode() + b"\xff\xfe\xfa\x80\x81"),
     "bad.txt: cannot be decoded as UTF-8 or GB18030"),
    (lambda d: _mkdir(d / "nothing"), "nothing: no report files"),
])
def test_user_errors_give_one_line_and_exit_2(cli, tmp_path, make, message):
    path = make(tmp_path)
    result = cli("parse", str(path))
    assert result.code == 2, result
    assert message in result.err
    assert result.err.count("\n") == 1 and "Traceback" not in result.err


def test_bad_encoding_name_and_undecodable_forced_encoding(cli):
    result = cli("parse", str(SAMPLE), "--encoding", "no-such-codec")
    assert (result.code, result.err.strip()) == (2, "reportkit: error: unknown encoding 'no-such-codec'")
    result = cli("parse", str(SAMPLE), "--encoding", "ascii")
    assert result.code == 2 and "cannot be decoded as ascii" in result.err


def test_bad_flag_exits_2(cli):
    result = cli("parse", str(SAMPLE), "--no-such-flag")
    assert result.code == 2
    assert "No such option" in result.err


def test_one_bad_file_among_many_still_runs_the_rest(cli, tmp_path):
    _write(tmp_path / "a.txt", SAMPLE.read_bytes())
    _write(tmp_path / "b.txt", b"")
    result = cli("parse", str(tmp_path), "--format", "json", "--jobs", "1")
    assert result.code == 2
    assert "b.txt: the file is empty" in result.err
    documents = json.loads(result.out)  # several inputs: a JSON array, one per readable file
    assert [d["meta"]["publisher"] for d in documents] == ["东城街道"]


def _write(path, data: bytes):
    path.write_bytes(data)
    return path


def _mkdir(path):
    path.mkdir()
    (path / "notes.xlsx").write_bytes(b"PK\x03\x04")  # a spreadsheet: not a report
    return path


def test_empty_stdin_is_an_error(cli):
    result = cli("parse", "-", stdin=b"")
    assert (result.code, result.err.strip()) == (2, "reportkit: error: <stdin>: the file is empty")


def test_quantities_table(cli):
    result = cli("parse", str(SAMPLE), "--quantities")
    assert result.code == 0, result
    row = next(line for line in result.out.splitlines() if "1900余件" in line)
    assert "[1900, 2000)" in row and "诉求" in row and "协调解决" in row
    bare_wan = next(line for line in result.out.splitlines() if "2.25万" in line)
    assert "万 (推断)" in bare_wan


def test_jsonl_and_csv_give_one_quantity_per_row(cli):
    import csv
    import io

    jsonl = cli("parse", str(SAMPLE), "--format", "jsonl")
    rows = [json.loads(line) for line in jsonl.out.splitlines()]
    assert len(rows) == 111
    first = rows[0]
    assert (first["text"], first["value"], first["unit"], first["label"], first["verb"]) == (
        "6次", "6", "次", "专题学习", "开展")
    assert first["path"] == str(SAMPLE)
    table = list(csv.DictReader(io.StringIO(cli("parse", str(SAMPLE), "--format", "csv").out)))
    assert len(table) == 111
    money = next(r for r in table if r["text"] == "238.16万元")
    assert (money["value"], money["unit"], money["base_value"], money["base_unit"]) == (
        "238.16", "万元", "2381600", "元")


def test_version(cli):
    from reportkit import __version__

    result = cli("--version")
    assert (result.code, result.out) == (0, f"reportkit {__version__}\n")
