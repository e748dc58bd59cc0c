"""Background jobs run in-process without Redis, and on an RQ worker with a real Redis."""

from __future__ import annotations

import os

import pytest
from redis import Redis
from redis.exceptions import ConnectionError as RedisConnectionError

from conference import jobs
from conference.extensions import db
from conference.mail.models import MessageStatus, OutboxMessage
from conference.mail.services import send_mail

REDIS_TEST_URL = os.environ.get("PLENARY_REDIS_TEST_URL", "redis://127.0.0.1:6379/15")


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


def _status(message_id: int) -> MessageStatus:
    db.session.expire_all()
    return db.session.get(OutboxMessage, message_id).status


def test_without_redis_jobs_run_in_a_worker_thread(app):
    app.config.update(JOBS_EAGER=False, REDIS_URL=None)
    message = send_mail("delegate@example.org", "Thread", "Body")
    jobs.wait_until_idle(app)
    assert _status(message.id) == MessageStatus.LOGGED


def test_with_redis_jobs_wait_for_the_rq_worker(app, runner, redis_url):
    app.config.update(JOBS_EAGER=False, REDIS_URL=redis_url)
    message = send_mail("delegate@example.org", "Queued", "Body")
    assert jobs.rq_queue(app).count == 1
    assert _status(message.id) == MessageStatus.QUEUED

    result = runner.invoke(args=["worker", "--burst"])
    assert result.exit_code == 0, result.output
    assert _status(message.id) == MessageStatus.LOGGED
    assert jobs.rq_queue(app).count == 0


def test_worker_command_explains_that_it_needs_redis(app, runner):
    app.config.update(REDIS_URL=None)
    result = runner.invoke(args=["worker", "--burst"])
    assert result.exit_code != 0
    assert "REDIS_URL is not set" in result.output
