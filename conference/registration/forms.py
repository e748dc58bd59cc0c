"""Delegates' forms: registering, a delegation in one go, editing one's registration, re-sending a link."""

from __future__ import annotations

from typing import Any

import phonenumbers
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    EmailField,
    FieldList,
    Form,
    FormField,
    HiddenField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
    ValidationError,
)
from wtforms.fields import SelectChoice
from wtforms.validators import DataRequired, Email, InputRequired, Length

from conference.core.forms import choices, country_options, strip, valid_country
from conference.i18n.formatting import language_name
from conference.registration import questions as custom
from conference.registration.details import DelegateDetails
from conference.registration.manage_forms import CATEGORY_LABELS
from conference.registration.models import DelegateCategory, Question

REQUIRED = _l("This field is required.")
TOO_LONG = _l("Use at most %(max)d characters.")
INTERPRETATION_LANGUAGES = ("en", "ko")
HONORIFICS = ("Mr", "Ms", "Mrs", "Mx", "Dr", "Prof.", "H.E.", "Hon.")
DELEGATION_ROWS = 3  # empty delegate rows offered at first
MAX_DELEGATION_ROWS = 50
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


def _text(label, longest: int, *, required: bool = False, field=StringField, **kwargs):
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


def _email():
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


def _country_field(label=None):
    return SelectField(
        label or _l("Country"),
        validate_choice=False,
        validators=[DataRequired(_l("Choose a country from the list.")), valid_country],
    )


class PersonFields:
    """The fields about one delegate, shared by the forms below; `fill_choices` sets the lists."""

    honorific = _text(_l("Honorific"), 20)
    given_name = _text(_l("Given name"), 100, required=True)
    family_name = _text(_l("Family name"), 100)
    local_name = _text(_l("Name in local script"), 200)
    position = _text(_l("Position"), 200)
    category = _category_field()
    phone = StringField(
        _l("Phone"), filters=[strip], validators=[Length(max=40, message=TOO_LONG), valid_phone]
    )
    dietary_needs = _text(_l("Dietary needs"), 500, field=TextAreaField)
    accessibility_needs = _text(_l("Accessibility needs"), 500, field=TextAreaField)
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
    email = _email()
    organisation = _text(_l("Organisation"), 200, required=True)
    city = _text(_l("City"), 100, required=True)
    country = _country_field()


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

    organisation = _text(_l("Organisation"), 200, required=True)
    city = _text(_l("City"), 100, required=True)
    country = _country_field()


class AccessCodeForm(FlaskForm):
    """Sent with GET (?code=…): nothing changes, so no CSRF token."""

    class Meta:
        csrf = False

    code = StringField(_l("Access code"), filters=[strip], validators=[Length(max=64, message=TOO_LONG)])


class ResendLinkForm(FlaskForm):
    email = _email()


class ConfirmForm(FlaskForm):
    """A button that changes something (cancel, accept): only the CSRF token."""


class DelegateRowForm(PersonFields, Form):
    """One delegate of a delegation; a row left wholly empty is skipped."""

    email = _email()

    def is_blank(self) -> bool:
        typed = [
            self[name].data for name in TEXT_DETAILS if name in self and name != "interpretation_language"
        ]
        return not any(isinstance(value, str) and value.strip() for value in typed)

    def validate(self, extra_validators=None) -> bool:
        if self.is_blank():
            return True
        return super().validate(extra_validators)


class DelegationForm(FlaskForm):
    ticket_type = RadioField(
        _l("Ticket"), validate_choice=False, validators=[InputRequired(_l("Choose a ticket."))]
    )
    access_code = HiddenField(filters=[strip], validators=[Length(max=64)])
    contact_name = _text(_l("Your name"), 200, required=True)
    contact_email = _email()
    name = _text(_l("City or organisation"), 200, required=True)
    country = _country_field()
    privacy_consent = BooleanField(
        _l("Every delegate I register has read the privacy notice and agrees to it"),
        validators=[DataRequired(_l("Each delegate needs to agree to the privacy notice."))],
    )

    def fill_choices(self) -> None:
        self.country.choices = country_options(str(_l("Choose a country")))
        for row in self.delegates:
            row.form.fill_choices()
            row.form.phone_region = self.country.data or None


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


def delegation_form(questions: list[Question], rows: int = DELEGATION_ROWS, **kwargs) -> DelegationForm:
    """The delegation form: a contact, then `rows` delegate blocks (more when more were sent)."""
    row_class = type("ConferenceDelegateRowForm", (DelegateRowForm,), custom.question_fields(questions))
    form_class = type(
        "ConferenceDelegationForm",
        (DelegationForm,),
        {"delegates": FieldList(FormField(row_class), min_entries=rows, max_entries=MAX_DELEGATION_ROWS)},
    )
    form = form_class(**kwargs)
    form.fill_choices()
    return form
