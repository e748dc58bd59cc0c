"""Site admins see every conference and create new ones."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from conference.accounts.models import Role
from conference.audit.models import AuditEntry
from conference.events.models import Conference, ConferenceStatus
from conference.extensions import db
from tests import factories
from tests.conftest import submit

LIST = "/admin/conferences/"
NEW = "/admin/conferences/new"


@pytest.fixture
def admin(app, auth):
    user = factories.make_user("admin@example.org", admin=True)
    auth.login(user.email)
    return user


def new_conference(**changes) -> dict:
    return {
        "title": "APLC Forum 2027",
        "short_name": "Forum 2027",
        "slug": "aplc-forum-2027",
        "timezone": "Asia/Bangkok",
        "start_date": "2027-03-01",
        "end_date": "2027-03-02",
    } | changes


def test_every_conference_is_listed_whatever_its_status(client, admin):
    factories.make_conference("public-one", title="Public One")
    factories.make_conference("draft-one", title="Draft One", status=ConferenceStatus.DRAFT)
    factories.make_conference("old-one", title="Old One", status=ConferenceStatus.ARCHIVED)
    html = client.get(LIST).get_data(as_text=True)
    for title in ("Public One", "Draft One", "Old One"):
        assert title in html
    assert 'href="/c/draft-one/manage/"' in html


def test_a_new_conference_is_a_draft_run_by_its_creator(client, admin):
    response = submit(client, NEW, new_conference(), follow_redirects=True)
    html = response.get_data(as_text=True)
    assert "“APLC Forum 2027” was created as a draft." in html
    assert "Conference details" in html
    conference = db.session.scalar(select(Conference).where(Conference.slug == "aplc-forum-2027"))
    assert conference.status == ConferenceStatus.DRAFT
    assert (conference.timezone, conference.start_date) == ("Asia/Bangkok", date(2027, 3, 1))
    db.session.refresh(admin)
    assert admin.has_role(conference.id, Role.ORGANISER)
    actions = set(
        db.session.scalars(select(AuditEntry.action).where(AuditEntry.conference_id == conference.id))
    )
    assert actions == {"conference.created", "role.granted"}
    assert "APLC Forum 2027" in client.get(LIST).get_data(as_text=True)
    # The badge-signing key never reaches the audit log.
    logged = " ".join(str(entry.after) for entry in db.session.scalars(select(AuditEntry)))
    assert conference.badge_key not in logged and "'badge_key': 'sha256:" in logged


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("title", "", "This field is required."),
        ("title", "x" * 5000, "Field cannot be longer than 200 characters."),
        ("short_name", "", "This field is required."),
        ("slug", "Forum 2027", "Use lower-case letters, digits and single hyphens only."),
        ("slug", "taken", "Another conference already uses this web address."),
        ("timezone", "Mars/Olympus_Mons", "Choose a time zone from the list"),
        ("start_date", "2026-13-45", "Not a valid date value."),
        ("end_date", "2027-02-28", "The last day cannot be before the first day."),
    ],
)
def test_bad_input_is_refused(client, admin, field, value, message):
    factories.make_conference("taken")
    response = submit(client, NEW, new_conference(**{field: value}))
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert message in html
    assert f'id="{field}-error"' in html
    if value and field != "timezone":
        assert value in html
    assert db.session.scalar(select(Conference).where(Conference.title == "APLC Forum 2027")) is None


def test_organisers_who_are_not_site_admins_are_refused(client, auth, conference, organiser):
    auth.login(organiser.email)
    assert client.get(LIST).status_code == 403
    assert client.get(NEW).status_code == 403
