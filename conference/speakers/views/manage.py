"""Organiser pages for the people of a conference: list, add, edit, delete."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from conference.agenda.labels import ROLE_LABELS
from conference.core.confirm import confirm_then
from conference.core.forms import ConfirmForm
from conference.core.lookups import in_conference
from conference.events.access import organiser_required
from conference.media.uploads import (
    form_source,
    refuse_oversized_uploads_on,
    too_large_message,
    upload_refused,
)
from conference.speakers import importing, invitations, queries, services
from conference.speakers.forms import ImportConfirmForm, ImportUploadForm, PersonForm, links_text
from conference.speakers.models import Person
from conference.speakers.views import submitted_profile

bp = Blueprint("speakers_manage", __name__, url_prefix="/c/<slug>/manage/people")
refuse_oversized_uploads_on(bp)


@bp.get("/")
@organiser_required
def people(conference):
    return render_template("speakers/manage/people.html", people=queries.people_of(conference))


def _person_form(conference, person):
    form = PersonForm(obj=person, links_text=links_text(person.links) if person else "", **form_source())
    values = submitted_profile(form, person.photo if person else None)
    if values is not None:
        services.save_person(conference, person, values, user_id=current_user.id)
        flash(_("%(name)s was saved.", name=form.full_name.data), "success")
        return redirect(url_for(".people", slug=conference.slug))
    return render_template(
        "speakers/manage/person_form.html",
        form=form,
        person=person,
        assignments=queries.assignments(person) if person else [],
        role_labels=ROLE_LABELS,
        action_form=ConfirmForm(formdata=None),
        link_days=invitations.max_age() // 86400,
    )


@bp.route("/new", methods=["GET", "POST"])
@organiser_required
def new_person(conference):
    return _person_form(conference, None)


@bp.route("/<id:person_id>", methods=["GET", "POST"])
@organiser_required
def edit_person(conference, person_id: int):
    return _person_form(conference, in_conference(Person, conference, person_id) or abort(404))


def _removal_note(person) -> str | None:
    sessions = len({role.session_id for role in person.session_roles})
    if not sessions:
        return None
    return ngettext(
        "They will be removed from the session they appear in.",
        "They will be removed from the %(num)d sessions they appear in.",
        sessions,
    )


@bp.route("/<id:person_id>/delete", methods=["GET", "POST"])
@organiser_required
def delete_person(conference, person_id: int):
    person = in_conference(Person, conference, person_id) or abort(404)

    def delete() -> str:
        services.delete_person(person, user_id=current_user.id)
        return _("%(name)s was deleted.", name=person.display_name)

    return confirm_then(
        delete,
        back=url_for(".people", slug=conference.slug),
        section="people",
        heading=_("Delete %(name)s?", name=person.display_name),
        note=lambda: _removal_note(person),
    )


# Invitations (the person page posts these directly; the GET pages confirm when opened on their own)


@bp.route("/<id:person_id>/invite", methods=["GET", "POST"])
@organiser_required
def invite(conference, person_id: int):
    person = in_conference(Person, conference, person_id) or abort(404)

    def send() -> str | None:
        if not person.email:
            flash(
                _("Add %(name)s's e-mail address first, then send the invitation.", name=person.display_name),
                "error",
            )
            return None
        invitations.send_invitation(person, user_id=current_user.id)
        return _("An invitation was sent to %(email)s.", email=person.email)

    return confirm_then(
        send,
        back=url_for(".edit_person", slug=conference.slug, person_id=person.id),
        section="people",
        heading=_("Send %(name)s an invitation?", name=person.display_name),
        note=_("They get a personal link by e-mail to update their profile and confirm their sessions."),
        confirm_label=_("Invite"),
    )


@bp.route("/<id:person_id>/revoke-links", methods=["GET", "POST"])
@organiser_required
def revoke_links(conference, person_id: int):
    person = in_conference(Person, conference, person_id) or abort(404)

    def revoke() -> str:
        invitations.revoke_links(person, user_id=current_user.id)
        return _("Links sent to %(name)s no longer work.", name=person.display_name)

    return confirm_then(
        revoke,
        back=url_for(".edit_person", slug=conference.slug, person_id=person.id),
        section="people",
        heading=_("Revoke the links sent to %(name)s?", name=person.display_name),
        note=_("Every link sent so far stops working; send a new invitation to give them access again."),
        confirm_label=_("Revoke links"),
    )


# Import from CSV


@bp.route("/import", methods=["GET", "POST"])
@organiser_required
def import_people(conference):
    form = ImportUploadForm(**form_source())
    rows, token = None, None
    if upload_refused():
        form.csv_file.errors = [too_large_message()]
    elif form.validate_on_submit():
        try:
            raw_rows = importing.read_csv(form.csv_file.data.read(importing.MAX_FILE_BYTES + 1))
        except importing.ImportProblem as exc:
            form.csv_file.errors.append(str(exc))
        else:
            rows = importing.check_rows(conference, raw_rows)
            token = importing.sign_rows(conference, raw_rows)
    return render_template(
        "speakers/manage/import.html",
        form=form,
        rows=rows,
        confirm_form=ImportConfirmForm(formdata=None, rows=token),
        columns=importing.COLUMNS,
    )


@bp.post("/import/confirm")
@organiser_required
def confirm_import(conference):
    form = ImportConfirmForm()
    raw_rows = importing.signed_rows(conference, form.rows.data or "") if form.validate_on_submit() else None
    if raw_rows is None:
        flash(_("This preview has expired or was changed. Please upload the file again."), "error")
        return redirect(url_for(".import_people", slug=conference.slug))
    result = importing.import_rows(conference, raw_rows, user_id=current_user.id)
    flash(
        _(
            "Imported: %(created)d new, %(updated)d updated, %(skipped)d skipped.",
            created=result.created,
            updated=result.updated,
            skipped=result.skipped,
        ),
        "success",
    )
    return redirect(url_for(".people", slug=conference.slug))
