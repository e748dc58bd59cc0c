"""Fixtures and helpers for every test: an app on SQLite (default) or PostgreSQL (TEST_DATABASE_URL)."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from io import BytesIO
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from itsdangerous import URLSafeTimedSerializer
from sqlalchemy import event, text

from conference import create_app
from conference.accounts.models import User
from conference.config import normalise_database_url
from conference.extensions import db
from tests import factories
from tests.factories import PASSWORD

CSRF_INPUT = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def _database_url(tmp_root: Path) -> str:
    url = os.environ.get("TEST_DATABASE_URL")
    return normalise_database_url(url) if url else f"sqlite:///{tmp_root / 'test.sqlite3'}"


@pytest.fixture(scope="session")
def database_url(tmp_path_factory) -> str:
    return _database_url(tmp_path_factory.mktemp("db"))


class PlenaryTestClient(FlaskClient):
    """Each request gets its own app context (fresh `g` and DB session), as in a real server."""

    def open(self, *args, **kwargs):
        with self.application.app_context():
            response = super().open(*args, **kwargs)
        db.session.expire_all()  # the test's own session sees what the request wrote
        return response


def make_test_app(database_url: str, tmp_path: Path, **overrides):
    config = {
        "TESTING": True,
        "SECRET_KEY": "test-secret-key",
        "SQLALCHEMY_DATABASE_URI": database_url,
        "JOBS_EAGER": True,
        "UPLOAD_FOLDER": str(tmp_path / "uploads"),
        "RATELIMIT_STORAGE_URI": "memory://",
        "REDIS_URL": None,
        "CACHE_TYPE": "SimpleCache",
        "MAIL_SERVER": None,
        "BASE_URL": "http://localhost",
        "SERVER_NAME": None,
        "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",  # hashing at full strength costs ~80 ms a user
    }
    config.update(overrides)
    app = create_app(config)
    app.test_client_class = PlenaryTestClient
    return app


@pytest.fixture(scope="session")
def _schema(database_url, tmp_path_factory):
    """Build the schema once per run through the real migrations, and drop it at the end."""
    from flask_migrate import downgrade, upgrade

    app = make_test_app(database_url, tmp_path_factory.mktemp("schema"))
    with app.app_context():
        _drop_everything()
        upgrade()
    yield
    with app.app_context():
        downgrade(revision="base")
        db.engine.dispose()


def _drop_everything() -> None:
    """Leave a clean database even after an earlier run that was killed half-way."""
    db.drop_all()
    with db.engine.begin() as conn:
        conn.execute(text("DROP TABLE IF EXISTS alembic_version"))


def _empty_tables() -> None:
    tables = [t.name for t in reversed(db.metadata.sorted_tables)]
    with db.engine.begin() as conn:
        if db.engine.dialect.name == "postgresql":
            conn.execute(text(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE"))
        else:
            for name in tables:
                conn.execute(text(f"DELETE FROM {name}"))


@pytest.fixture
def app(_schema, database_url, tmp_path):
    app = make_test_app(database_url, tmp_path)
    with app.app_context():
        yield app
        db.session.remove()
        _empty_tables()
        db.engine.dispose()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


def csrf_token(client: FlaskClient, url: str | None = None) -> str:
    """A CSRF token for the client's session: the one the form at `url` carries, or with no url one minted."""
    if url is None:  # for a user who may not open any form, so has none to read it from
        with client.session_transaction() as session:
            session.setdefault("csrf_token", "test-raw-token")
            raw = session["csrf_token"]
        return URLSafeTimedSerializer(client.application.secret_key, salt="wtf-csrf-token").dumps(raw)
    page = client.get(url)
    assert page.status_code == 200, f"GET {url} -> {page.status_code}"
    match = CSRF_INPUT.search(page.get_data(as_text=True))
    assert match, f"no CSRF token on {url}"
    return match.group(1)


def submit(client, url: str, data: dict | None = None, *, form_url: str | None = None, **kwargs):
    """Post a form the way a browser does: fetch the page for its CSRF token, then send the fields."""
    fields = dict(data or {})
    fields["csrf_token"] = csrf_token(client, form_url or url)
    return client.post(url, data=fields, **kwargs)


@contextmanager
def count_queries() -> Iterator[list[str]]:
    """Record the SQL statements run inside the `with` block: len() is the count, the text shows what ran."""
    statements: list[str] = []

    def seen(_conn, _cursor, statement, *_args) -> None:
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", seen)
    try:
        yield statements
    finally:
        event.remove(db.engine, "before_cursor_execute", seen)


def manage_routes(app: Flask, prefixes: str | tuple[str, ...], ids: dict) -> list[tuple[str, str, str]]:
    """(endpoint, method, url) for each GET and POST route of the blueprints named; deletes last."""
    routes = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint.startswith(prefixes):
            url = rule.build({arg: ids[arg] for arg in rule.arguments}, append_unknown=False)[1]
            routes += [(rule.endpoint, method, url) for method in sorted(rule.methods & {"GET", "POST"})]
    return sorted(routes, key=lambda r: (r[0].split(".")[1].startswith(("delete_", "remove_")), r[0], r[1]))


def call_route(client: FlaskClient, method: str, url: str, data: dict | None = None):
    """GET the url, or POST `data` to it with a valid CSRF token, as the access tests try every route."""
    if method == "GET":
        return client.get(url)
    return client.post(url, data={"csrf_token": csrf_token(client)} | (data or {}))


class AuthActions:
    def __init__(self, client):
        self.client = client

    def login(self, email: str, password: str = PASSWORD):
        return submit(self.client, "/login", {"email": email, "password": password})

    def logout(self):
        return submit(self.client, "/logout", form_url="/")


@pytest.fixture
def auth(client):
    return AuthActions(client)


@pytest.fixture
def conference(app):
    """A published conference in Asia/Seoul with nothing in it yet."""
    return factories.make_conference()


@pytest.fixture
def organiser(app, conference):
    user = factories.make_user("organiser@example.org")
    factories.grant(user, conference, "organiser")
    return user


@pytest.fixture
def signed_in(auth: AuthActions, organiser: User) -> User:
    """The conference's organiser, logged in on the test client."""
    auth.login(organiser.email)
    return organiser


@pytest.fixture
def mina(auth: AuthActions) -> User:
    """Mina Park, a visitor with an account and no role, logged in on the test client (agenda, personal)."""
    user = factories.make_user("mina@example.org", name="Mina Park")
    auth.login(user.email)
    return user


@pytest.fixture
def png() -> Callable[..., tuple[BytesIO, str]]:
    """A small valid PNG, as the (stream, filename) pair the test client uploads."""
    return lambda name="logo.png": (BytesIO(factories.png_bytes()), name)
