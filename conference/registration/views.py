"""Public registration forms: one delegate, or a whole delegation registered by its contact."""

from __future__ import annotations

from datetime import datetime

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import get_locale, ngettext
from flask_babel import gettext as _
from wtforms.fields import SelectChoice

from conference.db_types import utcnow
from conference.events.access import load_conference
from conference.events.models import Conference
from conference.i18n.formatting import local_datetime
from conference.registration import delegations, operations, services
from conference.registration.blueprints import public as bp
from conference.registration.blueprints import user_id
from conference.registration.capacity import places_left
from conference.registration.forms import (
    AccessCodeForm,
    ResendLinkForm,
    delegation_form,
    registration_form,
)
from conference.registration.models import TicketType
from conference.registration.opened_links import registration_for_link
from conference.registration.policy import policy_for, registration_open, ticket_on_sale, tickets_offered
from conference.registration.tokens import make_token


def _locale() -> str:
    return str(get_locale() or "en")


def _online_payments() -> bool:
    return bool(current_app.config.get("STRIPE_SECRET_KEY"))


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
        self.offered = tickets_offered(conference, now, code)
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
        if not ticket_on_sale(ticket, self.now):
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
    if not registration_open(conference):
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
                user_id=user_id(),
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
        policy=policy_for(conference),
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
        policy=policy_for(conference),
    )


# Delegations


@bp.route("/register/delegation", methods=["GET", "POST"])
def register_delegation(slug: str):
    conference = load_conference(slug)
    if not registration_open(conference):
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
        policy=policy_for(conference),
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
            user_id=user_id(),
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
