"""The conference's activity: its audit log with who made each change, as the organiser pages show it."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from conference.accounts.models import User
from conference.audit.models import AuditEntry
from conference.events.models import Conference
from conference.extensions import db

ACTIVITY_PER_PAGE = 50


@dataclass(frozen=True)
class Activity:
    """One audit entry with the name of who made the change (None: the system or a deleted account)."""

    entry: AuditEntry
    who: str | None

    @property
    def subject(self) -> str:
        """A readable name for the changed object, from whichever snapshot has one."""
        for snapshot in (self.entry.after or {}, self.entry.before or {}):
            for key in ("title", "full_name", "name", "slug", "role"):
                if snapshot.get(key):
                    return str(snapshot[key])
        return ""

    @property
    def changes(self) -> list[tuple[str, object, object]]:
        """(field, before, after) for every field the entry records."""
        before, after = self.entry.before or {}, self.entry.after or {}
        return [(key, before.get(key), after.get(key)) for key in sorted(set(before) | set(after))]


@dataclass(frozen=True)
class ActivityPage:
    items: list[Activity]
    page: int
    pages: int
    total: int

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages


def _log(conference: Conference):
    """The conference's audit entries with who made them, newest first."""
    return (
        select(AuditEntry, User.display_name)
        .outerjoin(User, User.id == AuditEntry.user_id)
        .where(AuditEntry.conference_id == conference.id)
        .order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
    )


def _activities(query) -> list[Activity]:
    return [Activity(entry, who) for entry, who in db.session.execute(query).all()]


def recent_activity(conference: Conference, limit: int = 10) -> list[Activity]:
    """The conference's latest audit entries, newest first."""
    return _activities(_log(conference).limit(limit))


def activity_page(conference: Conference, page: int) -> ActivityPage:
    """One page of the conference's audit log, newest first; a page past the end gives the last one."""
    total = db.session.scalar(
        select(func.count()).select_from(AuditEntry).where(AuditEntry.conference_id == conference.id)
    )
    pages = max(1, -(-total // ACTIVITY_PER_PAGE))
    page = min(max(page, 1), pages)
    query = _log(conference).offset((page - 1) * ACTIVITY_PER_PAGE).limit(ACTIVITY_PER_PAGE)
    return ActivityPage(_activities(query), page, pages, total)
