"""The document model of issue 2: metadata, furniture, heading tree, sentences, clauses."""

from __future__ import annotations

import pytest

import reportkit
from reportkit.text.normalize import fold

from conftest import bundled_report, sample_text


@pytest.fixture(scope="module")
def doc():
    return reportkit.parse(sample_text(), quantities=False)


def test_sample_metadata(doc):
    m = doc.meta
    assert m.title == "2023年上半年工作总结及下半年工作计划"
    assert m.publisher == "东城街道"
    assert m.generated == "2023-06-28"
    assert m.published == "2023-07-27"
    assert m.index_number == "11320482014141568L/2023-00025"
    assert m.subject == "综合政务"
    assert m.document_number is None
    assert m.newline == "\n"


def test_sample_furniture_lines(doc):
    assert [(f.kind, f.line) for f in doc.furniture] == [
        ("banner", 1), ("navigation", 3), ("disclosure", 5), ("disclosure", 6),
        ("disclosure", 7), ("disclosure", 8), ("disclosure", 9), ("disclosure", 10),
        ("footer", 84),
    ]
    for f in doc.furniture:
        assert doc.text[f.start:f.end] == f.text


def test_no_furniture_in_any_sentence(doc):
    furniture_words = ("欢迎访问", "当前位置", "索引号", "发布机构", "扫一扫", "内容概述")
    for s in doc.sentences:
        assert not any(w in s.text for w in furniture_words), s.text
    spans = [(f.start, f.end) for f in doc.furniture]
    for s in doc.sentences:
        assert all(s.end <= a or s.start >= b for a, b in spans)


def test_sample_top_level_headings(doc):
    top = [h for h in doc.headings if h.level == 1]
    assert [h.title for h in top] == ["上半年主要工作情况", "存在的主要困难、问题", "下半年重点工作思路和举措"]
    assert [h.line for h in top] == [16, 66, 74]
    assert all(h.parent is None for h in top)


def test_sample_second_level_under_first(doc):
    first = doc.headings[0]
    children = [h for h in doc.headings if h.parent == first.id]
    assert [(h.marker, h.title) for h in children] == [
        ("(一)", "实施党建引领高质量发展工程"),
        ("(二)", "实施经济发展质量提升工程"),
        ("(三)", "实施社会治理效能提升工程"),
        ("(四)", "实施居民生活品质提升工程"),
        ("(五)", "实施城市文明程度提升工程"),
        ("(六)", "实施安全环保指数提升工程"),
    ]
    assert {h.level for h in children} == {2}


def test_numbered_items_split_title_from_body(doc):
    item = next(h for h in doc.headings if h.title == "高度重视思想政治建设")
    assert (item.level, item.marker, item.number, item.style) == (3, "1.", 1, "arabic-dot")
    assert doc.text[item.title_start:item.title_end] == "高度重视思想政治建设"
    assert doc.text[item.body_start:].startswith("深入学习贯彻习近平新时代")
    title_sentence, first_body = [s for s in doc.sentences if s.heading == item.id][:2]
    assert (title_sentence.role, title_sentence.text) == ("title", "高度重视思想政治建设")
    assert first_body.role == "body"
    assert first_body.text.startswith("深入学习贯彻") and first_body.text.endswith("推动工作。")


def test_level_three_titles_of_first_section(doc):
    section = next(h for h in doc.headings if h.marker == "(一)")
    items = [h.title for h in doc.headings if h.parent == section.id]
    assert items == ["高度重视思想政治建设", "大力加强基层组织建设", "持续强化干部队伍建设", "深入推进全面从严治党"]


def test_items_under_a_section_without_paren_level_nest_directly(doc):
    """二、 then 1. with no （一）: the reader nests 1. directly under 二、 (level 2)."""
    second = next(h for h in doc.headings if h.marker == "二、")
    items = [h for h in doc.headings if h.parent == second.id]
    assert [(h.level, h.title) for h in items] == [
        (2, "属地管理承载压力大"), (2, "经济发展思路不够宽"), (2, "安全环保工作瓶颈多")]


def test_offsets_round_trip(doc):
    for record in (*doc.sentences, *doc.clauses):
        assert doc.text[record.start:record.end] == record.text
    for h in doc.headings:
        assert doc.text[h.start:h.start + len(h.marker)] == h.marker
        assert doc.text[h.title_start:h.title_end] == h.title
    lines = doc.text.split("\n")
    for s in doc.sentences:
        assert lines[s.line - 1][s.col - 1:].startswith(s.text[:10])


