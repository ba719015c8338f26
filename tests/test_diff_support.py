"""Builders for diff unit tests: Documents made straight from the dataclasses, so the
alignment, change, target and claim logic is tested without the parsing pipeline."""

from __future__ import annotations

import re
from decimal import Decimal

from reportkit.models import Clause, Document, Heading, Meta, Paragraph, Quantity, Sentence

_UNITS = {  # unit → (dimension, base unit, factor)
    "件": ("count", "件", 1), "户": ("count", "户", 1), "人": ("count", "人", 1),
    "家": ("count", "家", 1), "个": ("count", "个", 1), "处": ("count", "处", 1),
    "起": ("count", "起", 1), "人次": ("count", "人次", 1), "万人": ("count", "人", 10**4),
    "万人次": ("count", "人次", 10**4), "元": ("money", "元", 1), "万元": ("money", "元", 10**4),
    "亿元": ("money", "元", 10**8), "万亿元": ("money", "元", 10**12),
    "万亿斤": ("mass", "斤", 10**12), "%": ("percent", "%", 1),
    "个百分点": ("percentage-point", "个百分点", 1),
}
_QTY = re.compile(r"^(不少于|近|超过|约)?([\d.]+)(余|多)?(个百分点|万人次|万亿元|万亿斤|[^\d\s]*?)(左右|以上)?$")
_SPLIT_SENTENCE = re.compile(r"[。；;！？]")
_SPLIT_CLAUSE = re.compile(r"[，,、：:]")


def q(text: str, label: str | None = None, verb: str | None = None, *, after: str = "",
      per: str | None = None, target: bool = False) -> dict:
    return {"text": text, "label": label, "verb": verb, "after": after, "per": per, "target": target}


def make_doc(sections: list[tuple[str, str]], specs: list[dict], *, title: str = "报告") -> Document:
    """``sections``: (heading title, body); ``specs``: from ``q``, located in order of text."""
    text, headings, sentences, clauses, paragraphs = title + "\n", [], [], [], []
    for n, (head, body) in enumerate(sections, 1):
        hid = f"h{n}"
        marker = f"{n}、"
        hstart = len(text)
        text += marker + head + "\n"
        headings.append(Heading(hid, 1, marker, "cn-comma", n, head, None, hstart, hstart + len(marker + head),
                                n, 1, hstart + len(marker), hstart + len(marker + head), None))
        bstart = len(text)
        text += body + "\n"
        paragraphs.append(Paragraph(f"p{n}", hid, bstart, bstart + len(body), n))
        pos = bstart
        for part in _pieces(body, _SPLIT_SENTENCE):
            s_start = bstart + part[0]
            sid = f"s{len(sentences) + 1}"
            sentences.append(Sentence(sid, hid, f"p{n}", "body", body[part[0]:part[1]], s_start,
                                      bstart + part[1], n, 1))
            sub = body[part[0]:part[1]]
            for index, (cs, ce) in enumerate(_pieces(sub, _SPLIT_CLAUSE)):
                clauses.append(Clause(f"c{len(clauses) + 1}", sid, index, sub[cs:ce], s_start + cs,
                                      s_start + ce, n, 1))
        del pos
    quantities = [_quantity(text, spec, i, sentences, clauses, headings) for i, spec in enumerate(specs, 1)]
    quantities.sort(key=lambda x: x.start)
    return Document(text=text, meta=Meta(title=title), furniture=(), headings=tuple(headings),
                    paragraphs=tuple(paragraphs), list_items=(), sentences=tuple(sentences),
                    clauses=tuple(clauses), quantities=tuple(quantities))


def _pieces(text: str, pattern: re.Pattern) -> list[tuple[int, int]]:
    out, start = [], 0
    for m in pattern.finditer(text):
        if m.start() > start:
            out.append((start, m.start()))
        start = m.end()
    if start < len(text):
        out.append((start, len(text)))
    return out


def _quantity(text, spec, n, sentences, clauses, headings) -> Quantity:
    anchor = text.index(spec["after"]) if spec["after"] else 0
    start = text.index(spec["text"], anchor)
    end = start + len(spec["text"])
    m = _QTY.match(spec["text"])
    assert m, spec["text"]
    pre, number, suffix, unit, post = m.groups()
    value = Decimal(number)
    dimension, base_unit, f = _UNITS[unit]
    lower = upper = value
    lower_inc = upper_inc = True
    qualifier = pre or suffix or post
    if qualifier in ("余", "多"):
        magnitude = Decimal(10) ** max(len(number.split(".")[0]) - 2, 0)
        upper, upper_inc = value + magnitude, False
    elif qualifier in ("不少于", "以上"):
        upper = None
    elif qualifier == "超过":
        upper, lower_inc = None, False
    elif qualifier == "近":
        lower = None
    elif qualifier in ("左右", "约"):
        lower, upper = value * Decimal("0.95"), value * Decimal("1.05")
    sentence = next(s for s in sentences if s.start <= start < s.end)
    clause = next(c for c in clauses if c.start <= start < c.end)
    heading = sentence.heading
    return Quantity(
        id=f"q{n}", text=spec["text"], start=start, end=end, line=1, col=1, value=value, unit=unit,
        dimension=dimension, base_value=value * f, base_unit=base_unit, lower=lower, upper=upper,
        lower_inclusive=lower_inc, upper_inclusive=upper_inc, qualifier=qualifier,
        label=spec["label"], verb=spec["verb"], sentence=sentence.id, clause=clause.id,
        heading=heading, heading_path=(heading,), target=spec["target"], per=spec["per"],
    )
