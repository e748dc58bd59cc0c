"""Organiser pages that set registration up: ticket types, custom questions and the registration settings."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from conference.core.confirm import confirm_then
from conference.core.lookups import in_conference
from conference.db_types import utcnow
from conference.events.access import organiser_required
from conference.registration import queries
from conference.registration.models import Question, TicketType
from conference.registration.policy import policy_for
from conference.registration.setup import services
from conference.registration.setup.forms import PolicyForm, QuestionForm, TicketTypeForm
from conference.registration.setup.queries import answers_to, registrations_for_ticket
from conference.registration.views import manage_bp as bp

# Ticket types


@bp.get("/tickets/")
@organiser_required
def tickets(conference):
    return render_template(
        "registration/manage/tickets.html",
        tickets=queries.ticket_types(conference),
        held=queries.places_held_by_ticket(conference, utcnow()),
    )


def _ticket_form(conference, ticket):
    form = TicketTypeForm(conference, ticket=ticket)
    if form.validate_on_submit():
        services.save_ticket(conference, ticket, form.values(), user_id=current_user.id)
        flash(_("The ticket “%(name)s” was saved.", name=form.name.data), "success")
        return redirect(url_for(".tickets", slug=conference.slug))
    return render_template("registration/manage/ticket_form.html", form=form, ticket=ticket)


@bp.route("/tickets/new", methods=["GET", "POST"])
@organiser_required
def new_ticket(conference):
    return _ticket_form(conference, None)


@bp.route("/tickets/<id:ticket_id>", methods=["GET", "POST"])
@organiser_required
def edit_ticket(conference, ticket_id: int):
    return _ticket_form(conference, in_conference(TicketType, conference, ticket_id) or abort(404))


@bp.route("/tickets/<id:ticket_id>/delete", methods=["GET", "POST"])
@organiser_required
def delete_ticket(conference, ticket_id: int):
    ticket = in_conference(TicketType, conference, ticket_id) or abort(404)

    def retire() -> str:
        if services.retire_ticket(ticket, user_id=current_user.id):
            return _("The ticket “%(name)s” was deleted.", name=ticket.name)
        return _("The ticket “%(name)s” was deactivated.", name=ticket.name)

    return confirm_then(
        retire,
        back=url_for(".tickets", slug=conference.slug),
        section="tickets",
        **_retiring_ticket(ticket, registrations_for_ticket(ticket)),
    )


def _retiring_ticket(ticket: TicketType, used: int) -> dict:
    """The confirm page's words: a ticket someone registered for is deactivated, not deleted."""
    if not used:
        return {"heading": _("Delete the ticket “%(name)s”?", name=ticket.name)}
    return {
        "heading": _("Deactivate the ticket “%(name)s”?", name=ticket.name),
        "note": ngettext(
            "One registration uses it, so it will be deactivated (no longer offered) instead of deleted.",
            "%(num)d registrations use it, so it will be deactivated (no longer offered) instead of deleted.",
            used,
        ),
        "confirm_label": _("Deactivate"),
    }


# Custom questions


@bp.get("/questions/")
@organiser_required
def questions(conference):
    return render_template("registration/manage/questions.html", questions=queries.questions(conference))


def _question_form(conference, question):
    form = QuestionForm(question=question)
    if form.validate_on_submit():
        services.save_question(conference, question, form.values(), user_id=current_user.id)
        flash(_("The question “%(label)s” was saved.", label=form.label.data), "success")
        return redirect(url_for(".questions", slug=conference.slug))
    return render_template("registration/manage/question_form.html", form=form, question=question)


@bp.route("/questions/new", methods=["GET", "POST"])
@organiser_required
def new_question(conference):
    return _question_form(conference, None)


@bp.route("/questions/<id:question_id>", methods=["GET", "POST"])
@organiser_required
def edit_question(conference, question_id: int):
    return _question_form(conference, in_conference(Question, conference, question_id) or abort(404))


@bp.route("/questions/<id:question_id>/delete", methods=["GET", "POST"])
@organiser_required
def delete_question(conference, question_id: int):
    question = in_conference(Question, conference, question_id) or abort(404)

    def retire() -> str:
        if services.retire_question(question, user_id=current_user.id):
            return _("The question “%(label)s” was deleted.", label=question.label)
        return _("The question “%(label)s” was deactivated.", label=question.label)

    return confirm_then(
        retire,
        back=url_for(".questions", slug=conference.slug),
        section="questions",
        **_retiring_question(question, answers_to(question)),
    )


def _retiring_question(question: Question, answered: int) -> dict:
    """The confirm page's words: an answered question is hidden from the form, its answers kept."""
    if not answered:
        return {"heading": _("Delete the question “%(label)s”?", label=question.label)}
    return {
        "heading": _("Deactivate the question “%(label)s”?", label=question.label),
        "note": ngettext(
            "One delegate answered it, so it will be hidden from the form instead, and the answer kept.",
            "%(num)d delegates answered it, so it will be hidden from the form instead; the answers stay.",
            answered,
        ),
        "confirm_label": _("Deactivate"),
    }


# Registration settings


@bp.route("/registration-settings", methods=["GET", "POST"])
@organiser_required
def settings(conference):
    policy = policy_for(conference)
    form = PolicyForm(obj=policy)
    if form.validate_on_submit():
        services.save_policy(conference, form.values(), user_id=current_user.id)
        flash(_("The registration settings were saved."), "success")
        return redirect(url_for(".settings", slug=conference.slug))
    return render_template("registration/manage/settings.html", form=form)
