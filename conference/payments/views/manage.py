"""Organiser payment actions on one registration: refund, and mark an invoice payment as received."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from conference.core.lookups import in_conference
from conference.events.access import organiser_required
from conference.i18n.redirects import safe_next
from conference.payments import refunds, services
from conference.payments.forms import (
    PAYMENT_STATUS_LABELS,
    PROVIDER_LABELS,
    MarkPaidForm,
    RefundForm,
    major_text,
    money,
)
from conference.registration.labels import registration_labels
from conference.registration.models import Registration

bp = Blueprint("payments_manage", __name__, url_prefix="/c/<slug>/manage")
bp.context_processor(registration_labels)


@bp.context_processor
def _payment_labels() -> dict:
    return {
        "payment_status_labels": PAYMENT_STATUS_LABELS,
        "provider_labels": PROVIDER_LABELS,
        "money": money,
    }


def _back_url(conference, registration: Registration, endpoint: str) -> str:
    # The registration page (another blueprint) passes ?next= so the organiser goes back to it.
    own = url_for(endpoint, slug=conference.slug, registration_id=registration.id)
    return safe_next(request.args.get("next"), own)


def _amount_error(form, error: services.PaymentError, currency: str) -> None:
    if isinstance(error, services.AmountTooLarge):
        message = _("At most %(amount)s.", amount=money(error.limit_minor, currency))
    elif isinstance(error, refunds.RefundFailed):
        message = _("Stripe did not make the refund: %(reason)s", reason=str(error))
    elif isinstance(error, services.NothingToPay):
        message = _("Nothing is owed on this registration.")
    else:
        message = _("Enter an amount greater than zero.")
    form.amount.errors = [*form.amount.errors, message]


def _amount_page(conference, registration, form, act, *, prefill: int, template: str, endpoint: str, **shown):
    """An amount form (prefilled with `prefill` when opened): `act` makes the change and says what it did."""
    back = _back_url(conference, registration, endpoint)
    if request.method == "GET" and prefill:
        form.amount.data = major_text(prefill, registration.currency)
    if form.validate_on_submit():
        try:
            done = act()
        except services.PaymentError as exc:
            _amount_error(form, exc, registration.currency)
        else:
            flash(done, "success")
            return redirect(back)
    return render_template(template, form=form, registration=registration, back_url=back, **shown)


@bp.route("/registrations/<id:registration_id>/refund", methods=["GET", "POST"])
@organiser_required
def refund(conference, registration_id: int):
    registration = in_conference(Registration, conference, registration_id) or abort(404)
    refundable = refunds.refundable_minor(registration)
    form = RefundForm(registration.currency)

    def act() -> str:
        reason = form.reason.data or ""
        refunds.refund(registration, form.amount_minor, actor_id=current_user.id, reason=reason)
        amount = money(form.amount_minor, registration.currency)
        return _("%(amount)s was refunded.", amount=amount)

    return _amount_page(
        conference,
        registration,
        form,
        act,
        prefill=refundable,
        template="payments/manage/refund.html",
        endpoint=".refund",
        refundable_minor=refundable,
    )


@bp.route("/registrations/<id:registration_id>/mark-paid", methods=["GET", "POST"])
@organiser_required
def mark_paid(conference, registration_id: int):
    registration = in_conference(Registration, conference, registration_id) or abort(404)
    balance = max(registration.balance_minor, 0)
    form = MarkPaidForm(registration.currency)

    def act() -> str:
        note = form.note.data or ""
        services.record_manual_payment(registration, form.amount_minor, actor_id=current_user.id, note=note)
        return _(
            "A payment of %(amount)s was recorded.", amount=money(form.amount_minor, registration.currency)
        )

    return _amount_page(
        conference,
        registration,
        form,
        act,
        prefill=balance,
        template="payments/manage/mark_paid.html",
        endpoint=".mark_paid",
        balance_minor=balance,
    )
