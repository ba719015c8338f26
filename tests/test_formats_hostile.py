"""Bad and hostile Word/PDF inputs: one line on stderr, exit 2, bounded time and memory."""

from __future__ import annotations

import io
import struct
import time
import zipfile

import pytest

pytest.importorskip("lxml")
pytest.importorskip("pypdfium2")

NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
DOC = f'<w:document {NS}><w:body><w:p><w:r><w:t>受理120件</w:t></w:r></w:p></w:body></w:document>'


def zipped(members: dict[str, bytes | str]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return out.getvalue()


def bomb(megabytes: int) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        with z.open("word/document.xml", "w") as fh:
            chunk = b" " * (1 << 20)
            for _ in range(megabytes):
                fh.write(chunk)
    return out.getvalue()


def lying_sizes(data: bytes, member: str, size: int) -> bytes:
    """The zip with ``member``'s declared inflated size replaced by ``size`` (both headers)."""
    buf = bytearray(data)
    name = member.encode()
    at = 0
    while (at := buf.find(b"PK\x03\x04", at)) >= 0:
        n = struct.unpack_from("<H", buf, at + 26)[0]
        if buf[at + 30:at + 30 + n] == name:
            struct.pack_into("<I", buf, at + 22, size)
        at += 4
    at = 0
    while (at := buf.find(b"PK\x01\x02", at)) >= 0:
        n = struct.unpack_from("<H", buf, at + 28)[0]
        if buf[at + 46:at + 46 + n] == name:
            struct.pack_into("<I", buf, at + 24, size)
        at += 4
    return bytes(buf)


def blank_pdf() -> bytes:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument.new()
    pdf.new_page(595, 842)
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def encrypted_pdf() -> bytes:
    """A PDF whose standard security handler needs a password (its /U matches no empty one)."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
               b"<< /Filter /Standard /V 1 /R 2 /O <" + b"11" * 32 + b"> /U <" + b"22" * 32 + b"> /P -4 >>"]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += (b"trailer\n<< /Size %d /Root 1 0 R /Encrypt 4 0 R /ID [<%s> <%s>] >>\nstartxref\n%d\n%%%%EOF\n"
            % (len(objects) + 1, b"ab" * 16, b"ab" * 16, xref))
    return bytes(out)


CASES = {
    "zip-not-docx.docx": (lambda: zipped({"readme.txt": "hello"}), "not a Word document"),
    "no-document-xml.docx": (lambda: zipped({"[Content_Types].xml": "<Types/>", "word/styles.xml": "<x/>"}),
                             "no word/document.xml"),
    "bomb.docx": (lambda: bomb(40), "zip bomb"),
    # the declared size lies: inflating stops there (zipfile reads no more), and the CRC fails
    "lying-bomb.docx": (lambda: lying_sizes(bomb(40), "word/document.xml", 2000), "cannot be read"),
    "xxe.docx": (lambda: zipped({"word/document.xml": '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM '
                                 '"file:///etc/passwd">]>' + DOC.replace("120", "&x;")}),
                 "document type declaration"),
    "damaged-xml.docx": (lambda: zipped({"word/document.xml": DOC[:-20]}), "damaged XML"),
    "deep.docx": (lambda: zipped({"word/document.xml": DOC.replace(
        "<w:r>", "<w:hyperlink>" * 5000 + "<w:r>").replace("</w:r>", "</w:r>" + "</w:hyperlink>" * 5000)}),
        "damaged XML (Excessive depth"),
    "truncated.docx": (lambda: zipped({"word/document.xml": DOC * 50})[:300], "not a valid"),
    "random.docx": (lambda: b"\x01\x02garbage" * 100, "not a valid .docx"),
    "encrypted.docx": (lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504
                       + "EncryptedPackage".encode("utf-16-le") + b"\0" * 1000, "encrypted"),
    "report.ofd": (lambda: zipped({"OFD.xml": "<ofd:OFD/>"}), "OFD files are not supported"),
    "scanned.pdf": (blank_pdf, "no text layer (scanned PDF?)"),
    "truncated.pdf": (lambda: blank_pdf()[:200], "truncated"),
    "encrypted.pdf": (encrypted_pdf, "encrypted"),
    "fake.pdf": (lambda: b"%PDF-1.7\n" + b"x" * 500 + b"\n%%EOF\n", "not a readable PDF"),
}


@pytest.mark.parametrize("name", list(CASES))
def test_bad_input_is_one_line_and_exit_2(tmp_path, cli, name):
    make, message = CASES[name]
    path = tmp_path / name
    path.write_bytes(make())
    started = time.monotonic()
    for command in ("check", "parse"):
        result = cli(command, str(path), "--no-config") if command == "check" else cli(command, str(path))
        assert result.code == 2, result
        lines = result.err.strip().splitlines()
        assert len(lines) == 1 and message in lines[0] and "Traceback" not in result.err, result
        assert lines[0].startswith(f"reportkit: error: {path}")
    assert time.monotonic() - started < 20


def test_external_entity_is_never_read(tmp_path, cli):
    secret = tmp_path / "secret.txt"
    secret.write_text("受理99999件", encoding="utf-8")
    path = tmp_path / "x.docx"
    path.write_bytes(zipped({"word/document.xml": f'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM '
                                                   f'"file://{secret}">]>' + DOC.replace("120件", "&x;")}))
    result = cli("parse", str(path), "--format", "json")
    assert result.code == 2 and "99999" not in result.out + result.err


def test_doc_without_libreoffice_says_what_to_do(tmp_path, cli, monkeypatch):
    from reportkit.formats import office

    monkeypatch.setattr(office, "find_soffice", lambda: None)
    path = tmp_path / "old.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 2000)
    result = cli("check", str(path), "--no-config")
    assert result.code == 2
    assert result.err.strip().splitlines() == [
        f"reportkit: error: {path}: reading this format needs LibreOffice (install it, e.g. "
        f"apt-get install libreoffice-writer-nogui), or save the file as .docx"]


def test_a_bad_word_file_in_a_batch_is_skipped(tmp_path, cli):
    (tmp_path / "good.txt").write_text("一、工作\n受理群众来信320件，已办结340件。\n", encoding="utf-8")
    (tmp_path / "bad.docx").write_bytes(zipped({"readme.txt": "x"}))
    result = cli("check", str(tmp_path), "--no-config", "--jobs", "1")
    assert result.code == 2 and "handled-le-received" in result.out
    assert "bad.docx: a zip file, but not a Word document" in result.err
