"""The personal agenda: bookmarks, seats and "my agenda", for logged-in users and for delegates by their link.

Who is looking: with a token in the URL (`/c/<slug>/registration/<token>/agenda…`), the registration it
opens; else the logged-in user; else a registration whose link was opened earlier in this browser. Opening
the link remembers its token in the signed session cookie, so that the public agenda's bookmark buttons work
for a delegate without an account; the token is checked again on every request (expiry and revocation
apply), and "forget" removes it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

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
    session,
)
from flask import url_for as flask_url_for
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf.csrf import generate_csrf

from conference.agenda import bookmarks, seats
from conference.agenda.bookmarks import Viewer
from conference.agenda.labels import SESSION_TYPE_LABELS, STATUS_LABELS
from conference.agenda.models import SeatBooking, SeatStatus
from conference.agenda.published import PublishedSession, published_session
from conference.agenda.seats import NotInProgramme, SeatCount, SeatProblem, SeatRefused
from conference.agenda.views import _viewer_zone, _with_zone_cookie
from conference.events.models import Conference
from conference.events.views import load_conference
from conference.i18n.views import safe_next
from conference.registration.models import Registration, RegistrationStatus
from conference.registration.tokens import InvalidLink, LinkProblem, registration_from_token

bp = Blueprint("personal_agenda", __name__)

LINKS_KEY = "agenda_links"  # {conference id: "my registration" token} in the signed session cookie
SESSION_ID = "int(max=2147483647)"
PUBLIC = "/c/<slug>/agenda/sessions/<" + SESSION_ID + ":session_id>"
BY_LINK = "/c/<slug>/registration/<token>/agenda/sessions/<" + SESSION_ID + ":session_id>"


# Who is looking


def _link_problem(problem: LinkProblem):
    status = 410 if problem == LinkProblem.EXPIRED else 404
    return make_response(render_template("registration/link_invalid.html", problem=problem), status)


def _registration_by_link(conference: Conference, token: str) -> Registration:
    try:
        registration = registration_from_token(token)
    except InvalidLink as exc:
        abort(_link_problem(exc.problem))
    if registration.conference_id != conference.id:
        abort(_link_problem(LinkProblem.BROKEN))
    return registration


def _remember(conference: Conference, token: str) -> None:
    links = dict(session.get(LINKS_KEY) or {})
    if links.get(str(conference.id)) != token:
        links[str(conference.id)] = token
        session[LINKS_KEY] = links
        session.permanent = True


def _forget(conference: Conference) -> None:
    links = dict(session.get(LINKS_KEY) or {})
    if links.pop(str(conference.id), None) is not None:
        session[LINKS_KEY] = links


def _remembered(conference: Conference) -> Registration | None:
    """The registration whose link was opened in this browser, while that link still works."""
    token = (session.get(LINKS_KEY) or {}).get(str(conference.id))
    if not isinstance(token, str):
        return None
    try:
        registration = registration_from_token(token)
    except InvalidLink:
        _forget(conference)
        return None
    return registration if registration.conference_id == conference.id else None


@dataclass
class Visitor:
    """The viewer of a personal-agenda request and the registration their seats are booked under."""

    viewer: Viewer | None
    registration: Registration | None = None  # None: no registration to book seats with
    token: str | None = None  # set when the page was opened through the link: forms post back to it
    remembered: bool = False  # a registration recognised from an earlier visit through its link


def _visitor(conference: Conference, token: str | None = None) -> Visitor:
    if token is not None:
        registration = _registration_by_link(conference, token)
        _remember(conference, token)
        return Visitor(Viewer(registration=registration), registration, token=token)
    if current_user.is_authenticated:
        registration = seats.registration_for_user(conference.id, current_user)
        return Visitor(Viewer(user_id=current_user.id), registration)
    registration = _remembered(conference)
    if registration is not None:
        return Visitor(Viewer(registration=registration), registration, remembered=True)
    return Visitor(None)


@bp.app_template_global()
def shows_my_agenda(conference: Conference) -> bool:
    """Whether the conference menu offers "My agenda": logged in, or a registration link opened here."""
    return current_user.is_authenticated or str(conference.id) in (session.get(LINKS_KEY) or {})


# What `agenda/_personal.html` reads, once per page


def _labels() -> dict[str, str]:
    """The partial's fixed words, translated once per page rather than once per session row."""
    return {
        "save": _("Save"),
        "saved": _("Saved"),
        "to_my_agenda": _("to my agenda:"),
        "log_in_to_save": _("Log in or use your registration link to save sessions"),
    }


