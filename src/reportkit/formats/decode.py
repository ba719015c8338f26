"""Bytes → text exactly as the user wrote it.

Decoding removes a BOM and nothing else: line ends (CRLF, CR, LF) stay in the text, so every
offset the later stages report indexes what the user sees in their file.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

from ..errors import InputError

# Encodings tried in order when none is forced. GB18030 is a superset of GBK and GB2312,
# the encodings most Chinese government files that are not UTF-8 use.
AUTO_ENCODINGS = ("utf-8", "gb18030")

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: it starts with the same bytes
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str | None  # None for a Word or PDF file (see ``extracted``)
    bom: bool
    extracted: object = None  # a binary format's reading: formats.extracted.Extracted


def decode(data: bytes, name: str = "<input>", encoding: str | None = None) -> Decoded:
    """Decode a report file's bytes, detecting UTF-8 (with or without BOM) and GB18030/GBK."""
    bom = False
    for mark, bom_encoding in _BOMS:
        if data.startswith(mark):
            data, bom = data[len(mark):], True
            encoding = encoding or bom_encoding
            break
    if not data.strip():
        raise InputError(f"{name}: the file is empty")
    if encoding is not None:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise InputError(f"unknown encoding {encoding!r}") from None
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as exc:
            raise InputError(
                f"{name}: cannot be decoded as {encoding} (byte {exc.start}: {exc.reason})"
            ) from None
        _reject_binary(text, name)
        return Decoded(text, encoding, bom)
    if b"\x00" in data[:8192]:
        raise InputError(f"{name}: looks like a binary file, not a text report")
    for candidate in AUTO_ENCODINGS:
        try:
            text = data.decode(candidate)
        except UnicodeDecodeError:
            continue
        _reject_binary(text, name)
        return Decoded(text, candidate, bom)
    raise InputError(
        f"{name}: cannot be decoded as UTF-8 or GB18030; pass --encoding to name the encoding"
    )


def _reject_binary(text: str, name: str) -> None:
    """Text that decodes but is mostly control characters is a binary file, not a report."""
    sample = text[:8192]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\n\r\f\v")
    if "\x00" in sample or controls > max(8, len(sample) // 20):
        raise InputError(f"{name}: looks like a binary file, not a text report")
