"""What every start of ``reportkit`` imports: only the command it runs."""

from __future__ import annotations

import os
import re
import subprocess
import sys

from conftest import ROOT

_COMMANDS = ["parse", "check", "diff", "rules"]  # as help lists them


def _run(*args: str, code: str | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    command = [sys.executable, "-c", code] if code else [sys.executable, "-m", "reportkit", *args]
    return subprocess.run(command, capture_output=True, text=True, env=env, timeout=120)


def _listed(help_text: str) -> list[str]:
    return [m.group(1) for m in re.finditer(r"^│ (\w+) ", help_text.split("Commands", 1)[1], re.MULTILINE)]


def test_parse_imports_no_other_command(tmp_path):
    path = tmp_path / "r.txt"
    path.write_text("一、概况\n全年完成投资1,234万元。\n", encoding="utf-8")
    code = ("import sys\nfrom reportkit.cli import main\ntry:\n"
            f"    main(['parse', '--format', 'jsonl', '--jobs', '1', {str(path)!r}])\n"
            "except SystemExit:\n    pass\n"
            "print(sorted(m for m in sys.modules if m.endswith('_cmd')), file=sys.stderr)")
    done = _run(code=code)
    assert '"text": "1,234万元"' in done.stdout
    assert done.stderr.strip() == "['reportkit.cli.parse_cmd']"


def test_help_lists_every_command():
    done = _run("--help")
    assert done.returncode == 0 and _listed(done.stdout) == _COMMANDS
    bare = _run()  # no arguments: the help, as a usage error
    assert bare.returncode == 2 and _listed(bare.stdout + bare.stderr) == _COMMANDS


def test_an_unknown_command_is_told_among_all_of_them():
    done = _run("chek")
    assert done.returncode == 2 and "No such command 'chek'" in done.stderr
    assert "check" in done.stderr  # click's suggestion needs the command registered


def test_help_keeps_its_order_after_single_commands_in_one_process(cli):
    for command in ("diff", "rules", "check"):
        assert cli(command, "--help").code == 0
    result = cli("--help")
    assert result.code == 0 and _listed(result.out) == _COMMANDS


def _cache(tmp_path, monkeypatch):
    from reportkit import data

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    return data, data._cache_dir()


def test_data_files_are_parsed_from_the_cache_only_while_they_read_the_same(tmp_path, monkeypatch):
    import yaml

    data, folder = _cache(tmp_path, monkeypatch)
    text = data.read_text("units.yaml")
    expected = yaml.load(text, Loader=yaml.SafeLoader)
    assert data._parsed("units.yaml", text, folder) == expected  # parsed, then kept
    (kept,) = os.listdir(folder)
    parse = data._parse
    monkeypatch.setattr(data, "_parse", lambda text: 1 / 0)  # only the cache can serve
    assert data._parsed("units.yaml", text, folder) == expected
    monkeypatch.setattr(data, "_parse", parse)
    changed = text.replace("万", "萬", 1)  # same length, other text: never the old data
    assert changed != text and data._parsed("units.yaml", changed, folder) == yaml.safe_load(changed)
    # the changed text's cache under the original's name (as if their checksums collided)
    other = next(n for n in os.listdir(folder) if n != kept)
    os.replace(os.path.join(folder, other), os.path.join(folder, kept))
    assert data._parsed("units.yaml", text, folder) == expected


def test_a_corrupt_or_unwritable_cache_is_parsed_around(tmp_path, monkeypatch):
    import yaml

    data, folder = _cache(tmp_path, monkeypatch)
    text = data.read_text("verbs.yaml")
    expected = yaml.safe_load(text)
    data._parsed("verbs.yaml", text, folder)
    for junk in (b"", b"\x00garbage", __import__("marshal").dumps(["a"])):
        for name in os.listdir(folder):
            with open(os.path.join(folder, name), "wb") as fh:
                fh.write(junk)
        assert data._parsed("verbs.yaml", text, folder) == expected
    blocked = tmp_path / "file"
    blocked.write_text("")  # a file where the directory should be: nothing can be written
    assert data._parsed("verbs.yaml", text, str(blocked / "sub")) == expected
    assert sorted(os.listdir(tmp_path)) == ["file", "reportkit"]  # no temporary file left


def test_every_data_file_loads_as_yaml_reads_it(tmp_path, monkeypatch):
    import yaml

    data, folder = _cache(tmp_path, monkeypatch)
    for path in sorted((ROOT / "src" / "reportkit" / "data").glob("*.yaml")):
        text = data.read_text(path.name)
        assert data._parsed(path.name, text, folder) == yaml.safe_load(text)
        assert data._parsed(path.name, text, folder) == yaml.safe_load(text)  # from the cache
    assert len(os.listdir(folder)) == len(list((ROOT / "src" / "reportkit" / "data").glob("*.yaml")))
