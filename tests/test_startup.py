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
    return [m.group(1) for m in re.finditer(r"^│ (\w+) ", help_text.split("Commands", 1)[1], re.M)]


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
