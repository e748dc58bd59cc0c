"""Organiser pages for the registrations: list, decisions, one registration, walk-ins, the dashboard."""

from __future__ import annotations

from datetime import datetime

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from conference.core.forms import ConfirmForm
from conference.core.lookups import in_conference
from conference.db_types import utcnow
from conference.events.access import organiser_required
from conference.i18n.formatting import country_name, local_datetime
from conference.registration import dashboard as dashboards
from conference.registration import errors, queries, services
from conference.registration import questions as custom
from conference.registration.forms import BulkDecisionForm, walk_in_form
from conference.registration.labels import CATEGORY_LABELS, STATUS_LABELS
from conference.registration.links.services import resend_link as send_link_again
from conference.registration.models import Registration, RegistrationStatus
from conference.registration.views import manage_bp as bp


@bp.get("/registrations/")
@organiser_required
def registrations(conference):
    filters = queries.RegistrationFilters.from_args(request.args)
    listing = queries.registrations_page(conference, filters, request.args.get("page", 1, type=int))
    return render_template(
        "registration/manage/registrations.html",
        listing=listing,
        filters=filters,
        tickets=queries.ticket_types(conference),
        countries=sorted(
            ((code, country_name(code)) for code in queries.countries_registered(conference)),
            key=lambda pair: pair[1],
        ),
        bulk_form=BulkDecisionForm(),
        pending_approval=RegistrationStatus.PENDING_APPROVAL,
    )


@bp.post("/registrations/bulk")
@organiser_required
def bulk(conference):
    form = BulkDecisionForm()
    back = url_for(".registrations", slug=conference.slug, **_list_args())
    ids = [int(value) for value in request.form.getlist("ids") if value.isdigit() and len(value) < 10]
    if not form.validate_on_submit():
        flash(_("Choose approve or reject, then try again."), "error")
    elif not ids:
        flash(_("Tick the registrations to approve or reject first."), "error")
    else:
        decision = services.Decision(form.decision.data)
        _flash_outcome(decision, services.decide(conference, ids, decision, actor_id=current_user.id))
    return redirect(back)


def _flash_outcome(decision: services.Decision, outcome: services.BulkOutcome) -> None:
    """How many were approved or rejected, then each one that was not and why."""
    if outcome.done:
        message = (
            ngettext("%(num)d registration approved.", "%(num)d registrations approved.", len(outcome.done))
            if decision == services.Decision.APPROVE
            else ngettext(
                "%(num)d registration rejected.", "%(num)d registrations rejected.", len(outcome.done)
            )
        )
        flash(message, "success")
    for item, _reason in outcome.failed:
        if isinstance(item, int):
            flash(_("Registration %(id)d is not one of this conference's.", id=item), "error")
        else:
            flash(
                _(
                    "%(reference)s (%(name)s) was not changed: it is %(status)s.",
                    reference=item.reference,
                    name=item.full_name,
                    status=STATUS_LABELS[item.status].lower(),
                ),
                "error",
            )


def _list_args() -> dict[str, str]:
    """The list's filters and page, carried through a form post in hidden fields."""
    filters = queries.RegistrationFilters.from_args(request.form).args()
    page = request.form.get("page", "")
    return filters | ({"page": page} if page.isdigit() and len(page) < 7 else {})


def _payment_links(conference, registration) -> dict[str, str | None]:
    """Links to the payment pages, when the payments blueprint is there to answer them."""
    links = {}
    for name in ("refund", "mark_paid"):
        endpoint = f"payments_manage.{name}"
        links[name] = (
            url_for(endpoint, slug=conference.slug, registration_id=registration.id)
            if endpoint in current_app.view_functions
            else None
        )
    return links


def _action_labels() -> dict[str, str]:
    return {
        "registration.created": _("Registered"),
        "registration.approved": _("Approved"),
        "registration.rejected": _("Rejected"),
        "registration.cancelled": _("Cancelled"),
        "registration.expired": _("Hold expired"),
        "registration.offered": _("Offered a place from the waiting list"),
        "registration.offer_accepted": _("Accepted the offer"),
        "registration.confirmed": _("Payment received, confirmed"),
        "registration.refunded": _("Refunded"),
        "registration.link_sent": _("“My registration” link sent"),
    }


def _readable(conference):
    """How a recorded value reads in the history: labels for codes, local times for instants."""

    def readable(name: str, value) -> str:
        if value is None or value == "":
            return "—"
        labels = {"status": STATUS_LABELS, "category": CATEGORY_LABELS}.get(name, {})
        for code, label in labels.items():
            if code.value == value:
                return str(label)
        if isinstance(value, bool):
            return _("Yes") if value else _("No")
        if isinstance(value, str) and (name.endswith("_at") or name == "hold_expires_at"):
            try:
                return local_datetime(datetime.fromisoformat(value), conference.tz, "medium")
            except ValueError:
                return value
        return str(value)

    return readable


