"""Organisers write the conference's content pages: list, new, edit, delete."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from conference.audit.models import AuditEntry
from conference.events.models import Page
from conference.extensions import db
from tests import factories
from tests.conftest import submit

PAGES = "/c/aplc-2026/manage/pages/"
NEW = "/c/aplc-2026/manage/pages/new"


def page_data(**changes) -> dict:
    return {
        "title": "Venue",
        "slug": "venue",
        "body": "Take **line 2**.",
        "position": "2",
        "in_menu": "y",
    } | changes


def actions() -> list[str]:
    return list(db.session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)))


def test_pages_are_listed_in_menu_order(client, conference, signed_in):
    factories.make_page(conference, "travel", title="Travel", position=5)
    factories.make_page(conference, "about", title="About APLC", position=1, in_menu=False)
    html = client.get(PAGES).get_data(as_text=True).split('<div class="manage-body">')[1]
    assert html.index("About APLC") < html.index("Travel")
    assert 'href="/c/aplc-2026/p/travel"' in html


def test_an_empty_list_says_so(client, conference, signed_in):
    assert "No pages yet." in client.get(PAGES).get_data(as_text=True)


def test_create_edit_and_delete_a_page(client, conference, signed_in):
    response = submit(client, NEW, page_data(), follow_redirects=True)
    html = response.get_data(as_text=True)
    assert "The page “Venue” was saved." in html
    assert "/p/venue" in html
    page = db.session.scalar(select(Page))
    assert (page.title, page.slug, page.body, page.position, page.in_menu) == (
        "Venue",
        "venue",
        "Take **line 2**.",
        2,
        True,
    )
    assert client.get("/c/aplc-2026/p/venue").status_code == 200

    edit = f"/c/aplc-2026/manage/pages/{page.id}"
    assert 'value="Venue"' in client.get(edit).get_data(as_text=True)
    submit(client, edit, page_data(title="Getting there", position="", in_menu=""))
    db.session.expire_all()
    page = db.session.get(Page, page.id)
    assert (page.title, page.position, page.in_menu) == ("Getting there", 0, False)

    confirm = client.get(f"{edit}/delete").get_data(as_text=True)
    assert "Delete the page “Getting there”?" in confirm
    response = submit(client, f"{edit}/delete", follow_redirects=True)
    assert "The page “Getting there” was deleted." in response.get_data(as_text=True)
    assert db.session.scalar(select(Page)) is None
    assert actions() == ["page.created", "page.updated", "page.deleted"]
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "page.deleted"))
    assert entry.before["title"] == "Getting there" and entry.user_id == signed_in.id


def test_a_delete_needs_the_confirm_form(client, conference, signed_in):
    page = factories.make_page(conference)
    response = client.post(f"/c/aplc-2026/manage/pages/{page.id}/delete")  # no CSRF token: not from our form
    assert response.status_code == 400
    assert db.session.get(Page, page.id) is not None


def test_a_slug_is_unique_within_the_conference_only(client, conference, signed_in):
    factories.make_page(conference, "venue")
    factories.make_page(factories.make_conference("other"), "travel")
    response = submit(client, NEW, page_data())
    assert "Another page of this conference already uses this web address." in response.get_data(as_text=True)
    response = submit(client, NEW, page_data(slug="travel"))
    assert response.status_code == 302


def test_editing_a_page_may_keep_its_own_slug(client, conference, signed_in):
    page = factories.make_page(conference, "venue")
    response = submit(client, f"/c/aplc-2026/manage/pages/{page.id}", page_data(title="Venue and rooms"))
    assert response.status_code == 302


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("title", "", "This field is required."),
        ("title", "x" * 5000, "Field cannot be longer than 200 characters."),
        ("slug", "", "This field is required."),
        ("slug", "Venue Info", "Use lower-case letters, digits and single hyphens only."),
        ("slug", "x" * 65, "Field cannot be longer than 64 characters."),
        ("body", "x" * 50_001, "Field cannot be longer than 50000 characters."),
        ("position", "abc", "Not a valid integer value."),
        ("position", "-1", "Number must be between 0 and 10000."),
        ("position", "99999999999999999999", "Number must be between 0 and 10000."),
    ],
)
def test_bad_input_is_refused(client, conference, signed_in, field, value, message):
    response = submit(client, NEW, page_data(**{field: value}))
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert message in html
    assert f'id="{field}-error"' in html
    if value:
        assert value in html
    assert db.session.scalar(select(Page)) is None


def test_html_in_a_title_is_shown_escaped(client, conference, signed_in):
    submit(client, NEW, page_data(title="<script>alert('x')</script>"))
    html = client.get(PAGES).get_data(as_text=True)
    assert "<script>alert('x')</script>" not in html
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in html


def test_unknown_page_ids_are_not_found(client, conference, signed_in):
    assert client.get("/c/aplc-2026/manage/pages/999").status_code == 404
    assert client.get("/c/aplc-2026/manage/pages/99999999999999999999").status_code == 404
