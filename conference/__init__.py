"""Plenary: a platform for hybrid conferences."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from dotenv import load_dotenv
from flask import Flask


def create_app(test_config: dict | None = None) -> Flask:
    """Build the Flask app: configuration, extensions, blueprints, commands."""
    root = Path(__file__).resolve().parent.parent
    load_dotenv(root / ".env")
    instance_path = Path(os.environ.get("PLENARY_INSTANCE_PATH", root / "instance"))
    app = Flask(
        __name__,
        instance_path=str(instance_path),
        instance_relative_config=True,
        template_folder=str(root / "templates"),
        static_folder=str(root / "static"),
    )
    from conference import config
    from conference.core.requests import PlenaryRequest

    app.request_class = PlenaryRequest
    app.config.update(config.from_environment(instance_path))
    app.config.from_pyfile("config.py", silent=True)
    if test_config:
        app.config.update(test_config)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("alembic").setLevel(logging.WARNING)

    _init_extensions(app)
    _register_blueprints(app)

    from conference.errors import register_error_handlers
    from conference.templating import register_template_helpers

    register_error_handlers(app)
    register_template_helpers(app)
    return app


def _init_extensions(app: Flask) -> None:
    from conference import models  # noqa: F401 - every model registered before Alembic looks
    from conference.accounts.models import User
    from conference.core.compression import init_compression
    from conference.extensions import babel, cache, csrf, db, limiter, login_manager, migrate
    from conference.i18n.locale import select_locale

    db.init_app(app)
    migrate.init_app(app, db, directory=str(Path(app.root_path).parent / "migrations"))
    csrf.init_app(app)
    limiter.init_app(app)
    init_compression(app)
    cache.init_app(app)
    babel.init_app(
        app,
        locale_selector=select_locale,
        default_translation_directories=str(Path(app.root_path) / "translations"),
    )
    login_manager.init_app(app)
    login_manager.login_view = "accounts.login"
    login_manager.login_message_category = "info"

    @login_manager.user_loader
    def load_user(session_id: str) -> User | None:
        user_id = session_id.partition(":")[0]
        user = db.session.get(User, int(user_id)) if user_id.isdigit() else None
        return user if user is not None and user.matches_session_id(session_id) else None


# Each capability registers its own blueprints, commands and template helpers; the order is the layer order,
# lowest first (docs/ARCHITECTURE.md).
CAPABILITIES = (
    "i18n",
    "media",
    "jobs",
    "mail",
    "accounts",
    "events",
    "speakers",
    "agenda",
    "registration",
    "payments",
    "badges",
    "streaming",
    "checkin",
    "personal",
    "certificates",
    "feeds",
    "demo",
)


def _register_blueprints(app: Flask) -> None:
    from importlib import import_module

    from conference.core import converters

    converters.init_app(app)  # before any blueprint: their routes use <id:…>
    for name in CAPABILITIES:
        import_module(f"conference.{name}").init_app(app)
