"""Registrations per second through Plenary, with the capacity check, on SQLite and on PostgreSQL.

    .venv/bin/python bench/registrations.py                      # both databases, both ways in
    .venv/bin/python bench/registrations.py --database sqlite --mode http --threads 1,4 --count 400

Two ways in, each from 1..n threads at once, every one against a ticket whose capacity is half the
registrations (so the first half take a place and the rest join the waitlist, all through the lock):

- http:    the registration form posted through the Flask test client (form parsing, validation,
           service, redirect), one client per thread; CSRF is off so each request is just the POST.
- service: `registration.services.register` called directly, one app context per registration.

Each registration also renders and queues its e-mail; delivery (logged, no SMTP) runs in the
in-process worker and is drained after the clock stops. Each run uses a new conference in one
schema built by the real migrations. PostgreSQL uses its own `bench` database (created when missing),
never the test suite's.
"""

from __future__ import annotations

import argparse
import logging
import os
import platform
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DEFAULT_POSTGRESQL = "postgresql://postgres@127.0.0.1:5432/bench"


@dataclass
class Result:
    database: str
    mode: str
    threads: int
    count: int
    seconds: float
    placed: int
    waitlisted: int
    capacity: int
    errors: Counter

    @property
    def per_second(self) -> float:
        return self.count / self.seconds if self.seconds else 0.0


def make_app(database_url: str, tmp: Path):
    from conference import create_app
    from conference.config import normalise_database_url

    app = create_app(
        {
            "SECRET_KEY": "bench-secret-key",
            "SQLALCHEMY_DATABASE_URI": normalise_database_url(database_url),
            "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True, "pool_size": 10, "max_overflow": 10},
            "JOBS_EAGER": False,
            "REDIS_URL": None,
            "MAIL_SERVER": None,
            "STRIPE_SECRET_KEY": None,
            "BASE_URL": "http://bench.local",
            "WTF_CSRF_ENABLED": False,
            "RATELIMIT_ENABLED": False,
            "UPLOAD_FOLDER": str(tmp / "uploads"),
        }
    )
    logging.getLogger("conference.mail.services").setLevel(logging.WARNING)
    return app


def fresh_schema(app) -> None:
    """Drop whatever a previous run left and build the schema through the migrations."""
    from flask_migrate import upgrade
    from sqlalchemy import text

    from conference.extensions import db

    with app.app_context():
        db.drop_all()
        with db.engine.begin() as conn:
            conn.execute(text("DROP TABLE IF EXISTS alembic_version"))
        logging.disable(logging.INFO)  # the migrations' own log lines
        try:
            upgrade()
        finally:
            logging.disable(logging.NOTSET)


