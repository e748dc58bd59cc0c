"""The organiser's bulk badge form: which badges, in which size, one per page or on A4 sheets."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DecimalField, RadioField, SelectMultipleField
from wtforms.validators import NumberRange, Optional

from conference.badges.pdf import sheet_grid
from conference.badges.runs import BadgeLayout, BadgeSelection
from conference.core.forms import CHOOSE_FROM_LIST, checkboxes, choices
from conference.events.models import Conference
from conference.i18n.formatting import country_name
from conference.registration.labels import CATEGORY_LABELS
from conference.registration.models import TicketType

MIN_MM, MAX_MM = 40, 300
WHICH_LABELS = {"all": _l("All confirmed delegates"), "unprinted": _l("Only badges not printed yet")}
LAYOUT_LABELS = {
    "single": _l("One badge per page, the size of the badge"),
    "sheets": _l("A4 sheets with several badges and cut marks"),
}
SIZE_LABELS = {
    "a6": _l("A6 (105 × 148 mm)"),
    "4x3": _l("4 × 3 in (102 × 76 mm)"),
    "custom": _l("Custom size"),
}


class MillimetreField(DecimalField):
    """A length in millimetres; what is not a number gets a message an organiser understands."""

    def process_formdata(self, valuelist):
        try:
            super().process_formdata(valuelist)
        except ValueError as exc:
            raise ValueError(_l("A number of millimetres, such as 90.")) from exc


def _millimetres(label) -> MillimetreField:
    return MillimetreField(
        label,
        places=None,
        # "NaN" and "Infinity" parse as decimals: turned into None, they fail the range check.
        filters=[lambda value: value if value is None or value.is_finite() else None],
        validators=[
            Optional(),
            NumberRange(
                min=MIN_MM,
                max=MAX_MM,
                message=_l("Between %(min)d and %(max)d mm.", min=MIN_MM, max=MAX_MM),
            ),
        ],
    )


class BadgeRunForm(FlaskForm):
    which = RadioField(
        _l("Badges"),
        default="all",
        invalid_choice_message=CHOOSE_FROM_LIST,
    )
    ticket_types = checkboxes(_l("Tickets"), coerce=int)
    categories = checkboxes(_l("Delegate categories"))
    countries = SelectMultipleField(_l("Countries"), invalid_choice_message=CHOOSE_FROM_LIST)
    size = RadioField(
        _l("Badge size"),
        default="a6",
        invalid_choice_message=CHOOSE_FROM_LIST,
    )
    width_mm = _millimetres(_l("Width (mm)"))
    height_mm = _millimetres(_l("Height (mm)"))
    layout = RadioField(
        _l("Paper"),
        default="single",
        invalid_choice_message=CHOOSE_FROM_LIST,
    )

    def __init__(self, conference: Conference, tickets: list[TicketType], countries: list[str], **kwargs):
        super().__init__(**kwargs)
        # Labels are set here, per request, so that they come out in the organiser's language.
        self.which.choices = choices(WHICH_LABELS.items())
        self.size.choices = choices(SIZE_LABELS.items())
        self.layout.choices = choices(LAYOUT_LABELS.items())
        self.ticket_types.choices = choices((t.id, t.name) for t in tickets)
        self.categories.choices = choices((c.value, label) for c, label in CATEGORY_LABELS.items())
        named = sorted(((code, country_name(code)) for code in countries), key=lambda pair: pair[1])
        self.countries.choices = choices(named)
        self.countries.render_kw = {"size": min(8, max(3, len(countries)))}

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if self.size.data != "custom":
            return valid
        for field in (self.width_mm, self.height_mm):
            if field.data is None and not field.errors:
                field.errors.append(_l("Give the custom size in millimetres."))
                valid = False
        if valid and self.layout.data == "sheets" and sheet_grid(self.badge_layout().badge_size()) is None:
            self.width_mm.errors.append(
                _l("A badge this large does not fit on an A4 sheet: print one badge per page instead.")
            )
            valid = False
        return valid

    def selection(self) -> BadgeSelection:
        return BadgeSelection(
            ticket_type_ids=list(self.ticket_types.data or []),
            categories=list(self.categories.data or []),
            countries=list(self.countries.data or []),
            only_unprinted=self.which.data == "unprinted",
        )

    def badge_layout(self) -> BadgeLayout:
        custom = self.size.data == "custom"
        return BadgeLayout(
            size=self.size.data,
            width_mm=float(self.width_mm.data) if custom and self.width_mm.data else None,
            height_mm=float(self.height_mm.data) if custom and self.height_mm.data else None,
            sheets=self.layout.data == "sheets",
        )
