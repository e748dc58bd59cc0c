"""A message the SMTP server refuses is tried again with backoff, and given up on after a few attempts."""

from __future__ import annotations

import os
import socket
import time
from datetime import timedelta
from email import message_from_bytes, policy

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Sink
from redis import Redis
from redis.exceptions import ConnectionError as RedisConnectionError

from conference import jobs
from conference.db_types import utcnow
from conference.extensions import db
from conference.mail.models import MessageStatus, OutboxMessage
from conference.mail.services import retry_delay, send_mail

REDIS_TEST_URL = os.environ.get("PLENARY_REDIS_TEST_URL", "redis://127.0.0.1:6379/15")


class FlakyServer(Sink):
    """Refuses the first `refusals` messages with a temporary error, then accepts."""

    def __init__(self, refusals: int) -> None:
        self.refusals = refusals
        self.tries = 0
        self.envelopes: list = []

    async def handle_DATA(self, server, session, envelope):
        self.tries += 1
        if self.tries <= self.refusals:
            return "451 4.3.0 Try again later"
        self.envelopes.append(envelope)
        return "250 OK"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def smtp(app):
    """Start a flaky SMTP server on loopback: `smtp(refusals)` returns its handler."""
    controllers = []

    def start(refusals: int) -> FlakyServer:
        handler = FlakyServer(refusals)
        controller = Controller(handler, hostname="127.0.0.1", port=_free_port())
        controller.start()
        controllers.append(controller)
        app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=controller.port, MAIL_USE_TLS=False)
        return handler

    yield start
    jobs.wait_until_idle(app)
    for controller in controllers:
        controller.stop()


def _fresh(message_id: int) -> OutboxMessage:
    db.session.expire_all()
    return db.session.get(OutboxMessage, message_id)


def _make_due(message_id: int) -> None:
    message = _fresh(message_id)
    message.next_attempt_at = utcnow() - timedelta(seconds=1)
    db.session.commit()


def test_a_refused_message_is_failed_with_a_retry_scheduled_and_sent_by_the_retry_command(app, smtp, runner):
    server = smtp(refusals=1)
    message = send_mail("delegate@example.org", "Welcome", "Plain text", "<p>HTML</p>")

    first = _fresh(message.id)
    assert (first.status, first.attempts) == (MessageStatus.FAILED, 1)
    assert "451" in first.error
    assert timedelta(seconds=50) < first.next_attempt_at - utcnow() <= timedelta(seconds=60)

    not_yet = runner.invoke(args=["mail", "retry"])
    assert "0 message(s) queued" in not_yet.output
    assert _fresh(message.id).attempts == 1

    _make_due(message.id)
    result = runner.invoke(args=["mail", "retry"])
    assert result.exit_code == 0, result.output
    assert "1 message(s) queued" in result.output

    sent = _fresh(message.id)
    assert (sent.status, sent.attempts) == (MessageStatus.SENT, 2)
    assert sent.error is None and sent.next_attempt_at is None and sent.sent_at is not None
    assert [e.rcpt_tos for e in server.envelopes] == [["delegate@example.org"]]
    email = message_from_bytes(server.envelopes[0].content, policy=policy.default)
    assert email["Subject"] == "Welcome"
    assert email.get_body(("plain",)).get_content().strip() == "Plain text"
    assert email.get_body(("html",)).get_content().strip() == "<p>HTML</p>"


def test_in_process_the_retry_happens_by_itself_after_the_backoff(app, smtp):
    server = smtp(refusals=1)
    app.config.update(JOBS_EAGER=False, MAIL_RETRY_SECONDS=0.05)
    message = send_mail("delegate@example.org", "Retried", "Body")

    deadline = time.monotonic() + 10
    while _fresh(message.id).status != MessageStatus.SENT and time.monotonic() < deadline:
        time.sleep(0.05)
    jobs.wait_until_idle(app)

    sent = _fresh(message.id)
    assert (sent.status, sent.attempts) == (MessageStatus.SENT, 2)
    assert server.tries == 2 and len(server.envelopes) == 1


