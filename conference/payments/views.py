"""The delegate's card payment (pay page, card step, return page, status) and the Stripe webhook."""

from __future__ import annotations

import re

from flask import Blueprint, abort, current_app, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _

from conference.core.signing import InvalidLink
from conference.events.access import load_conference
from conference.extensions import csrf
from conference.payments import services, webhooks
from conference.payments.forms import money
from conference.registration.models import Registration, RegistrationStatus
from conference.registration.tokens import registration_from_token

bp = Blueprint("payments", __name__)
bp.context_processor(lambda: {"money": money})

PAYMENT_METHOD_ID = re.compile(r"^(pm|card)_[A-Za-z0-9_]{1,200}$")


def _registration(slug: str, token: str) -> Registration:
    """The registration a signed link opens; InvalidLink is answered by `_invalid_link` below."""
    conference = load_conference(slug)
    registration = registration_from_token(token)
    if registration.conference_id != conference.id:
        abort(404)
    return registration


@bp.errorhandler(InvalidLink)
def _invalid_link(error: InvalidLink):
    if request.path.endswith(("/card", "/status")):
        return jsonify(outcome="error", message=_("This link does not work.")), 404
    return render_template("registration/link_invalid.html", problem=error.problem), 404


@bp.get("/c/<slug>/registration/<token>/pay")
def pay(slug: str, token: str):
    registration = _registration(slug, token)
    if not services.can_pay_online(registration):
        return render_template("payments/nothing_to_pay.html", registration=registration, token=token)
    try:
        payment, client_secret = services.start_checkout(registration)
    except services.AlreadyPaying:
        return redirect(url_for(".payment_return", slug=slug, token=token))
    except services.PaymentUnavailable:
        return render_template("payments/unavailable.html", registration=registration, token=token), 503
    return render_template(
        "payments/pay.html",
        registration=registration,
        token=token,
        payment=payment,
        client_secret=client_secret,
        publishable_key=current_app.config.get("STRIPE_PUBLISHABLE_KEY") or "",
        stripe_js_url=current_app.config["STRIPE_JS_URL"],
    )


@bp.post("/c/<slug>/registration/<token>/pay/card")
def pay_card(slug: str, token: str):
    """The browser sends the card's payment method id; Stripe's answer says what the browser does next."""
    registration = _registration(slug, token)
    data = request.get_json(silent=True)
    method_id = data.get("payment_method") if isinstance(data, dict) else None
    if not isinstance(method_id, str) or not PAYMENT_METHOD_ID.match(method_id):
        return jsonify(outcome="error", message=_("The card details did not come through. Try again.")), 400
    try:
        result = services.pay_with_card(registration, method_id)
    except services.NothingToPay:
        return jsonify(outcome="error", message=_("There is nothing to pay on this registration.")), 409
    message = result.message
    if result.outcome == services.CardOutcome.DECLINED and not message:
        message = _("The card was declined.")
    return jsonify(outcome=result.outcome.value, client_secret=result.client_secret, message=message)


@bp.get("/c/<slug>/registration/<token>/pay/return")
def payment_return(slug: str, token: str):
    """Where the browser lands after the card step. It only shows; the webhook confirms."""
    registration = _registration(slug, token)
    return render_template("payments/return.html", registration=registration, token=token)


@bp.get("/c/<slug>/registration/<token>/pay/status")
def payment_status(slug: str, token: str):
    registration = _registration(slug, token)
    latest = services.latest_payment(registration)
    return jsonify(
        status=registration.status.value,
        confirmed=registration.status == RegistrationStatus.CONFIRMED,
        paid=registration.is_paid,
        payment=latest.status.value if latest else None,
    )


@bp.post("/stripe/webhook")
@csrf.exempt
def stripe_webhook():
    try:
        payload = request.get_data(cache=False)
        result = webhooks.receive_webhook(payload, request.headers.get("Stripe-Signature"))
    except webhooks.WebhookRejected as exc:
        return jsonify(error="invalid webhook", detail=str(exc)), 400
    return jsonify(received=True, event=result.event_id, outcome=result.outcome, duplicate=result.duplicate)
