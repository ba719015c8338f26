"""The Word reader on hand-written document XML: what a reader of the document sees."""

from __future__ import annotations

import io
import zipfile

import pytest

pytest.importorskip("lxml")

from reportkit.errors import InputError  # noqa: E402
from reportkit.formats.docx import read_docx  # noqa: E402
from reportkit.formats.numbering import chinese_counting, format_number  # noqa: E402

NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def package(body: str, numbering: str = "", styles: str = "", extra: dict | None = None) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", f"<w:document {NS}><w:body>{body}</w:body></w:document>")
        if numbering:
            z.writestr("word/numbering.xml", f"<w:numbering {NS}>{numbering}</w:numbering>")
        if styles:
            z.writestr("word/styles.xml", f"<w:styles {NS}>{styles}</w:styles>")
        for name, data in (extra or {}).items():
            z.writestr(name, data)
    return out.getvalue()


def r(text: str, rpr: str = "") -> str:
    return f'<w:r>{rpr}<w:t xml:space="preserve">{text}</w:t></w:r>'


def text_of(body: str, **kw) -> str:
    return read_docx(package(body, **kw), "t.docx").text


def test_text_in_links_controls_tags_fields_and_insertions_is_read():
    body = ("<w:p>" + r("受理") + f'<w:hyperlink w:anchor="x">{r("1896")}</w:hyperlink>'
            + f"<w:sdt><w:sdtPr/><w:sdtContent>{r('件')}</w:sdtContent></w:sdt>"
            + f"<w:smartTag>{r('，')}</w:smartTag>"
            + f'<w:ins w:id="1" w:author="a">{r("已办结")}</w:ins>'
            + f'<w:del w:id="2" w:author="a"><w:r><w:delText>9999</w:delText></w:r></w:del>'
            + '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> MERGEFIELD n </w:instrText></w:r>'
            + '<w:r><w:fldChar w:fldCharType="separate"/></w:r>' + r("1890")
            + '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
            + f'<w:fldSimple w:instr="PAGE">{r("件")}</w:fldSimple>'
            + r("隐藏", "<w:rPr><w:vanish/></w:rPr>")
            + '<w:r><w:footnoteReference w:id="1"/></w:r><w:r><w:commentReference w:id="3"/></w:r>'
            + "。</w:p>")
    assert text_of(body) == "受理1896件，已办结1890件\n"


def test_tables_read_row_by_row_with_locations():
    cell = lambda t: f"<w:tc><w:p>{r(t)}</w:p></w:tc>"  # noqa: E731
    body = (f"<w:p>{r('标题')}</w:p><w:tbl><w:tr>{cell('索引号')}{cell('001/2024')}</w:tr>"
            f"<w:tr>{cell('发布机构')}<w:tc><w:p>{r('某街道')}</w:p><w:p>{r('办公室')}</w:p></w:tc></w:tr></w:tbl>"
            f"<w:p>{r('正文')}</w:p>")
    extracted = read_docx(package(body), "t.docx")
    assert extracted.text == "标题\n索引号\t001/2024\n发布机构\t某街道\n办公室\n正文\n"
    assert [(b.paragraph, b.table, b.row, b.cell, extracted.text[b.start:b.end]) for b in extracted.sources] == [
        (1, None, None, None, "标题"), (2, 1, 1, 1, "索引号"), (3, 1, 1, 2, "001/2024"),
        (4, 1, 2, 1, "发布机构"), (5, 1, 2, 2, "某街道"), (6, 1, 2, 2, "办公室"), (7, None, None, None, "正文")]


LEVELS = ('<w:abstractNum w:abstractNumId="1">'
          '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>'
          '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>'
          '<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>'
          '<w:lvl w:ilvl="3"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3.%4"/>'
          '<w:lvlRestart w:val="2"/><w:suff w:val="space"/></w:lvl>'
          '</w:abstractNum>'
          '<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>'
          '<w:num w:numId="2"><w:abstractNumId w:val="1"/>'
          '<w:lvlOverride w:ilvl="2"><w:startOverride w:val="5"/></w:lvlOverride></w:num>')
STYLES = ('<w:style w:type="paragraph" w:styleId="H1"><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>'
          '<w:style w:type="paragraph" w:styleId="H1x"><w:basedOn w:val="H1"/></w:style>'
          '<w:style w:type="paragraph" w:styleId="H2"><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr></w:pPr></w:style>')


def numbered(text: str, *, style: str | None = None, num: int | None = None, ilvl: int | None = None) -> str:
    ppr = f'<w:pStyle w:val="{style}"/>' if style else ""
    if num is not None:
        ppr += "<w:numPr>" + (f'<w:ilvl w:val="{ilvl}"/>' if ilvl is not None else "") + f'<w:numId w:val="{num}"/></w:numPr>'
    return f"<w:p><w:pPr>{ppr}</w:pPr>{r(text)}</w:p>"


