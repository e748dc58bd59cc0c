"""Outgoing mail: recorded in the outbox, then delivered by a background job, retried when SMTP fails.

A message is QUEUED until its first attempt. An attempt either delivers it (SENT, or LOGGED when no
SMTP server is configured) or leaves it FAILED with the error; while attempts remain, `next_attempt_at`
says when the next one is due and a delayed job is scheduled for it. After `MAIL_MAX_ATTEMPTS` the
message stays FAILED with no next attempt. `flask mail retry` re-queues whatever is due (a cron safety
net for retries lost with a restarted process).
"""

from __future__ import annotations

import base64
import logging
import smtplib
import threading
from collections.abc import Iterable
from datetime import datetime, timedelta
from email.message import EmailMessage
from typing import Any

from flask import Flask, current_app
from sqlalchemy import or_, select, update

from conference import jobs
from conference.db_types import utcnow
from conference.extensions import db
from conference.mail.models import MessageStatus, OutboxMessage

log = logging.getLogger(__name__)

DELIVERED = (MessageStatus.SENT, MessageStatus.LOGGED)
# A queued message this old never got its job (e.g. the process holding it was restarted).
LOST_AFTER = timedelta(minutes=15)


def send_mail(
    recipient: str,
    subject: str,
    body_text: str,
    body_html: str | None = None,
    attachments: Iterable[dict[str, Any]] | None = None,
    language: str = "en",
) -> OutboxMessage:
    """Record a message in the outbox (committing it) and queue its delivery.

    Each attachment is {"filename", "content_type", "content"}: text content as a string, or bytes
    (stored base64 with "encoding": "base64").
    """
    message = OutboxMessage(
        recipient=recipient,
        subject=subject,
        body_text=body_text,
        body_html=body_html,
        attachments=[_stored_attachment(a) for a in attachments or ()],
        language=language,
        attempts=0,
        status=MessageStatus.QUEUED,
    )
    db.session.add(message)
    db.session.commit()  # the worker reads the row from its own session
    jobs.enqueue(deliver_message, message.id)
    return message


def _stored_attachment(attachment: dict[str, Any]) -> dict[str, Any]:
    stored = {
        "filename": attachment["filename"],
        "content_type": attachment.get("content_type", "application/octet-stream"),
    }
    content = attachment["content"]
    if isinstance(content, bytes):
        stored.update(content=base64.b64encode(content).decode("ascii"), encoding="base64")
    else:
        stored["content"] = content
    return stored


def max_attempts() -> int:
    return int(current_app.config.get("MAIL_MAX_ATTEMPTS", 5))


def retry_delay(attempts: int) -> timedelta:
    """Exponential backoff after the n-th failed attempt: base, 4×base, 16×base…"""
    base = float(current_app.config.get("MAIL_RETRY_SECONDS", 60))
    return timedelta(seconds=base * 4 ** max(attempts - 1, 0))


def deliver_message(message_id: int) -> None:
    """Make one delivery attempt: SMTP when a server is configured, the log otherwise."""
    message = db.session.get(OutboxMessage, message_id)
    if message is None or message.status in DELIVERED or message.attempts >= max_attempts():
        return
    config = current_app.config
    smtp = bool(config.get("MAIL_SERVER"))
    # Before talking to SMTP the claim is committed, so no lock is held while the server answers.
    if not _claim(message, commit=smtp):
        return  # another worker is making this attempt
    now = utcnow()
    if not smtp:
        log.info("mail to %s: %s\n%s", message.recipient, message.subject, message.body_text)
        _delivered(message, MessageStatus.LOGGED, now)
        db.session.commit()
        return
    try:
        _smtp_send(message, config)
    except (OSError, smtplib.SMTPException) as exc:
        _failed(message, exc, now)
    else:
        _delivered(message, MessageStatus.SENT, now)
    db.session.commit()
    if message.status == MessageStatus.FAILED and message.next_attempt_at is not None:
        schedule_retry(message.id, message.next_attempt_at - now)


def _claim(message: OutboxMessage, *, commit: bool) -> bool:
    """Count the attempt; the conditional UPDATE lets only one of two racing workers through."""
    claimed = db.session.execute(
        update(OutboxMessage)
        .where(
            OutboxMessage.id == message.id,
            OutboxMessage.attempts == message.attempts,
            OutboxMessage.status.not_in(list(DELIVERED)),
        )
        .values(attempts=OutboxMessage.attempts + 1)
        .execution_options(synchronize_session=False)
    ).rowcount
    if claimed != 1:
        db.session.rollback()
        return False
    if commit:
        db.session.commit()
    db.session.refresh(message)
    return True


