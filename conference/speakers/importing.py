"""Importing people from a CSV file: read, check every row, preview, then import on the organiser's word.

Nothing is written while previewing. The rows read from the file travel to the confirm step in a signed
form field (the browser cannot change them unnoticed) and are checked again before the import, which
writes every valid row in one transaction, each change audited.
"""

from __future__ import annotations

import csv
import enum
import io
from dataclasses import dataclass, field

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from werkzeug.datastructures import MultiDict

from conference.core.changes import save
from conference.core.signing import InvalidLink, Signer
from conference.core.validators import country_choices
from conference.events.models import Conference
from conference.extensions import db
from conference.speakers.forms import MAX_LINKS, PersonForm, parse_links
from conference.speakers.models import Person

COLUMNS = (
    "honorific",
    "full_name",
    "local_name",
    "position",
    "organisation",
    "city",
    "country",
    "email",
    "bio",
    "links",
)
REQUIRED_COLUMNS = ("full_name",)
MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_ROWS = 2_000
SALT = "people-import"
PREVIEW_MAX_AGE = 3 * 3600  # seconds between preview and confirm

EXTRA = "_extra"  # a cell of its own: "1" when a line has more cells than the header has columns
RawRow = tuple[int, dict[str, str]]  # (line number in the file, cell by column)


class ImportProblem(ValueError):
    """The file as a whole cannot be read; the message says why and no row is shown."""


class RowAction(enum.StrEnum):
    NEW = "new"
    UPDATE = "update"
    ERROR = "error"


@dataclass
class ImportRow:
    line: int
    cells: dict[str, str]
    action: RowAction = RowAction.NEW
    values: dict = field(default_factory=dict)  # what would be written to the Person
    errors: list[str] = field(default_factory=list)
    person: Person | None = None  # the existing person an update changes


@dataclass
class ImportResult:
    created: int
    updated: int
    skipped: int


# Reading the file


def read_csv(data: bytes) -> list[RawRow]:
    """The rows of an uploaded CSV (UTF-8, with or without BOM); raises ImportProblem."""
    if len(data) > MAX_FILE_BYTES:
        raise ImportProblem(_l("The file is larger than %(mb)d MB; split it into smaller files.", mb=2))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportProblem(_l("The file is not UTF-8 text. Save it as “CSV UTF-8” and try again.")) from None
    if "\x00" in text:
        raise ImportProblem(_l("This is not a CSV file."))
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader, None)
        if not header or not any(cell.strip() for cell in header):
            raise ImportProblem(_l("The file is empty: the first line must name the columns."))
        columns = [cell.strip().lower() for cell in header]
        _check_columns(columns)
        rows: list[RawRow] = []
        line = reader.line_num + 1
        for record_cells in reader:
            if any(cell.strip() for cell in record_cells):
                if len(rows) == MAX_ROWS:
                    raise ImportProblem(_l("Import at most %(max)d people at a time.", max=MAX_ROWS))
                rows.append((line, _cells(columns, record_cells)))
            line = reader.line_num + 1
    except csv.Error as exc:
        raise ImportProblem(_l("The file is not valid CSV (%(error)s).", error=str(exc))) from None
    if not rows:
        raise ImportProblem(_l("The file has a header line but no people."))
    return rows


def _check_columns(columns: list[str]) -> None:
    missing = [name for name in REQUIRED_COLUMNS if name not in columns]
    unknown = [name for name in columns if name and name not in COLUMNS]
    repeated = sorted({name for name in columns if name and columns.count(name) > 1})
    expected = ", ".join(COLUMNS)
    if missing:
        raise ImportProblem(
            _l(
                "The file has no column %(missing)s. The first line must name the columns: %(expected)s.",
                missing=", ".join(missing),
                expected=expected,
            )
        )
    if unknown:
        raise ImportProblem(
            _l(
                "Unknown columns: %(unknown)s. Use only: %(expected)s.",
                unknown=", ".join(unknown),
                expected=expected,
            )
        )
    if repeated:
        raise ImportProblem(_l("The column %(name)s appears more than once.", name=", ".join(repeated)))


def _cells(columns: list[str], cells: list[str]) -> dict[str, str]:
    values = {name: "" for name in (*COLUMNS, EXTRA)}
    for name, cell in zip(columns, cells, strict=False):
        if name:
            values[name] = cell.strip()
    if len(cells) > len(columns) and any(cell.strip() for cell in cells[len(columns) :]):
        values[EXTRA] = "1"
    return values


# Checking the rows


def _country_codes() -> dict[str, str]:
    pairs = country_choices("en")
    codes = {code.lower(): code for code, _name in pairs}
    return codes | {name.casefold(): code for code, name in pairs}


def _links_text(cell: str, errors: list[str]) -> str:
    items = [item.strip() for item in cell.split(";") if item.strip()]
    for number, item in enumerate(items, start=1):
        try:
            parse_links(item)
        except ValueError:
            errors.append(str(_l("Link %(number)d: write it as “Label | https://address”.", number=number)))
    if len(items) > MAX_LINKS:
        errors.append(str(_l("Give at most %(max)s links.", max=MAX_LINKS)))
    return "\n".join(items)


