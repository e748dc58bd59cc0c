"""Delegations: a contact registers several delegates in one go and manages the group from a signed link."""

from __future__ import annotations

import re

from sqlalchemy import select

from conference.extensions import db
from conference.mail.models import OutboxMessage
from conference.registration import services
from conference.registration.links.tokens import delegation_token
from conference.registration.models import Delegation, Registration, RegistrationStatus
from tests import factories
from tests.conftest import submit

URL = "/c/aplc-2026/register/delegation"


def group_data(ticket, delegates: list[dict], **overrides) -> dict:
    data = {
        "ticket_type": str(ticket.id),
        "contact_name": "Lee Jae-won",
        "contact_email": "contact@suwon.example.org",
        "name": "Suwon City",
        "country": "KR",
        "privacy_consent": "y",
    }
    for index, delegate in enumerate(delegates):
        row = {"category": "member_city", "interpretation_language": ""} | delegate
        data |= {f"delegates-{index}-{key}": value for key, value in row.items()}
    data.update(overrides)
    return data


def registrations() -> list[Registration]:
    return list(db.session.scalars(select(Registration).order_by(Registration.id)))


def test_a_contact_registers_a_delegation(client, conference):
    ticket = factories.make_ticket(conference, name="Member city delegate")
    page = client.get(URL).get_data(as_text=True)
    assert page.count("data-delegate-row") == 3
    delegates = [
        {"given_name": "Mina", "family_name": "Park", "email": "mina@example.org", "phone": "010-1234-5678"},
        {"given_name": "Joon", "family_name": "Kim", "email": "joon@example.org", "position": "Mayor"},
        {},  # an empty row is skipped
    ]
    response = submit(client, URL, group_data(ticket, delegates))
    assert response.status_code == 302
    members = registrations()
    assert [m.email for m in members] == ["mina@example.org", "joon@example.org"]
    assert all(m.status == RegistrationStatus.CONFIRMED for m in members)
    assert members[0].phone == "+821012345678"
    assert {m.organisation for m in members} == {"Suwon City"} and {m.country for m in members} == {"KR"}
    assert all(m.privacy_consent_at is not None for m in members)
    delegation = db.session.scalar(select(Delegation))
    assert {m.delegation_id for m in members} == {delegation.id}
    assert delegation.contact_email == "contact@suwon.example.org"

    recipients = [m.recipient for m in db.session.scalars(select(OutboxMessage))]
    assert {"mina@example.org", "joon@example.org", "contact@suwon.example.org"} <= set(recipients)
    contact_mail = db.session.scalar(
        select(OutboxMessage).where(OutboxMessage.recipient == "contact@suwon.example.org")
    )
    assert "Mina Park" in contact_mail.body_text
    path = re.search(r"http://localhost(/c/aplc-2026/delegation/\S+)", contact_mail.body_text).group(1)

    page = client.get(response.headers["Location"])
    text = page.get_data(as_text=True)
    assert "2 delegates are registered" in text
    assert "Delegation: Suwon City" in text and "Mina Park" in text and "Joon Kim" in text
    assert client.get(path).status_code == 200


def test_every_delegate_is_checked_before_anyone_is_registered(client, conference):
    ticket = factories.make_ticket(conference)
    services.register(conference, ticket, factories.delegate("taken@example.org"))
    delegates = [
        {"given_name": "Mina", "email": "mina@example.org"},
        {"given_name": "Joon", "email": "MINA@example.org"},
        {"given_name": "Taken", "email": "taken@example.org"},
        {"given_name": "", "email": "bad", "family_name": "Typed"},
    ]
    response = submit(client, URL, group_data(ticket, delegates))
    assert response.status_code == 200
    text = response.get_data(as_text=True)
    assert "Enter an e-mail address like name@example.org." in text
    assert 'value="Typed"' in text
    assert len(registrations()) == 1

    delegates[3] = {"given_name": "Ok", "email": "ok@example.org"}
    response = submit(client, URL, group_data(ticket, delegates))
    text = response.get_data(as_text=True)
    assert "This e-mail address appears twice in the group." in text
    assert "This e-mail address is already registered for the conference." in text
    assert len(registrations()) == 1 and db.session.scalar(select(Delegation)) is None


def test_at_least_one_delegate_and_consent_are_needed(client, conference):
    ticket = factories.make_ticket(conference)
    response = submit(client, URL, group_data(ticket, [], privacy_consent=None))
    text = response.get_data(as_text=True)
    assert "Each delegate needs to agree to the privacy notice." in text
    response = submit(client, URL, group_data(ticket, []))
    assert "Add at least one delegate." in response.get_data(as_text=True)
    assert registrations() == []