def test_sentences_and_clauses_of_one_sentence(doc):
    s = next(s for s in doc.sentences if "受理12345工单1896件" in s.text)
    assert s.text == "用心解决群众诉求,街道受理12345工单1896件,已办结1811件;"
    clauses = [c.text for c in doc.clauses if c.sentence == s.id]
    assert clauses == ["用心解决群众诉求", "街道受理12345工单1896件", "已办结1811件"]
    assert [c.index for c in doc.clauses if c.sentence == s.id] == [0, 1, 2]


def test_no_split_inside_quotes_or_brackets():
    doc = reportkit.parse("一、总体情况\n他说：“今年任务很重。我们要完成。”会议通过《关于做好（一）、（二）项工作。的通知》。随后散会！\n", quantities=False)
    body = [s.text for s in doc.sentences if s.role == "body"]
    assert body == ["他说：“今年任务很重。我们要完成。”会议通过《关于做好（一）、（二）项工作。的通知》。", "随后散会！"]


def test_ellipsis_ends_a_sentence():
    doc = reportkit.parse("一、情况\n成绩很多……问题也不少。\n", quantities=False)
    assert [s.text for s in doc.sentences if s.role == "body"] == ["成绩很多……", "问题也不少。"]


def test_thousands_comma_is_not_a_clause_break():
    doc = reportkit.parse("一、情况\n共投入资金1,234万元,完成任务。\n", quantities=False)
    assert [c.text for c in doc.clauses if c.sentence == doc.sentences[-1].id] == ["共投入资金1,234万元", "完成任务"]


def test_inline_enumeration_is_list_items_not_headings():
    text = "一、主要做法\n我们做了三件事：一是加强学习；二是完善制度；三是狠抓落实。\n"
    doc = reportkit.parse(text, quantities=False)
    assert [h.title for h in doc.headings] == ["主要做法"]
    assert [(li.marker, li.number) for li in doc.list_items] == [("一是", 1), ("二是", 2), ("三是", 3)]
    assert doc.text[doc.list_items[0].start:doc.list_items[0].end] == "一是加强学习；"


def test_skipped_numbering_is_kept_as_written():
    doc = reportkit.parse("一、甲\n正文。\n三、丙\n正文。\n三、丙又\n正文。\n", quantities=False)
    assert [(h.number, h.level) for h in doc.headings] == [(1, 1), (3, 1), (3, 1)]


def test_levels_follow_order_of_first_appearance():
    text = "(一)甲\n1.子项。正文。\n(1)细项。正文。\n①更细。\n(二)乙\n第一章 总则\n"
    doc = reportkit.parse(text, quantities=False)
    assert [(h.marker, h.level, h.parent) for h in doc.headings][:5] == [
        ("(一)", 1, None), ("1.", 2, "h1"), ("(1)", 3, "h2"), ("①", 4, "h3"), ("(二)", 1, None)]


def test_chapter_and_section_markers():
    doc = reportkit.parse("第一章 总则\n第一节 目的\n正文。\n第二节 范围\n第二章 分则\n", quantities=False)
    assert [(h.style, h.number, h.level, h.title) for h in doc.headings] == [
        ("chapter", 1, 1, "总则"), ("section", 1, 2, "目的"), ("section", 2, 2, "范围"),
        ("chapter", 2, 1, "分则")]


def test_title_found_without_disclosure_header():
    text = sample_text()
    body = text[text.index("2023年上半年工作总结及下半年工作计划\n\n今年以来"):]
    doc = reportkit.parse(body, quantities=False)
    assert doc.meta.title == "2023年上半年工作总结及下半年工作计划"
    assert doc.meta.publisher is None
    assert [h.title for h in doc.headings if h.level == 1][0] == "上半年主要工作情况"


def _tree(doc):
    return [(h.level, fold(h.marker), fold(h.title), h.parent) for h in doc.headings]


def _sentences(doc):
    return [(s.heading, s.role, fold(s.text)) for s in doc.sentences]


def to_full_width(text: str) -> str:
    """Turn every half-width ASCII punctuation mark and digit into its full-width form."""
    return "".join(chr(ord(ch) + 0xFEE0) if "!" <= ch <= "~" and not ch.isalpha() else ch for ch in text)


@pytest.mark.parametrize("variant", ["gb18030", "crlf", "cr", "bom", "full-width"])
def test_encodings_line_ends_and_width_give_the_same_tree(variant, doc):
    text = sample_text()
    if variant == "gb18030":
        other = reportkit.load(text.encode("gb18030"), quantities=False)
        assert other.meta.encoding == "gb18030"
    elif variant == "crlf":
        other = reportkit.load(text.replace("\n", "\r\n").encode("utf-8"), quantities=False)
        assert other.meta.newline == "\r\n"
    elif variant == "cr":
        other = reportkit.load(text.replace("\n", "\r").encode("utf-8"), quantities=False)
    elif variant == "bom":
        other = reportkit.load(b"\xef\xbb\xbf" + text.encode("utf-8"), quantities=False)
        assert other.meta.bom and other.text == text
    else:
        other = reportkit.parse(to_full_width(text), quantities=False)
    assert _tree(other) == _tree(doc)
    assert _sentences(other) == _sentences(doc)
    assert fold(other.meta.title) == doc.meta.title
    for s in other.sentences:
        assert other.text[s.start:s.end] == s.text
    if variant in ("crlf", "cr"):
        assert [(s.line, s.col) for s in other.sentences] == [(s.line, s.col) for s in doc.sentences]


