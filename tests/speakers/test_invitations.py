"""Speaker invitations: the organiser sends a signed link; the speaker edits their profile and confirms."""

from __future__ import annotations

import re
import time
from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from conference.agenda.models import SessionPerson
from conference.audit.models import AuditEntry
from conference.extensions import db
from conference.mail.models import OutboxMessage
from conference.speakers import invitations
from conference.speakers.models import Person
from tests import factories
from tests.conftest import csrf_token, submit

LINK = re.compile(r"http://localhost(/c/aplc-2026/speaker/[^/\s\"]+/)")


@pytest.fixture
def mun(conference):
    return factories.make_person(
        conference, "Mun Seok-jin", honorific="Mayor", email="mun@example.org", position="Chairperson"
    )


@pytest.fixture
def sessions(conference, mun):
    other = factories.make_person(conference, "Kim Other")
    return {
        "opening": factories.make_session(
            conference, "Opening ceremony", people=[(mun, "chair"), (mun, "speaker")]
        ),
        "panel": factories.make_session(
            conference,
            "Learning cities panel",
            starts_at=datetime(2026, 12, 10, 3, tzinfo=UTC),
            people=[(mun, "panelist")],
        ),
        "not_his": factories.make_session(
            conference,
            "Someone else's talk",
            starts_at=datetime(2026, 12, 10, 5, tzinfo=UTC),
            people=[(other, "speaker")],
        ),
    }


def edit_url(person) -> str:
    return f"/c/aplc-2026/manage/people/{person.id}"


def fresh(person) -> Person:
    db.session.expire_all()
    return db.session.get(Person, person.id)


def invite(client, person) -> str:
    """Send the invitation as the organiser would and return the path of the link in the e-mail."""
    response = submit(client, f"{edit_url(person)}/invite", form_url=edit_url(person), follow_redirects=True)
    assert response.status_code == 200
    message = db.session.scalars(select(OutboxMessage).order_by(OutboxMessage.id.desc())).first()
    return LINK.search(message.body_text).group(1)


def actions() -> list[str]:
    return list(db.session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)))


def test_the_email_address_is_kept_privately(client, conference, signed_in):
    person = factories.make_person(conference, "Lee Bio", bio="A bio.")
    response = submit(
        client, edit_url(person), {"full_name": "Lee Bio", "email": " Lee@Example.ORG ", "bio": "A bio."}
    )
    assert response.status_code == 302
    assert fresh(person).email == "lee@example.org"
    assert 'value="lee@example.org"' in client.get(edit_url(person)).get_data(as_text=True)
    for page in ("/c/aplc-2026/speakers/", f"/c/aplc-2026/speakers/{person.id}"):
        assert "lee@example.org" not in client.get(page).get_data(as_text=True)


def test_a_bad_email_address_is_refused_next_to_the_field(client, conference, signed_in):
    response = submit(
        client, "/c/aplc-2026/manage/people/new", {"full_name": "Lee", "email": "not-an-address"}
    )
    html = response.get_data(as_text=True)
    assert 'id="email-error"' in html and "Enter an e-mail address like name@example.org." in html
    assert db.session.scalar(select(Person)) is None


def test_invite_sends_a_signed_link_in_the_conference_language(client, conference, signed_in, mun, sessions):
    conference.default_language = "ko"
    db.session.commit()
    page = client.get(edit_url(mun)).get_data(as_text=True)
    assert "Not invited yet." in page and ">Invite</button>" in page
    path = invite(client, mun)
    message = db.session.scalar(select(OutboxMessage))
    assert message.recipient == "mun@example.org" and message.language == "ko"
    assert "Mayor Mun Seok-jin" in message.body_text and path in message.body_html
    assert fresh(mun).invited_at is not None
    assert actions() == ["person.invited"]
    page = client.get(edit_url(mun)).get_data(as_text=True)
    assert "Last invited:" in page and "Revoke links" in page
    assert "Opening ceremony" in page and "Learning cities panel" in page and "Not yet" in page
    assert "Someone else" not in page


