"""The demo seed: the APLC Founding Assembly as the messages describe it, a forum ahead, demo accounts."""

from __future__ import annotations

import re
from datetime import date, time, timedelta
from itertools import combinations
from pathlib import Path

import pytest
from sqlalchemy import func, select

from conference.accounts.models import Role, User
from conference.agenda.models import Session, SessionStatus, SessionType
from conference.audit.models import AuditEntry
from conference.demo.seed import DEMO_ACCOUNTS, seed_demo
from conference.events.models import ConferenceFormat, ConferenceStatus
from conference.events.queries import conference_by_slug, listed_conferences, page_by_slug
from conference.extensions import db
from conference.speakers.models import Person

TODAY = date(2026, 3, 2)
THEME = (
    "One Asia-Pacific Learning Cities: Building Resilient Cities beyond COVID-19 "
    "and Unlocking the Potential of Learning Cities"
)
AUTHORS = {
    "Mun Seok-jin": ("문석진", "APLC Founding Committee"),
    "Kwak Sang Wook": ("곽상욱", "Korean Association of Lifelong Learning Cities"),
    "Ko Nam Seok": ("고남석", "APLC Founding Committee"),
    "David Atchoarena": ("", "UNESCO Institute for Lifelong Learning"),
    "Shigeru Aoyagi": ("", "UNESCO Regional Bureau for Education in Asia and the Pacific"),
    "Lim Hyun Mook": ("임현묵", "UNESCO APCEIU"),
}
SOURCE = Path(__file__).resolve().parents[3] / "shared" / "seed" / "aplc-about.txt"


@pytest.fixture
def seeded(app):
    return seed_demo(TODAY)


@pytest.fixture
def assembly(seeded):
    return conference_by_slug("aplc-founding-assembly")


@pytest.fixture
def forum(seeded):
    return conference_by_slug("aplc-forum")


def row_counts() -> dict[str, int]:
    return {
        table.name: db.session.scalar(select(func.count()).select_from(table))
        for table in db.metadata.sorted_tables
    }


def local(moment, conference):
    return moment.astimezone(conference.tz)


def test_founding_assembly_is_a_published_past_hybrid_conference_in_seoul(assembly, forum):
    assert assembly.title == "APLC Founding Assembly"
    assert assembly.theme == THEME
    assert assembly.timezone == "Asia/Seoul"
    assert (assembly.start_date, assembly.end_date) == (date(2021, 10, 5), date(2021, 10, 6))
    assert assembly.status is ConferenceStatus.PUBLISHED
    assert assembly.format is ConferenceFormat.HYBRID
    assert (assembly.venue_name, assembly.venue_city, assembly.venue_country) == (
        "Seodaemun-gu Office",
        "Seoul",
        "KR",
    )
    assert assembly.contact_email.endswith(".example")
    for words in (
        "Seodaemun-gu",
        "Yeonsu-gu",
        "UIL",
        "APCEIU",
        "DVV International",
        "PASCAL",
        "48 countries",
    ):
        assert words in assembly.description

    upcoming, past = listed_conferences(TODAY)
    assert past == [assembly]
    assert upcoming == [forum]


def test_the_six_authors_have_roles_local_names_and_bios_from_their_messages(assembly):
    people = {person.full_name: person for person in assembly.people}
    for name, (local_name, organisation) in AUTHORS.items():
        person = people[name]
        assert person.local_name == local_name
        assert person.organisation == organisation
        assert person.honorific and person.position and person.country
        sentences = [s for s in re.split(r"(?<=\.)\s+", person.bio) if s]
        assert 2 <= len(sentences) <= 4, name
        assert "message" in person.bio
    assert (people["David Atchoarena"].city, people["David Atchoarena"].country) == ("Hamburg", "DE")
    assert people["Shigeru Aoyagi"].country == "TH"
    assert "Mayor of Osan" in people["Kwak Sang Wook"].position


def test_everyone_else_in_the_programme_is_a_role_not_an_invented_person(assembly):
    others = [person for person in assembly.people if person.full_name not in AUTHORS]
    assert others
    for person in others:
        assert re.search(r"representative|Representative of", person.full_name), person.full_name
        assert "not a named individual" in person.bio
        assert person.organisation


