"""The organiser's overview of a conference and its activity log."""

from __future__ import annotations

from datetime import UTC, datetime

from conference.agenda.models import SessionStatus
from conference.audit.models import AuditEntry
from conference.extensions import db
from tests import factories
from tests.conftest import submit

DASHBOARD = "/c/aplc-2026/manage/"
ACTIVITY = "/c/aplc-2026/manage/activity"


def log(conference, user, count: int, at: datetime | None = None) -> None:
    for number in range(count):
        db.session.add(
            AuditEntry(
                action="page.updated",
                object_type="Page",
                object_id=number,
                user_id=user.id,
                conference_id=conference.id,
                before={"title": f"Old {number}"},
                after={"title": f"Entry {number}"},
                at=at or datetime(2026, 1, 1, tzinfo=UTC).replace(minute=number % 60, hour=number // 60),
            )
        )
    db.session.commit()


def stat(html: str, label: str) -> str:
    """The number shown on the dashboard's tile for a section."""
    before = html.split(f'<span class="stat-label">{label}</span>')[0]
    return before.rsplit('<span class="stat-number">', 1)[1].split("</span>")[0]


def test_the_dashboard_counts_everything(client, conference, signed_in):
    factories.make_page(conference)
    for name in ("A", "B"):
        factories.make_person(conference, name)
    factories.make_room(conference)
    for name in ("Policy", "Practice", "Research"):
        factories.make_track(conference, name)
    factories.make_session(conference, status=SessionStatus.DRAFT)
    factories.make_session(conference, status=SessionStatus.PUBLISHED)
    factories.make_session(conference, status=SessionStatus.CANCELLED)
    factories.make_session(conference, status=SessionStatus.CANCELLED)
    factories.make_person(factories.make_conference("other"), "Not counted")
    html = client.get(DASHBOARD).get_data(as_text=True)
    assert "<h1>APLC Founding Assembly</h1>" in html
    assert [stat(html, label) for label in ("Pages", "People", "Rooms", "Tracks", "Sessions")] == [
        "1",
        "2",
        "1",
        "3",
        "4",
    ]
    assert "Draft</span> 1" in html and "Published</span> 1" in html and "Cancelled</span> 2" in html
    assert 'href="/c/aplc-2026/"' in html  # the public site
    for section in ("details", "pages/", "people/", "rooms/", "tracks/", "sessions/", "team", "activity"):
        assert f'href="/c/aplc-2026/manage/{section}"' in html


def test_the_dashboard_shows_the_last_ten_changes_in_the_conference_zone(client, conference, signed_in):
    log(conference, signed_in, 12)
    log(conference, signed_in, 1, at=datetime(2026, 12, 10, 0, 30, tzinfo=UTC))
    html = client.get(DASHBOARD).get_data(as_text=True)
    assert html.count("<code>page.updated</code>") == 10
    assert "12/10/26, 9:30\u202fAM" in html  # 00:30 UTC is 09:30 in Seoul
    assert "Entry 11" in html and "Entry 1<" not in html
    assert "organiser" in html  # who


def test_the_dashboard_of_an_empty_conference(client, conference, signed_in):
    html = client.get(DASHBOARD).get_data(as_text=True)
    assert "Nothing has been changed yet." in html


def test_the_activity_log_shows_before_and_after(client, conference, signed_in):
    page = factories.make_page(conference, title="About")
    submit(
        client,
        f"/c/aplc-2026/manage/pages/{page.id}",
        {
            "title": "About <b>APLC</b>",
            "slug": "about",
            "body": "Hello **world**",
            "position": "0",
            "in_menu": "y",
        },
    )
    html = client.get(ACTIVITY).get_data(as_text=True)
    assert "<code>page.updated</code>" in html
    assert "<code>title</code>" in html
    assert "<td>About</td>" in html
    assert "About &lt;b&gt;APLC&lt;/b&gt;" in html
    assert "<b>APLC</b>" not in html


def test_the_activity_log_is_paginated_newest_first(client, conference, signed_in):
    log(conference, signed_in, 120)
    first = client.get(ACTIVITY).get_data(as_text=True)
    assert first.count('class="card activity-item"') == 50
    assert "Page 1 of 3" in first
    assert first.index("Entry 119") < first.index("Entry 118")
    assert "Entry 69" not in first
    third = client.get(f"{ACTIVITY}?page=3").get_data(as_text=True)
    assert third.count('class="card activity-item"') == 20
    assert "Entry 0<" in third or "Entry 0 " in third or "Entry 0" in third
    for odd in ("abc", "0", "-4", "99999999999999999999"):
        assert client.get(f"{ACTIVITY}?page={odd}").status_code == 200


def test_activity_of_another_conference_is_not_shown(client, conference, signed_in):
    other = factories.make_conference("other")
    log(other, signed_in, 3)
    assert "Nothing has been changed yet." in client.get(ACTIVITY).get_data(as_text=True)
