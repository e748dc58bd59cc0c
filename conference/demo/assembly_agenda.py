"""The APLC Founding Assembly's two-day programme (illustrative), in Seoul time."""

from __future__ import annotations

from conference.agenda.models import PersonRole, SessionType
from conference.demo.specs import RoomSpec, SessionSpec, TrackSpec

CHAIR, MODERATOR, SPEAKER, PANELIST = (
    PersonRole.CHAIR,
    PersonRole.MODERATOR,
    PersonRole.SPEAKER,
    PersonRole.PANELIST,
)

GRAND_HALL, ROOM_A, ROOM_B, SEMINAR, STUDIO, FOYER = (
    "Grand Hall",
    "Conference Room A",
    "Conference Room B",
    "Seminar Room",
    "Online Studio",
    "Foyer",
)
ROOMS = (
    RoomSpec(GRAND_HALL, 400),
    RoomSpec(ROOM_A, 80),
    RoomSpec(ROOM_B, 80),
    RoomSpec(SEMINAR, 40),
    RoomSpec(STUDIO, None, "Streamed to remote participants", online=True),
    RoomSpec(FOYER, None, "Outside the Grand Hall"),
)

PLENARY, POLICY, PRACTICE, DIGITAL = (
    "Ceremony & Plenary",
    "Policy & Governance",
    "Practice & Partnerships",
    "Digital Learning",
)
TRACKS = (
    TrackSpec(PLENARY, "#0b6e99"),
    TrackSpec(POLICY, "#7b3fa0"),
    TrackSpec(PRACTICE, "#2a7f62"),
    TrackSpec(DIGITAL, "#b34700"),
)

SECRETARIAT = "APLC Secretariat representative"
SEODAEMUN = "Representative of Seodaemun-gu"
YEONSU = "Representative of Yeonsu-gu"
KALLC = "Korean Association of Lifelong Learning Cities representative"
UIL = "UIL representative"
BANGKOK = "UNESCO Bangkok representative"
APCEIU = "UNESCO APCEIU representative"
DVV = "DVV International representative"
PASCAL = "PASCAL International Observatory representative"
BOTH = "en,ko"


def _break(title: str, day: int, start: str, end: str) -> SessionSpec:
    return SessionSpec(title, SessionType.BREAK, day, start, end, FOYER, languages=BOTH)


