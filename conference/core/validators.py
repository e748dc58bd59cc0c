"""Form validators shared by several capabilities."""

from __future__ import annotations

import re
from zoneinfo import ZoneInfo, available_timezones

from babel import Locale
from flask_babel import lazy_gettext as _l
from wtforms import ValidationError

HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def country_choices(locale: str = "en") -> list[tuple[str, str]]:
    """ISO 3166-1 alpha-2 countries with names in the given locale, sorted by name."""
    names = Locale.parse(locale).territories
    codes = [c for c in names if len(c) == 2 and c.isalpha() and c not in ("EU", "EZ", "UN", "QO", "ZZ")]
    return sorted(((c, names[c]) for c in codes), key=lambda pair: pair[1])


def valid_timezone(_form, field) -> None:
    if field.data not in available_timezones():
        raise ValidationError(_l("Choose a time zone from the list (for example Asia/Seoul)."))


def valid_colour(_form, field) -> None:
    if field.data and not HEX_COLOUR.match(field.data):
        raise ValidationError(_l("Give a colour as #RRGGBB, for example #1f5f8b."))


def valid_slug(_form, field) -> None:
    if not SLUG.match(field.data or ""):
        raise ValidationError(_l("Use lower-case letters, digits and single hyphens only."))


def timezone_choices() -> list[tuple[str, str]]:
    return [(name, name) for name in sorted(available_timezones()) if "/" in name or name == "UTC"]


def zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)
