from __future__ import annotations

from flask import Blueprint

bp = Blueprint("speakers_manage", __name__, url_prefix="/c/<slug>/manage/people")