DAY_ONE = (
    SessionSpec(
        "Registration and welcome coffee",
        SessionType.OTHER,
        0,
        "09:00",
        "09:30",
        FOYER,
        abstract="Collect your badge at the registration desk. Online participants can join the "
        "stream from 09:30.",
        languages=BOTH,
    ),
    SessionSpec(
        "Opening ceremony",
        SessionType.OPENING,
        0,
        "09:30",
        "09:50",
        GRAND_HALL,
        PLENARY,
        abstract="The host cities, **Seodaemun-gu, Seoul** and **Yeonsu-gu, Incheon**, open the "
        "founding assembly of the Alliance for Asia-Pacific Learning Cities.",
        languages=BOTH,
        people=((SECRETARIAT, MODERATOR), (SEODAEMUN, SPEAKER), (YEONSU, SPEAKER)),
    ),
    SessionSpec(
        "Welcome addresses",
        SessionType.WELCOME,
        0,
        "09:50",
        "10:30",
        GRAND_HALL,
        PLENARY,
        abstract="Welcome addresses by the chair and the co-chair of the APLC founding committee and "
        "by the chairperson of the Korean Association of Lifelong Learning Cities.\n\n"
        "Their messages are on the [Welcome messages](/c/aplc-founding-assembly/p/welcome) page.",
        languages=BOTH,
        people=(
            (SECRETARIAT, MODERATOR),
            ("Mun Seok-jin", SPEAKER),
            ("Kwak Sang Wook", SPEAKER),
            ("Ko Nam Seok", SPEAKER),
        ),
    ),
    SessionSpec(
        "Congratulatory messages",
        SessionType.CEREMONY,
        0,
        "10:30",
        "11:00",
        GRAND_HALL,
        PLENARY,
        abstract="Congratulatory messages from the UNESCO Institute for Lifelong Learning, the UNESCO "
        "Regional Bureau for Education in Asia and the Pacific (UNESCO Bangkok) and UNESCO APCEIU.",
        languages=BOTH,
        people=(
            (SECRETARIAT, MODERATOR),
            ("David Atchoarena", SPEAKER),
            ("Shigeru Aoyagi", SPEAKER),
            ("Lim Hyun Mook", SPEAKER),
        ),
    ),
    _break("Coffee break", 0, "11:00", "11:20"),
    SessionSpec(
        "Keynote: Unlocking the potential of learning cities",
        SessionType.KEYNOTE,
        0,
        "11:20",
        "12:10",
        GRAND_HALL,
        PLENARY,
        abstract="What makes learning the driving force of a city's growth? The keynote looks at "
        "what learning cities can do together that none can do alone, from shared policies and "
        "cases to joint projects across the region.",
        languages=BOTH,
        people=(("Ko Nam Seok", CHAIR), (PASCAL, SPEAKER)),
    ),
    _break("Lunch", 0, "12:10", "13:30"),
    SessionSpec(
        "Plenary panel: Building resilient cities beyond COVID-19",
        SessionType.PANEL,
        0,
        "13:30",
        "15:00",
        GRAND_HALL,
        POLICY,
        abstract="Cities were at the frontline of the COVID-19 pandemic, and many kept their citizens "
        "learning against the odds. The panel asks what the host cities and partners learned, and "
        "what a resilient learning city keeps from the crisis:\n\n"
        "- continuity of learning when buildings close\n"
        "- essential information for health and well-being\n"
        "- joint action between cities for future threats",
        languages=BOTH,
        people=(
            ("Kwak Sang Wook", MODERATOR),
            (SEODAEMUN, PANELIST),
            (YEONSU, PANELIST),
            (DVV, PANELIST),
            (UIL, PANELIST),
        ),
    ),
    _break("Coffee break", 0, "15:00", "15:20"),
    SessionSpec(
        "Workshop: A digital archive for APLC member cities",
        SessionType.WORKSHOP,
        0,
        "15:20",
        "16:50",
        ROOM_A,
        DIGITAL,
        abstract="How should member cities share information, cases and policies online? A "
        "hands-on workshop on what a shared digital archive should hold and who keeps it up to date.",
        languages=BOTH,
        people=((KALLC, MODERATOR), (SECRETARIAT, SPEAKER)),
    ),
    SessionSpec(
        "Workshop: Global citizenship education in learning cities",
        SessionType.WORKSHOP,
        0,
        "15:20",
        "16:50",
        ROOM_B,
        PRACTICE,
        abstract="Citizenship education helps people build friendship with fellow citizens and "
        "tackle difficult tasks together. Participants compare how their cities bring global "
        "citizenship education into lifelong learning.",
        people=((APCEIU, MODERATOR), (SEODAEMUN, PANELIST)),
    ),
    SessionSpec(
        "Workshop: Adult learning and education on the road to CONFINTEA VII",
        SessionType.WORKSHOP,
        0,
        "15:20",
        "16:50",
        SEMINAR,
        POLICY,
        abstract="The 7th International Conference on Adult Education (CONFINTEA VII) takes place in "
        "Morocco in 2022. What should the learning cities of Asia and the Pacific bring to it?",
        people=((BANGKOK, MODERATOR), (UIL, SPEAKER)),
    ),
    SessionSpec(
        "Welcome reception",
        SessionType.NETWORKING,
        0,
        "18:00",
        "20:00",
        FOYER,
        abstract="Meet delegates from member cities and partner organisations.",
        languages=BOTH,
    ),
)

