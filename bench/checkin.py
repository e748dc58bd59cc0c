"""Badge scans verified and recorded per second, against the floor of a bare Flask route, and over HTTP.

    .venv/bin/python bench/checkin.py                          # SQLite and PostgreSQL, in-process and HTTP
    .venv/bin/python bench/checkin.py --database sqlite --scans 3000 --no-http

For each database, in one process:

- scans: `POST /api/checkin/v1/c/<slug>/scans` through Plenary's WSGI app (the Flask test client: routing,
  bearer-token check, JSON parsing, the decision, the inserts, the JSON answer), each scan a first-time
  scan of a different badge of a conference with `--badges` confirmed delegates, so every one records a
  check-in. Latency is the time of each request; scans/s is the count over the wall-clock total.
- floor: a bare Flask app (no Plenary) whose one route does the least a scan must do: parse the JSON,
  check one HMAC, look one row up by an indexed column, insert one row and commit, through the same
  SQLAlchemy engine settings. The ratio says how much Plenary's own work costs on top.
- http: Plenary under gunicorn (one sync worker, so one process and one request at a time), driven
  from this process over loopback with a new connection per request (the sync worker closes each),
  against a fresh set of `--badges` badges: first-time scans/s and p50.

PostgreSQL runs in a database of its own (`plenary_bench_checkin`, created when missing); never the test
suite's. SQLite uses a file in a temporary directory, in the journal mode Plenary's connection hook
leaves it in; `--sqlite-wal` switches it (for Plenary, the floor and the gunicorn worker alike) to
write-ahead logging with synchronous=NORMAL, where a commit no longer waits for the disk.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import hmac
import http.client
import json
import logging
import os
import platform
import secrets
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DEFAULT_POSTGRESQL = "postgresql://postgres@127.0.0.1:5432/plenary_bench_checkin"
SECRET_KEY = "bench-checkin-secret-key"


@dataclass
class Timing:
    label: str
    count: int
    seconds: float
    latencies: list[float]  # seconds, one per request
    wrong: int = 0  # answers that were not what a first-time scan should get

    @property
    def per_second(self) -> float:
        return self.count / self.seconds if self.seconds else 0.0

    def percentile(self, fraction: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))] * 1000

    @property
    def p50(self) -> float:
        return statistics.median(self.latencies) * 1000

    @property
    def p99(self) -> float:
        return self.percentile(0.99)


# The database and the data


def use_sqlite_wal() -> None:
    """Every SQLite connection of this process in WAL mode with synchronous=NORMAL (commits skip fsync)."""
    from sqlalchemy import event
    from sqlalchemy.engine import Engine

    @event.listens_for(Engine, "connect")
    def _wal(dbapi_connection, _record) -> None:
        if isinstance(dbapi_connection, sqlite3.Connection):
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA synchronous = NORMAL")
            cursor.close()


GUNICORN_WAL_CONFIG = """
def post_worker_init(worker):
    import sys
    sys.path.insert(0, {bench!r})
    from checkin import use_sqlite_wal
    use_sqlite_wal()
