"""YAML → plain values that remember where they were written.

Only the safe YAML subset is read (``yaml.SafeLoader``: no tags that build objects). Mappings
become :class:`LocDict` and sequences :class:`LocList`, which carry the 1-based line of every
key and item, so a rule-file problem can be reported as ``path:line: what is wrong``.
Numbers that YAML reads as floats are kept exactly, as :class:`~decimal.Decimal` of the text.

Anchors and aliases (``&a`` … ``*a``) are refused where the parser meets the first of them,
before anything is built: ten nested aliases of ten (a "billion laughs", 1 KB) would otherwise
expand to 10⁹ values. A rule or configuration file larger than :data:`MAX_CHARS` is refused too.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

import yaml

from ..errors import RuleFileError

MAX_CHARS = 2_000_000  # far above any rule pack; pure-Python YAML reads ~1 MB/s


class _Loader(yaml.SafeLoader):
    """SafeLoader that stops at the first anchor or alias."""

    def compose_node(self, parent, index):
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
            raise _AnchorFound(event.start_mark)
        return super().compose_node(parent, index)


class _AnchorFound(Exception):
    def __init__(self, mark):
        self.mark = mark


class LocDict(dict):
    """A mapping with ``line`` (of the mapping) and ``lines[key]`` (of each key)."""

    line: int
    lines: dict
    value_lines: dict

    @classmethod
    def empty(cls, line: int) -> "LocDict":
        out = cls()
        out.line, out.lines, out.value_lines = line, {}, {}
        return out

    def line_of(self, key) -> int:
        return self.value_lines.get(key, self.lines.get(key, self.line))


class LocList(list):
    """A sequence with ``line`` and ``lines[i]`` (of each item)."""

    line: int
    lines: list

    def line_of(self, index: int) -> int:
        return self.lines[index] if index < len(self.lines) else self.line


def load_yaml(text: str, path: str):
    """Parse one YAML document; every problem with it becomes ``RuleFileError('path:line: …')``:
    a character YAML does not allow (ReaderError), bad syntax (Scanner/Parser/ComposerError),
    a tag or value that cannot be built (ConstructorError; ``!!int 0x``, a date 2023-02-30),
    and nesting too deep to read."""
    if len(text) > MAX_CHARS:
        raise RuleFileError(f"{path}: too large ({len(text):,} characters; at most {MAX_CHARS:,})")
    loader = None
    try:
        loader = _Loader(text)  # reads the whole text: a bad character raises here
        node = loader.get_single_node()
        if node is None:
            return None
        return _convert(node, loader, path)
    except _AnchorFound as exc:
        raise RuleFileError(f"{path}:{exc.mark.line + 1}: YAML anchors and aliases (&name, *name) "
                            f"are not allowed; write the value out where it is used") from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        what = exc.problem or exc.context or "invalid YAML"
        raise RuleFileError(f"{path}:{line}: invalid YAML: {what}") from None
    except yaml.reader.ReaderError as exc:  # no mark: a character position in the text
        what = f"character U+{exc.character:04X} is not allowed" if isinstance(exc.character, int) \
            else exc.reason
        raise RuleFileError(f"{path}:{_line_at(text, exc.position)}: invalid YAML: {what}") from None
    except yaml.YAMLError as exc:  # pragma: no cover - every PyYAML error is one of the above
        raise RuleFileError(f"{path}:1: invalid YAML: {' '.join(str(exc).split())}") from None
    except RecursionError:
        raise RuleFileError(f"{path}:1: invalid YAML: nested too deeply") from None
    finally:
        if loader is not None:
            loader.dispose()


def _line_at(text: str, position: int) -> int:
    """1-based line of a character position, counting line breaks as YAML does."""
    line = 1
    for i, ch in enumerate(text[:position]):
        if ch in "\n\x85\u2028\u2029" or (ch == "\r" and text[i + 1:i + 2] != "\n"):
            line += 1
    return line


def _construct(loader, node, path):
    """A scalar's value; a value its tag cannot hold (``!!int 0x``, 2023-02-30) is located."""
    try:
        return loader.construct_object(node, deep=True)
    except (ValueError, OverflowError, TypeError) as exc:
        raise RuleFileError(f"{path}:{node.start_mark.line + 1}: invalid value {node.value!r} "
                            f"({' '.join(str(exc).split())})") from None


def _convert(node, loader, path):
    line = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        out = LocDict.empty(line)
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise RuleFileError(f"{path}:{key_node.start_mark.line + 1}: a key must be a plain scalar")
            key = _construct(loader, key_node, path)
            if key == "<<":
                raise RuleFileError(f"{path}:{key_node.start_mark.line + 1}: merge keys (<<) are not supported")
            if key in out:
                raise RuleFileError(f"{path}:{key_node.start_mark.line + 1}: duplicate key {key!r}")
            out[key] = _convert(value_node, loader, path)
            out.lines[key] = key_node.start_mark.line + 1
            out.value_lines[key] = value_node.start_mark.line + 1
        return out
    if isinstance(node, yaml.SequenceNode):
        out = LocList(_convert(item, loader, path) for item in node.value)
        out.line = line
        out.lines = [item.start_mark.line + 1 for item in node.value]
        return out
    value = _construct(loader, node, path)
    if isinstance(value, float):
        try:
            return Decimal(node.value.replace("_", ""))
        except InvalidOperation:
            return Decimal(str(value))
    return value
