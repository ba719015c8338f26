"""`reportkit rules list` and `reportkit rules test`: see and test the check rules."""

from __future__ import annotations

import json
from pathlib import Path
from typing import List, Optional

import typer

from . import app
from ..errors import ReportkitError

rules_app = typer.Typer(
    help="List the check rules, or run their examples as tests.",
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
app.add_typer(rules_app, name="rules")


def _load(extra, no_default_rules, config, no_config):
    from ..check import load_rules
    from ..check.config import load_config

    cfg = load_config(config, discover=not no_config)
    return load_rules([*cfg.rules, *(extra or [])], defaults=cfg.default_rules and not no_default_rules)


def _source(path: str) -> str:
    try:
        return Path(path).resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path


@rules_app.command("list")
def list_rules(
    rules: Optional[List[str]] = typer.Option(None, "--rules", help="Add rule files or directories (repeatable)."),
    no_default_rules: bool = typer.Option(False, "--no-default-rules", help="Do not load the built-in rule pack."),
    format: str = typer.Option("text", "--format", "-f", help="text (default) or json."),
    config: Optional[str] = typer.Option(None, "--config", help="Use this configuration file."),
    no_config: bool = typer.Option(False, "--no-config", help="Ignore configuration files."),
) -> None:
    """Show every rule: id, severity, title and the file it comes from."""
    if format not in ("text", "json"):
        raise ReportkitError(f"--format must be text or json, not {format!r}")
    ruleset = _load(rules, no_default_rules, config, no_config)
    if format == "json":
        data = [{"id": r.id, "severity": r.severity, "title": r.title, "scope": r.scope,
                 "check": r.check, "source": _source(r.source), "line": r.line,
                 "examples": len(r.examples)} for r in ruleset]
        typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    from rich.console import Console
    from rich.table import Table

    from ..formats.inputs import is_tty

    table = Table(box=None, show_edge=False, pad_edge=False)
    for column in ("id", "severity", "title", "source"):
        table.add_column(column)
    for r in ruleset:
        table.add_row(r.id, r.severity, r.title, f"{_source(r.source)}:{r.line}")
    Console(highlight=False, soft_wrap=True, width=200 if not is_tty() else None).print(table)


@rules_app.command("test")
def test_rules(
    paths: Optional[List[str]] = typer.Argument(None, help="Rule files or directories to test (default: the built-in pack and configured rules)."),
    select: Optional[List[str]] = typer.Option(None, "--select", help="Test only these rule ids or globs."),
    config: Optional[str] = typer.Option(None, "--config", help="Use this configuration file."),
    no_config: bool = typer.Option(False, "--no-config", help="Ignore configuration files."),
) -> None:
    """Run every rule's examples: each fail must raise the rule on the marked number, each pass must not."""
    from ..check import load_rules, select_rules
    from ..check.examples import run_examples
    from .check_cmd import split_ids

    if paths:
        ruleset = load_rules(list(paths), defaults=False)
    else:
        ruleset = _load(None, False, config, no_config)
    ruleset = select_rules(ruleset, split_ids(select), ())
    results = run_examples(ruleset)
    failed = [r for r in results if not r.ok]
    by_rule: dict[str, list] = {}
    for r in results:
        by_rule.setdefault(r.rule.id, []).append(r)
    for rule in ruleset:
        mine = by_rule.get(rule.id, [])
        if not mine:
            typer.echo(f"NONE  {rule.id}  （没有示例）")
            continue
        bad = [r for r in mine if not r.ok]
        passes = sum(1 for r in mine if r.example.kind == "pass")
        fails = len(mine) - passes
        typer.echo(f"{'FAIL' if bad else 'ok  '}  {rule.id}  ({passes} pass, {fails} fail examples)")
        for r in bad:
            typer.echo(f"      {_source(rule.source)}:{r.example.line}: {r.example.kind} example: {r.problem}")
    typer.echo(f"{len(ruleset)} 条规则，{len(results)} 个示例：{len(results) - len(failed)} 个通过，{len(failed)} 个失败。")
    if failed:
        raise typer.Exit(1)
