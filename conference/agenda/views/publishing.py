"""The organiser's publish page: what would change, what blocks it, and the button that publishes."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from conference.agenda import publishing
from conference.agenda.forms import PublishForm
from conference.events.access import organiser_required

bp = Blueprint("agenda_publishing", __name__, url_prefix="/c/<slug>/manage/agenda")


def _page(conference, form: PublishForm, preview: publishing.PublishPreview, *, status: int = 200):
    form.version.data = str(preview.next_number)
    body = render_template(
        "agenda/manage/publish.html",
        form=form,
        preview=preview,
        describe=publishing.describe,
        section="publish",
    )
    return body, status


def _refusal(refused: Exception) -> str:
    """Why nothing was published, in the words the page shows."""
    if isinstance(refused, publishing.PublishBlocked):
        return ngettext(
            "Nothing was published: fix the conflict below first.",
            "Nothing was published: fix the %(num)d conflicts below first.",
            len(refused.conflicts),
        )
    if isinstance(refused, publishing.NothingToPublish):
        return _("Nothing was published: the public agenda already shows the programme as it is.")
    return _(
        "Someone published the agenda while you were reviewing it. Check the changes again, then publish."
    )


@bp.get("/publish")
@organiser_required
def publish_page(conference):
    return _page(conference, PublishForm(), publishing.preview(conference))


@bp.post("/publish")
@organiser_required
def publish(conference):
    form = PublishForm()
    if not form.validate_on_submit():
        return _page(conference, form, publishing.preview(conference), status=400)
    try:
        version = publishing.publish(
            conference,
            user_id=current_user.id,
            note=form.note.data or "",
            expected_number=form.expected_number(),
        )
    except (publishing.PublishBlocked, publishing.NothingToPublish, publishing.StaleVersion) as refused:
        flash(_refusal(refused), "error")
        return _page(conference, form, publishing.preview(conference), status=409)
    flash(_("Version %(number)d of the agenda is published.", number=version.number), "success")
    return redirect(url_for(".publish_page", slug=conference.slug))