"""


def ensure_postgresql_database(url: str) -> None:
    """Create the benchmark's own database if it is missing (refusing the test suite's)."""
    import psycopg
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    if parsed.database in (None, "", "test", "postgres", "bench"):
        raise SystemExit(f"refusing to benchmark in the database {parsed.database!r}: use one of its own")
    admin = parsed.set(drivername="postgresql", database="postgres").render_as_string(hide_password=False)
    with psycopg.connect(admin, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (parsed.database,)).fetchone():
            conn.execute(f'CREATE DATABASE "{parsed.database}"')


def app_config(database_url: str, instance: Path) -> dict:
    return {
        "SECRET_KEY": SECRET_KEY,
        "SQLALCHEMY_DATABASE_URI": database_url,
        "JOBS_EAGER": True,
        "UPLOAD_FOLDER": str(instance / "uploads"),
        "RATELIMIT_ENABLED": False,
        "RATELIMIT_STORAGE_URI": "memory://",
        "MAIL_SERVER": None,
        "REDIS_URL": None,
        "CACHE_TYPE": "SimpleCache",
    }


def make_app(database_url: str, instance: Path):
    from conference import create_app

    return create_app(app_config(database_url, instance))


def fresh_schema(app) -> None:
    """Drop whatever a previous run left and build the schema through the migrations."""
    from flask_migrate import upgrade
    from sqlalchemy import text

    from conference.extensions import db

    with app.app_context():
        db.drop_all()
        with db.engine.begin() as conn:
            conn.execute(text("DROP TABLE IF EXISTS alembic_version"))
            conn.execute(text("DROP TABLE IF EXISTS floor_scan"))
            conn.execute(text("DROP TABLE IF EXISTS floor_badge"))
        logging.disable(logging.INFO)
        try:
            upgrade()
        finally:
            logging.disable(logging.NOTSET)


def make_conference(app, slug: str, badges: int) -> tuple[str, list[str]]:
    """A conference with `badges` confirmed in-person delegates; returns a device's bearer token and codes."""
    from datetime import timedelta

    from sqlalchemy import insert, select

    from conference.badges.codes import make_badge_code
    from conference.checkin import services as checkin_services
    from conference.checkin import tokens
    from conference.events.models import Conference, ConferenceStatus
    from conference.extensions import db
    from conference.registration.models import Registration, RegistrationStatus, TicketType

    with app.app_context():
        conference = Conference(
            slug=slug,
            title=f"Benchmark {slug}",
            short_name="Bench",
            timezone="Asia/Seoul",
            start_date=date(2030, 6, 1),
            end_date=date(2030, 6, 2),
            status=ConferenceStatus.PUBLISHED,
        )
        db.session.add(conference)
        db.session.flush()
        ticket = TicketType(conference_id=conference.id, name="Delegate", currency="KRW")
        db.session.add(ticket)
        db.session.flush()
        now = datetime.now(UTC)
        rows = [
            dict(
                conference_id=conference.id,
                ticket_type_id=ticket.id,
                reference=f"{slug[:6]}{n:06d}",
                status=RegistrationStatus.CONFIRMED,
                given_name=f"Delegate{n}",
                family_name="Bench",
                email=f"d{n}@{slug}.example",
                active_email=f"d{n}@{slug}.example",
                country="KR",
                created_at=now,
                updated_at=now,
            )
            for n in range(badges)
        ]
        db.session.execute(insert(Registration), rows)
        ids = db.session.scalars(
            select(Registration.id)
            .where(Registration.conference_id == conference.id)
            .order_by(Registration.id)
        ).all()
        token = checkin_services.create_token(
            conference, label="Bench gate", lifetime=timedelta(hours=12), by_user_id=None, now=now
        )
        codes = [make_badge_code(conference.badge_key, conference.id, rid, 1) for rid in ids]
        db.session.commit()
        return tokens.bearer_token(token), codes


def scan_body(code: str) -> dict:
    return {"id": str(uuid.uuid4()), "code": code, "point": "entrance", "scanned_at": iso_now()}


def iso_now() -> str:
    return datetime.now(UTC).isoformat().replace("+00:00", "Z")


# In-process: Plenary and the floor


def time_plenary(app, slug: str, bearer: str, codes: list[str]) -> Timing:
    from flask.testing import FlaskClient

    client = FlaskClient(app)  # the plain client: no per-test expiry tricks
    url = f"/api/checkin/v1/c/{slug}/scans"
    headers = {"Authorization": f"Bearer {bearer}"}
    for code in codes[:20]:  # warm-up (first-time scans too; not timed)
        client.post(url, json=scan_body(code), headers=headers)
    latencies, wrong = [], 0
    start = time.perf_counter()
    for code in codes[20:]:
        body = scan_body(code)
        began = time.perf_counter()
        response = client.post(url, json=body, headers=headers)
        latencies.append(time.perf_counter() - began)
        if response.status_code != 200 or response.json["result"] != "ok":
            wrong += 1
    return Timing("plenary", len(latencies), time.perf_counter() - start, latencies, wrong)


