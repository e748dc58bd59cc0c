"""The APLC Founding Assembly (Seoul, 2021): the conference, its people and its pages.

The six authors and their words come from the welcome messages (`welcome_messages.py`); everyone else
in the programme is a role ("Representative of Seodaemun-gu"), never an invented named person.
"""

from __future__ import annotations

from datetime import date

from conference.demo.assembly_agenda import ROOMS, SESSIONS, TRACKS
from conference.demo.specs import ConferenceSpec, PageSpec, PersonSpec, unwrap
from conference.demo.welcome_messages import MESSAGES
from conference.events.models import ConferenceFormat, ConferenceStatus

SLUG = "aplc-founding-assembly"
THEME = (
    "One Asia-Pacific Learning Cities: Building Resilient Cities beyond COVID-19 "
    "and Unlocking the Potential of Learning Cities"
)
DEMO_NOTE = (
    "*Demonstration content for Plenary. The welcome messages are quoted from the APLC about page; "
    "the programme, rooms and roles are illustrative.*"
)

DESCRIPTION = unwrap(f"""\
The founding assembly of the **Alliance for Asia-Pacific Learning Cities (APLC)**: learning cities
that see lifelong learning as the driving force of their growth and development, joining forces
under the vision of "One Asia Pacific Learning Cities".

APLC addresses learning cities in the 48 countries of the Asia-Pacific region. It works in
partnership with the UNESCO Institute for Lifelong Learning (UIL), UNESCO APCEIU, DVV International
and the PASCAL International Observatory.

The assembly is hosted by **Seodaemun-gu, Seoul** and **Yeonsu-gu, Incheon**, and was planned
jointly with the Korean Association of Lifelong Learning Cities. It meets in person at the
Seodaemun-gu Office and online.

{DEMO_NOTE}
""")

CONFERENCE_VALUES = {
    "slug": SLUG,
    "title": "APLC Founding Assembly",
    "short_name": "APLC 2021",
    "theme": THEME,
    "description": DESCRIPTION,
    "timezone": "Asia/Seoul",
    "start_date": date(2021, 10, 5),
    "end_date": date(2021, 10, 6),
    "venue_name": "Seodaemun-gu Office",
    "venue_city": "Seoul",
    "venue_country": "KR",
    "venue_map_url": "https://www.openstreetmap.org/search?query=Seodaemun-gu%20Office%2C%20Seoul",
    "format": ConferenceFormat.HYBRID,
    "status": ConferenceStatus.PUBLISHED,
    "contact_email": "secretariat@aplc.example",
    "primary_colour": "#0b6e99",
    "default_language": "en",
}

# The six authors of the welcome messages; bios retell what each of them wrote.
AUTHORS = (
    PersonSpec(
        full_name="Mun Seok-jin",
        honorific="Mr",
        local_name="문석진",
        position="Chairperson",
        organisation="APLC Founding Committee",
        country="KR",
        bio=(
            "Mun Seok-jin chaired the APLC founding committee. In his welcome message he described the "
            "alliance as a platform for the sustainable development of learning cities that treat "
            "learning as the driving force of their growth, working with UIL, UNESCO APCEIU, DVV "
            "International and the PASCAL International Observatory. He set out seven major activities "
            'under the vision of "One Asia Pacific Learning Cities" and invited member cities, present '
            "and future, to exchange information through online communication networks."
        ),
    ),
    PersonSpec(
        full_name="Kwak Sang Wook",
        honorific="Mr",
        local_name="곽상욱",
        position="Chairperson (Mayor of Osan)",
        organisation="Korean Association of Lifelong Learning Cities",
        city="Osan",
        country="KR",
        bio=(
            "Kwak Sang Wook is the chairperson of the Korean Association of Lifelong Learning Cities, "
            "which co-organised the founding conference, and Mayor of Osan. In his welcome message he "
            "pointed to the COVID-19 pandemic and rapid digital transformation as reasons for joint "
            "action between cities, and noted that APLC addresses cities in 48 Asia-Pacific countries. "
            "He hoped APLC would bring member cities closer through a digital archive and shared "
            "information, and offered the association's help in sharing global learning trends."
        ),
    ),
    PersonSpec(
        full_name="Ko Nam Seok",
        honorific="Mr",
        local_name="고남석",
        position="Co-chairperson",
        organisation="APLC Founding Committee",
        country="KR",
        bio=(
            "Ko Nam Seok co-chaired the APLC founding committee. In his welcome message he argued that "
            "COVID-19 had made uncertainty a problem of the entire human race, and that lifelong "
            "learning should be at the heart of the major policies of every city, region and country "
            "in the Asia-Pacific. He recalled the region's network-building from Hangzhou in 2016 to "
            'the "Yeonsu declaration" of 2020, and called APLC the starting point for "One '
            'Asia-Pacific Learning Cities" in the New Normal era.'
        ),
    ),
    PersonSpec(
        full_name="David Atchoarena",
        honorific="Dr",
        position="Director",
        organisation="UNESCO Institute for Lifelong Learning",
        city="Hamburg",
        country="DE",
        bio=(
            "David Atchoarena is Director of the UNESCO Institute for Lifelong Learning (UIL). In his "
            "congratulatory message he noted that more than half of humanity lives in cities, which "
            "are key players for the Sustainable Development Goals, including SDG 4 on education. He "
            "described cities at the frontline of the COVID-19 pandemic using lifelong learning to keep "
            "their citizens learning, and looked forward to APLC's cooperation with the UNESCO Global "
            "Network of Learning Cities (GNLC)."
        ),
    ),
    PersonSpec(
        full_name="Shigeru Aoyagi",
        honorific="Mr",
        position="Director",
        organisation="UNESCO Regional Bureau for Education in Asia and the Pacific",
        city="Bangkok",
        country="TH",
        bio=(
            "Shigeru Aoyagi is Director of the UNESCO Regional Bureau for Education in Asia and the "
            "Pacific. In his congratulatory message he called the assembly's theme timely and "
            "appreciated the leadership of the Republic of Korea and its 50 learning cities in the "
            "GNLC. He linked APLC to the road to CONFINTEA VII in Morocco in 2022 and to SDG 4, and "
            "stressed the leadership of city governments in promoting lifelong learning."
        ),
    ),
    PersonSpec(
        full_name="Lim Hyun Mook",
        honorific="Dr",
        local_name="임현묵",
        position="Director",
        organisation="UNESCO APCEIU",
        city="Seoul",
        country="KR",
        bio=(
            "Lim Hyun Mook is Director of APCEIU, the Asia-Pacific Center of Education for "
            "International Understanding under the Auspices of UNESCO, which has promoted education "
            "for international understanding and global citizenship for 20 years. In his "
            "congratulatory message he argued that the COVID-19 crisis has made global citizenship "
            "education more important, as global cooperation is its manifestation. He hoped the "
            "assembly would facilitate collaboration among UIL, UNESCO Bangkok and UNESCO APCEIU."
        ),
    ),
)

