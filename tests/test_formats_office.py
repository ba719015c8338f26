"""The reports as PDF and as .doc, made by LibreOffice from the Word fixtures: they read to
the same numbers, headings and findings as the .txt. Skipped where soffice is absent."""

from __future__ import annotations

import shutil
import tempfile
from functools import lru_cache
from pathlib import Path

import pytest

pytest.importorskip("docx")
pytest.importorskip("pypdfium2")
if not (shutil.which("soffice") or shutil.which("libreoffice")):
    pytest.skip("LibreOffice (soffice) is not installed", allow_module_level=True)

from test_formats_docx import REPORTS, findings_of, headings, numbers, txt_doc  # noqa: E402
from wordfixtures import build  # noqa: E402

from reportkit.document import load_bytes  # noqa: E402
from reportkit.formats.office import run_soffice  # noqa: E402

ANNOTATED = "planted-reviewed"
HEADER = "东城街道工作简报"  # a running header on every page


@lru_cache(maxsize=1)
def converted() -> Path:
    """Every report's typed .docx, and an annotated copy, converted to PDF and .doc by one
    LibreOffice start each (starting it is the slow part)."""
    folder = Path(tempfile.mkdtemp(prefix="reportkit-office-test-"))
    for name, path in REPORTS.items():
        (folder / f"{name}.docx").write_bytes(build(path.read_text(encoding="utf-8"), page_furniture=HEADER).data)
    from reportkit.check.batch import RuleSpec
    from reportkit.check.engine import check_document
    from reportkit.render.word_comments import annotate

    source = folder / "planted.docx"
    doc = load_bytes(source.read_bytes(), name=str(source))
    annotate(str(source), check_document(doc, RuleSpec().load(), str(source)), str(folder / f"{ANNOTATED}.docx"))
    files = [str(folder / f"{n}.docx") for n in (*REPORTS, ANNOTATED)]
    run_soffice(["--convert-to", "pdf", "--outdir", str(folder), *files], str(folder), "fixtures")
    run_soffice(["--convert-to", "doc", "--outdir", str(folder), *files[:len(REPORTS)]], str(folder), "fixtures")
    for target in ("odt", "rtf"):
        run_soffice(["--convert-to", target, "--outdir", str(folder), str(folder / "planted.docx")],
                    str(folder), "fixtures")
    return folder


@pytest.mark.parametrize("name", list(REPORTS))
@pytest.mark.parametrize("suffix", [".pdf", ".doc"])
def test_pdf_and_doc_read_as_the_text(name, suffix):
    path = converted() / f"{name}{suffix}"
    doc = load_bytes(path.read_bytes(), name=str(path))
    ref = txt_doc(name)
    assert numbers(doc) == numbers(ref)
    assert headings(doc) == headings(ref)
    assert findings_of(doc) == findings_of(ref)
    for q in doc.quantities:
        assert doc.text[q.start:q.end] == q.text
    if suffix == ".pdf":
        assert doc.meta.format == "pdf"
        assert all(b.page and b.line for b in doc.sources)
        assert [b.page for b in doc.sources] == sorted(b.page for b in doc.sources)


def test_running_header_and_page_numbers_are_left_out():
    import pypdfium2 as pdfium

    path = converted() / "state-council-2024.pdf"
    pdf = pdfium.PdfDocument(str(path))
    raw_text = [pdf[i].get_textpage().get_text_range() for i in range(len(pdf))]
    assert all(HEADER in t for t in raw_text) and "— 7 —" in raw_text[6]  # they are on the pages …
    doc = load_bytes(path.read_bytes(), name="r.pdf")
    assert HEADER not in doc.text and "— 7 —" not in doc.text and "—7—" not in doc.text  # … not in the text
    word = load_bytes((converted() / "state-council-2024.docx").read_bytes(), name="r.docx")
    assert HEADER not in word.text  # nor in a Word file's: headers and footers are furniture


def test_multi_page_pdf_locations():
    import pypdfium2 as pdfium

    from reportkit.formats.locate import block_at

    path = converted() / "state-council-2024.pdf"
    doc = load_bytes(path.read_bytes(), name="r.pdf")
    pdf = pdfium.PdfDocument(str(path))
    # pdfium's own reading, in drawing order: LibreOffice draws the quotes “” apart from the
    # words they enclose (which the reader puts back in place by position), so they are left out
    plain = str.maketrans("", "", "“”‘’")
    pages = ["".join(pdf[i].get_textpage().get_text_range().split()).translate(plain) for i in range(len(pdf))]
    assert max(b.page for b in doc.sources) == len(pages) > 10
    for q in doc.quantities:  # each number is on the page its location names
        block = block_at(doc.sources, q.number_start)
        line = doc.text[block.start:block.end].translate(plain)
        assert line in pages[block.page - 1]


def test_annotated_copy_converts_to_pdf_with_the_same_findings():
    pdf = converted() / f"{ANNOTATED}.pdf"
    assert pdf.exists() and pdf.stat().st_size > 1000
    doc = load_bytes(pdf.read_bytes(), name=str(pdf))
    assert findings_of(doc) == findings_of(txt_doc("planted"))


@pytest.mark.parametrize("suffix", [".odt", ".rtf"])
def test_odt_and_rtf_read_through_libreoffice(suffix):
    path = converted() / f"planted{suffix}"
    doc = load_bytes(path.read_bytes(), name=str(path))
    assert numbers(doc) == numbers(txt_doc("planted"))
    assert headings(doc) == headings(txt_doc("planted"))
    assert findings_of(doc) == findings_of(txt_doc("planted"))


def test_doc_is_checked_through_the_cli(cli):
    path = converted() / "planted.doc"
    result = cli("check", str(path), "--no-config", "--format", "github")
    assert result.code == 1
    assert [line.split("title=")[1].split("::")[0] for line in result.out.splitlines()[:-1]] == [
        "handled-le-received", "rate-matches-counts", "persons-ge-households", "parts-le-total", "heading-skip"]