def _check_values(cells: dict[str, str], countries: dict[str, str]) -> tuple[dict, list[str]]:
    """The Person values of one row, checked by the organiser's own form; the errors as sentences."""
    errors: list[str] = []
    if cells.get(EXTRA):
        errors.append(str(_l("This line has more cells than the header has columns.")))
    country = cells["country"]
    code = countries.get(country.casefold(), "") if country else ""
    if country and not code:
        errors.append(
            str(_l("Country “%(value)s”: use an ISO code such as KR or the English name.", value=country))
        )
    link_errors: list[str] = []
    links_text = _links_text(cells["links"], link_errors)
    errors.extend(link_errors)
    fields = {name: cells[name] for name in COLUMNS if name not in ("country", "links")}
    # Links already reported are left out, so the form does not report them a second time.
    fields |= {"country": code, "links_text": "" if link_errors else links_text}
    form = PersonForm(formdata=MultiDict(fields), meta={"csrf": False})
    if not form.validate():
        for name, messages in form.errors.items():
            errors.extend(f"{form[name].label.text}: {message}" for message in messages)
    return form.values(), errors


def _existing(conference: Conference) -> tuple[dict[str, Person], dict[str, list[Person]]]:
    people = db.session.scalars(select(Person).where(Person.conference_id == conference.id))
    by_email: dict[str, Person] = {}
    by_name: dict[str, list[Person]] = {}
    for person in people:
        if person.email:
            by_email.setdefault(person.email.lower(), person)
        by_name.setdefault(person.full_name.casefold(), []).append(person)
    return by_email, by_name


def check_rows(conference: Conference, raw_rows: list[RawRow]) -> list[ImportRow]:
    """Each row with what importing it would do: create a person, update one (same e-mail or name), or not."""
    countries = _country_codes()
    by_email, by_name = _existing(conference)
    seen: dict[str, int] = {}
    checked = []
    for line, cells in raw_rows:
        row = ImportRow(line, cells)
        row.values, row.errors = _check_values(cells, countries)
        email, name = cells["email"].lower(), cells["full_name"].casefold()
        for key in filter(None, (f"email:{email}" if email else "", f"name:{name}" if name else "")):
            if key in seen:
                row.errors.append(str(_l("The same person as on line %(line)d.", line=seen[key])))
                break
        for key in filter(None, (f"email:{email}" if email else "", f"name:{name}" if name else "")):
            seen.setdefault(key, line)
        if email and email in by_email:
            row.person = by_email[email]
        elif name in by_name and not email:
            namesakes = by_name[name]
            if len(namesakes) > 1:
                row.errors.append(str(_l("Several people have this name; add their e-mail address.")))
            row.person = namesakes[0]
        elif name in by_name and not any(p.email for p in by_name[name]):
            row.person = by_name[name][0]  # a namesake without an address is the same person
        if row.errors:
            row.action = RowAction.ERROR
        elif row.person is not None:
            row.action = RowAction.UPDATE
        checked.append(row)
    return checked


# Keeping the rows between preview and confirm


def _signer(conference: Conference) -> Signer:
    # Salted per conference: rows previewed for one conference cannot be confirmed into another.
    return Signer(f"{SALT}:{conference.id}", max_age=PREVIEW_MAX_AGE)


def sign_rows(conference: Conference, raw_rows: list[RawRow]) -> str:
    return _signer(conference).dumps([[line, cells] for line, cells in raw_rows])


def signed_rows(conference: Conference, token: str) -> list[RawRow] | None:
    """The rows signed at preview, or None when the field was changed, is for elsewhere, or is too old."""
    try:
        data = _signer(conference).loads(token)
    except InvalidLink:
        return None
    return [
        (int(line), {name: str(cells.get(name, "")) for name in (*COLUMNS, EXTRA)}) for line, cells in data
    ]


# Importing


def _changes(row: ImportRow) -> dict:
    """For an update only what the file gives: an empty cell leaves what is stored as it is."""
    if row.person is None:
        return row.values
    return {name: value for name, value in row.values.items() if value}


def import_rows(conference: Conference, raw_rows: list[RawRow], *, user_id: int) -> ImportResult:
    """Check the rows again and write every valid one in one transaction, each audited."""
    rows = check_rows(conference, raw_rows)
    created = updated = 0
    for row in rows:
        if row.action == RowAction.ERROR:
            continue
        person = row.person or Person(conference_id=conference.id)
        existed = person.id is not None
        action = "person.updated" if existed else "person.imported"
        save(person, _changes(row), action=action, user_id=user_id, conference_id=conference.id, commit=False)
        created, updated = (created, updated + 1) if existed else (created + 1, updated)
    db.session.commit()
    return ImportResult(created=created, updated=updated, skipped=len(rows) - created - updated)
