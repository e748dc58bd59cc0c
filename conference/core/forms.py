"""The pieces every form shares: filters, choices, URL and country checks, file fields, the confirm step."""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import urlsplit

from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from werkzeug.datastructures import FileStorage
from wtforms import SelectField, SelectMultipleField, ValidationError, widgets
from wtforms.fields import SelectChoice

from conference.core.validators import country_choices

MARKDOWN_HINT = _l(
    "Markdown: **bold**, *italic*, [a link](https://example.org), “- ” for a list, “## ” for a heading."
)
CHOOSE_FROM_LIST = _l("Choose one of the options in the list.")
IMAGE_ACCEPT = {"accept": "image/png,image/jpeg,image/webp,image/gif"}
MAX_POSITION = 10_000


def strip(value):
    return value.strip() if isinstance(value, str) else value


def choices(pairs: Iterable[tuple[object, object]]) -> list[SelectChoice]:
    """Select options from (value, label) pairs; values become strings as the browser sends them."""
    return [SelectChoice(str(value), str(label)) for value, label in pairs]


def enum_select(label, enum_cls, **kwargs) -> SelectField:
    """A select whose value is an enum member; anything posted by hand outside it gets a plain message."""
    return SelectField(
        label,
        coerce=enum_cls,
        invalid_value_message=CHOOSE_FROM_LIST,
        invalid_choice_message=CHOOSE_FROM_LIST,
        **kwargs,
    )


def optional_id(value: object) -> int | None:
    """Coerce a select's value to an id, or None for the empty "none" option (anything else is invalid)."""
    if value in (None, ""):
        return None
    if isinstance(value, int):
        return value
    text = str(value)
    if not text.isdigit() or len(text) > 12:
        raise ValueError(text)
    return int(text)


def http_url(_form, field) -> None:
    """Only absolute http(s) links: never javascript:, data: or relative ones."""
    if field.data and not is_http_url(field.data):
        raise ValidationError(_l("Give a full web address starting with https:// or http://."))


def is_http_url(value: str) -> bool:
    try:
        parts = urlsplit(value)
    except ValueError:  # e.g. an unclosed IPv6 bracket
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc) and " " not in value


def valid_country(_form, field) -> None:
    if field.data and field.data not in dict(country_choices("en")):
        raise ValidationError(_l("Choose a country from the list."))


def country_options(blank_label: str) -> list[SelectChoice]:
    return [SelectChoice("", blank_label), *choices(country_choices(str(get_locale() or "en")))]


def uploaded(field: FileField) -> FileStorage | None:
    """The file sent in a file field, or None when the field was left empty."""
    data = field.data
    return data if isinstance(data, FileStorage) and data.filename else None


class ConfirmForm(FlaskForm):
    """The confirm step of a delete: only the CSRF token, sent by the "Delete" button."""


def checkboxes(label, **kwargs) -> SelectMultipleField:
    """A multiple choice shown as a list of checkboxes (the `choice_group` macro renders it)."""
    kwargs.setdefault("invalid_choice_message", CHOOSE_FROM_LIST)
    return SelectMultipleField(
        label, widget=widgets.ListWidget(prefix_label=False), option_widget=widgets.CheckboxInput(), **kwargs
    )
