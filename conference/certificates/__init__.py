"""Certificates of attendance: a PDF for each delegate who checked in or joined a stream, by their link."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    """Register the certificate page and the `my_certificate_link` template global."""
    from conference.certificates.views import public

    app.register_blueprint(public.bp)
