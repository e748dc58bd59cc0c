"""What the personal agenda e-mails: the changes to one's bookmarked sessions after a publish, and a seat
that became free for the first on the waitlist."""

from __future__ import annotations

from dataclasses import dataclass, field

from flask import Flask, current_app, render_template
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import select

from conference import jobs
from conference.accounts.models import User
from conference.agenda.models import AgendaVersion
from conference.agenda.published import PublishedSession
from conference.agenda.publishing import ChangeKind, describe
from conference.core.urls import absolute_url
from conference.events.models import Conference
from conference.extensions import db
from conference.i18n.formatting import local_date, time_range
from conference.mail.services import send_mail
from conference.personal.models import Bookmark
from conference.registration.models import ENDED_STATUSES, Registration

# What a bookmarker is told about: their session was not just added or lightly edited.
NOTIFIED_KINDS = frozenset(ChangeKind) - {ChangeKind.ADDED, ChangeKind.UPDATED}


# Changes to bookmarked sessions


def on_agenda_published(app: Flask, *, version: AgendaVersion) -> None:
    """Connected to `agenda_published` for each app: queue the mail when a bookmarked session changed."""
    if version.number > 1 and any(NOTIFIED_KINDS.intersection(c["kinds"]) for c in version.changes):
        jobs.enqueue(notify_bookmarkers, version.id)


@dataclass
class Recipient:
    email: str
    language: str
    name: str = ""
    session_ids: set[int] = field(default_factory=set)


def _language(*codes: str | None) -> str:
    languages = current_app.config["LANGUAGES"]
    return next((code for code in codes if code in languages), "en")


def bookmark_recipients(conference: Conference, session_ids: set[int]) -> list[Recipient]:
    """Everyone who bookmarked one of `session_ids`, one entry per e-mail address (two queries)."""
    if not session_ids:
        return []
    by_email: dict[str, Recipient] = {}

    def add(email: str, language: str, name: str, session_id: int) -> None:
        key = email.strip().lower()
        recipient = by_email.setdefault(key, Recipient(email=email.strip(), language=language, name=name))
        recipient.session_ids.add(session_id)

    user_rows = db.session.execute(
        select(Bookmark.session_id, User.email, User.locale, User.display_name)
        .join(User, User.id == Bookmark.user_id)
        .where(Bookmark.session_id.in_(session_ids))
    )
    for session_id, email, locale, name in user_rows:
        add(email, _language(locale, conference.default_language), name, session_id)
    registration_rows = db.session.execute(
        select(Bookmark.session_id, Registration.email, Registration.language, Registration.given_name)
        .join(Registration, Registration.id == Bookmark.registration_id)
        .where(
            Bookmark.session_id.in_(session_ids),
            Registration.conference_id == conference.id,
            Registration.status.not_in(list(ENDED_STATUSES)),
        )
    )
    for session_id, email, language, name in registration_rows:
        add(email, _language(language, conference.default_language), name or "", session_id)
    return sorted(by_email.values(), key=lambda r: r.email.lower())


def notify_bookmarkers(version_id: int) -> int:
    """Send each bookmarker of a changed session one e-mail listing their changes; returns how many."""
    version = db.session.get(AgendaVersion, version_id)
    if version is None:
        return 0
    conference = db.session.get(Conference, version.conference_id)
    changes = {c["session_id"]: c for c in version.changes if NOTIFIED_KINDS.intersection(c["kinds"])}
    sent = 0
    for recipient in bookmark_recipients(conference, set(changes)):
        mine = [changes[session_id] for session_id in sorted(recipient.session_ids, key=_order(changes))]
        _send_changes(conference, version, recipient, mine)
        sent += 1
    return sent


def _order(changes: dict[int, dict]):
    def key(session_id: int) -> str:
        change = changes[session_id]
        return (change.get("after") or change.get("before") or {}).get("starts_at", "")

    return key


def _send_changes(
    conference: Conference, version: AgendaVersion, recipient: Recipient, changes: list
) -> None:
    with force_locale(recipient.language):
        items = [
            {
                "title": (c.get("after") or c.get("before") or {}).get("title", c["title"]),
                "lines": describe(c, conference.tz),
                # A removed session has no page any more: point at the agenda instead.
                "url": absolute_url("agenda.agenda", slug=conference.slug)
                if c["after"] is None
                else absolute_url("agenda.session", slug=conference.slug, session_id=c["session_id"]),
            }
            for c in changes
        ]
        values = dict(
            conference=conference,
            version=version,
            recipient=recipient,
            items=items,
            changes_url=absolute_url("agenda.changes", slug=conference.slug),
        )
        subject = _("Changes to your sessions at %(conference)s", conference=conference.short_name)
        text = render_template("personal/email/changes.txt", **values)
        html = render_template("personal/email/changes.html", **values)
    send_mail(recipient.email, subject, text, html, language=recipient.language)


# A seat became free


def send_seat_freed(conference: Conference, session: PublishedSession, registration: Registration) -> None:
    """Tell the first on the waitlist that a seat became free and is now theirs."""
    with force_locale(registration.language or "en"):
        when = local_date(session.starts_at, "full", conference.tz)
        times = time_range(session.starts_at, session.ends_at, conference.tz)
        url = absolute_url("agenda.session", slug=conference.slug, session_id=session.id)
        subject = _("You have a seat in “%(title)s”", title=session.title)
        lines = [
            _("Dear %(name)s,", name=registration.display_name or registration.email),
            "",
            _(
                "A seat has become free in “%(title)s” and it is now yours: you were first on the waitlist.",
                title=session.title,
            ),
            "",
            f"{when}, {times} ({conference.timezone})",
        ]
        if session.room_name:
            lines.append(session.room_name)
        lines += [
            "",
            _("If you can no longer come, please cancel your seat so that someone else can have it:"),
            url,
            "",
            conference.title,
        ]
        body = "\n".join(lines) + "\n"
    send_mail(registration.email, subject, body, language=registration.language or "en")
