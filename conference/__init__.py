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


def _register_blueprints(app: Flask) -> None:
    from conference.accounts.cli import bp as accounts_cli
    from conference.accounts.views import bp as accounts
    from conference.agenda.builder_views import bp as agenda_builder
    from conference.agenda.manage import bp as agenda_manage
    from conference.agenda.personal_views import bp as personal_agenda
    from conference.agenda.publishing_views import bp as agenda_publishing
    from conference.agenda.views import bp as agenda
    from conference.badges.manage import bp as badges_manage
    from conference.badges.views import bp as badges
    from conference.checkin.api import bp as checkin_api
    from conference.checkin.manage import bp as checkin_manage
    from conference.checkin.page_views import bp as checkin_page
    from conference.checkin.pairing import bp as checkin_pairing
    from conference.demo.cli import bp as demo_cli
    from conference.events.admin import bp as events_admin
    from conference.events.manage import bp as events_manage
    from conference.events.views import bp as events
    from conference.feeds.api_views import bp as api_v1
    from conference.feeds.frab_views import bp as frab_feeds
    from conference.feeds.ical_views import bp as ical_feeds
    from conference.i18n.views import bp as i18n
    from conference.jobs.cli import bp as jobs_cli
    from conference.mail.cli import bp as mail_cli
    from conference.media.views import bp as media
    from conference.payments.manage import bp as payments_manage
    from conference.payments.views import bp as payments
    from conference.registration import (  # noqa: F401 - the modules whose pages are on the two blueprints
        manage,
        manage_setup,
        my_registration,
        views,
    )
    from conference.registration.blueprints import manage as registration_manage
    from conference.registration.blueprints import public as registration
    from conference.registration.cli import bp as registration_cli
    from conference.speakers.manage import bp as speakers_manage
    from conference.speakers.self_service import bp as speaker_self
    from conference.speakers.views import bp as speakers
    from conference.streaming.manage import bp as streaming_manage
    from conference.streaming.views import bp as streaming

    for blueprint in (
        events,
        api_v1,
        events_manage,
        events_admin,
        speakers,
        speakers_manage,
        speaker_self,
        agenda,
        agenda_manage,
        agenda_builder,
        agenda_publishing,
        personal_agenda,
        ical_feeds,
        frab_feeds,
        registration,
        registration_manage,
        badges,
        badges_manage,
        registration_cli,
        payments,
        payments_manage,
        accounts,
        accounts_cli,
        i18n,
        media,
        jobs_cli,
        mail_cli,
        demo_cli,
        streaming,
        streaming_manage,
        checkin_api,
        checkin_manage,
        checkin_pairing,
        checkin_page,
    ):
        app.register_blueprint(blueprint)
