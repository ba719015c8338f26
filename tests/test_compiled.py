"""The package's patterns and generated methods, compiled from the code kept between runs."""

from __future__ import annotations

import marshal
import os
import re
import subprocess
import sys

import pytest
import regex

from conftest import ROOT, SAMPLE
from reportkit import compiled
from reportkit.compiled import PatternStore

SAMPLE_TEXT = SAMPLE.read_text(encoding="utf-8")

_PROBES = [
    SAMPLE_TEXT,
    "一、总体情况\n全年完成投资12.5亿元，同比增长3.5%，新增就业1,234人。（一）受理诉求1900余件，办结率98.6%。",
    "第1季度 2023年3月 十一五 《关于2024年工作的报告》 5-9层 “一网通办” ①②③ 1.2.3.",
    "",
]


def _all_package_patterns() -> set:
    """The keys of every pattern this process compiled through the cache: the whole package
    imported, and a report parsed and checked (lazy patterns too)."""
    import pkgutil

    import reportkit
    from reportkit.check import check_document
    from reportkit.check.loader import load_rules
    from reportkit.document import parse

    for info in pkgutil.walk_packages(reportkit.__path__, "reportkit."):
        if not info.name.endswith("__main__"):
            __import__(info.name)
    check_document(parse(SAMPLE_TEXT), load_rules(), "sample.txt")
    return set(compiled._STORE.used)


def _behaviour(p) -> tuple:
    found, mark = [], "#"
    for text in _PROBES:
        if isinstance(p.pattern, bytes):  # a byte pattern (the corpus index's) reads bytes
            text, mark = text.encode(), b"#"
        found.append([(m.span(), m.groups()) for m in p.finditer(text)])
        found.append(p.sub(lambda m: mark, text))
    return p.pattern, p.flags, p.groups, dict(p.groupindex), found


def test_every_package_pattern_built_from_the_cache_equals_a_fresh_compile(tmp_path):
    keys = _all_package_patterns()
    regex_keys = [k for k in keys if k[0] == "regex"]
    re_keys = [k for k in keys if k[0] == "re"]
    assert len(regex_keys) > 100 and len(re_keys) > 30  # the lexicons, splitters, rules' words
    path = str(tmp_path / "patterns.marshal")
    writer = PatternStore(path)
    for engine, _, pattern, flags in regex_keys + re_keys:
        writer.compile(engine, pattern, flags)
    assert writer.save()
    reader = PatternStore(path)
    assert set(reader.entries) == set(writer.entries)
    for engine, _, pattern, flags in regex_keys + re_keys:
        fresh = (regex.compile(pattern, flags) if engine == "regex" else re.compile(pattern, flags))
        cached = reader.compile(engine, pattern, flags)
        assert type(cached) is type(fresh)
        assert _behaviour(cached) == _behaviour(fresh), pattern
    assert not reader.added  # every one came from the file


def test_a_pattern_is_compiled_once_then_built_from_the_file(tmp_path, monkeypatch):
    path = str(tmp_path / "p.marshal")
    store = PatternStore(path)
    p = store.compile("regex", r"(?P<n>\d+)\p{Han}{0,3}?万", regex.IGNORECASE)
    assert store.added and store.save() and not store.save()  # nothing new: no rewrite
    monkeypatch.setattr(regex, "compile", lambda *a, **k: 1 / 0)  # only the file can serve
    again = PatternStore(path).compile("regex", r"(?P<n>\d+)\p{Han}{0,3}?万", regex.IGNORECASE)
    assert again.pattern == p.pattern and again.flags == p.flags and again.groupindex == {"n": 1}
    assert again.findall("共12三万件") == ["12"]


