"""Public registration pages: the form, delegations and "my registration"."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TypeVar

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import get_locale, ngettext
from flask_babel import gettext as _
from flask_login import current_user
from wtforms.fields import SelectChoice

from conference.db_types import utcnow
from conference.events.models import Conference
from conference.events.views import load_conference
from conference.extensions import limiter
from conference.i18n.formatting import local_datetime
from conference.payments import services as payments
from conference.payments.forms import money
from conference.registration import delegations, emails, operations, services
from conference.registration.capacity import places_left
from conference.registration.forms import (
    HONORIFICS,
    AccessCodeForm,
    ConfirmForm,
    ResendLinkForm,
    delegation_form,
    edit_details_form,
    registration_form,
)
from conference.registration.manage_forms import registration_labels
from conference.registration.models import (
    ENDED_STATUSES,
    Delegation,
    Registration,
    RegistrationStatus,
    TicketType,
)
from conference.registration.questions import answer_text, form_data_from
from conference.registration.tokens import InvalidLink, LinkProblem, make_token, registration_from_token

bp = Blueprint("registration", __name__, url_prefix="/c/<slug>")
bp.context_processor(registration_labels)
RESEND_LIMIT = "10 per hour"  # each sends an e-mail: keep the form from being used to flood an inbox
ID = "int(max=2147483647)"


@bp.context_processor
def helpers() -> dict:
    return {"money": money, "answer_text": answer_text, "honorifics": HONORIFICS}


@bp.app_template_global()
def registration_on_sale(conference: Conference) -> bool:
    """Whether the conference home shows the register button: open, with a ticket anyone may choose."""
    return services.registration_open(conference) and bool(services.tickets_offered(conference, utcnow()))


def _locale() -> str:
    return str(get_locale() or "en")


def _online_payments() -> bool:
    return bool(current_app.config.get("STRIPE_SECRET_KEY"))


def _user_id() -> int | None:
    return current_user.id if current_user.is_authenticated else None


def _link_problem(problem: LinkProblem):
    # A broken link is "not found"; an expired one is gone, and its page offers to send a new one.
    status = 410 if problem == LinkProblem.EXPIRED else 404
    return make_response(render_template("registration/link_invalid.html", problem=problem), status)


Linked = TypeVar("Linked", Registration, Delegation)


def _opened_by_link(load: Callable[[str], Linked], conference: Conference, token: str) -> Linked:
    # A link to another conference's registration or delegation is as broken as a mistyped one.
    try:
        found = load(token)
    except InvalidLink as exc:
        abort(_link_problem(exc.problem))
    if found.conference_id != conference.id:
        abort(_link_problem(LinkProblem.BROKEN))
    return found


def registration_for_link(conference: Conference, token: str) -> Registration:
    """The registration a \"my registration\" link opens, or the link-problem page as an abort."""
    return _opened_by_link(registration_from_token, conference, token)


def _delegation_for(conference: Conference, token: str) -> Delegation:
    return _opened_by_link(delegations.delegation_from_token, conference, token)


def _not_on_sale(ticket: TicketType, now: datetime, conference: Conference) -> str:
    if ticket.sales_start is not None and now < ticket.sales_start:
        return _(
            "Sales for this ticket open on %(when)s.", when=local_datetime(ticket.sales_start, conference.tz)
        )
    if ticket.sales_end is not None and now >= ticket.sales_end:
        return _(
            "Sales for this ticket closed on %(when)s.", when=local_datetime(ticket.sales_end, conference.tz)
        )
    return _("This ticket is not on sale.")


class TicketChoice:
    """What the ticket list shows and what a posted ticket choice comes to."""

    def __init__(self, conference: Conference, code: str, now: datetime) -> None:
        self.conference, self.code, self.now = conference, code, now
        self.offered = services.tickets_offered(conference, now, code)
        self.places_left = {t.id: places_left(t, now) for t in self.offered}
        self.code_error: str | None = None
        if code and not any(t.access_code for t in self.offered):
            self.code_error = _("This code does not unlock any ticket. Check it and try again.")

    def default(self) -> str | None:
        wanted = request.args.get("ticket", "")
        if any(str(t.id) == wanted for t in self.offered):
            return wanted
        return str(self.offered[0].id) if len(self.offered) == 1 else None

    def options(self) -> list[SelectChoice]:
        return [SelectChoice(str(t.id), t.name) for t in self.offered]

    def chosen(self, field) -> TicketType | None:
        """The ticket posted in `field`, or None with a message on the field."""
        value = field.data or ""
        ticket = (
            operations.ticket_in(self.conference, int(value)) if value.isdigit() and len(value) < 10 else None
        )
        if ticket is None or not ticket.active:
            field.errors.append(_("Choose one of the tickets listed."))
            return None
        if not services.ticket_on_sale(ticket, self.now):
            field.errors.append(_not_on_sale(ticket, self.now, self.conference))
            return None
        return ticket


