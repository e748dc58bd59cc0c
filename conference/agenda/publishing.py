"""Publishing the programme: a numbered `AgendaVersion` with its changelog.

The working programme (Session rows) changes as organisers edit it; the public sees the latest version.
Publishing compares the working programme with that version, refuses while conflicts remain, stores the
new snapshot with what changed, and then sends `agenda_published` (the personal agenda mails the
delegates who bookmarked a changed session).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime

from blinker import Namespace
from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import load_only

from conference.agenda.conflicts import Conflict, find_conflicts
from conference.agenda.models import AgendaVersion
from conference.agenda.published import DERIVED_KEYS, build_snapshot, latest_version
from conference.core.changes import note as audit_note
from conference.events.models import Conference
from conference.extensions import db
from conference.i18n.formatting import local_date, time_range

# Sent after a version is committed by `publish`, with the app as sender and `version=` the new one.
# Receivers connect with `sender=app` in their init_app: one connection per app, gone with the app.
agenda_published = Namespace().signal("agenda-published")


class ChangeKind(enum.StrEnum):
    ADDED = "added"
    REMOVED = "removed"
    MOVED = "moved"
    ROOM_CHANGED = "room_changed"
    CANCELLED = "cancelled"
    REINSTATED = "reinstated"
    SPEAKERS_CHANGED = "speakers_changed"
    RETITLED = "retitled"
    # Anything else a visitor sees (abstract, track, languages, materials…): public, but not worth a mail.
    UPDATED = "updated"


# The parts of a session a change entry keeps, to say "was … now …".
SUMMARY_FIELDS = ("title", "starts_at", "ends_at", "room_name", "status", "people")


class PublishBlocked(Exception):
    """Conflicts remain in the working programme; nothing was published."""

    def __init__(self, conflicts: list[Conflict]) -> None:
        super().__init__(f"{len(conflicts)} conflicts")
        self.conflicts = conflicts


class NothingToPublish(Exception):
    """The working programme is exactly what the public already sees."""


class StaleVersion(Exception):
    """Someone published in the meantime: the changes the organiser reviewed are no longer the ones."""


@dataclass
class PublishPreview:
    next_number: int
    changes: list[dict]
    conflicts: list[Conflict]
    unchanged: bool
    latest: AgendaVersion | None = None
    session_count: int = 0

    @property
    def can_publish(self) -> bool:
        return not self.conflicts and not self.unchanged


def _summary(entry: dict) -> dict:
    return {key: entry.get(key) for key in SUMMARY_FIELDS}


def _people_key(entry: dict) -> list[tuple[int, str]]:
    return sorted((p["person_id"], p["role"]) for p in entry.get("people") or ())


def _without(entry: dict, keys: frozenset[str]) -> dict:
    return {key: value for key, value in entry.items() if key not in keys}


# Keys that snapshots gained later, with what a version published before them means by their absence.
LATER_KEYS = {"room_online": False}


def change_kinds(before: dict, after: dict) -> list[ChangeKind]:
    """What changed in one session between two snapshots, in the order a reader cares about."""
    kinds: list[ChangeKind] = []
    before, after = LATER_KEYS | before, LATER_KEYS | after
    if before["status"] != after["status"]:
        kinds.append(ChangeKind.CANCELLED if after["status"] == "cancelled" else ChangeKind.REINSTATED)
    if (before["starts_at"], before["ends_at"]) != (after["starts_at"], after["ends_at"]):
        kinds.append(ChangeKind.MOVED)
    if any(before.get(key) != after.get(key) for key in ("room_id", "room_name", "room_online")):
        kinds.append(ChangeKind.ROOM_CHANGED)
    if before["title"] != after["title"]:
        kinds.append(ChangeKind.RETITLED)
    if _people_key(before) != _people_key(after):
        kinds.append(ChangeKind.SPEAKERS_CHANGED)
    # abstract_text is derived from the abstract (and absent from versions published before it existed).
    if not kinds and _without(before, DERIVED_KEYS) != _without(after, DERIVED_KEYS):
        kinds.append(ChangeKind.UPDATED)
    return kinds


def diff_snapshots(before: list[dict], after: list[dict]) -> list[dict]:
    """The changelog from one snapshot to the next: one entry per session that changed, in time order."""
    old = {entry["id"]: entry for entry in before}
    new = {entry["id"]: entry for entry in after}
    changes: list[dict] = []
    for entry in after:
        previous = old.get(entry["id"])
        kinds = [ChangeKind.ADDED] if previous is None else change_kinds(previous, entry)
        if kinds:
            changes.append(
                {
                    "session_id": entry["id"],
                    "title": entry["title"],
                    "kinds": [kind.value for kind in kinds],
                    "before": _summary(previous) if previous else None,
                    "after": _summary(entry),
                }
            )
    for entry in before:
        if entry["id"] not in new:
            changes.append(
                {
                    "session_id": entry["id"],
                    "title": entry["title"],
                    "kinds": [ChangeKind.REMOVED.value],
                    "before": _summary(entry),
                    "after": None,
                }
            )
    return changes


def preview(conference: Conference) -> PublishPreview:
    """What publishing now would change, and the conflicts that would stop it."""
    latest = latest_version(conference.id)
    snapshot = build_snapshot(conference.id)
    previous = latest.snapshot if latest else []
    return PublishPreview(
        next_number=(latest.number + 1) if latest else 1,
        changes=diff_snapshots(previous, snapshot),
        conflicts=find_conflicts(conference),
        unchanged=latest is not None and previous == snapshot,
        latest=latest,
        session_count=len(snapshot),
    )


def create_version(
    conference: Conference, *, user_id: int | None, note: str = "", expected_number: int | None = None
) -> AgendaVersion:
    """Store the working programme as the next version, audited, without looking at conflicts.

    `publish()` is what organisers go through; this is also used by the demo seed and tests.
    """
    latest = latest_version(conference.id)
    number = (latest.number + 1) if latest else 1
    if expected_number is not None and number != expected_number:
        raise StaleVersion(number)
    snapshot = build_snapshot(conference.id)
    if latest is not None and latest.snapshot == snapshot:
        raise NothingToPublish
    version = AgendaVersion(
        conference_id=conference.id,
        number=number,
        published_by_id=user_id,
        note=note.strip()[:500],
        snapshot=snapshot,
        changes=diff_snapshots(latest.snapshot if latest else [], snapshot),
    )
    db.session.add(version)
    try:
        db.session.flush()
    except IntegrityError as error:  # another organiser took this number a moment ago
        db.session.rollback()
        raise StaleVersion(number) from error
    # The audit entry names the version; the snapshot itself lives in the version row.
    audit_note(
        "agenda.published",
        version,
        user_id=user_id,
        conference_id=conference.id,
        after={
            "number": number,
            "note": version.note,
            "sessions": len(snapshot),
            "changes": [{"session_id": c["session_id"], "kinds": c["kinds"]} for c in version.changes],
        },
        commit=True,
    )
    return version


def publish(
    conference: Conference, *, user_id: int | None, note: str = "", expected_number: int | None = None
) -> AgendaVersion:
    """Publish the working programme as version n+1 and say so (`agenda_published`).

    Raises PublishBlocked while conflicts remain, NothingToPublish when nothing changed, StaleVersion
    when `expected_number` (the version the organiser reviewed) is no longer the next one.
    """
    conflicts = find_conflicts(conference)
    if conflicts:
        raise PublishBlocked(conflicts)
    version = create_version(conference, user_id=user_id, note=note, expected_number=expected_number)
    agenda_published.send(current_app._get_current_object(), version=version)
    return version


def version_history(conference_id: int) -> list[AgendaVersion]:
    """Every version, newest first, without the (large) snapshots."""
    query = (
        select(AgendaVersion)
        .where(AgendaVersion.conference_id == conference_id)
        .options(
            load_only(
                AgendaVersion.number,
                AgendaVersion.published_at,
                AgendaVersion.note,
                AgendaVersion.changes,
                AgendaVersion.conference_id,
            )
        )
        .order_by(AgendaVersion.number.desc())
    )
    return list(db.session.scalars(query))


# Describing changes (the preview, the public changes page and the e-mail say the same thing)


def _when(value: dict, tz) -> str:
    starts = datetime.fromisoformat(value["starts_at"])
    ends = datetime.fromisoformat(value["ends_at"])
    return f"{local_date(starts, 'medium', tz)}, {time_range(starts, ends, tz)}"


def describe(change: dict, tz) -> list[str]:
    """One sentence per kind of change, in the current locale, times in `tz`."""
    before, after = change.get("before") or {}, change.get("after") or {}
    lines: list[str] = []
    for kind in change["kinds"]:
        if kind == ChangeKind.ADDED:
            lines.append(_("Added: %(when)s", when=_when(after, tz)))
        elif kind == ChangeKind.REMOVED:
            lines.append(_("Removed from the programme (was %(when)s)", when=_when(before, tz)))
        elif kind == ChangeKind.MOVED:
            lines.append(
                _("Moved to %(when)s (was %(before)s)", when=_when(after, tz), before=_when(before, tz))
            )
        elif kind == ChangeKind.ROOM_CHANGED:
            lines.append(
                _(
                    "Room changed to %(room)s (was %(before)s)",
                    room=after.get("room_name") or _("no room"),
                    before=before.get("room_name") or _("no room"),
                )
            )
        elif kind == ChangeKind.CANCELLED:
            lines.append(_("Cancelled"))
        elif kind == ChangeKind.REINSTATED:
            lines.append(_("Back in the programme after being cancelled"))
        elif kind == ChangeKind.RETITLED:
            lines.append(_("Renamed (was “%(title)s”)", title=before.get("title", "")))
        elif kind == ChangeKind.SPEAKERS_CHANGED:
            names = ", ".join(p["display_name"] for p in after.get("people") or ()) or _("nobody")
            lines.append(_("Speakers changed: now %(names)s", names=names))
        elif kind == ChangeKind.UPDATED:
            lines.append(_("Details updated"))
    return lines
