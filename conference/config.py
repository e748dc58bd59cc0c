"""Configuration read from the environment (and optionally `.env` / `instance/config.py`)."""

from __future__ import annotations

import os
import secrets
from pathlib import Path


class ConfigError(RuntimeError):
    """Raised when the app cannot start safely with the configuration it was given."""


def normalise_database_url(url: str) -> str:
    """Make plain `postgresql://` URLs use psycopg 3, the driver we ship."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def load_secret_key(instance_path: Path, production: bool) -> str:
    """SECRET_KEY from the environment, else one generated once into instance/ (never in production)."""
    key = os.environ.get("SECRET_KEY")
    if key:
        return key
    if production:
        raise ConfigError("SECRET_KEY must be set when PLENARY_ENV=production.")
    key_file = instance_path / "secret_key"
    if key_file.exists():
        return key_file.read_text().strip()
    instance_path.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(48)
    key_file.write_text(key)
    key_file.chmod(0o600)
    return key


def from_environment(instance_path: Path) -> dict:
    """Every setting Plenary reads, with its default."""
    env = os.environ.get
    production = env("PLENARY_ENV", "development") == "production"
    redis_url = env("REDIS_URL") or None
    default_db = f"sqlite:///{instance_path / 'plenary.sqlite3'}"
    return {
        "PLENARY_ENV": "production" if production else "development",
        "SECRET_KEY": load_secret_key(instance_path, production),
        "SQLALCHEMY_DATABASE_URI": normalise_database_url(env("DATABASE_URL") or default_db),
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
        "REDIS_URL": redis_url,
        "RATELIMIT_STORAGE_URI": redis_url or "memory://",
        "RATELIMIT_HEADERS_ENABLED": True,
        # Feeds and exports, rendered once per published version; keys name the version, so entries
        # never go stale and only age out.
        "CACHE_TYPE": "RedisCache" if redis_url else "SimpleCache",
        "CACHE_REDIS_URL": redis_url,
        "CACHE_KEY_PREFIX": "plenary:",
        "CACHE_DEFAULT_TIMEOUT": 24 * 3600,
        "CACHE_THRESHOLD": 2000,
        "FEED_MAX_AGE": int(env("FEED_MAX_AGE", "300")),
        "LOGIN_RATE_LIMIT": env("LOGIN_RATE_LIMIT", "10 per minute"),
        # Per address: enough for a delegation's laptop at the venue, not for a script making accounts.
        "SIGNUP_RATE_LIMIT": env("SIGNUP_RATE_LIMIT", "10 per hour"),
        "BASE_URL": (env("BASE_URL") or "http://127.0.0.1:5000").rstrip("/"),
        "STRIPE_SECRET_KEY": env("STRIPE_SECRET_KEY") or None,
        "STRIPE_PUBLISHABLE_KEY": env("STRIPE_PUBLISHABLE_KEY") or None,
        "STRIPE_WEBHOOK_SECRET": env("STRIPE_WEBHOOK_SECRET") or None,
        "STRIPE_API_BASE": env("STRIPE_API_BASE") or None,
        # Stripe.js must come from Stripe itself in production; tests point it at the local fake.
        "STRIPE_JS_URL": env("STRIPE_JS_URL", "https://js.stripe.com/v3/"),
        # Webhook events older than this are refused as replays (Stripe's own default tolerance).
        "STRIPE_WEBHOOK_TOLERANCE": int(env("STRIPE_WEBHOOK_TOLERANCE", "300")),
        # "My registration" links sent by e-mail stay valid this long.
        "REGISTRATION_LINK_MAX_AGE": int(env("REGISTRATION_LINK_MAX_AGE", str(400 * 24 * 3600))),
        "MAIL_SERVER": env("MAIL_SERVER") or None,
        "MAIL_PORT": int(env("MAIL_PORT", "587")),
        "MAIL_USERNAME": env("MAIL_USERNAME") or None,
        "MAIL_PASSWORD": env("MAIL_PASSWORD") or None,
        "MAIL_USE_TLS": env("MAIL_USE_TLS", "true").lower() in ("1", "true", "yes"),
        "MAIL_DEFAULT_SENDER": env("MAIL_DEFAULT_SENDER", "Plenary <no-reply@plenary.local>"),
        # A message that SMTP refuses is tried again after 1, 4, 16, 64 minutes, then left FAILED.
        "MAIL_MAX_ATTEMPTS": int(env("MAIL_MAX_ATTEMPTS", "5")),
        "MAIL_RETRY_SECONDS": float(env("MAIL_RETRY_SECONDS", "60")),
        "JOBS_EAGER": False,
        "UPLOAD_FOLDER": str(instance_path / "uploads"),
        "MAX_CONTENT_LENGTH": 8 * 1024 * 1024,
        "PASSWORD_RESET_MAX_AGE": 3600,
        "BABEL_DEFAULT_LOCALE": "en",
        "BABEL_DEFAULT_TIMEZONE": "UTC",
        "LANGUAGES": {"en": "English", "ko": "한국어"},
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": production,
        "REMEMBER_COOKIE_SECURE": production,
        "WTF_CSRF_TIME_LIMIT": None,
    }
