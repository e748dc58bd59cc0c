"""The delegation form: a contact, the group's city or organisation, then one block per delegate."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, FieldList, Form, FormField, HiddenField, RadioField
from wtforms.validators import DataRequired, InputRequired, Length

from conference.core.forms import country_options, strip
from conference.registration import questions as custom
from conference.registration.forms import (
    TEXT_DETAILS,
    PersonFields,
    country_field,
    email_field,
    text_field,
)
from conference.registration.models import Question

DELEGATION_ROWS = 3  # empty delegate rows offered at first
MAX_DELEGATION_ROWS = 50


class DelegateRowForm(PersonFields, Form):
    """One delegate of a delegation; a row left wholly empty is skipped."""

    email = email_field()

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
    contact_name = text_field(_l("Your name"), 200, required=True)
    contact_email = email_field()
    name = text_field(_l("City or organisation"), 200, required=True)
    country = country_field()
    privacy_consent = BooleanField(
        _l("Every delegate I register has read the privacy notice and agrees to it"),
        validators=[DataRequired(_l("Each delegate needs to agree to the privacy notice."))],
    )

    def fill_choices(self) -> None:
        self.country.choices = country_options(str(_l("Choose a country")))
        for row in self.delegates:
            row.form.fill_choices()
            row.form.phone_region = self.country.data or None


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
