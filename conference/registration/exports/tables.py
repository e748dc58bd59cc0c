"""Registrations as CSV (streamed) and XLSX: every field and one column per custom question."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime
from typing import Any

from flask_babel import gettext as _
from openpyxl import Workbook

from conference.events.models import Conference
from conference.i18n.formatting import country_name
from conference.payments.money import to_major
from conference.registration import questions as custom
from conference.registration.models import Question, Registration

CSV_CHUNK = 200  # rows written per piece of the streamed response
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """A spreadsheet never runs a cell as a formula: text starting like one gets a leading quote."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _when(value: datetime | None, conference: Conference) -> str:
    return value.astimezone(conference.tz).strftime("%Y-%m-%d %H:%M") if value else ""


def _amount(minor: int, currency: str) -> str:
    return str(to_major(minor, currency))


def _answer(question: Question, value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):  # multiple choice: one cell, options apart by "; "
        return "; ".join(str(item) for item in value)
    return custom.answer_text(question, value)


def _columns(conference: Conference) -> list[tuple[str, Callable[[Registration], Any]]]:
    """(heading, value of a registration) for every exported field, in order."""

    def when(attribute: str) -> Callable[[Registration], str]:
        return lambda r: _when(getattr(r, attribute), conference)

    return [
        (_("Reference"), lambda r: r.reference),
        (_("Status"), lambda r: r.status.value),
        (_("Ticket"), lambda r: r.ticket_type.name),
        (_("Honorific"), lambda r: r.honorific),
        (_("Given name"), lambda r: r.given_name),
        (_("Family name"), lambda r: r.family_name),
        (_("Name in local script"), lambda r: r.local_name),
        (_("E-mail"), lambda r: r.email),
        (_("Organisation"), lambda r: r.organisation),
        (_("Position"), lambda r: r.position),
        (_("City"), lambda r: r.city),
        (_("Country code"), lambda r: r.country),
        (_("Country"), lambda r: country_name(r.country)),
        (_("Category"), lambda r: r.category.value),
        (_("Phone"), lambda r: r.phone),
        (_("Dietary needs"), lambda r: r.dietary_needs),
        (_("Accessibility needs"), lambda r: r.accessibility_needs),
        (_("Interpretation language"), lambda r: r.interpretation_language),
        (_("Delegation"), lambda r: r.delegation.name if r.delegation else ""),
        (_("Privacy consent at"), when("privacy_consent_at")),
        (_("Privacy notice version"), lambda r: r.privacy_notice_version),
        (_("Photo consent"), lambda r: _("yes") if r.photo_consent else _("no")),
        (_("E-mail language"), lambda r: r.language),
        (_("Payment method"), lambda r: r.payment_method.value),
        (_("Currency"), lambda r: r.currency),
        (_("Amount due"), lambda r: _amount(r.amount_due_minor, r.currency)),
        (_("Amount paid"), lambda r: _amount(r.amount_paid_minor, r.currency)),
        (_("Amount refunded"), lambda r: _amount(r.amount_refunded_minor, r.currency)),
        (_("Paid at"), when("paid_at")),
        (_("Approved at"), when("approved_at")),
        (_("Place held until"), when("hold_expires_at")),
        (_("Registered at"), when("created_at")),
        (_("Changed at"), when("updated_at")),
        (_("Cancelled at"), when("cancelled_at")),
    ]


def rows(
    conference: Conference, questions: list[Question], registrations: Iterable[Registration]
) -> Iterator[list[Any]]:
    """The heading row, then one row per registration; every cell made formula-safe."""
    columns = _columns(conference)
    yield [safe_cell(heading) for heading, _value in columns] + [safe_cell(q.label) for q in questions]
    for registration in registrations:
        answers = {answer.question_id: answer.value for answer in registration.answers}
        yield [safe_cell(value(registration)) for _heading, value in columns] + [
            safe_cell(_answer(question, answers.get(question.id))) for question in questions
        ]


def csv_chunks(table: Iterable[list[Any]]) -> Iterator[str]:
    """CSV text in pieces, starting with a byte-order mark so that Excel reads UTF-8 names right."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    buffer.write("\ufeff")
    for count, row in enumerate(table, start=1):
        writer.writerow(row)
        if count % CSV_CHUNK == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def xlsx_bytes(table: Iterable[list[Any]], sheet_title: str) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=sheet_title[:31])
    for row in table:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
