"""Organiser forms for payments: a refund and an invoice payment marked as received."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import StringField, TextAreaField, ValidationError
from wtforms.validators import DataRequired, Length, Optional

from conference.core.forms import strip
from conference.payments.models import PaymentProvider, PaymentStatus
from conference.payments.money import exponent, format_money, to_major, to_minor

PAYMENT_STATUS_LABELS = {
    PaymentStatus.PENDING: _l("Pending"),
    PaymentStatus.SUCCEEDED: _l("Paid"),
    PaymentStatus.FAILED: _l("Failed"),
    PaymentStatus.CANCELLED: _l("Cancelled"),
}
PROVIDER_LABELS = {
    PaymentProvider.STRIPE: _l("Card (Stripe)"),
    PaymentProvider.MANUAL: _l("Invoice or on site"),
}
# Spaces and thousands separators as people type them: "50,000", "1 250.00".
_GROUPING = re.compile(r"[\s,\u00a0\u202f]")


def parse_amount(text: str, currency: str) -> int:
    """What an organiser typed, in major units, as minor units; ValidationError with a message to show."""
    cleaned = _GROUPING.sub("", text or "")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        value = None
    if value is None or not value.is_finite():
        raise ValidationError(_("Enter an amount in %(currency)s, such as 1250.", currency=currency))
    if value <= 0:
        raise ValidationError(_("Enter an amount greater than zero."))
    try:
        minor = to_minor(value, currency)
    except ValueError:
        places = exponent(currency)
        if places == 0:
            raise ValidationError(_("%(currency)s amounts have no decimals.", currency=currency)) from None
        raise ValidationError(
            _("%(currency)s amounts have at most %(places)d decimals.", currency=currency, places=places)
        ) from None
    if minor > 2_000_000_000:  # fits the database's integer column
        raise ValidationError(_("This amount is too large."))
    return minor


def money(minor: int, currency: str) -> str:
    """An amount formatted for the reader's language: ₩50,000 / US$12.50."""
    return format_money(minor, currency, locale=str(get_locale() or "en"))


def major_text(minor: int, currency: str) -> str:
    """An amount as it goes back into the field: "50000" KRW, "12.50" USD."""
    return str(to_major(minor, currency))


class _AmountForm(FlaskForm):
    amount = StringField(
        _l("Amount"), validators=[DataRequired(message=_l("Enter an amount."))], filters=[strip]
    )

    def __init__(self, currency: str, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.currency = currency
        self.amount_minor = 0
        self.amount.label.text = _("Amount (%(currency)s)", currency=currency)

    def validate_amount(self, field) -> None:
        self.amount_minor = parse_amount(field.data, self.currency)


class RefundForm(_AmountForm):
    reason = TextAreaField(
        _l("Reason"), validators=[Optional(), Length(max=500)], filters=[strip], render_kw={"rows": 3}
    )


class MarkPaidForm(_AmountForm):
    note = StringField(_l("Note"), validators=[Optional(), Length(max=500)], filters=[strip])