def _ticket_choice(conference: Conference) -> tuple[AccessCodeForm, TicketChoice]:
    """The access code form and the tickets it unlocks: a posted form's code, else the one in the URL."""
    code_form = AccessCodeForm(formdata=request.args)
    code = code_form.code.data if code_form.validate() else ""
    posted_code = request.form.get("access_code", "")[:64] if request.method == "POST" else None
    choice = TicketChoice(conference, posted_code if posted_code is not None else code or "", utcnow())
    if choice.code_error:
        code_form.code.errors.append(choice.code_error)
    return code_form, choice


def _closed():
    return render_template("registration/closed.html")


@bp.route("/register", methods=["GET", "POST"])
def register(slug: str):
    conference = load_conference(slug)
    if not services.registration_open(conference):
        return _closed()
    code_form, choice = _ticket_choice(conference)
    questions = operations.questions(conference, active_only=True)
    form = registration_form(questions, data={"access_code": choice.code, "ticket_type": choice.default()})
    form.ticket_type.choices = choice.options()
    already_registered = False
    if form.validate_on_submit() and (ticket := choice.chosen(form.ticket_type)) is not None:
        details = form.details(questions, privacy_consent=form.privacy_consent.data)
        try:
            registration = services.register(
                conference,
                ticket,
                details,
                access_code=form.access_code.data or "",
                language=_locale(),
                online_payments=_online_payments(),
                user_id=_user_id(),
            )
        except services.AlreadyRegistered:
            already_registered = True
            form.email.errors.append(_("This e-mail address is already registered for the conference."))
        except services.WrongAccessCode:
            code_form.code.errors.append(_("This code does not unlock the ticket you chose."))
            form.ticket_type.errors.append(_("Choose one of the tickets listed."))
        except services.SalesNotOpen:
            form.ticket_type.errors.append(_not_on_sale(ticket, utcnow(), conference))
        except services.ConsentRequired:
            form.privacy_consent.errors.append(_("You need to agree to the privacy notice to register."))
        except services.RegistrationClosed:
            return _closed()
        else:
            return redirect(url_for(".done", slug=slug, token=make_token(registration)))
    return render_template(
        "registration/register.html",
        form=form,
        code_form=code_form,
        choice=choice,
        questions=questions,
        policy=services.policy_for(conference),
        already_registered=already_registered,
        resend_form=ResendLinkForm(formdata=None, data={"email": form.email.data}),
    )


@bp.get("/register/done/<token>")
def done(slug: str, token: str):
    conference = load_conference(slug)
    registration = registration_for_link(conference, token)
    return render_template(
        "registration/done.html",
        registration=registration,
        token=token,
        policy=services.policy_for(conference),
    )


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
        policy=services.policy_for(conference),
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
        services.update_details(registration, details, asked={q.id for q in questions}, actor_id=_user_id())
        flash(_("Your changes are saved."), "success")
        return redirect(url_for(".mine", slug=slug, token=token))
    return render_template(
        "registration/edit.html", form=form, registration=registration, token=token, questions=questions
    )


def refund_terms(registration: Registration, now: datetime) -> dict:
    """What cancelling now gives back under the conference's policy (refund_on_cancellation makes it)."""
    policy = services.policy_for(registration.conference)
    paid = payments.refundable_minor(registration)
    today = now.astimezone(registration.conference.tz).date()
    in_time = policy.refund_deadline is None or today <= policy.refund_deadline
    return {
        "policy": policy,
        "paid": paid,
        "in_time": in_time,
        "amount": paid * policy.refund_percent // 100 if in_time else 0,
    }


def _cancel(registration: Registration) -> bool:
    now = utcnow()
    try:
        services.cancel(registration, actor_id=_user_id(), now=now)
    except services.InvalidTransition:
        return False
    # Cancel first: the place goes back to the waitlist whatever the refund does, and a full refund
    # then ends the registration as refunded.
    payments.refund_on_cancellation(registration, actor_id=_user_id(), now=now)
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
        refund=refund_terms(registration, utcnow()),
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