@pytest.mark.parametrize("damage", ["truncated", "bit flipped", "other python", "garbage", "empty"])
def test_a_damaged_or_foreign_file_is_compiled_around(tmp_path, damage):
    path = tmp_path / "p.marshal"
    store = PatternStore(str(path))
    store.compile("re", r"(\d+)(?:亿|万)?")
    store.compile("python", "def f():\n    return 42\n")
    assert store.save()
    blob = path.read_bytes()
    if damage == "truncated":
        blob = blob[: len(blob) // 2]
    elif damage == "bit flipped":
        blob = blob[:-5] + bytes([blob[-5] ^ 0x10]) + blob[-4:]
    elif damage == "other python":
        blob = blob.replace(compiled._python().encode(), b"cpython-399-39900f0", 1)
    elif damage == "garbage":
        blob = os.urandom(len(blob))
    else:
        blob = b""
    path.write_bytes(blob)
    reader = PatternStore(str(path))
    assert reader.entries == {}
    assert reader.compile("re", r"(\d+)(?:亿|万)?").findall("3万4") == ["3", "4"]
    namespace: dict = {}
    exec(reader.compile("python", "def f():\n    return 42\n"), namespace)
    assert namespace["f"]() == 42


def test_an_entry_the_engine_refuses_is_dropped_and_compiled_afresh(tmp_path):
    store = PatternStore(str(tmp_path / "p.marshal"))
    key = ("re", "", r"a+b", 0)
    store.entries[key] = ("a+b", 0, [999999], 0, {}, ())  # code no engine accepts
    p = store.compile("re", r"a+b")
    assert p.findall("aab ab b") == ["aab", "ab"]
    assert store.entries[key] != ("a+b", 0, [999999], 0, {}, ())


def test_what_depends_on_more_than_the_text_is_never_kept(tmp_path):
    store = PatternStore(str(tmp_path / "p.marshal"))
    assert store.compile("regex", r"(?L)\w+").findall("ab") == ["ab"]  # an inline locale
    assert store.compile("re", rb"\w+", re.LOCALE).findall(b"ab c") == [b"ab", b"c"]
    assert store.compile("regex", b"x+").findall(b"xxy") == [b"xx"]
    assert store.entries == {} and not store.added


def test_an_unwritable_cache_is_no_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("")
    store = PatternStore(str(blocker / "sub" / "p.marshal"))  # a folder under a file
    assert store.compile("re", r"\d+").findall("1 22") == ["1", "22"]
    assert store.save() is False


def test_past_the_limit_only_the_entries_this_process_used_are_kept(tmp_path, monkeypatch):
    monkeypatch.setattr(compiled, "MAX_ENTRIES", 3)
    path = str(tmp_path / "p.marshal")
    old = PatternStore(path)
    for k in range(4):
        old.compile("re", f"old{k}")
    old.save()
    new = PatternStore(path)
    assert len(new.entries) == 4
    new.compile("re", "new")
    new.compile("re", "old1")
    assert new.save()
    assert {k[2] for k in PatternStore(path).entries} == {"new", "old1"}


def _run(*args: str, cache, seed: str = "0", stdin: str | None = None):
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"), XDG_CACHE_HOME=str(cache), PYTHONHASHSEED=seed)
    return subprocess.run([sys.executable, "-m", "reportkit", *args], capture_output=True, text=True,
                          env=env, timeout=120, input=stdin)


def _kept(cache) -> dict:
    (name,) = [n for n in os.listdir(cache / "reportkit") if n.startswith("patterns-")]
    blob = (cache / "reportkit" / name).read_bytes()
    return marshal.loads(blob[blob.index(b"\n", len(compiled._MAGIC)) + 10:])


def test_a_run_keeps_its_patterns_and_the_next_run_reads_the_same_ones(tmp_path):
    report = tmp_path / "r.txt"
    report.write_text(SAMPLE_TEXT, encoding="utf-8")
    first = _run("parse", "--format", "jsonl", str(report), cache=tmp_path / "a", seed="1")
    assert first.returncode == 0 and first.stderr == ""
    kept = _kept(tmp_path / "a")
    assert len(kept) > 150
    # another hash seed, another process: the very same pattern texts (no set order in them)
    other = _run("parse", "--format", "jsonl", str(report), cache=tmp_path / "b", seed="2")
    assert set(_kept(tmp_path / "b")) == set(kept)
    # from the cache: the same output, and the file is not written again
    stamp = os.stat(next((tmp_path / "a" / "reportkit").glob("patterns-*"))).st_mtime_ns
    again = _run("parse", "--format", "jsonl", str(report), cache=tmp_path / "a", seed="3")
    assert again.stdout == first.stdout == other.stdout
    assert os.stat(next((tmp_path / "a" / "reportkit").glob("patterns-*"))).st_mtime_ns == stamp


def test_the_command_ends_with_its_exit_code_and_all_its_output(tmp_path):
    """The command exits without the interpreter's teardown: nothing it wrote is lost."""
    corpus = tmp_path / "c.jsonl"
    lines = [f'{{"content": "一、概况\\n全年完成投资{k}万元，新增就业{k}人。"}}' for k in range(1, 400)]
    corpus.write_text("\n".join(lines) + "\n", encoding="utf-8")
    done = _run("parse", "--format", "jsonl", "--jobs", "2", str(corpus), cache=tmp_path)
    assert done.returncode == 0 and done.stderr == ""
    assert len(done.stdout.splitlines()) == 2 * 399 and done.stdout.endswith("\n")
    out = tmp_path / "out.jsonl"
    written = _run("parse", "--format", "jsonl", "-o", str(out), str(corpus), cache=tmp_path)
    assert written.returncode == 0 and out.read_text(encoding="utf-8") == done.stdout
    wrong = _run("check", "-", cache=tmp_path, stdin="一、概况\n受理信访100件，已办结120件。\n")
    assert wrong.returncode == 1 and "办结" in wrong.stdout
    clean = _run("check", "-", cache=tmp_path, stdin="一、概况\n受理信访100件，已办结90件。\n")
    assert clean.returncode == 0
    missing = _run("parse", str(tmp_path / "absent.txt"), cache=tmp_path)
    assert missing.returncode == 2 and missing.stderr.startswith("reportkit: error:")
    assert "Traceback" not in missing.stderr


def test_a_reader_that_leaves_early_ends_the_command_quietly(tmp_path):
    corpus = tmp_path / "c.jsonl"
    corpus.write_text("".join(f'{{"content": "全年完成投资{k}万元。"}}\n' for k in range(3000)),
                      encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"), XDG_CACHE_HOME=str(tmp_path))
    command = f"{sys.executable} -m reportkit parse --format jsonl --jobs 1 {corpus} | head -n 1"
    done = subprocess.run(["bash", "-c", f"set -o pipefail; {command}"], capture_output=True,
                          text=True, env=env, timeout=120)
    assert done.stdout.count("\n") == 1 and done.stderr == ""
    assert done.returncode == 1
