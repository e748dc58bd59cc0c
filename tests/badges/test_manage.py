"""Organiser badge pages: bulk runs on the job queue, filters, sizes, re-issuing, and who may use them."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from conference.audit.models import AuditEntry
from conference.badges.codes import badge_code, verify_badge_code
from conference.badges.models import BadgeRun, BadgeRunStatus
from conference.badges.runs import run_file
from conference.extensions import db
from conference.registration import services as registration_services
from conference.registration.models import DelegateCategory, Registration
from tests import factories
from tests.badges.conftest import confirm, page_count, qr_codes, text_of
from tests.conftest import call_route, manage_routes, submit

BADGES = "/c/aplc-2026/manage/badges/"


@pytest.fixture
def delegates(conference, ticket):
    speaker = factories.make_ticket(conference, name="Speaker", badge_colour="#8b1f3a")
    people = [
        confirm(conference, ticket, "mina@example.org", local_name="박민아", country="KR"),
        confirm(
            conference, ticket, "wang@example.org", given_name="Xiaoming", family_name="Wang", country="CN"
        ),
        confirm(
            conference,
            speaker,
            "somchai@example.org",
            given_name="Somchai",
            family_name="Wongsawat",
            local_name="สมชาย วงศ์สวัสดิ์",
            country="TH",
            category=DelegateCategory.SPEAKER,
        ),
    ]
    pending_ticket = factories.make_ticket(conference, name="Observer", requires_approval=True)
    registration_services.register(conference, pending_ticket, factories.delegate("pending@example.org"))
    return people


def start(client, **fields):
    data = {"which": "all", "size": "a6", "layout": "single", **fields}
    return submit(client, BADGES, data, form_url=BADGES)


def latest_run() -> BadgeRun:
    return db.session.scalars(select(BadgeRun).order_by(BadgeRun.id.desc())).first()


def test_printing_all_badges_makes_one_page_each_and_marks_them_printed(client, signed_in, delegates):
    page = client.get(BADGES).get_data(as_text=True)
    assert "Badges" in page and "not printed yet" in page
    response = start(client)
    run = latest_run()
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/runs/{run.id}")
    assert run.status == BadgeRunStatus.DONE and run.total == run.done == 3
    progress = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Your badges are ready" in progress and "3 of 3 badges" in progress
    assert 'http-equiv="refresh"' not in progress
    pdf = client.get(f"{BADGES}runs/{run.id}/download")
    assert pdf.status_code == 200 and pdf.mimetype == "application/pdf"
    assert page_count(pdf.data) == 3
    assert sorted(qr_codes(pdf.data)) == sorted(badge_code(r) for r in delegates)
    assert all(
        r.badge_printed_at is not None
        for r in db.session.scalars(
            select(Registration).where(Registration.id.in_([r.id for r in delegates]))
        )
    )


def test_the_status_json_reports_progress_and_the_download(client, signed_in, delegates):
    start(client)
    run = latest_run()
    status = client.get(f"{BADGES}runs/{run.id}.json").get_json()
    assert status["status"] == "done" and status["done"] == status["total"] == 3 and status["percent"] == 100
    assert status["download_url"].endswith(f"/runs/{run.id}/download")


def test_only_unprinted_badges_after_a_first_run(client, signed_in, conference, ticket, delegates):
    start(client)
    newcomer = confirm(conference, ticket, "late@example.org", given_name="Late", family_name="Comer")
    start(client, which="unprinted")
    data = client.get(f"{BADGES}runs/{latest_run().id}/download").data
    assert qr_codes(data) == [badge_code(newcomer)]


def test_filters_by_ticket_category_and_country(client, signed_in, delegates):
    start(client, categories="speaker")
    assert "Somchai" in text_of(client.get(f"{BADGES}runs/{latest_run().id}/download").data)
    assert latest_run().total == 1
    start(client, countries="CN")
    assert latest_run().total == 1
    start(client, ticket_types=str(delegates[0].ticket_type_id))
    assert latest_run().total == 2


def test_a4_sheets_with_cut_marks(client, signed_in, delegates):
    start(client, size="4x3", layout="sheets")
    data = client.get(f"{BADGES}runs/{latest_run().id}/download").data
    assert page_count(data) == 1
    assert len(qr_codes(data, scale=3)) == 3


def test_custom_size(client, signed_in, delegates):
    start(client, size="custom", width_mm="90", height_mm="120")
    run = latest_run()
    assert run.options["layout"] == {"size": "custom", "width_mm": 90.0, "height_mm": 120.0, "sheets": False}
    assert len(qr_codes(client.get(f"{BADGES}runs/{run.id}/download").data)) == 3


@pytest.mark.parametrize(
    "fields, field_id, message",
    [
        ({"width_mm": "", "height_mm": "100"}, "width_mm", "Give the custom size in millimetres."),
        ({"width_mm": "10", "height_mm": "100"}, "width_mm", "Between 40 and 300 mm."),
        ({"width_mm": "90", "height_mm": "abc"}, "height_mm", "A number of millimetres, such as 90."),
        ({"width_mm": "NaN", "height_mm": "100"}, "width_mm", "Between 40 and 300 mm."),
        (
            {"width_mm": "250", "height_mm": "250", "layout": "sheets"},
            "width_mm",
            "does not fit on an A4 sheet",
        ),
    ],
)
def test_bad_sizes_are_explained_at_the_field(client, signed_in, delegates, fields, field_id, message):
    response = start(client, size="custom", **fields)
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert f'id="{field_id}-error"' in page and message in page
    assert latest_run() is None


def test_nothing_to_print_is_said_plainly(client, signed_in, delegates):
    response = start(client, countries="KR", categories="speaker")
    assert response.status_code == 200
    assert "No confirmed delegate matches these choices" in response.get_data(as_text=True)
    assert latest_run() is None


def test_the_registration_page_prints_and_reissues_the_badge(client, signed_in, conference, delegates):
    registration = delegates[0]
    page_url = f"/c/{conference.slug}/manage/registrations/{registration.id}"
    page = client.get(page_url).get_data(as_text=True)
    assert "Not printed yet" in page and "Issue a new badge…" in page
    badge = client.get(f"{BADGES}registrations/{registration.id}/badge.pdf")
    old = badge_code(registration)
    assert qr_codes(badge.data) == [old]
    reissue = f"{BADGES}registrations/{registration.id}/reissue"
    assert "stops working at every scanner" in client.get(reissue).get_data(as_text=True)
    response = submit(client, reissue, {})
    assert response.status_code == 302 and response.headers["Location"].endswith(page_url)
    db.session.expire_all()
    new = badge_code(registration)
    assert new != old and registration.badge_version == 2
    assert verify_badge_code(old, conference.badge_key).version < registration.badge_version
    assert qr_codes(client.get(f"{BADGES}registrations/{registration.id}/badge.pdf?size=4x3").data) == [new]
    assert "re-issued once" in client.get(page_url).get_data(as_text=True)
    assert db.session.scalar(select(AuditEntry).where(AuditEntry.action == "registration.badge_reissued"))


def test_an_unconfirmed_registrations_badge_is_not_found(client, signed_in, conference):
    ticket = factories.make_ticket(conference, requires_approval=True)
    pending = registration_services.register(conference, ticket, factories.delegate("p@example.org"))
    assert client.get(f"{BADGES}registrations/{pending.id}/badge.pdf").status_code == 404
    page = client.get(f"/c/{conference.slug}/manage/registrations/{pending.id}").get_data(as_text=True)
    assert "Only confirmed delegates with a place at the venue have a badge." in page


# Who may do what


RUN_OPTIONS = {"which": "all", "size": "a6", "layout": "single"}  # a filled-in run form, sent with every POST


@pytest.fixture
def world(app, client, auth, conference, organiser, delegates):
    auth.login(organiser.email)
    start(client)
    auth.logout()
    other = factories.make_conference("other-2026")
    users = {
        "delegate": factories.make_user("delegate@example.org"),
        "staff": factories.make_user("s@example.org"),
    }
    factories.grant(users["staff"], conference, "staff")
    users["other_organiser"] = factories.make_user("o@example.org")
    factories.grant(users["other_organiser"], other, "organiser")
    ids = {"slug": conference.slug, "run_id": latest_run().id, "registration_id": delegates[0].id}
    return {"routes": manage_routes(app, "badges_manage.", ids), "users": users}


def test_every_route_is_covered(world):
    assert len({url for _endpoint, _m, url in world["routes"]}) == 6


def test_anonymous_visitors_are_sent_to_log_in(app, client, world):
    for _endpoint, method, url in world["routes"]:
        response = call_route(client, method, url, RUN_OPTIONS)
        assert response.status_code == 302 and "/login" in response.headers["Location"], (method, url)


@pytest.mark.parametrize("kind", ["delegate", "staff", "other_organiser"])
def test_others_are_refused(app, client, auth, world, kind):
    auth.login(world["users"][kind].email)
    for _endpoint, method, url in world["routes"]:
        assert call_route(client, method, url, RUN_OPTIONS).status_code == 403, (kind, method, url)


def test_another_conferences_runs_and_registrations_are_not_found(client, auth, organiser, world):
    other = factories.make_conference("third-2026")
    ticket = factories.make_ticket(other)
    stranger = confirm(other, ticket, "x@example.org")
    run = BadgeRun(conference_id=other.id, options={}, status=BadgeRunStatus.DONE)
    db.session.add(run)
    db.session.commit()
    auth.login(organiser.email)
    for url in (
        f"{BADGES}runs/{run.id}",
        f"{BADGES}runs/{run.id}.json",
        f"{BADGES}runs/{run.id}/download",
        f"{BADGES}registrations/{stranger.id}/badge.pdf",
        f"{BADGES}registrations/{stranger.id}/reissue",
    ):
        assert client.get(url).status_code == 404, url


def test_a_failed_run_says_so_and_marks_nothing(app, client, signed_in, delegates, monkeypatch):
    from conference.badges import tasks

    def broken(*args, **kwargs):
        raise RuntimeError("the printer ran out of ink")

    monkeypatch.setattr(tasks, "write_badges", broken)
    response = start(client)
    run = latest_run()
    assert run.status == BadgeRunStatus.FAILED and run_file(run) is None
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "The PDF could not be made" in page and "Nothing was marked as printed" in page
    assert all(r.badge_printed_at is None for r in db.session.scalars(select(Registration)))
