"""Reading a conference's people: the speakers page, a speaker's page, featured people, and for organisers
and speakers themselves everyone in the working programme with their sessions."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import case, func, or_, select
from sqlalchemy.orm import selectinload

from conference.agenda.models import PersonRole, Session, SessionPerson
from conference.agenda.published import PublishedSession, published_sessions, sessions_for_person
from conference.events.models import Conference
from conference.events.queries import is_web_url
from conference.extensions import db
from conference.speakers.models import Person


@dataclass(frozen=True)
class PersonLink:
    label: str
    url: str


@dataclass
class Appearance:
    """One session of the published programme a person is in, with every role they have in it."""

    session: PublishedSession
    roles: list[PersonRole] = field(default_factory=list)


def _published_person_ids(conference: Conference) -> set[int]:
    return {person_id for session in published_sessions(conference.id) for person_id in session.person_ids}


def _listed(conference: Conference):
    # In the published programme (cancelled sessions included) or introduced by a bio.
    in_programme = Person.id.in_(_published_person_ids(conference))
    return select(Person).where(Person.conference_id == conference.id, or_(in_programme, Person.bio != ""))


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


def public_appearances(person: Person) -> list[Appearance]:
    """The person's sessions in the published programme, in time order, each with the person's roles."""
    appearances = []
    for session in sessions_for_person(person.conference_id, person.id):
        roles = [PersonRole(p.role) for p in session.people if p.person_id == person.id]
        appearances.append(Appearance(session, roles))
    return appearances


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


# The working programme, for organisers and for a speaker's own page


@dataclass
class Assignment:
    """One session of the working programme a person is in, with their roles and whether they confirmed."""

    session: Session
    roles: list[PersonRole] = field(default_factory=list)
    confirmed_at: datetime | None = None


def people_of(conference: Conference) -> list[Person]:
    """Everyone in the conference's programme, by name."""
    return list(
        db.session.scalars(
            select(Person)
            .where(Person.conference_id == conference.id)
            .order_by(func.lower(Person.full_name))
            .options(selectinload(Person.session_roles))
        )
    )


def assignments(person: Person) -> list[Assignment]:
    """The person's sessions in the working programme (drafts too), in time order.

    A session counts as confirmed once every role the person has in it is confirmed.
    """
    rows = db.session.scalars(
        select(SessionPerson)
        .join(Session)
        .where(SessionPerson.person_id == person.id)
        .options(selectinload(SessionPerson.session).selectinload(Session.room))
        .order_by(Session.starts_at, Session.id, SessionPerson.position)
    )
    found: dict[int, Assignment] = {}
    for row in rows:
        assignment = found.get(row.session_id)
        if assignment is None:
            assignment = found[row.session_id] = Assignment(row.session, confirmed_at=row.confirmed_at)
        elif row.confirmed_at is None or assignment.confirmed_at is None:
            assignment.confirmed_at = None
        assignment.roles.append(row.role)
    return list(found.values())