ROLE_NOTE = "A role in the demo programme, not a named individual."


def _role(full_name: str, organisation: str, about: str, city: str = "", country: str = "") -> PersonSpec:
    return PersonSpec(
        full_name=full_name,
        organisation=organisation,
        city=city,
        country=country,
        bio=f"{about} {ROLE_NOTE}",
    )


# Chairs, moderators and panelists the programme needs, named by the role they speak for.
ROLE_PEOPLE = (
    _role(
        "APLC Secretariat representative",
        "APLC Founding Committee",
        "Speaks for the secretariat of the APLC founding committee and moderates the ceremonies.",
        "Seoul",
        "KR",
    ),
    _role(
        "Representative of Seodaemun-gu",
        "Seodaemun-gu Office",
        "Speaks for Seodaemun-gu, Seoul, one of the two host cities of the founding assembly.",
        "Seoul",
        "KR",
    ),
    _role(
        "Representative of Yeonsu-gu",
        "Yeonsu-gu Office",
        "Speaks for Yeonsu-gu, Incheon, one of the two host cities of the founding assembly.",
        "Incheon",
        "KR",
    ),
    _role(
        "Korean Association of Lifelong Learning Cities representative",
        "Korean Association of Lifelong Learning Cities",
        "Speaks for the association that co-organised the founding conference.",
        country="KR",
    ),
    _role(
        "UIL representative",
        "UNESCO Institute for Lifelong Learning",
        "Speaks for UIL and the UNESCO Global Network of Learning Cities.",
        "Hamburg",
        "DE",
    ),
    _role(
        "UNESCO Bangkok representative",
        "UNESCO Regional Bureau for Education in Asia and the Pacific",
        "Speaks for UNESCO's regional education bureau on SDG 4 and adult learning.",
        "Bangkok",
        "TH",
    ),
    _role(
        "UNESCO APCEIU representative",
        "UNESCO APCEIU",
        "Speaks for APCEIU on global citizenship education.",
        "Seoul",
        "KR",
    ),
    _role(
        "DVV International representative",
        "DVV International",
        "Speaks for the Institute for International Cooperation of the German Adult Education "
        "Association, a partner of APLC.",
        "Bonn",
        "DE",
    ),
    _role(
        "PASCAL International Observatory representative",
        "PASCAL International Observatory",
        "Speaks for PASCAL (Place and Social Capital and Learning), a partner of APLC.",
    ),
)


def _welcome_page() -> str:
    sections = [
        "Six messages of welcome and congratulation were written for the founding assembly of the "
        "Alliance for Asia-Pacific Learning Cities (APLC). They are quoted here as published on the "
        "APLC about page."
    ]
    for message in MESSAGES:
        sections.append(f"## {message.author} — {message.role}")
        sections.append(unwrap(message.text).rstrip())
        sections.append(f"*{message.signed} ({message.role})*")
    return "\n\n".join(sections) + "\n"


