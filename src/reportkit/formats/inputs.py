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

from ..compiled import compile_re
from ..errors import InputError
from .decode import Decoded, decode
from .sniff import BINARY_SUFFIXES, sniff

REPORT_SUFFIXES = (".txt", ".md", ".text", ".html", ".htm") + BINARY_SUFFIXES
CORPUS_SUFFIXES = (".jsonl",)


@dataclass(frozen=True, slots=True)
class InputRef:
    """One named source of report text: a file, stdin, or one record of a JSONL corpus."""

    name: str  # what messages and findings call it (``path:LINE`` for a corpus record)
    path: str | None  # None for stdin
    record: int | None = None  # line number (1-based) inside a JSONL corpus
    offset: int | None = None  # byte offset of that line, when known: read by seeking there


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
                and not p.name.startswith("~$")  # Word's lock file beside an open document
            )
            if not found:
                raise InputError(f"{spec}: no report files (.txt, .md, .html, .docx, .pdf, .jsonl) in this directory")
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
    with _open_binary(path) as fh:
        refs = [InputRef(f"{name}:{number}", name, number, offset) for number, offset in _records(fh)]
    if not refs:
        raise InputError(f"{name}: the corpus is empty")
    return refs


_NOT_BLANK = compile_re(rb"[^ \t\n\r\x0b\x0c]")  # what bytes.strip() keeps
_CHUNK = 1 << 20


def _records(fh, chunk_size: int = _CHUNK) -> Iterator[tuple[int, int]]:
    """(line number, byte offset) of every line of ``fh`` that is not blank.

    Read in large chunks and scanned with ``bytes.find``: a corpus of long records is
    indexed without copying each line into a bytes object of its own (as iterating the file
    would, before the workers can start)."""
    number, line_start, blank, base = 1, 0, True, 0
    while chunk := fh.read(chunk_size):
        at, size = 0, len(chunk)
        while at < size:
            end = chunk.find(b"\n", at)
            stop = size if end < 0 else end
            if blank and _NOT_BLANK.search(chunk, at, stop):
                blank = False
            if end < 0:
                break  # the line goes on in the next chunk
            if not blank:
                yield number, line_start
            number, line_start, blank, at = number + 1, base + end + 1, True, end + 1
        base += size
    if not blank:
        yield number, line_start


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
        return decode_input(ref, read_bytes(ref), encoding), {}
    return record_from_line(ref, read_record_line(ref), text_field)


def decode_input(ref: InputRef, data: bytes, encoding: str | None = None) -> Decoded:
    """A report file's (or stdin's) bytes → its text; an HTML page → its article text; a Word
    or PDF file (recognised by its content) → the text its reader extracts."""
    kind = sniff(data, ref.path or "")
    if kind != "text":
        from .binary import read_binary

        extracted = read_binary(kind, data, ref.name)
        return Decoded(extracted.text, None, False, extracted)
    decoded = decode(data, ref.name, encoding)
    if ref.path and ref.path.lower().endswith((".html", ".htm")):
        from .html import html_to_text  # only HTML inputs pay for it

        decoded = Decoded(html_to_text(decoded.text), decoded.encoding, decoded.bom)
        if not decoded.text.strip():
            raise InputError(f"{ref.name}: the page has no text")
    return decoded


def read_record_line(ref: InputRef) -> bytes:
    """The bytes of a corpus record's line: one seek when the reference knows its offset
    (every reference :func:`expand` makes does), else a scan from the top of the file."""
    with _open_binary(Path(ref.path)) as fh:
        if ref.offset is not None:
            fh.seek(ref.offset)
            line = fh.readline()
            if line:
                return line
            raise InputError(f"{ref.name}: record not found (did the file change?)")
        for number, line in enumerate(fh, 1):
            if number == ref.record:
                return line
    raise InputError(f"{ref.name}: the corpus has no line {ref.record}")


def record_from_line(ref: InputRef, line: bytes, text_field: str = "content") -> tuple[Decoded, dict]:
    """One corpus record from the bytes of its line: its text (``text_field``) and its other
    plain fields (a ``title`` among them). The one place a record is validated."""
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
