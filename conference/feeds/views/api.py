"""Read-only public JSON API under /api/v1/ (documented at /api/v1/openapi.json)."""

from __future__ import annotations

from collections.abc import Callable

from flask import Blueprint, Response, current_app, request, url_for
from flask_babel import gettext as _
from flask_cors import CORS
from werkzeug.exceptions import HTTPException

from conference.agenda.published import published_sessions
from conference.events.models import Conference
from conference.feeds import queries, schema
from conference.feeds.openapi import openapi_document

bp = Blueprint("api_v1", __name__, url_prefix="/api/v1")
# Public data only, so any site may read it; CORS on this blueprint alone, GET only.
CORS(bp, origins="*", send_wildcard=True, methods=["GET", "HEAD", "OPTIONS"])


@bp.after_request
def conditional(response: Response) -> Response:
    """ETag from the body and 304 on a match: clients polling for changes download nothing new."""
    if request.method in ("GET", "HEAD") and response.status_code == 200:
        response.add_etag()
        response.cache_control.public = True
        response.cache_control.max_age = current_app.config["FEED_MAX_AGE"]
        response.vary.update(("Accept-Language", "Cookie"))
        response.make_conditional(request)
    return response


@bp.errorhandler(schema.ApiError)
def api_error(error: schema.ApiError):
    return error.body(), error.status


@bp.errorhandler(HTTPException)
def http_error(error: HTTPException):
    # Same body shape as our own errors; routing 404s outside these views use conference/errors.py.
    return schema.ApiError(error.description or error.name, None, error.code or 500).body(), error.code


def _conference(slug: str) -> Conference:
    conference = queries.public_conference(slug)
    if conference is None:
        raise schema.ApiError(_("No such conference."), "slug", 404)
    return conference


def _id(raw: str, field: str, message: str) -> int:
    # Ids are taken as strings so a malformed one gets the same JSON 404 as an unknown one.
    if not raw.isdigit():
        raise schema.ApiError(message, field, 404)
    return int(raw)


def _page_url() -> Callable[[int], str]:
    args = request.args.to_dict()
    endpoint, view_args = request.endpoint, dict(request.view_args or {})
    # Path values win over a same-named query argument (?slug=…), which would otherwise clash.
    return lambda page: url_for(endpoint, **{**args, "page": page, **view_args})


def _photo_url(name: str) -> str:
    return url_for("media.image", name=name, _external=True)


@bp.get("/openapi.json")
def openapi():
    return openapi_document()


@bp.get("/conferences")
def conferences():
    paging = schema.parse_paging(request.args)
    items = [schema.conference_json(c) for c in queries.public_conferences()]
    return schema.paginate(items, paging, _page_url())


@bp.get("/conferences/<slug>")
def conference(slug: str):
    return schema.conference_json(_conference(slug))


@bp.get("/conferences/<slug>/sessions")
def sessions(slug: str):
    filters = schema.parse_session_filters(request.args)
    paging = schema.parse_paging(request.args)
    conf = _conference(slug)
    changed = queries.changed_session_ids(conf.id, filters.changed_since) if filters.changed_since else None
    selected = queries.filter_sessions(published_sessions(conf.id), filters, conf, changed)
    page = schema.paginate(selected, paging, _page_url())
    page["items"] = [schema.session_json(s, conf) for s in page["items"]]
    return page


@bp.get("/conferences/<slug>/sessions/<session_id>")
def session(slug: str, session_id: str):
    conf = _conference(slug)
    wanted = _id(session_id, "session_id", _("No such session."))
    found = next((s for s in published_sessions(conf.id) if s.id == wanted), None)
    if found is None:
        raise schema.ApiError(_("No such session."), "session_id", 404)
    return schema.session_json(found, conf)


@bp.get("/conferences/<slug>/people")
def people(slug: str):
    paging = schema.parse_paging(request.args)
    conf = _conference(slug)
    everyone = queries.published_people(conf.id, published_sessions(conf.id))
    page = schema.paginate(everyone, paging, _page_url())
    page["items"] = [schema.person_json(p, _photo_url) for p in page["items"]]
    return page


@bp.get("/conferences/<slug>/people/<person_id>")
def person(slug: str, person_id: str):
    conf = _conference(slug)
    wanted = _id(person_id, "person_id", _("No such person."))
    programme = published_sessions(conf.id)
    # Only people in the published programme are public; others are unknown here.
    if wanted not in queries.published_person_ids(programme):
        raise schema.ApiError(_("No such person."), "person_id", 404)
    found = queries.people_by_id(conf.id, [wanted]).get(wanted)
    if found is None:
        raise schema.ApiError(_("No such person."), "person_id", 404)
    body = schema.person_json(found, _photo_url)
    body["session_ids"] = [s.id for s in programme if wanted in s.person_ids]
    return body


@bp.get("/conferences/<slug>/rooms")
def rooms(slug: str):
    conf = _conference(slug)
    return {"items": schema.published_rooms(published_sessions(conf.id))}


@bp.get("/conferences/<slug>/tracks")
def tracks(slug: str):
    conf = _conference(slug)
    return {"items": schema.published_tracks(published_sessions(conf.id))}
