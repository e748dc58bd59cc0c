"""Reading the programme: the public agenda (the published programme by day and time slot, filtered) and
the organisers' lists of the working programme.

The public agenda reads the cached published sessions (`published.py`) and works in Python, so a page
costs the same few queries however large the programme is.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from itertools import groupby

from sqlalchemy import func, select
from sqlalchemy.orm import joinedload, selectinload

from conference.agenda.models import Room, Session, SessionPerson, Track
from conference.agenda.published import PublishedSession, published_session, published_sessions
from conference.events.models import Conference
from conference.extensions import db

SEARCH_MAX = 200  # characters of a search that are looked at
ALL_DAYS = "all"


class UnknownDay(LookupError):
    """The requested agenda day is not a date, or not a day of the conference."""


@dataclass
class TimeSlot:
    """Sessions starting at the same moment; `ends_at` is the latest of their ends."""

    starts_at: datetime
    ends_at: datetime
    sessions: list[PublishedSession] = field(default_factory=list)

    @property
    def ends_together(self) -> bool:
        """Whether every session ends at `ends_at` (else each shows its own time range)."""
        return all(s.ends_at == self.ends_at for s in self.sessions)


@dataclass(frozen=True)
class AgendaFilters:
    track: int | None = None
    room: int | None = None
    type: str | None = None
    language: str | None = None
    q: str = ""

    @property
    def active(self) -> bool:
        return any((self.track, self.room, self.type, self.language, self.q))

    def as_args(self) -> dict[str, str]:
        """The filters as query-string arguments (for links that keep them)."""
        values = {"track": self.track, "room": self.room, "type": self.type, "language": self.language}
        args = {key: str(value) for key, value in values.items() if value}
        if self.q:
            args["q"] = self.q
        return args


@dataclass(frozen=True)
class FilterChoices:
    """What the filters offer: only values the published programme uses."""

    tracks: list[tuple[int, str]]
    rooms: list[tuple[int, str]]
    types: list[str]
    languages: list[str]


@dataclass
class NowNext:
    now: frozenset[int] = frozenset()
    next: frozenset[int] = frozenset()


@dataclass
class DaySection:
    day: date
    slots: list[TimeSlot]


@dataclass
class AgendaPage:
    sections: list[DaySection]
    filters: AgendaFilters
    choices: FilterChoices
    highlight: NowNext
    total: int  # sessions on the days shown, before filtering
    shown: int

    @property
    def slots(self) -> list[TimeSlot]:
        return [slot for section in self.sections for slot in section.slots]


def _positive_int(value: str | None) -> int | None:
    value = (value or "").strip()
    if not value.isdigit() or len(value) > 9:
        return None
    return int(value) or None


def parse_filters(args: Mapping[str, str]) -> AgendaFilters:
    """Filters from a query string; anything malformed is ignored rather than refused."""

    def word(name: str) -> str | None:
        value = (args.get(name) or "").strip()
        return value[:40] if value and value.replace("_", "").replace("-", "").isalnum() else None

    return AgendaFilters(
        track=_positive_int(args.get("track")),
        room=_positive_int(args.get("room")),
        type=word("type"),
        language=word("language"),
        q=" ".join((args.get("q") or "").split())[:SEARCH_MAX],
    )


def _search_text(session: PublishedSession) -> str:
    people = " ".join(f"{p.display_name} {p.organisation}" for p in session.people)
    return f"{session.title}\n{session.abstract}\n{people}".casefold()


def matches(session: PublishedSession, filters: AgendaFilters) -> bool:
    if filters.track and session.track_id != filters.track:
        return False
    if filters.room and session.room_id != filters.room:
        return False
    if filters.type and session.type != filters.type:
        return False
    if filters.language and filters.language not in session.languages:
        return False
    if filters.q:
        text = _search_text(session)
        return all(term in text for term in filters.q.casefold().split())
    return True


def filter_choices(sessions: Iterable[PublishedSession]) -> FilterChoices:
    tracks: dict[int, str] = {}
    rooms: dict[int, str] = {}
    types: list[str] = []
    languages: list[str] = []
    for s in sessions:
        if s.track_id is not None:
            tracks.setdefault(s.track_id, s.track_name)
        if s.room_id is not None:
            rooms.setdefault(s.room_id, s.room_name)
        if s.type not in types:
            types.append(s.type)
        languages.extend(code for code in s.languages if code not in languages)
    return FilterChoices(
        tracks=sorted(tracks.items(), key=lambda item: item[1].casefold()),
        rooms=sorted(rooms.items(), key=lambda item: item[1].casefold()),
        types=types,
        languages=languages,
    )


def conference_days(conference: Conference) -> list[date]:
    """The conference's days (local dates), first to last."""
    span = (conference.end_date - conference.start_date).days
    return [conference.start_date + timedelta(days=n) for n in range(max(span, 0) + 1)]


