"""More than two reports: one row per metric, one column per report, ordered by date.

Reports are ordered by their dates (公开日期, 生成日期, the title's year and half, a corpus
record's ``year``). Metrics align across all the reports at once, not pair by pair: a row
(one metric) grows report by report, each new figure joining the row whose recent members it
fits best, with the same similarity and one-to-one, best-first assignment as ``diff`` and two
rules for precision:

* plans stay with plans, results with results (不少于24场 is not the next value of 20场), and
  per-period figures with per-period ones of the same period (每月3次 does not follow 12次),
* a figure must fit the row's latest member *and* the one before it (a chain of small
  rewordings must not drift from 国内生产总值 to 国内生产总值增长), and
* a row waits at most ``GAP`` reports for its next figure (a metric a report leaves out can
  come back in the next one; one left out for years starts a new row).

Every figure belongs to exactly one row; rows with a single figure are kept (the long table has
one row per figure) but the wide table shows only metrics that recur.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..compiled import compile_re
from ..models import Document, Quantity
from .align import DEFAULT_THRESHOLD, assign, score
from .changes import compute
from .claims import period
from .features import Features, describe, features
from .model import Change
from .targets import basis

SERIES_SCHEMA = "reportkit.series/1"
GAP = 2  # a row may skip one report
_ISO = compile_re(r"^(\d{4})-(\d{2})-(\d{2})")
_TOP_DATE = compile_re(r"((?:19|20)\d{2})年(\d{1,2})月(\d{1,2})日")
_TOP = 200  # where a speech or a notice states its date
_HALF_RANK = {"上半年": 1, "下半年": 2, "全年": 3, None: 3}


@dataclass(frozen=True, slots=True)
class Report:
    doc: Document
    name: str  # the path (or corpus record) the user named
    date: str | None  # ISO date, else the year: what the order rests on
    period: str | None  # 2024, 2024上半年 …


@dataclass(frozen=True, slots=True)
class Series:
    key: str  # stable, unique: label + base unit, #2 … on repeats
    label: str  # what is counted, in the latest report's words
    unit: str  # the base unit the values compare in (元, 人, %)
    cells: tuple[Quantity | None, ...]  # one per report, in report order
    changes: tuple[Change | None, ...]  # between report i and i+1, where both have the metric
    plans: tuple[bool | None, ...] = ()  # per cell: a plan or target (True), a result (False)

    @property
    def count(self) -> int:
        return sum(c is not None for c in self.cells)


@dataclass(frozen=True, slots=True)
class SeriesResult:
    reports: tuple[Report, ...]
    series: tuple[Series, ...]  # every metric, by first appearance
    schema: str = SERIES_SCHEMA

    @property
    def recurring(self) -> tuple[Series, ...]:
        """The metrics of the wide table: found in two reports or more."""
        return tuple(s for s in self.series if s.count >= 2)


def as_year(value) -> int | None:
    """A corpus record's ``year`` field (2024 or "2024"; null for a resolution) as an int."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().isdigit() and len(value.strip()) == 4:
        return int(value)
    return None


def date_key(doc: Document, record_year: int | None = None) -> tuple[str | None, tuple]:
    """(date as shown, sort key) from 公开日期/生成日期, else the year of the title (and its
    half) or of the corpus record, else a date at the top (——2024年3月5日在…会议上), which also
    refines a year. (None, ()) when nothing dates the report: a year merely mentioned in the
    text (一、2024年工作回顾 in the 2025 report) is not its date."""
    for iso in (doc.meta.published, doc.meta.generated):
        m = _ISO.match(iso or "")
        if m:
            return iso, (int(m[1]), int(m[2]), int(m[3]), 0)
    p = period(doc) if doc.meta.title else None
    top = _TOP_DATE.search(doc.text[:_TOP])
    year = (p.year if p else None) or record_year or (int(top[1]) if top else None)
    if year is None:
        return None, ()
    if top and int(top[1]) == year:
        month, day = int(top[2]), int(top[3])
        return f"{year}-{month:02d}-{day:02d}", (year, month, day, 0)
    return str(year), (year, 0, 0, _HALF_RANK.get(p.half if p else None, 3))


