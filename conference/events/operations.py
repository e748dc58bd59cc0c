"""What organisers and site admins change on a conference: details, pages, team; and what they review.

Every write goes through `conference.core.operations.save`/`delete`, which audit and commit.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from werkzeug.datastructures import FileStorage

from conference.accounts.models import ConferenceRole, Role, User, normalise_email
from conference.agenda.models import Room, Session, SessionStatus, Track
from conference.audit.models import AuditEntry
from conference.core.changes import delete, save
from conference.core.pagination import ListPage, sql_page
from conference.events.models import Conference, Page
from conference.extensions import db
from conference.media.services import save_image
from conference.speakers.models import Person

ACTIVITY_PER_PAGE = 50


class SlugTaken(ValueError):
    """Another conference (or another page of this conference) already uses the slug."""


class UnknownAccount(LookupError):
    """No Plenary account has that e-mail address."""


class RoleAlreadyHeld(ValueError):
    """The account already has that role on this conference."""


class LastOrganiser(ValueError):
    """Removing the role would leave the conference without an organiser."""


def stored_image(
    upload: FileStorage | None,
    *,
    remove: bool,
    current: str | None,
    folder: str | Path,
    max_side: int = 1200,
) -> str | None:
    """The image file name to keep: a new upload (checked: may raise InvalidImage), none, or the current."""
    if upload is not None:
        return save_image(upload.stream, folder, max_side=max_side)
    if remove:
        return None
    return current


# Conferences


def _slug_free(slug: str, conference_id: int | None) -> bool:
    query = select(Conference.id).where(Conference.slug == slug)
    if conference_id is not None:
        query = query.where(Conference.id != conference_id)
    return db.session.scalar(query) is None


def _save_unique(obj, values: dict, **audit):
    """`save`, turning a unique-constraint race into SlugTaken instead of a 500."""
    try:
        return save(obj, values, **audit)
    except IntegrityError as exc:
        db.session.rollback()
        raise SlugTaken(values.get("slug", "")) from exc


def update_conference(conference: Conference, values: dict, *, user_id: int) -> Conference:
    """Change a conference's details; raises SlugTaken when the new slug belongs to another conference."""
    if not _slug_free(values["slug"], conference.id):
        raise SlugTaken(values["slug"])
    return _save_unique(
        conference, values, action="conference.updated", user_id=user_id, conference_id=conference.id
    )


def create_conference(values: dict, *, creator_id: int) -> Conference:
    """A new draft conference whose creator becomes its first organiser."""
    if not _slug_free(values["slug"], None):
        raise SlugTaken(values["slug"])
    conference = _save_unique(
        Conference(), values, action="conference.created", user_id=creator_id, conference_id=None
    )
    # The creation entry had no conference id yet; file it under the new one (committed with the grant).
    entry = db.session.scalar(
        select(AuditEntry).where(
            AuditEntry.action == "conference.created", AuditEntry.object_id == conference.id
        )
    )
    if entry is not None:
        entry.conference_id = conference.id
    grant = ConferenceRole(user_id=creator_id, conference_id=conference.id)
    save(
        grant,
        {"role": Role.ORGANISER},
        action="role.granted",
        user_id=creator_id,
        conference_id=conference.id,
    )
    return conference


def all_conferences() -> list[Conference]:
    """Every conference, whatever its status, latest first."""
    return list(
        db.session.scalars(select(Conference).order_by(Conference.start_date.desc(), Conference.id.desc()))
    )


# Pages


def page_in(conference: Conference, page_id: int) -> Page | None:
    return db.session.scalar(select(Page).where(Page.id == page_id, Page.conference_id == conference.id))


def save_page(conference: Conference, page: Page | None, values: dict, *, user_id: int) -> Page:
    """Create or change a page; raises SlugTaken when another page of this conference has the slug."""
    page = page or Page(conference_id=conference.id)
    clash = select(Page.id).where(Page.conference_id == conference.id, Page.slug == values["slug"])
    if page.id is not None:
        clash = clash.where(Page.id != page.id)
    if db.session.scalar(clash) is not None:
        raise SlugTaken(values["slug"])
    action = "page.updated" if page.id else "page.created"
    return _save_unique(page, values, action=action, user_id=user_id, conference_id=conference.id)


def delete_page(page: Page, *, user_id: int) -> None:
    delete(page, action="page.deleted", user_id=user_id, conference_id=page.conference_id)


# Team


def team_roles(conference: Conference) -> list[ConferenceRole]:
    """Everyone with a role on the conference, by role then name."""
    roles = db.session.scalars(
        select(ConferenceRole).join(User).where(ConferenceRole.conference_id == conference.id)
    ).all()
    order = list(Role)
    return sorted(roles, key=lambda r: (order.index(r.role), r.user.display_name.lower()))


def role_in(conference: Conference, role_id: int) -> ConferenceRole | None:
    return db.session.scalar(
        select(ConferenceRole).where(
            ConferenceRole.id == role_id, ConferenceRole.conference_id == conference.id
        )
    )


def grant_role(conference: Conference, email: str, role: Role, *, user_id: int) -> ConferenceRole:
    """Give an existing account a role; raises UnknownAccount or RoleAlreadyHeld."""
    user = db.session.scalar(select(User).where(User.email == normalise_email(email)))
    if user is None:
        raise UnknownAccount(email)
    if user.has_role(conference.id, role):
        raise RoleAlreadyHeld(role)
    grant = ConferenceRole(user_id=user.id, conference_id=conference.id)
    return save(grant, {"role": role}, action="role.granted", user_id=user_id, conference_id=conference.id)


def remove_role(conference: Conference, grant: ConferenceRole, *, user_id: int) -> None:
    """Take a role away; raises LastOrganiser rather than leave the conference with none."""
    if grant.role == Role.ORGANISER:
        organisers = db.session.scalar(
            select(func.count())
            .select_from(ConferenceRole)
            .where(ConferenceRole.conference_id == conference.id, ConferenceRole.role == Role.ORGANISER)
        )
        if organisers <= 1:
            raise LastOrganiser()
    delete(grant, action="role.removed", user_id=user_id, conference_id=conference.id)


# What the dashboard and activity pages show


@dataclass(frozen=True)
class DashboardCounts:
    pages: int
    people: int
    rooms: int
    tracks: int
    sessions_by_status: dict[SessionStatus, int]

    @property
    def sessions(self) -> int:
        return sum(self.sessions_by_status.values())


def _count(model, conference: Conference) -> int:
    return db.session.scalar(
        select(func.count()).select_from(model).where(model.conference_id == conference.id)
    )


def dashboard_counts(conference: Conference) -> DashboardCounts:
    """How much content the conference has, sessions split by status."""
    rows = db.session.execute(
        select(Session.status, func.count())
        .where(Session.conference_id == conference.id)
        .group_by(Session.status)
    ).all()
    by_status = {status: 0 for status in SessionStatus} | {status: count for status, count in rows}
    return DashboardCounts(
        pages=_count(Page, conference),
        people=_count(Person, conference),
        rooms=_count(Room, conference),
        tracks=_count(Track, conference),
        sessions_by_status=by_status,
    )


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


def activity_page(conference: Conference, page: int) -> ListPage[Activity]:
    """One page of the conference's audit log, newest first; a page past the end gives the last one."""
    total = db.session.scalar(
        select(func.count()).select_from(AuditEntry).where(AuditEntry.conference_id == conference.id)
    )
    return sql_page(_log(conference), _activities, total=total, page=page, per_page=ACTIVITY_PER_PAGE)