DAY_TWO = (
    SessionSpec("Registration", SessionType.OTHER, 1, "09:00", "09:30", FOYER, languages=BOTH),
    SessionSpec(
        "Keynote: Lifelong learning for all: SDG 4 in Asia and the Pacific",
        SessionType.KEYNOTE,
        1,
        "09:30",
        "10:20",
        GRAND_HALL,
        PLENARY,
        abstract="SDG 4 asks the world to *ensure inclusive and equitable quality education and "
        "promote lifelong learning opportunities for all*. What can city governments do towards it "
        "in light of their diversity, local context and needs?",
        languages=BOTH,
        people=(("Mun Seok-jin", CHAIR), (BANGKOK, SPEAKER)),
    ),
    _break("Coffee break", 1, "10:20", "10:40"),
    SessionSpec(
        "Plenary panel: Digital transformation and the learning city",
        SessionType.PANEL,
        1,
        "10:40",
        "12:10",
        GRAND_HALL,
        DIGITAL,
        abstract="The pandemic sped up a rapid digital transformation of society. How can learning "
        "cities use it to reach more learners without leaving anyone behind?",
        languages=BOTH,
        people=((SECRETARIAT, MODERATOR), (KALLC, PANELIST), (YEONSU, PANELIST), (PASCAL, PANELIST)),
    ),
    _break("Lunch", 1, "12:10", "13:30"),
    SessionSpec(
        "Policy dialogue: Lifelong learning at the heart of city policy",
        SessionType.PANEL,
        1,
        "13:30",
        "14:45",
        ROOM_A,
        POLICY,
        abstract="How do cities put lifelong learning at the heart of their major policies, and how "
        "do they show the results? A dialogue between host cities and UIL.",
        languages=BOTH,
        people=((SEODAEMUN, MODERATOR), (YEONSU, PANELIST), (UIL, PANELIST)),
    ),
    SessionSpec(
        "Partnership clinic: Exchanges between member cities",
        SessionType.WORKSHOP,
        1,
        "13:30",
        "14:45",
        ROOM_B,
        PRACTICE,
        abstract="Bring a project you want to share or a partner you are looking for. Partners of "
        "APLC explain how cities can cooperate across borders.",
        people=((PASCAL, MODERATOR), (DVV, SPEAKER)),
    ),
    SessionSpec(
        "Online exchange: Connecting member cities across the region",
        SessionType.WORKSHOP,
        1,
        "13:30",
        "14:45",
        STUDIO,
        DIGITAL,
        abstract="An online-only session for delegates who cannot travel: short introductions from "
        "member cities, then open discussion.",
        people=((SECRETARIAT, MODERATOR), (KALLC, SPEAKER)),
    ),
    _break("Coffee break", 1, "14:45", "15:00"),
    SessionSpec(
        "General Assembly",
        SessionType.GENERAL_ASSEMBLY,
        1,
        "15:00",
        "16:30",
        GRAND_HALL,
        PLENARY,
        abstract="The founding General Assembly of APLC. Items on the agenda:\n\n"
        "1. Opening and adoption of the agenda\n"
        "2. Adoption of the APLC charter\n"
        "3. Election of the board\n"
        "4. Work plan based on the seven major activities\n"
        "5. Any other business",
        languages=BOTH,
        people=(("Mun Seok-jin", CHAIR), ("Ko Nam Seok", SPEAKER), (SECRETARIAT, SPEAKER)),
    ),
    SessionSpec(
        "Closing ceremony",
        SessionType.CLOSING,
        1,
        "16:30",
        "17:00",
        GRAND_HALL,
        PLENARY,
        abstract="Closing remarks by the co-chair and the chair of the APLC founding committee.",
        languages=BOTH,
        people=((SECRETARIAT, MODERATOR), ("Ko Nam Seok", SPEAKER), ("Mun Seok-jin", SPEAKER)),
    ),
)

SESSIONS = DAY_ONE + DAY_TWO
