"""Organiser forms for the programme: rooms, tracks, sessions with their people, and publishing."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    FieldList,
    Form,
    FormField,
    HiddenField,
    IntegerField,
    SelectField,
    StringField,
    TextAreaField,
    TimeField,
    ValidationError,
)
from wtforms.fields import ColorField, SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from conference.agenda.labels import ROLE_LABELS, SESSION_TYPE_LABELS, STATUS_LABELS
from conference.agenda.models import PersonRole, Session, SessionStatus, SessionType
from conference.core.forms import (
    CHOOSE_FROM_LIST,
    MAX_POSITION,
    checkboxes,
    choices,
    enum_select,
    optional_id,
    strip,
)
from conference.core.validators import valid_colour
from conference.events.models import Conference
from conference.i18n.formatting import language_name
from conference.speakers.forms import links_text, parse_links

# The languages a session can be held or interpreted in, in the order they are offered.
SESSION_LANGUAGES = ("en", "ko", "zh", "ja", "fr", "de", "es", "ru", "ar", "hi", "id", "th", "vi", "mn")
PEOPLE_ROWS = 6  # blank person rows offered on a new session
SCHEDULE_MARGIN = timedelta(days=365)  # how far before or after the conference a session may be placed


class NonexistentTime(ValueError):
    """The local time falls in a daylight-saving gap: clocks skip it that day."""


def conference_instant(day: date, clock: time, tz: ZoneInfo) -> datetime:
    """A wall-clock time in the conference's zone as aware UTC.

    A time that happens twice (clocks going back) is taken at its first occurrence; one that never
    happens (clocks going forward) raises NonexistentTime.
    """
    naive = datetime.combine(day, clock)
    local = naive.replace(tzinfo=tz, fold=0)
    if local.astimezone(UTC).astimezone(tz).replace(tzinfo=None) != naive:
        raise NonexistentTime(naive.isoformat())
    return local.astimezone(UTC)


def position_field(label) -> IntegerField:
    return IntegerField(label, default=0, validators=[Optional(), NumberRange(min=0, max=MAX_POSITION)])


class RoomForm(FlaskForm):
    name = StringField(_l("Name"), filters=[strip], validators=[DataRequired(), Length(max=100)])
    capacity = IntegerField(_l("Capacity"), validators=[Optional(), NumberRange(min=0, max=1_000_000)])
    location = StringField(_l("Location or floor"), filters=[strip], validators=[Length(max=200)])
    online = BooleanField(_l("Online only"))
    position = position_field(_l("Position in lists"))

    def values(self) -> dict:
        return {
            "name": self.name.data,
            "capacity": self.capacity.data,
            "location": self.location.data or "",
            "online": self.online.data,
            "position": self.position.data or 0,
        }


class TrackForm(FlaskForm):
    name = StringField(_l("Name"), filters=[strip], validators=[DataRequired(), Length(max=100)])
    colour = ColorField(
        _l("Colour"), default="#1f5f8b", filters=[strip], validators=[DataRequired(), valid_colour]
    )
    position = position_field(_l("Position in lists"))

    def values(self) -> dict:
        return {
            "name": self.name.data,
            "colour": self.colour.data.lower(),
            "position": self.position.data or 0,
        }


class SessionPersonForm(Form):
    """One row of the people sub-form: who, in which role, in which order."""

    person_id = SelectField(
        _l("Person"),
        coerce=optional_id,
        invalid_value_message=CHOOSE_FROM_LIST,
        invalid_choice_message=_l("Choose a person of this conference."),
    )
    role = enum_select(_l("Role"), PersonRole, default=PersonRole.SPEAKER)
    position = IntegerField(_l("Order"), validators=[Optional(), NumberRange(min=0, max=1000)])


class SessionForm(FlaskForm):
    title = StringField(_l("Title"), filters=[strip], validators=[DataRequired(), Length(max=300)])
    abstract = TextAreaField(_l("Abstract"), validators=[Length(max=20_000)])
    type = enum_select(_l("Type"), SessionType, default=SessionType.PRESENTATION)
    track_id = SelectField(
        _l("Track"),
        coerce=optional_id,
        invalid_value_message=CHOOSE_FROM_LIST,
        invalid_choice_message=_l("Choose a track of this conference."),
    )
    room_id = SelectField(
        _l("Room"),
        coerce=optional_id,
        invalid_value_message=CHOOSE_FROM_LIST,
        invalid_choice_message=_l("Choose a room of this conference."),
    )
    day = DateField(_l("Day"), validators=[InputRequired()])
    starts_at_time = TimeField(_l("Starts at"), format=["%H:%M", "%H:%M:%S"], validators=[InputRequired()])
    ends_at_time = TimeField(_l("Ends at"), format=["%H:%M", "%H:%M:%S"], validators=[InputRequired()])
    language_codes = checkboxes(_l("Languages"), invalid_choice_message=_l("Choose languages from the list."))
    capacity = IntegerField(_l("Capacity"), validators=[Optional(), NumberRange(min=1, max=1_000_000)])
    expected_attendance = IntegerField(
        _l("Expected attendance"), validators=[Optional(), NumberRange(min=1, max=1_000_000)]
    )
    seat_booking = BooleanField(_l("Delegates reserve a seat (workshops)"))
    materials_text = TextAreaField(_l("Slides and materials"), validators=[Length(max=6_000)])
    status = enum_select(_l("Status"), SessionStatus, default=SessionStatus.DRAFT)
    people = FieldList(FormField(SessionPersonForm), min_entries=PEOPLE_ROWS, max_entries=60)

    def __init__(self, conference: Conference, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.conference = conference
        self.session: Session | None = kwargs.get("obj")
        self.starts_at: datetime | None = None
        self.ends_at: datetime | None = None
        if not self.is_submitted():
            # Room to add a few more people to a session that already has some.
            filled = sum(1 for row in self.people if row.person_id.data)
            while len(self.people) < max(PEOPLE_ROWS, filled + 3):
                self.people.append_entry()
            if self.session is not None:
                self.materials_text.data = links_text(self.session.materials)
        self._offer_choices(conference)

    def _offer_choices(self, conference: Conference) -> None:
        """Only this conference's tracks, rooms and people can be chosen (or posted)."""
        self.type.choices = choices(SESSION_TYPE_LABELS.items())
        self.status.choices = choices(STATUS_LABELS.items())
        self.track_id.choices = [SelectChoice("", str(_l("No track")))] + choices(
            (track.id, track.name) for track in conference.tracks
        )
        self.room_id.choices = [SelectChoice("", str(_l("No room")))] + choices(
            (room.id, room.name) for room in conference.rooms
        )
        self.language_codes.choices = choices((code, language_name(code)) for code in SESSION_LANGUAGES)
        people = sorted(conference.people, key=lambda person: person.full_name.lower())
        person_choices = [SelectChoice("", str(_l("— Nobody —")))] + choices(
            (person.id, " · ".join(filter(None, (person.display_name, person.organisation))))
            for person in people
        )
        for row in self.people:
            row.person_id.choices = person_choices
            row.role.choices = choices(ROLE_LABELS.items())

    def validate_day(self, field) -> None:
        start, end = self.conference.start_date - SCHEDULE_MARGIN, self.conference.end_date + SCHEDULE_MARGIN
        if field.data and not start <= field.data <= end:
            raise ValidationError(_l("Choose a day within a year of the conference."))

    def _instant(self, field, current: datetime | None) -> datetime | None:
        if not self.day.data or self.day.errors or not field.data:
            return None
        tz = self.conference.tz
        if current is not None and current.astimezone(tz).replace(tzinfo=None) == datetime.combine(
            self.day.data, field.data
        ):
            return current  # unchanged: keeps which of two repeated autumn times it was
        try:
            return conference_instant(self.day.data, field.data, tz)
        except NonexistentTime as exc:
            raise ValidationError(
                _l(
                    "This time does not exist in %(zone)s on that day (the clocks change). "
                    "Choose another time.",
                    zone=self.conference.timezone,
                )
            ) from exc

    def validate_starts_at_time(self, field) -> None:
        self.starts_at = self._instant(field, self.session.starts_at if self.session else None)

    def validate_ends_at_time(self, field) -> None:
        self.ends_at = self._instant(field, self.session.ends_at if self.session else None)
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError(_l("The session must end after it starts."))
        if (
            not self.starts_at
            and self.starts_at_time.data
            and field.data
            and field.data <= self.starts_at_time.data
        ):
            raise ValidationError(_l("The session must end after it starts."))

    def validate_materials_text(self, field) -> None:
        try:
            self.materials = parse_links(field.data or "")
        except ValueError as exc:
            raise ValidationError(str(exc)) from exc

    def validate_seat_booking(self, field) -> None:
        if field.data and not self.capacity.data:
            raise ValidationError(_l("Give the session a capacity to let delegates reserve seats."))

    def validate(self, extra_validators=None) -> bool:
        self.materials: list[dict[str, str]] = []
        valid = super().validate(extra_validators)
        seen = set()
        for row in self.people:
            key = (row.person_id.data, row.role.data)
            if row.person_id.data is None or row.person_id.errors:
                continue
            if key in seen:
                row.person_id.errors.append(_l("This person already has this role in the session."))
                valid = False
            seen.add(key)
        return valid

    def values(self) -> dict:
        """The session's column values (validate first: the times are computed there)."""
        codes = set(self.language_codes.data or [])
        return {
            "title": self.title.data,
            "abstract": self.abstract.data or "",
            "type": self.type.data,
            "track_id": self.track_id.data,
            "room_id": self.room_id.data,
            "starts_at": self.starts_at,
            "ends_at": self.ends_at,
            "languages": ",".join(code for code in SESSION_LANGUAGES if code in codes),
            "capacity": self.capacity.data,
            "expected_attendance": self.expected_attendance.data,
            "seat_booking": bool(self.seat_booking.data),
            "materials": self.materials,
            "status": self.status.data,
        }

    def people_rows(self) -> list[tuple[int, PersonRole]]:
        """(person id, role) for each filled row, in the order given (then the order of the rows)."""
        filled = [
            (row.position.data if row.position.data is not None else index, index, row)
            for index, row in enumerate(self.people)
            if row.person_id.data is not None
        ]
        return [
            (row.person_id.data, row.role.data) for _order, _index, row in sorted(filled, key=lambda t: t[:2])
        ]


class PublishForm(FlaskForm):
    note = StringField(
        _l("Note for the public changelog (optional)"),
        filters=[strip],
        validators=[Optional(), Length(max=500)],
    )
    # The version the organiser reviewed: if someone publishes first, theirs is not what was reviewed.
    version = HiddenField()

    def expected_number(self) -> int | None:
        return int(self.version.data) if (self.version.data or "").isdigit() else None
