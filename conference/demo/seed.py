"""Build the demo: the APLC Founding Assembly, an upcoming forum and demo accounts, idempotently.

Each run only adds what is missing: a conference whose slug exists is left exactly as it is (organisers
may have edited it), an account whose e-mail exists keeps its password.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date

from sqlalchemy import select

from conference.accounts.models import ConferenceRole, Role, User, normalise_email
from conference.accounts.services import account_snapshot
from conference.agenda.models import Room, Session, SessionPerson, SessionStatus, Track
from conference.agenda.published import latest_version
from conference.agenda.publishing import create_version
from conference.audit.services import snapshot
from conference.core.changes import note, save
from conference.demo.assembly import founding_assembly
from conference.demo.checkins import seed_checkins
from conference.demo.forum import upcoming_forum
from conference.demo.registrations import seed_registrations
from conference.demo.specs import ConferenceSpec, SessionSpec, local_instant
from conference.demo.streaming import seed_streaming
from conference.demo.tickets import access_codes
from conference.events.models import Conference, Page
from conference.events.queries import conference_by_slug
from conference.extensions import db
from conference.speakers.models import Person

SPEAKER_PERSON = "Representative of Yeonsu-gu"  # the programme role the demo speaker log-in speaks for


@dataclass(frozen=True)
class DemoAccount:
    email: str
    password: str
    display_name: str
    description: str
    site_admin: bool = False
    role: Role | None = None  # granted on every demo conference


DEMO_ACCOUNTS = (
    DemoAccount("admin@plenary.example.org", "demo-admin-2026", "Demo Admin", "site admin", site_admin=True),
    DemoAccount(
        "organiser@plenary.example.org",
        "demo-organiser-2026",
        "Demo Organiser",
        "organiser of both demo conferences",
        role=Role.ORGANISER,
    ),
    DemoAccount(
        "staff@plenary.example.org",
        "demo-staff-2026",
        "Demo Check-in Staff",
        "check-in staff at both demo conferences",
        role=Role.STAFF,
    ),
    DemoAccount(
        "speaker@plenary.example.org",
        "demo-speaker-2026",
        "Demo Speaker",
        f"speaker at both demo conferences, linked to “{SPEAKER_PERSON}”",
        role=Role.SPEAKER,
    ),
)


@dataclass
class DemoLogin:
    account: DemoAccount
    created: bool  # False: the account already existed and its password was left alone


@dataclass
class SeedReport:
    """What one run added and kept (a sentence each) and the demo log-ins."""

    created: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    logins: list[DemoLogin] = field(default_factory=list)
    access_codes: list[tuple[str, str, str]] = field(default_factory=list)  # (slug, ticket, code)

    @property
    def changed_anything(self) -> bool:
        return bool(self.created)


def seed_demo(today: date) -> SeedReport:
    """Create whatever of the demo is missing and commit; `today` dates the upcoming forum."""
    report = SeedReport()
    conferences = [
        _ensure_conference(founding_assembly(), report),
        _ensure_conference(upcoming_forum(today), report),
    ]
    for account in DEMO_ACCOUNTS:
        user = _ensure_account(account, report)
        if account.role is not None:
            for conference in conferences:
                _ensure_role(user, conference, account.role, report)
        if account.role is Role.SPEAKER:
            for conference in conferences:
                _link_person(user, conference, SPEAKER_PERSON, report)
    # Ticket types, a policy and sample delegates for both (the past assembly's check in on its days).
    for conference in conferences:
        report.created += seed_registrations(conference, sample_delegates=True)
    report.created += [line for conference in conferences for line in seed_checkins(conference, today)]
    report.created += [line for conference in conferences for line in seed_streaming(conference, today)]
    report.access_codes = access_codes(conferences)
    db.session.commit()
    for conference in conferences:
        _ensure_published(conference, report)
    return report


def _ensure_published(conference: Conference, report: SeedReport) -> None:
    """Publish version 1 of a demo programme that was never published (later versions are the organisers')."""
    if latest_version(conference.id) is not None:
        return
    version = create_version(conference, user_id=None, note="Demo programme")
    report.created.append(f"Published version {version.number} of the agenda of {conference.slug}")


def _ensure_conference(spec: ConferenceSpec, report: SeedReport) -> Conference:
    existing = conference_by_slug(spec.slug)
    if existing is not None:
        report.kept.append(f"Kept conference “{existing.title}” ({existing.slug}) as it is")
        return existing
    conference = build_conference(spec)
    note(
        "conference.created",
        conference,
        user_id=None,
        conference_id=conference.id,
        after=snapshot(conference),
    )
    report.created.append(
        f"Created conference “{conference.title}” ({conference.slug}): "
        f"{_count(spec.people, 'person', 'people')}, {_count(spec.pages, 'page')}, "
        f"{_count(spec.rooms, 'room')}, {_count(spec.tracks, 'track')}, {_count(spec.sessions, 'session')}"
    )
    return conference


def _count(items: tuple, singular: str, plural: str | None = None) -> str:
    return f"{len(items)} {singular if len(items) == 1 else plural or singular + 's'}"


def build_conference(spec: ConferenceSpec) -> Conference:
    """Add a conference and everything in it to the session (flushed, not committed)."""
    conference = Conference(**spec.values)
    db.session.add(conference)
    conference.pages = [
        Page(slug=page.slug, title=page.title, body=page.body, in_menu=page.in_menu, position=position)
        for position, page in enumerate(spec.pages, 1)
    ]
    people = {person.full_name: Person(**asdict(person)) for person in spec.people}
    rooms = {
        room.name: Room(
            name=room.name,
            capacity=room.capacity,
            location=room.location,
            online=room.online,
            position=position,
        )
        for position, room in enumerate(spec.rooms, 1)
    }
    tracks = {
        track.name: Track(name=track.name, colour=track.colour, position=position)
        for position, track in enumerate(spec.tracks, 1)
    }
    conference.people = list(people.values())
    conference.rooms = list(rooms.values())
    conference.tracks = list(tracks.values())
    first_day, zone = spec.values["start_date"], spec.values["timezone"]
    conference.sessions = [
        _build_session(item, first_day, zone, people, rooms, tracks) for item in spec.sessions
    ]
    db.session.flush()
    return conference


def _build_session(
    item: SessionSpec,
    first_day: date,
    zone: str,
    people: dict[str, Person],
    rooms: dict[str, Room],
    tracks: dict[str, Track],
) -> Session:
    session = Session(
        title=item.title,
        abstract=item.abstract,
        type=item.type,
        room=rooms[item.room] if item.room else None,
        track=tracks[item.track] if item.track else None,
        starts_at=local_instant(first_day, item.day, item.start, zone),
        ends_at=local_instant(first_day, item.day, item.end, zone),
        languages=item.languages,
        status=SessionStatus.PUBLISHED,
    )
    session.people = [
        SessionPerson(person=people[name], role=role, position=position)
        for position, (name, role) in enumerate(item.people)
    ]
    return session


def _ensure_account(account: DemoAccount, report: SeedReport) -> User:
    email = normalise_email(account.email)
    user = db.session.scalar(select(User).where(User.email == email))
    created = user is None
    if user is None:
        user = User(email=email, display_name=account.display_name, is_site_admin=account.site_admin)
        user.set_password(account.password)
        db.session.add(user)
        db.session.flush()
        note("user.created", user, user_id=None, conference_id=None, after=account_snapshot(user))
        report.created.append(f"Created account {email} ({account.description})")
    report.logins.append(DemoLogin(account, created))
    return user


def _ensure_role(user: User, conference: Conference, role: Role, report: SeedReport) -> None:
    if user.has_role(conference.id, role):
        return
    granted = ConferenceRole(user=user, conference_id=conference.id)
    save(
        granted,
        {"role": role},
        action="role.granted",
        user_id=None,
        conference_id=conference.id,
        commit=False,
    )
    report.created.append(f"Granted {user.email} the {role.value} role at {conference.slug}")


def _link_person(user: User, conference: Conference, full_name: str, report: SeedReport) -> None:
    person = db.session.scalar(
        select(Person).where(Person.conference_id == conference.id, Person.full_name == full_name)
    )
    if person is None or person.user_id is not None:
        return
    person.user_id = user.id
    db.session.flush()
    linked = {"before": {"user_id": None}, "after": {"user_id": user.id}}
    note("person.linked", person, user_id=None, conference_id=conference.id, **linked)
    report.created.append(f"Linked {user.email} to the person “{full_name}” at {conference.slug}")