@pytest.mark.parametrize("year, first_sections", [
    (2024, ["2023年工作回顾", "2024年经济社会发展总体要求和政策取向", "2024年政府工作任务"]),
    (2025, ["2024年工作回顾", "2025年经济社会发展总体要求和政策取向", "2025年政府工作任务"]),
])
def test_state_council_top_level_sections(year, first_sections):
    doc = reportkit.parse(bundled_report(year), quantities=False)
    top = [h.title for h in doc.headings if h.level == 1]
    assert top[:3] == first_sections
    tasks = next(h for h in doc.headings if h.title == first_sections[2])
    subsections = [h for h in doc.headings if h.parent == tasks.id]
    assert subsections[0].marker == "（一）" and subsections[0].level == 2
    assert len(subsections) == 10


def test_traditional_1954_report_parses():
    doc = reportkit.parse(bundled_report(1954), quantities=False)
    assert len(doc.sentences) > 300
    for s in doc.sentences:
        assert doc.text[s.start:s.end] == s.text


def test_whole_corpus_parses(corpus):
    for record in corpus:
        doc = reportkit.parse(record["content"], title=record["title"], quantities=False)
        assert doc.meta.title
        for s in doc.sentences:
            assert doc.text[s.start:s.end] == s.text


def test_load_takes_a_path_bytes_or_text(tmp_path):
    path = tmp_path / "r.txt"
    path.write_text("一、情况\n受理工单12件。\n", encoding="utf-8")
    by_path, by_str = reportkit.load(path), reportkit.load(str(path))
    by_text = reportkit.load("一、情况\n受理工单12件。\n")
    assert by_path.meta.path == str(path) and by_text.meta.path is None
    assert [q.text for q in by_path.quantities] == [q.text for q in by_str.quantities] == ["12件"]
    assert [s.text for s in by_text.sentences] == [s.text for s in by_path.sentences]
    with pytest.raises(reportkit.ReportkitError, match="missing.txt: no such file"):
        reportkit.load(str(tmp_path / "missing.txt"))
    with pytest.raises(reportkit.ReportkitError, match="is a directory"):
        reportkit.load(tmp_path)


def test_disclosure_words_after_the_report_begins_are_content():
    """索引号/发布机构 at the start of a line inside the report are text, not furniture."""
    text = "一、基本情况\n索引号管理工作全面完成，共整理档案12卷。\n发布机构调整到位。\n"
    doc = reportkit.parse(text)
    assert doc.furniture == () and doc.meta.index_number is None
    assert [s.text for s in doc.sentences if s.role == "body"] == [
        "索引号管理工作全面完成，共整理档案12卷。", "发布机构调整到位。"]


# --- split_clauses: the one-regex path against the event scan it replaced ------------------

def _reference_split_clauses(text, start, end):
    """The splitter before the one-regex path: every sentence through the event scan."""
    from reportkit.text.sentences import (_CLAUSE_EVENTS, _NUMBER_MARKS, CLOSERS, OPENERS,
                                          SENTENCE_ENDS, _trim)
    spans, depth, seg = [], 0, start
    for event in _CLAUSE_EVENTS.finditer(text, start, end):
        i = event.start()
        ch = text[i]
        if ch in OPENERS:
            depth += 1
        elif ch in CLOSERS:
            if depth:
                depth -= 1
        elif depth == 0:
            if ch in _NUMBER_MARKS and start < i < end - 1 and text[i - 1].isdigit() \
                    and text[i + 1].isdigit():
                continue
            s, e = _trim(text, seg, i)
            if e > s:
                spans.append((s, e))
            seg = i + 1
    stop = end
    while stop > seg and (text[stop - 1] in SENTENCE_ENDS or text[stop - 1] == "…"):
        stop -= 1
    s, e = _trim(text, seg, stop)
    if e > s:
        spans.append((s, e))
    return spans


# digits of every kind (², ①, ١), breaks, brackets, blanks, end marks, prose
_CLAUSE_ALPHABET = "1２9²①١,，:：、“”（）()《》 \u3000\t\n。；?…增长经济a"


