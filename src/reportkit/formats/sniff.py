"""What kind of file a report is, from its first bytes (the extension only breaks ties).

A PDF's first bytes are ASCII and a .docx is a zip: read as text they would "parse" into
nonsense, so the content decides, not the name.
"""

from __future__ import annotations

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
WORD_SUFFIXES = (".docx", ".docm", ".dotx", ".dotm")
CONVERTED_SUFFIXES = (".doc", ".dot", ".wps", ".wpt", ".rtf", ".odt")
UNSUPPORTED_SUFFIXES = (".ofd",)
BINARY_SUFFIXES = WORD_SUFFIXES + (".pdf",) + CONVERTED_SUFFIXES + UNSUPPORTED_SUFFIXES


def sniff(data: bytes, path: str = "") -> str:
    """docx | pdf | ole2 | rtf | odt | ofd | zip | broken-zip | damaged-SUFFIX | text
    (``zip``: a zip that is none of the others)."""
    suffix = path.lower().rsplit(".", 1)[-1] if "." in path else ""
    head = data[:1024]
    if data.startswith(_ZIP):
        return _zip_kind(data)
    if b"%PDF-" in head:
        return "pdf"
    if data.startswith(OLE2):
        return "ole2"
    if data.lstrip()[:5] == b"{\\rtf":
        return "rtf"
    if suffix == "ofd":
        return "ofd"
    if f".{suffix}" in WORD_SUFFIXES + (".pdf",) + CONVERTED_SUFFIXES:
        return "damaged-" + suffix  # the name promises a binary format the bytes do not hold
    return "text"


def _zip_kind(data: bytes) -> str:
    import io
    import zipfile  # only for zips: a .txt check never imports it

    try:
        names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return "broken-zip"
    if "word/document.xml" in names or "[Content_Types].xml" in names and any(
            n.startswith("word/") for n in names):
        return "docx"
    if "OFD.xml" in names:
        return "ofd"
    if "mimetype" in names and "content.xml" in names:
        return "odt"
    return "zip"
