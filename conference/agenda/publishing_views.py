"""The organiser's publish page: what would change, what blocks it, and the button that publishes."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import HiddenField, StringField
from wtforms.validators import Length, Optional

from conference.agenda import publishing
from conference.core.forms import strip
from conference.events.access import organiser_required
from conference.events.forms import manage_labels

bp = Blueprint("agenda_publishing", __name__, url_prefix="/c/<slug>/manage/agenda")
bp.context_processor(manage_labels)


class PublishForm(FlaskForm):
    note = StringField(
        _l("Note for the public changelog (optional)"),
        filters=[strip],
        validators=[Optional(), Length(max=500)],
    )
    # The version the organiser reviewed: if someone publishes first, theirs is not what was reviewed.
    version = HiddenField()


def _page(conference, form: PublishForm, preview: publishing.PublishPreview, *, status: int = 200):
    form.version.data = str(preview.next_number)
    body = render_template(
        "agenda/publish.html",
        form=form,
        preview=preview,
        describe=publishing.describe,
        section="publish",
    )
    return body, status


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
    expected = int(form.version.data) if (form.version.data or "").isdigit() else None
    try:
        version = publishing.publish(
            conference, user_id=current_user.id, note=form.note.data or "", expected_number=expected
        )
    except publishing.PublishBlocked as blocked:
        message = ngettext(
            "Nothing was published: fix the conflict below first.",
            "Nothing was published: fix the %(num)d conflicts below first.",
            len(blocked.conflicts),
        )
        flash(message, "error")
        return _page(conference, form, publishing.preview(conference), status=409)
    except publishing.NothingToPublish:
        flash(_("Nothing was published: the public agenda already shows the programme as it is."), "error")
        return _page(conference, form, publishing.preview(conference), status=409)
    except publishing.StaleVersion:
        flash(
            _(
                "Someone published the agenda while you were reviewing it. "
                "Check the changes again, then publish."
            ),
            "error",
        )
        return _page(conference, form, publishing.preview(conference), status=409)
    flash(_("Version %(number)d of the agenda is published.", number=version.number), "success")
    return redirect(url_for(".publish_page", slug=conference.slug))
