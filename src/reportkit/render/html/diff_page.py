"""``reportkit diff --format html``: the two reports' figures side by side.

The changes table with a bar chart of % change per metric, targets met / missed / unreported,
recomputed claims, figures only in one report, moved sections, and every aligned pair's two
sentences with the changed characters marked. Numbers are shown with the same helpers as
the text, CSV and Markdown renderings (:mod:`..diff_common`).
"""

from __future__ import annotations

from ...diff.model import DiffResult, Pair
from ..diff_common import location, name, number, pct, written
from . import marks
from .chardiff import changed_ranges
from .chart import MAX_BARS, bar_chart
from .document import document_data, title_of
from .labels import dimension_class
from .page import esc, json_script, shell

STATUS = {
    "met": "✔ 已达成", "missed": "✖ 未达成", "unreported": "？ 未报告",
    "consistent": "✔ 一致", "inconsistent": "✖ 不一致",
}
SECTION_STATUS = {"renamed": "改名", "removed": "删除", "added": "新增", "kept": "保留"}
KIND = {"floor": "不低于", "ceiling": "不高于"}
CLAIM_KIND = {"growth": "增长", "difference": "差额", "points": "百分点", "share": "占比"}


def render(result: DiffResult) -> str:
    old, new = result.old, result.new
    blocks = _blocks(result)
    anchor = {(p.old.id, p.new.id): f"p{n}" for n, (_, pairs) in enumerate(blocks, 1) for p in pairs}
    s = result.summary()
    head = (
        f'<header class="top"><h1>reportkit 对比</h1><div class="diff-head">'
        f'<div><b>旧</b> {esc(title_of(old, "OLD"))} <span class="path">{esc(old.meta.path or "")}</span></div>'
        f'<div>→</div><div><b>新</b> {esc(title_of(new, "NEW"))} <span class="path">{esc(new.meta.path or "")}</span></div>'
        "</div></header>"
    )
    counts = (
        '<div class="counts" id="counts">'
        + "".join(f'<span data-count="{key}"><b>{s[key]}</b> {label}</span>' for key, label in (
            ("changed", "项变化"), ("unchanged", "项未变"), ("removed", "项仅旧报告有"),
            ("added", "项仅新报告有"), ("targets_met", "个目标已达成"), ("targets_missed", "个目标未达成"),
            ("targets_unreported", "个目标未报告"), ("claims_consistent", "处增速一致"),
            ("claims_inconsistent", "处增速不一致")))
        + (f'<span data-count="hidden"><b>{s["hidden"]}</b> 项变化小于阈值未列出</span>' if s["hidden"] else "")
        + "</div>"
    )
    toc = ('<nav class="toc"><a href="#changes">变化</a><a href="#targets">目标</a><a href="#claims">增速核对</a>'
           '<a href="#removed">仅旧报告</a><a href="#added">仅新报告</a><a href="#sections">章节</a>'
           '<a href="#pairs">逐句对照</a></nav>')
    body = (
        f"{head}\n<main>\n{counts}{toc}\n"
        f"{_changes(result, anchor)}{_targets(result)}{_claims(result)}"
        f"{_only(result.removed, old, 'removed', '仅旧报告有的数字')}"
        f"{_only(result.added, new, 'added', '仅新报告有的数字')}"
        f"{_sections(result)}{_pairs(result, blocks)}\n"
        f'{json_script(document_data(old), data_doc="old", data_kind="document")}\n'
        f'{json_script(document_data(new), data_doc="new", data_kind="document")}\n</main>'
    )
    return shell(f"对比：{title_of(old, 'OLD')} → {title_of(new, 'NEW')}", body, kind="diff")


def _table(section_id: str, title: str, columns: list[str], rows: list[str], empty: str, extra: str = "") -> str:
    if not rows:
        return f'<section id="{section_id}"><h2>{esc(title)}</h2><p class="note">{esc(empty)}</p></section>\n'
    head = "".join(f"<th>{esc(c)}</th>" for c in columns)
    return (f'<section id="{section_id}"><h2>{esc(title)}（{len(rows)}）</h2>{extra}'
            f'<table><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table></section>\n')


