"""Changes made on the timetable (move, resize, create, edit), each validated, audited and undoable.

The page sends local wall-clock times ("2026-12-10T09:30" in the conference's zone); they are checked
and turned into UTC here. Undo restores the "before" of the change's audit entry.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from flask_babel import gettext as _
from sqlalchemy import select

from conference.agenda.forms import SCHEDULE_MARGIN, NonexistentTime, conference_instant
from conference.agenda.models import Room, Session, SessionStatus, SessionType, Track
from conference.audit.models import AuditEntry
from conference.audit.services import snapshot
from conference.core.changes import delete, note
from conference.core.lookups import in_conference
from conference.events.models import Conference
from conference.extensions import db
from conference.i18n.formatting import time_range

MAX_DURATION = timedelta(hours=24)
MAX_ID = 2_147_483_647
# What the builder changes; undo compares and restores only these.
EDITABLE = ("title", "type", "track_id", "room_id", "starts_at", "ends_at", "status")
MOVED, RESIZED, CREATED, UPDATED = "session.moved", "session.resized", "session.created", "session.updated"
UNDONE = "session.change_undone"
UNDOABLE = (MOVED, RESIZED, CREATED, UPDATED)
LOCAL_STAMP = "%Y-%m-%dT%H:%M"  # how the page sends local times: "2026-12-10T09:30"


# Reading what the page sends


class InvalidChange(Exception):
    """A change the server refuses; `errors` maps each field to what is wrong with it."""

    def __init__(self, errors: dict[str, str]):
        super().__init__(errors)
        self.errors = errors


def _id(value: object) -> int | None:
    """An id from JSON (number or digit string); None for empty; -1 for anything else."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return -1
    if isinstance(value, str) and value.isdigit() and len(value) <= 10:
        value = int(value)
    return value if isinstance(value, int) and 0 < value <= MAX_ID else -1


def _local_instant(conference: Conference, value: object, current: datetime | None) -> datetime:
    if not isinstance(value, str):
        raise InvalidChange({"": _("Enter a date and time.")})
    try:
        naive = datetime.strptime(value, LOCAL_STAMP)
    except ValueError:
        raise InvalidChange({"": _("Enter a date and time.")}) from None
    earliest, latest = conference.start_date - SCHEDULE_MARGIN, conference.end_date + SCHEDULE_MARGIN
    if not earliest <= naive.date() <= latest + timedelta(days=1):
        raise InvalidChange({"": _("Choose a day within a year of the conference.")})
    tz = conference.tz
    if current is not None and current.astimezone(tz).replace(tzinfo=None) == naive:
        return current  # unchanged: keeps which of two repeated autumn times it was
    try:
        return conference_instant(naive.date(), time(naive.hour, naive.minute), tz)
    except NonexistentTime:
        raise InvalidChange(
            {
                "": _(
                    "This time does not exist in %(zone)s on that day (the clocks change). "
                    "Choose another time.",
                    zone=conference.timezone,
                )
            }
        ) from None


def parse_times(
    conference: Conference, data: dict, session: Session | None, *, keep_start: bool = False
) -> tuple[datetime, datetime]:
    """Start and end from local "YYYY-MM-DDTHH:MM" stamps, checked: end after start, at most a day."""
    errors: dict[str, str] = {}
    times: dict[str, datetime] = {}
    for key in ("starts_at", "ends_at"):
        current = getattr(session, key) if session is not None else None
        if key == "starts_at" and keep_start and current is not None:
            times[key] = current
            continue
        try:
            times[key] = _local_instant(conference, data.get(key), current)
        except InvalidChange as exc:
            errors[key] = exc.errors[""]
    if not errors:
        if times["ends_at"] <= times["starts_at"]:
            errors["ends_at"] = _("The session must end after it starts.")
        elif times["ends_at"] - times["starts_at"] > MAX_DURATION:
            errors["ends_at"] = _("A session can last at most 24 hours.")
    if errors:
        raise InvalidChange(errors)
    return times["starts_at"], times["ends_at"]


def parse_room(conference: Conference, value: object, *, required: bool) -> Room | None:
    room_id = _id(value)
    if room_id is None and not required:
        return None
    room = in_conference(Room, conference, room_id) if room_id and room_id > 0 else None
    if room is None:
        raise InvalidChange({"room_id": _("Choose a room of this conference.")})
    return room


def parse_details(conference: Conference, data: dict, session: Session | None) -> dict:
    """The values of the quick session form (title, type, track, room, times, status), all checked.

    A field left out keeps its current value (or the default, for a new session).
    """
    errors: dict[str, str] = {}
    values: dict = {}
    title = data.get("title", session.title if session else "")
    title = title.strip() if isinstance(title, str) else ""
    if not title:
        errors["title"] = _("Enter a title.")
    elif len(title) > 300:
        errors["title"] = _("Keep the title to 300 characters.")
    values["title"] = title
    for key, enum_type, default, message in (
        ("type", SessionType, SessionType.PRESENTATION, _("Choose a type from the list.")),
        ("status", SessionStatus, SessionStatus.DRAFT, _("Choose a status from the list.")),
    ):
        raw = data.get(key, getattr(session, key) if session else default)
        if not isinstance(raw, str) or raw not in {member.value for member in enum_type}:
            errors[key] = message
        else:
            values[key] = enum_type(raw)
    track_id = _id(data.get("track_id", session.track_id if session else None))
    if track_id is not None and (track_id < 0 or in_conference(Track, conference, track_id) is None):
        errors["track_id"] = _("Choose a track of this conference.")
    values["track_id"] = track_id
    try:
        room = parse_room(
            conference, data.get("room_id", session.room_id if session else None), required=False
        )
        values["room_id"] = room.id if room else None
    except InvalidChange as exc:
        errors |= exc.errors
    if session is None or "starts_at" in data or "ends_at" in data:
        try:
            values["starts_at"], values["ends_at"] = parse_times(conference, data, session)
        except InvalidChange as exc:
            errors |= exc.errors
    if errors:
        raise InvalidChange(errors)
    return values


