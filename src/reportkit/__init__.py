"""reportkit: read Chinese government work reports into structured data and check their numbers.

The public API is imported lazily so that ``import reportkit`` (and every CLI start) stays cheap.
"""

from __future__ import annotations

import importlib

__version__ = "0.1.0"

_EXPORTS = {
    "load": "reportkit.document",
    "parse": "reportkit.document",
    "load_bytes": "reportkit.document",
    "parse_number": "reportkit.numbers.numerals",
    "parse_quantity": "reportkit.numbers.expressions",
    "Document": "reportkit.models",
    "Meta": "reportkit.models",
    "Heading": "reportkit.models",
    "Sentence": "reportkit.models",
    "Clause": "reportkit.models",
    "Quantity": "reportkit.models",
    "NonQuantity": "reportkit.models",
    "ReportkitError": "reportkit.errors",
    "to_jsonable": "reportkit.serialize",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'reportkit' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value
