"""Organiser pages for check-in: the live dashboard and the paired scanning devices."""

from __future__ import annotations

from datetime import date, timedelta

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from conference.checkin import dashboard, queries, services, tokens
from conference.checkin.chart import arrivals_chart
from conference.checkin.forms import DeviceForm
from conference.checkin.models import ScanningToken
from conference.checkin.qr import qr_svg
from conference.checkin.roster import iso
from conference.checkin.views.public import scan_page_url
from conference.core.forms import ConfirmForm
from conference.core.lookups import in_conference
from conference.core.refresh import refresh_seconds
from conference.db_types import utcnow
from conference.events.access import organiser_required
from conference.registration.manage_forms import registration_labels

bp = Blueprint("checkin_manage", __name__, url_prefix="/c/<slug>/manage/checkin")
bp.context_processor(registration_labels)

DEFAULT_REFRESH_SECONDS = 15


def _board(conference):
    try:
        day = date.fromisoformat(request.args.get("day", ""))
    except ValueError:
        day = None
    today = utcnow().astimezone(conference.tz).date()
    return dashboard.checkin_board(conference, today, day)


@bp.get("/")
@organiser_required
def checkin_dashboard(conference):
    board = _board(conference)
    return render_template(
        "checkin/manage/dashboard.html",
        board=board,
        chart=arrivals_chart(board.arrivals, conference.tz),
        result_labels=dashboard.RESULT_LABELS,
        refresh_seconds=refresh_seconds(DEFAULT_REFRESH_SECONDS),
        updated_at=utcnow(),
        scan_page_url=scan_page_url(conference.slug),
    )


@bp.get("/dashboard.json")
@organiser_required
def dashboard_data(conference):
    board = _board(conference)
    now = utcnow()
    html = render_template(
        "checkin/manage/_board.html",
        board=board,
        chart=arrivals_chart(board.arrivals, conference.tz),
        result_labels=dashboard.RESULT_LABELS,
        updated_at=now,
    )
    response = {
        "updated_at": iso(now),
        "expected": board.expected,
        "arrived": board.arrived,
        "entrance_total": board.entrance_total,
        "sessions": [{"id": s.id, "count": s.count, "capacity": s.capacity} for s in board.sessions],
        "html": html,
    }
    return response, 200, {"Cache-Control": "no-store"}


@bp.route("/devices", methods=["GET", "POST"])
@organiser_required
def devices(conference):
    form = DeviceForm()
    if form.validate_on_submit():
        token = services.create_token(
            conference,
            label=form.label.data,
            lifetime=timedelta(hours=form.lifetime.data),
            by_user_id=current_user.id,
            now=utcnow(),
        )
        flash(
            _(
                "“%(label)s” can now be paired: open this QR code with the device's camera.",
                label=token.label,
            ),
            "success",
        )
        return redirect(url_for(".device", slug=conference.slug, token_id=token.id))
    return render_template(
        "checkin/manage/devices.html", form=form, devices=queries.devices(conference), now=utcnow()
    )


@bp.get("/devices/<id:token_id>")
@organiser_required
def device(conference, token_id: int):
    token = in_conference(ScanningToken, conference, token_id) or abort(404)
    now = utcnow()
    pair_url = None
    if token.is_valid(now):
        signed = tokens.pairing_signature(token)
        pair_url = url_for("checkin_pairing.pair", slug=conference.slug, signed=signed, _external=True)
    response = render_template(
        "checkin/manage/device.html",
        token=token,
        now=now,
        pair_url=pair_url,
        qr=qr_svg(pair_url, _("QR code to pair “%(label)s”", label=token.label)) if pair_url else None,
        link_minutes=tokens.PAIRING_LINK_MAX_AGE // 60,
        form=ConfirmForm(),
    )
    # The page holds a pairing link: never kept by a shared cache.
    return response, 200, {"Cache-Control": "private, no-store"}


@bp.post("/devices/<id:token_id>/revoke")
@organiser_required
def revoke(conference, token_id: int):
    token = in_conference(ScanningToken, conference, token_id) or abort(404)
    if ConfirmForm().validate_on_submit():
        services.revoke_token(token, by_user_id=current_user.id, now=utcnow())
        flash(_("“%(label)s” can no longer scan.", label=token.label), "success")
    return redirect(url_for(".devices", slug=conference.slug))
