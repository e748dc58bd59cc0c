"""The personal agenda's pages and buttons: bookmarks, seats and "my agenda", for logged-in users and for
delegates by their link (who is looking, and what the buttons read: `personal/visitor.py`)."""

from __future__ import annotations

from flask import (
    Blueprint,
    abort,
    flash,
    g,
    jsonify,
    make_response,
    redirect,
    render_template,
    request,
)
from flask import url_for as flask_url_for
from flask_babel import gettext as _
from flask_login import current_user

from conference.agenda.labels import SESSION_TYPE_LABELS, STATUS_LABELS
from conference.agenda.published import PublishedSession, published_session
from conference.agenda.time_zone import chosen_zone, with_zone_cookie
from conference.events.access import load_conference
from conference.events.models import Conference
from conference.i18n.redirects import safe_next
from conference.personal import bookmarks, seats
from conference.personal.models import SeatBooking, SeatStatus
from conference.personal.seats import NotInProgramme, SeatProblem, SeatRefused
from conference.personal.visitor import Visitor, forget_link, visitor_for
from conference.registration.models import Registration

bp = Blueprint("personal_agenda", __name__)

PUBLIC = "/c/<slug>/agenda/sessions/<id:session_id>"
BY_LINK = "/c/<slug>/registration/<token>/agenda/sessions/<id:session_id>"


# Pages


def _my_agenda_page(conference: Conference, visitor: Visitor):
    g.personal_visitor = visitor
    zone, remember = chosen_zone(conference)
    view_tz = zone or conference.tz
    agenda = None
    if visitor.viewer is not None:
        agenda = bookmarks.personal_agenda(conference, visitor.viewer, visitor.registration)
    html = render_template(
        "personal/my_agenda.html",
        agenda=agenda,
        days=bookmarks.by_day(agenda.entries, view_tz) if agenda else [],
        visitor=visitor,
        view_tz=view_tz,
        viewer_zone=zone,
        type_labels=SESSION_TYPE_LABELS,
        status_labels=STATUS_LABELS,
    )
    response = with_zone_cookie(make_response(html), remember)
    response.headers["Cache-Control"] = "private, no-store"
    return response


@bp.get("/c/<slug>/my-agenda")
def my_agenda(slug: str):
    conference = load_conference(slug)
    return _my_agenda_page(conference, visitor_for(conference))


@bp.get("/c/<slug>/registration/<token>/agenda")
def my_agenda_by_link(slug: str, token: str):
    conference = load_conference(slug)
    response = _my_agenda_page(conference, visitor_for(conference, token))
    response.headers["Referrer-Policy"] = "no-referrer"  # the token is in the URL
    return response


@bp.post("/c/<slug>/my-agenda/forget")
def forget(slug: str):
    conference = load_conference(slug)
    forget_link(conference)
    flash(_("This browser no longer opens your registration's agenda."), "info")
    return redirect(flask_url_for(".my_agenda", slug=conference.slug), 303)


# Bookmarks


def _wants_json() -> bool:
    return request.accept_mimetypes.best_match(["text/html", "application/json"]) == "application/json"


def _back(conference: Conference, session_id: int) -> str:
    default = flask_url_for("agenda.session", slug=conference.slug, session_id=session_id)
    return safe_next(request.form.get("next"), default)


def _login_needed(conference: Conference, session_id: int):
    message = _("Log in or use your registration link to save sessions.")
    if _wants_json():
        return jsonify(error=message, login_url=flask_url_for("accounts.login")), 401
    flash(message, "info")
    return redirect(flask_url_for("accounts.login", next=_back(conference, session_id)), 303)


def _bookmark(slug: str, session_id: int, token: str | None):
    conference = load_conference(slug)
    visitor = visitor_for(conference, token)
    wanted = request.form.get("bookmarked")
    if wanted not in ("1", "0"):
        abort(400, _("Say whether to save the session (bookmarked=1) or remove it (bookmarked=0)."))
    if visitor.viewer is None:
        if published_session(conference.id, session_id) is None:
            abort(404)
        return _login_needed(conference, session_id)
    try:
        bookmarked = bookmarks.set_bookmark(conference, session_id, visitor.viewer, wanted == "1")
    except NotInProgramme:
        abort(404)
    if _wants_json():
        return jsonify(session_id=session_id, bookmarked=bookmarked)
    return redirect(_back(conference, session_id), 303)


