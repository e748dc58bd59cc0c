"""The OpenAPI 3.1 description of the public API, served at /api/v1/openapi.json and checked by the tests."""

from __future__ import annotations

from copy import deepcopy

from conference.feeds.schema import DEFAULT_PER_PAGE, MAX_PER_PAGE


def _ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def _nullable(schema: dict) -> dict:
    return {"oneOf": [schema, {"type": "null"}]}


_STRING = {"type": "string"}
_ERRORS = {
    "400": {"$ref": "#/components/responses/BadRequest"},
    "404": {"$ref": "#/components/responses/NotFound"},
}
_SLUG = {"name": "slug", "in": "path", "required": True, "schema": _STRING}
_PAGING = [
    {"name": "page", "in": "query", "schema": {"type": "string"}, "description": "Page number, from 1."},
    {
        "name": "per_page",
        "in": "query",
        "schema": {"type": "string"},
        "description": f"Items a page, 1 to {MAX_PER_PAGE} (default {DEFAULT_PER_PAGE}).",
    },
]


def _json(schema: dict, description: str = "OK") -> dict:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _page_of(item: str) -> dict:
    return {
        "type": "object",
        "required": ["items", "meta", "links"],
        "properties": {
            "items": {"type": "array", "items": _ref(item)},
            "meta": _ref("PageMeta"),
            "links": _ref("PageLinks"),
        },
    }


def _list_of(item: str) -> dict:
    return {
        "type": "object",
        "required": ["items"],
        "properties": {"items": {"type": "array", "items": _ref(item)}},
    }


def _object(properties: dict, *, required: list[str] | None = None) -> dict:
    return {
        "type": "object",
        "required": required if required is not None else list(properties),
        "properties": properties,
        "additionalProperties": False,
    }


_SCHEMAS = {
    "Error": _object(
        {
            "error": _object(
                {"message": _STRING, "field": _nullable(_STRING)},
            )
        }
    ),
    "PageMeta": _object(
        {
            "page": {"type": "integer"},
            "per_page": {"type": "integer"},
            "total": {"type": "integer"},
            "pages": {"type": "integer"},
        }
    ),
    "PageLinks": _object(
        {
            "self": _STRING,
            "first": _STRING,
            "last": _STRING,
            "prev": _nullable(_STRING),
            "next": _nullable(_STRING),
        }
    ),
    "Conference": _object(
        {
            "slug": _STRING,
            "title": _STRING,
            "short_name": _STRING,
            "theme": _STRING,
            "description": {"type": "string", "description": "Markdown."},
            "timezone": {"type": "string", "description": "IANA zone, e.g. Asia/Seoul."},
            "start_date": {"type": "string", "format": "date"},
            "end_date": {"type": "string", "format": "date"},
            "status": {"type": "string", "enum": ["published", "archived"]},
            "venue": _object(
                {"name": _STRING, "address": _STRING, "city": _STRING, "country": _STRING, "map_url": _STRING}
            ),
        }
    ),
    "Room": _object(
        {
            "id": {"type": "integer"},
            "name": _STRING,
            "location": _STRING,
            "online": {"type": "boolean", "description": "A virtual room: no place at the venue."},
        }
    ),
    "Track": _object({"id": {"type": "integer"}, "name": _STRING, "colour": _STRING}),
    "SessionPerson": _object({"id": {"type": "integer"}, "name": _STRING, "role": _STRING}),
    "Session": _object(
        {
            "id": {"type": "integer"},
            "title": _STRING,
            "abstract": {"type": "string", "description": "Markdown."},
            "type": _STRING,
            "status": {"type": "string", "enum": ["published", "cancelled"]},
            "starts_at": {"type": "string", "format": "date-time", "description": "UTC."},
            "ends_at": {"type": "string", "format": "date-time", "description": "UTC."},
            "local_starts_at": {
                "type": "string",
                "format": "date-time",
                "description": "In the conference's time zone.",
            },
            "local_ends_at": {"type": "string", "format": "date-time"},
            "day": {"type": "string", "format": "date", "description": "Conference-local date."},
            "languages": {"type": "array", "items": _STRING},
            "track": _nullable(_ref("Track")),
            "room": _nullable(_ref("Room")),
            "people": {"type": "array", "items": _ref("SessionPerson")},
            "materials": {"type": "array", "items": _object({"label": _STRING, "url": _STRING})},
        }
    ),
    "Person": _object(
        {
            "id": {"type": "integer"},
            "name": _STRING,
            "local_name": _STRING,
            "position": _STRING,
            "organisation": _STRING,
            "city": _STRING,
            "country": {"type": "string", "description": "ISO 3166-1 alpha-2, or empty."},
            "bio": {"type": "string", "description": "Raw Markdown."},
            "photo_url": _nullable({"type": "string", "format": "uri"}),
        }
    ),
}
_SCHEMAS["PersonDetail"] = {
    **_SCHEMAS["Person"],
    "required": [*_SCHEMAS["Person"]["required"], "session_ids"],
    "properties": {
        **_SCHEMAS["Person"]["properties"],
        "session_ids": {"type": "array", "items": {"type": "integer"}},
    },
}

