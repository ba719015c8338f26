"""What a diff produces: frozen records that the renderers and the JSON dump read.

Quantities and headings are the Document's own records (not copies), so a JSON dump of a
pair shows exactly what ``parse --format json`` shows for the same quantity.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from ..models import Document, Heading, Quantity

DIFF_SCHEMA = "reportkit.diff/1"


@dataclass(frozen=True, slots=True)
class Change:
    """new − old, in base units (percent-dimension values: in percentage points)."""

    delta: Decimal
    unit: str  # the unit ``delta``/``low``/``high`` are in: a base unit or 个百分点
    low: Decimal | None  # the smallest change the bounds allow (None: unbounded)
    high: Decimal | None  # the largest
    pct: Decimal | None  # relative change in %; None for rates (use points) or a zero base
    direction: str  # up | down | same
    certain: bool  # the bounds cannot reverse (or cancel) the direction
    note: str  # how a reader says it: "+200件", "at most +200件", "+0.2个百分点"


@dataclass(frozen=True, slots=True)
class Pair:
    old: Quantity
    new: Quantity
    score: float  # alignment similarity, 0..1
    change: Change


@dataclass(frozen=True, slots=True)
class TargetCheck:
    target: Quantity  # from OLD's plan part
    actual: Quantity | None  # NEW's achievement, None when NEW does not report it
    status: str  # met | missed | unreported
    kind: str  # floor (reach at least) | ceiling (stay at most)
    bound: Decimal | None  # the number the actual is held to, in base units
    certain: bool  # True when the actual's own bounds cannot change the verdict
    score: float | None


@dataclass(frozen=True, slots=True)
class ClaimCheck:
    claim: Quantity  # NEW's stated growth, difference, points or share
    level: Quantity  # NEW's quantity the claim is about (2100件 in 2100件，较上半年增长12.5%)
    base: Quantity  # OLD's quantity the claim is computed from
    kind: str  # growth | difference | points | share
    stated: Decimal  # signed, in the claim's unit (下降3个百分点 → -3)
    implied: Decimal  # what OLD and NEW's numbers give, same unit, rounded for display
    low: Decimal  # the implied range once the written rounding of both numbers is allowed for
    high: Decimal
    tolerance: Decimal  # half a unit of the stated number's last written digit
    status: str  # consistent | inconsistent
    base_source: str = "aligned"  # aligned: OLD's own figure; quoted: last year's figure OLD quotes


@dataclass(frozen=True, slots=True)
class SectionChange:
    status: str  # kept | renamed | removed | added
    old: Heading | None
    new: Heading | None
    score: float


@dataclass(frozen=True, slots=True)
class DiffResult:
    old: Document = field(repr=False)
    new: Document = field(repr=False)
    changed: tuple[Pair, ...]
    unchanged: tuple[Pair, ...]
    removed: tuple[Quantity, ...]
    added: tuple[Quantity, ...]
    targets: tuple[TargetCheck, ...]
    claims: tuple[ClaimCheck, ...]
    sections: tuple[SectionChange, ...]
    hidden: int = 0  # changed pairs dropped by --threshold
    schema: str = DIFF_SCHEMA

    @property
    def pairs(self) -> tuple[Pair, ...]:
        return tuple(sorted(self.changed + self.unchanged, key=lambda p: p.old.start))

    def summary(self) -> dict[str, int]:
        count = lambda items, status: sum(1 for x in items if x.status == status)  # noqa: E731
        return {
            "changed": len(self.changed),
            "unchanged": len(self.unchanged),
            "removed": len(self.removed),
            "added": len(self.added),
            "hidden": self.hidden,
            "targets_met": count(self.targets, "met"),
            "targets_missed": count(self.targets, "missed"),
            "targets_unreported": count(self.targets, "unreported"),
            "claims_consistent": count(self.claims, "consistent"),
            "claims_inconsistent": count(self.claims, "inconsistent"),
            "sections_added": count(self.sections, "added"),
            "sections_removed": count(self.sections, "removed"),
            "sections_renamed": count(self.sections, "renamed"),
        }


@dataclass(frozen=True, slots=True)
class ChangeFilter:
    """``--threshold PCT``: hide changes smaller than PCT percent (rates: PCT points)."""

    min_pct: float | None = None

    def keeps(self, pair: Pair) -> bool:
        if not self.min_pct:
            return True
        size = pair.change.pct if pair.change.pct is not None else pair.change.delta
        return abs(size) >= Decimal(str(self.min_pct))
