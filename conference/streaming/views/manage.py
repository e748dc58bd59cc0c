"""Organiser pages for streaming: channels per room and day, per session, recordings, the stream board."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from conference.agenda.labels import STATUS_LABELS as SESSION_STATUS_LABELS
from conference.agenda.models import Room, Session
from conference.agenda.queries import conference_days, sessions_by_day
from conference.core.confirm import confirm_then
from conference.core.forms import ConfirmForm
from conference.core.lookups import in_conference
from conference.core.refresh import refresh_seconds
from conference.db_types import utcnow
from conference.events.access import organiser_required
from conference.streaming import queries, services
from conference.streaming.board import UrlState, board_data, check_url, stream_board
from conference.streaming.forms import BulkChannelsForm, ChannelForm, RecordingsForm, StreamSettingsForm
from conference.streaming.models import StreamChannel

bp = Blueprint("streaming_manage", __name__, url_prefix="/c/<slug>/manage/streaming")
bp.context_processor(
    lambda: {"url_check": check_url, "url_states": UrlState, "session_status_labels": SESSION_STATUS_LABELS}
)

DEFAULT_REFRESH_SECONDS = 20


@bp.after_request
def _never_cached(response):
    # These pages hold streaming addresses and passcodes: no shared or browser cache keeps them.
    response.headers["Cache-Control"] = "no-store"
    return response


def _channels_page(conference, settings_form: StreamSettingsForm):
    return render_template(
        "streaming/manage/channels.html",
        rooms=conference.rooms,
        channels=queries.room_channels(conference),
        days=conference_days(conference),
        settings_form=settings_form,
    )


@bp.get("/")
@organiser_required
def channels(conference):
    return _channels_page(conference, StreamSettingsForm(obj=conference))


@bp.post("/settings")
@organiser_required
def settings(conference):
    form = StreamSettingsForm()
    if not form.validate_on_submit():
        return _channels_page(conference, form)
    services.save_settings(conference, form.stream_open_minutes.data, user_id=current_user.id)
    minutes = form.stream_open_minutes.data
    flash(_("Join buttons now open %(num)d minutes before each session.", num=minutes), "success")
    return redirect(url_for(".channels", slug=conference.slug))


def _saved_message(channel) -> None:
    flash(_("The channel “%(label)s” was saved.", label=channel.label), "success")
    if check_url(channel.url).state == UrlState.UNKNOWN_PROVIDER:
        flash(
            _("Plenary does not know this provider: delegates will get the address to open in a new tab."),
            "warning",
        )


def _back_to(conference, *, room_id: int | None = None, session_id: int | None = None) -> str:
    """The page a channel is listed on: its session's, or the channels page at its room."""
    if session_id:
        return url_for(".session_channels", slug=conference.slug, session_id=session_id)
    return url_for(".channels", slug=conference.slug) + (f"#room-{room_id}" if room_id else "")


def _channel_form(conference, channel, *, room=None, session=None):
    room = room or (channel.room if channel else None)
    session = session or (channel.session if channel else None)
    back = _back_to(conference, room_id=room.id if room else None, session_id=session.id if session else None)
    form = ChannelForm(conference_days(conference) if room else None, obj=channel)
    if form.validate_on_submit():
        channel = services.save_channel(
            conference, channel, form.values(), user_id=current_user.id, room=room, session=session
        )
        _saved_message(channel)
        return redirect(back)
    return render_template(
        "streaming/manage/channel_form.html",
        form=form,
        channel=channel,
        room=room,
        session=session,
        cancel_url=back,
    )


@bp.route("/rooms/<id:room_id>/channels/new", methods=["GET", "POST"])
@organiser_required
def new_room_channel(conference, room_id: int):
    room = in_conference(Room, conference, room_id) or abort(404)
    return _channel_form(conference, None, room=room)


@bp.route("/sessions/<id:session_id>/channels/new", methods=["GET", "POST"])
@organiser_required
def new_session_channel(conference, session_id: int):
    return _channel_form(
        conference, None, session=in_conference(Session, conference, session_id) or abort(404)
    )


def _channel_or_404(conference, channel_id: int):
    channel = in_conference(StreamChannel, conference, channel_id)
    if channel is None or (channel.room is None and channel.session is None):
        abort(404)  # also a channel left behind by a room deleted where the database does not cascade
    return channel


@bp.route("/channels/<id:channel_id>", methods=["GET", "POST"])
@organiser_required
def edit_channel(conference, channel_id: int):
    return _channel_form(conference, _channel_or_404(conference, channel_id))


