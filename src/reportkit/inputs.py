"""What the user names on the command line → the report texts to read.

Paths may be files, directories (searched recursively for report files), globs, or ``-`` for
standard input. A ``.jsonl`` corpus yields one report per line (``text_field`` names the field).
"""

from __future__ import annotations

import glob
import json
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError
from .source import Decoded, decode

REPORT_SUFFIXES = (".txt", ".md", ".text", ".html", ".htm")
CORPUS_SUFFIXES = (".jsonl",)


@dataclass(frozen=True, slots=True)
class InputRef:
    """One named source of report text: a file, stdin, or one record of a JSONL corpus."""

    name: str  # what messages and findings call it
    path: str | None  # None for stdin
    record: int | None = None  # line number (1-based) inside a JSONL corpus


def expand(specs: list[str], *, text_field: str = "content") -> list[InputRef]:
    """Expand files, directories, globs and '-' into input references, in the order given."""
    refs: list[InputRef] = []
    for spec in specs:
        if spec == "-":
            refs.append(InputRef("<stdin>", None))
            continue
        path = Path(spec)
        if path.is_dir():
            found = sorted(
                p for p in path.rglob("*")
                if p.is_file() and p.suffix.lower() in REPORT_SUFFIXES + CORPUS_SUFFIXES
            )
            if not found:
                raise InputError(f"{spec}: no report files (.txt, .md, .html, .jsonl) in this directory")
            for p in found:
                refs.extend(_file_refs(p, text_field))
            continue
        if not path.exists() and glob.has_magic(spec):
            matches = sorted(glob.glob(spec, recursive=True))
            if not matches:
                raise InputError(f"{spec}: no file matches this pattern")
            for m in matches:
                if Path(m).is_file():
                    refs.extend(_file_refs(Path(m), text_field))
            continue
        if not path.exists():
            raise InputError(f"{spec}: no such file or directory")
        refs.extend(_file_refs(path, text_field))
    return refs


def _file_refs(path: Path, text_field: str) -> list[InputRef]:
    name = str(path)
    if path.suffix.lower() not in CORPUS_SUFFIXES:
        return [InputRef(name, name)]
    refs = []
    with _open_binary(path) as fh:
        for number, line in enumerate(fh, 1):
            if line.strip():
                refs.append(InputRef(f"{name}:{number}", name, number))
    if not refs:
        raise InputError(f"{name}: the corpus is empty")
    return refs


def _open_binary(path: Path):
    try:
        return open(path, "rb")
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory") from None
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror or exc})") from None


def read_bytes(ref: InputRef) -> bytes:
    if ref.path is None:
        return sys.stdin.buffer.read()
    with _open_binary(Path(ref.path)) as fh:
        return fh.read()


def read_text(ref: InputRef, *, encoding: str | None = None, text_field: str = "content") -> tuple[Decoded, dict]:
    """Decode one input. Returns the decoded text and extra metadata (a corpus record's fields)."""
    if ref.record is None:
        data = read_bytes(ref)
        decoded = decode(data, ref.name, encoding)
        if ref.path and ref.path.lower().endswith((".html", ".htm")):
            from .html import html_to_text  # only HTML inputs pay for it

            decoded = Decoded(html_to_text(decoded.text), decoded.encoding, decoded.bom)
            if not decoded.text.strip():
                raise InputError(f"{ref.name}: the page has no text")
        return decoded, {}
    return _read_record(ref, text_field)


def _read_record(ref: InputRef, text_field: str) -> tuple[Decoded, dict]:
    with _open_binary(Path(ref.path)) as fh:
        for number, line in enumerate(fh, 1):
            if number == ref.record:
                break
        else:  # pragma: no cover - the reference came from this file
            raise InputError(f"{ref.name}: record not found")
    try:
        record = json.loads(line)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"{ref.name}: not a JSON object ({exc})") from None
    if not isinstance(record, dict) or not isinstance(record.get(text_field), str):
        raise InputError(f"{ref.name}: no text field {text_field!r} (use --text-field)")
    text = record[text_field]
    if not text.strip():
        raise InputError(f"{ref.name}: the report text is empty")
    extra = {k: v for k, v in record.items() if k != text_field and isinstance(v, (str, int, type(None)))}
    return Decoded(text, "utf-8", False), extra


def is_tty() -> bool:
    return sys.stdout.isatty() and not os.environ.get("CI")
