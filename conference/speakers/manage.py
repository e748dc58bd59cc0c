"""Organiser pages for the people of a conference: list, add, edit, delete."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from conference.accounts.access import organiser_required
from conference.events.forms import ConfirmForm, manage_labels, uploaded
from conference.events.operations import stored_image
from conference.media.services import InvalidImage
from conference.speakers import operations
from conference.speakers.forms import PersonForm, links_text

bp = Blueprint("speakers_manage", __name__, url_prefix="/c/<slug>/manage/people")
bp.context_processor(manage_labels)


@bp.get("/")
@organiser_required
def people(conference):
    return render_template("manage/people.html", people=operations.people_of(conference))


def _person_form(conference, person):
    form = PersonForm(obj=person, links_text=links_text(person.links) if person else "")
    if form.validate_on_submit():
        values = form.values()
        try:
            values["photo"] = stored_image(
                uploaded(form.photo_file),
                remove=form.remove_photo.data,
                current=person.photo if person else None,
                folder=current_app.config["UPLOAD_FOLDER"],
            )
        except InvalidImage as exc:
            form.photo_file.errors.append(str(exc))
        else:
            operations.save_person(conference, person, values, user_id=current_user.id)
            flash(_("%(name)s was saved.", name=form.full_name.data), "success")
            return redirect(url_for(".people", slug=conference.slug))
    return render_template("manage/person_form.html", form=form, person=person)


@bp.route("/new", methods=["GET", "POST"])
@organiser_required
def new_person(conference):
    return _person_form(conference, None)


@bp.route("/<int(max=2147483647):person_id>", methods=["GET", "POST"])
@organiser_required
def edit_person(conference, person_id: int):
    return _person_form(conference, operations.person_in(conference, person_id) or abort(404))


def _removal_note(person) -> str | None:
    sessions = len({role.session_id for role in person.session_roles})
    if not sessions:
        return None
    return ngettext(
        "They will be removed from the session they appear in.",
        "They will be removed from the %(num)d sessions they appear in.",
        sessions,
    )


@bp.route("/<int(max=2147483647):person_id>/delete", methods=["GET", "POST"])
@organiser_required
def delete_person(conference, person_id: int):
    person = operations.person_in(conference, person_id) or abort(404)
    form = ConfirmForm()
    if form.validate_on_submit():
        operations.delete_person(person, user_id=current_user.id)
        flash(_("%(name)s was deleted.", name=person.display_name), "success")
        return redirect(url_for(".people", slug=conference.slug))
    return render_template(
        "manage/confirm_delete.html",
        form=form,
        section="people",
        heading=_("Delete %(name)s?", name=person.display_name),
        note=_removal_note(person),
        cancel_url=url_for(".people", slug=conference.slug),
    )