@bp.route("/channels/<id:channel_id>/delete", methods=["GET", "POST"])
@organiser_required
def delete_channel(conference, channel_id: int):
    channel = _channel_or_404(conference, channel_id)
    where = channel.room.name if channel.room else channel.session.title

    def delete() -> str:
        services.delete_channel(channel, user_id=current_user.id)
        return _("The channel “%(label)s” was deleted.", label=channel.label)

    return confirm_then(
        delete,
        back=_back_to(conference, room_id=channel.room_id, session_id=channel.session_id),
        section="streaming",
        heading=_("Delete the channel “%(label)s” of “%(where)s”?", label=channel.label, where=where),
    )


@bp.route("/bulk", methods=["GET", "POST"])
@organiser_required
def bulk(conference):
    form = BulkChannelsForm(conference, conference_days(conference))
    if form.validate_on_submit():
        made = services.add_channels_in_bulk(
            conference,
            form.rooms.data,
            form.chosen_days(),
            form.channel_rows(),
            replace=form.replace.data,
            user_id=current_user.id,
        )
        flash(ngettext("One channel was added.", "%(num)d channels were added.", made), "success")
        return redirect(url_for(".channels", slug=conference.slug))
    return render_template("streaming/manage/bulk.html", form=form)


@bp.get("/sessions/")
@organiser_required
def sessions(conference):
    days = sessions_by_day(conference)
    return render_template(
        "streaming/manage/sessions.html",
        days=days,
        effective=queries.effective_channels(conference, [s for _day, group in days for s in group]),
    )


@bp.get("/sessions/<id:session_id>")
@organiser_required
def session_channels(conference, session_id: int):
    session = in_conference(Session, conference, session_id) or abort(404)
    effective = queries.effective_channels(conference, [session])[session.id]
    own = [channel for channel in effective if channel.session_id == session.id]
    return render_template(
        "streaming/manage/session.html",
        session=session,
        own=own,
        inherited=[] if own else effective,
        copy_form=ConfirmForm(),
    )


@bp.post("/sessions/<id:session_id>/copy-room-channels")
@organiser_required
def copy_room_channels(conference, session_id: int):
    session = in_conference(Session, conference, session_id) or abort(404)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    effective = queries.effective_channels(conference, [session])[session.id]
    if effective and all(channel.room_id is not None for channel in effective):
        copies = services.copy_room_channels(conference, session, effective, user_id=current_user.id)
        flash(
            ngettext(
                "The session now has its own copy of the room's channel.",
                "The session now has its own copies of the room's %(num)d channels.",
                len(copies),
            ),
            "success",
        )
    return redirect(url_for(".session_channels", slug=conference.slug, session_id=session.id))


def _recordings_page(conference, posted: tuple[int, RecordingsForm] | None = None):
    ended = queries.ended_sessions(conference, utcnow())
    effective = queries.effective_channels(conference, ended)
    forms = {
        session.id: RecordingsForm.for_session(session.id, effective[session.id], formdata=None)
        for session in ended
        if effective[session.id]
    }
    if posted:
        forms[posted[0]] = posted[1]
    return render_template(
        "streaming/manage/recordings.html", sessions=ended, effective=effective, forms=forms
    )


@bp.get("/recordings")
@organiser_required
def recordings(conference):
    return _recordings_page(conference)


@bp.post("/recordings/<id:session_id>")
@organiser_required
def save_recordings(conference, session_id: int):
    session = in_conference(Session, conference, session_id) or abort(404)
    if session not in queries.ended_sessions(conference, utcnow()):
        abort(404)  # only what the Recordings page lists
    channels = queries.effective_channels(conference, [session])[session.id]
    form = RecordingsForm.for_session(session.id, channels)
    if not form.validate_on_submit():
        return _recordings_page(conference, (session.id, form))
    changed = services.save_recordings(
        conference, session, channels, form.recordings(channels), user_id=current_user.id
    )
    if changed:
        flash(_("The recordings of “%(title)s” were saved.", title=session.title), "success")
    else:
        flash(_("Nothing changed for “%(title)s”.", title=session.title), "info")
    return redirect(url_for(".recordings", slug=conference.slug) + f"#session-{session.id}")


@bp.get("/board")
@organiser_required
def board(conference):
    return render_template(
        "streaming/manage/board.html",
        board=stream_board(conference, utcnow()),
        refresh_seconds=refresh_seconds(DEFAULT_REFRESH_SECONDS),
    )


@bp.get("/board.json")
@organiser_required
def board_json(conference):
    board = stream_board(conference, utcnow())
    html = render_template("streaming/manage/_board.html", board=board)
    return {"updated_at": board.now.isoformat(), **board_data(board), "html": html}
