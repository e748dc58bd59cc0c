"""An upcoming APLC forum, dated relative to the day the demo is seeded, to try registration and check-in."""

from __future__ import annotations

from datetime import date, timedelta

from conference.agenda.models import PersonRole, SessionType
from conference.demo.specs import (
    ConferenceSpec,
    PageSpec,
    PersonSpec,
    RoomSpec,
    SessionSpec,
    TrackSpec,
    unwrap,
)
from conference.events.models import ConferenceFormat, ConferenceStatus

SLUG = "aplc-forum"
DAYS_AHEAD = 45
ROLE_NOTE = "A role in the demo programme, not a named individual."

MAIN_HALL, WORKSHOP_1, WORKSHOP_2, STUDIO, FOYER = (
    "Main Hall",
    "Workshop Room 1",
    "Workshop Room 2",
    "Online Studio",
    "Foyer",
)
PLENARY, WORKSHOPS = "Plenary", "Workshops"
SECRETARIAT = "APLC Secretariat representative"
SEODAEMUN = "Representative of Seodaemun-gu"
YEONSU = "Representative of Yeonsu-gu"
MEMBER_CITY = "Member city representative"

PEOPLE = (
    PersonSpec(
        SECRETARIAT,
        organisation="APLC Secretariat",
        city="Seoul",
        country="KR",
        bio=f"Speaks for the APLC secretariat and moderates the plenary sessions. {ROLE_NOTE}",
    ),
    PersonSpec(
        SEODAEMUN,
        organisation="Seodaemun-gu Office",
        city="Seoul",
        country="KR",
        bio=f"Speaks for Seodaemun-gu, Seoul, a founding member city of APLC. {ROLE_NOTE}",
    ),
    PersonSpec(
        YEONSU,
        organisation="Yeonsu-gu Office",
        city="Incheon",
        country="KR",
        bio=f"Speaks for Yeonsu-gu, Incheon, a founding member city of APLC. {ROLE_NOTE}",
    ),
    PersonSpec(
        MEMBER_CITY,
        organisation="APLC member city",
        bio=f"Speaks for one of the alliance's member cities across Asia and the Pacific. {ROLE_NOTE}",
    ),
)

SESSIONS = (
    SessionSpec("Registration", SessionType.OTHER, 0, "09:00", "09:30", FOYER, languages="en,ko"),
    SessionSpec(
        "Opening plenary: Learning cities in Asia and the Pacific",
        SessionType.OPENING,
        0,
        "09:30",
        "10:30",
        MAIN_HALL,
        PLENARY,
        abstract="Member cities report on what they have built since the founding assembly.",
        languages="en,ko",
        people=((SECRETARIAT, PersonRole.MODERATOR), (SEODAEMUN, PersonRole.SPEAKER)),
    ),
    SessionSpec(
        "Panel: Learning for climate action in cities",
        SessionType.PANEL,
        0,
        "10:45",
        "12:15",
        MAIN_HALL,
        PLENARY,
        abstract="How can lifelong learning help citizens act on climate change, locally and together?",
        languages="en,ko",
        people=(
            (SECRETARIAT, PersonRole.MODERATOR),
            (YEONSU, PersonRole.PANELIST),
            (MEMBER_CITY, PersonRole.PANELIST),
        ),
    ),
    SessionSpec("Lunch", SessionType.BREAK, 0, "12:15", "13:30", FOYER),
    SessionSpec(
        "Workshop: Measuring progress as a learning city",
        SessionType.WORKSHOP,
        0,
        "13:30",
        "15:00",
        WORKSHOP_1,
        WORKSHOPS,
        abstract="Which indicators tell a city that its learning policies work? Bring your own.",
        people=((YEONSU, PersonRole.SPEAKER),),
    ),
    SessionSpec(
        "Workshop: Reaching learners who are not online",
        SessionType.WORKSHOP,
        0,
        "13:30",
        "15:00",
        WORKSHOP_2,
        WORKSHOPS,
        abstract="Libraries, community centres and outreach: keeping learning open to everyone.",
        people=((MEMBER_CITY, PersonRole.SPEAKER),),
    ),
    SessionSpec(
        "Online exchange: City-to-city partnerships",
        SessionType.WORKSHOP,
        1,
        "09:30",
        "11:00",
        STUDIO,
        WORKSHOPS,
        abstract="An online session for member cities looking for partners for joint projects.",
        people=((SECRETARIAT, PersonRole.MODERATOR), (MEMBER_CITY, PersonRole.SPEAKER)),
    ),
    SessionSpec(
        "Closing plenary and next steps",
        SessionType.CLOSING,
        1,
        "11:15",
        "12:15",
        MAIN_HALL,
        PLENARY,
        abstract="What the forum agreed on, and the alliance's plans for the coming year.",
        languages="en,ko",
        people=((SECRETARIAT, PersonRole.MODERATOR), (SEODAEMUN, PersonRole.SPEAKER)),
    ),
)

DEMO_NOTE = "*Demonstration content for Plenary: this forum, its dates and its programme are illustrative.*"
DESCRIPTION = unwrap(f"""\
The APLC Learning Cities Forum brings the alliance's member cities together for two days of plenary
sessions, workshops and online exchange, in Seoul and online.

{DEMO_NOTE}
""")
ABOUT_PAGE = unwrap(f"""\
## Taking part

Register on this site to take part in person or online. Plenary sessions are held in English and
Korean; workshops are in English. The online exchange on the second day is open to online
participants only.

## Times

All times in the programme are Korea Standard Time (Asia/Seoul, UTC+09:00).

{DEMO_NOTE}
""")


def upcoming_forum(today: date) -> ConferenceSpec:
    """A two-day hybrid forum starting `DAYS_AHEAD` days after `today`."""
    start = today + timedelta(days=DAYS_AHEAD)
    return ConferenceSpec(
        values={
            "slug": SLUG,
            "title": f"APLC Learning Cities Forum {start.year}",
            "short_name": f"APLC Forum {start.year}",
            "theme": "Learning together: cities, citizens and the Sustainable Development Goals",
            "description": DESCRIPTION,
            "timezone": "Asia/Seoul",
            "start_date": start,
            "end_date": start + timedelta(days=1),
            "venue_name": "Venue to be announced",
            "venue_city": "Seoul",
            "venue_country": "KR",
            "format": ConferenceFormat.HYBRID,
            "status": ConferenceStatus.PUBLISHED,
            "contact_email": "forum@aplc.example",
            "primary_colour": "#2a7f62",
            "default_language": "en",
        },
        people=PEOPLE,
        pages=(PageSpec("about", "About the forum", ABOUT_PAGE),),
        rooms=(
            RoomSpec(MAIN_HALL, 300),
            RoomSpec(WORKSHOP_1, 60),
            RoomSpec(WORKSHOP_2, 60),
            RoomSpec(STUDIO, None, "Streamed to remote participants", online=True),
            RoomSpec(FOYER, None),
        ),
        tracks=(TrackSpec(PLENARY, "#0b6e99"), TrackSpec(WORKSHOPS, "#2a7f62")),
        sessions=SESSIONS,
    )
