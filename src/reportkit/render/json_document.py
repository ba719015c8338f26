"""``parse --format json`` written in pieces, for documents of any size.

The text is exactly ``json.dumps(document_dict(doc), ensure_ascii=False, indent=2) + "\\n"``
(a test holds it to that), but it is produced record by record: no dict of the whole document
and no whole string is ever built (a 9 MB report has some 1.5 million records), and scalars go
through the json module's C string encoder instead of its pure-Python indenting encoder.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator
from decimal import Decimal
from json.encoder import encode_basestring

from ..models import Document
from ..serialize import decimal_str
from ..text.clauses import Clauses

INDENT = "  "
_BATCH = 2000  # records per yielded piece: few writes, little memory


def iter_json(doc: Document) -> Iterator[str]:
    """The JSON form of ``doc`` (see ``document.document_dict``) in pieces that end at record
    boundaries; joined they end with a newline."""
    yield "{\n" + INDENT + '"schema": ' + encode_basestring(doc.schema)
    for name in _field_names(type(doc)):
        if name in ("text", "schema"):
            continue
        value = getattr(doc, name)
        head = ",\n" + INDENT + encode_basestring(name) + ": "
        if isinstance(value, (tuple, Clauses)) and value:  # Clauses: a tuple built when read
            yield head + "["
            yield from _records(value, 2)
            yield "\n" + INDENT + "]"
        else:
            yield head + _value(value, 1)
    yield "\n}\n"


def _records(items: tuple, level: int) -> Iterator[str]:
    pad = "\n" + INDENT * level
    batch: list[str] = []
    for k, item in enumerate(items):
        batch.append(("," if k else "") + pad + _value(item, level))
        if len(batch) >= _BATCH:
            yield "".join(batch)
            batch.clear()
    if batch:
        yield "".join(batch)


def _value(value, level: int) -> str:
    """One value as ``json.dumps(..., indent=2)`` writes it ``level`` levels deep."""
    cls = value.__class__
    if cls is str:
        return encode_basestring(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if cls is int:
        return int.__repr__(value)
    if cls is Decimal:
        return encode_basestring(decimal_str(value))
    if cls in (tuple, list, Clauses):
        if not value:
            return "[]"
        pad = "\n" + INDENT * (level + 1)
        return "[" + ",".join(pad + _value(v, level + 1) for v in value) + "\n" + INDENT * level + "]"
    if dataclasses.is_dataclass(value):
        pad = "\n" + INDENT * (level + 1)
        return "{" + ",".join(pad + key + _value(getattr(value, name), level + 1)
                              for name, key in _keys(cls)) + "\n" + INDENT * level + "}"
    # anything else (a float, a dict): what the json module itself writes, indented alike
    return json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n" + INDENT * level)


_KEYS: dict[type, tuple[tuple[str, str], ...]] = {}


def _keys(cls: type) -> tuple[tuple[str, str], ...]:
    """(field name, its JSON key with the separator) per field of a record class."""
    keys = _KEYS.get(cls)
    if keys is None:
        keys = _KEYS[cls] = tuple((n, encode_basestring(n) + ": ") for n in _field_names(cls))
    return keys


def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(cls))
