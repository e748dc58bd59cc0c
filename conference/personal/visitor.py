"""Who is looking at the personal agenda, and what its controls on every row read once per page.

Who is looking: with a token in the URL (`/c/<slug>/registration/<token>/agenda…`), the registration it
opens; else the logged-in user; else a registration whose link was opened earlier in this browser. Opening
the link remembers its token in the signed session cookie, so that the public agenda's bookmark buttons work
for a delegate without an account; the token is checked again on every request (expiry and revocation
apply), and "forget" removes it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from flask import g, request, session
from flask import url_for as flask_url_for
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf.csrf import generate_csrf

from conference.agenda.published import PublishedSession
from conference.core.signing import InvalidLink
from conference.events.models import Conference
from conference.personal import bookmarks, seats
from conference.personal.bookmarks import Viewer
from conference.personal.models import SeatBooking, SeatStatus
from conference.personal.seats import SeatCount
from conference.registration.links.opened import registration_for_link
from conference.registration.links.tokens import registration_from_token
from conference.registration.models import Registration, RegistrationStatus
from conference.registration.queries import registration_for_user

LINKS_KEY = "agenda_links"  # {conference id: "my registration" token} in the signed session cookie

# Who is looking


def _remember(conference: Conference, token: str) -> None:
    links = dict(session.get(LINKS_KEY) or {})
    if links.get(str(conference.id)) != token:
        links[str(conference.id)] = token
        session[LINKS_KEY] = links
        session.permanent = True


def forget_link(conference: Conference) -> None:
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
        forget_link(conference)
        return None
    return registration if registration.conference_id == conference.id else None


@dataclass
class Visitor:
    """The viewer of a personal-agenda request and the registration their seats are booked under."""

    viewer: Viewer | None
    registration: Registration | None = None  # None: no registration to book seats with
    token: str | None = None  # set when the page was opened through the link: forms post back to it
    remembered: bool = False  # a registration recognised from an earlier visit through its link


def visitor_for(conference: Conference, token: str | None = None) -> Visitor:
    if token is not None:
        registration = registration_for_link(conference, token)
        _remember(conference, token)
        return Visitor(Viewer(registration=registration), registration, token=token)
    if current_user.is_authenticated:
        registration = registration_for_user(conference.id, current_user)
        return Visitor(Viewer(user_id=current_user.id), registration)
    registration = _remembered(conference)
    if registration is not None:
        return Visitor(Viewer(registration=registration), registration, remembered=True)
    return Visitor(None)


def shows_my_agenda(conference: Conference) -> bool:
    """Whether the conference menu offers "My agenda": logged in, or a registration link opened here."""
    return current_user.is_authenticated or str(conference.id) in (session.get(LINKS_KEY) or {})


# What `personal/_session_buttons.html` reads, once per page


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
    """What `personal/_session_buttons.html` needs, worked out once per page: no row runs a query.

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


def personal_state(conference: Conference) -> PersonalState:
    """The viewer's bookmarks and seats for the bookmark buttons on a page (a few queries, once per page)."""
    cached = g.get("personal_state")
    if cached is not None and cached.conference.id == conference.id:
        return cached
    visitor = g.get("personal_visitor") or visitor_for(conference)
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
