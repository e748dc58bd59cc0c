"""A form whose upload is over MAX_CONTENT_LENGTH: the same page again, with a message at the file field.

Werkzeug refuses such a request body before any view runs (413). A blueprint with upload forms registers
`show_form_again` for that error: it runs the page's own view once more (its access checks included),
and the view, seeing `upload_refused()`, builds its form from what is stored instead of from the body
it cannot read, and puts `too_large_message()` next to its file field. Nothing is saved.
"""

from __future__ import annotations

from flask import Blueprint, current_app, g, make_response, render_template, request
from flask_babel import gettext as _
from werkzeug.exceptions import HTTPException, RequestEntityTooLarge


def upload_refused() -> bool:
    return bool(g.get("upload_refused"))


def form_source() -> dict:
    """Keyword arguments for a form: read nothing from a request whose body was refused."""
    return {"formdata": None} if upload_refused() else {}


def too_large_message() -> str:
    limit = current_app.config.get("MAX_CONTENT_LENGTH") or 0
    return _(
        "The file is larger than %(mb)d MB, so nothing was saved. Choose a smaller file.",
        mb=max(1, limit // (1024 * 1024)),
    )


def show_form_again(error: RequestEntityTooLarge):
    view = current_app.view_functions.get(request.endpoint or "")
    if view is None or g.get("upload_refused"):
        return render_template("errors/error.html", error=error), 413
    g.upload_refused = True
    try:
        response = make_response(current_app.ensure_sync(view)(**(request.view_args or {})))
    except HTTPException as exc:  # the view's own refusal (log in, 403, 404) rather than the form
        return current_app.handle_http_exception(exc)
    if response.status_code == 200:
        response.status_code = 413
    return response


def refuse_oversized_uploads_on(blueprint: Blueprint) -> None:
    blueprint.register_error_handler(RequestEntityTooLarge, show_form_again)