def _changes(result: DiffResult, anchor: dict) -> str:
    old, new = result.old, result.new
    rows, bars = [], []
    for p in result.changed:
        link = anchor[p.old.id, p.new.id]
        direction = p.change.direction
        rows.append(
            f'<tr data-pair="{link}"><td>{esc(name(old, p.old))}</td><td>{esc(written(p.old))}</td>'
            f'<td>{esc(written(p.new))}</td><td class="{direction}">{esc(p.change.note)}</td>'
            f'<td class="n {direction}">{esc(pct(p.change.pct))}</td>'
            f"<td>{esc(location(p.old))} → {esc(location(p.new))}</td>"
            f'<td><a href="#{link}">对照</a></td></tr>')
        if p.change.pct is not None:
            bars.append((name(old, p.old) or name(new, p.new), p.change.pct, pct(p.change.pct), link))
    unplotted = len(result.changed) - min(len(bars), MAX_BARS)
    chart = bar_chart(sorted(bars, key=lambda b: abs(b[1]), reverse=True))
    if chart:
        chart = (f'<figure class="chart-box">{chart}<figcaption class="note">变化百分比，最大的 '
                 f"{min(len(bars), MAX_BARS)} 项" + (f"；另有 {unplotted} 项（比率以百分点计，或超出条数）未画出"
                                                    if unplotted else "") + "。</figcaption></figure>")
    return _table("changes", "变化", ["项目", "旧", "新", "变化", "%", "位置（旧 → 新）", ""], rows,
                  "两份报告对得上的数字都没有变化。", chart)


def _status(status: str, certain: bool = True) -> str:
    return (f'<span class="st st-{esc(status)}">{esc(STATUS.get(status, status))}</span>'
            + ("" if certain else '<span class="note">（不确定）</span>'))


def _targets(result: DiffResult) -> str:
    rows = [
        f'<tr class="st-row-{esc(t.status)}" data-status="{esc(t.status)}"><td>{esc(name(result.old, t.target))}</td>'
        f"<td>{esc(KIND.get(t.kind, t.kind))} {esc(written(t.target))}</td><td>{esc(written(t.actual) or '—')}</td>"
        f"<td>{_status(t.status, t.certain)}</td>"
        f"<td>{esc(location(t.target))}{' → ' + esc(location(t.actual)) if t.actual else ''}</td></tr>"
        for t in result.targets]
    return _table("targets", "旧报告的目标", ["目标", "计划", "新报告实际", "结果", "位置"], rows,
                  "旧报告中没有识别出目标。")


def _claims(result: DiffResult) -> str:
    rows = [
        f'<tr class="st-row-{esc(c.status)}" data-status="{esc(c.status)}"><td>{esc(name(result.new, c.level))}</td>'
        f"<td>{esc(written(c.base))}</td><td>{esc(written(c.level))}</td>"
        f"<td>{esc(CLAIM_KIND.get(c.kind, c.kind))} {esc(written(c.claim))}</td>"
        f"<td>{esc(number(c.implied))}（{esc(number(c.low))} ~ {esc(number(c.high))}）</td>"
        f"<td>{_status(c.status)}</td><td>{esc(location(c.claim))}</td></tr>"
        for c in result.claims]
    return _table("claims", "新报告所称增速，用旧报告的数字核对", ["项目", "旧", "新", "所称", "推算（容许范围）", "结果", "位置"],
                  rows, "新报告中没有可以用旧报告核对的增速。")


def _only(quantities, doc, section_id: str, title: str) -> str:
    items = "".join(
        f'<li><span class="q {dimension_class(q.dimension)}">{esc(q.text)}</span> {esc(name(doc, q))} '
        f'<span class="note">{esc(location(q))}</span></li>' for q in quantities)
    if not items:
        return f'<section id="{section_id}"><h2>{esc(title)}</h2><p class="note">没有。</p></section>\n'
    return f'<section id="{section_id}"><h2>{esc(title)}（{len(quantities)}）</h2><ul class="figures">{items}</ul></section>\n'


