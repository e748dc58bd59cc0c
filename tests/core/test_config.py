"""Configuration comes from the environment, with safe defaults for development only."""

from __future__ import annotations

import pytest

from conference import create_app
from conference.config import ConfigError, normalise_database_url


@pytest.fixture
def clean_env(monkeypatch, tmp_path):
    for name in ("SECRET_KEY", "DATABASE_URL", "REDIS_URL", "PLENARY_ENV", "BASE_URL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("PLENARY_INSTANCE_PATH", str(tmp_path / "instance"))
    return tmp_path / "instance"


def test_development_generates_a_secret_key_once_into_instance(clean_env):
    first = create_app().config["SECRET_KEY"]
    second = create_app().config["SECRET_KEY"]
    assert first == second and len(first) >= 32
    assert (clean_env / "secret_key").read_text().strip() == first
    assert (clean_env / "secret_key").stat().st_mode & 0o077 == 0


def test_production_refuses_to_start_without_a_secret_key(clean_env, monkeypatch):
    monkeypatch.setenv("PLENARY_ENV", "production")
    with pytest.raises(ConfigError, match="SECRET_KEY"):
        create_app()


def test_production_with_a_secret_key_uses_secure_cookies(clean_env, monkeypatch):
    monkeypatch.setenv("PLENARY_ENV", "production")
    monkeypatch.setenv("SECRET_KEY", "x" * 40)
    app = create_app()
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert not (clean_env / "secret_key").exists()


def test_defaults_sqlite_in_instance_memory_rate_limits(clean_env):
    app = create_app()
    assert app.config["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{clean_env / 'plenary.sqlite3'}"
    assert app.config["RATELIMIT_STORAGE_URI"] == "memory://"
    assert app.config["REDIS_URL"] is None
    assert app.config["STRIPE_SECRET_KEY"] is None


def test_environment_overrides(clean_env, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgresql://u@db.example/plenary")
    monkeypatch.setenv("REDIS_URL", "redis://cache.example:6379/0")
    monkeypatch.setenv("BASE_URL", "https://events.example.org/")
    app = create_app()
    assert app.config["SQLALCHEMY_DATABASE_URI"] == "postgresql+psycopg://u@db.example/plenary"
    assert app.config["RATELIMIT_STORAGE_URI"] == "redis://cache.example:6379/0"
    assert app.config["BASE_URL"] == "https://events.example.org"


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("postgres://a@b/c", "postgresql+psycopg://a@b/c"),
        ("postgresql://a@b/c", "postgresql+psycopg://a@b/c"),
        ("postgresql+psycopg://a@b/c", "postgresql+psycopg://a@b/c"),
        ("sqlite:///x.db", "sqlite:///x.db"),
    ],
)
def test_database_url_normalisation(given, expected):
    assert normalise_database_url(given) == expected


def test_wsgi_exposes_app(clean_env):
    import importlib

    import wsgi

    importlib.reload(wsgi)
    assert wsgi.app.name == "conference"
