"""A faithful, generic dump of the frozen dataclasses to JSON-ready values."""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from typing import Any


def to_jsonable(obj: Any, *, exclude: frozenset[str] = frozenset()) -> Any:
    """Dataclasses become dicts in field order; Decimal becomes its exact string; tuples lists."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {
            f.name: to_jsonable(getattr(obj, f.name))
            for f in dataclasses.fields(obj)
            if f.name not in exclude
        }
    if isinstance(obj, Decimal):
        return decimal_str(obj)
    if isinstance(obj, (list, tuple)):
        return [to_jsonable(x) for x in obj]
    if isinstance(obj, dict):
        return {k: to_jsonable(v) for k, v in obj.items()}
    return obj


def decimal_str(value: Decimal) -> str:
    """Plain notation, never exponent form: Decimal('2.3816E+6') → '2381600'."""
    text = format(value, "f")
    return text
