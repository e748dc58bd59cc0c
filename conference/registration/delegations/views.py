"""A delegation's pages: the form its contact registers the group with, the page their link opens."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext

from conference.core.forms import ConfirmForm
from conference.db_types import utcnow
from conference.events.access import load_conference
from conference.registration import emails, errors
from conference.registration.delegations import queries as delegation_queries
from conference.registration.delegations import services
from conference.registration.delegations.forms import delegation_form
from conference.registration.forms import form_with_tickets, not_on_sale
from conference.registration.links.opened import delegation_for_link
from conference.registration.links.services import cancel_with_refund
from conference.registration.links.tokens import delegation_token
from conference.registration.links.views import cancel_page
from conference.registration.models import ENDED_STATUSES
from conference.registration.policy import policy_for, registration_open
from conference.registration.views import closed, locale, online_payments, user_id
from conference.registration.views import public_bp as bp

# The form


@bp.route("/register/delegation", methods=["GET", "POST"])
def register_delegation(slug: str):
    conference = load_conference(slug)
    if not registration_open(conference):
        return closed()
    code_form, choice, questions, form = form_with_tickets(conference, delegation_form)
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
        policy=policy_for(conference),
    )


def _register_delegates(conference, form, questions, ticket, code_form):
    """The group's page when they were registered; None when the form goes back with what to correct."""
    rows = [row.form for row in form.delegates if not row.form.is_blank()]
    if not rows:
        # Blank rows skipped validation, so their errors are still an empty tuple.
        form.delegates[0].form.given_name.errors = [_("Add at least one delegate.")]
        return None
    group = dict(organisation=form.name.data, country=form.country.data, privacy_consent=True)
    try:
        result = services.register_delegation(
            conference,
            ticket,
            services.DelegationContact(
                name=form.name.data,
                contact_name=form.contact_name.data,
                contact_email=form.contact_email.data,
                country=form.country.data,
            ),
            [row.details(questions, **group) for row in rows],
            access_code=form.access_code.data or "",
            language=locale(),
            online_payments=online_payments(),
            user_id=user_id(),
        )
    except errors.RegistrationClosed:
        return closed()
    except errors.RegistrationError as exc:
        _show_problem(exc, form, rows, ticket, code_form, conference)
        return None
    return _registered(conference, result)


def _show_problem(problem: errors.RegistrationError, form, rows, ticket, code_form, conference) -> None:
    """Put what the service refused on the field (or the delegate's row) to change."""
    if isinstance(problem, services.DelegatesInvalid):
        for index, message in problem.problems.items():
            rows[index].email.errors.append(message)
    elif isinstance(problem, errors.WrongAccessCode):
        code_form.code.errors.append(_("This code does not unlock the ticket you chose."))
    elif isinstance(problem, errors.SalesNotOpen):
        form.ticket_type.errors.append(not_on_sale(ticket, utcnow(), conference))
    elif isinstance(problem, errors.ConsentRequired):
        form.privacy_consent.errors.append(_("Each delegate needs to agree to the privacy notice."))
    else:
        raise problem


def _registered(conference, result: services.DelegationResult):
    registered = ngettext(
        "%(num)d delegate is registered and gets their own e-mail.",
        "%(num)d delegates are registered and each gets their own e-mail.",
        len(result.registrations),
    )
    flash(f"{registered} {_('We sent you the link to this page.')}", "success")
    for details in result.skipped:
        flash(_("%(email)s was registered by someone else meanwhile.", email=details.email), "error")
    return redirect(url_for(".delegation", slug=conference.slug, token=delegation_token(result.delegation)))


# A delegation's page, for its contact


@bp.get("/delegation/<token>")
def delegation(slug: str, token: str):
    conference = load_conference(slug)
    group = delegation_for_link(conference, token)
    return render_template(
        "registration/delegation.html",
        delegation=group,
        members=delegation_queries.members(group),
        token=token,
        form=ConfirmForm(),
        ended_statuses=ENDED_STATUSES,
    )


@bp.route("/delegation/<token>/members/<id:registration_id>/cancel", methods=["GET", "POST"])
def delegation_cancel(slug: str, token: str, registration_id: int):
    conference = load_conference(slug)
    group = delegation_for_link(conference, token)
    member = delegation_queries.member(group, registration_id) or abort(404)
    back = url_for(".delegation", slug=slug, token=token)
    form = ConfirmForm()
    if member.status not in ENDED_STATUSES and form.validate_on_submit():
        if cancel_with_refund(member, actor_id=user_id()):
            flash(_("The registration of %(name)s is cancelled.", name=member.full_name), "success")
        return redirect(back)
    if member.status in ENDED_STATUSES:
        flash(_("This registration has ended already."), "info")
        return redirect(back)
    action = url_for(".delegation_cancel", slug=slug, token=token, registration_id=member.id)
    return cancel_page(member, form, back=back, action=action, own=False)


@bp.post("/delegation/<token>/members/<id:registration_id>/resend")
def delegation_resend(slug: str, token: str, registration_id: int):
    conference = load_conference(slug)
    group = delegation_for_link(conference, token)
    member = delegation_queries.member(group, registration_id) or abort(404)
    if ConfirmForm().validate_on_submit() and member.status not in ENDED_STATUSES:
        emails.send(member, "link")
        flash(_("We sent %(name)s the link to their registration again.", name=member.full_name), "success")
    return redirect(url_for(".delegation", slug=slug, token=token))