def test_automatic_numbering_gives_the_labels_word_shows():
    body = "".join([
        numbered("总体情况", style="H1"),          # 一、 through the style
        numbered("经济运行", style="H2"),          # （一） through the style
        numbered("工业", num=1, ilvl=2),           # 1.
        numbered("细项", num=1, ilvl=3),           # 1.1 (space: a label ending in a digit)
        numbered("服务业", num=1, ilvl=2),         # 2.
        numbered("细项", num=1, ilvl=3),           # 2.2: lvlRestart 2, not restarted by level 3 …
        numbered("民生", style="H2"),              # （二）
        numbered("就业", num=1, ilvl=2),           # 1. restarted under （二）
        numbered("细项", num=1, ilvl=3),           # 1.1: … but by level 2
        numbered("不编号", style="H1", num=0),     # numId 0 switches the style's numbering off
        numbered("下一步", style="H1x"),           # 二、 inherited through basedOn
        numbered("一号", num=2, ilvl=2),           # 5. the instance's startOverride
        numbered("二号", num=2, ilvl=2),           # 6.
    ])
    assert text_of(body, numbering=LEVELS, styles=STYLES).splitlines() == [
        "一、总体情况", "（一）经济运行", "1.工业", "1.1 细项", "2.服务业", "2.2 细项", "（二）民生",
        "1.就业", "1.1 细项", "不编号", "二、下一步", "5.一号", "6.二号"]


def test_a_style_without_ilvl_takes_the_level_that_names_it():
    numbering = ('<w:abstractNum w:abstractNumId="3">'
                 '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:pStyle w:val="Heading1"/>'
                 '<w:lvlText w:val="%1、"/></w:lvl>'
                 '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:pStyle w:val="Heading2"/>'
                 '<w:lvlText w:val="（%2）"/></w:lvl></w:abstractNum>'
                 '<w:num w:numId="4"><w:abstractNumId w:val="3"/></w:num>')
    styles = "".join(f'<w:style w:type="paragraph" w:styleId="Heading{i}"><w:pPr><w:numPr><w:numId w:val="4"/>'
                     f'</w:numPr></w:pPr></w:style>' for i in (1, 2))
    body = numbered("总体", style="Heading1") + numbered("经济", style="Heading2") + \
        numbered("民生", style="Heading2") + numbered("计划", style="Heading1") + numbered("任务", style="Heading2")
    assert text_of(body, numbering=numbering, styles=styles).splitlines() == [
        "一、总体", "（一）经济", "（二）民生", "二、计划", "（一）任务"]


def test_a_list_instance_may_redefine_a_level():
    numbering = LEVELS + ('<w:num w:numId="3"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="2">'
                          '<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimalEnclosedCircleChinese"/>'
                          '<w:lvlText w:val="%3"/></w:lvl></w:lvlOverride></w:num>')
    body = numbered("甲", num=3, ilvl=2) + numbered("乙", num=3, ilvl=2) + numbered("丙", num=1, ilvl=2)
    assert text_of(body, numbering=numbering, styles=STYLES).splitlines() == ["①甲", "②乙", "1.丙"]


def test_automatic_headings_make_the_heading_tree():
    from reportkit.document import load_bytes

    body = numbered("总体情况", style="H1") + f"<w:p>{r('全年新增就业120人。')}</w:p>" + \
        numbered("经济运行", style="H2") + f"<w:p>{r('完成投资12.5亿元。')}</w:p>" + numbered("下一步", style="H1")
    doc = load_bytes(package(body, numbering=LEVELS, styles=STYLES), name="t.docx")
    assert [(h.level, h.marker, h.number, h.title) for h in doc.headings] == [
        (1, "一、", 1, "总体情况"), (2, "（一）", 1, "经济运行"), (1, "二、", 2, "下一步")]


@pytest.mark.parametrize("n, fmt, label", [
    (1, "chineseCounting", "一"), (10, "chineseCounting", "十"), (12, "chineseCounting", "十二"),
    (20, "chineseCounting", "二十"), (105, "chineseCounting", "一百〇五"),
    (105, "chineseCountingThousand", "一百零五"), (3, "taiwaneseCountingThousand", "三"),
    (12, "japaneseCounting", "十二"), (2024, "ideographDigital", "二〇二四"), (3, "chineseLegalSimplified", "叁"),
    (11, "chineseLegalSimplified", "壹拾壹"), (3, "ideographTraditional", "丙"),
    (2, "ideographZodiac", "丑"), (4, "decimalEnclosedCircleChinese", "④"),
    (12, "decimalFullWidth", "１２"), (3, "decimalEnclosedParen", "⑶"), (7, "decimalZero", "07"),
    (14, "upperRoman", "XIV"), (4, "lowerRoman", "iv"), (27, "upperLetter", "AA"),
    (2, "lowerLetter", "b"), (5, "decimal", "5"), (5, "none", ""),
])
def test_number_formats(n, fmt, label):
    assert format_number(n, fmt) == label


def test_chinese_counting_large_numbers():
    assert [chinese_counting(n) for n in (100, 110, 1000, 1001, 10001)] == [
        "一百", "一百一十", "一千", "一千〇一", "一万〇一"]


def test_core_properties_damaged_do_not_stop_reading():
    data = package(f"<w:p>{r('新增就业120人。')}</w:p>", extra={"docProps/core.xml": "<not-closed"})
    assert read_docx(data, "t.docx").properties == {}


def test_external_entities_are_never_resolved(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET-1234", encoding="utf-8")
    doc = (f'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file://{secret}">]>'
           f"<w:document {NS}><w:body><w:p>{r('受理&x;件')}</w:p></w:body></w:document>")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("word/document.xml", doc)
    with pytest.raises(InputError, match="document type declaration") as info:
        read_docx(out.getvalue(), "t.docx")
    assert "SECRET" not in str(info.value)


def test_a_document_without_text_is_an_error():
    with pytest.raises(InputError, match="has no text"):
        read_docx(package("<w:p/>"), "t.docx")
