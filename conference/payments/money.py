"""Amounts in a currency's minor units, as Stripe counts them."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from babel.numbers import format_currency

# Stripe's zero-decimal currencies: an amount of 50000 KRW is ₩50,000, not ₩500.00.
ZERO_DECIMAL = frozenset(
    [
        "BIF",
        "CLP",
        "DJF",
        "GNF",
        "JPY",
        "KMF",
        "KRW",
        "MGA",
        "PYG",
        "RWF",
        "UGX",
        "VND",
        "VUV",
        "XAF",
        "XOF",
        "XPF",
    ]
)
# Stripe's three-decimal currencies, which it only accepts in multiples of ten minor units.
THREE_DECIMAL = frozenset(["BHD", "JOD", "KWD", "OMR", "TND"])

# Currencies offered for ticket prices: those of the Asia-Pacific region and the usual world ones.
CURRENCIES = [
    "USD",
    "EUR",
    "KRW",
    "JPY",
    "CNY",
    "HKD",
    "TWD",
    "SGD",
    "AUD",
    "NZD",
    "INR",
    "IDR",
    "MYR",
    "THB",
    "PHP",
    "VND",
    "BDT",
    "PKR",
    "LKR",
    "NPR",
    "MNT",
    "KHR",
    "LAK",
    "MMK",
    "FJD",
    "GBP",
    "CHF",
]


def exponent(currency: str) -> int:
    currency = currency.upper()
    if currency in ZERO_DECIMAL:
        return 0
    if currency in THREE_DECIMAL:
        return 3
    return 2


def to_minor(amount: Decimal | str | int | float, currency: str) -> int:
    """A major-unit amount ("12.50" USD) in minor units (1250); raises ValueError when it does not fit."""
    try:
        value = Decimal(str(amount))
    except InvalidOperation as exc:
        raise ValueError("not a number") from exc
    if not value.is_finite():
        raise ValueError("not a number")
    scaled = value.scaleb(exponent(currency))
    if scaled != scaled.to_integral_value():
        raise ValueError(f"{currency} amounts have at most {exponent(currency)} decimals")
    return int(scaled.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def to_major(minor: int, currency: str) -> Decimal:
    return Decimal(minor).scaleb(-exponent(currency))


def format_money(minor: int, currency: str, locale: str = "en") -> str:
    """₩50,000 / US$12.50, formatted for the reader's locale."""
    return format_currency(to_major(minor, currency), currency.upper(), locale=locale)