@bp.post(f"{PUBLIC}/bookmark")
def bookmark(slug: str, session_id: int):
    return _bookmark(slug, session_id, None)


@bp.post(f"{BY_LINK}/bookmark")
def bookmark_by_link(slug: str, session_id: int, token: str):
    return _bookmark(slug, session_id, token)


# Seats


def _refusal(problem: SeatProblem) -> str:
    return {
        SeatProblem.NOT_REGISTERED: _(
            "Seats are for delegates with a confirmed registration. Register for the conference, or open "
            "the link in your registration e-mail, to book one."
        ),
        SeatProblem.NO_SEAT_BOOKING: _("This session takes no seat reservations."),
        SeatProblem.SESSION_CANCELLED: _("This session has been cancelled: no more seats can be booked."),
    }[problem]


def _booked_message(booking: SeatBooking, title: str) -> str:
    if booking.status == SeatStatus.RESERVED:
        return _("Your seat in “%(title)s” is reserved.", title=title)
    position = seats.waitlist_positions(booking.registration_id).get(booking.session_id, 1)
    return _(
        "“%(title)s” is full: you are number %(position)d on the waitlist. We will e-mail you if a seat "
        "becomes free.",
        title=title,
        position=position,
    )


def _actor_id() -> int | None:
    return current_user.id if current_user.is_authenticated else None


def _seat_request(slug: str, session_id: int, token: str | None):
    """The conference, who is asking and the published session a seat button posts about."""
    conference = load_conference(slug)
    visitor = visitor_for(conference, token)
    item = published_session(conference.id, session_id) or abort(404)
    return conference, visitor, item


def _book(slug: str, session_id: int, token: str | None):
    conference, visitor, item = _seat_request(slug, session_id, token)
    if visitor.viewer is None:
        return _login_needed(conference, session_id)
    try:
        if visitor.registration is None:
            raise SeatRefused(SeatProblem.NOT_REGISTERED)
        booking = seats.book_seat(conference, session_id, visitor.registration, actor_id=_actor_id())
    except NotInProgramme:
        abort(404)
    except SeatRefused as refused:
        flash(_refusal(refused.problem), "error")
        return redirect(_back(conference, session_id), 303)
    bookmarks.set_bookmark(conference, session_id, visitor.viewer, True)  # a booked seat is in one's agenda
    flash(_booked_message(booking, item.title), "success")
    return redirect(_back(conference, session_id), 303)


def _give_up(
    conference: Conference, item: PublishedSession, registration: Registration | None
) -> tuple[str, str]:
    """Cancel the visitor's seat or waitlist place; the message (and its category) saying which it was."""
    if registration is None:
        return _("You had no seat in “%(title)s”.", title=item.title), "info"
    held = seats.seats_of(registration.id).get(item.id)
    was = held.status if held is not None else None  # read first: cancelling changes the same row
    if seats.cancel_seat(conference, item.id, registration, actor_id=_actor_id()) is None:
        return _("You had no seat in “%(title)s”.", title=item.title), "info"
    if was == SeatStatus.WAITLISTED:
        return _("You have left the waitlist for “%(title)s”.", title=item.title), "success"
    return _("Your seat in “%(title)s” is cancelled.", title=item.title), "success"


def _cancel(slug: str, session_id: int, token: str | None):
    conference, visitor, item = _seat_request(slug, session_id, token)
    if visitor.viewer is None:
        return _login_needed(conference, session_id)
    flash(*_give_up(conference, item, visitor.registration))
    return redirect(_back(conference, session_id), 303)


@bp.post(f"{PUBLIC}/seat")
def book_seat(slug: str, session_id: int):
    return _book(slug, session_id, None)


@bp.post(f"{BY_LINK}/seat")
def book_seat_by_link(slug: str, session_id: int, token: str):
    return _book(slug, session_id, token)


@bp.post(f"{PUBLIC}/seat/cancel")
def cancel_seat(slug: str, session_id: int):
    return _cancel(slug, session_id, None)


@bp.post(f"{BY_LINK}/seat/cancel")
def cancel_seat_by_link(slug: str, session_id: int, token: str):
    return _cancel(slug, session_id, token)
