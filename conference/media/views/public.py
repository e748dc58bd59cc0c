from __future__ import annotations

from flask import Blueprint, current_app, send_from_directory

bp = Blueprint("media", __name__)


@bp.get("/media/<name>")
def image(name: str):
    # send_from_directory refuses paths outside the folder; names are random, so a long cache is safe.
    return send_from_directory(current_app.config["UPLOAD_FOLDER"], name, max_age=31536000)