def test_invite_without_an_email_address_sends_nothing(client, conference, signed_in):
    person = factories.make_person(conference, "No Address")
    page = client.get(edit_url(person)).get_data(as_text=True)
    assert "Add an e-mail address above and save to send an invitation." in page
    response = submit(client, f"{edit_url(person)}/invite", form_url=edit_url(person), follow_redirects=True)
    assert "Add No Address&#39;s e-mail address first" in response.get_data(as_text=True)
    assert db.session.scalar(select(OutboxMessage)) is None and fresh(person).invited_at is None


def test_invite_and_revoke_pages_confirm_when_opened_directly(client, conference, signed_in, mun):
    html = client.get(f"{edit_url(mun)}/invite").get_data(as_text=True)
    assert "Send Mayor Mun Seok-jin an invitation?" in html
    html = client.get(f"{edit_url(mun)}/revoke-links").get_data(as_text=True)
    assert "Revoke the links sent to Mayor Mun Seok-jin?" in html
    assert client.post(f"{edit_url(mun)}/invite").status_code == 400  # no CSRF token
    assert db.session.scalar(select(OutboxMessage)) is None


def test_the_speaker_edits_their_profile_through_the_link(client, auth, conference, signed_in, mun, sessions):
    path = invite(client, mun)
    auth.logout()
    page = client.get(path)
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "Mayor Mun Seok-jin" in html and 'value="Chairperson"' in html
    assert page.headers["Referrer-Policy"] == "no-referrer" and "no-store" in page.headers["Cache-Control"]
    assert "Opening ceremony" in html and "Chair, Speaker" in html and "Someone else" not in html
    response = submit(
        client,
        path,
        {
            "position": "Mayor",
            "organisation": "Seodaemun-gu",
            "city": "Seoul",
            "country": "KR",
            "bio": "Mayor of **Seodaemun**. <script>alert(1)</script>",
            "links_text": "Website | https://www.sdm.go.kr",
        },
        follow_redirects=True,
    )
    assert "Thank you, your profile was saved." in response.get_data(as_text=True)
    person = fresh(mun)
    assert (person.position, person.organisation, person.country) == ("Mayor", "Seodaemun-gu", "KR")
    assert person.links == [{"label": "Website", "url": "https://www.sdm.go.kr"}]
    assert person.full_name == "Mun Seok-jin" and person.email == "mun@example.org"  # not theirs to change
    entry = db.session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
    assert entry.action == "person.self_updated" and entry.user_id is None
    assert entry.after["position"] == "Mayor"
    public = client.get(f"/c/aplc-2026/speakers/{mun.id}").get_data(as_text=True)
    assert "Mayor of <strong>Seodaemun</strong>." in public and "<script>alert(1)" not in public


