"""Organiser pages for badges: bulk runs with their progress and download, one badge, re-issuing."""

from __future__ import annotations

from flask import Blueprint, abort, flash, jsonify, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user

from conference.badges import content, queries, runs, services
from conference.badges.fonts import INSTALL_HINT, load_fonts
from conference.badges.forms import BadgeRunForm
from conference.badges.models import BadgeRun, BadgeRunStatus
from conference.badges.pdf import A6, FOUR_BY_THREE
from conference.badges.runs import BadgeSelection
from conference.badges.views.public import pdf_response
from conference.core.confirm import confirm_then
from conference.core.lookups import in_conference
from conference.events.access import organiser_required
from conference.registration.manage_forms import registration_labels
from conference.registration.models import Registration
from conference.registration.queries import countries_registered

bp = Blueprint("badges_manage", __name__, url_prefix="/c/<slug>/manage/badges")
bp.context_processor(registration_labels)


@bp.route("/", methods=["GET", "POST"])
@organiser_required
def badges(conference):
    form = BadgeRunForm(conference, queries.badge_tickets(conference), countries_registered(conference))
    if form.validate_on_submit():
        selection = form.selection()
        if queries.count_selected(conference, selection) == 0:
            flash(_("No confirmed delegate matches these choices: there are no badges to print."), "error")
        else:
            run = services.start_run(conference, selection, form.badge_layout(), by_user_id=current_user.id)
            return redirect(url_for(".run", slug=conference.slug, run_id=run.id))
    return (
        render_template(
            "badges/manage/badges.html",
            form=form,
            total=queries.count_selected(conference, BadgeSelection()),
            unprinted=queries.count_selected(conference, BadgeSelection(only_unprinted=True)),
            recent=queries.recent_runs(conference),
            stalled=runs.stalled,
            missing_fonts=load_fonts().missing_packages,
            install_hint=INSTALL_HINT,
        ),
        400 if form.errors else 200,
    )


def _run_or_404(conference, run_id: int) -> BadgeRun:
    return in_conference(BadgeRun, conference, run_id) or abort(404)


def _status(run: BadgeRun) -> dict:
    return {
        "id": run.id,
        "status": BadgeRunStatus.FAILED.value if runs.stalled(run) else run.status.value,
        "done": run.done,
        "total": run.total,
        "percent": run.percent,
        "error": run.error,
    }


@bp.get("/runs/<id:run_id>")
@organiser_required
def run(conference, run_id: int):
    found = _run_or_404(conference, run_id)
    return render_template(
        "badges/manage/run.html",
        run=found,
        stalled=runs.stalled(found),
        has_file=runs.run_file(found) is not None,
        options=runs.options_from_json(found.options),
    )


@bp.get("/runs/<id:run_id>.json")
@organiser_required
def run_status(conference, run_id: int):
    found = _run_or_404(conference, run_id)
    status = _status(found)
    if runs.run_file(found) is not None:
        status["download_url"] = url_for(".download", slug=conference.slug, run_id=found.id)
    return jsonify(status)


@bp.get("/runs/<id:run_id>/download")
@organiser_required
def download(conference, run_id: int):
    path = runs.run_file(_run_or_404(conference, run_id)) or abort(404)
    return send_file(
        path,
        mimetype="application/pdf",
        as_attachment=True,
        download_name=f"badges-{conference.slug}-{run_id}.pdf",
        max_age=0,
    )


@bp.get("/registrations/<id:registration_id>/badge.pdf")
@organiser_required
def registration_badge(conference, registration_id: int):
    found = in_conference(Registration, conference, registration_id) or abort(404)
    size = FOUR_BY_THREE if request.args.get("size") == "4x3" else A6
    try:
        data = content.badge_pdf(found, size)
    except content.NoBadge:
        abort(404)
    return pdf_response(data, f"badge-{found.reference}.pdf")


@bp.route("/registrations/<id:registration_id>/reissue", methods=["GET", "POST"])
@organiser_required
def reissue(conference, registration_id: int):
    found = in_conference(Registration, conference, registration_id) or abort(404)

    def reissue_badge() -> str:
        services.reissue_badge(found, current_user.id)
        return _(
            "A new badge was issued to %(name)s: the old one no longer opens the doors. Print the new one.",
            name=found.full_name,
        )

    return confirm_then(
        reissue_badge,
        back=url_for("registration_manage.registration", slug=conference.slug, registration_id=found.id),
        section="registrations",
        heading=_(
            "Issue a new badge to %(name)s (%(reference)s)?", name=found.full_name, reference=found.reference
        ),
        note=_("Do this when a badge is lost: the badge printed so far stops working at every scanner."),
        confirm_label=_("Issue a new badge"),
    )
