from __future__ import annotations

from flask import Blueprint

bp = Blueprint("events", __name__)


@bp.get("/")
def index():
    return "Plenary"


@bp.get("/c/<slug>/")
def home(slug: str):
    return slug


@bp.get("/c/<slug>/p/<page_slug>")
def page(slug: str, page_slug: str):
    return page_slug
