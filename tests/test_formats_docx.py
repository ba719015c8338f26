"""Word files read as their .txt twins: numbers, heading tree, metadata and findings alike;
findings written back as comments on the exact numbers."""

from __future__ import annotations

import io
import json
import zipfile
from functools import lru_cache

import pytest

pytest.importorskip("docx")
pytest.importorskip("lxml")

from conftest import DATA, ROOT, SAMPLE  # noqa: E402
from wordfixtures import build  # noqa: E402

from reportkit.check.batch import RuleSpec  # noqa: E402
from reportkit.check.engine import check_document  # noqa: E402
from reportkit.document import load_bytes, parse  # noqa: E402
from reportkit.formats.docx import read_docx  # noqa: E402

REPORTS = {
    "sample": SAMPLE,
    "planted": ROOT / "tests" / "fixtures" / "check" / "full-width-planted.txt",
    "state-council-2024": DATA / "reports" / "state-council-2024.txt",
}
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
DISCLOSURE = ("title", "index_number", "publisher", "subject", "document_number", "generated",
              "published", "summary")


@lru_cache(maxsize=None)
def txt_doc(name):
    return parse(REPORTS[name].read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def rich(name):
    """The report as Word writes it: auto-numbered headings, a split number, a tracked
    insertion, paragraphs in a table, the disclosure header as a table."""
    return build(REPORTS[name].read_text(encoding="utf-8"), auto_numbering=True, split_number=True,
                 tracked_insertion=True, table_lines=3, disclosure_table=True)


@lru_cache(maxsize=1)
def rules():
    return RuleSpec().load()


def headings(doc):
    return [(h.level, h.marker, h.style, h.number, h.title) for h in doc.headings]


def numbers(doc):
    return [(q.text, q.value, q.unit, q.qualifier) for q in doc.quantities]


def findings_of(doc):
    return [(f.rule, tuple(q.text for q in f.quantities)) for f in check_document(doc, rules(), "x")]


@pytest.mark.parametrize("name", list(REPORTS))
@pytest.mark.parametrize("variant", ["typed", "typed-no-blank-lines", "rich"])
def test_word_file_reads_as_its_text(name, variant):
    text = REPORTS[name].read_text(encoding="utf-8")
    if variant == "rich":
        built = rich(name)
    else:
        built = build(text, blank_paragraphs=variant == "typed")
    doc = load_bytes(built.data, name=f"{name}.docx")
    ref = txt_doc(name)
    assert numbers(doc) == numbers(ref)
    assert headings(doc) == headings(ref)
    assert [getattr(doc.meta, k) for k in DISCLOSURE if getattr(ref.meta, k)] == \
        [getattr(ref.meta, k) for k in DISCLOSURE if getattr(ref.meta, k)]
    assert findings_of(doc) == findings_of(ref)
    assert doc.meta.format == "docx"
    for q in doc.quantities:
        assert doc.text[q.start:q.end] == q.text
    if variant == "typed":
        assert doc.text == text.rstrip("\n") + "\n"  # one paragraph per line: the same text
    if variant == "rich":
        assert built.auto_headings >= min(4, len(ref.headings))
        assert built.split_numbers and built.inserted and built.inserted in doc.text
        assert "9999" not in doc.text  # the tracked deletion is not read


def test_rich_fixtures_cover_what_word_writes():
    assert rich("sample").auto_headings == len(txt_doc("sample").headings) == 34
    assert rich("sample").disclosure_rows == 6
    assert rich("state-council-2024").table_lines == 3
    assert rich("sample").split_numbers == ["101个"]


def test_sources_name_paragraphs_and_table_cells():
    built = rich("state-council-2024")
    extracted = read_docx(built.data, "x.docx")
    blocks = extracted.sources
    assert [b.paragraph for b in blocks] == list(range(1, len(blocks) + 1))
    cells = [b for b in blocks if b.table is not None]
    assert [(b.table, b.row, b.cell) for b in cells if extracted.text[b.start:b.end].strip()] == \
        [(1, 1, 1), (1, 4, 1), (1, 6, 1)]  # blank lines between them are blank rows
    for b in blocks:
        assert "\n" not in extracted.text[b.start:b.end]


def _annotated(tmp_path, cli, name, *extra):
    src = tmp_path / f"{name}.docx"
    src.write_bytes(rich(name).data)
    out = tmp_path / f"{name}-reviewed.docx"
    result = cli("check", str(src), "--annotate", str(out), "--no-config", *extra)
    return src, out, result


def _comments(path):
    """(comment text, author, the text its range covers) for every comment of a .docx."""
    from lxml import etree

    with zipfile.ZipFile(path) as z:
        body = etree.fromstring(z.read("word/document.xml"))
        comments = etree.fromstring(z.read("word/comments.xml")) if "word/comments.xml" in z.namelist() else None
    texts = {}
    if comments is not None:
        for c in comments.iter(W + "comment"):
            texts[c.get(W + "id")] = ("".join(t.text or "" for t in c.iter(W + "t")), c.get(W + "author"))
    covered: dict[str, list[str]] = {}
    open_ids: set[str] = set()
    for el in body.iter():
        if el.tag == W + "commentRangeStart":
            open_ids.add(el.get(W + "id"))
            covered[el.get(W + "id")] = []
        elif el.tag == W + "commentRangeEnd":
            open_ids.discard(el.get(W + "id"))
        elif el.tag == W + "t":
            for i in open_ids:
                covered[i].append(el.text or "")
    return [(texts[i][0], texts[i][1], "".join(covered[i])) for i in sorted(covered, key=int)]


@pytest.mark.parametrize("name", ["sample", "planted"])
def test_annotate_writes_one_comment_per_finding_on_its_number(tmp_path, cli, name):
    src, out, result = _annotated(tmp_path, cli, name, "--format", "json")
    assert result.code == 1 if name == "planted" else result.code == 0, result
    found = json.loads(result.out)["findings"]
    doc = load_bytes(src.read_bytes(), name=str(src))
    expected = sorted((f["message"] + "（" + f["rule"] + "）", "reportkit") for f in found)
    comments = _comments(out)
    assert sorted((c[0], c[1]) for c in comments) == expected
    assert len(comments) == len(found) > 0
    spans = {f.message: doc.text[f.start:f.end] for f in check_document(doc, rules(), str(src))}
    for text, _, covered in comments:
        message = text.rsplit("（", 1)[0]
        assert covered == spans[message]
    assert read_docx(out.read_bytes(), "o").text == doc.text  # re-read: the same text
    assert src.read_bytes() == rich(name).data  # the input is untouched


def test_annotate_anchors_a_number_split_over_runs(tmp_path, cli):
    text = "一、工作情况\n受理群众来信320件，已办结340件。\n"
    built = build(text, split_number=True)
    src = tmp_path / "r.docx"
    src.write_bytes(built.data)
    out = tmp_path / "o.docx"
    result = cli("check", str(src), "--annotate", str(out), "--no-config")
    assert result.code == 1
    comments = _comments(out)
    assert [c[2] for c in comments] == ["340件"]
    assert comments[0][0].endswith("（handled-le-received）")
    assert read_docx(out.read_bytes(), "o").text == read_docx(built.data, "r").text
    # the split number's bold half kept its formatting: a bold run still holds "20"
    from lxml import etree

    with zipfile.ZipFile(out) as z:
        body = etree.fromstring(z.read("word/document.xml"))
    bold = ["".join(t.text for t in r.iter(W + "t")) for r in body.iter(W + "r")
            if r.find(f"{W}rPr/{W}b") is not None]
    assert bold == ["20"]


def test_annotate_refuses_its_input_and_non_word_inputs(tmp_path, cli):
    src = tmp_path / "r.docx"
    src.write_bytes(rich("planted").data)
    result = cli("check", str(src), "--annotate", str(src), "--no-config")
    assert result.code == 2 and result.out == ""
    assert "that is the input file" in result.err and "Traceback" not in result.err
    assert src.read_bytes() == rich("planted").data
    link = tmp_path / "link.docx"
    link.symlink_to(src)
    result = cli("check", str(src), "--annotate", str(link), "--no-config")
    assert result.code == 2 and "that is the input file" in result.err
    assert src.read_bytes() == rich("planted").data
    result = cli("check", str(SAMPLE), "--annotate", str(tmp_path / "x.docx"), "--no-config")
    assert result.code == 2 and "not a Word .docx file" in result.err
    assert not (tmp_path / "x.docx").exists()


def test_findings_name_the_paragraph(tmp_path, cli):
    src = tmp_path / "planted.docx"
    src.write_bytes(rich("planted").data)
    doc = load_bytes(src.read_bytes(), name=str(src))
    result = cli("check", str(src), "--format", "json", "--no-config")
    found = json.loads(result.out)["findings"]
    first = found[0]
    paragraph = next(b.paragraph for b in doc.sources if b.start <= doc.text.index("三百四十件") < b.end)
    assert first["rule"] == "handled-le-received" and first["location"] == {"paragraph": paragraph}
    text = cli("check", str(src), "--no-config").out
    assert f"{src}:{first['line']}:{first['col']} 第{paragraph}段  handled-le-received" in text
    sarif = json.loads(cli("check", str(src), "--format", "sarif", "--no-config").out)
    location = sarif["runs"][0]["results"][0]["locations"][0]
    assert location["properties"] == {"paragraph": paragraph}
    assert location["message"] == {"text": f"第{paragraph}段"}
    github = cli("check", str(src), "--format", "github", "--no-config").out
    assert f"（第{paragraph}段）" in github.splitlines()[0]


def test_core_properties_fill_meta_without_disclosure_header():
    from docx import Document

    document = Document()
    document.core_properties.title = "某街道2024年工作总结"
    document.core_properties.author = "办公室"
    import datetime

    document.core_properties.created = datetime.datetime(2024, 7, 1, 9, 0)
    document.core_properties.modified = datetime.datetime(2024, 7, 3, 9, 0)
    document.add_paragraph("今年以来，街道新增就业120人。")
    out = io.BytesIO()
    document.save(out)
    doc = load_bytes(out.getvalue(), name="x.docx")
    assert (doc.meta.title, doc.meta.author, doc.meta.generated, doc.meta.modified) == \
        ("某街道2024年工作总结", "办公室", "2024-07-01", "2024-07-03")
    # a disclosure header in the text wins over the properties
    sample = load_bytes(rich("sample").data, name="s.docx")
    assert sample.meta.generated == "2023-06-28"


def test_word_files_found_by_content_and_in_directories(tmp_path, cli):
    (tmp_path / "a.docx").write_bytes(rich("planted").data)
    (tmp_path / "renamed.txt").write_bytes(rich("planted").data)
    (tmp_path / "~$a.docx").write_bytes(b"lock")
    result = cli("check", str(tmp_path), "--format", "json", "--no-config", "--jobs", "1")
    data = json.loads(result.out)
    assert data["summary"]["files"] == 2 and result.code == 1, result
    assert sorted({f["path"].rsplit("/", 1)[-1] for f in data["findings"]}) == ["a.docx", "renamed.txt"]


def test_plain_text_check_does_not_import_the_format_libraries():
    import subprocess
    import sys

    code = ("import sys; from reportkit.cli import main\n"
            "try:\n    main(['check', sys.argv[1], '--no-config'])\nexcept SystemExit: pass\n"
            "print(sorted(m for m in ('lxml', 'docx', 'pypdfium2') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code, str(SAMPLE)], capture_output=True, text=True,
                         env={"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"}, timeout=60)
    assert out.stdout.strip().splitlines()[-1] == "[]", out.stderr


def test_parse_text_format_prints_what_was_read(tmp_path, cli):
    src = tmp_path / "planted.docx"
    src.write_bytes(rich("planted").data)
    result = cli("parse", str(src), "--format", "text")
    assert result.code == 0
    assert result.out == load_bytes(src.read_bytes(), name=str(src)).text
    assert result.out.splitlines()[:3] == ["２０２４年上半年工作总结", "", "一、主要工作"]


def test_annotate_places_the_range_inside_a_hyperlink_or_insertion(tmp_path, cli):
    from docx import Document
    from lxml import etree

    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    document = Document()
    document.add_paragraph("一、工作情况")
    p = document.add_paragraph("受理群众来信320件，已办结")
    p._p.append(etree.fromstring(f'<w:hyperlink {ns} w:anchor="a"><w:r><w:rPr><w:u w:val="single"/></w:rPr>'
                                 f'<w:t>340件</w:t></w:r></w:hyperlink>'))
    p.add_run("。")
    q = document.add_paragraph("受理来访56件，")
    q._p.append(etree.fromstring(f'<w:ins {ns} w:id="9" w:author="a"><w:r><w:t>已办结60件</w:t></w:r></w:ins>'))
    q.add_run("。")
    src, out = tmp_path / "r.docx", tmp_path / "o.docx"
    document.save(src)
    result = cli("check", str(src), "--annotate", str(out), "--no-config", "--select", "handled-le-received")
    assert result.code == 1, result
    assert [c[2] for c in _comments(out)] == ["340件", "60件"]
    with zipfile.ZipFile(out) as z:
        body = etree.fromstring(z.read("word/document.xml"))
    parents = [el.getparent().tag.rsplit("}", 1)[1] for el in body.iter(W + "commentRangeStart")]
    assert parents == ["hyperlink", "ins"]
    ends = [el.getparent().tag.rsplit("}", 1)[1] for el in body.iter(W + "commentRangeEnd")]
    assert ends == ["hyperlink", "ins"]
    # the hyperlink's run kept its underline
    link_runs = [r for r in body.iter(W + "r") if r.getparent().tag == W + "hyperlink"]
    assert all(r.find(f"{W}rPr/{W}u") is not None for r in link_runs if r.find(W + "t") is not None)
    assert read_docx(out.read_bytes(), "o").text == read_docx(src.read_bytes(), "r").text
