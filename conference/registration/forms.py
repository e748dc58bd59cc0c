"""Delegates' forms (registering, editing one's registration, re-sending a link), the tickets a visitor may
choose, and the organiser's walk-in form on the same fields (the delegation form: `delegations/forms.py`)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import phonenumbers
from flask import current_app, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    EmailField,
    HiddenField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
    ValidationError,
)
from wtforms.fields import SelectChoice
from wtforms.validators import DataRequired, Email, InputRequired, Length

from conference.core.forms import CHOOSE_FROM_LIST, choices, country_options, strip, valid_country
from conference.core.lookups import in_conference
from conference.db_types import utcnow
from conference.events.models import Conference
from conference.i18n.formatting import language_name, local_datetime
from conference.payments import money
from conference.registration import queries as registration_queries
from conference.registration import questions as custom
from conference.registration.capacity import places_left
from conference.registration.details import DelegateDetails
from conference.registration.labels import CATEGORY_LABELS
from conference.registration.models import DelegateCategory, Question, TicketType
from conference.registration.policy import ticket_on_sale, tickets_offered

REQUIRED = _l("This field is required.")
TOO_LONG = _l("Use at most %(max)d characters.")
INTERPRETATION_LANGUAGES = ("en", "ko")
HONORIFICS = ("Mr", "Ms", "Mrs", "Mx", "Dr", "Prof.", "H.E.", "Hon.")
# The detail fields every form shares with DelegateDetails, as text.
TEXT_DETAILS = (
    "honorific",
    "given_name",
    "family_name",
    "local_name",
    "email",
    "organisation",
    "position",
    "city",
    "country",
    "phone",
    "dietary_needs",
    "accessibility_needs",
    "interpretation_language",
)


def _category(value: object) -> DelegateCategory | None:
    # The empty "choose" option is None (then "required"); anything else must be a category.
    return DelegateCategory(value) if value not in ("", None) else None


def text_field(label, longest: int, *, required: bool = False, field=StringField, **kwargs):
    validators = [DataRequired(REQUIRED)] if required else []
    validators.append(Length(max=longest, message=TOO_LONG))
    return field(label, filters=[strip], validators=validators, **kwargs)


def valid_phone(form, field) -> None:
    """A number phonenumbers calls valid, stored as E.164; without "+" it is read as the country's."""
    if not field.data:
        return
    region = getattr(form, "phone_region", None) or (form.country.data if "country" in form else None)
    try:
        number = phonenumbers.parse(field.data, (region or "").upper() or None)
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not phonenumbers.is_valid_number(number):
        raise ValidationError(_l("Enter a phone number with its country code, like +82 2 1234 5678."))
    field.data = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def email_field():
    return EmailField(
        _l("E-mail address"),
        filters=[strip],
        validators=[
            DataRequired(REQUIRED),
            Length(max=254, message=TOO_LONG),
            Email(_l("Enter an e-mail address like name@example.org."), check_deliverability=False),
        ],
    )


def _category_field():
    return SelectField(
        _l("Delegate category"),
        coerce=_category,
        validators=[DataRequired(_l("Choose the category that fits you best."))],
        invalid_value_message=_l("Choose one of the options in the list."),
        invalid_choice_message=_l("Choose one of the options in the list."),
    )


def country_field(label=None):
    return SelectField(
        label or _l("Country"),
        validate_choice=False,
        validators=[DataRequired(_l("Choose a country from the list.")), valid_country],
    )