# Delegations


@bp.route("/register/delegation", methods=["GET", "POST"])
def register_delegation(slug: str):
    conference = load_conference(slug)
    if not services.registration_open(conference):
        return _closed()
    code_form, choice = _ticket_choice(conference)
    questions = operations.questions(conference, active_only=True)
    form = delegation_form(questions, data={"access_code": choice.code, "ticket_type": choice.default()})
    form.ticket_type.choices = choice.options()
    if request.method == "POST" and "add_row" in request.form:
        # "Add another delegate" without JavaScript: the same form back with one more empty block.
        form.delegates.append_entry()
        form.fill_choices()
    elif form.validate_on_submit() and (ticket := choice.chosen(form.ticket_type)) is not None:
        response = _register_delegates(conference, form, questions, ticket, code_form)
        if response is not None:
            return response
    return render_template(
        "registration/delegation_form.html",
        form=form,
        code_form=code_form,
        choice=choice,
        questions=questions,
        policy=services.policy_for(conference),
    )


def _register_delegates(conference, form, questions, ticket, code_form):
    rows = [row.form for row in form.delegates if not row.form.is_blank()]
    if not rows:
        # Blank rows skipped validation, so their errors are still an empty tuple.
        form.delegates[0].form.given_name.errors = [_("Add at least one delegate.")]
        return None
    group = dict(organisation=form.name.data, country=form.country.data, privacy_consent=True)
    contact = delegations.DelegationContact(
        name=form.name.data,
        contact_name=form.contact_name.data,
        contact_email=form.contact_email.data,
        country=form.country.data,
    )
    try:
        result = delegations.register_delegation(
            conference,
            ticket,
            contact,
            [row.details(questions, **group) for row in rows],
            access_code=form.access_code.data or "",
            language=_locale(),
            online_payments=_online_payments(),
            user_id=_user_id(),
        )
    except delegations.DelegatesInvalid as exc:
        for index, message in exc.problems.items():
            rows[index].email.errors.append(message)
        return None
    except services.WrongAccessCode:
        code_form.code.errors.append(_("This code does not unlock the ticket you chose."))
        return None
    except services.SalesNotOpen:
        form.ticket_type.errors.append(_not_on_sale(ticket, utcnow(), conference))
        return None
    except services.ConsentRequired:
        form.privacy_consent.errors.append(_("Each delegate needs to agree to the privacy notice."))
        return None
    except services.RegistrationClosed:
        return _closed()
    registered = ngettext(
        "%(num)d delegate is registered and gets their own e-mail.",
        "%(num)d delegates are registered and each gets their own e-mail.",
        len(result.registrations),
    )
    flash(f"{registered} {_('We sent you the link to this page.')}", "success")
    for details in result.skipped:
        flash(_("%(email)s was registered by someone else meanwhile.", email=details.email), "error")
    return redirect(
        url_for(".delegation", slug=conference.slug, token=delegations.make_token(result.delegation))
    )


@bp.get("/delegation/<token>")
def delegation(slug: str, token: str):
    conference = load_conference(slug)
    group = _delegation_for(conference, token)
    return render_template(
        "registration/delegation.html",
        delegation=group,
        members=delegations.members(group),
        token=token,
        form=ConfirmForm(),
        ended_statuses=ENDED_STATUSES,
    )


@bp.route(f"/delegation/<token>/members/<{ID}:registration_id>/cancel", methods=["GET", "POST"])
def delegation_cancel(slug: str, token: str, registration_id: int):
    conference = load_conference(slug)
    group = _delegation_for(conference, token)
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
        refund=refund_terms(member, utcnow()),
        back=back,
        action=url_for(".delegation_cancel", slug=slug, token=token, registration_id=member.id),
        own=False,
    )


@bp.post(f"/delegation/<token>/members/<{ID}:registration_id>/resend")
def delegation_resend(slug: str, token: str, registration_id: int):
    conference = load_conference(slug)
    group = _delegation_for(conference, token)
    member = delegations.member(group, registration_id) or abort(404)
    if ConfirmForm().validate_on_submit() and member.status not in ENDED_STATUSES:
        emails.send(member, "link")
        flash(_("We sent %(name)s the link to their registration again.", name=member.full_name), "success")
    return redirect(url_for(".delegation", slug=slug, token=token))
