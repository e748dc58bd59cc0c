"""The language switcher: /lang/<code> remembers the choice and goes back to the page it was made on."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, redirect, request, session
from flask_login import current_user

from conference.i18n.redirects import safe_next
from conference.i18n.services import remember_language

bp = Blueprint("i18n", __name__)


@bp.get("/lang/<code>")
def switch_language(code: str):
    if code not in current_app.config["LANGUAGES"]:
        abort(404)
    session["lang"] = code
    session.permanent = True
    if current_user.is_authenticated:
        remember_language(current_user, code)
    return redirect(safe_next(request.args.get("next")))