def test_add_another_row_works_without_javascript(client, conference):
    ticket = factories.make_ticket(conference)
    delegates = [{"given_name": "Mina", "email": "mina@example.org"}, {}, {}]
    response = submit(client, URL, group_data(ticket, delegates, add_row="1"))
    assert response.status_code == 200
    text = response.get_data(as_text=True)
    assert text.count("data-delegate-row") == 4
    assert 'name="delegates-3-given_name"' in text and 'value="Mina"' in text
    assert "This field is required." not in text  # adding a row is not a submission
    assert registrations() == []


def test_a_full_ticket_puts_the_rest_of_the_group_on_the_waitlist(client, conference):
    ticket = factories.make_ticket(conference, capacity=1)
    delegates = [{"given_name": "A", "email": "a@example.org"}, {"given_name": "B", "email": "b@example.org"}]
    submit(client, URL, group_data(ticket, delegates))
    assert [m.status for m in registrations()] == [
        RegistrationStatus.CONFIRMED,
        RegistrationStatus.WAITLISTED,
    ]


def test_the_contact_cancels_a_member_and_resends_a_link(client, conference):
    ticket = factories.make_ticket(conference)
    delegates = [{"given_name": "A", "email": "a@example.org"}, {"given_name": "B", "email": "b@example.org"}]
    page_url = submit(client, URL, group_data(ticket, delegates)).headers["Location"]
    first, second = registrations()

    resend = submit(client, f"{page_url}/members/{second.id}/resend", form_url=page_url)
    assert "We sent B the link to their registration again." in client.get(
        resend.headers["Location"]
    ).get_data(as_text=True)
    newest = db.session.scalars(select(OutboxMessage).order_by(OutboxMessage.id.desc())).first()
    assert newest.recipient == "b@example.org"

    confirm = client.get(f"{page_url}/members/{first.id}/cancel")
    assert "Cancel the registration of A?" in confirm.get_data(as_text=True)
    done = submit(client, f"{page_url}/members/{first.id}/cancel")
    assert done.status_code == 302
    db.session.refresh(first)
    assert first.status == RegistrationStatus.CANCELLED
    text = client.get(page_url).get_data(as_text=True)
    assert "The registration of A is cancelled." in text and "Cancelled" in text


def test_members_of_other_groups_are_out_of_reach(client, conference):
    ticket = factories.make_ticket(conference)
    page_url = submit(
        client, URL, group_data(ticket, [{"given_name": "A", "email": "a@example.org"}])
    ).headers["Location"]
    outsider = services.register(conference, ticket, factories.delegate("x@example.org"))
    assert client.get(f"{page_url}/members/{outsider.id}/cancel").status_code == 404
    assert client.get(f"{page_url}/members/99999999999/cancel").status_code == 404
    response = submit(client, f"{page_url}/members/{outsider.id}/resend", form_url=page_url)
    assert response.status_code == 404
    db.session.refresh(outsider)
    assert outsider.status == RegistrationStatus.CONFIRMED


def test_tampered_and_expired_delegation_links(app, client, conference):
    ticket = factories.make_ticket(conference)
    page_url = submit(
        client, URL, group_data(ticket, [{"given_name": "A", "email": "a@example.org"}])
    ).headers["Location"]
    broken = client.get(page_url[:-4] + "abcd")
    assert broken.status_code == 404 and "This link is broken" in broken.get_data(as_text=True)
    # A "my registration" token is signed with another salt: it does not open a delegation.
    member = registrations()[0]
    from conference.registration.links.tokens import make_token

    assert client.get(f"/c/aplc-2026/delegation/{make_token(member)}").status_code == 404
    app.config["REGISTRATION_LINK_MAX_AGE"] = -1
    expired = client.get(page_url)
    assert expired.status_code == 410 and "This link has expired" in expired.get_data(as_text=True)


def test_a_delegation_link_for_another_conference_is_broken(client, conference):
    other = factories.make_conference("other-2027")
    group = Delegation(conference_id=other.id, name="X", contact_name="Y", contact_email="y@example.org")
    db.session.add(group)
    db.session.commit()
    assert client.get(f"/c/aplc-2026/delegation/{delegation_token(group)}").status_code == 404
    assert client.get(f"/c/other-2027/delegation/{delegation_token(group)}").status_code == 200


def test_hostile_input_in_a_delegation_never_breaks_it(client, conference):
    ticket = factories.make_ticket(conference)
    delegates = [
        {"given_name": "<script>x</script>", "email": "a@example.org", "category": "nope", "phone": "++"},
        {"given_name": "B" * 1000, "email": "b@example.org"},
    ]
    data = group_data(ticket, delegates, name="<b>Suwon</b>", country="??")
    data["delegates-100000-given_name"] = "far away"
    response = submit(client, URL, data)
    assert response.status_code == 200
    text = response.get_data(as_text=True)
    assert "<script>x</script>" not in text and "Use at most 100 characters." in text
    assert registrations() == []
