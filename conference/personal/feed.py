"""A delegate's personal calendar feed: their bookmarked sessions, their seats and what they speak in.

The feed lives at a secret address (a signed registration id and feed version) so calendar apps can poll
it without logging in. Re-issuing bumps the version, which makes every earlier address a 404: a
delegate who shared theirs by mistake takes it back from "my registration".
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from sqlalchemy import func, select

from conference.agenda.models import Session
from conference.agenda.published import PublishedSession, published_sessions
from conference.core.changes import note
from conference.core.signing import VersionedToken
from conference.events.models import Conference
from conference.extensions import db
from conference.personal.models import Bookmark, SeatBooking
from conference.personal.seats import HELD
from conference.registration.links.tokens import join_link
from conference.registration.models import ENDED_STATUSES, Registration
from conference.speakers.models import Person
from conference.streaming.access import has_online_access

_TOKENS = VersionedToken("plenary.personal-calendar-feed")


def feed_token(registration: Registration) -> str:
    return _TOKENS.dumps(registration.id, registration.calendar_feed_version)


def registration_for_feed(conference: Conference, token: str) -> Registration | None:
    """The live registration a feed token names, or None for a bad, re-issued or foreign token."""
    value = _TOKENS.loads(token)
    registration = db.session.get(Registration, value[0]) if value else None
    if (
        registration is None
        or registration.conference_id != conference.id
        or registration.calendar_feed_version != value[1]
        or registration.status in ENDED_STATUSES
    ):
        return None
    return registration


def reissue_feed_token(registration: Registration, *, user_id: int | None = None) -> str:
    """A new feed address for the delegate; every earlier one stops working at once."""
    before = {"calendar_feed_version": registration.calendar_feed_version}
    registration.calendar_feed_version += 1
    note(
        "registration.calendar_feed_reissued",
        registration,
        user_id=user_id,
        conference_id=registration.conference_id,
        before=before,
        after={"calendar_feed_version": registration.calendar_feed_version},
        commit=True,
    )
    return feed_token(registration)


def personal_session_ids(registration: Registration) -> frozenset[int]:
    """Bookmarked (by link or by the delegate's account), seated, and spoken in or chaired: one query."""
    conference_sessions = select(Session.id).where(Session.conference_id == registration.conference_id)
    owners = [Bookmark.registration_id == registration.id]
    if registration.user_id is not None:
        owners.append(Bookmark.user_id == registration.user_id)
    bookmarked = select(Bookmark.session_id).where(
        Bookmark.session_id.in_(conference_sessions), db.or_(*owners)
    )
    seated = select(SeatBooking.session_id).where(
        SeatBooking.registration_id == registration.id, SeatBooking.status.in_(HELD)
    )
    rows = db.session.execute(bookmarked.union(seated))
    return frozenset(row[0] for row in rows)


def _own_person_ids(registration: Registration) -> frozenset[int]:
    query = select(Person.id).where(
        Person.conference_id == registration.conference_id,
        func.lower(Person.email) == registration.email.lower(),
    )
    return frozenset(db.session.scalars(query))


def personal_sessions(registration: Registration) -> list[PublishedSession]:
    """The published sessions in the delegate's feed, in time order."""
    wanted = personal_session_ids(registration)
    people = _own_person_ids(registration)
    sessions = [
        item
        for item in published_sessions(registration.conference_id)
        if item.id in wanted or (people and item.person_ids & people)
    ]
    sessions.sort(key=lambda item: (item.starts_at, item.id))
    return sessions


@dataclass(frozen=True)
class PersonalFeed:
    """What a delegate's feed holds, for the feeds' calendar writer."""

    registration: Registration
    cache_key: tuple  # changes with the delegate's choices, so a new bookmark is a new ETag without a publish
    join_url: Callable[[int], str] | None  # online delegates' events link to Plenary's join page

    def sessions(self) -> list[PublishedSession]:
        return personal_sessions(self.registration)


def personal_feed(conference: Conference, token: str, *, base_url: str) -> PersonalFeed | None:
    """The feed a token opens, or None (unknown, re-issued and cancelled look the same)."""
    registration = registration_for_feed(conference, token)
    if registration is None:
        return None
    join_url = None
    if has_online_access(registration):  # never the provider's URL: a join link
        join_url = partial(join_link, registration, base_url=base_url)
    key = (
        "personal",
        registration.id,
        registration.email.lower(),
        tuple(sorted(personal_session_ids(registration))),
        registration.link_version,
        bool(join_url),
    )
    return PersonalFeed(registration, key, join_url)
