"""The readers of binary report formats, chosen by :func:`.sniff.sniff`. Each is imported
only when such a file is read: a plain-text check never loads lxml or a PDF library."""

from __future__ import annotations

from ..errors import InputError
from .extracted import Extracted


MAX_FILE_BYTES = 512 * 1024 * 1024  # a report with every picture in it is a few tens of MB


def read_binary(kind: str, data: bytes, name: str) -> Extracted:
    if len(data) > MAX_FILE_BYTES:
        raise InputError(f"{name}: larger than {MAX_FILE_BYTES // (1024 * 1024)} MB: not a report")
    if kind == "docx":
        from .docx import read_docx

        return read_docx(data, name)
    if kind == "pdf":
        from .pdf import read_pdf

        return read_pdf(data, name)
    if kind in ("ole2", "rtf", "odt"):
        if kind == "ole2" and _encrypted_ooxml(data):
            raise InputError(f"{name}: the document is encrypted (password protected); "
                             f"save it without a password")
        from .office import convert_to_docx
        from .docx import read_docx

        return read_docx(convert_to_docx(data, name, kind), name)
    if kind == "ofd":
        raise InputError(f"{name}: OFD files are not supported; save the report as .docx or .pdf")
    if kind == "zip":
        raise InputError(f"{name}: a zip file, but not a Word document (no word/document.xml)")
    if kind == "broken-zip":
        raise InputError(f"{name}: not a valid zip package (damaged or truncated?)")
    if kind.startswith("damaged-"):
        suffix = kind.split("-", 1)[1]
        raise InputError(f"{name}: not a valid .{suffix} file (damaged, truncated, or renamed?)")
    raise InputError(f"{name}: unknown file format")


def _encrypted_ooxml(data: bytes) -> bool:
    """A password-protected .docx is an OLE2 file holding an ``EncryptedPackage`` stream."""
    return "EncryptedPackage".encode("utf-16-le") in data[:1 << 20] or \
        "EncryptionInfo".encode("utf-16-le") in data[:1 << 20]
