"""Public frab-format schedule feeds, read only from the latest published agenda version."""

from __future__ import annotations

from flask import Blueprint, Response, abort, url_for
from sqlalchemy import select

from conference.agenda.models import AgendaVersion
from conference.agenda.published import latest_version, published_sessions
from conference.events.models import Conference
from conference.extensions import db
from conference.feeds import frab
from conference.feeds.caching import cached_response, last_modified

bp = Blueprint("frab", __name__)


def _published(slug: str) -> tuple[Conference, AgendaVersion]:
    # Feeds are fetched by apps without a login, so drafts are 404 even for their organisers.
    conference = db.session.scalar(select(Conference).where(Conference.slug == slug))
    if conference is None or not conference.is_public:
        abort(404)
    version = latest_version(conference.id)
    if version is None:
        abort(404)
    return conference, version


def _export(slug: str, kind: str, build, content_type: str) -> Response:
    conference, version = _published(slug)

    def session_url(session_id: int) -> str:
        return url_for("agenda.session", slug=conference.slug, session_id=session_id, _external=True)

    def render() -> bytes | str:
        sessions = published_sessions(conference.id)
        return build(conference, sessions, version, session_url, frab.room_order(conference.id))

    return cached_response(
        (kind, conference.id, version.number, conference.updated_at),
        last_modified(conference, version),
        render,
        content_type=content_type,
    )


@bp.get("/c/<slug>/schedule.xml")
def schedule_xml(slug: str) -> Response:
    return _export(slug, "frab-xml", frab.build_xml, "application/xml; charset=utf-8")


@bp.get("/c/<slug>/schedule.json")
def schedule_json(slug: str) -> Response:
    return _export(slug, "frab-json", frab.build_json, "application/json; charset=utf-8")
