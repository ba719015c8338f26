"""The pipeline in one place: source → structure → quantities → Document."""

from __future__ import annotations

import os
from pathlib import Path

from .errors import InputError
from .formats.inputs import InputRef, read_text
from .models import Document, Meta
from .text.normalize import fold
from .formats.decode import decode
from .text.lines import LineIndex, newline_style
from .text.structure import build


def parse(text: str, *, path: str | None = None, encoding: str | None = None,
          bom: bool = False, title: str | None = None, quantities: bool = True) -> Document:
    """Parse report text (already decoded) into a Document.

    ``title`` is a fallback for texts that carry none of their own (a corpus record's title).
    ``quantities=False`` skips number extraction for callers that need only the structure.
    """
    folded = fold(text)
    index = LineIndex(text)
    meta = Meta(path=path, encoding=encoding, bom=bom, newline=newline_style(text))
    structure = build(text, folded, index, meta)
    meta = structure.meta
    if meta.title is None and title:
        from dataclasses import replace

        meta = replace(meta, title=title)
    found_quantities, non_quantities = (), ()
    if quantities:
        from .numbers.quantities import extract

        found_quantities, non_quantities = extract(text, folded, index, structure)
    doc = Document(
        text=text,
        meta=meta,
        furniture=tuple(structure.furniture),
        headings=tuple(structure.headings),
        paragraphs=tuple(structure.paragraphs),
        list_items=tuple(structure.list_items),
        sentences=tuple(structure.sentences),
        clauses=tuple(structure.clauses),
        quantities=tuple(found_quantities),
        non_quantities=tuple(non_quantities),
    )
    if quantities:
        from .statements import relate

        doc = relate(doc)
    return doc


def load_bytes(data: bytes, *, name: str = "<input>", encoding: str | None = None,
               quantities: bool = True) -> Document:
    decoded = decode(data, name, encoding)
    return parse(decoded.text, path=name, encoding=decoded.encoding, bom=decoded.bom,
                 quantities=quantities)


def load(source: str | os.PathLike | bytes, *, encoding: str | None = None,
         quantities: bool = True) -> Document:
    """Load a report from a path, from bytes, or from its text.

    A ``str`` is taken as a path when it names an existing file and has no line break;
    otherwise it is the report text itself.
    """
    if isinstance(source, bytes):
        return load_bytes(source, encoding=encoding, quantities=quantities)
    if isinstance(source, str) and ("\n" in source or "\r" in source or len(source) > 1024
                                    or not _is_file(source)):
        if _looks_like_path(source):
            raise InputError(f"{source}: no such file or directory")
        if not source.strip():
            raise InputError("the report text is empty")
        return parse(source, quantities=quantities)
    path = str(source)
    if Path(path).is_dir():
        raise InputError(f"{path}: is a directory; name a report file")
    return load_ref(InputRef(path, path), encoding=encoding, quantities=quantities)


def load_ref(ref: InputRef, *, encoding: str | None = None, text_field: str = "content",
             quantities: bool = True) -> Document:
    decoded, extra = read_text(ref, encoding=encoding, text_field=text_field)
    title = extra.get("title") if isinstance(extra.get("title"), str) else None
    return parse(decoded.text, path=ref.name, encoding=decoded.encoding, bom=decoded.bom,
                 title=title, quantities=quantities)


def _looks_like_path(candidate: str) -> bool:
    """One line ending in a report suffix or holding a path separator is a path, not a report."""
    if "\n" in candidate or "\r" in candidate or len(candidate) > 1024:
        return False
    lowered = candidate.strip().lower()
    return lowered.endswith((".txt", ".md", ".html", ".htm", ".jsonl", ".text")) or "/" in lowered \
        or "\\" in lowered


def _is_file(candidate: str) -> bool:
    try:
        return Path(candidate).exists()
    except (OSError, ValueError):
        return False