def test_welcome_page_quotes_all_six_messages_under_their_authors(assembly):
    page = page_by_slug(assembly, "welcome")
    assert (page.title, page.position, page.in_menu) == ("Welcome messages", 1, True)
    headings = re.findall(r"^## (.+)$", page.body, flags=re.MULTILINE)
    assert [heading.split(" — ")[0] for heading in headings] == list(AUTHORS)
    assert "Director, UNESCO Institute for Lifelong Learning" in headings[3]
    assert 'vision of "One Asia Pacific Learning Cities."' in page.body
    assert "the 50 Korea-based learning cities participating in the GNLC" in page.body


@pytest.mark.skipif(not SOURCE.exists(), reason="the shared seed text is not beside the repository")
def test_welcome_page_has_every_paragraph_of_the_source_word_for_word(assembly):
    body = page_by_slug(assembly, "welcome").body
    skipped = {"About APLC", "Welcoming Message", "About Image"}
    paragraphs = [line.strip() for line in SOURCE.read_text(encoding="utf-8").splitlines()]
    for paragraph in paragraphs:
        if paragraph and paragraph not in skipped:
            assert paragraph in body, paragraph[:60]


def test_about_venue_and_travel_pages(assembly):
    pages = {page.slug: page for page in assembly.pages}
    assert [page.slug for page in assembly.pages] == ["welcome", "about", "venue", "travel"]
    about = pages["about"].body
    assert about.count("\n1. ") == 1 and "\n7. Positive influence on sustainable" in about
    assert "One Asia Pacific Learning Cities" in about
    assert "Incheon International Airport (ICN)" in pages["travel"].body
    assert "https://www.visa.go.kr" in pages["travel"].body
    assert "Grand Hall" in pages["venue"].body


def test_rooms_and_tracks(assembly):
    assert {room.name: room.capacity for room in assembly.rooms}["Grand Hall"] == 400
    assert len(assembly.tracks) == 4
    assert all(re.fullmatch(r"#[0-9a-f]{6}", track.colour) for track in assembly.tracks)


def test_the_online_studio_is_an_online_only_room_and_calendars_say_so(client, assembly, forum):
    for conference in (assembly, forum):
        assert [room.name for room in conference.rooms if room.online] == ["Online Studio"]
    feed = client.get(f"/c/{forum.slug}/calendar.ics").get_data(as_text=True)
    assert "\r\nLOCATION:Online\r\n" in feed


def test_agenda_runs_over_two_days_in_seoul_time(assembly):
    sessions = sorted(assembly.sessions, key=lambda s: s.starts_at)
    assert 20 <= len(sessions) <= 25
    assert all(s.status is SessionStatus.PUBLISHED for s in sessions)
    assert local(sessions[0].starts_at, assembly).time() == time(9, 0)
    assert local(sessions[0].starts_at, assembly).date() == date(2021, 10, 5)
    assert {local(s.starts_at, assembly).date() for s in sessions} == {date(2021, 10, 5), date(2021, 10, 6)}
    types = {s.type for s in sessions}
    for expected in (SessionType.OPENING, SessionType.KEYNOTE, SessionType.PANEL, SessionType.WORKSHOP):
        assert expected in types
    assembly_session = next(s for s in sessions if s.type is SessionType.GENERAL_ASSEMBLY)
    assert "Adoption of the APLC charter" in assembly_session.abstract
    assert "Election of the board" in assembly_session.abstract
    welcome = next(s for s in sessions if s.type is SessionType.WELCOME)
    assert [p.person.full_name for p in welcome.people if p.role.value == "speaker"] == [
        "Mun Seok-jin",
        "Kwak Sang Wook",
        "Ko Nam Seok",
    ]
    plenaries = [s for s in sessions if s.room and s.room.name == "Grand Hall"]
    assert plenaries and all(s.language_codes == ["en", "ko"] for s in plenaries)


def test_sessions_fit_their_conference_days_and_never_share_a_room(assembly, forum):
    for conference in (assembly, forum):
        for session in conference.sessions:
            assert session.ends_at > session.starts_at
            assert conference.start_date <= local(session.starts_at, conference).date()
            assert local(session.ends_at, conference).date() <= conference.end_date
        for one, other in combinations(conference.sessions, 2):
            if one.room_id is not None and one.room_id == other.room_id:
                assert one.ends_at <= other.starts_at or other.ends_at <= one.starts_at, (
                    one.title,
                    other.title,
                )


def test_session_people_rooms_and_tracks_belong_to_the_same_conference(assembly, forum):
    for conference in (assembly, forum):
        for session in conference.sessions:
            assert all(sp.person.conference_id == conference.id for sp in session.people)
            assert session.room is None or session.room.conference_id == conference.id
            assert session.track is None or session.track.conference_id == conference.id
            assert [sp.position for sp in session.people] == list(range(len(session.people)))


