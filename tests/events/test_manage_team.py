"""Organisers give existing accounts a role on their conference, and take it away."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from conference.accounts.models import ConferenceRole, Role
from conference.audit.models import AuditEntry
from conference.extensions import db
from tests import factories
from tests.conftest import submit

TEAM = "/c/aplc-2026/manage/team"


def roles_of(user) -> set[Role]:
    return set(db.session.scalars(select(ConferenceRole.role).where(ConferenceRole.user_id == user.id)))


def test_the_team_is_listed_with_roles(client, conference, signed_in):
    staff = factories.make_user("kim@example.org", name="Kim Staff")
    factories.grant(staff, conference, "staff")
    html = client.get(TEAM).get_data(as_text=True)
    assert "Kim Staff" in html and "kim@example.org" in html
    assert "Organiser" in html and "Staff" in html


@pytest.mark.parametrize("role", ["organiser", "staff", "speaker"])
def test_a_role_is_added_by_email(client, conference, signed_in, role):
    user = factories.make_user("lee@example.org", name="Lee")
    response = submit(client, TEAM, {"email": "  LEE@example.org ", "role": role}, follow_redirects=True)
    assert "lee@example.org was added to the team." in response.get_data(as_text=True)
    assert roles_of(user) == {Role(role)}
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "role.granted"))
    assert entry.after["user_id"] == user.id and entry.user_id == signed_in.id


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"email": "nobody@example.org", "role": "staff"}, "email", "No Plenary account uses this e-mail."),
        ({"email": "", "role": "staff"}, "email", "This field is required."),
        ({"email": "not an email", "role": "staff"}, "email", "Invalid email address."),
        ({"email": "x" * 5000 + "@example.org", "role": "staff"}, "email", "Field cannot be longer than 254"),
        ({"email": "lee@example.org", "role": "king"}, "role", "Choose one of the options in the list."),
        (
            {"email": "organiser@example.org", "role": "organiser"},
            "role",
            "This account already has this role.",
        ),
    ],
)
def test_bad_input_is_refused(client, conference, signed_in, data, field, message):
    factories.make_user("lee@example.org")
    response = submit(client, TEAM, data)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert message in html
    assert f'id="{field}-error"' in html
    if data["email"]:
        assert data["email"] in html
    assert db.session.scalar(select(AuditEntry)) is None


def test_a_role_is_removed_after_confirming(client, conference, signed_in):
    staff = factories.make_user("kim@example.org", name="Kim Staff")
    grant = factories.grant(staff, conference, "staff")
    url = f"{TEAM}/{grant.id}/remove"
    assert "Remove Kim Staff from the team?" in client.get(url).get_data(as_text=True)
    response = submit(client, url, follow_redirects=True)
    assert "The role was removed." in response.get_data(as_text=True)
    assert roles_of(staff) == set()
    assert db.session.scalar(select(AuditEntry.action)) == "role.removed"


def test_the_last_organiser_cannot_be_removed(client, conference, signed_in):
    grant = signed_in.roles[0]
    response = submit(client, f"{TEAM}/{grant.id}/remove", follow_redirects=True)
    assert "A conference needs at least one organiser" in response.get_data(as_text=True)
    assert roles_of(signed_in) == {Role.ORGANISER}


def test_an_organiser_can_be_removed_when_another_remains(client, conference, signed_in):
    second = factories.make_user("second@example.org")
    factories.grant(second, conference, "organiser")
    response = submit(client, f"{TEAM}/{signed_in.roles[0].id}/remove")
    assert response.status_code == 302
    assert roles_of(signed_in) == set()
    # Without the role the former organiser is now refused.
    assert client.get(TEAM).status_code == 403