def ensure_postgresql_database(url: str) -> None:
    """Create the benchmark database if it is missing (refusing the test suite's own)."""
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    if name in ("", "test", "postgres"):
        raise SystemExit(f"refusing to benchmark in the database {name!r}: use a database of its own")
    admin = parts._replace(path="/postgres").geturl().replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(admin, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')


def setup_conference(app, slug: str, capacity: int) -> tuple[int, int]:
    from conference.events.models import Conference, ConferenceStatus
    from conference.extensions import db
    from conference.registration.models import TicketType

    with app.app_context():
        conference = Conference(
            slug=slug,
            title=f"Benchmark {slug}",
            short_name="Bench",
            timezone="Asia/Seoul",
            start_date=date(2030, 6, 1),
            end_date=date(2030, 6, 2),
            venue_name="Benchmark Hall",
            status=ConferenceStatus.PUBLISHED,
        )
        db.session.add(conference)
        db.session.flush()
        ticket = TicketType(conference_id=conference.id, name="Delegate", currency="KRW", capacity=capacity)
        db.session.add(ticket)
        db.session.commit()
        return conference.id, ticket.id


def delegate_fields(n: int, slug: str) -> dict[str, str]:
    return {
        "given_name": f"Delegate{n}",
        "family_name": "Bench",
        "email": f"delegate{n}@{slug}.example",
        "organisation": "Benchmark City",
        "city": "Seoul",
        "country": "KR",
        "category": "member_city",
        "interpretation_language": "",
        "privacy_consent": "y",
    }


def run_http(
    app, slug: str, ticket_id: int, numbers: list[int], errors: Counter, lock: threading.Lock
) -> None:
    client = app.test_client()
    for n in numbers:
        data = delegate_fields(n, slug) | {"ticket_type": str(ticket_id)}
        response = client.post(f"/c/{slug}/register", data=data)
        if response.status_code != 302:
            with lock:
                errors[f"HTTP {response.status_code}"] += 1


def run_service(
    app, slug: str, ticket_id: int, numbers: list[int], errors: Counter, lock: threading.Lock
) -> None:
    from conference.extensions import db
    from conference.registration import services
    from conference.registration.details import DelegateDetails
    from conference.registration.models import TicketType

    for n in numbers:
        with app.app_context():  # one per registration, as one per request
            try:
                ticket = db.session.get(TicketType, ticket_id)
                fields = delegate_fields(n, slug)
                details = DelegateDetails(
                    given_name=fields["given_name"],
                    family_name=fields["family_name"],
                    email=fields["email"],
                    organisation=fields["organisation"],
                    city=fields["city"],
                    country=fields["country"],
                    privacy_consent=True,
                )
                services.register(ticket.conference, ticket, details)
            except Exception as exc:  # counted and shown: a benchmark reports failures, it does not stop
                with lock:
                    errors[type(exc).__name__] += 1


def bench(app, database: str, mode: str, threads: int, count: int) -> Result:
    from sqlalchemy import func, select

    from conference import jobs
    from conference.extensions import db
    from conference.registration.models import Registration, RegistrationStatus

    slug = f"bench-{mode}-{threads}-{time.monotonic_ns()}"[:60]
    capacity = count // 2
    conference_id, ticket_id = setup_conference(app, slug, capacity)
    errors: Counter = Counter()
    lock = threading.Lock()
    target = run_http if mode == "http" else run_service
    workers = [
        threading.Thread(
            target=target, args=(app, slug, ticket_id, list(range(i, count, threads)), errors, lock)
        )
        for i in range(threads)
    ]
    started = time.perf_counter()
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    seconds = time.perf_counter() - started
    jobs.wait_until_idle(app)  # let the e-mails go out before the next run
    with app.app_context():
        statuses = dict(
            db.session.execute(
                select(Registration.status, func.count())
                .where(Registration.conference_id == conference_id)
                .group_by(Registration.status)
            ).all()
        )
    placed = statuses.get(RegistrationStatus.CONFIRMED, 0)
    waitlisted = statuses.get(RegistrationStatus.WAITLISTED, 0)
    return Result(database, mode, threads, count, seconds, placed, waitlisted, capacity, errors)


def machine() -> str:
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{os.cpu_count()} CPUs ({model or platform.processor() or 'unknown CPU'}), {platform.machine()}"


HEADER = (
    "| database | mode | threads | count | seconds | per second | placed/capacity | waitlisted | errors |"
)
RULE = "|---|---|--:|--:|--:|--:|--:|--:|---|"


def line(result: Result) -> str:
    errors = ", ".join(f"{k}: {v}" for k, v in result.errors.items()) or "0"
    oversold = " OVERSOLD" if result.placed > result.capacity else ""
    return (
        f"| {result.database:<10} | {result.mode:<7} | {result.threads:>7} | {result.count:>5} "
        f"| {result.seconds:>7.2f} | {result.per_second:>10.1f} | {result.placed}/{result.capacity} "
        f"| {result.waitlisted:>10} | {errors}{oversold} |"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", choices=["sqlite", "postgresql", "all"], default="all")
    parser.add_argument("--mode", choices=["http", "service", "all"], default="all")
    parser.add_argument("--threads", default="1,4", help="comma-separated thread counts (default 1,4)")
    parser.add_argument("--count", type=int, default=400, help="registrations per run (default 400)")
    parser.add_argument("--postgresql-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_POSTGRESQL))
    args = parser.parse_args(argv)

    thread_counts = [int(t) for t in args.threads.split(",") if t.strip()]
    modes = ["http", "service"] if args.mode == "all" else [args.mode]
    databases = ["sqlite", "postgresql"] if args.database == "all" else [args.database]
    print(f"Plenary registration benchmark, {date.today().isoformat()}, {machine()}")
    print(
        f"Python {platform.python_version()}, {args.count} registrations per run, capacity {args.count // 2}"
    )
    print()
    print(HEADER)
    print(RULE)
    failed = False
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        for database in databases:
            if database == "sqlite":
                url = f"sqlite:///{tmp / 'bench.sqlite3'}"
            else:
                url = args.postgresql_url
                ensure_postgresql_database(url)
            app = make_app(url, tmp)
            fresh_schema(app)
            for mode in modes:
                for threads in thread_counts:
                    result = bench(app, database, mode, threads, args.count)
                    print(line(result), flush=True)
                    failed |= result.placed > result.capacity or bool(result.errors)
            with app.app_context():
                from conference.extensions import db

                db.engine.dispose()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
