"""Server-side render times of the agenda pages on a generated conference, and how they scale.

    .venv/bin/python bench/agenda.py                     # 100 and 1,000 sessions, SQLite
    .venv/bin/python bench/agenda.py --sessions 1000 --database postgresql

Generates a conference of N sessions over 3 days in 12 rooms (8 tracks, 1–3 people each), publishes it,
then times through the Flask test client (routing, queries, templates; no network): the public agenda
(one day, and all days), the organiser's timetable grid, one session page and one speaker page. Prints
the median and 90th percentile of `--repeat` requests after two warm-ups, and the SQL queries per page.
PostgreSQL uses its own `bench` database (created when missing), never the test suite's.
"""

from __future__ import annotations

import argparse
import logging
import os
import platform
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DEFAULT_POSTGRESQL = "postgresql://postgres@127.0.0.1:5432/bench"
ROOMS, TRACKS, DAYS = 12, 8, 3
PASSWORD = "bench password 2026"


def ensure_postgresql_database(url: str) -> None:
    import psycopg
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    admin = parsed.set(drivername="postgresql", database="postgres").render_as_string(hide_password=False)
    with psycopg.connect(admin, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (parsed.database,)).fetchone():
            conn.execute(f'CREATE DATABASE "{parsed.database}"')


def make_app(database_url: str, instance: Path):
    from conference import create_app

    return create_app(
        {
            "SQLALCHEMY_DATABASE_URI": database_url,
            "SECRET_KEY": "bench",
            "JOBS_EAGER": True,
            "UPLOAD_FOLDER": str(instance / "uploads"),
            "RATELIMIT_ENABLED": False,
            "WTF_CSRF_ENABLED": False,
            "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",
            "MAIL_SERVER": None,
            "REDIS_URL": None,
            "RATELIMIT_STORAGE_URI": "memory://",
        }
    )


