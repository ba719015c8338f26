"""Find and load rule files: the default pack shipped in the package and the user's own."""

from __future__ import annotations

import fnmatch
from pathlib import Path

from ..errors import ReportkitError, RuleFileError
from .model import Rule
from .schema import rules_from_yaml
from .structure import BUILTINS
from .yamlsrc import load_yaml

RULE_SUFFIXES = (".yaml", ".yml")


def default_rules_dir() -> Path:
    """The default pack: ``reportkit/default_rules`` in a wheel, ``rules/`` in a checkout."""
    try:
        from importlib.resources import files

        packaged = files("reportkit") / "default_rules"
        if packaged.is_dir():
            return Path(str(packaged))
    except (ModuleNotFoundError, TypeError, NotADirectoryError):  # pragma: no cover
        pass
    import reportkit

    return Path(reportkit.__file__).resolve().parents[2] / "rules"


def rule_files(spec: str | Path) -> list[Path]:
    path = Path(spec)
    if path.is_dir():
        found = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix in RULE_SUFFIXES)
        if not found:
            raise RuleFileError(f"{spec}: no rule files (*.yaml, *.yml) in this directory")
        return found
    if not path.exists():
        raise RuleFileError(f"{spec}: no such rule file or directory")
    return [path]


def load_file(path: Path) -> list[Rule]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise RuleFileError(f"{path}: not UTF-8 text (byte {exc.start})") from None
    except OSError as exc:
        raise RuleFileError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    return rules_from_yaml(load_yaml(text, str(path)), str(path), BUILTINS)


def load_rules(extra: list[str] = (), *, defaults: bool = True) -> list[Rule]:
    """The default pack (unless ``defaults=False``) followed by the given files/directories.
    A rule id defined twice is an error that names both places."""
    files: list[Path] = []
    if defaults:
        files.extend(rule_files(default_rules_dir()))
    for spec in extra:
        files.extend(rule_files(spec))
    rules: list[Rule] = []
    seen: dict[str, Rule] = {}
    for path in files:
        for rule in load_file(path):
            if rule.id in seen:
                first = seen[rule.id]
                raise RuleFileError(
                    f"{rule.source}:{rule.line}: rule {rule.id!r} is already defined in {first.source}:{first.line}"
                )
            seen[rule.id] = rule
            rules.append(rule)
    return rules


def select_rules(rules: list[Rule], select=(), ignore=()) -> list[Rule]:
    """Keep rules matching any ``select`` pattern (all when empty), minus ``ignore`` matches.
    Patterns are rule ids or globs (``heading-*``); one that matches no rule is an error."""
    ids = [r.id for r in rules]
    for option, patterns in (("--select", select), ("--ignore", ignore)):
        for pattern in patterns:
            if not any(fnmatch.fnmatchcase(i, pattern) for i in ids):
                raise ReportkitError(f"{option} {pattern}: no rule has this id (see 'reportkit rules list')")
    chosen = [r for r in rules if not select or any(fnmatch.fnmatchcase(r.id, p) for p in select)]
    return [r for r in chosen if not any(fnmatch.fnmatchcase(r.id, p) for p in ignore)]
