"""Small builders for test data; each commits so the test client sees it."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from io import BytesIO

from babel.dates import format_time
from PIL import Image

from conference.accounts.models import ConferenceRole, Role, User
from conference.agenda.models import (
    AgendaVersion,
    PersonRole,
    Room,
    Session,
    SessionPerson,
    SessionStatus,
    SessionType,
    Track,
)
from conference.agenda.publishing import NothingToPublish, create_version
from conference.events.models import Conference, ConferenceStatus, Page
from conference.extensions import db
from conference.registration.details import DelegateDetails
from conference.registration.models import TicketType
from conference.speakers.models import Person

PASSWORD = "correct horse battery"


def _save(obj):
    db.session.add(obj)
    db.session.commit()
    return obj


def make_conference(slug: str = "aplc-2026", **values) -> Conference:
    start = values.pop("start_date", date(2026, 12, 10))
    defaults = dict(
        slug=slug,
        title="APLC Founding Assembly",
        short_name="APLC 2026",
        theme="One Asia-Pacific Learning Cities",
        timezone="Asia/Seoul",
        start_date=start,
        end_date=values.pop("end_date", start + timedelta(days=1)),
        venue_name="Seodaemun-gu Office",
        venue_city="Seoul",
        venue_country="KR",
        status=ConferenceStatus.PUBLISHED,
        contact_email="info@example.org",
    )
    defaults.update(values)
    return _save(Conference(**defaults))


def make_user(email: str, password: str = PASSWORD, *, admin: bool = False, name: str | None = None) -> User:
    user = User(email=email.lower(), display_name=name or email.split("@")[0], is_site_admin=admin)
    user.set_password(password)
    return _save(user)


def grant(user: User, conference: Conference, role: str | Role) -> ConferenceRole:
    return _save(ConferenceRole(user_id=user.id, conference_id=conference.id, role=Role(role)))


def make_page(conference: Conference, slug: str = "about", **values) -> Page:
    values.setdefault("title", slug.title())
    values.setdefault("body", "Hello **world**")
    return _save(Page(conference_id=conference.id, slug=slug, **values))


def make_person(conference: Conference, full_name: str = "Mun Seok-jin", **values) -> Person:
    return _save(Person(conference_id=conference.id, full_name=full_name, **values))


def make_room(conference: Conference, name: str = "Grand Hall", **values) -> Room:
    values.setdefault("capacity", 300)
    return _save(Room(conference_id=conference.id, name=name, **values))


def make_track(conference: Conference, name: str = "Policy", **values) -> Track:
    values.setdefault("colour", "#2a7f62")
    return _save(Track(conference_id=conference.id, name=name, **values))


def make_session(
    conference: Conference,
    title: str = "Opening ceremony",
    starts_at: datetime | None = None,
    minutes: int = 60,
    people: list[tuple[Person, str]] | None = None,
    **values,
) -> Session:
    starts_at = starts_at or datetime(2026, 12, 10, 0, 0, tzinfo=UTC)  # 09:00 in Seoul
    values.setdefault("type", SessionType.OPENING)
    values.setdefault("status", SessionStatus.PUBLISHED)
    session = Session(
        conference_id=conference.id,
        title=title,
        starts_at=starts_at,
        ends_at=starts_at + timedelta(minutes=minutes),
        **values,
    )
    for position, (person, role) in enumerate(people or []):
        session.people.append(SessionPerson(person=person, role=PersonRole(role), position=position))
    return _save(session)


def make_ticket(conference: Conference, name: str = "Delegate", **values) -> TicketType:
    values.setdefault("currency", "KRW")
    return _save(TicketType(conference_id=conference.id, name=name, **values))


def delegate(email: str = "mina@example.org", **values) -> DelegateDetails:
    values.setdefault("given_name", "Mina")
    values.setdefault("family_name", "Park")
    values.setdefault("country", "KR")
    values.setdefault("privacy_consent", True)
    return DelegateDetails(email=email, **values)


def png_bytes(size: tuple[int, int] = (60, 40), *, transparent: bool = False) -> bytes:
    """A valid PNG of one blue, half see-through (RGBA) when `transparent`, for upload tests."""
    image = Image.new("RGBA", size, "#1f5f8b80") if transparent else Image.new("RGB", size, "#1f5f8b")
    buffer = BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def publish(conference: Conference, user: User | None = None) -> AgendaVersion | None:
    """Publish the working programme as the next agenda version (conflicts not checked); None if unchanged."""
    try:
        return create_version(conference, user_id=user.id if user else None)
    except NothingToPublish:
        return None


def ko_time(hour: int, minute: int) -> str:
    """A time as a Korean page shows it: CLDR has changed it between Babel releases (AM 9:00, 오전 9:00)."""
    return format_time(time(hour, minute), "short", locale="ko")
