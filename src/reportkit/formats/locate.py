"""Where an offset of the extracted text is in the Word or PDF file it came from."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, replace

from ..models import SourceBlock

_FIELDS = ("paragraph", "table", "row", "cell", "page", "line")


def block_at(sources: tuple[SourceBlock, ...], offset: int) -> SourceBlock | None:
    """The source block holding ``offset`` (blocks are in text order and do not overlap)."""
    if not sources:
        return None
    i = bisect.bisect_right([b.start for b in sources], offset) - 1
    while i >= 0:
        block = sources[i]
        if block.start <= offset < block.end or block.start == offset == block.end:
            return block
        if block.end <= offset:
            return None
        i -= 1
    return None


def location(block: SourceBlock | None) -> dict:
    """The block's location fields that are set, e.g. ``{"paragraph": 12, "table": 1, …}``."""
    if block is None:
        return {}
    return {name: getattr(block, name) for name in _FIELDS if getattr(block, name) is not None}


def describe(place: dict) -> str:
    """第12段, 表1第2行第3列（第12段）, 第3页第7行 — for people reading the findings."""
    if not place:
        return ""
    if "page" in place:
        return f"第{place['page']}页" + (f"第{place['line']}行" if "line" in place else "")
    text = f"第{place['paragraph']}段" if "paragraph" in place else ""
    if "table" in place:
        cell = f"表{place['table']}第{place.get('row', '?')}行第{place.get('cell', '?')}列"
        return f"{cell}（{text}）" if text else cell
    return text


@dataclass(frozen=True)
class Located:
    """Wraps a per-document check job: each finding of a Word or PDF file gets
    ``extra["location"]`` (its paragraph, table cell or page). Picklable, for the workers."""

    job: object

    def __call__(self, doc):
        findings, text = self.job(doc)
        if doc.sources:
            findings = [with_location(f, doc.sources) for f in findings]
        return findings, text


def with_location(finding, sources):
    place = location(block_at(sources, finding.start))
    if not place:
        return finding
    return replace(finding, extra={**finding.extra, "location": place})
