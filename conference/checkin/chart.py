"""Arrivals over a day as an SVG drawn on the server (no JavaScript needed to see it).

Bars give the arrivals in each 15-minute slot (left scale), a line the running total (right scale), as
the registrations chart does; the page offers the same figures as a table.
"""

from __future__ import annotations

from datetime import datetime

from flask_babel import gettext as _
from markupsafe import Markup, escape

from conference.i18n.formatting import local_time
from conference.registration.chart import BOTTOM, HEIGHT, LEFT, RIGHT, STYLE, TOP, WIDTH, _nice_ceiling


def arrivals_chart(slots: list[tuple[datetime, int]], tz, chart_id: str = "arrivals-chart") -> Markup:
    """An accessible SVG of arrivals per slot and their running total; empty when nobody arrived."""
    if not slots:
        return Markup("")
    total = sum(count for _slot, count in slots)
    peak_slot, peak = max(slots, key=lambda item: item[1])
    desc = _(
        "%(total)d arrivals from %(first)s to %(last)s; "
        "the busiest quarter-hour, from %(peak_time)s, had %(peak)d.",
        total=total,
        first=local_time(slots[0][0], tz),
        last=local_time(slots[-1][0], tz),
        peak_time=local_time(peak_slot, tz),
        peak=peak,
    )
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot_top = _nice_ceiling(max(1, peak))
    total_top = _nice_ceiling(max(1, total))
    slot_w = plot_w / len(slots)
    bar_w = max(1.0, slot_w * 0.8)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" width="100%" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" id="{chart_id}">',
        f'<title id="{chart_id}-title">{escape(_("Arrivals at the main entrance"))}</title>',
        f'<desc id="{chart_id}-desc">{escape(desc)}</desc>',
        f"<style>{STYLE}</style>",
    ]
    for fraction in (0, 0.5, 1):
        y = TOP + plot_h * (1 - fraction)
        parts.append(f'<line class="chart-grid" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}"/>')
        if float(slot_top * fraction).is_integer():  # no "0.5" (or a second "0") on a scale of 1
            parts.append(
                f'<text class="chart-axis" x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end">'
                f"{int(slot_top * fraction)}</text>"
            )
        if float(total_top * fraction).is_integer():
            parts.append(
                f'<text class="chart-axis chart-axis-total" x="{WIDTH - RIGHT + 6}" y="{y + 4:.1f}">'
                f"{int(total_top * fraction)}</text>"
            )
    running, points = 0, []
    for index, (start, count) in enumerate(slots):
        x = LEFT + slot_w * index + (slot_w - bar_w) / 2
        height = plot_h * count / slot_top
        parts.append(
            f'<rect class="chart-bar" x="{x:.1f}" y="{TOP + plot_h - height:.1f}" width="{bar_w:.1f}" '
            f'height="{height:.1f}"><title>{escape(local_time(start, tz))}: {count}</title></rect>'
        )
        running += count
        points.append(f"{LEFT + slot_w * (index + 1):.1f},{TOP + plot_h * (1 - running / total_top):.1f}")
    start_y = TOP + plot_h
    parts.append(
        f'<polyline class="chart-line" fill="none" points="{LEFT},{start_y:.1f} {" ".join(points)}"/>'
    )
    # Whole hours under the axis (every second or third on a long day).
    hours = [index for index, (start, _count) in enumerate(slots) if start.minute == 0]
    step = max(1, len(hours) // 8)
    for index in hours[::step]:
        parts.append(
            f'<text class="chart-axis" x="{LEFT + slot_w * index:.1f}" y="{HEIGHT - 12}" '
            f'text-anchor="middle">'
            f"{escape(local_time(slots[index][0], tz))}</text>"
        )
    parts.append("</svg>")
    return Markup("".join(parts))
