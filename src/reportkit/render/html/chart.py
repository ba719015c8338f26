"""An inline SVG bar chart of the % change of each changed metric: no library, no fetch."""

from __future__ import annotations

from decimal import Decimal

from .page import esc

MAX_BARS = 40
ROW = 20
LABEL = 260  # px for the metric names
PLOT = 420
CAP = Decimal(100)  # bars longer than ±100 % are drawn to the edge and marked


def bar_chart(rows: list[tuple[str, Decimal, str, str]]) -> str:
    """``rows``: (name, pct, its display text, link anchor), largest changes first."""
    rows = rows[:MAX_BARS]
    if not rows:
        return ""
    limit = min(max(abs(pct) for _, pct, _, _ in rows), CAP) or Decimal(1)
    zero = LABEL + PLOT / 2
    half = PLOT / 2 - 4
    width, height = LABEL + PLOT + 80, ROW * len(rows) + 28
    parts = [f'<svg class="chart" role="img" '
             f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
             f'aria-label="各指标变化百分比">']
    for tick in (-1, -0.5, 0.5, 1):
        x = zero + half * tick
        parts.append(f'<line class="grid" x1="{x:.1f}" y1="14" x2="{x:.1f}" y2="{height - 4}"/>'
                     f'<text x="{x:.1f}" y="10" text-anchor="middle">{esc(_tick(limit * Decimal(str(tick))))}</text>')
    parts.append(f'<line class="axis" x1="{zero}" y1="14" x2="{zero}" y2="{height - 4}"/>')
    for n, (name, pct, shown, anchor) in enumerate(rows):
        y = 18 + n * ROW
        length = float(min(abs(pct), limit) / limit) * half
        clipped = abs(pct) > limit
        x = zero if pct >= 0 else zero - length
        kind = "up" if pct >= 0 else "down"
        label_x = zero + length + 4 if pct >= 0 else zero - length - 4
        anchor_side = "start" if pct >= 0 else "end"
        parts.append(
            f'<a href="#{esc(anchor)}"><title>{esc(name)}：{esc(shown)}</title>'
            f'<text x="{LABEL - 8}" y="{y + 13}" text-anchor="end">{esc(_short(name))}</text>'
            f'<rect class="bar {kind}" x="{x:.1f}" y="{y + 2}" width="{max(length, 1):.1f}" height="{ROW - 6}"/>'
            f'<text x="{label_x:.1f}" y="{y + 13}" text-anchor="{anchor_side}">{esc(shown)}{" »" if clipped else ""}</text></a>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _tick(value: Decimal) -> str:
    return f"{value.quantize(Decimal(1)):+}%" if value else "0"


def _short(name: str, limit: int = 18) -> str:
    return name if len(name) <= limit else name[: limit - 1] + "…"
