"""What the "my registration" link opens: see, change, cancel, take an offer; and having it sent again."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _

from conference.core.forms import ConfirmForm
from conference.db_types import utcnow
from conference.events.access import load_conference
from conference.extensions import limiter
from conference.payments import refunds
from conference.registration import errors, queries, services
from conference.registration.details import update_details
from conference.registration.forms import ResendLinkForm, edit_details_form
from conference.registration.links.opened import registration_for_link
from conference.registration.links.services import cancel_with_refund, send_link
from conference.registration.models import ENDED_STATUSES, Registration, RegistrationStatus
from conference.registration.policy import policy_for
from conference.registration.questions import form_data_from
from conference.registration.views import public_bp as bp
from conference.registration.views import user_id

RESEND_LIMIT = "10 per hour"  # each sends an e-mail: keep the form from being used to flood an inbox


@bp.route("/registration/resend", methods=["GET", "POST"])
@limiter.limit(RESEND_LIMIT, methods=["POST"])
def resend(slug: str):
    conference = load_conference(slug)
    form = ResendLinkForm()
    if form.validate_on_submit():
        send_link(conference, form.email.data)
        # The same answer either way, so the form does not tell who is registered.
        return render_template("registration/link_sent.html", email=form.email.data)
    return render_template("registration/resend.html", form=form), 400 if form.errors else 200


@bp.get("/registration/<token>")
def mine(slug: str, token: str):
    conference = load_conference(slug)
    registration = registration_for_link(conference, token)
    answers = sorted(registration.answers, key=lambda a: (a.question.position, a.question_id))
    return render_template(
        "registration/mine.html",
        registration=registration,
        token=token,
        answers=[a for a in answers if a.question.active],
        policy=policy_for(conference),
        form=ConfirmForm(),
        ended=registration.status in ENDED_STATUSES,
        offer_open=registration.status == RegistrationStatus.OFFERED
        and registration.hold_expires_at > utcnow(),
    )


@bp.route("/registration/<token>/edit", methods=["GET", "POST"])
def edit(slug: str, token: str):
    conference = load_conference(slug)
    registration = registration_for_link(conference, token)
    if registration.status in ENDED_STATUSES:
        flash(_("This registration has ended, so it can no longer be changed."), "error")
        return redirect(url_for(".mine", slug=slug, token=token))
    questions = queries.questions(conference, active_only=True)
    form = edit_details_form(questions, obj=registration, data=form_data_from(registration))
    if form.validate_on_submit():
        details = form.details(questions, email=registration.email)
        update_details(registration, details, asked={q.id for q in questions}, actor_id=user_id())
        flash(_("Your changes are saved."), "success")
        return redirect(url_for(".mine", slug=slug, token=token))
    return render_template(
        "registration/edit.html", form=form, registration=registration, token=token, questions=questions
    )


@bp.route("/registration/<token>/cancel", methods=["GET", "POST"])
def cancel(slug: str, token: str):
    conference = load_conference(slug)
    registration = registration_for_link(conference, token)
    back = url_for(".mine", slug=slug, token=token)
    if registration.status in ENDED_STATUSES:
        flash(_("This registration has ended already."), "info")
        return redirect(back)
    form = ConfirmForm()
    if form.validate_on_submit():
        if cancel_with_refund(registration, actor_id=user_id()):
            flash(_("Your registration is cancelled. We sent you an e-mail about it."), "success")
        else:
            flash(_("This registration has ended already."), "info")
        return redirect(back)
    return cancel_page(
        registration, form, back=back, action=url_for(".cancel", slug=slug, token=token), own=True
    )


def cancel_page(registration: Registration, form, *, back: str, action: str, own: bool):
    """Are you sure? With the refund cancelling now gives (`own`: the delegate's own, not a contact's)."""
    return render_template(
        "registration/cancel.html",
        registration=registration,
        form=form,
        refund=refunds.cancellation_refund(registration, utcnow()),
        back=back,
        action=action,
        own=own,
    )


@bp.post("/registration/<token>/accept")
def accept(slug: str, token: str):
    conference = load_conference(slug)
    registration = registration_for_link(conference, token)
    if ConfirmForm().validate_on_submit():
        try:
            services.accept_offer(registration)
        except errors.InvalidTransition:
            flash(_("This offer is no longer open: its time ran out or it was taken up already."), "error")
        else:
            flash(_("The place is yours."), "success")
    return redirect(url_for(".mine", slug=slug, token=token))