def test_after_the_last_attempt_the_message_stays_failed_with_its_error(app, smtp, runner):
    server = smtp(refusals=100)
    app.config.update(MAIL_MAX_ATTEMPTS=3)
    message = send_mail("delegate@example.org", "Never", "Body")
    for _ in range(2):
        _make_due(message.id)
        runner.invoke(args=["mail", "retry"])

    given_up = _fresh(message.id)
    assert (given_up.status, given_up.attempts) == (MessageStatus.FAILED, 3)
    assert given_up.next_attempt_at is None
    assert "451" in given_up.error
    assert server.tries == 3
    assert "0 message(s) queued" in runner.invoke(args=["mail", "retry"]).output
    assert server.tries == 3


def test_retrying_abandoned_messages_starts_their_attempts_afresh(app, smtp, runner):
    server = smtp(refusals=1)
    app.config.update(MAIL_MAX_ATTEMPTS=1)
    message = send_mail("delegate@example.org", "Once more", "Body")
    assert _fresh(message.id).next_attempt_at is None

    result = runner.invoke(args=["mail", "retry", "--abandoned"])
    assert "1 message(s) queued" in result.output
    sent = _fresh(message.id)
    assert (sent.status, sent.attempts) == (MessageStatus.SENT, 1)
    assert len(server.envelopes) == 1


def test_queued_messages_whose_job_was_lost_are_picked_up(app, runner):
    stale = OutboxMessage(
        recipient="a@example.org",
        subject="Lost",
        body_text="Body",
        status=MessageStatus.QUEUED,
        created_at=utcnow() - timedelta(hours=1),
    )
    fresh = OutboxMessage(
        recipient="b@example.org", subject="New", body_text="Body", status=MessageStatus.QUEUED
    )
    db.session.add_all([stale, fresh])
    db.session.commit()

    assert "1 message(s) queued" in runner.invoke(args=["mail", "retry"]).output
    assert _fresh(stale.id).status == MessageStatus.LOGGED
    assert _fresh(fresh.id).status == MessageStatus.QUEUED


def test_backoff_grows_fourfold(app):
    assert [retry_delay(n).total_seconds() for n in (1, 2, 3, 4)] == [60, 240, 960, 3840]


def test_without_smtp_server_a_message_is_logged_in_one_attempt(app):
    message = send_mail("delegate@example.org", "Logged", "Body", language="ko")
    logged = _fresh(message.id)
    assert (logged.status, logged.attempts, logged.language) == (MessageStatus.LOGGED, 1, "ko")


@pytest.fixture
def redis_url(app):
    connection = Redis.from_url(REDIS_TEST_URL)
    try:
        connection.ping()
    except RedisConnectionError:
        if os.environ.get("CI") == "true":
            pytest.fail(f"Redis is unreachable at {REDIS_TEST_URL}")
        pytest.skip(f"Redis is unreachable at {REDIS_TEST_URL}")
    connection.flushdb()
    yield REDIS_TEST_URL
    connection.flushdb()


def test_on_rq_the_retry_is_a_scheduled_job_the_worker_runs_when_due(app, smtp, runner, redis_url):
    server = smtp(refusals=1)
    app.config.update(JOBS_EAGER=False, REDIS_URL=redis_url, MAIL_RETRY_SECONDS=0.2)
    message = send_mail("delegate@example.org", "Via RQ", "Body")

    assert runner.invoke(args=["worker", "--burst"]).exit_code == 0
    assert (_fresh(message.id).status, _fresh(message.id).attempts) == (MessageStatus.FAILED, 1)

    time.sleep(0.5)
    result = runner.invoke(args=["worker", "--burst"])
    assert result.exit_code == 0, result.output
    sent = _fresh(message.id)
    assert (sent.status, sent.attempts) == (MessageStatus.SENT, 2)
    assert len(server.envelopes) == 1