def _sections(result: DiffResult) -> str:
    rows = [
        f'<tr><td>{esc(SECTION_STATUS.get(x.status, x.status))}</td>'
        f"<td>{esc((x.old.marker + x.old.title) if x.old else '')}</td>"
        f"<td>{esc((x.new.marker + x.new.title) if x.new else '')}</td></tr>"
        for x in result.sections if x.status != "kept"]
    return _table("sections", "章节变动", ["变动", "旧", "新"], rows, "章节没有增删或改名。")


def _line_span(doc, q) -> tuple[int, int]:
    """The quantity's line, for one that has no sentence."""
    start = doc.text.rfind("\n", 0, q.start) + 1
    end = doc.text.find("\n", q.end)
    return start, len(doc.text) if end < 0 else end


def _blocks(result: DiffResult) -> list[tuple[tuple, list[Pair]]]:
    """The aligned pairs grouped by their two sentences, in OLD's order: one block per
    sentence pair, with all its numbers marked."""
    old_spans = {s.id: (s.start, s.end) for s in result.old.sentences}
    new_spans = {s.id: (s.start, s.end) for s in result.new.sentences}
    groups: dict[tuple, list[Pair]] = {}
    for p in result.pairs:
        key = (old_spans.get(p.old.sentence) or _line_span(result.old, p.old),
               new_spans.get(p.new.sentence) or _line_span(result.new, p.new))
        groups.setdefault(key, []).append(p)
    return list(groups.items())


def _pairs(result: DiffResult, blocks) -> str:
    out = ['<section id="pairs"><h2>逐句对照</h2><p class="note">对上的数字在两边的句子中标出（'
           "悬停看详情），改动的字逐字标出：删去的<del class=\"ch\">划线</del>，新增的<ins class=\"ch\">加底色</ins>。</p>"
           '<div class="pair-head"><div>旧</div><div>新</div></div>']
    for n, ((old_span, new_span), pairs) in enumerate(blocks, 1):
        old_text = result.old.text[old_span[0]:old_span[1]]
        new_text = result.new.text[new_span[0]:new_span[1]]
        ranges = changed_ranges(old_text, new_text)
        gone, came = ranges if ranges is not None else ([], [])
        old_q = [_mark(p.old, f"p{n}", "old", i) for i, p in enumerate(pairs)]
        new_q = [_mark(p.new, f"p{n}", "new", i) for i, p in enumerate(pairs)]
        changed = any(p.change.direction != "same" for p in pairs)
        out.append(
            f'<div class="pair{" changed" if changed else ""}" id="p{n}">'
            f'<div class="side" data-doc="old"><a class="where" href="#p{n}">旧 第 {pairs[0].old.line} 行</a>'
            f'{marks.render(result.old.text, *old_span, old_q, _shift(gone, old_span[0], "del"))}</div>'
            f'<div class="side" data-doc="new"><a class="where" href="#p{n}">新 第 {pairs[0].new.line} 行</a>'
            f'{marks.render(result.new.text, *new_span, new_q, _shift(came, new_span[0], "ins"))}</div>'
            + ("" if ranges is not None else '<p class="note">句子太长，未逐字比较。</p>')
            + "</div>")
    out.append("</section>\n")
    return "".join(out)


def _mark(q, block: str, side: str, i: int) -> marks.Mark:
    return (q.start, q.end,
            f'<span class="q this {dimension_class(q.dimension)}" data-quantity="{esc(q.id)}" '
            f'data-pair="{block}-{i}" tabindex="0">', "</span>")


def _shift(ranges, offset: int, tag: str) -> list[marks.Mark]:
    return [(a + offset, b + offset, f'<{tag} class="ch">', f"</{tag}>") for a, b in ranges]
