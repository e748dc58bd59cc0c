"""Arrivals over a day as an SVG drawn on the server: the core chart, with arrivals per 15-minute slot.

Bars give the arrivals in each slot (left scale), a line the running total (right scale), as the
registrations chart does; the page offers the same figures as a table.
"""

from __future__ import annotations

from datetime import datetime

from flask_babel import gettext as _
from markupsafe import Markup

from conference.core.charts import AxisLabel, Bar, ChartStyle, bars_and_total
from conference.i18n.formatting import local_time

# Arrivals accumulate over each slot: the total is drawn at the slot's end, from zero at the first.
ARRIVALS_STYLE = ChartStyle(bar_width=0.8, total_at_end=True, whole_ticks=True)


def arrivals_chart(slots: list[tuple[datetime, int]], tz, chart_id: str = "arrivals-chart") -> Markup:
    """An accessible SVG of arrivals per slot and their running total; empty when nobody arrived."""
    if not slots:
        return Markup("")
    peak_slot, peak = max(slots, key=lambda item: item[1])
    desc = _(
        "%(total)d arrivals from %(first)s to %(last)s; "
        "the busiest quarter-hour, from %(peak_time)s, had %(peak)d.",
        total=sum(count for _slot, count in slots),
        first=local_time(slots[0][0], tz),
        last=local_time(slots[-1][0], tz),
        peak_time=local_time(peak_slot, tz),
        peak=peak,
    )
    # Whole hours under the axis (every second or third on a long day).
    hours = [index for index, (start, _count) in enumerate(slots) if start.minute == 0]
    step = max(1, len(hours) // 8)
    return bars_and_total(
        [Bar(count, local_time(start, tz)) for start, count in slots],
        chart_id=chart_id,
        title=_("Arrivals at the main entrance"),
        desc=desc,
        labels=[AxisLabel(index, local_time(slots[index][0], tz)) for index in hours[::step]],
        style=ARRIVALS_STYLE,
    )
