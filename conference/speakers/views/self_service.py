"""A speaker's own page, opened with the signed link an organiser e-mailed: profile and sessions to confirm.

No account is needed; the link is the key. A changed or revoked link is "not found", an expired one
gets a page that says so and whom to ask.
"""

from __future__ import annotations

from flask import Blueprint, abort, flash, g, make_response, redirect, render_template, url_for
from flask_babel import gettext as _

from conference.agenda.labels import ROLE_LABELS
from conference.agenda.labels import STATUS_LABELS as SESSION_STATUS_LABELS
from conference.core.forms import ConfirmForm
from conference.events.models import Conference
from conference.events.queries import conference_by_slug
from conference.media.uploads import (
    form_source,
    refuse_oversized_uploads_on,
)
from conference.speakers import queries, services
from conference.speakers.forms import ProfileForm, links_text
from conference.speakers.invitations import InvalidLink, LinkProblem, person_from_token
from conference.speakers.models import Person
from conference.speakers.views import submitted_profile

bp = Blueprint("speaker_self", __name__, url_prefix="/c/<slug>/speaker/<token>")
refuse_oversized_uploads_on(bp)


@bp.after_request
def private_page(response):
    # The token is in the address: keep it out of caches and of the Referer sent to the speaker's links.
    response.headers["Cache-Control"] = "private, no-store"
    response.headers["Referrer-Policy"] = "no-referrer"
    return response


def _link_problem(conference: Conference | None, problem: LinkProblem):
    status = 410 if problem == LinkProblem.EXPIRED else 404
    page = render_template("speakers/link_invalid.html", problem=problem, conference=conference)
    return make_response(page, status)


def _speaker(slug: str, token: str) -> Person:
    conference = conference_by_slug(slug) or abort(404)
    g.conference = conference  # drafts too: speakers are invited before the conference is announced
    try:
        return person_from_token(token, conference_id=conference.id)
    except InvalidLink as exc:
        abort(_link_problem(conference, exc.problem))


@bp.route("/", methods=["GET", "POST"])
def profile(slug: str, token: str):
    person = _speaker(slug, token)
    form = ProfileForm(obj=person, links_text=links_text(person.links), **form_source())
    values = submitted_profile(form, person.photo)
    if values is not None:
        services.save_own_profile(person, values)
        flash(_("Thank you, your profile was saved."), "success")
        return redirect(url_for(".profile", slug=slug, token=token))
    return render_template(
        "speakers/self_service.html",
        person=person,
        form=form,
        token=token,
        assignments=queries.assignments(person),
        confirm_form=ConfirmForm(formdata=None),
        role_labels=ROLE_LABELS,
        status_labels=SESSION_STATUS_LABELS,
    )


@bp.post("/sessions/<id:session_id>/confirm")
def confirm(slug: str, token: str, session_id: int):
    person = _speaker(slug, token)
    if ConfirmForm().validate_on_submit():
        if not services.confirm_session(person, session_id):
            abort(404)
        flash(_("Thank you, your session is confirmed."), "success")
    return redirect(url_for(".profile", slug=slug, token=token) + "#sessions")
