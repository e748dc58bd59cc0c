"""The registration list a scanner keeps for offline use: one card per registration, and its deltas.

Cards are read with plain column queries on the tables (no ORM objects, no ORM execution step): a
conference's whole list is one query for the registrations and one for their check-ins, whatever its
size, and one badge's card with its check-ins is one query.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from flask_babel import gettext as _
from sqlalchemy import Select, and_, bindparam, func, or_, select

from conference.badges.codes import make_badge_code
from conference.checkin.models import CheckIn, Scan, ScanConference
from conference.extensions import db
from conference.registration.models import Attendance, Registration, RegistrationStatus, TicketType

SEARCH_LIMIT = 20
# Delta sync reads back a little before the moment the client names: a check-in written just before a
# listing but committed just after it is then sent next time instead of never.
DELTA_OVERLAP = timedelta(seconds=10)

REGISTRATION, TICKET, CHECKIN, SCAN = (m.__table__ for m in (Registration, TicketType, CheckIn, Scan))
R, T, C = REGISTRATION.c, TICKET.c, CHECKIN.c
CARD_COLUMNS = (
    R.id,
    R.badge_version,
    R.status,
    R.honorific,
    R.given_name,
    R.family_name,
    R.local_name,
    R.organisation,
    R.country,
    R.dietary_needs,
    R.accessibility_needs,
    R.amount_due_minor,
    R.amount_paid_minor,
    T.name,
    T.badge_colour,
    T.attendance,
)


def iso(moment: datetime) -> str:
    """A UTC instant as ISO 8601 with a Z, as JavaScript's Date reads it."""
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


@dataclass
class RegistrationCard:
    """What a door needs to know about a registration, whether online or from the offline list."""

    id: int
    badge_version: int
    status: RegistrationStatus
    name: str
    local_name: str
    organisation: str
    country: str
    category: str  # the ticket type's name, as printed on the badge band
    colour: str
    dietary_needs: str
    accessibility_needs: str
    in_person: bool
    paid: bool
    checked_in: dict[str, tuple[datetime, str]] = field(default_factory=dict)  # point → (at, by)

    @property
    def notes(self) -> str:
        """Dietary and accessibility needs in one line, labelled in the reader's language."""
        notes = []
        if self.dietary_needs:
            notes.append(_("Dietary: %(needs)s", needs=self.dietary_needs))
        if self.accessibility_needs:
            notes.append(_("Accessibility: %(needs)s", needs=self.accessibility_needs))
        return " · ".join(notes)

    def as_json(self) -> dict:
        return {
            "id": self.id,
            "badge_version": self.badge_version,
            "status": self.status.value,
            "name": self.name,
            "local_name": self.local_name,
            "organisation": self.organisation,
            "country": self.country,
            "category": self.category,
            "colour": self.colour,
            "notes": self.notes,
            "in_person": self.in_person,
            "paid": self.paid,
            "checked_in": {point: {"at": iso(at), "by": by} for point, (at, by) in self.checked_in.items()},
        }


def card_query() -> Select:
    return select(*CARD_COLUMNS).select_from(REGISTRATION.join(TICKET, T.id == R.ticket_type_id))


def card_from_row(row) -> RegistrationCard:
    (
        rid,
        version,
        status,
        honorific,
        given,
        family,
        local_name,
        organisation,
        country,
        dietary,
        accessibility,
        due,
        paid,
        ticket,
        colour,
        attendance,
    ) = row[: len(CARD_COLUMNS)]
    return RegistrationCard(
        id=rid,
        badge_version=version,
        status=status,
        name=" ".join(part for part in (honorific, given, family) if part),
        local_name=local_name,
        organisation=organisation,
        country=country,
        category=ticket,
        colour=colour,
        dietary_needs=dietary,
        accessibility_needs=accessibility,
        in_person=attendance == Attendance.IN_PERSON,
        paid=due == 0 or paid >= due,
    )


def _with_checkins(
    cards: list[RegistrationCard], conference_id: int, only_ids: bool
) -> list[RegistrationCard]:
    if not cards:
        return cards
    query = select(C.registration_id, C.point, C.checked_in_at, C.checked_in_by)
    if only_ids:
        query = query.where(C.registration_id.in_([card.id for card in cards]))
    else:
        query = query.where(C.conference_id == conference_id)
    found: dict[int, dict[str, tuple[datetime, str]]] = defaultdict(dict)
    for registration_id, point, at, by in db.session.execute(query):
        found[registration_id][point] = (at, by)
    for card in cards:
        card.checked_in = found.get(card.id, {})
    return cards


def registration_cards(
    conference: ScanConference, changed_since: datetime | None = None
) -> list[RegistrationCard]:
    """Every registration of the conference, or those changed (details or check-ins) since a moment."""
    query = card_query().where(R.conference_id == conference.id).order_by(R.id)
    if changed_since is not None:
        since = changed_since - DELTA_OVERLAP
        checked_in = select(C.registration_id).where(C.conference_id == conference.id, C.created_at > since)
        undone = select(SCAN.c.registration_id).where(
            SCAN.c.conference_id == conference.id,
            SCAN.c.undone_at > since,
            SCAN.c.registration_id.is_not(None),
        )
        query = query.where(
            or_(
                R.updated_at > since,
                T.badge_details_changed_at > since,
                R.id.in_(checked_in),
                R.id.in_(undone),
            )
        )
    cards = [card_from_row(row) for row in db.session.execute(query)]
    # A delta is small: look its check-ins up by id; the full list reads the conference's at once.
    return _with_checkins(cards, conference.id, only_ids=changed_since is not None)


# Built once: the scan path runs it for every badge, and building a statement costs more than running it.
CARD_WITH_CHECKINS = (
    card_query()
    .add_columns(C.point, C.checked_in_at, C.checked_in_by)
    .outerjoin(CHECKIN, C.registration_id == R.id)
    .where(R.id == bindparam("registration_id"), R.conference_id == bindparam("conference_id"))
)


def registration_card(conference_id: int, registration_id: int) -> RegistrationCard | None:
    """One registration's card and check-ins, in one query."""
    parameters = {"registration_id": registration_id, "conference_id": conference_id}
    rows = db.session.connection().execute(CARD_WITH_CHECKINS, parameters).all()
    if not rows:
        return None
    card = card_from_row(rows[0])
    width = len(CARD_COLUMNS)
    card.checked_in = {row[width]: (row[width + 1], row[width + 2]) for row in rows if row[width] is not None}
    return card


def search(conference: ScanConference, text: str) -> list[tuple[RegistrationCard, str]]:
    """Up to 20 registrations whose name, e-mail, reference or organisation hold every word, with codes."""
    words = [word for word in text.lower().split() if word][:5]
    if not words:
        return []
    conditions = []
    for word in words:
        escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        pattern = f"%{escaped}%"
        columns = (R.given_name, R.family_name, R.local_name, R.email, R.reference, R.organisation)
        conditions.append(or_(*(func.lower(column).like(pattern, escape="\\") for column in columns)))
    query = (
        card_query()
        .where(R.conference_id == conference.id, and_(*conditions))
        .order_by(R.family_name, R.given_name, R.id)
        .limit(SEARCH_LIMIT)
    )
    cards = _with_checkins([card_from_row(row) for row in db.session.execute(query)], conference.id, True)
    return [
        (card, make_badge_code(conference.badge_key, conference.id, card.id, card.badge_version))
        for card in cards
    ]