def seven_activities() -> list[str]:
    """The seven major activities, as listed in Mun Seok-jin's message ("First, …;" → "…")."""
    items = [line[2:] for line in unwrap(MESSAGES[0].text).splitlines() if line.startswith("- ")]
    activities = [item.split(", ", 1)[1].rstrip(";") for item in items]
    return [activity[0].upper() + activity[1:] for activity in activities]


def _about_page() -> str:
    activities = "\n".join(f"{n}. {activity}." for n, activity in enumerate(seven_activities(), 1))
    return unwrap(f"""\
**"One Asia Pacific Learning Cities"** is the vision of the Alliance for Asia-Pacific Learning Cities
(APLC): a platform for the sustainable development of learning cities that see learning as the
driving force of their growth and development.

## Who takes part

APLC addresses learning cities in the 48 countries of the Asia-Pacific region. Its founding
conference was planned jointly by Seodaemun-gu (Seoul), Yeonsu-gu (Incheon) and the Korean
Association of Lifelong Learning Cities, with the APLC founding committee.

## Partners

- UNESCO Institute for Lifelong Learning (UIL)
- UNESCO APCEIU (Asia-Pacific Center of Education for International Understanding under the
  Auspices of UNESCO)
- DVV International (Institute for International Cooperation of the German Adult Education
  Association)
- PASCAL International Observatory (Place and Social Capital and Learning)

## Seven major activities

As set out by Mun Seok-jin, chair of the APLC founding committee, in his welcome message:

{activities}

APLC aims to create action plans and master plans, including mid- to long-term development plans,
with the active cooperation of its member cities and of future members, and to exchange information
and opinions in real time through online communication networks.

## How it began

The learning cities of the region built their network step by step: the Asia-Pacific Conference in
Hangzhou, China in 2016, the Asia-Pacific Conference in 2017, a GNLC symposium in Yeonsu, Korea in
2019, and the "Yeonsu declaration" of the Asia Pacific GNLC Network Conference in 2020, which asked
for policy dialogue, interconnection, partnership creation and competency development among the
cities of the region.

{DEMO_NOTE}
""")


VENUE_PAGE = unwrap(f"""\
The in-person programme takes place at the **Seodaemun-gu Office** in Seoul, Republic of Korea;
Yeonsu-gu, Incheon is the co-host city. The assembly is hybrid: plenary sessions are streamed for
online participants, and the Online Studio runs sessions for people joining from afar.

All times in the programme are Korea Standard Time (Asia/Seoul, UTC+09:00). Plenary sessions are
held in English and Korean.

## Rooms

- **Grand Hall** (400 seats): opening, plenary sessions, the General Assembly and the closing
- **Conference Room A** and **Conference Room B** (80 seats each): parallel workshops
- **Seminar Room** (40 seats): small-group workshops
- **Online Studio**: online sessions and the live stream
- **Foyer**: registration, breaks and the welcome reception

## Getting around

Seoul has an extensive subway and bus network, and rechargeable transport cards such as T-money
work on both. Plan your route to the Seodaemun-gu Office with a map service before you set out.

## Accessibility

If you need step-free access, a quiet space or any other arrangement to take part, write to the
secretariat before the assembly so that it can be prepared.

{DEMO_NOTE}
""")

TRAVEL_PAGE = unwrap("""\
## Arriving by air

Seoul is served by two international airports: **Incheon International Airport (ICN)**, the main
international gateway, and **Gimpo International Airport (GMP)**, closer to the city centre. The
Airport Railroad (AREX) links both airports with Seoul Station; airport buses and taxis also run
into the city.

## Visa and entry

Entry requirements for the Republic of Korea depend on your nationality and change from time to
time: some travellers need a visa, others a Korea Electronic Travel Authorization (K-ETA). Check the
official sources well before you book:

- the Korea Visa Portal: <https://www.visa.go.kr>
- the K-ETA website: <https://www.k-eta.go.kr>
- the embassy or consulate of the Republic of Korea in your country

If your visa application needs a letter of invitation, ask the secretariat in good time.

## Time and money

Korea keeps Korea Standard Time (UTC+09:00) all year, without daylight saving time. The currency is
the Korean won (KRW).
""")


def founding_assembly() -> ConferenceSpec:
    """Everything the demo's past conference holds."""
    return ConferenceSpec(
        values=CONFERENCE_VALUES,
        people=AUTHORS + ROLE_PEOPLE,
        pages=(
            PageSpec("welcome", "Welcome messages", _welcome_page()),
            PageSpec("about", "About APLC", _about_page()),
            PageSpec("venue", "Venue", VENUE_PAGE),
            PageSpec("travel", "Travel & visa", TRAVEL_PAGE),
        ),
        rooms=ROOMS,
        tracks=TRACKS,
        sessions=SESSIONS,
    )