_SESSION_FILTERS = [
    {"name": "day", "in": "query", "schema": _STRING, "description": "Conference-local date, YYYY-MM-DD."},
    {"name": "track", "in": "query", "schema": _STRING, "description": "Track id."},
    {"name": "room", "in": "query", "schema": _STRING, "description": "Room id."},
    {
        "name": "changed_since",
        "in": "query",
        "schema": _STRING,
        "description": (
            "ISO 8601 date-time with a zone. Only sessions named in the changelog of an agenda version"
            " published after this moment (added or changed; removed ones are no longer listed)."
            " A moment before the first publication returns every session."
        ),
    },
]


_DOCUMENT = {
    "openapi": "3.1.0",
    "info": {
        "title": "Plenary public API",
        "version": "1.0.0",
        "description": (
            "Read-only data of published conferences and their published programme. Query parameters"
            " are validated by the server: a bad value gives 400, an unknown thing 404, both with an"
            " Error body."
        ),
    },
    "servers": [{"url": "/"}],
    "paths": {
        "/api/v1/conferences": {
            "get": {
                "summary": "Published conferences",
                "operationId": "listConferences",
                "parameters": _PAGING,
                "responses": {"200": _json(_page_of("Conference")), **_ERRORS},
            }
        },
        "/api/v1/conferences/{slug}": {
            "get": {
                "operationId": "getConference",
                "parameters": [_SLUG],
                "responses": {"200": _json(_ref("Conference")), **_ERRORS},
            }
        },
        "/api/v1/conferences/{slug}/sessions": {
            "get": {
                "summary": "Sessions of the published programme, in time order",
                "operationId": "listSessions",
                "parameters": [_SLUG, *_SESSION_FILTERS, *_PAGING],
                "responses": {"200": _json(_page_of("Session")), **_ERRORS},
            }
        },
        "/api/v1/conferences/{slug}/sessions/{session_id}": {
            "get": {
                "operationId": "getSession",
                "parameters": [
                    _SLUG,
                    {"name": "session_id", "in": "path", "required": True, "schema": _STRING},
                ],
                "responses": {"200": _json(_ref("Session")), **_ERRORS},
            }
        },
        "/api/v1/conferences/{slug}/people": {
            "get": {
                "summary": "People in the published programme, by name",
                "operationId": "listPeople",
                "parameters": [_SLUG, *_PAGING],
                "responses": {"200": _json(_page_of("Person")), **_ERRORS},
            }
        },
        "/api/v1/conferences/{slug}/people/{person_id}": {
            "get": {
                "operationId": "getPerson",
                "parameters": [
                    _SLUG,
                    {"name": "person_id", "in": "path", "required": True, "schema": _STRING},
                ],
                "responses": {"200": _json(_ref("PersonDetail")), **_ERRORS},
            }
        },
        "/api/v1/conferences/{slug}/rooms": {
            "get": {
                "summary": "Rooms used by the published programme",
                "operationId": "listRooms",
                "parameters": [_SLUG],
                "responses": {"200": _json(_list_of("Room")), **_ERRORS},
            }
        },
        "/api/v1/conferences/{slug}/tracks": {
            "get": {
                "summary": "Tracks used by the published programme",
                "operationId": "listTracks",
                "parameters": [_SLUG],
                "responses": {"200": _json(_list_of("Track")), **_ERRORS},
            }
        },
    },
    "components": {
        "schemas": _SCHEMAS,
        "responses": {
            "BadRequest": _json(_ref("Error"), "An invalid parameter value."),
            "NotFound": _json(_ref("Error"), "No such conference, session or person."),
        },
    },
}


def openapi_document() -> dict:
    """A fresh copy each call, so a caller mutating it cannot change what is served."""
    return deepcopy(_DOCUMENT)
