from __future__ import annotations

from flask import Blueprint

bp = Blueprint("speakers", __name__)


@bp.get("/c/<slug>/speakers/")
def speakers(slug: str):
    return slug
