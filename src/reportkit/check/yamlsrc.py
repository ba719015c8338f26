"""YAML → plain values that remember where they were written.

Only the safe YAML subset is read (``yaml.SafeLoader``: no tags that build objects). Mappings
become :class:`LocDict` and sequences :class:`LocList`, which carry the 1-based line of every
key and item, so a rule-file problem can be reported as ``path:line: what is wrong``.
Numbers that YAML reads as floats are kept exactly, as :class:`~decimal.Decimal` of the text.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

import yaml

from ..errors import RuleFileError


class LocDict(dict):
    """A mapping with ``line`` (of the mapping) and ``lines[key]`` (of each key)."""

    line: int
    lines: dict
    value_lines: dict

    def line_of(self, key) -> int:
        return self.value_lines.get(key, self.lines.get(key, self.line))


class LocList(list):
    """A sequence with ``line`` and ``lines[i]`` (of each item)."""

    line: int
    lines: list

    def line_of(self, index: int) -> int:
        return self.lines[index] if index < len(self.lines) else self.line


def load_yaml(text: str, path: str):
    """Parse one YAML document; syntax errors become ``RuleFileError('path:line: …')``."""
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        return _convert(node, loader, path)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        what = exc.problem or exc.context or "invalid YAML"
        raise RuleFileError(f"{path}:{line}: invalid YAML: {what}") from None
    except yaml.YAMLError as exc:  # pragma: no cover - reader errors carry no mark
        raise RuleFileError(f"{path}: invalid YAML: {exc}") from None
    finally:
        loader.dispose()


def _convert(node, loader, path):
    line = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        out = LocDict()
        out.line, out.lines, out.value_lines = line, {}, {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise RuleFileError(f"{path}:{key_node.start_mark.line + 1}: a key must be a plain scalar")
            key = loader.construct_object(key_node, deep=True)
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
    value = loader.construct_object(node, deep=True)
    if isinstance(value, float):
        try:
            return Decimal(node.value.replace("_", ""))
        except InvalidOperation:
            return Decimal(str(value))
    return value
