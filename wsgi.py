"""WSGI entry point: `gunicorn wsgi:app`."""

from conference import create_app

app = create_app()
