"""A chart of registrations over time, drawn on the server as SVG (no JavaScript needed to see it).

Bars give the registrations made each day, a line the running total; the page also offers the same
figures as a table for screen readers and for anyone who prefers numbers.
"""

from __future__ import annotations

from datetime import date

from flask_babel import gettext as _
from markupsafe import Markup, escape

from conference.i18n.formatting import local_date

WIDTH, HEIGHT = 720, 260
LEFT, RIGHT, TOP, BOTTOM = 48, 48, 16, 36  # room for the axes' labels
# Inside the SVG so that the chart looks the same wherever it is shown (page, saved file, print).
STYLE = (
    ".chart-grid{stroke:#d5dbe3;stroke-width:1}"
    ".chart-bar{fill:#1f5f8b}"
    ".chart-line{stroke:#b4541a;stroke-width:2.5}"
    ".chart-axis{fill:#4b5563;font:12px system-ui,sans-serif}"
    ".chart-axis-total{fill:#8a3c0f}"
)


def _nice_ceiling(value: int) -> int:
    """The axis top: the smallest of 1, 2, 5 × 10ⁿ at or above the value."""
    step = 1
    while True:
        for factor in (1, 2, 5):
            if step * factor >= value:
                return step * factor
        step *= 10


def registrations_chart(per_day: list[tuple[date, int]], chart_id: str = "registrations-chart") -> Markup:
    """An accessible SVG: daily registrations as bars (left axis) and the running total as a line (right)."""
    title = _("Registrations per day")
    if not per_day:
        return Markup("")
    total = sum(count for _day, count in per_day)
    first, last = per_day[0][0], per_day[-1][0]
    desc = _(
        "%(total)d registrations from %(first)s to %(last)s; the most in one day was %(peak)d.",
        total=total,
        first=local_date(first, "medium"),
        last=local_date(last, "medium"),
        peak=max(count for _day, count in per_day),
    )
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    day_top = _nice_ceiling(max(1, max(count for _day, count in per_day)))
    total_top = _nice_ceiling(max(1, total))
    slot = plot_w / len(per_day)
    bar_w = max(1.0, slot * 0.7)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" width="100%" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" id="{chart_id}">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(desc)}</desc>',
        f"<style>{STYLE}</style>",
    ]
    # Grid lines and axis labels: daily counts on the left, the running total on the right.
    for fraction in (0, 0.5, 1):
        y = TOP + plot_h * (1 - fraction)
        parts.append(f'<line class="chart-grid" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}"/>')
        parts.append(
            f'<text class="chart-axis" x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end">'
            f"{round(day_top * fraction)}</text>"
        )
        parts.append(
            f'<text class="chart-axis chart-axis-total" x="{WIDTH - RIGHT + 6}" y="{y + 4:.1f}">'
            f"{round(total_top * fraction)}</text>"
        )
    running = 0
    points = []
    for index, (day, count) in enumerate(per_day):
        x = LEFT + slot * index + (slot - bar_w) / 2
        height = plot_h * count / day_top
        parts.append(
            f'<rect class="chart-bar" x="{x:.1f}" y="{TOP + plot_h - height:.1f}" width="{bar_w:.1f}" '
            f'height="{height:.1f}"><title>{escape(local_date(day, "medium"))}: {count}</title></rect>'
        )
        running += count
        points.append(f"{LEFT + slot * (index + 0.5):.1f},{TOP + plot_h * (1 - running / total_top):.1f}")
    parts.append(f'<polyline class="chart-line" fill="none" points="{" ".join(points)}"/>')
    # Dates under the first and last bars (and the middle one on a long chart).
    marks = {0, len(per_day) - 1} | ({len(per_day) // 2} if len(per_day) > 6 else set())
    for index in sorted(marks):
        anchor = "start" if index == 0 else "end" if index == len(per_day) - 1 else "middle"
        x = LEFT + slot * (index + 0.5) if anchor == "middle" else LEFT if index == 0 else WIDTH - RIGHT
        parts.append(
            f'<text class="chart-axis" x="{x:.1f}" y="{HEIGHT - 12}" text-anchor="{anchor}">'
            f"{escape(local_date(per_day[index][0], 'medium'))}</text>"
        )
    parts.append("</svg>")
    return Markup("".join(parts))
