"""Pairing a volunteer's phone: the organiser's devices page, the QR's link, revoking; who may do it."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from conference.audit.models import AuditEntry
from conference.checkin import services as checkin_services
from conference.checkin import tokens
from conference.checkin.models import ScanningToken
from conference.db_types import utcnow
from conference.extensions import db
from tests import factories
from tests.conftest import submit

DEVICES = "/c/aplc-2026/manage/checkin/devices"
API = "/api/checkin/v1/c/aplc-2026"
PAIR_LINK = re.compile(r'id="pair-url"[^>]*value="([^"]+)"')
TOKEN_ATTR = re.compile(r'data-token="([^"]+)"')


def pair_device(client, label: str = "Main entrance, phone 2", lifetime: str = "24"):
    return submit(client, DEVICES, {"label": label, "lifetime": lifetime}, follow_redirects=True)


def test_an_organiser_pairs_a_phone_which_then_scans(client, auth, organiser, delegate, code):
    auth.login("organiser@example.org")
    page = pair_device(client)
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "“Main entrance, phone 2” can now be paired" in html
    assert '<svg class="pair-qr" role="img" aria-label="QR code to pair “Main entrance, phone 2”"' in html
    assert page.headers["Cache-Control"] == "private, no-store"
    link = PAIR_LINK.search(html).group(1).replace("&amp;", "&")
    assert link.startswith("http://localhost/c/aplc-2026/checkin/pair/")

    phone = client.application.test_client()  # the volunteer's phone: no account, no cookie
    paired = phone.get(link.removeprefix("http://localhost"))
    assert paired.status_code == 200
    assert paired.headers["Cache-Control"] == "no-store"
    assert paired.headers["Referrer-Policy"] == "no-referrer"
    body = paired.get_data(as_text=True)
    assert 'data-key="plenary.checkin.token.aplc-2026"' in body
    assert 'data-next="/c/aplc-2026/checkin/"' in body
    assert "js/checkin-pair.js" in body
    bearer = {"Authorization": f"Bearer {TOKEN_ATTR.search(body).group(1)}"}
    scan = phone.post(f"{API}/scans", json={"id": "p1", "code": code}, headers=bearer).get_json()
    assert scan["result"] == "ok" and scan["checked_in_by"] == "Main entrance, phone 2"

    token = db.session.scalar(select(ScanningToken))
    assert token.paired_at is not None
    assert token.expires_at - token.created_at == timedelta(hours=24)
    listing = client.get(DEVICES).get_data(as_text=True)
    assert "Main entrance, phone 2" in listing and "Paired" in listing
    actions = set(db.session.scalars(select(AuditEntry.action)))
    assert {"scanning_token.created", "scanning_token.paired"} <= actions


def test_the_label_is_required_and_the_lifetime_one_of_the_list(client, auth, organiser):
    auth.login("organiser@example.org")
    page = submit(client, DEVICES, {"label": " ", "lifetime": "24"})
    assert page.status_code == 200 and "This field is required." in page.get_data(as_text=True)
    page = submit(client, DEVICES, {"label": "Phone", "lifetime": "9999"})
    assert "Choose one of the options in the list." in page.get_data(as_text=True)
    assert db.session.scalar(select(ScanningToken)) is None


def test_revoking_stops_the_device_at_once(client, auth, organiser, device, bearer):
    auth.login("organiser@example.org")
    assert client.get(f"{API}/whoami", headers=bearer).status_code == 200
    page = submit(client, f"{DEVICES}/{device.id}/revoke", form_url=DEVICES, follow_redirects=True)
    assert "“Gate A phone” can no longer scan." in page.get_data(as_text=True)
    assert "Revoked" in page.get_data(as_text=True)
    assert client.get(f"{API}/whoami", headers=bearer).status_code == 401
    assert "revoked" in client.get(f"{DEVICES}/{device.id}").get_data(as_text=True)


def test_revoking_needs_the_csrf_token(client, auth, organiser, device):
    auth.login("organiser@example.org")
    client.post(f"{DEVICES}/{device.id}/revoke")
    db.session.refresh(device)
    assert device.revoked_at is None


def test_pairing_links_that_do_not_work(client, conference, device, organiser):
    signed = tokens.pairing_signature(device)
    assert client.get(f"/c/aplc-2026/checkin/pair/{signed}x").status_code == 404
    assert client.get(f"/c/aplc-2026/checkin/pair/{signed[:-3]}").status_code == 404
    # Signed for another conference's device: not valid here.
    other = factories.make_conference("aplc-forum")
    theirs = checkin_services.create_token(
        other, label="Forum", lifetime=timedelta(hours=1), by_user_id=None, now=utcnow()
    )
    assert client.get(f"/c/aplc-2026/checkin/pair/{tokens.pairing_signature(theirs)}").status_code == 404
    checkin_services.revoke_token(device, by_user_id=organiser.id, now=utcnow())
    page = client.get(f"/c/aplc-2026/checkin/pair/{signed}")
    assert page.status_code == 410 and "revoked this device" in page.get_data(as_text=True)
    assert "data-token" not in page.get_data(as_text=True)


def test_an_old_pairing_link_has_expired(client, device, monkeypatch):
    signed = tokens.pairing_signature(device)
    monkeypatch.setattr(tokens.PAIRING_LINKS, "max_age", -1)
    page = client.get(f"/c/aplc-2026/checkin/pair/{signed}")
    assert page.status_code == 410 and "expired" in page.get_data(as_text=True)


def test_an_expired_device_shows_no_pairing_code(client, auth, conference, organiser):
    auth.login("organiser@example.org")
    old = checkin_services.create_token(
        conference,
        label="Yesterday",
        lifetime=timedelta(hours=4),
        by_user_id=None,
        now=utcnow() - timedelta(days=1),
    )
    page = client.get(f"{DEVICES}/{old.id}").get_data(as_text=True)
    assert "pair-qr" not in page and "time ran out" in page
    assert "Expired" in client.get(DEVICES).get_data(as_text=True)


@pytest.mark.parametrize("page", ["devices", "devices/1", "", "dashboard.json"])
def test_staff_and_strangers_may_not_manage_devices_or_see_the_dashboard(client, auth, device, staff, page):
    url = f"/c/aplc-2026/manage/checkin/{page}"
    anonymous = client.get(url)
    assert anonymous.status_code == 302 and "/login" in anonymous.headers["Location"]
    auth.login("staff@example.org")
    assert client.get(url).status_code == 403


def test_another_conferences_organiser_is_refused(client, auth, conference):
    other = factories.make_conference("aplc-forum")
    user = factories.make_user("forum-organiser@example.org")
    factories.grant(user, other, "organiser")
    auth.login("forum-organiser@example.org")
    assert client.get(DEVICES).status_code == 403
    assert client.post(DEVICES, data={"label": "x", "lifetime": "24"}).status_code in (400, 403)


def test_a_device_of_another_conference_is_404(client, auth, organiser):
    other = factories.make_conference("aplc-forum")
    theirs = checkin_services.create_token(
        other, label="Forum", lifetime=timedelta(hours=1), by_user_id=None, now=utcnow()
    )
    auth.login("organiser@example.org")
    assert client.get(f"{DEVICES}/{theirs.id}").status_code == 404
