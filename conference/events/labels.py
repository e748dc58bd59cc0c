"""Translated labels for a conference's format and status and for team roles, and the ones every template
gets (registered app-wide by `events.init_app`; each capability adds its own labels the same way)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from conference.accounts.models import Role
from conference.core.forms import MARKDOWN_HINT
from conference.events.models import ConferenceFormat, ConferenceStatus

FORMAT_LABELS = {
    ConferenceFormat.HYBRID: _l("Hybrid (in person and online)"),
    ConferenceFormat.IN_PERSON: _l("In person"),
    ConferenceFormat.ONLINE: _l("Online"),
}

STATUS_LABELS = {
    ConferenceStatus.DRAFT: _l("Draft"),
    ConferenceStatus.PUBLISHED: _l("Published"),
    ConferenceStatus.ARCHIVED: _l("Archived"),
}

TEAM_ROLE_LABELS = {
    Role.ORGANISER: _l("Organiser"),
    Role.STAFF: _l("Staff"),
    Role.SPEAKER: _l("Speaker"),
}


def template_labels() -> dict:
    """What templates show for a conference's stored codes, and the Markdown hint under text fields."""
    return {
        "markdown_hint": MARKDOWN_HINT,
        "conference_status_labels": STATUS_LABELS,
        "team_role_labels": TEAM_ROLE_LABELS,
    }
