"""Organiser pages for the programme: rooms, tracks and sessions."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from conference.agenda import queries, services
from conference.agenda.forms import RoomForm, SessionForm, TrackForm
from conference.agenda.models import Room, Session, Track
from conference.core.confirm import confirm_then
from conference.core.lookups import in_conference
from conference.events.access import organiser_required

bp = Blueprint("agenda_manage", __name__, url_prefix="/c/<slug>/manage")


def _orphan_note(count: int) -> str | None:
    if not count:
        return None
    return ngettext(
        "One session uses it; it will stay in the programme without it.",
        "%(num)d sessions use it; they will stay in the programme without it.",
        count,
    )


# Rooms


@bp.get("/rooms/")
@organiser_required
def rooms(conference):
    return render_template("agenda/manage/rooms.html", rooms=conference.rooms)


def _room_form(conference, room):
    form = RoomForm(obj=room)
    if form.validate_on_submit():
        services.save_room(conference, room, form.values(), user_id=current_user.id)
        flash(_("The room “%(name)s” was saved.", name=form.name.data), "success")
        return redirect(url_for(".rooms", slug=conference.slug))
    return render_template("agenda/manage/room_form.html", form=form, room=room)


@bp.route("/rooms/new", methods=["GET", "POST"])
@organiser_required
def new_room(conference):
    return _room_form(conference, None)


@bp.route("/rooms/<id:room_id>", methods=["GET", "POST"])
@organiser_required
def edit_room(conference, room_id: int):
    return _room_form(conference, in_conference(Room, conference, room_id) or abort(404))


@bp.route("/rooms/<id:room_id>/delete", methods=["GET", "POST"])
@organiser_required
def delete_room(conference, room_id: int):
    room = in_conference(Room, conference, room_id) or abort(404)

    def delete() -> str:
        services.delete_room(room, user_id=current_user.id)
        return _("The room “%(name)s” was deleted.", name=room.name)

    return confirm_then(
        delete,
        back=url_for(".rooms", slug=conference.slug),
        section="rooms",
        heading=_("Delete the room “%(name)s”?", name=room.name),
        note=lambda: _orphan_note(queries.sessions_in_room(room)),
    )


# Tracks


@bp.get("/tracks/")
@organiser_required
def tracks(conference):
    return render_template("agenda/manage/tracks.html", tracks=conference.tracks)


def _track_form(conference, track):
    form = TrackForm(obj=track)
    if form.validate_on_submit():
        services.save_track(conference, track, form.values(), user_id=current_user.id)
        flash(_("The track “%(name)s” was saved.", name=form.name.data), "success")
        return redirect(url_for(".tracks", slug=conference.slug))
    return render_template("agenda/manage/track_form.html", form=form, track=track)


@bp.route("/tracks/new", methods=["GET", "POST"])
@organiser_required
def new_track(conference):
    return _track_form(conference, None)


@bp.route("/tracks/<id:track_id>", methods=["GET", "POST"])
@organiser_required
def edit_track(conference, track_id: int):
    return _track_form(conference, in_conference(Track, conference, track_id) or abort(404))


@bp.route("/tracks/<id:track_id>/delete", methods=["GET", "POST"])
@organiser_required
def delete_track(conference, track_id: int):
    track = in_conference(Track, conference, track_id) or abort(404)

    def delete() -> str:
        services.delete_track(track, user_id=current_user.id)
        return _("The track “%(name)s” was deleted.", name=track.name)

    return confirm_then(
        delete,
        back=url_for(".tracks", slug=conference.slug),
        section="tracks",
        heading=_("Delete the track “%(name)s”?", name=track.name),
        note=lambda: _orphan_note(queries.sessions_in_track(track)),
    )


# Sessions


@bp.get("/sessions/")
@organiser_required
def sessions(conference):
    return render_template("agenda/manage/sessions.html", days=queries.sessions_by_day(conference))


def _session_form(conference, session):
    if session is None:
        initial = {"day": conference.start_date, "language_codes": [conference.default_language]}
    else:
        starts, ends = session.starts_at.astimezone(conference.tz), session.ends_at.astimezone(conference.tz)
        initial = {"day": starts.date(), "starts_at_time": starts.time(), "ends_at_time": ends.time()}
    form = SessionForm(conference, obj=session, **initial)
    if form.validate_on_submit():
        services.save_session(conference, session, form.values(), form.people_rows(), user_id=current_user.id)
        flash(_("The session “%(title)s” was saved.", title=form.title.data), "success")
        return redirect(url_for(".sessions", slug=conference.slug))
    return render_template("agenda/manage/session_form.html", form=form, session=session)


@bp.route("/sessions/new", methods=["GET", "POST"])
@organiser_required
def new_session(conference):
    return _session_form(conference, None)


@bp.route("/sessions/<id:session_id>", methods=["GET", "POST"])
@organiser_required
def edit_session(conference, session_id: int):
    return _session_form(conference, in_conference(Session, conference, session_id) or abort(404))


@bp.route("/sessions/<id:session_id>/delete", methods=["GET", "POST"])
@organiser_required
def delete_session(conference, session_id: int):
    session = in_conference(Session, conference, session_id) or abort(404)

    def delete() -> str:
        services.delete_session(session, user_id=current_user.id)
        return _("The session “%(title)s” was deleted.", title=session.title)

    return confirm_then(
        delete,
        back=url_for(".sessions", slug=conference.slug),
        section="sessions",
        heading=_("Delete the session “%(title)s”?", title=session.title),
    )