class PersonFields:
    """The fields about one delegate, shared by the forms below; `fill_choices` sets the lists."""

    honorific = text_field(_l("Honorific"), 20)
    given_name = text_field(_l("Given name"), 100, required=True)
    family_name = text_field(_l("Family name"), 100)
    local_name = text_field(_l("Name in local script"), 200)
    position = text_field(_l("Position"), 200)
    category = _category_field()
    phone = StringField(
        _l("Phone"), filters=[strip], validators=[Length(max=40, message=TOO_LONG), valid_phone]
    )
    dietary_needs = text_field(_l("Dietary needs"), 500, field=TextAreaField)
    accessibility_needs = text_field(_l("Accessibility needs"), 500, field=TextAreaField)
    interpretation_language = RadioField(
        _l("Preferred interpretation language"),
        default="",
        invalid_choice_message=_l("Choose one of the options in the list."),
    )
    photo_consent = BooleanField(_l("I agree to be photographed and filmed at the conference"))

    def fill_choices(self) -> None:
        self.category.choices = [SelectChoice("", str(_l("Choose…")))] + choices(CATEGORY_LABELS.items())
        self.interpretation_language.choices = [SelectChoice("", str(_l("None needed")))] + choices(
            (code, language_name(code)) for code in INTERPRETATION_LANGUAGES
        )
        if "country" in self:
            self.country.choices = country_options(str(_l("Choose a country")))

    def details(self, questions: list[Question], **overrides: Any) -> DelegateDetails:
        """What was typed, as the registration service takes it."""
        values = {name: self[name].data or "" for name in TEXT_DETAILS if name in self}
        values.update(
            category=self.category.data,
            photo_consent=bool(self.photo_consent.data),
            answers=custom.answers_from(self, questions),
        )
        values.update(overrides)
        return DelegateDetails(**values)


class ContactFields(PersonFields):
    email = email_field()
    organisation = text_field(_l("Organisation"), 200, required=True)
    city = text_field(_l("City"), 100, required=True)
    country = country_field()


class RegistrationForm(ContactFields, FlaskForm):
    ticket_type = RadioField(
        _l("Ticket"), validate_choice=False, validators=[InputRequired(_l("Choose a ticket."))]
    )
    access_code = HiddenField(filters=[strip], validators=[Length(max=64)])
    privacy_consent = BooleanField(
        _l("I have read the privacy notice and agree to it"),
        validators=[DataRequired(_l("You need to agree to the privacy notice to register."))],
    )


class EditDetailsForm(PersonFields, FlaskForm):
    """A delegate changes their details; the e-mail address stays (the links go to it)."""

    organisation = text_field(_l("Organisation"), 200, required=True)
    city = text_field(_l("City"), 100, required=True)
    country = country_field()


class AccessCodeForm(FlaskForm):
    """Sent with GET (?code=…): nothing changes, so no CSRF token."""

    class Meta:
        csrf = False

    code = StringField(_l("Access code"), filters=[strip], validators=[Length(max=64, message=TOO_LONG)])


class ResendLinkForm(FlaskForm):
    email = email_field()


def registration_form(questions: list[Question], **kwargs) -> RegistrationForm:
    """The registration form with the conference's own questions added."""
    form_class = type("ConferenceRegistrationForm", (RegistrationForm,), custom.question_fields(questions))
    form = form_class(**kwargs)
    form.fill_choices()
    return form


def edit_details_form(questions: list[Question], **kwargs) -> EditDetailsForm:
    form_class = type("ConferenceEditDetailsForm", (EditDetailsForm,), custom.question_fields(questions))
    form = form_class(**kwargs)
    form.fill_choices()
    return form


# The tickets a visitor may choose


def not_on_sale(ticket: TicketType, now: datetime, conference: Conference) -> str:
    """Why a ticket cannot be chosen now, in the conference's time."""
    if ticket.sales_start is not None and now < ticket.sales_start:
        return _(
            "Sales for this ticket open on %(when)s.", when=local_datetime(ticket.sales_start, conference.tz)
        )
    if ticket.sales_end is not None and now >= ticket.sales_end:
        return _(
            "Sales for this ticket closed on %(when)s.", when=local_datetime(ticket.sales_end, conference.tz)
        )
    return _("This ticket is not on sale.")


