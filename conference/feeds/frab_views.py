"""Public frab-format schedule feeds, read only from the latest published agenda version."""

from __future__ import annotations

from flask import Blueprint, Response, abort, url_for
from sqlalchemy import select

from conference.agenda.models import AgendaVersion
from conference.agenda.published import latest_version, published_sessions
from conference.events.models import Conference
from conference.extensions import db
from conference.feeds import frab

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


def _build_args(slug: str) -> tuple:
    conference, version = _published(slug)

    def session_url(session_id: int) -> str:
        return url_for("agenda.session", slug=conference.slug, session_id=session_id, _external=True)

    return conference, published_sessions(conference.id), version, session_url, frab.room_order(conference.id)


@bp.get("/c/<slug>/schedule.xml")
def schedule_xml(slug: str) -> Response:
    return Response(frab.build_xml(*_build_args(slug)), content_type="application/xml; charset=utf-8")


@bp.get("/c/<slug>/schedule.json")
def schedule_json(slug: str) -> Response:
    return Response(frab.build_json(*_build_args(slug)), content_type="application/json; charset=utf-8")
