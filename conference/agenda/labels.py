"""Translated labels for the agenda's enums and days, shared by public pages and organiser forms."""

from __future__ import annotations

from datetime import date

from babel.dates import format_skeleton
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l

from conference.agenda.models import PersonRole, SessionStatus, SessionType

SESSION_TYPE_LABELS = {
    SessionType.OPENING: _l("Opening"),
    SessionType.CEREMONY: _l("Ceremony"),
    SessionType.WELCOME: _l("Welcome address"),
    SessionType.KEYNOTE: _l("Keynote"),
    SessionType.PLENARY: _l("Plenary"),
    SessionType.PANEL: _l("Panel"),
    SessionType.WORKSHOP: _l("Workshop"),
    SessionType.PRESENTATION: _l("Presentation"),
    SessionType.GENERAL_ASSEMBLY: _l("General assembly"),
    SessionType.BREAK: _l("Break"),
    SessionType.NETWORKING: _l("Networking"),
    SessionType.CLOSING: _l("Closing"),
    SessionType.OTHER: _l("Other"),
}

ROLE_LABELS = {
    PersonRole.CHAIR: _l("Chair"),
    PersonRole.MODERATOR: _l("Moderator"),
    PersonRole.SPEAKER: _l("Speaker"),
    PersonRole.PANELIST: _l("Panelist"),
}

# Plural headings for grouping people on a session page.
ROLE_GROUP_LABELS = {
    PersonRole.CHAIR: _l("Chairs"),
    PersonRole.MODERATOR: _l("Moderators"),
    PersonRole.SPEAKER: _l("Speakers"),
    PersonRole.PANELIST: _l("Panelists"),
}

STATUS_LABELS = {
    SessionStatus.DRAFT: _l("Draft"),
    SessionStatus.PUBLISHED: _l("Published"),
    SessionStatus.CANCELLED: _l("Cancelled"),
}


def short_day(value: date) -> str:
    """'Thu, Dec 10' / '12월 10일 (목)': a day tab's label in the visitor's language (template filter)."""
    return format_skeleton("MMMEd", value, locale=get_locale() or "en")


def template_labels() -> dict:
    """What organiser templates show for a session's stored type and status (a context processor)."""
    return {"session_status_labels": STATUS_LABELS, "session_type_labels": SESSION_TYPE_LABELS}
