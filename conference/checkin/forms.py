"""The organiser's form to pair a scanning device."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from flask_wtf import FlaskForm
from wtforms import SelectField, StringField
from wtforms.validators import DataRequired, Length

from conference.checkin.tokens import DEFAULT_LIFETIME_HOURS, LIFETIME_HOURS
from conference.core.forms import CHOOSE_FROM_LIST, strip


def _lifetime_label(hours: int) -> str:
    if hours % 24 == 0:
        return ngettext("%(num)d day", "%(num)d days", hours // 24)
    return ngettext("%(num)d hour", "%(num)d hours", hours)


class DeviceForm(FlaskForm):
    label = StringField(
        _l("Name of the device or volunteer"),
        filters=[strip],
        validators=[DataRequired(), Length(max=120)],
    )
    lifetime = SelectField(
        _l("Scans for"),
        coerce=int,
        default=DEFAULT_LIFETIME_HOURS,
        invalid_value_message=CHOOSE_FROM_LIST,
        invalid_choice_message=CHOOSE_FROM_LIST,
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.lifetime.choices = [(hours, _lifetime_label(hours)) for hours in LIFETIME_HOURS]