class TicketChoice:
    """What the ticket list shows and what a posted ticket choice comes to."""

    def __init__(self, conference: Conference, code: str, now: datetime) -> None:
        self.conference, self.code, self.now = conference, code, now
        self.offered = tickets_offered(conference, now, code)
        self.places_left = {t.id: places_left(t, now) for t in self.offered}
        self.code_error: str | None = None
        if code and not any(t.access_code for t in self.offered):
            self.code_error = _("This code does not unlock any ticket. Check it and try again.")

    def default(self) -> str | None:
        wanted = request.args.get("ticket", "")
        if any(str(t.id) == wanted for t in self.offered):
            return wanted
        return str(self.offered[0].id) if len(self.offered) == 1 else None

    def options(self) -> list[SelectChoice]:
        return [SelectChoice(str(t.id), t.name) for t in self.offered]

    def chosen(self, field) -> TicketType | None:
        """The ticket posted in `field`, or None with a message on the field."""
        value = field.data or ""
        ticket = (
            in_conference(TicketType, self.conference, int(value))
            if value.isdigit() and len(value) < 10
            else None
        )
        if ticket is None or not ticket.active:
            field.errors.append(_("Choose one of the tickets listed."))
            return None
        if not ticket_on_sale(ticket, self.now):
            field.errors.append(not_on_sale(ticket, self.now, self.conference))
            return None
        return ticket


def ticket_choice(conference: Conference) -> tuple[AccessCodeForm, TicketChoice]:
    """The access code form and the tickets it unlocks: a posted form's code, else the one in the URL."""
    code_form = AccessCodeForm(formdata=request.args)
    code = code_form.code.data if code_form.validate() else ""
    posted_code = request.form.get("access_code", "")[:64] if request.method == "POST" else None
    choice = TicketChoice(conference, posted_code if posted_code is not None else code or "", utcnow())
    if choice.code_error:
        code_form.code.errors.append(choice.code_error)
    return code_form, choice


def form_with_tickets(conference: Conference, build):
    """A delegate's or a delegation's form (`build`) with the conference's questions and the tickets on offer.

    Returns the access code form, the ticket choice, the questions and the form.
    """
    code_form, choice = ticket_choice(conference)
    questions = registration_queries.questions(conference, active_only=True)
    form = build(questions, data={"access_code": choice.code, "ticket_type": choice.default()})
    form.ticket_type.choices = choice.options()
    return code_form, choice, questions, form


# Walk-ins and decisions, on the organiser's pages


class WalkInFields:
    """What an organiser adds to the delegate's fields when registering someone by hand."""

    ticket_type = SelectField(
        _l("Ticket"),
        coerce=int,
        invalid_value_message=CHOOSE_FROM_LIST,
        invalid_choice_message=_l("Choose a ticket of this conference."),
    )
    language = SelectField(_l("Language for e-mails"), invalid_choice_message=CHOOSE_FROM_LIST)
    privacy_consent = BooleanField(_l("The delegate has agreed to the privacy notice"))
    photo_consent = BooleanField(_l("The delegate agrees to be photographed and filmed"))


def _price(ticket: TicketType) -> str:
    return str(_l("free")) if ticket.is_free else money.format_money(ticket.price_minor, ticket.currency)


def walk_in_form(tickets: list[TicketType], questions: list[Question], **kwargs):
    """The public registration form's fields plus the ticket and e-mail language, for walk-ins.

    Custom questions are all optional here: the organiser may not have every answer at the desk.
    """
    form_class = type(
        "WalkInForm",
        (WalkInFields, ContactFields, FlaskForm),
        custom.question_fields(questions, enforce_required=False),
    )
    form = form_class(**kwargs)
    form.fill_choices()
    form.ticket_type.choices = [
        SelectChoice(ticket.id, f"{ticket.name} ({_price(ticket)})") for ticket in tickets
    ]
    form.language.choices = choices(current_app.config["LANGUAGES"].items())
    return form


class BulkDecisionForm(FlaskForm):
    """Approve or reject the rows ticked in the registrations list (ids checked by the service)."""

    decision = SelectField(
        _l("With the selected"),
        choices=[SelectChoice("approve", _l("Approve")), SelectChoice("reject", _l("Reject"))],
        invalid_choice_message=CHOOSE_FROM_LIST,
    )