def agenda_day(conference: Conference, requested: str | None, now: datetime) -> date | None:
    """The day to show: the one asked for (`YYYY-MM-DD`), else today if the conference runs, else day one.

    None for `all` (every day, as printed). Raises UnknownDay for a value that is not a date or falls
    outside the conference.
    """
    days = conference_days(conference)
    if requested == ALL_DAYS:
        return None
    if not requested:
        today = now.astimezone(conference.tz).date()
        return today if today in days else days[0]
    try:
        day = date.fromisoformat(requested.strip())
    except ValueError as error:
        raise UnknownDay(requested) from error
    if day not in days:
        raise UnknownDay(requested)
    return day


def _day_bounds(conference: Conference, day: date) -> tuple[datetime, datetime]:
    """The UTC instants at which the local day starts and the next one starts (DST-safe)."""
    tz = conference.tz
    start = datetime.combine(day, time(0), tz).astimezone(UTC)
    end = datetime.combine(day + timedelta(days=1), time(0), tz).astimezone(UTC)
    return start, end


def _slots(sessions: list[PublishedSession]) -> list[TimeSlot]:
    ordered = sorted(sessions, key=lambda s: (s.starts_at, s.ends_at, s.room_name, s.id))
    return [
        TimeSlot(starts_at=starts_at, ends_at=max(s.ends_at for s in group), sessions=group)
        for starts_at, group in ((k, list(g)) for k, g in groupby(ordered, key=lambda s: s.starts_at))
    ]


def now_and_next(conference: Conference, sessions: Iterable[PublishedSession], now: datetime) -> NowNext:
    """While the conference runs: what is on now, and what starts next today (all at that next start)."""
    today = now.astimezone(conference.tz).date()
    if today not in conference_days(conference):
        return NowNext()
    live = [s for s in sessions if not s.cancelled]
    on_now = frozenset(s.id for s in live if s.starts_at <= now < s.ends_at)
    _start, end_of_day = _day_bounds(conference, today)
    upcoming = [s for s in live if now < s.starts_at < end_of_day]
    if not upcoming:
        return NowNext(now=on_now)
    first = min(s.starts_at for s in upcoming)
    return NowNext(now=on_now, next=frozenset(s.id for s in upcoming if s.starts_at == first))


def published_agenda(
    conference: Conference, day: date, filters: AgendaFilters | None = None
) -> list[TimeSlot]:
    """The day's published and cancelled sessions that pass the filters, grouped by start time."""
    return agenda_page(conference, [day], filters or AgendaFilters(), now=None).slots


def agenda_page(
    conference: Conference, days: list[date], filters: AgendaFilters, now: datetime | None
) -> AgendaPage:
    """The public agenda for some days: filtered slots per day, the filter choices and now/next (if `now`)."""
    everything = published_sessions(conference.id)
    sections: list[DaySection] = []
    total = shown = 0
    for day in days:
        start, end = _day_bounds(conference, day)
        on_day = [s for s in everything if start <= s.starts_at < end]
        kept = [s for s in on_day if matches(s, filters)] if filters.active else on_day
        sections.append(DaySection(day, _slots(kept)))
        total, shown = total + len(on_day), shown + len(kept)
    return AgendaPage(
        sections=sections,
        filters=filters,
        choices=filter_choices(everything),
        highlight=now_and_next(conference, everything, now) if now else NowNext(),
        total=total,
        shown=shown,
    )


def language_lists(page: AgendaPage, name: Callable[[str], str]) -> dict[tuple[str, ...], str]:
    """Each distinct list of languages on the page, named once ("English, Korean"), not once per card."""
    return {
        s.languages: ", ".join(name(code) for code in s.languages)
        for slot in page.slots
        for s in slot.sessions
    }


def public_session(conference: Conference, session_id: int) -> PublishedSession | None:
    """A session of the published programme (drafts and unpublished changes: None)."""
    return published_session(conference.id, session_id)


def local_day(conference: Conference, moment: datetime) -> date:
    """The conference-local calendar day of a UTC instant."""
    return moment.astimezone(conference.tz).date()


# The working programme, for organisers


def sessions_in_room(room: Room) -> int:
    """How many sessions take place in the room (shown before deleting it)."""
    return db.session.scalar(select(func.count()).select_from(Session).where(Session.room_id == room.id))


def sessions_in_track(track: Track) -> int:
    """How many sessions belong to the track (shown before deleting it)."""
    return db.session.scalar(select(func.count()).select_from(Session).where(Session.track_id == track.id))


def sessions_by_day(conference: Conference) -> list[tuple[date, list[Session]]]:
    """Every session of the conference grouped by its day in the conference's zone, in time order."""
    sessions = db.session.scalars(
        select(Session)
        .where(Session.conference_id == conference.id)
        .order_by(Session.starts_at, Session.id)
        .options(
            joinedload(Session.track),
            joinedload(Session.room),
            selectinload(Session.people).joinedload(SessionPerson.person),
        )
    )
    days: dict[date, list[Session]] = defaultdict(list)
    for session in sessions:
        days[session.starts_at.astimezone(conference.tz).date()].append(session)
    return sorted(days.items())
