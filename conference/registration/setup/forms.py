"""The organiser's setup forms: ticket types, custom questions and the registration settings."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal, InvalidOperation

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    DateTimeLocalField,
    IntegerField,
    SelectField,
    StringField,
    TextAreaField,
    ValidationError,
)
from wtforms.fields import ColorField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from conference.agenda.forms import NonexistentTime, conference_instant, position_field
from conference.core.forms import CHOOSE_FROM_LIST, choices, enum_select, strip
from conference.core.validators import valid_colour
from conference.events.models import Conference
from conference.payments import money
from conference.registration.labels import ATTENDANCE_LABELS, QUESTION_KIND_LABELS
from conference.registration.models import (
    Attendance,
    Question,
    QuestionKind,
    TicketType,
)

CHOICE_KINDS = frozenset({QuestionKind.SINGLE_CHOICE, QuestionKind.MULTIPLE_CHOICE})
MAX_OPTIONS = 50
LOCAL_FORMAT = "%Y-%m-%dT%H:%M"


def _local_field(label) -> DateTimeLocalField:
    return DateTimeLocalField(
        label,
        format=[LOCAL_FORMAT, "%Y-%m-%dT%H:%M:%S"],
        validators=[Optional()],
        render_kw={"step": 60},
    )


class TicketTypeForm(FlaskForm):
    name = StringField(_l("Name"), filters=[strip], validators=[DataRequired(), Length(max=120)])
    description = TextAreaField(_l("Description"), validators=[Length(max=5_000)])
    attendance = enum_select(_l("Attendance"), Attendance, default=Attendance.IN_PERSON)
    includes_streaming = BooleanField(_l("Includes online access to the streams"))
    price = StringField(
        _l("Price"), default="0", filters=[strip], validators=[InputRequired(), Length(max=20)]
    )
    currency = SelectField(_l("Currency"), default="USD", invalid_choice_message=CHOOSE_FROM_LIST)
    capacity = IntegerField(_l("Capacity"), validators=[Optional(), NumberRange(min=0, max=1_000_000)])
    sales_start = _local_field(_l("Sales open"))
    sales_end = _local_field(_l("Sales close"))
    requires_approval = BooleanField(_l("Needs an organiser's approval"))
    access_code = StringField(_l("Access code"), filters=[strip], validators=[Length(max=64)])
    badge_colour = ColorField(
        _l("Badge colour"), default="#1f5f8b", filters=[strip], validators=[DataRequired(), valid_colour]
    )
    position = position_field(_l("Position in lists"))
    active = BooleanField(_l("Active (offered to delegates)"), default=True)

    STORED_AS_IS = (
        "name",
        "description",
        "attendance",
        "includes_streaming",
        "currency",
        "capacity",
        "requires_approval",
        "access_code",
        "badge_colour",
        "position",
        "active",
    )

    def __init__(self, conference: Conference, *args, ticket: TicketType | None = None, **kwargs):
        if ticket is not None:
            # Not obj=ticket: the price and the sales window are shown converted, not as stored.
            stored = {name: getattr(ticket, name) for name in self.STORED_AS_IS}
            stored["price"] = str(money.to_major(ticket.price_minor, ticket.currency))
            for name in ("sales_start", "sales_end"):
                value = getattr(ticket, name)
                stored[name] = value.astimezone(conference.tz).replace(tzinfo=None) if value else None
            kwargs = stored | kwargs
        super().__init__(*args, **kwargs)
        self.conference = conference
        self.attendance.choices = choices(ATTENDANCE_LABELS.items())
        self.currency.choices = choices((code, code) for code in money.CURRENCIES)
        self.price_minor = 0
        self.starts: datetime | None = None
        self.ends: datetime | None = None

    def validate_price(self, field) -> None:
        try:
            amount = Decimal(field.data.replace(",", ""))
        except InvalidOperation:
            raise ValidationError(_l("Give the price as a number, for example 50000 or 12.50.")) from None
        if not amount.is_finite() or amount < 0:
            raise ValidationError(_l("Give a price of 0 (free) or more."))
        currency = self.currency.data if self.currency.data in money.CURRENCIES else "USD"
        try:
            self.price_minor = money.to_minor(amount, currency)
        except ValueError:
            places = money.exponent(currency)
            raise ValidationError(
                _l("%(currency)s prices have at most %(places)d decimals.", currency=currency, places=places)
                if places
                else _l("%(currency)s prices have no decimals.", currency=currency)
            ) from None
        if self.price_minor > 2_000_000_000:
            raise ValidationError(_l("This price is too high."))

    def _instant(self, field) -> datetime | None:
        if field.data is None:
            return None
        try:
            return conference_instant(field.data.date(), field.data.time(), self.conference.tz)
        except NonexistentTime:
            raise ValidationError(
                _l(
                    "This time does not exist in %(zone)s that day (clocks skip it).",
                    zone=self.conference.timezone,
                )
            ) from None

    def validate_sales_start(self, field) -> None:
        self.starts = self._instant(field)

    def validate_sales_end(self, field) -> None:
        self.ends = self._instant(field)
        if self.starts and self.ends and self.ends <= self.starts:
            raise ValidationError(_l("Sales must close after they open."))

    def values(self) -> dict:
        return {
            "name": self.name.data,
            "description": self.description.data or "",
            "attendance": self.attendance.data,
            "includes_streaming": self.includes_streaming.data,
            "price_minor": self.price_minor,
            "currency": self.currency.data,
            "capacity": self.capacity.data,
            "sales_start": self.starts,
            "sales_end": self.ends,
            "requires_approval": self.requires_approval.data,
            "access_code": self.access_code.data or None,
            "badge_colour": self.badge_colour.data.lower(),
            "position": self.position.data or 0,
            "active": self.active.data,
        }


class QuestionForm(FlaskForm):
    label = StringField(_l("Question"), filters=[strip], validators=[DataRequired(), Length(max=300)])
    help_text = StringField(_l("Help text"), filters=[strip], validators=[Length(max=500)])
    kind = enum_select(_l("Kind of answer"), QuestionKind, default=QuestionKind.SHORT_TEXT)
    options_text = TextAreaField(_l("Options"), validators=[Length(max=10_000)])
    required = BooleanField(_l("An answer is required"))
    position = position_field(_l("Position on the form"))
    active = BooleanField(_l("Active (shown on the form)"), default=True)

    def __init__(self, *args, question: Question | None = None, **kwargs):
        if question is not None and "formdata" not in kwargs:
            kwargs.setdefault("options_text", "\n".join(question.options or []))
        super().__init__(*args, obj=question, **kwargs)
        self.kind.choices = choices(QUESTION_KIND_LABELS.items())

    def options(self) -> list[str]:
        seen: dict[str, None] = {}  # keeps the order, drops repeats
        for line in (self.options_text.data or "").splitlines():
            if line.strip():
                seen.setdefault(line.strip(), None)
        return list(seen)

    def validate_options_text(self, field) -> None:
        options = self.options()
        if self.kind.data not in CHOICE_KINDS:
            return
        if len(options) < 2:
            raise ValidationError(_l("Give at least two options, one per line."))
        if len(options) > MAX_OPTIONS:
            raise ValidationError(_l("Give at most %(num)d options.", num=MAX_OPTIONS))
        if any(len(option) > 200 for option in options):
            raise ValidationError(_l("Each option can be at most 200 characters long."))

    def values(self) -> dict:
        return {
            "label": self.label.data,
            "help_text": self.help_text.data or "",
            "kind": self.kind.data,
            "options": self.options() if self.kind.data in CHOICE_KINDS else [],
            "required": self.required.data,
            "position": self.position.data or 0,
            "active": self.active.data,
        }


class PolicyForm(FlaskForm):
    open = BooleanField(_l("Registration is open"))
    privacy_notice = TextAreaField(_l("Privacy notice"), validators=[Length(max=50_000)])
    privacy_notice_version = StringField(
        _l("Privacy notice version"), filters=[strip], validators=[DataRequired(), Length(max=32)]
    )
    refund_percent = IntegerField(
        _l("Refund on cancellation (%)"), validators=[InputRequired(), NumberRange(min=0, max=100)]
    )
    refund_deadline = DateField(_l("Refund deadline"), validators=[Optional()])
    payment_hold_minutes = IntegerField(
        _l("Minutes a place is held for an online payment"),
        validators=[InputRequired(), NumberRange(min=5, max=10_080)],
    )
    offer_hours = IntegerField(
        _l("Hours a waitlist offer stays open"), validators=[InputRequired(), NumberRange(min=1, max=720)]
    )
    invoice_instructions = TextAreaField(
        _l("Instructions for paying by invoice"), validators=[Length(max=10_000)]
    )

    def values(self) -> dict:
        return {
            "open": self.open.data,
            "privacy_notice": self.privacy_notice.data or "",
            "privacy_notice_version": self.privacy_notice_version.data,
            "refund_percent": self.refund_percent.data,
            "refund_deadline": self.refund_deadline.data,
            "payment_hold_minutes": self.payment_hold_minutes.data,
            "offer_hours": self.offer_hours.data,
            "invoice_instructions": self.invoice_instructions.data or "",
        }
