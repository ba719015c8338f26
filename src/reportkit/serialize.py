"""A faithful, generic dump of the frozen dataclasses to JSON-ready values."""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from typing import Any

from .text.clauses import Clauses

_SCALARS = (str, int, float, bool, type(None))
_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _field_names(cls: type) -> tuple[str, ...]:
    names = _FIELD_NAMES.get(cls)
    if names is None:
        names = _FIELD_NAMES[cls] = tuple(f.name for f in dataclasses.fields(cls))
    return names


def to_jsonable(obj: Any, *, exclude: frozenset[str] = frozenset()) -> Any:
    """Dataclasses become dicts in field order; Decimal becomes its exact string; tuples (and
    a document's Clauses) lists."""
    cls = type(obj)
    if cls in _SCALARS:
        return obj
    if cls is Decimal:
        return decimal_str(obj)
    if cls in (list, tuple, Clauses):  # Clauses: a tuple built when read
        return [to_jsonable(x) for x in obj]
    if cls is dict:
        return {k: to_jsonable(v) for k, v in obj.items()}
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {
            name: to_jsonable(getattr(obj, name))
            for name in _field_names(cls)
            if name not in exclude
        }
    if isinstance(obj, (list, tuple)):
        return [to_jsonable(x) for x in obj]
    return obj


def decimal_str(value: Decimal) -> str:
    """Plain notation, never exponent form: Decimal('2.3816E+6') → '2381600'."""
    return format(value, "f")
