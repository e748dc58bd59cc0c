"""What organisers and site admins change on a conference: its details, pages and team.

Every write goes through `conference.core.changes` (`save`/`delete`/`note`), which audit and commit.
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from conference.accounts.models import ConferenceRole, Role
from conference.accounts.queries import user_by_email
from conference.audit.services import snapshot
from conference.core.changes import delete, note, save
from conference.events.models import Conference, Page
from conference.extensions import db


class SlugTaken(ValueError):
    """Another conference (or another page of this conference) already uses the slug."""


class UnknownAccount(LookupError):
    """No Plenary account has that e-mail address."""


class RoleAlreadyHeld(ValueError):
    """The account already has that role on this conference."""


class LastOrganiser(ValueError):
    """Removing the role would leave the conference without an organiser."""


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
    conference = Conference(**values)
    db.session.add(conference)
    try:
        db.session.flush()  # the id, to file the creation under the new conference
    except IntegrityError as exc:
        db.session.rollback()
        raise SlugTaken(values["slug"]) from exc
    note(
        "conference.created",
        conference,
        user_id=creator_id,
        conference_id=conference.id,
        after=snapshot(conference),
    )
    grant = ConferenceRole(user_id=creator_id, conference_id=conference.id)
    save(
        grant,
        {"role": Role.ORGANISER},
        action="role.granted",
        user_id=creator_id,
        conference_id=conference.id,
    )
    return conference


# Pages


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


def grant_role(conference: Conference, email: str, role: Role, *, user_id: int) -> ConferenceRole:
    """Give an existing account a role; raises UnknownAccount or RoleAlreadyHeld."""
    user = user_by_email(email)
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
