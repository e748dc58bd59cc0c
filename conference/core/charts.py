"""One chart drawn on the server as SVG (no JavaScript needed to see it): counts as bars, their running total.

Bars give a count per period (left scale), a line the running total (right scale): registrations per day
on the registrations dashboard, arrivals per quarter-hour on the check-in dashboard. The caller gives the
bars, the words (title, description, dates or times) and the labels under the axis; the pages offer the same
figures as a table for screen readers and for anyone who prefers numbers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

WIDTH, HEIGHT = 720, 260
LEFT, RIGHT, TOP, BOTTOM = 48, 48, 16, 36  # room for the axes' labels
PLOT_WIDTH, PLOT_HEIGHT = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
# Inside the SVG so that the chart looks the same wherever it is shown (page, saved file, print).
STYLE = (
    ".chart-grid{stroke:#d5dbe3;stroke-width:1}"
    ".chart-bar{fill:#1f5f8b}"
    ".chart-line{stroke:#b4541a;stroke-width:2.5}"
    ".chart-axis{fill:#4b5563;font:12px system-ui,sans-serif}"
    ".chart-axis-total{fill:#8a3c0f}"
)


@dataclass(frozen=True)
class Bar:
    count: int
    label: str  # what the bar's tooltip names: its day, its time


@dataclass(frozen=True)
class AxisLabel:
    """A date or time under the axis; `at` counts bars from the left edge (0.5: the first bar's middle)."""

    at: float
    text: str
    anchor: str = "middle"  # SVG text-anchor: start, middle or end


@dataclass(frozen=True)
class ChartStyle:
    """How one chart differs from the other.

    `bar_width`: the share of its slot a bar fills. `total_at_end`: the running total is drawn at the end of
    each bar's span, rising from zero at the left edge (arrivals over a day), not at each bar's middle.
    `whole_ticks`: a scale's middle label is left out when it is not a whole number, rather than rounded.
    """

    bar_width: float = 0.7
    total_at_end: bool = False
    whole_ticks: bool = False


def nice_ceiling(value: int) -> int:
    """The axis top: the smallest of 1, 2, 5 × 10ⁿ at or above the value."""
    step = 1
    while True:
        for factor in (1, 2, 5):
            if step * factor >= value:
                return step * factor
        step *= 10


def bars_and_total(
    bars: Sequence[Bar],
    *,
    chart_id: str,
    title: str,
    desc: str,
    labels: Sequence[AxisLabel],
    style: ChartStyle = ChartStyle(),
) -> Markup:
    """An accessible SVG: the bars (left scale) and their running total as a line (right scale); empty
    when there are no bars."""
    if not bars:
        return Markup("")
    total = sum(bar.count for bar in bars)
    bar_top = nice_ceiling(max(1, max(bar.count for bar in bars)))
    total_top = nice_ceiling(max(1, total))
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" width="100%" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" id="{chart_id}">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(desc)}</desc>',
        f"<style>{STYLE}</style>",
        *_scales(bar_top, total_top, style.whole_ticks),
        *_bars_and_line(bars, bar_top, total_top, style),
        *_axis_labels(labels, PLOT_WIDTH / len(bars)),
        "</svg>",
    ]
    return Markup("".join(parts))


def _tick(top: int, fraction: float, whole_only: bool) -> str | None:
    value = top * fraction
    if whole_only and not float(value).is_integer():  # no "0.5" (or a second "0") on a scale of 1
        return None
    return str(round(value))


def _scales(bar_top: int, total_top: int, whole_ticks: bool) -> list[str]:
    """Grid lines with the bars' scale on the left and the running total's on the right."""
    parts = []
    for fraction in (0, 0.5, 1):
        y = TOP + PLOT_HEIGHT * (1 - fraction)
        parts.append(f'<line class="chart-grid" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}"/>')
        if (tick := _tick(bar_top, fraction, whole_ticks)) is not None:
            parts.append(
                f'<text class="chart-axis" x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end">{tick}</text>'
            )
        if (tick := _tick(total_top, fraction, whole_ticks)) is not None:
            right = WIDTH - RIGHT + 6
            parts.append(
                f'<text class="chart-axis chart-axis-total" x="{right}" y="{y + 4:.1f}">{tick}</text>'
            )
    return parts


def _bars_and_line(bars: Sequence[Bar], bar_top: int, total_top: int, style: ChartStyle) -> list[str]:
    slot = PLOT_WIDTH / len(bars)
    bar_w = max(1.0, slot * style.bar_width)
    line_at = 1 if style.total_at_end else 0.5
    parts, points, running = [], [], 0
    if style.total_at_end:
        points.append(f"{LEFT},{TOP + PLOT_HEIGHT:.1f}")
    for index, bar in enumerate(bars):
        x = LEFT + slot * index + (slot - bar_w) / 2
        height = PLOT_HEIGHT * bar.count / bar_top
        parts.append(
            f'<rect class="chart-bar" x="{x:.1f}" y="{TOP + PLOT_HEIGHT - height:.1f}" width="{bar_w:.1f}" '
            f'height="{height:.1f}"><title>{escape(bar.label)}: {bar.count}</title></rect>'
        )
        running += bar.count
        points.append(
            f"{LEFT + slot * (index + line_at):.1f},{TOP + PLOT_HEIGHT * (1 - running / total_top):.1f}"
        )
    parts.append(f'<polyline class="chart-line" fill="none" points="{" ".join(points)}"/>')
    return parts


def _axis_labels(labels: Sequence[AxisLabel], slot: float) -> list[str]:
    return [
        f'<text class="chart-axis" x="{LEFT + slot * label.at:.1f}" y="{HEIGHT - 12}" '
        f'text-anchor="{label.anchor}">{escape(label.text)}</text>'
        for label in labels
    ]