def test_forum_is_upcoming_and_dated_from_today(forum):
    assert forum.start_date == TODAY + timedelta(days=45)
    assert forum.end_date == forum.start_date + timedelta(days=1)
    assert forum.title == f"APLC Learning Cities Forum {forum.start_date.year}"
    assert forum.status is ConferenceStatus.PUBLISHED
    assert 5 <= len(forum.sessions) <= 8
    assert local(min(s.starts_at for s in forum.sessions), forum).date() == forum.start_date


def test_forum_dates_follow_the_day_it_is_seeded(app):
    seed_demo(date(2030, 12, 1))
    forum = conference_by_slug("aplc-forum")
    assert forum.start_date == date(2031, 1, 15)
    assert forum.title == "APLC Learning Cities Forum 2031"


def test_demo_accounts_and_their_roles(seeded, assembly, forum):
    users = {user.email: user for user in db.session.scalars(select(User))}
    assert set(users) == {account.email for account in DEMO_ACCOUNTS}
    for account in DEMO_ACCOUNTS:
        assert users[account.email].check_password(account.password)
    assert users["admin@plenary.example.org"].is_site_admin
    for conference in (assembly, forum):
        assert users["organiser@plenary.example.org"].has_role(conference.id, Role.ORGANISER)
        assert users["staff@plenary.example.org"].has_role(conference.id, Role.STAFF)
        assert not users["staff@plenary.example.org"].can_manage(conference.id)
        speaker = users["speaker@plenary.example.org"]
        assert speaker.has_role(conference.id, Role.SPEAKER)
        linked = db.session.scalar(
            select(Person).where(Person.conference_id == conference.id, Person.user_id == speaker.id)
        )
        assert linked.full_name == "Representative of Yeonsu-gu"


@pytest.mark.parametrize("account", DEMO_ACCOUNTS, ids=lambda account: account.email.split("@")[0])
def test_each_demo_account_can_log_in(seeded, client, auth, account):
    auth.login(account.email, account.password)
    with client.session_transaction() as session:
        user = db.session.scalar(select(User).where(User.email == account.email))
        assert session.get("_user_id") == user.get_id()


def test_a_second_run_adds_nothing(seeded):
    before = row_counts()
    again = seed_demo(TODAY + timedelta(days=30))
    assert row_counts() == before
    assert again.created == []
    assert len(again.kept) == 2
    assert all(not login.created for login in again.logins)


def test_a_run_leaves_edited_content_and_passwords_alone_and_fills_in_what_is_missing(seeded, assembly):
    assembly.title = "Edited by an organiser"
    organiser = db.session.scalar(select(User).where(User.email == "organiser@plenary.example.org"))
    organiser.set_password("a password the organiser chose")
    staff = db.session.scalar(select(User).where(User.email == "staff@plenary.example.org"))
    db.session.delete(staff)
    db.session.commit()

    report = seed_demo(TODAY)

    assert conference_by_slug("aplc-founding-assembly").title == "Edited by an organiser"
    assert organiser.check_password("a password the organiser chose")
    assert (
        report.created[0]
        == "Created account staff@plenary.example.org (check-in staff at both demo conferences)"
    )
    assert len(report.created) == 3  # the account and its staff role at both conferences
    assert db.session.scalar(select(func.count()).select_from(Session)) == 24 + 8


def test_creations_are_audited_without_password_hashes(seeded):
    entries = db.session.scalars(select(AuditEntry)).all()
    actions = [entry.action for entry in entries]
    assert actions.count("conference.created") == 2
    assert actions.count("user.created") == len(DEMO_ACCOUNTS)
    assert all("password_hash" not in (entry.after or {}) for entry in entries)


def test_seed_demo_command_prints_what_it_made_and_the_log_ins(runner):
    result = runner.invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output
    assert "Created conference “APLC Founding Assembly” (aplc-founding-assembly)" in result.output
    assert "24 sessions" in result.output
    for account in DEMO_ACCOUNTS:
        assert re.search(rf"{re.escape(account.email)}\s+{re.escape(account.password)}", result.output)

    again = runner.invoke(args=["seed-demo"])
    assert again.exit_code == 0
    assert "Nothing to add" in again.output
    assert "Created" not in again.output
    assert "password not reset" in again.output
