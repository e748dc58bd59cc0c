from __future__ import annotations

from flask import Blueprint

bp = Blueprint("agenda", __name__)


@bp.get("/c/<slug>/agenda/")
def agenda(slug: str):
    return slug
