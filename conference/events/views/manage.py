"""Organiser pages of a conference: dashboard, details, pages, team and activity."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from conference.accounts.models import ConferenceRole
from conference.core.confirm import confirm_then
from conference.core.forms import uploaded
from conference.core.lookups import in_conference
from conference.events import overview, queries, services
from conference.events.access import organiser_required
from conference.events.activity import activity_page, recent_activity
from conference.events.forms import ConferenceDetailsForm, PageForm, TeamRoleForm
from conference.events.models import Page
from conference.media.services import InvalidImage, stored_image

bp = Blueprint("events_manage", __name__, url_prefix="/c/<slug>/manage")


@bp.get("/")
@organiser_required
def dashboard(conference):
    return render_template(
        "events/manage/dashboard.html",
        figures=overview.overview_figures(conference),
        activity=recent_activity(conference),
    )


def _image(form, name: str, current: str | None) -> str | None:
    """The stored name for the logo or banner; raises InvalidImage after putting the reason on the field."""
    field = form[f"{name}_file"]
    try:
        return stored_image(
            uploaded(field),
            remove=form[f"remove_{name}"].data,
            current=current,
            folder=current_app.config["UPLOAD_FOLDER"],
        )
    except InvalidImage as exc:
        field.errors.append(str(exc))
        raise


@bp.route("/details", methods=["GET", "POST"])
@organiser_required
def details(conference):
    form = ConferenceDetailsForm(obj=conference)
    if form.validate_on_submit():
        values = form.values()
        try:
            values["logo"] = _image(form, "logo", conference.logo)
            values["banner"] = _image(form, "banner", conference.banner)
            services.update_conference(conference, values, user_id=current_user.id)
        except InvalidImage:
            pass
        except services.SlugTaken:
            form.slug.errors.append(_("Another conference already uses this web address."))
        else:
            flash(_("The conference details were saved."), "success")
            return redirect(url_for(".details", slug=conference.slug))
    return render_template("events/manage/details.html", form=form)


@bp.get("/pages/")
@organiser_required
def pages(conference):
    return render_template("events/manage/pages.html", pages=conference.pages)


def _page_form(conference, page):
    form = PageForm(obj=page)
    if form.validate_on_submit():
        try:
            services.save_page(conference, page, form.values(), user_id=current_user.id)
        except services.SlugTaken:
            form.slug.errors.append(_("Another page of this conference already uses this web address."))
        else:
            flash(_("The page “%(title)s” was saved.", title=form.title.data), "success")
            return redirect(url_for(".pages", slug=conference.slug))
    return render_template("events/manage/page_form.html", form=form, page=page)


@bp.route("/pages/new", methods=["GET", "POST"])
@organiser_required
def new_page(conference):
    return _page_form(conference, None)


@bp.route("/pages/<id:page_id>", methods=["GET", "POST"])
@organiser_required
def edit_page(conference, page_id: int):
    return _page_form(conference, in_conference(Page, conference, page_id) or abort(404))


@bp.route("/pages/<id:page_id>/delete", methods=["GET", "POST"])
@organiser_required
def delete_page(conference, page_id: int):
    page = in_conference(Page, conference, page_id) or abort(404)

    def delete() -> str:
        services.delete_page(page, user_id=current_user.id)
        return _("The page “%(title)s” was deleted.", title=page.title)

    return confirm_then(
        delete,
        back=url_for(".pages", slug=conference.slug),
        section="pages",
        heading=_("Delete the page “%(title)s”?", title=page.title),
        note=_("Visitors will no longer find it; links to it will show “not found”."),
    )


@bp.route("/team", methods=["GET", "POST"])
@organiser_required
def team(conference):
    form = TeamRoleForm()
    if form.validate_on_submit():
        try:
            grant = services.grant_role(conference, form.email.data, form.role.data, user_id=current_user.id)
        except services.UnknownAccount:
            form.email.errors.append(_("No Plenary account uses this e-mail. Ask them to sign up first."))
        except services.RoleAlreadyHeld:
            form.role.errors.append(_("This account already has this role."))
        else:
            flash(_("%(email)s was added to the team.", email=grant.user.email), "success")
            return redirect(url_for(".team", slug=conference.slug))
    return render_template("events/manage/team.html", form=form, roles=queries.team_roles(conference))


@bp.route("/team/<id:role_id>/remove", methods=["GET", "POST"])
@organiser_required
def remove_role(conference, role_id: int):
    grant = in_conference(ConferenceRole, conference, role_id) or abort(404)

    def remove() -> str | None:
        try:
            services.remove_role(conference, grant, user_id=current_user.id)
        except services.LastOrganiser:
            flash(
                _("A conference needs at least one organiser: add another before removing this one."), "error"
            )
            return None
        return _("The role was removed.")

    return confirm_then(
        remove,
        back=url_for(".team", slug=conference.slug),
        section="team",
        heading=_("Remove %(name)s from the team?", name=grant.user.display_name),
        note=_("They keep their Plenary account but lose this role on this conference."),
        confirm_label=_("Remove"),
    )


@bp.get("/activity")
@organiser_required
def activity(conference):
    page = request.args.get("page", 1, type=int)
    return render_template("events/manage/activity.html", log=activity_page(conference, page))