# Changes


def _apply(
    conference: Conference, session: Session, values: dict, *, action: str, user_id: int
) -> AuditEntry:
    """Write the change, audit it with before/after, commit; the entry is what undo restores from.

    What core.changes.save does, written out because undo needs the audit entry `note` hands back.
    """
    before = snapshot(session) if session.id is not None else None
    for key, value in values.items():
        setattr(session, key, value)
    db.session.add(session)
    db.session.flush()
    after = snapshot(session)
    return note(
        action, session, user_id=user_id, conference_id=conference.id, before=before, after=after, commit=True
    )


def move_session(
    conference: Conference,
    session: Session,
    *,
    room: Room,
    starts_at: datetime,
    ends_at: datetime,
    user_id: int,
) -> AuditEntry:
    """Put a session in another room and/or at another time (a clash is saved and reported)."""
    values = {"room_id": room.id, "starts_at": starts_at, "ends_at": ends_at}
    return _apply(conference, session, values, action=MOVED, user_id=user_id)


def resize_session(
    conference: Conference, session: Session, *, ends_at: datetime, user_id: int
) -> AuditEntry:
    return _apply(conference, session, {"ends_at": ends_at}, action=RESIZED, user_id=user_id)


def create_session(conference: Conference, values: dict, *, user_id: int) -> tuple[Session, AuditEntry]:
    session = Session(conference_id=conference.id, languages=conference.default_language or "en")
    entry = _apply(conference, session, values, action=CREATED, user_id=user_id)
    return session, entry


def edit_session(conference: Conference, session: Session, values: dict, *, user_id: int) -> AuditEntry:
    return _apply(conference, session, values, action=UPDATED, user_id=user_id)


def change_message(conference: Conference, session: Session, action: str) -> str:
    """What the status line announces after a change."""
    when = time_range(session.starts_at, session.ends_at, conference.tz)
    room = session.room.name if session.room else _("no room")
    messages = {
        MOVED: _("Moved “%(title)s” to %(room)s, %(when)s.", title=session.title, room=room, when=when),
        RESIZED: _("“%(title)s” now runs %(when)s.", title=session.title, when=when),
        CREATED: _("Created “%(title)s” in %(room)s, %(when)s.", title=session.title, room=room, when=when),
        UPDATED: _("Saved “%(title)s”.", title=session.title),
    }
    return messages.get(action, _("Saved “%(title)s”.", title=session.title))


# Undo


class UndoRefused(Exception):
    """The change cannot be undone any more; the message says why."""


@dataclass(frozen=True)
class UndoResult:
    session: Session | None  # None when undoing removed a session that was created
    removed_id: int | None
    message: str


def undoable_entry(conference: Conference, entry_id: int | None, user_id: int) -> AuditEntry | None:
    """The builder change `entry_id`, if it is this user's in this conference (one query)."""
    entry = db.session.get(AuditEntry, entry_id) if entry_id else None
    if (
        entry is None
        or entry.conference_id != conference.id
        or entry.user_id != user_id
        or entry.action not in UNDOABLE
        or entry.object_type != "Session"
    ):
        return None
    return entry


def undo_label(entry: AuditEntry, title: str) -> str:
    labels = {
        MOVED: _("Undo moving “%(title)s”", title=title),
        RESIZED: _("Undo resizing “%(title)s”", title=title),
        CREATED: _("Undo creating “%(title)s”", title=title),
        UPDATED: _("Undo editing “%(title)s”", title=title),
    }
    return labels.get(entry.action, _("Undo"))


def _from_plain(key: str, value: object) -> object:
    if value is None:
        return None
    if key in ("starts_at", "ends_at"):
        return datetime.fromisoformat(str(value))
    if key == "type":
        return SessionType(value)
    if key == "status":
        return SessionStatus(value)
    return value


def undo_change(conference: Conference, entry: AuditEntry, *, user_id: int) -> UndoResult:
    """Restore what the change in `entry` replaced (a created session is deleted).

    Refused when the session changed again since: undo must never overwrite someone's later work.
    """
    session = db.session.scalar(
        select(Session).where(Session.id == entry.object_id, Session.conference_id == conference.id)
    )
    if session is None:
        raise UndoRefused(_("That session no longer exists, so there is nothing to undo."))
    after = entry.after or {}
    keys = [key for key in EDITABLE if key in after]
    current = snapshot(session)
    if any(current.get(key) != after[key] for key in keys):
        raise UndoRefused(
            _("“%(title)s” was changed again since, so this cannot be undone.", title=session.title)
        )
    title = session.title
    message = {
        MOVED: _("“%(title)s” is back where it was.", title=title),
        RESIZED: _("“%(title)s” has its earlier times again.", title=title),
        CREATED: _("“%(title)s” was removed again.", title=title),
        UPDATED: _("The edit of “%(title)s” was undone.", title=title),
    }[entry.action]
    if entry.action == CREATED:
        removed_id = session.id
        delete(session, action="session.deleted", user_id=user_id, conference_id=conference.id)
        return UndoResult(None, removed_id, message)
    before = entry.before or {}
    _apply(
        conference,
        session,
        {key: _from_plain(key, before.get(key)) for key in keys},
        action=UNDONE,
        user_id=user_id,
    )
    return UndoResult(session, None, message)
