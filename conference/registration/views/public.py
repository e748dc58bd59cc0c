"""The public registration form: one delegate registers, then sees what happens next."""

from __future__ import annotations

from flask import redirect, render_template, url_for
from flask_babel import gettext as _

from conference.db_types import utcnow
from conference.events.access import load_conference
from conference.registration import errors, services
from conference.registration.forms import ResendLinkForm, form_with_tickets, not_on_sale, registration_form
from conference.registration.links.opened import registration_for_link
from conference.registration.links.tokens import make_token
from conference.registration.policy import policy_for, registration_open
from conference.registration.views import closed, locale, online_payments, user_id
from conference.registration.views import public_bp as bp


@bp.route("/register", methods=["GET", "POST"])
def register(slug: str):
    conference = load_conference(slug)
    if not registration_open(conference):
        return closed()
    code_form, choice, questions, form = form_with_tickets(conference, registration_form)
    problem = None
    if form.validate_on_submit() and (ticket := choice.chosen(form.ticket_type)) is not None:
        try:
            registration = _register(conference, ticket, form, questions)
        except errors.RegistrationClosed:
            return closed()
        except errors.RegistrationError as exc:
            problem = _show_problem(exc, form, code_form, ticket, conference)
        else:
            return redirect(url_for(".done", slug=slug, token=make_token(registration)))
    return _form_page(conference, form, code_form, choice, questions, problem)


def _register(conference, ticket, form, questions):
    return services.register(
        conference,
        ticket,
        form.details(questions, privacy_consent=form.privacy_consent.data),
        access_code=form.access_code.data or "",
        language=locale(),
        online_payments=online_payments(),
        user_id=user_id(),
    )


def _show_problem(problem: errors.RegistrationError, form, code_form, ticket, conference):
    """Put what the service refused on the field to change; returns the problem."""
    if isinstance(problem, errors.AlreadyRegistered):
        form.email.errors.append(_("This e-mail address is already registered for the conference."))
    elif isinstance(problem, errors.WrongAccessCode):
        code_form.code.errors.append(_("This code does not unlock the ticket you chose."))
        form.ticket_type.errors.append(_("Choose one of the tickets listed."))
    elif isinstance(problem, errors.SalesNotOpen):
        form.ticket_type.errors.append(not_on_sale(ticket, utcnow(), conference))
    elif isinstance(problem, errors.ConsentRequired):
        form.privacy_consent.errors.append(_("You need to agree to the privacy notice to register."))
    else:
        raise problem
    return problem


def _form_page(conference, form, code_form, choice, questions, problem):
    return render_template(
        "registration/register.html",
        form=form,
        code_form=code_form,
        choice=choice,
        questions=questions,
        policy=policy_for(conference),
        already_registered=isinstance(problem, errors.AlreadyRegistered),
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
        policy=policy_for(conference),
    )
