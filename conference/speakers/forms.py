"""Forms for a person of the conference: the organiser's, and the speaker's own profile via an invitation."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import (
    BooleanField,
    EmailField,
    HiddenField,
    SelectField,
    StringField,
    TextAreaField,
    ValidationError,
)
from wtforms.validators import DataRequired, Email, Length, Optional

from conference.core.forms import IMAGE_ACCEPT, country_options, is_http_url, strip, valid_country

MAX_LINKS = 10
MAX_LINK_LABEL = 60
MAX_LINK_URL = 500


def parse_links(text: str) -> list[dict[str, str]]:
    """Read "Label | https://…" lines into [{"label", "url"}]; raises ValueError naming the first bad line."""
    links = []
    for number, line in enumerate((text or "").splitlines(), start=1):
        if not line.strip():
            continue
        label, bar, url = (part.strip() for part in line.partition("|"))
        if not bar or not label or not url:
            raise ValueError(_l("Line %(number)s: write “Label | https://…”.", number=number))
        if len(label) > MAX_LINK_LABEL:
            raise ValueError(
                _l(
                    "Line %(number)s: keep the label under %(max)s characters.",
                    number=number,
                    max=MAX_LINK_LABEL,
                )
            )
        if len(url) > MAX_LINK_URL or not is_http_url(url):
            raise ValueError(
                _l("Line %(number)s: the address must start with https:// or http://.", number=number)
            )
        links.append({"label": label, "url": url})
    if len(links) > MAX_LINKS:
        raise ValueError(_l("Give at most %(max)s links.", max=MAX_LINKS))
    return links


def links_text(links: list[dict] | None) -> str:
    """Stored links back as the lines an organiser typed."""
    return "\n".join(f"{link.get('label', '')} | {link.get('url', '')}" for link in links or [])


def _lower(value):
    return value.strip().lower() if isinstance(value, str) else value


class ProfileForm(FlaskForm):
    """What a speaker keeps up to date about themselves; the organiser's form adds names and e-mail."""

    position = StringField(_l("Position"), filters=[strip], validators=[Length(max=200)])
    organisation = StringField(_l("Organisation"), filters=[strip], validators=[Length(max=200)])
    city = StringField(_l("City"), filters=[strip], validators=[Length(max=100)])
    country = SelectField(_l("Country"), validate_choice=False, validators=[valid_country])
    bio = TextAreaField(_l("Biography"), validators=[Length(max=10_000)])
    photo_file = FileField(_l("Photo"), render_kw=IMAGE_ACCEPT)
    remove_photo = BooleanField(_l("Remove the photo"))
    links_text = TextAreaField(_l("Links"), validators=[Length(max=6_000)], render_kw={"rows": 4})

    value_names: tuple[str, ...] = ("position", "organisation", "city", "country", "bio")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.country.choices = country_options(str(_l("— None —")))
        self.links: list[dict[str, str]] = []

    def validate_links_text(self, field) -> None:
        try:
            self.links = parse_links(field.data)
        except ValueError as exc:
            raise ValidationError(str(exc.args[0])) from exc

    def values(self) -> dict:
        return {name: self[name].data or "" for name in self.value_names} | {"links": self.links}


class PersonForm(ProfileForm):
    honorific = StringField(_l("Honorific"), filters=[strip], validators=[Length(max=40)])
    full_name = StringField(_l("Full name"), filters=[strip], validators=[DataRequired(), Length(max=200)])
    local_name = StringField(_l("Name in local script"), filters=[strip], validators=[Length(max=200)])
    email = EmailField(
        _l("E-mail address"),
        filters=[_lower],
        validators=[
            Optional(),
            Length(max=254),
            Email(_l("Enter an e-mail address like name@example.org."), check_deliverability=False),
        ],
    )

    value_names = ("honorific", "full_name", "local_name", "email", *ProfileForm.value_names)


class ImportUploadForm(FlaskForm):
    csv_file = FileField(
        _l("CSV file"),
        validators=[FileRequired(_l("Choose a CSV file."))],
        render_kw={"accept": ".csv,text/csv"},
    )


class ImportConfirmForm(FlaskForm):
    """The confirm step of an import: the previewed rows, signed by the server, come back unchanged."""

    rows = HiddenField()
