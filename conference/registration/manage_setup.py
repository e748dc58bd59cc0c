"""Organiser pages that set registration up: ticket types, custom questions and the registration settings."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from conference.core.confirm import confirm_then
from conference.db_types import utcnow
from conference.events.access import organiser_required
from conference.registration import operations, queries
from conference.registration.blueprints import manage as bp
from conference.registration.manage_forms import PolicyForm, QuestionForm, TicketTypeForm
from conference.registration.policy import policy_for

# Ticket types


@bp.get("/tickets/")
@organiser_required
def tickets(conference):
    return render_template(
        "registration/manage/tickets.html",
        tickets=operations.ticket_types(conference),
        held=queries.places_held_by_ticket(conference, utcnow()),
    )


def _ticket_form(conference, ticket):
    form = TicketTypeForm(conference, ticket=ticket)
    if form.validate_on_submit():
        operations.save_ticket(conference, ticket, form.values(), user_id=current_user.id)
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
    return _ticket_form(conference, operations.ticket_in(conference, ticket_id) or abort(404))


@bp.route("/tickets/<id:ticket_id>/delete", methods=["GET", "POST"])
@organiser_required
def delete_ticket(conference, ticket_id: int):
    ticket = operations.ticket_in(conference, ticket_id) or abort(404)
    used = operations.registrations_for_ticket(ticket)
    note = None
    if used:
        note = ngettext(
            "One registration uses it, so it will be deactivated (no longer offered) instead of deleted.",
            "%(num)d registrations use it, so it will be deactivated (no longer offered) instead of deleted.",
            used,
        )

    def retire() -> str:
        if operations.retire_ticket(ticket, user_id=current_user.id):
            return _("The ticket “%(name)s” was deleted.", name=ticket.name)
        return _("The ticket “%(name)s” was deactivated.", name=ticket.name)

    return confirm_then(
        retire,
        back=url_for(".tickets", slug=conference.slug),
        section="tickets",
        heading=(
            _("Deactivate the ticket “%(name)s”?", name=ticket.name)
            if used
            else _("Delete the ticket “%(name)s”?", name=ticket.name)
        ),
        note=note,
        confirm_label=_("Deactivate") if used else None,
    )


# Custom questions


@bp.get("/questions/")
@organiser_required
def questions(conference):
    return render_template("registration/manage/questions.html", questions=operations.questions(conference))


def _question_form(conference, question):
    form = QuestionForm(question=question)
    if form.validate_on_submit():
        operations.save_question(conference, question, form.values(), user_id=current_user.id)
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
    return _question_form(conference, operations.question_in(conference, question_id) or abort(404))


@bp.route("/questions/<id:question_id>/delete", methods=["GET", "POST"])
@organiser_required
def delete_question(conference, question_id: int):
    question = operations.question_in(conference, question_id) or abort(404)
    answered = operations.answers_to(question)
    note = None
    if answered:
        note = ngettext(
            "One delegate answered it, so it will be hidden from the form instead, and the answer kept.",
            "%(num)d delegates answered it, so it will be hidden from the form instead; the answers stay.",
            answered,
        )

    def retire() -> str:
        if operations.retire_question(question, user_id=current_user.id):
            return _("The question “%(label)s” was deleted.", label=question.label)
        return _("The question “%(label)s” was deactivated.", label=question.label)

    return confirm_then(
        retire,
        back=url_for(".questions", slug=conference.slug),
        section="questions",
        heading=(
            _("Deactivate the question “%(label)s”?", label=question.label)
            if answered
            else _("Delete the question “%(label)s”?", label=question.label)
        ),
        note=note,
        confirm_label=_("Deactivate") if answered else None,
    )


# Registration settings


@bp.route("/registration-settings", methods=["GET", "POST"])
@organiser_required
def settings(conference):
    policy = policy_for(conference)
    form = PolicyForm(obj=policy)
    if form.validate_on_submit():
        operations.save_policy(conference, form.values(), user_id=current_user.id)
        flash(_("The registration settings were saved."), "success")
        return redirect(url_for(".settings", slug=conference.slug))
    return render_template("registration/manage/settings.html", form=form)
