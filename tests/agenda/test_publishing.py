"""Publishing the agenda: numbered versions with a changelog, blocked by conflicts, mail to bookmarkers."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from conference.agenda.models import AgendaVersion, SessionPerson, SessionStatus
from conference.agenda.publishing import diff_snapshots
from conference.audit.models import AuditEntry
from conference.extensions import db
from conference.mail.models import OutboxMessage
from conference.personal.models import Bookmark
from conference.registration import services as registration_services
from tests import factories
from tests.conftest import submit

NINE = datetime(2026, 12, 10, 0, tzinfo=UTC)  # 09:00 in Seoul


@pytest.fixture
def programme(conference):
    hall = factories.make_room(conference, "Grand Hall")
    studio = factories.make_room(conference, "Studio B")
    mun = factories.make_person(conference, "Mun Seok-jin")
    kwak = factories.make_person(conference, "Kwak Sang Wook")
    return {
        "hall": hall,
        "studio": studio,
        "mun": mun,
        "kwak": kwak,
        "opening": factories.make_session(conference, "Opening", room_id=hall.id, people=[(mun, "chair")]),
        "panel": factories.make_session(
            conference,
            "Panel",
            starts_at=NINE + timedelta(hours=2),
            room_id=hall.id,
            people=[(kwak, "speaker")],
        ),
        "workshop": factories.make_session(
            conference, "Workshop", starts_at=NINE + timedelta(hours=4), room_id=studio.id
        ),
        "coffee": factories.make_session(conference, "Coffee", starts_at=NINE + timedelta(hours=6)),
    }


def publish_url(conference) -> str:
    return f"/c/{conference.slug}/manage/agenda/publish"


def agenda_html(client, conference) -> str:
    return client.get(f"/c/{conference.slug}/agenda/?day=2026-12-10").get_data(as_text=True)


def versions(conference) -> list[AgendaVersion]:
    return list(
        db.session.scalars(
            select(AgendaVersion)
            .where(AgendaVersion.conference_id == conference.id)
            .order_by(AgendaVersion.number)
        )
    )


def post_publish(client, conference, **fields):
    return submit(client, publish_url(conference), fields)


# Who may publish


def test_anonymous_visitors_are_sent_to_log_in(client, conference):
    response = client.get(publish_url(conference))
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    assert client.post(publish_url(conference)).status_code in (302, 400)
    assert versions(conference) == []


def test_delegates_and_other_organisers_are_refused(client, auth, conference):
    factories.make_user("delegate@example.org")
    other = factories.make_conference("other")
    stranger = factories.make_user("other-organiser@example.org")
    factories.grant(stranger, other, "organiser")
    for email in ("delegate@example.org", "other-organiser@example.org"):
        auth.login(email)
        assert client.get(publish_url(conference)).status_code == 403
        auth.logout()


def test_unknown_conference_is_not_found(client, signed_in):
    assert client.get("/c/nowhere/manage/agenda/publish").status_code == 404


# The first version


def test_public_agenda_is_empty_until_the_first_publish(client, conference, signed_in, programme):
    assert "Opening" not in agenda_html(client, conference)
    assert client.get(f"/c/{conference.slug}/agenda/sessions/{programme['opening'].id}").status_code == 404

    page = client.get(publish_url(conference)).get_data(as_text=True)
    assert "Nothing yet: the public agenda is empty" in page
    assert "Publish version 1</button>" in page
    assert "Added: Dec 10, 2026, 9:00\u202fAM – 10:00\u202fAM" in page

    response = post_publish(client, conference, note="First programme", version="1")
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Version 1 of the agenda is published." in page
    [version] = versions(conference)
    assert (
        version.number == 1 and version.published_by_id == signed_in.id and version.note == "First programme"
    )
    assert {c["session_id"] for c in version.changes} == {
        s.id for s in programme.values() if hasattr(s, "title")
    }
    assert "Opening" in agenda_html(client, conference)

    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "agenda.published"))
    assert entry.user_id == signed_in.id and entry.after["number"] == 1 and entry.after["sessions"] == 4


def test_drafts_are_not_published(client, conference, signed_in, programme):
    factories.make_session(conference, "Secret draft", status=SessionStatus.DRAFT)
    post_publish(client, conference, version="1")
    assert "Secret draft" not in agenda_html(client, conference)
    assert all(entry["title"] != "Secret draft" for entry in versions(conference)[0].snapshot)


# Later versions and their changelog


def test_changes_are_listed_published_and_numbered(client, conference, signed_in, programme):
    post_publish(client, conference, version="1")
    opening, panel, workshop, coffee = (programme[k] for k in ("opening", "panel", "workshop", "coffee"))
    opening.starts_at, opening.ends_at = NINE + timedelta(minutes=30), NINE + timedelta(minutes=90)
    panel.room_id = programme["studio"].id
    panel.starts_at, panel.ends_at = NINE + timedelta(hours=8), NINE + timedelta(hours=9)
    workshop.status = SessionStatus.CANCELLED
    coffee.title = "Coffee and tea"
    coffee.people.append(SessionPerson(person=programme["kwak"], role="speaker"))
    db.session.commit()
    factories.make_session(conference, "Late addition", starts_at=NINE + timedelta(hours=10))
    removed = factories.make_session(conference, "Soon gone", starts_at=NINE + timedelta(hours=11))
    factories.publish(conference)  # version 2, so that one session can be taken out in version 3
    removed.status = SessionStatus.DRAFT
    db.session.commit()

    # Nothing public changes before publishing.
    html = agenda_html(client, conference)
    assert "Soon gone" in html and "Coffee and tea" in html

    page = client.get(publish_url(conference)).get_data(as_text=True)
    assert "What version 3 would change" in page and "Removed from the programme" in page
    assert post_publish(client, conference, version="3").status_code == 302
    html = agenda_html(client, conference)
    assert "Soon gone" not in html
    assert [v.number for v in versions(conference)] == [1, 2, 3]

    second = versions(conference)[1]
    kinds = {c["title"]: c["kinds"] for c in second.changes}
    assert kinds == {
        "Opening": ["moved"],
        "Panel": ["moved", "room_changed"],
        "Workshop": ["cancelled"],
        "Coffee and tea": ["retitled", "speakers_changed"],
        "Late addition": ["added"],
        "Soon gone": ["added"],
    }
    assert versions(conference)[2].changes[0]["kinds"] == ["removed"]


def test_the_public_sees_the_changelog(client, conference, signed_in, programme):
    assert "The programme has not been published yet." in client.get(
        f"/c/{conference.slug}/agenda/changes"
    ).get_data(as_text=True)
    post_publish(client, conference, version="1")
    programme["panel"].room_id = programme["studio"].id
    programme["workshop"].status = SessionStatus.CANCELLED
    programme["opening"].title = "Grand opening"
    db.session.commit()
    post_publish(client, conference, note="Room swap", version="2")

    client.get("/logout")
    html = client.get(f"/c/{conference.slug}/agenda/changes").get_data(as_text=True)
    assert html.index("Version 2") < html.index("Version 1")
    assert "Room swap" in html
    assert "Room changed to Studio B (was Grand Hall)" in html
    assert "Cancelled" in html and "Renamed (was “Opening”)" in html
    assert "The programme was first published with 4 sessions." in html
    assert f'href="/c/{conference.slug}/agenda/sessions/{programme["panel"].id}">Panel</a>' in html
    assert f'href="/c/{conference.slug}/agenda/changes"' in agenda_html(client, conference)


def test_changes_page_of_unknown_conference_is_not_found(client):
    assert client.get("/c/nowhere/agenda/changes").status_code == 404


# What stops a publish


def test_a_conflict_blocks_publishing(client, conference, signed_in, programme):
    post_publish(client, conference, version="1")
    clash = factories.make_session(conference, "Double booked", room_id=programme["hall"].id)
    page = client.get(publish_url(conference)).get_data(as_text=True)
    assert "1 conflict blocks publishing" in page
    assert "“Opening” and “Double booked” are both in Grand Hall at the same time." in page
    assert "Publish version 2</button>" not in page

    response = post_publish(client, conference, version="2", form_url=None)
    assert response.status_code == 409
    assert "Nothing was published: fix the conflict below first." in response.get_data(as_text=True)
    assert [v.number for v in versions(conference)] == [1]
    assert "Double booked" not in agenda_html(client, conference)

    clash.starts_at, clash.ends_at = NINE + timedelta(hours=12), NINE + timedelta(hours=13)
    db.session.commit()
    assert post_publish(client, conference, version="2").status_code == 302
    assert "Double booked" in agenda_html(client, conference)


def test_nothing_to_publish(client, conference, signed_in, programme):
    post_publish(client, conference, version="1")
    page = client.get(publish_url(conference)).get_data(as_text=True)
    assert "Nothing: the public agenda already shows the programme as it is." in page
    response = post_publish(client, conference, version="2")
    assert response.status_code == 409
    assert "Nothing was published" in response.get_data(as_text=True)
    assert len(versions(conference)) == 1


def test_someone_else_published_meanwhile(client, conference, signed_in, programme):
    token_page = publish_url(conference)
    factories.publish(conference)  # another organiser, after this one opened the page for version 1
    programme["coffee"].title = "Coffee break"
    db.session.commit()
    response = submit(client, publish_url(conference), {"version": "1"}, form_url=token_page)
    assert response.status_code == 409
    assert "Someone published the agenda while you were reviewing it." in response.get_data(as_text=True)
    assert len(versions(conference)) == 1


@pytest.mark.parametrize("fields", [{"note": "x" * 501, "version": "1"}, {"version": "abc"}, {"version": ""}])
def test_bad_input_never_publishes_something_unreviewed(client, conference, signed_in, programme, fields):
    response = post_publish(client, conference, **fields)
    if fields.get("note"):
        assert response.status_code == 400
        assert "Field cannot be longer than 500 characters." in response.get_data(as_text=True)
        assert versions(conference) == []
    else:
        # Without a number the organiser still saw this page's preview: it publishes.
        assert response.status_code == 302


def test_post_without_csrf_token_is_refused(client, conference, signed_in, programme):
    assert client.post(publish_url(conference), data={"version": "1"}).status_code == 400
    assert versions(conference) == []


# Telling delegates who bookmarked a changed session


def test_bookmarkers_get_one_mail_listing_their_changed_sessions(client, conference, signed_in, programme):
    ticket = factories.make_ticket(conference)
    korean = registration_services.register(
        conference,
        ticket,
        factories.delegate("jiwoo@example.kr", given_name="Jiwoo"),
        language="ko",
        by_organiser=True,
    )
    user = factories.make_user("ayesha@example.org", name="Ayesha")
    opening, panel, workshop, coffee = (programme[k] for k in ("opening", "panel", "workshop", "coffee"))
    factories.publish(conference)
    db.session.add_all(
        [
            Bookmark(session_id=opening.id, user_id=user.id),
            Bookmark(session_id=panel.id, user_id=user.id),
            Bookmark(session_id=coffee.id, user_id=user.id),  # unchanged: not in the mail
            Bookmark(session_id=workshop.id, registration_id=korean.id),
        ]
    )
    db.session.commit()
    before = db.session.scalar(select(db.func.max(OutboxMessage.id))) or 0

    opening.starts_at, opening.ends_at = NINE + timedelta(minutes=30), NINE + timedelta(minutes=90)
    panel.status = SessionStatus.CANCELLED
    workshop.room_id = programme["hall"].id
    db.session.commit()
    assert post_publish(client, conference, version="2").status_code == 302

    mails = list(db.session.scalars(select(OutboxMessage).where(OutboxMessage.id > before)))
    assert sorted(m.recipient for m in mails) == ["ayesha@example.org", "jiwoo@example.kr"]
    mine = next(m for m in mails if m.recipient == "ayesha@example.org")
    assert mine.subject == "Changes to your sessions at APLC 2026"
    assert "have changed 2 sessions in your agenda (version 2 of the programme)" in mine.body_text
    assert (
        "Moved to Dec 10, 2026, 9:30\u202fAM – 10:30\u202fAM (was Dec 10, 2026, 9:00\u202fAM"
        in mine.body_text
    )
    assert "Cancelled" in mine.body_text and "Coffee" not in mine.body_text
    assert f"http://localhost/c/{conference.slug}/agenda/sessions/{opening.id}" in mine.body_text
    assert f'href="http://localhost/c/{conference.slug}/agenda/sessions/{panel.id}"' in mine.body_html
    assert mine.body_text.index("Opening") < mine.body_text.index("Panel")

    korean_mail = next(m for m in mails if m.recipient == "jiwoo@example.kr")
    assert korean_mail.language == "ko"
    assert "Workshop" in korean_mail.body_text and "Studio B" in korean_mail.body_text


def test_a_delegate_bookmarking_twice_gets_one_mail(client, conference, signed_in, programme):
    ticket = factories.make_ticket(conference)
    user = factories.make_user("mina@example.org", name="Mina")
    registration = registration_services.register(
        conference, ticket, factories.delegate("mina@example.org"), by_organiser=True, user_id=user.id
    )
    factories.publish(conference)
    db.session.add_all(
        [
            Bookmark(session_id=programme["opening"].id, user_id=user.id),
            Bookmark(session_id=programme["panel"].id, registration_id=registration.id),
        ]
    )
    db.session.commit()
    before = db.session.scalar(select(db.func.max(OutboxMessage.id))) or 0
    programme["opening"].title = "Grand opening"
    programme["panel"].title = "Big panel"
    db.session.commit()
    post_publish(client, conference, version="2")
    [mail] = db.session.scalars(select(OutboxMessage).where(OutboxMessage.id > before))
    assert "Grand opening" in mail.body_text and "Big panel" in mail.body_text


def test_small_corrections_and_first_versions_send_no_mail(client, conference, signed_in, programme):
    user = factories.make_user("ayesha@example.org")
    db.session.add(Bookmark(session_id=programme["opening"].id, user_id=user.id))
    db.session.commit()
    post_publish(client, conference, version="1")
    programme["opening"].abstract = "Now with an abstract."
    db.session.commit()
    post_publish(client, conference, version="2")
    assert versions(conference)[1].changes[0]["kinds"] == ["updated"]
    assert db.session.scalar(select(db.func.count(OutboxMessage.id))) == 0
    html = client.get(f"/c/{conference.slug}/agenda/changes").get_data(as_text=True)
    assert "Details updated" in html


def test_diff_snapshots():
    def entry(**values):
        base = dict(
            id=1,
            title="Talk",
            status="published",
            starts_at="2026-12-10T00:00:00+00:00",
            ends_at="2026-12-10T01:00:00+00:00",
            room_id=1,
            room_name="Hall",
            people=[{"person_id": 1, "role": "speaker", "display_name": "A"}],
            abstract="",
        )
        return base | values

    assert diff_snapshots([entry()], [entry()]) == []
    assert diff_snapshots([entry()], [entry(status="cancelled")])[0]["kinds"] == ["cancelled"]
    assert diff_snapshots([entry(status="cancelled")], [entry()])[0]["kinds"] == ["reinstated"]
    assert diff_snapshots([entry()], [entry(room_id=2, room_name="Annex")])[0]["kinds"] == ["room_changed"]
    # The order of people on the page is not a change of speakers.
    two = [
        {"person_id": 1, "role": "speaker", "display_name": "A"},
        {"person_id": 2, "role": "chair", "display_name": "B"},
    ]
    assert diff_snapshots([entry(people=two)], [entry(people=two[::-1])])[0]["kinds"] == ["updated"]
    assert diff_snapshots([entry(people=two)], [entry(people=two[:1])])[0]["kinds"] == ["speakers_changed"]
    # A room that becomes online-only is a change of room; a version from before the flag existed is not.
    assert diff_snapshots([entry()], [entry(room_online=True)])[0]["kinds"] == ["room_changed"]
    assert diff_snapshots([entry()], [entry(room_online=False)]) == []
    removed = diff_snapshots([entry()], [])[0]
    assert (
        removed["kinds"] == ["removed"] and removed["after"] is None and removed["before"]["title"] == "Talk"
    )
