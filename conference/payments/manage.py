"""Organiser payment actions on one registration: refund, and mark an invoice payment as received."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from conference.events.access import organiser_required
from conference.events.forms import manage_labels
from conference.extensions import db
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
from conference.registration.manage_forms import registration_labels
from conference.registration.models import Registration

bp = Blueprint("payments_manage", __name__, url_prefix="/c/<slug>/manage")
bp.context_processor(manage_labels)
bp.context_processor(registration_labels)


@bp.context_processor
def _payment_labels() -> dict:
    return {
        "payment_status_labels": PAYMENT_STATUS_LABELS,
        "provider_labels": PROVIDER_LABELS,
        "money": money,
    }


def _registration_in(conference, registration_id: int) -> Registration:
    query = select(Registration).where(
        Registration.id == registration_id, Registration.conference_id == conference.id
    )
    return db.session.scalar(query) or abort(404)


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


@bp.route("/registrations/<id:registration_id>/refund", methods=["GET", "POST"])
@organiser_required
def refund(conference, registration_id: int):
    registration = _registration_in(conference, registration_id)
    refundable = refunds.refundable_minor(registration)
    form = RefundForm(registration.currency)
    if request.method == "GET" and refundable:
        form.amount.data = major_text(refundable, registration.currency)
    if form.validate_on_submit():
        try:
            refunds.refund(
                registration, form.amount_minor, actor_id=current_user.id, reason=form.reason.data or ""
            )
        except services.PaymentError as exc:
            _amount_error(form, exc, registration.currency)
        else:
            amount = money(form.amount_minor, registration.currency)
            flash(_("%(amount)s was refunded.", amount=amount), "success")
            return redirect(_back_url(conference, registration, ".refund"))
    return render_template(
        "payments/refund.html",
        form=form,
        registration=registration,
        refundable_minor=refundable,
        back_url=_back_url(conference, registration, ".refund"),
    )


@bp.route("/registrations/<id:registration_id>/mark-paid", methods=["GET", "POST"])
@organiser_required
def mark_paid(conference, registration_id: int):
    registration = _registration_in(conference, registration_id)
    balance = max(registration.balance_minor, 0)
    form = MarkPaidForm(registration.currency)
    if request.method == "GET" and balance:
        form.amount.data = major_text(balance, registration.currency)
    if form.validate_on_submit():
        try:
            services.record_manual_payment(
                registration, form.amount_minor, actor_id=current_user.id, note=form.note.data or ""
            )
        except services.PaymentError as exc:
            _amount_error(form, exc, registration.currency)
        else:
            amount = money(form.amount_minor, registration.currency)
            flash(_("A payment of %(amount)s was recorded.", amount=amount), "success")
            return redirect(_back_url(conference, registration, ".mark_paid"))
    return render_template(
        "payments/mark_paid.html",
        form=form,
        registration=registration,
        balance_minor=balance,
        back_url=_back_url(conference, registration, ".mark_paid"),
    )
