"""Public lookups of a conference's people: the speakers page, a speaker's page, featured people."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import case, exists, func, or_, select
from sqlalchemy.orm import selectinload

from conference.agenda.models import PersonRole, Session, SessionPerson, SessionStatus
from conference.events.models import Conference
from conference.events.services import is_web_url
from conference.extensions import db
from conference.speakers.models import Person

PUBLIC_SESSION_STATUSES = (SessionStatus.PUBLISHED, SessionStatus.CANCELLED)


@dataclass(frozen=True)
class PersonLink:
    label: str
    url: str


@dataclass
class Appearance:
    """One public session of a person, with every role they have in it."""

    session: Session
    roles: list[PersonRole] = field(default_factory=list)


def _appears_publicly():
    return exists().where(
        SessionPerson.person_id == Person.id,
        SessionPerson.session_id == Session.id,
        Session.status.in_(PUBLIC_SESSION_STATUSES),
    )


def _listed(conference: Conference):
    return select(Person).where(
        Person.conference_id == conference.id, or_(_appears_publicly(), Person.bio != "")
    )


def listed_people(conference: Conference) -> list[Person]:
    """People shown on the speakers page: those in a public session or with a bio, by name."""
    query = _listed(conference).order_by(func.lower(Person.full_name), Person.id)
    return list(db.session.scalars(query))


def featured_people(conference: Conference, limit: int = 6) -> list[Person]:
    """A few listed people for the home page: with a photo first, then with a bio, then in added order."""
    has_photo = case((func.coalesce(Person.photo, "") != "", 0), else_=1)
    has_bio = case((Person.bio != "", 0), else_=1)
    query = _listed(conference).order_by(has_photo, has_bio, Person.id).limit(limit)
    return list(db.session.scalars(query))


def people_with_bio(conference: Conference) -> list[Person]:
    """People who have a biography, in the order organisers added them (their order of precedence)."""
    query = select(Person).where(Person.conference_id == conference.id, Person.bio != "").order_by(Person.id)
    return list(db.session.scalars(query))


def person_in(conference: Conference, person_id: int) -> Person | None:
    """The person if they belong to this conference (a person of another conference is not found)."""
    return db.session.scalar(
        select(Person).where(Person.id == person_id, Person.conference_id == conference.id)
    )


def public_appearances(person: Person) -> list[Appearance]:
    """The person's published or cancelled sessions in time order, each with the person's roles."""
    roles = db.session.scalars(
        select(SessionPerson)
        .join(Session)
        .where(SessionPerson.person_id == person.id, Session.status.in_(PUBLIC_SESSION_STATUSES))
        .options(selectinload(SessionPerson.session).selectinload(Session.room))
        .order_by(Session.starts_at, Session.id, SessionPerson.position)
    )
    appearances: dict[int, Appearance] = {}
    for role in roles:
        appearance = appearances.setdefault(role.session_id, Appearance(role.session))
        appearance.roles.append(role.role)
    return list(appearances.values())


def web_links(person: Person) -> list[PersonLink]:
    """The person's links that are http(s) addresses; anything else stored there is left out."""
    links = person.links if isinstance(person.links, list) else []
    return [
        PersonLink(label=str(link.get("label") or "").strip() or link["url"].strip(), url=link["url"].strip())
        for link in links
        if isinstance(link, dict) and is_web_url(link.get("url"))
    ]


def initials(name: str) -> str:
    """Up to two letters for an avatar: first and last word ("Mun Seok-jin" → "MS"), else the first letter."""
    words = name.replace(",", " ").split()
    if not words:
        return "?"
    letters = words[0][0] + (words[-1][0] if len(words) > 1 else "")
    return letters.upper()
