from __future__ import annotations

from flask import Blueprint

from conference.accounts.access import organiser_required

bp = Blueprint("events_manage", __name__, url_prefix="/c/<slug>/manage")


@bp.get("/")
@organiser_required
def dashboard(conference):
    return conference.title
