"""What a signed link opens: "my registration" (see, change, cancel, take an offer), a delegation's page."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _

from conference.db_types import utcnow
from conference.events.access import load_conference
from conference.extensions import limiter
from conference.payments import refunds
from conference.registration import delegations, emails, operations, services
from conference.registration.blueprints import public as bp
from conference.registration.blueprints import user_id
from conference.registration.details import update_details
from conference.registration.forms import ConfirmForm, ResendLinkForm, edit_details_form
from conference.registration.models import ENDED_STATUSES, Registration, RegistrationStatus
from conference.registration.opened_links import delegation_for_link, registration_for_link
from conference.registration.policy import policy_for
from conference.registration.questions import form_data_from

RESEND_LIMIT = "10 per hour"  # each sends an e-mail: keep the form from being used to flood an inbox


@bp.route("/registration/resend", methods=["GET", "POST"])
@limiter.limit(RESEND_LIMIT, methods=["POST"])
def resend(slug: str):
    conference = load_conference(slug)
    form = ResendLinkForm()
    if form.validate_on_submit():
        registration = services.active_registration(conference.id, form.email.data)
        if registration is not None:
            emails.send(registration, "link")
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
    questions = operations.questions(conference, active_only=True)
    form = edit_details_form(questions, obj=registration, data=form_data_from(registration))
    if form.validate_on_submit():
        details = form.details(questions, email=registration.email)
        update_details(registration, details, asked={q.id for q in questions}, actor_id=user_id())
        flash(_("Your changes are saved."), "success")
        return redirect(url_for(".mine", slug=slug, token=token))
    return render_template(
        "registration/edit.html", form=form, registration=registration, token=token, questions=questions
    )


def _cancel(registration: Registration) -> bool:
    now = utcnow()
    try:
        services.cancel(registration, actor_id=user_id(), now=now)
    except services.InvalidTransition:
        return False
    # Cancel first: the place goes back to the waitlist whatever the refund does, and a full refund
    # then ends the registration as refunded.
    refunds.refund_on_cancellation(registration, actor_id=user_id(), now=now)
    return True


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
        if _cancel(registration):
            flash(_("Your registration is cancelled. We sent you an e-mail about it."), "success")
        else:
            flash(_("This registration has ended already."), "info")
        return redirect(back)
    return render_template(
        "registration/cancel.html",
        registration=registration,
        form=form,
        refund=refunds.cancellation_refund(registration, utcnow()),
        back=back,
        action=url_for(".cancel", slug=slug, token=token),
        own=True,
    )


@bp.post("/registration/<token>/accept")
def accept(slug: str, token: str):
    conference = load_conference(slug)
    registration = registration_for_link(conference, token)
    if ConfirmForm().validate_on_submit():
        try:
            services.accept_offer(registration)
        except services.InvalidTransition:
            flash(_("This offer is no longer open: its time ran out or it was taken up already."), "error")
        else:
            flash(_("The place is yours."), "success")
    return redirect(url_for(".mine", slug=slug, token=token))


# A delegation's page, for its contact


@bp.get("/delegation/<token>")
def delegation(slug: str, token: str):
    conference = load_conference(slug)
    group = delegation_for_link(conference, token)
    return render_template(
        "registration/delegation.html",
        delegation=group,
        members=delegations.members(group),
        token=token,
        form=ConfirmForm(),
        ended_statuses=ENDED_STATUSES,
    )


@bp.route("/delegation/<token>/members/<id:registration_id>/cancel", methods=["GET", "POST"])
def delegation_cancel(slug: str, token: str, registration_id: int):
    conference = load_conference(slug)
    group = delegation_for_link(conference, token)
    member = delegations.member(group, registration_id) or abort(404)
    back = url_for(".delegation", slug=slug, token=token)
    form = ConfirmForm()
    if member.status not in ENDED_STATUSES and form.validate_on_submit():
        if _cancel(member):
            flash(_("The registration of %(name)s is cancelled.", name=member.full_name), "success")
        return redirect(back)
    if member.status in ENDED_STATUSES:
        flash(_("This registration has ended already."), "info")
        return redirect(back)
    return render_template(
        "registration/cancel.html",
        registration=member,
        form=form,
        refund=refunds.cancellation_refund(member, utcnow()),
        back=back,
        action=url_for(".delegation_cancel", slug=slug, token=token, registration_id=member.id),
        own=False,
    )


@bp.post("/delegation/<token>/members/<id:registration_id>/resend")
def delegation_resend(slug: str, token: str, registration_id: int):
    conference = load_conference(slug)
    group = delegation_for_link(conference, token)
    member = delegations.member(group, registration_id) or abort(404)
    if ConfirmForm().validate_on_submit() and member.status not in ENDED_STATUSES:
        emails.send(member, "link")
        flash(_("We sent %(name)s the link to their registration again.", name=member.full_name), "success")
    return redirect(url_for(".delegation", slug=slug, token=token))
