"""Project configuration for ``reportkit check``: ``reportkit.yaml`` (or ``.reportkit.yaml``),
or ``[tool.reportkit]`` in ``pyproject.toml``, found from the current directory upward.

The first directory that has one wins (a ``reportkit.yaml`` before a ``pyproject.toml``).
Keys are the command-line options: ``rules``, ``select``, ``ignore``, ``fail-on``, ``format``,
``baseline``, ``encoding``, ``default-rules``, ``timeout``. Paths are relative to the config file.
Command-line options override the file. An ``ignore:`` item is a rule id (the rule is not run)
or a mapping that silences some of a rule's findings, with its reason (:mod:`.suppress`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from ..errors import ReportkitError
from .model import SEVERITIES
from .suppress import IgnoreEntry, parse_entry
from .yamlsrc import LocDict, load_yaml

CONFIG_NAMES = ("reportkit.yaml", ".reportkit.yaml")
FORMATS = ("text", "json", "sarif", "github", "html")
KEYS = ("rules", "select", "ignore", "fail-on", "format", "baseline", "encoding", "default-rules",
        "timeout")
OTHER_SECTIONS = ("parse", "diff")  # other commands' settings: not ours to judge


class ConfigError(ReportkitError):
    """A configuration file with a bad key or value; the message names file and line."""


@dataclass
class Config:
    path: Path | None = None
    rules: list[str] = field(default_factory=list)
    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    suppressions: list[IgnoreEntry] = field(default_factory=list)
    fail_on: str | None = None
    format: str | None = None
    baseline: str | None = None
    encoding: str | None = None
    default_rules: bool = True
    timeout: float | None = None  # seconds per document; 0: no limit


def _shown(path: Path) -> Path:
    """The path as a user would type it: relative to the current directory when inside it."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve())
    except ValueError:
        return path


def find_config(start: Path | None = None) -> Path | None:
    directory = (start or Path.cwd()).resolve()
    for folder in (directory, *directory.parents):
        for name in CONFIG_NAMES:
            candidate = folder / name
            if candidate.is_file():
                return candidate
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and _pyproject_section(pyproject) is not None:
            return pyproject
    return None


def load_config(path: Path | str | None = None, *, discover: bool = True) -> Config:
    """Load ``path``, or the discovered file, or defaults when there is none."""
    if path is None:
        if not discover:
            return Config()
        path = find_config()
        if path is None:
            return Config()
        path = _shown(path)
    path = Path(path)
    if not path.is_file():
        raise ConfigError(f"{path}: no such configuration file")
    if path.name == "pyproject.toml":
        data = _pyproject_section(path)
        if data is None:
            raise ConfigError(f"{path}: has no [tool.reportkit] table")
        return _build(data, path, lambda key: 0)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot be read ({exc})") from None
    data = load_yaml(text, str(path))
    if data is None:
        return Config(path=path)
    if not isinstance(data, LocDict):
        raise ConfigError(f"{path}:{getattr(data, 'line', 1)}: the configuration must be a mapping of options")
    return _build(data, path, data.line_of)


def _pyproject_section(path: Path):
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        try:
            import tomli as tomllib
        except ModuleNotFoundError:
            raise ConfigError(f"{path}: reading [tool.reportkit] needs Python 3.11+ or the tomli package") from None
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot be read ({exc})") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML ({exc})") from None
    section = data.get("tool", {}).get("reportkit")
    return section if isinstance(section, dict) else None


def _build(data: dict, path: Path, line_of) -> Config:
    def fail_at(line, what):
        where = f"{path}:{line}" if line else f"{path} [tool.reportkit]"
        raise ConfigError(f"{where}: {what}")

    def fail(key, what):
        fail_at(line_of(key), what)

    config = Config(path=path)
    base = path.parent
    for key, value in data.items():
        if key in OTHER_SECTIONS:
            continue
        name = str(key).replace("_", "-")
        if name not in KEYS:
            fail(key, f"unknown option {key!r} (allowed: {', '.join(KEYS)})")
        if name == "ignore" and isinstance(value, list) and any(isinstance(x, dict) for x in value):
            _ignore(config, value, path, line_of(key), fail_at)
        elif name in ("rules", "select", "ignore"):
            items = [value] if isinstance(value, str) else value
            if not isinstance(items, list) or not all(isinstance(x, str) and x for x in items):
                fail(key, f"{key!r} must be a string or a list of strings")
            if name == "rules":
                items = [str(base / x) for x in items]
            setattr(config, name, list(items))
        elif name == "fail-on":
            if value not in SEVERITIES:
                fail(key, f"'fail-on' must be one of {', '.join(SEVERITIES)}, not {value!r}")
            config.fail_on = value
        elif name == "format":
            if value not in FORMATS:
                fail(key, f"'format' must be one of {', '.join(FORMATS)}, not {value!r}")
            config.format = value
        elif name in ("baseline", "encoding"):
            if not isinstance(value, str) or not value:
                fail(key, f"{key!r} must be a string")
            setattr(config, name, str(base / value) if name == "baseline" else value)
        elif name == "default-rules":
            if not isinstance(value, bool):
                fail(key, "'default-rules' must be true or false")
            config.default_rules = value
        elif name == "timeout":
            if isinstance(value, bool) or not isinstance(value, (int, float, Decimal)) or value < 0:
                fail(key, "'timeout' must be a number of seconds ≥ 0 (0: no limit)")
            config.timeout = float(value)
    return config


def _ignore(config: Config, items: list, path: Path, line: int, fail_at) -> None:
    """Rule ids (not run at all) and entries that silence findings, in one list."""
    for i, item in enumerate(items):
        item_line = items.line_of(i) if hasattr(items, "line_of") else line
        if isinstance(item, str) and item:
            config.ignore.append(item)
        elif isinstance(item, dict):
            config.suppressions.append(parse_entry(item, str(path), item_line, fail_at))
        else:
            fail_at(item_line, "each 'ignore' item must be a rule id or a mapping with 'rule' and 'reason'")