def floor_app(database_url: str, badges: int):
    """The floor: a bare Flask route that checks one HMAC, looks up one row by an index, inserts one."""
    from flask import Flask, request
    from sqlalchemy import Column, DateTime, Integer, MetaData, String, Table, create_engine, insert, select

    from conference import extensions  # noqa: F401 - the same SQLite busy-timeout hook as Plenary

    metadata = MetaData()
    badge = Table(
        "floor_badge",
        metadata,
        Column("id", Integer, primary_key=True),
        Column("code", String(64), index=True, unique=True),
    )
    scan = Table(
        "floor_scan",
        metadata,
        Column("id", Integer, primary_key=True),
        Column("badge_id", Integer),
        Column("client_id", String(64)),
        Column("received_at", DateTime(timezone=True)),
    )
    engine = create_engine(database_url, pool_pre_ping=True)
    metadata.drop_all(engine)
    metadata.create_all(engine)
    key = secrets.token_bytes(32)

    def sign(number: int) -> str:
        mac = hmac.new(key, str(number).encode(), hashlib.sha256).digest()[:10]
        return f"{number}-{base64.b32encode(mac).decode()}"

    codes = [sign(n) for n in range(badges)]
    with engine.begin() as conn:
        conn.execute(insert(badge), [{"code": code} for code in codes])

    app = Flask("floor")

    @app.post("/scan")
    def scan_view():
        data = request.get_json()
        number, _dash, mac = data["code"].partition("-")
        expected = base64.b32encode(hmac.new(key, number.encode(), hashlib.sha256).digest()[:10]).decode()
        if not hmac.compare_digest(expected, mac):
            return {"result": "forged"}
        with engine.begin() as conn:
            badge_id = conn.execute(select(badge.c.id).where(badge.c.code == data["code"])).scalar()
            conn.execute(
                insert(scan).values(badge_id=badge_id, client_id=data["id"], received_at=datetime.now(UTC))
            )
        return {"result": "ok", "id": data["id"]}

    return app, codes, engine


def time_floor(app, codes: list[str]) -> Timing:
    client = app.test_client()
    for code in codes[:20]:
        client.post("/scan", json=scan_body(code))
    latencies, wrong = [], 0
    start = time.perf_counter()
    for code in codes[20:]:
        body = scan_body(code)
        began = time.perf_counter()
        response = client.post("/scan", json=body)
        latencies.append(time.perf_counter() - began)
        wrong += response.json["result"] != "ok"
    return Timing("floor", len(latencies), time.perf_counter() - start, latencies, wrong)


# Over HTTP: gunicorn, one sync worker


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_gunicorn(database_url: str, instance: Path, port: int, wal: bool) -> subprocess.Popen:
    env = os.environ | {
        "DATABASE_URL": database_url,
        "SECRET_KEY": SECRET_KEY,
        "PLENARY_INSTANCE_PATH": str(instance),
        "REDIS_URL": "",
        "MAIL_SERVER": "",
    }
    command = [
        str(Path(sys.executable).parent / "gunicorn"),
        "--workers", "1",
        "--worker-class", "sync",
        "--bind", f"127.0.0.1:{port}",
        "--log-level", "warning",
        "wsgi:app",
    ]  # fmt: skip
    if wal:
        config = instance / "gunicorn_wal.py"
        config.write_text(GUNICORN_WAL_CONFIG.format(bench=str(Path(__file__).resolve().parent)))
        command[1:1] = ["--config", str(config)]
    process = subprocess.Popen(command, cwd=ROOT, env=env, start_new_session=True)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/")
            connection.getresponse().read()
            return process
        except OSError:
            if process.poll() is not None:
                raise SystemExit("gunicorn did not start") from None
            time.sleep(0.2)
    process.kill()
    raise SystemExit("gunicorn did not answer within 30 s")


def stop(process: subprocess.Popen) -> None:
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)