def test_bad_profile_input_is_shown_next_to_the_field(client, conference, signed_in, mun):
    path = invite(client, mun)
    response = submit(
        client, path, {"country": "XX", "links_text": "javascript:alert(1)", "position": "x" * 201}
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    for field in ("country", "links_text", "position"):
        assert f'id="{field}-error"' in html
    assert fresh(mun).position == "Chairperson"


def test_the_speaker_confirms_each_session(client, auth, conference, signed_in, mun, sessions):
    path = invite(client, mun)
    auth.logout()
    opening = sessions["opening"]
    response = submit(client, f"{path}sessions/{opening.id}/confirm", form_url=path, follow_redirects=True)
    html = response.get_data(as_text=True)
    assert "Thank you, your session is confirmed." in html
    rows = db.session.scalars(select(SessionPerson).where(SessionPerson.session_id == opening.id)).all()
    assert len(rows) == 2 and all(row.confirmed_at is not None for row in rows)  # both roles
    panel_row = db.session.scalar(
        select(SessionPerson).where(SessionPerson.session_id == sessions["panel"].id)
    )
    assert panel_row.confirmed_at is None
    assert html.count(">Confirmed</span>") == 1
    assert actions()[-2:] == ["session_person.confirmed", "session_person.confirmed"]

    # Someone else's session, or one that does not exist, is not found; nothing is written.
    for session_id in (sessions["not_his"].id, 999999):
        assert submit(client, f"{path}sessions/{session_id}/confirm", form_url=path).status_code == 404
    assert (
        db.session.scalar(
            select(SessionPerson.confirmed_at).where(SessionPerson.session_id == sessions["not_his"].id)
        )
        is None
    )

    auth.login("organiser@example.org")
    page = client.get(edit_url(mun)).get_data(as_text=True)
    assert "Confirmed " in page and "Not yet" in page


def test_a_tampered_link_is_not_found(client, conference, signed_in, mun):
    path = invite(client, mun)
    token = path.split("/")[-2]
    other = factories.make_person(conference, "Other Person")
    forged = invitations.LINKS.dumps([other.id, 1])[:-3] + "abc"
    for bad in (token[:-2] + ("AA" if not token.endswith("AA") else "BB"), "nonsense", forged, "x" * 400):
        response = client.get(f"/c/aplc-2026/speaker/{bad}/")
        assert response.status_code == 404
        assert "This link is broken" in response.get_data(as_text=True)
    response = submit(client, path, {"position": "Hacker"}, form_url=path)
    assert fresh(mun).position == "Hacker"  # the genuine link still works


def test_a_link_signed_for_another_purpose_or_conference_is_not_found(app, client, conference, mun):
    from itsdangerous import URLSafeTimedSerializer

    wrong_salt = URLSafeTimedSerializer(app.secret_key, salt="registration-link").dumps([mun.id, 1])
    assert client.get(f"/c/aplc-2026/speaker/{wrong_salt}/").status_code == 404
    factories.make_conference("other-2026")
    token = invitations.make_token(mun)
    assert client.get(f"/c/other-2026/speaker/{token}/").status_code == 404
    assert client.get(f"/c/aplc-2026/speaker/{token}/").status_code == 200
    assert client.get(f"/c/nowhere/speaker/{token}/").status_code == 404


def test_an_expired_link_says_so(client, conference, mun, monkeypatch):
    token = invitations.make_token(mun)
    later = time.time() + invitations.DEFAULT_MAX_AGE + 60
    monkeypatch.setattr("itsdangerous.timed.time.time", lambda: later)
    response = client.get(f"/c/aplc-2026/speaker/{token}/")
    html = response.get_data(as_text=True)
    assert response.status_code == 410
    assert "This invitation link has expired" in html and "info@example.org" in html


def test_revoking_stops_every_link_sent(client, auth, conference, signed_in, mun):
    first = invite(client, mun)
    response = submit(client, f"{edit_url(mun)}/revoke-links", form_url=edit_url(mun), follow_redirects=True)
    assert "Links sent to Mayor Mun Seok-jin no longer work." in response.get_data(as_text=True)
    assert fresh(mun).invitation_version == 2
    assert client.get(first).status_code == 404
    second = invite(client, mun)
    assert second != first and client.get(second).status_code == 200
    assert actions() == ["person.invited", "person.links_revoked", "person.invited"]


def test_a_draft_conference_still_opens_for_its_invited_speakers(client, conference, mun):
    conference.status = "draft"
    db.session.commit()
    assert client.get("/c/aplc-2026/speakers/").status_code == 404
    assert client.get(f"/c/aplc-2026/speaker/{invitations.make_token(mun)}/").status_code == 200


@pytest.mark.parametrize("kind", ["anonymous", "delegate", "staff", "other_organiser"])
def test_only_organisers_invite_or_revoke(app, client, auth, conference, mun, kind):
    if kind != "anonymous":
        user = factories.make_user(f"{kind}@example.org")
        if kind == "staff":
            factories.grant(user, conference, "staff")
        if kind == "other_organiser":
            factories.grant(user, factories.make_conference("other-2026"), "organiser")
        auth.login(user.email)
    for action in ("invite", "revoke-links"):
        response = client.post(f"{edit_url(mun)}/{action}", data={"csrf_token": csrf_token(client)})
        assert response.status_code == (302 if kind == "anonymous" else 403)
        if kind == "anonymous":
            assert response.headers["Location"].startswith("/login")
    assert db.session.scalar(select(OutboxMessage)) is None and fresh(mun).invitation_version == 1
