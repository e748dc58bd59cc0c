"""The organiser's timetable page and the JSON changes it sends (move, resize, create, edit, undo).

Every change answers with the session's block, the programme's conflicts and what Undo would do.
The undo stack (audit entry ids of this user's builder changes) lives in the signed session cookie.
"""

from __future__ import annotations

from datetime import date

from flask import Blueprint, current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user

from conference.agenda import builder, builder_changes
from conference.agenda.models import Session
from conference.audit.models import AuditEntry
from conference.core.lookups import in_conference
from conference.events.access import organiser_required

bp = Blueprint("agenda_builder", __name__, url_prefix="/c/<slug>/manage/agenda")

UNDO_DEPTH = 20


def _undo_key(conference) -> str:
    return f"builder_undo_{conference.id}"


def _push_undo(conference, entry: AuditEntry) -> None:
    stack = [*session.get(_undo_key(conference), []), entry.id][-UNDO_DEPTH:]
    session[_undo_key(conference)] = stack


def _undo_top(conference) -> AuditEntry | None:
    stack = session.get(_undo_key(conference), [])
    return builder_changes.undoable_entry(conference, stack[-1] if stack else None, current_user.id)


def _undo_json(conference) -> dict | None:
    entry = _undo_top(conference)
    if entry is None:
        return None
    target = in_conference(Session, conference, entry.object_id)
    return {"label": builder_changes.undo_label(entry, target.title if target else "")} if target else None


def _error(message: str, status: int, errors: dict | None = None, **extra):
    return {"error": message, "errors": errors or {}, **extra}, status


def _json_body() -> dict | None:
    data = request.get_json(silent=True)
    return data if isinstance(data, dict) else None


def _change_request(conference, session_id: int):
    """The session a change is for and its JSON body, or the error to answer with instead."""
    target = in_conference(Session, conference, session_id)
    if target is None:
        return None, None, _error(_("There is no such session in this conference."), 404)
    data = _json_body()
    if data is None:
        return target, None, _error(_("Send the change as a JSON object."), 400)
    return target, data, None


def _answer(conference, target, message: str, *, status: int = 200, removed_id: int | None = None):
    """The JSON every change answers with: the block (as data and HTML), conflicts, undo and a message."""
    report = builder.conflict_report(conference)
    body = {
        "message": message,
        "conflicts": [conflict.as_json() for conflict in report.conflicts],
        "conflicts_html": render_template("agenda/manage/builder/_conflicts.html", report=report),
        "undo": _undo_json(conference),
        "removed": removed_id,
        "session": None,
    }
    if target is not None:
        block = builder.block_for(conference, target, report)
        body["session"] = block.as_json() | {
            "html": render_template("agenda/manage/builder/_block.html", block=block, draggable=True)
        }
    return body, status


def _changed(conference, target, entry: AuditEntry, *, status: int = 200):
    """Remember the change for Undo, then answer with the block, the conflicts and what was done."""
    _push_undo(conference, entry)
    message = builder_changes.change_message(conference, target, entry.action)
    return _answer(conference, target, message, status=status)


def _refused(conference, target, exc: builder_changes.InvalidChange):
    """A 400 with the field messages and the session as it is, so the page puts the block back."""
    body, _status = _answer(conference, target, _("The change was not saved."))
    first = next(iter(exc.errors.values()), "")
    return body | {"error": first, "errors": exc.errors}, 400


def _publish_url(conference) -> str | None:
    # Publishing is its own blueprint (agenda_publishing): link to it when the app has it.
    if "agenda_publishing.publish" not in current_app.view_functions:
        return None
    return url_for("agenda_publishing.publish", slug=conference.slug)


@bp.get("/")
@organiser_required
def grid(conference):
    try:
        day = date.fromisoformat(request.args.get("day", ""))
    except ValueError:
        day = None
    timetable = builder.build_grid(conference, day)
    undo = _undo_top(conference)
    title = timetable.titles.get(undo.object_id) if undo else None
    return render_template(
        "agenda/manage/builder/grid.html",
        grid=timetable,
        report=timetable,
        undo_label=builder_changes.undo_label(undo, title) if undo and title is not None else "",
        publish_url=_publish_url(conference),
    )


@bp.post("/sessions/<id:session_id>/move")
@organiser_required
def move(conference, session_id: int):
    target, data, refusal = _change_request(conference, session_id)
    if refusal is not None:
        return refusal
    try:
        room = builder_changes.parse_room(conference, data.get("room_id"), required=True)
        starts_at, ends_at = builder_changes.parse_times(conference, data, target)
    except builder_changes.InvalidChange as exc:
        return _refused(conference, target, exc)
    entry = builder_changes.move_session(
        conference, target, room=room, starts_at=starts_at, ends_at=ends_at, user_id=current_user.id
    )
    return _changed(conference, target, entry)


@bp.post("/sessions/<id:session_id>/resize")
@organiser_required
def resize(conference, session_id: int):
    target, data, refusal = _change_request(conference, session_id)
    if refusal is not None:
        return refusal
    try:
        _starts_at, ends_at = builder_changes.parse_times(conference, data, target, keep_start=True)
    except builder_changes.InvalidChange as exc:
        return _refused(conference, target, exc)
    entry = builder_changes.resize_session(conference, target, ends_at=ends_at, user_id=current_user.id)
    return _changed(conference, target, entry)


@bp.post("/sessions")
@organiser_required
def create(conference):
    data = _json_body()
    if data is None:
        return _error(_("Send the change as a JSON object."), 400)
    try:
        values = builder_changes.parse_details(conference, data, None)
    except builder_changes.InvalidChange as exc:
        return _error(_("The session was not created."), 400, exc.errors)
    created, entry = builder_changes.create_session(conference, values, user_id=current_user.id)
    return _changed(conference, created, entry, status=201)


@bp.post("/sessions/<id:session_id>")
@organiser_required
def edit(conference, session_id: int):
    target, data, refusal = _change_request(conference, session_id)
    if refusal is not None:
        return refusal
    try:
        values = builder_changes.parse_details(conference, data, target)
    except builder_changes.InvalidChange as exc:
        return _refused(conference, target, exc)
    entry = builder_changes.edit_session(conference, target, values, user_id=current_user.id)
    return _changed(conference, target, entry)


@bp.post("/undo")
@organiser_required
def undo(conference):
    """Undo this user's last change on the grid; a plain form post (no JavaScript) works too."""
    wants_json = request.is_json
    stack = session.get(_undo_key(conference), [])
    entry = builder_changes.undoable_entry(conference, stack[-1] if stack else None, current_user.id)
    session[_undo_key(conference)] = stack[:-1]
    try:
        if entry is None:
            raise builder_changes.UndoRefused(_("There is nothing to undo."))
        result = builder_changes.undo_change(conference, entry, user_id=current_user.id)
    except builder_changes.UndoRefused as exc:
        if not wants_json:
            flash(str(exc), "error")
            return redirect(url_for(".grid", slug=conference.slug))
        body, _status = _answer(conference, None, str(exc))
        return body | {"error": str(exc)}, 409
    if not wants_json:
        flash(result.message, "success")
        day = (
            result.session.starts_at.astimezone(conference.tz).date().isoformat() if result.session else None
        )
        return redirect(url_for(".grid", slug=conference.slug, day=day))
    return _answer(conference, result.session, result.message, removed_id=result.removed_id)
