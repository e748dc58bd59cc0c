"""Styled error pages for people, JSON error bodies for API clients."""

from __future__ import annotations

from flask import Flask, render_template, request
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException


def _wants_json() -> bool:
    return request.path.startswith("/api/") or request.accept_mimetypes.best == "application/json"


def register_error_handlers(app: Flask) -> None:
    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        if request.path.startswith("/api/v1/"):
            # The public API's one error shape (see feeds/openapi.py), also for unknown paths and methods.
            return {"error": {"message": error.description, "field": None}}, error.code
        if _wants_json():
            return {"error": error.name, "message": error.description, "status": error.code}, error.code
        return render_template("errors/error.html", error=error), error.code

    @app.errorhandler(CSRFError)
    def csrf_error(error: CSRFError):
        message = _("This form has expired or was sent from elsewhere. Please go back, reload and try again.")
        return render_template("errors/error.html", error=error, message=message), 400