@dataclass
class PersonalState:
    """What `agenda/_personal.html` needs, worked out once per page: every row reads it without a query.

    A public agenda of 1,000 sessions includes the partial 1,000 times, so per-row work is kept to
    lookups and string joins (URLs from a prefix, labels translated once).
    """

    conference: Conference
    visitor: Visitor
    bookmarked: frozenset[int] = frozenset()
    my_seats: dict[int, SeatBooking] = field(default_factory=dict)
    counts: dict[int, SeatCount] = field(default_factory=dict)
    login_url: str = ""
    csrf: str = ""
    labels: dict[str, str] = field(default_factory=dict)
    compact: bool = False  # agenda rows: no seat buttons
    _prefix: str = ""
    _positions: dict[int, int] | None = None
    _assets_sent: bool = False

    @property
    def signed_in(self) -> bool:
        return self.visitor.viewer is not None

    def action(self, session_id: int, what: str) -> str:
        """The URL a row's form posts to: "bookmark", "seat" or "seat/cancel" (through the link, if any)."""
        return f"{self._prefix}{session_id}/{what}"

    @property
    def can_book(self) -> bool:
        registration = self.visitor.registration
        return registration is not None and registration.status == RegistrationStatus.CONFIRMED

    def seat_status(self, session_id: int) -> SeatStatus | None:
        booking = self.my_seats.get(session_id)
        return booking.status if booking else None

    def seats_left(self, item: PublishedSession) -> int | None:
        return seats.seats_left(item, self.counts.get(item.id))

    def waitlist_position(self, session_id: int) -> int | None:
        if self._positions is None:
            registration = self.visitor.registration
            self._positions = seats.waitlist_positions(registration.id) if registration is not None else {}
        return self._positions.get(session_id)

    def first_use(self) -> bool:
        """True once per page: the partial links its stylesheet and script with the first session."""
        first, self._assets_sent = not self._assets_sent, True
        return first


def _action_prefix(conference: Conference, visitor: Visitor) -> str:
    values = {"slug": conference.slug, "session_id": 0}
    if visitor.token:
        url = flask_url_for("personal_agenda.bookmark_by_link", token=visitor.token, **values)
    else:
        url = flask_url_for("personal_agenda.bookmark", **values)
    return url.removesuffix("0/bookmark")


@bp.app_template_global()
def personal_state(conference: Conference) -> PersonalState:
    """The viewer's bookmarks and seats for the bookmark buttons on a page (a few queries, once per page)."""
    cached = g.get("personal_state")
    if cached is not None and cached.conference.id == conference.id:
        return cached
    visitor = g.get("personal_visitor") or _visitor(conference)
    state = PersonalState(
        conference,
        visitor,
        login_url=flask_url_for("accounts.login", next=_here()),
        labels=_labels(),
        compact=request.endpoint == "agenda.agenda",
        _prefix=_action_prefix(conference, visitor),
    )
    if visitor.viewer is not None:
        state.csrf = generate_csrf()
        state.bookmarked = bookmarks.bookmarked_ids(conference.id, visitor.viewer)
        if visitor.registration is not None:
            state.my_seats = seats.seats_of(visitor.registration.id)
    state.counts = seats.seat_counts(conference.id)
    g.personal_state = state
    return state


def _here() -> str:
    return request.full_path.rstrip("?")


# Pages


def _my_agenda_page(conference: Conference, visitor: Visitor):
    g.personal_visitor = visitor
    zone, remember = _viewer_zone(conference)
    view_tz = zone or conference.tz
    agenda = None
    if visitor.viewer is not None:
        agenda = bookmarks.personal_agenda(conference, visitor.viewer, visitor.registration)
    html = render_template(
        "agenda/my_agenda.html",
        agenda=agenda,
        days=bookmarks.by_day(agenda.entries, view_tz) if agenda else [],
        visitor=visitor,
        view_tz=view_tz,
        viewer_zone=zone,
        type_labels=SESSION_TYPE_LABELS,
        status_labels=STATUS_LABELS,
    )
    response = _with_zone_cookie(make_response(html), remember)
    response.headers["Cache-Control"] = "private, no-store"
    return response


@bp.get("/c/<slug>/my-agenda")
def my_agenda(slug: str):
    conference = load_conference(slug)
    return _my_agenda_page(conference, _visitor(conference))


@bp.get("/c/<slug>/registration/<token>/agenda")
def my_agenda_by_link(slug: str, token: str):
    conference = load_conference(slug)
    response = _my_agenda_page(conference, _visitor(conference, token))
    response.headers["Referrer-Policy"] = "no-referrer"  # the token is in the URL
    return response


@bp.post("/c/<slug>/my-agenda/forget")
def forget(slug: str):
    conference = load_conference(slug)
    _forget(conference)
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
    visitor = _visitor(conference, token)
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


def _book(slug: str, session_id: int, token: str | None):
    conference = load_conference(slug)
    visitor = _visitor(conference, token)
    item = published_session(conference.id, session_id) or abort(404)
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


def _cancel(slug: str, session_id: int, token: str | None):
    conference = load_conference(slug)
    visitor = _visitor(conference, token)
    item = published_session(conference.id, session_id) or abort(404)
    if visitor.viewer is None:
        return _login_needed(conference, session_id)
    registration = visitor.registration
    held = seats.seats_of(registration.id).get(session_id) if registration is not None else None
    was = held.status if held is not None else None
    cancelled = None
    if registration is not None:
        cancelled = seats.cancel_seat(conference, session_id, registration, actor_id=_actor_id())
    if cancelled is None:
        flash(_("You had no seat in “%(title)s”.", title=item.title), "info")
    elif was == SeatStatus.WAITLISTED:
        flash(_("You have left the waitlist for “%(title)s”.", title=item.title), "success")
    else:
        flash(_("Your seat in “%(title)s” is cancelled.", title=item.title), "success")
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
