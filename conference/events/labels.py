"""Translated labels for a conference's format and status."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

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
