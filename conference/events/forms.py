"""Organiser and site-admin forms for a conference: its details, pages and team."""

from __future__ import annotations

from flask import current_app
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import (
    BooleanField,
    DateField,
    EmailField,
    IntegerField,
    SelectField,
    StringField,
    TextAreaField,
    ValidationError,
)
from wtforms.fields import ColorField
from wtforms.validators import DataRequired, Email, InputRequired, Length, NumberRange, Optional

from conference.accounts.models import Role
from conference.core.forms import (
    CHOOSE_FROM_LIST,
    IMAGE_ACCEPT,
    MAX_POSITION,
    choices,
    country_options,
    enum_select,
    http_url,
    strip,
    valid_country,
)
from conference.core.validators import (
    timezone_choices,
    valid_colour,
    valid_slug,
    valid_timezone,
)
from conference.events.labels import FORMAT_LABELS, STATUS_LABELS, TEAM_ROLE_LABELS, template_labels
from conference.events.models import ConferenceFormat, ConferenceStatus

# The labels are app-wide now (events.init_app); this name stays until the blueprints of the capabilities
# that still add it to their templates drop that line.
manage_labels = template_labels


class ConferenceBasicsForm(FlaskForm):
    """What a conference needs to exist: the site admin's "new conference" form."""

    title = StringField(_l("Title"), filters=[strip], validators=[DataRequired(), Length(max=200)])
    short_name = StringField(_l("Short name"), filters=[strip], validators=[DataRequired(), Length(max=40)])
    slug = StringField(
        _l("Web address (slug)"), filters=[strip], validators=[DataRequired(), Length(max=64), valid_slug]
    )
    timezone = SelectField(
        _l("Time zone"), default="UTC", validate_choice=False, validators=[DataRequired(), valid_timezone]
    )
    start_date = DateField(_l("First day"), validators=[InputRequired()])
    end_date = DateField(_l("Last day"), validators=[InputRequired()])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.timezone.choices = choices(timezone_choices())

    def validate_end_date(self, field) -> None:
        if self.start_date.data and field.data and field.data < self.start_date.data:
            raise ValidationError(_l("The last day cannot be before the first day."))

    def values(self) -> dict:
        """The conference's column values as typed (file fields and checkboxes left out)."""
        return {
            name: self[name].data
            for name in ("title", "short_name", "slug", "timezone", "start_date", "end_date")
        }


class ConferenceDetailsForm(ConferenceBasicsForm):
    """Every field of a conference an organiser edits."""

    theme = StringField(_l("Theme"), filters=[strip], validators=[Length(max=300)])
    description = TextAreaField(_l("Description"), validators=[Length(max=20_000)])
    venue_name = StringField(_l("Venue"), filters=[strip], validators=[Length(max=200)])
    venue_address = StringField(_l("Address"), filters=[strip], validators=[Length(max=300)])
    venue_city = StringField(_l("City"), filters=[strip], validators=[Length(max=100)])
    venue_country = SelectField(_l("Country"), validate_choice=False, validators=[valid_country])
    venue_map_url = StringField(
        _l("Map link"), filters=[strip], validators=[Optional(), Length(max=500), http_url]
    )
    format = enum_select(_l("Format"), ConferenceFormat)
    status = enum_select(_l("Status"), ConferenceStatus)
    contact_email = EmailField(
        _l("Contact e-mail"), filters=[strip], validators=[Optional(), Length(max=254), Email()]
    )
    primary_colour = ColorField(
        _l("Primary colour"), filters=[strip], validators=[DataRequired(), valid_colour]
    )
    default_language = SelectField(_l("Default language"), invalid_choice_message=CHOOSE_FROM_LIST)
    logo_file = FileField(_l("Logo"), render_kw=IMAGE_ACCEPT)
    remove_logo = BooleanField(_l("Remove the logo"))
    banner_file = FileField(_l("Banner"), render_kw=IMAGE_ACCEPT)
    remove_banner = BooleanField(_l("Remove the banner"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.venue_country.choices = country_options(str(_l("— None —")))
        self.format.choices = choices(FORMAT_LABELS.items())
        self.status.choices = choices(STATUS_LABELS.items())
        self.default_language.choices = choices(current_app.config["LANGUAGES"].items())

    def values(self) -> dict:
        texts = (
            "theme",
            "description",
            "venue_name",
            "venue_address",
            "venue_city",
            "venue_country",
            "venue_map_url",
            "contact_email",
            "default_language",
        )
        return (
            super().values()
            | {name: self[name].data or "" for name in texts}
            | {
                "format": self.format.data,
                "status": self.status.data,
                "primary_colour": self.primary_colour.data.lower(),
            }
        )


class PageForm(FlaskForm):
    title = StringField(_l("Title"), filters=[strip], validators=[DataRequired(), Length(max=200)])
    slug = StringField(
        _l("Web address (slug)"), filters=[strip], validators=[DataRequired(), Length(max=64), valid_slug]
    )
    body = TextAreaField(_l("Text"), validators=[Length(max=50_000)])
    position = IntegerField(
        _l("Position in the menu"), default=0, validators=[Optional(), NumberRange(min=0, max=MAX_POSITION)]
    )
    in_menu = BooleanField(_l("Show in the conference menu"), default=True)

    def values(self) -> dict:
        return {
            "title": self.title.data,
            "slug": self.slug.data,
            "body": self.body.data or "",
            "position": self.position.data or 0,
            "in_menu": self.in_menu.data,
        }


class TeamRoleForm(FlaskForm):
    email = EmailField(
        _l("E-mail of their Plenary account"),
        filters=[strip],
        validators=[DataRequired(), Length(max=254), Email()],
    )
    role = enum_select(_l("Role"), Role)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.role.choices = choices(TEAM_ROLE_LABELS.items())
