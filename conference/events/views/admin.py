"""Site-admin pages: every conference on this Plenary, and creating a new one."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from conference.events import queries, services
from conference.events.access import site_admin_required
from conference.events.forms import ConferenceBasicsForm

bp = Blueprint("events_admin", __name__, url_prefix="/admin")


@bp.get("/conferences/")
@site_admin_required
def conferences():
    return render_template("events/manage/admin_conferences.html", conferences=queries.all_conferences())


@bp.route("/conferences/new", methods=["GET", "POST"])
@site_admin_required
def new_conference():
    form = ConferenceBasicsForm()
    if form.validate_on_submit():
        try:
            conference = services.create_conference(form.values(), creator_id=current_user.id)
        except services.SlugTaken:
            form.slug.errors.append(_("Another conference already uses this web address."))
        else:
            flash(
                _("“%(title)s” was created as a draft. Fill in its details next.", title=conference.title),
                "success",
            )
            return redirect(url_for("events_manage.details", slug=conference.slug))
    return render_template("events/manage/admin_conference_form.html", form=form)