def order(docs: Sequence[tuple[Document, str, int | None]]) -> tuple[list[Report], list[str]]:
    """Reports in date order, and the names of those nothing dates (left out, unless no
    report is dated: then the order given stands)."""
    dated, undated = [], []
    for index, (doc, name, record_year) in enumerate(docs):
        shown, key = date_key(doc, record_year)
        half = period(doc).half if doc.meta.title else None
        label = None if shown is None else f"{shown[:4]}{half or ''}"
        (dated if key else undated).append((key, index, Report(doc, name, shown, label)))
    if not dated:
        return [r for _, _, r in undated], []
    dated.sort(key=lambda x: (x[0], x[1]))
    return [r for _, _, r in dated], [r.name for _, _, r in undated]


def align_series(reports: Sequence[Report], *, threshold: float = DEFAULT_THRESHOLD) -> SeriesResult:
    rows: list[list[tuple[int, Features]]] = []
    for k, report in enumerate(reports):
        feats = features(report.doc)
        taken: set[int] = set()
        for group in sorted({_group(f) for f in feats}, key=str):
            open_rows = [r for r in rows if k - r[-1][0] <= GAP and _group(r[-1][1]) == group]
            news = [j for j, f in enumerate(feats) if _group(f) == group]
            for i, j, _ in assign([r[-1][1] for r in open_rows], [feats[j] for j in news], threshold=threshold):
                row, f = open_rows[i], feats[news[j]]
                if len(row) >= 2 and score(row[-2][1], f) < threshold:
                    continue  # fits the latest member only: a drift, not the same metric
                row.append((k, f))
                taken.add(news[j])
        rows.extend([(k, f)] for j, f in enumerate(feats) if j not in taken)
    return SeriesResult(tuple(reports), tuple(_series(reports, rows)))


def _group(f: Features) -> tuple[bool, str | None]:
    """Figures of one series share it: plans stay with plans, results with results, and a
    per-period figure (每月3次) never continues a total (12次)."""
    return f.plan, basis(f.quantity)


def _series(reports: Sequence[Report], rows) -> list[Series]:
    out, seen = [], {}
    for row in sorted(rows, key=lambda r: (r[0][0], r[0][1].quantity.start)):
        cells: list[Quantity | None] = [None] * len(reports)
        plans: list[bool | None] = [None] * len(reports)
        for k, f in row:
            cells[k], plans[k] = f.quantity, f.plan
        changes = tuple(compute(a, b) if a is not None and b is not None else None
                        for a, b in zip(cells, cells[1:]))
        k, latest = row[-1]
        label = describe(reports[k].doc, latest.quantity) or latest.quantity.text
        unit = latest.quantity.base_unit or latest.quantity.unit
        base_key = f"{label}|{unit}"
        seen[base_key] = seen.get(base_key, 0) + 1
        key = base_key if seen[base_key] == 1 else f"{base_key}#{seen[base_key]}"
        out.append(Series(key, label, unit, tuple(cells), changes, tuple(plans)))
    return out


LONG_COLUMNS = ("report", "date", "period", "metric", "label", "text", "value", "unit", "base_value",
                "base_unit", "dimension", "qualifier", "per", "role", "plan", "line", "start", "end")


def long_rows(result: SeriesResult) -> list[dict]:
    """One row per figure of every report (``LONG_COLUMNS``), report by report in document
    order: the table a researcher loads into DuckDB or pandas. Values are exact Decimals."""
    rows = []
    for k, report in enumerate(result.reports):
        cells = [(s.cells[k], s, s.plans[k] if s.plans else None) for s in result.series if s.cells[k] is not None]
        for q, s, plan in sorted(cells, key=lambda c: c[0].start):
            rows.append({
                "report": report.name, "date": report.date, "period": report.period,
                "metric": s.key, "label": s.label, "text": q.text, "value": q.value, "unit": q.unit,
                "base_value": q.base_value if q.base_value is not None else q.value,
                "base_unit": q.base_unit or q.unit, "dimension": q.dimension, "qualifier": q.qualifier,
                "per": q.per, "role": q.role, "plan": plan, "line": q.line, "start": q.start, "end": q.end,
            })
    return rows
