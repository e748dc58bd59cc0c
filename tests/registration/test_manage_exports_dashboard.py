"""Exports (CSV streamed, XLSX) with every field and custom answers, and the registration dashboard."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime

import pytest
from openpyxl import load_workbook

from conference.extensions import db
from conference.registration import services
from conference.registration.models import DelegateCategory, Question, QuestionKind, RegistrationStatus
from tests import factories

BASE = "/c/aplc-2026/manage/registrations"


@pytest.fixture
def data(conference):
    visits = Question(
        conference_id=conference.id,
        label="Field visits",
        kind=QuestionKind.MULTIPLE_CHOICE,
        options=["Museum", "Library"],
    )
    photo = Question(conference_id=conference.id, label="Shuttle?", kind=QuestionKind.CHECKBOX, position=1)
    db.session.add_all([visits, photo])
    db.session.commit()
    free = factories.make_ticket(conference, "Member city", capacity=10)
    paid = factories.make_ticket(conference, "Observer", price_minor=1250, currency="USD")
    mina = services.register(
        conference,
        free,
        factories.delegate(
            "mina@example.org",
            local_name="박민아",
            organisation='=HYPERLINK("http://evil")',
            category=DelegateCategory.MEMBER_CITY,
            answers={visits.id: ["Museum", "Library"], photo.id: True},
        ),
    )
    taro = services.register(
        conference,
        paid,
        factories.delegate(
            "taro@example.jp", given_name="Taro", family_name="Yamada", country="JP", city="@Osaka"
        ),
    )
    taro.amount_paid_minor = 1250
    taro.status = RegistrationStatus.CONFIRMED
    db.session.commit()
    return {"mina": mina, "taro": taro, "free": free, "paid": paid}


def read_csv(response) -> list[dict[str, str]]:
    text = response.get_data(as_text=True)
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text[1:])))


def test_csv_export_has_every_field_and_answer(client, data, signed_in):
    response = client.get(f"{BASE}/export.csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert response.is_streamed
    assert "attachment" in response.headers["Content-Disposition"]
    rows = read_csv(response)
    assert len(rows) == 2
    taro, mina = rows  # newest first
    assert mina["Reference"] == data["mina"].reference and mina["Name in local script"] == "박민아"
    assert mina["Field visits"] == "Museum; Library" and mina["Shuttle?"] == "Yes"
    assert mina["Category"] == "member_city" and mina["Country"] == "South Korea"
    assert mina["Ticket"] == "Member city" and mina["Status"] == "confirmed"
    # Formula-like text is made harmless.
    assert mina["Organisation"] == '\'=HYPERLINK("http://evil")'
    assert taro["City"] == "'@Osaka"
    assert (taro["Amount due"], taro["Amount paid"], taro["Currency"]) == ("12.50", "12.50", "USD")
    assert taro["Field visits"] == "" and taro["Shuttle?"] == ""
    for heading in (
        "E-mail",
        "Phone",
        "Dietary needs",
        "Privacy consent at",
        "Registered at",
        "Payment method",
    ):
        assert heading in mina


def test_exports_honour_the_filters(client, data, signed_in):
    rows = read_csv(client.get(f"{BASE}/export.csv?country=JP"))
    assert [row["Given name"] for row in rows] == ["Taro"]
    rows = read_csv(client.get(f"{BASE}/export.csv?q=nobody"))
    assert rows == []
    listing = client.get(f"{BASE}/?country=JP").get_data(as_text=True)
    assert f"{BASE}/export.csv?country=JP" in listing and f"{BASE}/export.xlsx?country=JP" in listing


def test_xlsx_export(client, data, signed_in):
    response = client.get(f"{BASE}/export.xlsx?paid=yes")
    assert response.status_code == 200
    assert response.mimetype == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    sheet = load_workbook(io.BytesIO(response.data)).active
    table = [[cell.value for cell in row] for row in sheet.iter_rows()]
    headings, *rows = table
    assert "Field visits" in headings and "Shuttle?" in headings
    assert len(rows) == 1 and rows[0][headings.index("Given name")] == "Taro"
    assert rows[0][headings.index("City")] == "'@Osaka"

    sheet = load_workbook(io.BytesIO(client.get(f"{BASE}/export.xlsx").data)).active
    values = [cell.value for row in sheet.iter_rows() for cell in row]
    assert '\'=HYPERLINK("http://evil")' in values and "Museum; Library" in values
    assert not any(isinstance(v, str) and v.startswith("=") for v in values)
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


def test_large_csv_export_streams_in_pieces(client, conference, signed_in):
    from tests.registration.test_manage_registrations import _seed

    ticket = factories.make_ticket(conference)
    _seed(conference, ticket, 1_000)
    response = client.get(f"{BASE}/export.csv")
    pieces = [piece.decode() if isinstance(piece, bytes) else piece for piece in response.response]
    assert len(pieces) > 3  # written out a couple of hundred rows at a time
    rows = list(csv.DictReader(io.StringIO("".join(pieces)[1:])))
    assert len(rows) == 1_000 and rows[-1]["Given name"] == "Delegate0"


def test_dashboard_counts_and_chart(client, conference, data, signed_in):
    factories.make_ticket(conference, "Online", capacity=None)
    services.register(
        conference, data["free"], factories.delegate("ana@example.ph", country="PH", given_name="Ana")
    )
    services.cancel(data["mina"], actor_id=None)
    response = client.get(f"{BASE}/dashboard")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    # Tickets with places held / capacity
    assert "Member city" in html and "1 / 10" in html and "1 / ∞" in html and "0 / ∞" in html
    # Statuses, categories and countries
    assert "Confirmed" in html and "Cancelled" in html
    assert "Philippines" in html and "Japan" in html
    assert f"{BASE}/?country=PH" in html and f"{BASE}/?status=cancelled" in html
    # Money per currency: USD 12.50 paid.
    assert "$12.50" in html
    # An accessible server-rendered chart with a table fallback.
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in html and 'role="img"' in html
    assert '<title id="registrations-chart-title">Registrations per day</title>' in html
    assert "<desc" in html and "3 registrations" in html
    assert "The figures as a table" in html and "Running total" in html
    assert "<script" not in html.split("<main", 1)[1]


def test_dashboard_outstanding_money_and_days(client, conference, signed_in):
    paid = factories.make_ticket(conference, "Observer", price_minor=50000)
    from sqlalchemy import update

    from conference.registration.models import Registration

    for n, day in enumerate((1, 1, 3)):
        reg = services.register(conference, paid, factories.delegate(f"p{n}@example.org"))
        db.session.execute(
            update(Registration)
            .where(Registration.id == reg.id)
            .values(created_at=datetime(2026, 10, day, 3, tzinfo=UTC))
        )
    db.session.commit()
    html = client.get(f"{BASE}/dashboard").get_data(as_text=True)
    assert "₩150,000" in html  # three invoices still due
    table = html.split("per-day-table", 1)[1].split("</table>", 1)[0]
    # Oct 1 (2), Oct 2 (0), Oct 3 (1); running total 2, 2, 3.
    assert table.count('<tr><th scope="row">') == 3
    assert (
        "<td>2</td><td>2</td>" in table
        and "<td>0</td><td>2</td>" in table
        and "<td>1</td><td>3</td>" in table
    )


def test_an_empty_dashboard(client, conference, signed_in):
    html = client.get(f"{BASE}/dashboard").get_data(as_text=True)
    assert "No registrations yet." in html and "<svg" not in html