@bp.get("/registrations/<id:registration_id>")
@organiser_required
def registration(conference, registration_id: int):
    found = queries.registration_detail(conference, registration_id) or abort(404)
    answers = {answer.question_id: answer.value for answer in found.answers}
    return render_template(
        "registration/manage/registration.html",
        registration=found,
        answers=[
            (question, custom.answer_text(question, answers.get(question.id)))
            for question in queries.questions(conference)
            if question.active or question.id in answers
        ],
        history=queries.history(found),
        action_labels=_action_labels(),
        readable=_readable(conference),
        hidden_in_history=queries.HIDDEN_IN_HISTORY,
        payment_links=_payment_links(conference, found),
        action_form=ConfirmForm(),
        statuses=RegistrationStatus,
    )


def _decision(conference, registration_id: int, action, done_message):
    found = in_conference(Registration, conference, registration_id) or abort(404)
    form = ConfirmForm()
    if form.validate_on_submit():
        try:
            action(found, actor_id=current_user.id)
        except errors.RegistrationError as exc:
            flash(str(exc), "error")
        else:
            flash(done_message(found), "success")
    return redirect(url_for(".registration", slug=conference.slug, registration_id=registration_id))


@bp.post("/registrations/<id:registration_id>/approve")
@organiser_required
def approve(conference, registration_id: int):
    return _decision(
        conference,
        registration_id,
        services.approve,
        lambda r: _("%(reference)s was approved.", reference=r.reference),
    )


@bp.post("/registrations/<id:registration_id>/reject")
@organiser_required
def reject(conference, registration_id: int):
    return _decision(
        conference,
        registration_id,
        services.reject,
        lambda r: _("%(reference)s was rejected.", reference=r.reference),
    )


@bp.route("/registrations/<id:registration_id>/cancel", methods=["GET", "POST"])
@organiser_required
def cancel(conference, registration_id: int):
    found = in_conference(Registration, conference, registration_id) or abort(404)
    if request.method == "POST":
        return _decision(
            conference,
            registration_id,
            services.cancel,
            lambda r: _("%(reference)s was cancelled.", reference=r.reference),
        )
    return render_template(
        "manage/confirm_delete.html",
        form=ConfirmForm(),
        section="registrations",
        heading=_(
            "Cancel the registration of %(name)s (%(reference)s)?",
            name=found.full_name,
            reference=found.reference,
        ),
        note=_("The place goes to the next on the waiting list. Refunds are made separately."),
        confirm_label=_("Cancel the registration"),
        cancel_url=url_for(".registration", slug=conference.slug, registration_id=registration_id),
    )


@bp.post("/registrations/<id:registration_id>/resend")
@organiser_required
def resend_link(conference, registration_id: int):
    found = in_conference(Registration, conference, registration_id) or abort(404)
    if ConfirmForm().validate_on_submit():
        send_link_again(found, user_id=current_user.id)
        flash(_("The link to “my registration” was sent to %(email)s.", email=found.email), "success")
    return redirect(url_for(".registration", slug=conference.slug, registration_id=registration_id))


@bp.route("/registrations/new", methods=["GET", "POST"])
@organiser_required
def new_registration(conference):
    tickets = [ticket for ticket in queries.ticket_types(conference) if ticket.active]
    questions = queries.questions(conference, active_only=True)
    form = walk_in_form(tickets, questions, language=conference.default_language)
    existing = None
    if tickets and form.validate_on_submit():
        try:
            created = _register_walk_in(conference, form, tickets, questions)
        except errors.AlreadyRegistered as exc:
            existing = exc.existing
            form.email.errors.append(_("This e-mail address is already registered for the conference."))
        except errors.RegistrationError as exc:
            getattr(form, exc.field or "", form.ticket_type).errors.append(str(exc))
        else:
            return redirect(url_for(".registration", slug=conference.slug, registration_id=created.id))
    return render_template(
        "registration/manage/registration_form.html",
        form=form,
        tickets=tickets,
        questions=questions,
        existing=existing,
    )


def _register_walk_in(conference, form, tickets, questions) -> Registration:
    """Register the delegate an organiser typed in, and say so."""
    created = services.register(
        conference,
        next(t for t in tickets if t.id == form.ticket_type.data),
        form.details(questions, privacy_consent=form.privacy_consent.data),
        language=form.language.data,
        by_organiser=True,
        actor_id=current_user.id,
    )
    flash(
        _(
            "%(name)s was registered (%(reference)s): %(status)s.",
            name=created.full_name,
            reference=created.reference,
            status=STATUS_LABELS[created.status].lower(),
        ),
        "success",
    )
    return created


@bp.get("/registrations/dashboard")
@organiser_required
def dashboard(conference):
    board = dashboards.dashboard(conference, utcnow())
    return render_template(
        "registration/manage/dashboard.html",
        board=board,
        chart=dashboards.registrations_chart(board.per_day),
        category_labels=CATEGORY_LABELS,
    )
