"""Time to print 2,000 badges: one per page (A6 and 4 × 3 in) and on A4 sheets (4 × 3 in, six a sheet).

    .venv/bin/python bench/badges.py                 # 2,000 badges, SQLite
    .venv/bin/python bench/badges.py --badges 5000 --repeat 3

Generates a conference with a logo and N confirmed delegates whose names mix Latin, Korean, Chinese,
Japanese and Thai, then times a whole bulk run as the job queue runs it (`tasks.make_badge_run`: the query,
each badge's content and signed code, the PDF written to disk, the badges marked printed), and the PDF
alone from ready content. Prints the best and median of `--repeat` runs, the pages and the file size.
Target (issue 6): under 20 s for 2,000 badges; the aim is under 5 s.
"""

from __future__ import annotations

import argparse
import io
import logging
import os
import platform
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

NAMES = [
    ("Mina", "Park", "박민아", "KR"),
    ("Xiaoming", "Wang", "王小明", "CN"),
    ("Hanako", "Yamada", "山田 花子", "JP"),
    ("Somchai", "Wongsawat", "สมชาย วงศ์สวัสดิ์", "TH"),
    ("Maria Fernanda", "Rodríguez-Villanueva y Montenegro", "", "PH"),
    ("Nguyễn Văn", "An", "", "VN"),
]
LAYOUTS = [
    ("A6, one per page", dict(size="a6", sheets=False)),
    ("4 × 3 in, one per page", dict(size="4x3", sheets=False)),
    ("4 × 3 in on A4 sheets", dict(size="4x3", sheets=True)),
]


def make_app(database_url: str, instance: Path):
    from conference import create_app

    return create_app(
        {
            "SQLALCHEMY_DATABASE_URI": database_url,
            "SECRET_KEY": "bench",
            "JOBS_EAGER": True,
            "UPLOAD_FOLDER": str(instance / "uploads"),
            "BADGE_FOLDER": str(instance / "badges"),
            "MAIL_SERVER": None,
            "REDIS_URL": None,
            "RATELIMIT_STORAGE_URI": "memory://",
        }
    )


def make_logo(folder: Path) -> str:
    from PIL import Image, ImageDraw

    folder.mkdir(parents=True, exist_ok=True)
    image = Image.new("RGBA", (480, 240), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse((10, 10, 230, 230), fill=(31, 95, 139, 255))
    draw.ellipse((70, 70, 170, 170), fill=(255, 255, 255, 255))
    draw.rectangle((250, 70, 470, 170), fill=(42, 127, 98, 255))
    image.save(folder / "logo.png")
    return "logo.png"


def generate(count: int, logo: str) -> int:
    """A conference with `count` confirmed in-person delegates on three tickets; returns its id."""
    from conference.events.models import Conference, ConferenceStatus
    from conference.extensions import db
    from conference.registration.models import DelegateCategory, Registration, RegistrationStatus, TicketType

    conference = Conference(
        slug="bench-badges",
        title="Asia-Pacific Learning Cities Forum 2027",
        short_name="APLC 2027",
        start_date=date(2027, 3, 10),
        end_date=date(2027, 3, 12),
        status=ConferenceStatus.PUBLISHED,
        logo=logo,
    )
    db.session.add(conference)
    db.session.flush()
    tickets = [
        TicketType(conference_id=conference.id, name=name, badge_colour=colour, currency="KRW")
        for name, colour in (
            ("Member-city delegate", "#1f5f8b"),
            ("Speaker", "#8b1f3a"),
            ("Observer", "#f2c14e"),
        )
    ]
    db.session.add_all(tickets)
    db.session.flush()
    categories = list(DelegateCategory)
    rows = []
    for n in range(count):
        given, family, local, country = NAMES[n % len(NAMES)]
        rows.append(
            Registration(
                conference_id=conference.id,
                ticket_type_id=tickets[n % 3].id,
                reference=f"B{n:07d}",
                status=RegistrationStatus.CONFIRMED,
                given_name=given,
                family_name=f"{family} {n}",
                local_name=local,
                email=f"delegate{n}@example.org",
                organisation="Lifelong Learning Institute of the Metropolitan City",
                position="Director of International Relations",
                city="Suwon",
                country=country,
                category=categories[n % len(categories)],
            )
        )
    db.session.add_all(rows)
    db.session.commit()
    return conference.id


def time_run(conference_id: int, layout: dict) -> tuple[float, int, int]:
    """A whole bulk run through the job; returns (seconds, pages, bytes)."""
    import pypdfium2 as pdfium
    from sqlalchemy import update

    from conference.badges import runs, services
    from conference.badges.runs import BadgeLayout, BadgeSelection
    from conference.events.models import Conference
    from conference.extensions import db
    from conference.registration.models import Registration

    db.session.execute(update(Registration).values(badge_printed_at=None))
    db.session.commit()
    conference = db.session.get(Conference, conference_id)
    started = time.perf_counter()
    run = services.start_run(conference, BadgeSelection(), BadgeLayout(**layout), by_user_id=None)
    elapsed = time.perf_counter() - started
    db.session.refresh(run)
    assert run.status == "done", run.error
    path = runs.run_file(run)
    return elapsed, len(pdfium.PdfDocument(str(path))), path.stat().st_size


def time_pdf_only(conference_id: int, layout: dict) -> float:
    from conference.badges.content import badge_content, branding
    from conference.badges.pdf import write_badges
    from conference.badges.queries import selected_registrations
    from conference.badges.runs import BadgeLayout, BadgeSelection
    from conference.events.models import Conference
    from conference.extensions import db

    conference = db.session.get(Conference, conference_id)
    registrations = selected_registrations(conference, BadgeSelection())
    badges = [badge_content(r) for r in registrations]
    shape = BadgeLayout(**layout)
    started = time.perf_counter()
    write_badges(io.BytesIO(), badges, branding(conference), shape.badge_size(), sheets=shape.sheets)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--badges", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    logging.disable(logging.WARNING)
    from flask_migrate import upgrade

    from conference.badges.fonts import load_fonts

    instance = Path(tempfile.mkdtemp(prefix="plenary-bench-"))
    app = make_app(f"sqlite:///{instance / 'bench.sqlite3'}", instance)
    print(f"Python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} CPUs")
    with app.app_context():
        upgrade()
        conference_id = generate(args.badges, make_logo(instance / "uploads"))
        started = time.perf_counter()
        missing = load_fonts().missing_packages
        print(f"fonts loaded once per process in {time.perf_counter() - started:.2f} s", end="")
        print(f" (missing: {', '.join(missing)})" if missing else " (all scripts)")
        print(f"\n{args.badges:,} badges, best / median of {args.repeat} runs (seconds)")
        print(f"{'layout':<26} {'whole run':>10} {'median':>8} {'PDF only':>9} {'pages':>6} {'MiB':>6}")
        for label, layout in LAYOUTS:
            runs = [time_run(conference_id, layout) for _ in range(args.repeat)]
            times = [seconds for seconds, _pages, _size in runs]
            pdf = min(time_pdf_only(conference_id, layout) for _ in range(args.repeat))
            _seconds, pages, size = runs[-1]
            print(
                f"{label:<26} {min(times):>10.2f} {statistics.median(times):>8.2f} {pdf:>9.2f}"
                f" {pages:>6} {size / 2**20:>6.1f}"
            )


if __name__ == "__main__":
    main()