def _delivered(message: OutboxMessage, status: MessageStatus, now: datetime) -> None:
    message.status = status
    message.sent_at = now
    message.error = None
    message.next_attempt_at = None


def _failed(message: OutboxMessage, exc: Exception, now: datetime) -> None:
    message.status = MessageStatus.FAILED
    message.error = f"{type(exc).__name__}: {exc}"[:2000]
    if message.attempts < max_attempts():
        message.next_attempt_at = now + retry_delay(message.attempts)
        log.warning(
            "mail %s to %s failed (attempt %d), retrying at %s: %s",
            message.id,
            message.recipient,
            message.attempts,
            message.next_attempt_at.isoformat(),
            exc,
        )
    else:
        message.next_attempt_at = None
        log.error(
            "mail %s to %s failed %d times, giving up: %s",
            message.id,
            message.recipient,
            message.attempts,
            exc,
        )


def schedule_retry(message_id: int, delay: timedelta) -> None:
    """Run `deliver_message` again after `delay`: RQ's scheduler, or a timer in this process.

    With JOBS_EAGER (tests, one-off commands) nothing is scheduled: `flask mail retry` picks it up.
    """
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    if app.config.get("JOBS_EAGER"):
        return
    if app.config.get("REDIS_URL"):
        # Needs a worker started with the scheduler (`flask worker` does that).
        jobs.rq_queue(app).enqueue_in(delay, deliver_message, message_id)
        return
    timer = threading.Timer(max(delay.total_seconds(), 0), _enqueue_later, (app, message_id))
    timer.daemon = True
    timer.start()


def _enqueue_later(app: Flask, message_id: int) -> None:
    with app.app_context():
        jobs.enqueue(deliver_message, message_id)


def retry_due(now: datetime | None = None, *, include_abandoned: bool = False) -> int:
    """Queue a delivery for every failed message whose next attempt is due, and for lost queued ones.

    `include_abandoned` also gives messages that used up their attempts a fresh set.
    Returns how many were queued.
    """
    now = now or utcnow()
    due = or_(
        (OutboxMessage.status == MessageStatus.FAILED) & (OutboxMessage.next_attempt_at <= now),
        (OutboxMessage.status == MessageStatus.QUEUED) & (OutboxMessage.created_at <= now - LOST_AFTER),
    )
    if include_abandoned:
        due = due | ((OutboxMessage.status == MessageStatus.FAILED) & OutboxMessage.next_attempt_at.is_(None))
    ids = list(db.session.scalars(select(OutboxMessage.id).where(due).order_by(OutboxMessage.id)))
    if include_abandoned and ids:
        db.session.execute(
            update(OutboxMessage)
            .where(OutboxMessage.id.in_(ids), OutboxMessage.next_attempt_at.is_(None))
            .values(attempts=0)
            .execution_options(synchronize_session=False)
        )
        db.session.commit()
    for message_id in ids:
        jobs.enqueue(deliver_message, message_id)
    return len(ids)


def _smtp_send(message: OutboxMessage, config) -> None:
    email = EmailMessage()
    email["From"] = config["MAIL_DEFAULT_SENDER"]
    email["To"] = message.recipient
    email["Subject"] = message.subject
    email.set_content(message.body_text)
    if message.body_html:
        email.add_alternative(message.body_html, subtype="html")
    for attachment in message.attachments or []:
        _attach(email, attachment)
    # Last: setting the body moves or clears every Content-* header.
    email["Content-Language"] = message.language or "en"
    with smtplib.SMTP(config["MAIL_SERVER"], config["MAIL_PORT"], timeout=30) as smtp:
        if config["MAIL_USE_TLS"]:
            smtp.starttls()
        if config["MAIL_USERNAME"]:
            smtp.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"] or "")
        smtp.send_message(email)


def _attach(email: EmailMessage, attachment: dict[str, Any]) -> None:
    maintype, _, subtype = attachment.get("content_type", "application/octet-stream").partition("/")
    subtype = subtype.split(";")[0].strip() or "octet-stream"
    content = attachment["content"]
    if attachment.get("encoding") == "base64":
        email.add_attachment(
            base64.b64decode(content), maintype=maintype, subtype=subtype, filename=attachment["filename"]
        )
    elif maintype == "text":
        email.add_attachment(content, subtype=subtype, filename=attachment["filename"])
    else:
        email.add_attachment(
            content.encode("utf-8"), maintype=maintype, subtype=subtype, filename=attachment["filename"]
        )