def generate(
    slug: str, sessions: int, seed: int = 2026, speakers=lambda rng: rng.randint(1, 3)
) -> tuple[int, int, int]:
    """A published conference with `sessions` sessions; returns (conference id, a session id, a person id).

    `speakers(rng)` says how many people each session gets (1–3 unless told otherwise).
    """
    from conference.accounts.models import ConferenceRole, Role, User
    from conference.agenda.models import AgendaVersion, Room, Session, SessionPerson, SessionStatus, Track
    from conference.agenda.published import build_snapshot
    from conference.events.models import Conference, ConferenceStatus
    from conference.extensions import db
    from conference.speakers.models import Person

    rng = random.Random(seed)
    start = date(2027, 3, 10)
    conference = Conference(
        slug=slug,
        title=f"Benchmark conference ({sessions} sessions)",
        short_name="Bench",
        timezone="Asia/Seoul",
        start_date=start,
        end_date=start + timedelta(days=DAYS - 1),
        status=ConferenceStatus.PUBLISHED,
    )
    db.session.add(conference)
    db.session.flush()
    rooms = [
        Room(conference_id=conference.id, name=f"Room {i + 1}", capacity=100, position=i)
        for i in range(ROOMS)
    ]
    tracks = [
        Track(conference_id=conference.id, name=f"Track {i + 1}", colour=f"#{rng.randrange(0x1000000):06x}")
        for i in range(TRACKS)
    ]
    people = [
        Person(
            conference_id=conference.id,
            full_name=f"Speaker {i + 1}",
            position="Researcher",
            organisation=f"University {i % 50 + 1}",
            country="KR",
            bio="A speaker.\n\n*Learning cities* research.",
        )
        for i in range(max(sessions // 2, 10))
    ]
    db.session.add_all(rooms + tracks + people)
    db.session.flush()
    # Slots of 30 minutes from 08:00 Seoul (23:00 UTC the day before), filling rooms day by day.
    per_day_room = -(-sessions // (DAYS * ROOMS))
    made = 0
    for day in range(DAYS):
        day_start = datetime(start.year, start.month, start.day, tzinfo=UTC) + timedelta(days=day, hours=-1)
        for room in rooms:
            for slot in range(per_day_room):
                if made == sessions:
                    break
                begins = day_start + timedelta(minutes=30 * slot)
                session = Session(
                    conference_id=conference.id,
                    title=f"Session {made + 1}: learning cities in practice",
                    abstract="An abstract with **Markdown**.\n\n- one\n- two",
                    track_id=rng.choice(tracks).id,
                    room_id=room.id,
                    starts_at=begins,
                    ends_at=begins + timedelta(minutes=25),
                    languages="en,ko",
                    status=SessionStatus.PUBLISHED,
                )
                db.session.add(session)
                db.session.flush()
                for position, person in enumerate(rng.sample(people, speakers(rng))):
                    db.session.add(
                        SessionPerson(session_id=session.id, person_id=person.id, position=position)
                    )
                made += 1
    organiser = User(email=f"organiser@{slug}.example", display_name="Bench Organiser")
    organiser.set_password(PASSWORD)
    db.session.add(organiser)
    db.session.flush()
    db.session.add(ConferenceRole(user_id=organiser.id, conference_id=conference.id, role=Role.ORGANISER))
    db.session.commit()
    db.session.add(
        AgendaVersion(conference_id=conference.id, number=1, snapshot=build_snapshot(conference.id))
    )
    db.session.commit()
    some_session = db.session.query(Session.id).filter_by(conference_id=conference.id).first()[0]
    some_person = (
        db.session.query(SessionPerson.person_id)
        .join(Session)
        .filter(Session.conference_id == conference.id)
        .first()[0]
    )
    return conference.id, some_session, some_person


class QueryCounter:
    def __init__(self, engine) -> None:
        from sqlalchemy import event

        self.count = 0
        event.listen(engine, "before_cursor_execute", self._count)

    def _count(self, *args) -> None:
        self.count += 1


def time_page(client, url: str, repeat: int, counter: QueryCounter) -> tuple[float, float, int, int]:
    for _ in range(2):
        response = client.get(url)
        assert response.status_code == 200, f"{url}: {response.status_code}"
    before = counter.count
    client.get(url)
    queries = counter.count - before
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        response = client.get(url)
        samples.append((time.perf_counter() - started) * 1000)
    samples.sort()
    return statistics.median(samples), samples[int(len(samples) * 0.9) - 1], queries, len(response.data)


def run(database: str, url: str, sizes: list[int], repeat: int) -> None:
    from flask_migrate import upgrade

    from conference.extensions import db

    instance = Path(tempfile.mkdtemp(prefix="plenary-bench-"))
    app = make_app(url, instance)
    with app.app_context():
        db.drop_all()
        with db.engine.begin() as conn:
            conn.exec_driver_sql("DROP TABLE IF EXISTS alembic_version")
        upgrade()
        counter = QueryCounter(db.engine)
    print(f"\n{database}: median / p90 ms over {repeat} requests, SQL queries per page, page size")
    print(f"{'sessions':>8}  {'page':<28} {'median':>8} {'p90':>8} {'queries':>8} {'KiB':>6}")
    for size in sizes:
        slug = f"bench-{size}"
        with app.app_context():
            conference_id, session_id, person_id = generate(slug, size)
        client = app.test_client()
        client.post("/login", data={"email": f"organiser@{slug}.example", "password": PASSWORD})
        pages = [
            ("public agenda (first day)", f"/c/{slug}/agenda"),
            ("public agenda (all days)", f"/c/{slug}/agenda?day=all"),
            ("organiser timetable grid", f"/c/{slug}/manage/agenda/"),
            ("session page", f"/c/{slug}/agenda/{session_id}"),
            ("speaker page", f"/c/{slug}/speakers/{person_id}"),
        ]
        for label, page_url in pages:
            try:
                median, p90, queries, size_bytes = time_page(client, page_url, repeat, counter)
            except AssertionError as exc:
                print(f"{size:>8}  {label:<28} {'—':>8} ({exc})")
                continue
            print(f"{size:>8}  {label:<28} {median:>8.1f} {p90:>8.1f} {queries:>8} {size_bytes / 1024:>6.0f}")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database", choices=["sqlite", "postgresql", "both"], default="sqlite")
    parser.add_argument("--sessions", default="100,1000", help="comma-separated conference sizes")
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--postgresql-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_POSTGRESQL))
    args = parser.parse_args()
    logging.disable(logging.WARNING)
    sizes = [int(n) for n in args.sessions.split(",")]
    print(f"Python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} CPUs")
    if args.database in ("sqlite", "both"):
        path = Path(tempfile.mkdtemp(prefix="plenary-bench-")) / "bench.sqlite3"
        run("sqlite", f"sqlite:///{path}", sizes, args.repeat)
    if args.database in ("postgresql", "both"):
        ensure_postgresql_database(args.postgresql_url)
        from conference.config import normalise_database_url

        run("postgresql", normalise_database_url(args.postgresql_url), sizes, args.repeat)


if __name__ == "__main__":
    main()