def time_http(port: int, slug: str, bearer: str, codes: list[str]) -> Timing:
    path = f"/api/checkin/v1/c/{slug}/scans"
    headers = {"Authorization": f"Bearer {bearer}", "Content-Type": "application/json"}

    def post(code: str) -> tuple[int, dict]:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        connection.request("POST", path, body=json.dumps(scan_body(code)), headers=headers)
        response = connection.getresponse()
        body = json.loads(response.read())
        connection.close()
        return response.status, body

    for code in codes[:20]:
        post(code)
    latencies, wrong = [], 0
    start = time.perf_counter()
    for code in codes[20:]:
        began = time.perf_counter()
        status, body = post(code)
        latencies.append(time.perf_counter() - began)
        wrong += status != 200 or body.get("result") != "ok"
    return Timing("http", len(latencies), time.perf_counter() - start, latencies, wrong)


# Running it


def run(
    database: str, url: str, scans: int, badges: int, with_http: bool, tmp: Path, wal: bool = False
) -> list[Timing]:
    from conference.extensions import db

    app = make_app(url, tmp)
    fresh_schema(app)
    results = []
    bearer, codes = make_conference(app, f"bench-{database}", max(badges, scans + 20))
    results.append(time_plenary(app, f"bench-{database}", bearer, codes[: scans + 20]))
    floor, floor_codes, engine = floor_app(url, scans + 20)
    results.append(time_floor(floor, floor_codes))
    engine.dispose()
    if with_http:
        bearer, codes = make_conference(app, f"http-{database}", badges)
        with app.app_context():
            db.engine.dispose()  # the server opens its own connections
        port = free_port()
        server = start_gunicorn(url, tmp, port, wal)
        try:
            results.append(time_http(port, f"http-{database}", bearer, codes))
        finally:
            stop(server)
    with app.app_context():
        db.engine.dispose()
    return results


def describe_machine() -> str:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if "model name" in line
        ),
        platform.processor(),
    )
    return (
        f"{os.cpu_count()} CPUs ({cpu}), Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}"
    )


def report(database: str, results: list[Timing]) -> None:
    by_label = {r.label: r for r in results}
    print(f"\n{database}")
    print(f"  {'what':<26} {'count':>6} {'per s':>8} {'p50 ms':>7} {'p99 ms':>7} {'wrong':>5}")
    names = {
        "plenary": "Plenary scan (WSGI)",
        "floor": "floor (bare Flask route)",
        "http": "HTTP, gunicorn 1 worker",
    }
    for timing in results:
        print(
            f"  {names[timing.label]:<26} {timing.count:>6} {timing.per_second:>8.0f} "
            f"{timing.p50:>7.2f} {timing.p99:>7.2f} {timing.wrong:>5}"
        )
    plenary, floor = by_label["plenary"], by_label["floor"]
    ratio = plenary.per_second / floor.per_second
    print(f"  ratio Plenary / floor: {ratio:.2f} (target at least 0.50)")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--scans", type=int, default=3000, help="timed scans in-process (default 3000)")
    parser.add_argument(
        "--badges", type=int, default=5000, help="badges of the HTTP conference (default 5000)"
    )
    parser.add_argument("--no-http", dest="http", action="store_false", help="skip the gunicorn run")
    parser.add_argument("--sqlite-wal", action="store_true", help="SQLite in WAL mode, synchronous=NORMAL")
    parser.add_argument(
        "--postgresql-url", default=os.environ.get("BENCH_CHECKIN_DATABASE_URL", DEFAULT_POSTGRESQL)
    )
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    from conference.config import normalise_database_url

    print(describe_machine())
    with tempfile.TemporaryDirectory(prefix="plenary-bench-checkin-") as folder:
        tmp = Path(folder)
        if args.database in ("sqlite", "both"):
            if args.sqlite_wal:
                use_sqlite_wal()
            url = f"sqlite:///{tmp / 'bench.sqlite3'}"
            results = run("sqlite", url, args.scans, args.badges, args.http, tmp, args.sqlite_wal)
            mode = "WAL, synchronous=NORMAL" if args.sqlite_wal else "Plenary's default journal"
            report(f"SQLite (file in a temporary directory; {mode})", results)
        if args.database in ("postgresql", "both"):
            ensure_postgresql_database(args.postgresql_url)
            url = normalise_database_url(args.postgresql_url)
            results = run("postgresql", url, args.scans, args.badges, args.http, tmp)
            report("PostgreSQL", results)


if __name__ == "__main__":
    main()