def test_split_clauses_equals_the_event_scan_on_random_text():
    import random
    from reportkit.text.sentences import split_clauses
    rng = random.Random(20261202)
    for _ in range(60000):
        text = "".join(rng.choice(_CLAUSE_ALPHABET) for _ in range(rng.randrange(0, 14)))
        start = rng.randrange(0, len(text) + 1)
        end = rng.randrange(start, len(text) + 1)
        assert split_clauses(text, start, end) == _reference_split_clauses(text, start, end), \
            (text, start, end)


def test_split_clauses_equals_the_event_scan_on_the_corpus(corpus):
    from reportkit.text.lines import iter_lines
    from reportkit.text.sentences import split_clauses, split_sentences
    for record in corpus[:12]:
        text = record["content"]
        for s, e in iter_lines(text):
            for a, b in split_sentences(text, s, e):
                assert split_clauses(text, a, b) == _reference_split_clauses(text, a, b)


def test_list_item_prefilter_keys_are_held_by_every_match():
    import random
    from reportkit.text.structure import _list_keys, _styles
    keys = _list_keys()
    assert keys == ("是", "第", "其")
    rng = random.Random(7)
    alphabet = "一二三十是第其，,、:：。 1a"
    for _ in range(20000):
        view = "".join(rng.choice(alphabet) for _ in range(rng.randrange(1, 10)))
        for pattern, key in zip(_styles()[1], keys):
            for m in pattern.finditer(view):
                assert key in m.group()


def test_furniture_line_kind_by_one_alternation_equals_one_by_one():
    import random
    from reportkit.text import furniture
    lex = furniture._lexicon()
    assert lex.line_pattern is not None
    pieces = ["欢迎", "访问", "当前位置", "您的位置", ":", ">", "首页", "›", "扫一扫在手机打开当前页",
              "【", "】", "打印本页", "关闭窗口", "分享到", "：", "字体", "大", "[", "上一篇",
              "相关链接", "主办单位", "ICP备", " ", "—", "\n", "报告", "1"]
    rng = random.Random(11)
    for _ in range(30000):
        line = "".join(rng.choice(pieces) for _ in range(rng.randrange(0, 6)))
        assert furniture.line_kind(line) == furniture._line_kind_one_by_one(lex, line), line



def test_any_style_matches_exactly_where_some_heading_style_matches():
    import random
    from reportkit.text.structure import _any_style, _styles
    any_style = _any_style()
    assert any_style.pattern  # not the match-everything fallback
    alphabet = "第一二十百两3１0部分章节、.:：()（）①⑳ 　\t年是增a"
    rng = random.Random(5)
    for _ in range(40000):
        view = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 8)))
        expected = any(s.pattern.match(view) for s in _styles()[0])
        assert bool(any_style.match(view)) == expected, view


# --- split_paragraph: one pass a paragraph against a call a sentence ------------------------

def _reference_split_paragraph(text, start, end):
    """The reading split_paragraph replaces: split_sentences, then split_clauses a sentence."""
    from reportkit.text.sentences import split_clauses, split_sentences
    sentences = list(split_sentences(text, start, end))
    return sentences, [c for s, e in sentences for c in split_clauses(text, s, e)]


@pytest.mark.parametrize("alphabet", [
    "。；;!?！？…， ,、：:\n\t\u3000ab增",  # no bracket or digit: the one-pass reading
    "…。 a，\n",  # lone …, …… and runs of them next to blanks
    "“”《》（）(【】。，、…；a ",  # brackets, flat or not, without digits
    "“”（。，1２,，:①a",  # flat brackets next to number marks
    _CLAUSE_ALPHABET,  # brackets and digits: the sentence-by-sentence reading
])
def test_split_paragraph_equals_splitting_each_sentence(alphabet):
    import random
    from reportkit.text.sentences import split_paragraph
    rng = random.Random(20261203)
    for _ in range(40000):
        text = "".join(rng.choices(alphabet, k=rng.randrange(0, 16)))
        start, end = sorted(rng.choices(range(len(text) + 1), k=2))
        case = (text, start, end)
        assert split_paragraph(*case) == _reference_split_paragraph(*case), case


def test_split_paragraph_equals_splitting_each_sentence_on_the_corpus(corpus):
    from reportkit.text.lines import iter_lines
    from reportkit.text.sentences import split_paragraph
    for record in corpus[:24]:
        text = record["content"]
        for s, e in iter_lines(text):
            assert split_paragraph(text, s, e) == _reference_split_paragraph(text, s, e)


def test_clauses_name_their_sentence_and_place(doc):
    """Clause → sentence links, found by bisection when the clauses are frozen."""
    from reportkit.text.sentences import split_clauses
    expected = [(s.id, k, span) for s in doc.sentences
                for k, span in enumerate(split_clauses(doc.text, s.start, s.end))]
    assert [(c.sentence, c.index, (c.start, c.end)) for c in doc.clauses] == expected
