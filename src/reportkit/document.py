"""The pipeline in one place: source → structure → quantities → Document."""

from __future__ import annotations

import os
from pathlib import Path

from .errors import InputError
from .formats.inputs import InputRef, read_text
from .models import Document, Meta
from .text.normalize import fold
from .text.lines import LineIndex, newline_style
from .text.structure import build


def parse(text: str, *, path: str | None = None, encoding: str | None = None,
          bom: bool = False, title: str | None = None, quantities: bool = True,
          extracted=None) -> Document:
    """Parse report text (already decoded) into a Document.

    ``title`` is a fallback for texts that carry none of their own (a corpus record's title).
    ``quantities=False`` skips number extraction for callers that need only the structure.
    ``extracted``: the reading of a Word or PDF file the text came from (its source blocks,
    and its properties as fallbacks for a report without a disclosure header).
    """
    folded = fold(text)
    index = LineIndex(text)
    meta = Meta(path=path, encoding=encoding, bom=bom, newline=newline_style(text))
    structure = build(text, folded, index, meta)
    meta = structure.meta
    if meta.title is None and title:
        from dataclasses import replace

        meta = replace(meta, title=title)
    if extracted is not None:
        meta = _with_properties(meta, extracted)
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
        clauses=structure.clauses,  # lazy: most clauses are never read
        quantities=tuple(found_quantities),
        non_quantities=tuple(non_quantities),
        sources=extracted.sources if extracted is not None else (),
    )
    if quantities:
        from .statements import relate

        doc = relate(doc, folded, index)
    return doc


def _with_properties(meta: Meta, extracted) -> Meta:
    """A Word file's core properties fill what the text's own disclosure header did not."""
    from dataclasses import replace

    props = extracted.properties
    return replace(
        meta,
        format=extracted.format,
        title=meta.title or props.get("title"),
        generated=meta.generated or props.get("created"),
        author=props.get("author"),
        modified=props.get("modified"),
    )


def parse_decoded(decoded, *, path: str | None, title: str | None = None,
                  quantities: bool = True) -> Document:
    """Parse what :func:`reportkit.formats.inputs.decode_input` or ``read_text`` returned."""
    return parse(decoded.text, path=path, encoding=decoded.encoding, bom=decoded.bom,
                 title=title, quantities=quantities, extracted=decoded.extracted)


def load_bytes(data: bytes, *, name: str = "<input>", encoding: str | None = None,
               quantities: bool = True) -> Document:
    """A report's bytes: text in any supported encoding, or a Word/PDF file (by content)."""
    from .formats.inputs import decode_input

    decoded = decode_input(InputRef(name, None), data, encoding)
    return parse_decoded(decoded, path=name, quantities=quantities)


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
    return parse_decoded(decoded, path=ref.name, title=title, quantities=quantities)


def _looks_like_path(candidate: str) -> bool:
    """One line ending in a report suffix or holding a path separator is a path, not a report."""
    if "\n" in candidate or "\r" in candidate or len(candidate) > 1024:
        return False
    lowered = candidate.strip().lower()
    return lowered.endswith((".txt", ".md", ".html", ".htm", ".jsonl", ".text", ".docx", ".pdf", ".doc")) \
        or "/" in lowered \
        or "\\" in lowered


def _is_file(candidate: str) -> bool:
    try:
        return Path(candidate).exists()
    except (OSError, ValueError):
        return False
