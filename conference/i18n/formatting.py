"""Dates and times shown in a conference's (or viewer's) time zone, formatted for the current locale."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from babel import Locale
from babel.dates import format_date, format_datetime, format_interval, format_time, get_timezone_location
from flask_babel import get_locale
from flask_babel import gettext as _


def _locale() -> Locale:
    return get_locale() or Locale("en")


def local_datetime(value: datetime, tz: ZoneInfo, fmt: str = "medium") -> str:
    return format_datetime(value, fmt, tzinfo=tz, locale=_locale())


def local_moment(value: datetime, tz: ZoneInfo) -> str:
    """A deadline or appointment in a zone, naming the zone: the reader may be somewhere else."""
    locale = _locale()
    return _(
        "%(date)s, %(time)s (%(zone)s)",
        date=format_date(value.astimezone(tz).date(), "long", locale=locale),
        time=format_time(value, "short", tzinfo=tz, locale=locale),
        zone=get_timezone_location(tz, locale=locale),
    )


def local_time(value: datetime, tz: ZoneInfo) -> str:
    return format_time(value, "short", tzinfo=tz, locale=_locale())


def local_date(value: date | datetime, fmt: str = "full", tz: ZoneInfo | None = None) -> str:
    if isinstance(value, datetime):
        value = value.astimezone(tz or UTC).date()
    return format_date(value, fmt, locale=_locale())


def date_range(start: date, end: date) -> str:
    if start == end:
        return format_date(start, "long", locale=_locale())
    return format_interval(start, end, "yMMMd", locale=_locale())


def time_range(start: datetime, end: datetime, tz: ZoneInfo) -> str:
    return f"{local_time(start, tz)} – {local_time(end, tz)}"


def utc_offset_label(tz: ZoneInfo, on: date) -> str:
    """'UTC+09:00' for the zone as it stands on a given day (so DST is right)."""
    offset = datetime.combine(on, time(12), tz).utcoffset()
    minutes = int(offset.total_seconds() // 60) if offset else 0
    sign = "+" if minutes >= 0 else "-"
    hours, mins = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours:02d}:{mins:02d}"


def country_name(code: str | None) -> str:
    if not code:
        return ""
    return _locale().territories.get(code.upper(), code)


def language_name(code: str) -> str:
    return _locale().languages.get(code, code)


def register_filters(app) -> None:
    app.add_template_filter(local_datetime)
    app.add_template_filter(local_moment)
    app.add_template_filter(local_time)
    app.add_template_filter(local_date)
    app.add_template_filter(country_name)
    app.add_template_filter(language_name)
    app.add_template_global(date_range)
    app.add_template_global(time_range)
    app.add_template_global(utc_offset_label)
