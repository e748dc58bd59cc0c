"""Organisers find, read and decide on registrations, and add walk-ins by hand."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, insert, select

from conference.audit.models import AuditEntry
from conference.extensions import db
from conference.mail.models import OutboxMessage
from conference.payments.models import Payment, PaymentProvider, PaymentStatus, Refund
from conference.registration import services
from conference.registration.models import (
    DelegateCategory,
    Question,
    QuestionKind,
    Registration,
    RegistrationStatus,
)
from tests import factories
from tests.conftest import count_queries, submit

LIST = "/c/aplc-2026/manage/registrations/"
NEW = f"{LIST}new"


@pytest.fixture
def people(conference):
    """Three delegates on two tickets, one awaiting approval, one paid observer."""
    member = factories.make_ticket(conference, "Member city", requires_approval=True)
    observer = factories.make_ticket(conference, "Observer", price_minor=50000)
    regs = {
        "mina": services.register(
            conference,
            member,
            factories.delegate(
                "mina@example.org", organisation="Suwon City", category=DelegateCategory.MEMBER_CITY
            ),
        ),
        "taro": services.register(
            conference,
            observer,
            factories.delegate("taro@example.jp", given_name="Taro", family_name="Yamada", country="JP"),
        ),
        "ana": services.register(
            conference,
            member,
            factories.delegate("ana@example.ph", given_name="Ana", family_name="Santos", country="PH"),
        ),
    }
    taro = regs["taro"]
    taro.amount_paid_minor = 50000
    taro.status = RegistrationStatus.CONFIRMED
    db.session.commit()
    return {"member": member, "observer": observer, **regs}


def shown(html: str) -> set[str]:
    return {name for name in ("Mina Park", "Taro Yamada", "Ana Santos") if name in html}


def test_the_list_shows_everyone_newest_first(client, people, signed_in):
    html = client.get(LIST).get_data(as_text=True)
    assert shown(html) == {"Mina Park", "Taro Yamada", "Ana Santos"}
    assert "Showing 1–3 of 3 registrations." in html
    assert html.index("Ana Santos") < html.index("Mina Park")
    assert "Pending approval" in html and "₩50,000" in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("q=suwon", {"Mina Park"}),
        ("q=TARO@EXAMPLE", {"Taro Yamada"}),
        ("q=ana+santos", {"Ana Santos"}),
        ("q=%25", set()),  # a LIKE wildcard is searched for literally
        ("status=confirmed", {"Taro Yamada"}),
        ("status=pending_approval", {"Mina Park", "Ana Santos"}),
        ("category=member_city", {"Mina Park"}),
        ("country=jp", {"Taro Yamada"}),
        ("paid=yes", {"Taro Yamada"}),
        ("paid=free", {"Mina Park", "Ana Santos"}),
        ("paid=no", set()),
        (
            "status=bogus&category=&country=XYZ&paid=maybe&ticket=abc",
            {"Mina Park", "Taro Yamada", "Ana Santos"},
        ),
    ],
)
def test_search_and_filters(client, people, signed_in, query, expected):
    response = client.get(f"{LIST}?{query}")
    assert response.status_code == 200
    assert shown(response.get_data(as_text=True)) == expected


def test_filter_by_ticket_and_by_reference(client, people, signed_in):
    html = client.get(f"{LIST}?ticket={people['observer'].id}").get_data(as_text=True)
    assert shown(html) == {"Taro Yamada"}
    html = client.get(f"{LIST}?q={people['ana'].reference}").get_data(as_text=True)
    assert shown(html) == {"Ana Santos"}


def _seed(conference, ticket, count: int) -> None:
    """Bulk-insert registrations, one a minute, straight into the table."""
    start = datetime(2026, 10, 1, tzinfo=UTC)
    rows = [
        {
            "conference_id": conference.id,
            "ticket_type_id": ticket.id,
            "reference": f"R{n:07d}",
            "status": RegistrationStatus.CONFIRMED if n % 3 else RegistrationStatus.PENDING_APPROVAL,
            "given_name": f"Delegate{n}",
            "family_name": "Seed",
            "email": f"d{n}@example.org",
            "active_email": f"d{n}@example.org",
            "country": ("KR", "JP", "PH", "IN")[n % 4],
            "category": DelegateCategory.MEMBER_CITY if n % 2 else DelegateCategory.OBSERVER,
            "created_at": start + timedelta(minutes=n),
            "updated_at": start + timedelta(minutes=n),
        }
        for n in range(count)
    ]
    db.session.execute(insert(Registration), rows)
    db.session.commit()


def test_ten_thousand_registrations_page_with_a_few_bounded_queries(client, conference, signed_in):
    ticket = factories.make_ticket(conference)
    _seed(conference, ticket, 10_000)
    assert db.session.scalar(select(func.count()).select_from(Registration)) == 10_000

    with count_queries() as statements:
        assert client.get(f"{LIST}?page=7&country=KR").status_code == 200
    assert len(statements) <= 10, statements
    listing = [s for s in statements if s.lstrip().upper().startswith("SELECT") and "LIMIT" in s.upper()]
    assert any("registration" in s and "OFFSET" in s.upper() for s in listing)
    html = client.get(f"{LIST}?page=7&country=KR").get_data(as_text=True)
    assert "Showing 301–350 of 2,500 registrations." in html and "Page 7 of 50" in html
    assert html.count('href="/c/aplc-2026/manage/registrations/') - html.count("/registrations/new") >= 50

    # The first page and a far one cost the same, however many rows the conference has.
    with count_queries() as first:
        assert client.get(LIST).status_code == 200
    with count_queries() as last:
        assert client.get(f"{LIST}?page=200&q=seed").status_code == 200
    assert len(first) == len(last) == len(statements)


def test_paging_keeps_the_filters_and_survives_bad_pages(client, conference, signed_in):
    ticket = factories.make_ticket(conference)
    _seed(conference, ticket, 120)
    html = client.get(f"{LIST}?country=KR&page=1").get_data(as_text=True)
    assert "Showing 1–30 of 30 registrations." in html
    html = client.get(f"{LIST}?page=2").get_data(as_text=True)
    assert "Showing 51–100 of 120" in html and "page=3" in html and "page=1" in html
    for page in ("999", "-4", "abc", "99999999999999999999"):
        assert client.get(f"{LIST}?page={page}").status_code == 200
    assert "Page 3 of 3" in client.get(f"{LIST}?page=999").get_data(as_text=True)


def test_bulk_approve_reports_rows_that_could_not_be(client, people, signed_in):
    mina, ana, taro = people["mina"], people["ana"], people["taro"]
    data = {
        "decision": "approve",
        "ids": [str(mina.id), str(ana.id), str(taro.id), "999999"],
        "status": "pending_approval",
    }
    response = submit(client, f"{LIST}bulk", data, form_url=LIST)
    assert response.status_code == 302 and "status=pending_approval" in response.headers["Location"]
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "2 registrations approved." in html
    assert f"{taro.reference} (Taro Yamada) was not changed: it is confirmed." in html
    assert "Registration 999999 is not one of this conference&#39;s." in html
    db.session.expire_all()
    assert db.session.get(Registration, mina.id).status == RegistrationStatus.CONFIRMED
    assert db.session.get(Registration, ana.id).approved_at is not None
    subjects = list(db.session.scalars(select(OutboxMessage.subject)))
    assert sum("was approved" in s for s in subjects) == 2


def test_bulk_reject(client, people, signed_in):
    data = {"decision": "reject", "ids": [str(people["ana"].id)]}
    html = submit(client, f"{LIST}bulk", data, form_url=LIST, follow_redirects=True).get_data(as_text=True)
    assert "1 registration rejected." in html
    db.session.expire_all()
    assert db.session.get(Registration, people["ana"].id).status == RegistrationStatus.REJECTED


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"decision": "approve"}, "Tick the registrations to approve or reject first."),
        ({"decision": "approve", "ids": ["x", "-1"]}, "Tick the registrations to approve or reject first."),
        ({"decision": "delete", "ids": ["1"]}, "Choose approve or reject, then try again."),
    ],
)
def test_bad_bulk_requests_are_explained(client, people, signed_in, data, message):
    html = submit(client, f"{LIST}bulk", data, form_url=LIST, follow_redirects=True).get_data(as_text=True)
    assert message in html
    db.session.expire_all()
    assert db.session.get(Registration, people["mina"].id).status == RegistrationStatus.PENDING_APPROVAL


def test_bulk_without_a_csrf_token_changes_nothing(client, people, signed_in):
    response = client.post(f"{LIST}bulk", data={"decision": "approve", "ids": [str(people["mina"].id)]})
    assert response.status_code in (302, 400)
    db.session.expire_all()
    assert db.session.get(Registration, people["mina"].id).status == RegistrationStatus.PENDING_APPROVAL


def test_a_registrations_page_shows_everything(client, conference, people, signed_in):
    visits = Question(
        conference_id=conference.id,
        label="Field visits",
        kind=QuestionKind.MULTIPLE_CHOICE,
        options=["Museum", "Library"],
    )
    db.session.add(visits)
    db.session.commit()
    ana = services.register(
        conference,
        people["observer"],
        factories.delegate(
            "ana2@example.ph",
            given_name="Rosa",
            honorific="Dr",
            local_name="로사",
            phone="+6321234567",
            dietary_needs="Halal",
            answers={visits.id: ["Museum", "Library"]},
        ),
    )
    payment = Payment(
        registration_id=ana.id,
        provider=PaymentProvider.MANUAL,
        status=PaymentStatus.SUCCEEDED,
        amount_minor=50000,
        currency="KRW",
        note="Invoice 42",
    )
    db.session.add(payment)
    db.session.flush()
    db.session.add(Refund(payment_id=payment.id, amount_minor=20000, reason="Partial refund"))
    db.session.commit()
    services.cancel(ana, actor_id=None)

    html = client.get(f"{LIST}{ana.id}").get_data(as_text=True)
    for text in ("Dr Rosa Park", "로사", "+6321234567", "Halal", ana.reference, "Observer", "Korea"):
        assert text in html, text
    assert "Field visits" in html and "Museum, Library" in html
    assert "Invoice 42" in html and "₩50,000" in html and "Partial refund" in html and "₩20,000" in html
    # The history, oldest first, with readable values.
    assert html.index("Registered") < html.index("Cancelled</strong>")
    assert "Pending payment" in html and "Cancelled" in html
    # Cancelled: no cancel, approve or reject button any more.
    assert f"/registrations/{ana.id}/cancel" not in html and f"/registrations/{ana.id}/approve" not in html
    assert client.get(f"{LIST}999999").status_code == 404


def test_links_to_the_payment_pages(client, people, signed_in):
    html = client.get(f"{LIST}{people['taro'].id}").get_data(as_text=True)
    assert f"/registrations/{people['taro'].id}/refund" in html  # paid: can be refunded
    observer = people["observer"]
    unpaid = services.register(people["taro"].conference, observer, factories.delegate("unpaid@example.org"))
    html = client.get(f"{LIST}{unpaid.id}").get_data(as_text=True)
    assert f"/registrations/{unpaid.id}/mark-paid" in html


def test_approve_reject_cancel_and_resend_from_the_page(client, people, signed_in):
    mina, ana, taro = people["mina"], people["ana"], people["taro"]
    page = f"{LIST}{mina.id}"
    html = submit(client, f"{page}/approve", form_url=page, follow_redirects=True).get_data(as_text=True)
    assert f"{mina.reference} was approved." in html and "Approved</strong>" in html
    # Approving twice is explained, not an error page.
    html = submit(client, f"{page}/approve", form_url=LIST, follow_redirects=True).get_data(as_text=True)
    assert "The registration is not in a state that allows this." in html

    html = submit(client, f"{LIST}{ana.id}/reject", form_url=page, follow_redirects=True).get_data(
        as_text=True
    )
    assert f"{ana.reference} was rejected." in html

    confirm = client.get(f"{LIST}{taro.id}/cancel").get_data(as_text=True)
    assert "Cancel the registration of Taro Yamada" in confirm
    html = submit(client, f"{LIST}{taro.id}/cancel", follow_redirects=True).get_data(as_text=True)
    assert f"{taro.reference} was cancelled." in html

    html = submit(client, f"{page}/resend", form_url=page, follow_redirects=True).get_data(as_text=True)
    assert "The link to “my registration” was sent to mina@example.org." in html
    assert "“My registration” link sent" in html
    db.session.expire_all()
    assert db.session.get(Registration, ana.id).status == RegistrationStatus.REJECTED
    assert db.session.get(Registration, taro.id).status == RegistrationStatus.CANCELLED
    last = db.session.scalar(select(OutboxMessage).order_by(OutboxMessage.id.desc()))
    assert last.recipient == "mina@example.org" and "/registration/" in last.body_text
    actions = db.session.scalars(
        select(AuditEntry.action).where(
            AuditEntry.object_id == mina.id, AuditEntry.object_type == "Registration"
        )
    )
    assert list(actions) == ["registration.created", "registration.approved", "registration.link_sent"]


WALK_IN = {
    "given_name": "Budi",
    "family_name": "Santoso",
    "email": "Budi@Example.id",
    "organisation": "Surabaya City",
    "city": "Surabaya",
    "country": "ID",
    "category": "member_city",
    "phone": "0812 3456 7890",
    "interpretation_language": "en",
    "language": "en",
}


def test_add_a_walk_in(client, conference, people, signed_in):
    hotel = Question(conference_id=conference.id, label="Hotel", kind=QuestionKind.SHORT_TEXT, required=True)
    db.session.add(hotel)
    db.session.commit()
    page = client.get(NEW).get_data(as_text=True)
    assert "Hotel" in page and "Member city" in page
    data = WALK_IN | {"ticket_type": str(people["observer"].id), f"question_{hotel.id}": "Novotel"}
    response = submit(client, NEW, data, follow_redirects=True)
    html = response.get_data(as_text=True)
    assert "Budi Santoso was registered" in html and "pending payment" in html
    reg = db.session.scalar(select(Registration).where(Registration.email == "budi@example.id"))
    assert reg.phone == "+6281234567890" and reg.country == "ID"
    assert reg.privacy_consent_at is None and reg.amount_due_minor == 50000
    assert [a.value for a in reg.answers] == ["Novotel"]
    entry = db.session.scalar(
        select(AuditEntry).where(AuditEntry.action == "registration.created", AuditEntry.object_id == reg.id)
    )
    assert entry.user_id == signed_in.id


def test_a_walk_in_can_leave_required_questions_and_uses_no_access_code(client, conference, signed_in):
    vip = factories.make_ticket(
        conference, "VIP", access_code="secret", sales_end=datetime(2020, 1, 1, tzinfo=UTC)
    )
    db.session.add(Question(conference_id=conference.id, label="Hotel", required=True))
    db.session.commit()
    data = WALK_IN | {"ticket_type": str(vip.id), "privacy_consent": "y"}
    html = submit(client, NEW, data, follow_redirects=True).get_data(as_text=True)
    assert "Budi Santoso was registered" in html and "confirmed" in html
    reg = db.session.scalar(select(Registration))
    assert reg.privacy_consent_at is not None and reg.answers == []


def test_a_walk_in_with_an_address_already_registered(client, people, signed_in):
    data = WALK_IN | {"ticket_type": str(people["member"].id), "email": "MINA@example.org"}
    response = submit(client, NEW, data)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "This e-mail address is already registered for the conference." in html
    assert f"/registrations/{people['mina'].id}" in html and 'value="Budi"' in html


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"given_name": ""}, "given_name", "This field is required."),
        ({"email": "not-an-address"}, "email", "Enter an e-mail address like name@example.org."),
        ({"phone": "12"}, "phone", "Enter a phone number with its country code"),
        ({"country": "XX"}, "country", "Choose a country from the list."),
        ({"category": "alien"}, "category", "Choose the category that fits you best."),
        ({"ticket_type": "999999"}, "ticket_type", "Choose a ticket of this conference."),
        ({"ticket_type": "abc"}, "ticket_type", "Choose one of the options in the list."),
        ({"language": "xx"}, "language", "Choose one of the options in the list."),
        ({"organisation": "x" * 201}, "organisation", "Use at most 200 characters."),
    ],
)
def test_bad_walk_in_input_is_refused(client, people, signed_in, changes, field, message):
    data = WALK_IN | {"ticket_type": str(people["observer"].id)} | changes
    response = submit(client, NEW, data)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert message in html and f'id="{field}-error"' in html
    if field != "given_name":
        assert 'value="Budi"' in html
    assert db.session.scalar(select(func.count()).select_from(Registration)) == 3


def test_walk_ins_need_a_ticket_first(client, conference, signed_in):
    html = client.get(NEW).get_data(as_text=True)
    assert "There is no active ticket yet." in html
