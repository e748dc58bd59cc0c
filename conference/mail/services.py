"""Outgoing mail: recorded in the outbox, then delivered by a background job."""

from __future__ import annotations

import logging
import smtplib
from email.message import EmailMessage

from flask import current_app

from conference import jobs
from conference.db_types import utcnow
from conference.extensions import db
from conference.mail.models import MessageStatus, OutboxMessage

log = logging.getLogger(__name__)


def send_mail(recipient: str, subject: str, body_text: str, body_html: str | None = None) -> OutboxMessage:
    """Record a message in the outbox (committing it) and queue its delivery."""
    message = OutboxMessage(recipient=recipient, subject=subject, body_text=body_text, body_html=body_html)
    db.session.add(message)
    db.session.commit()  # the worker reads the row from its own session
    jobs.enqueue(deliver_message, message.id)
    return message


def deliver_message(message_id: int) -> None:
    """Hand one outbox message to the SMTP server, or log it when no server is configured."""
    message = db.session.get(OutboxMessage, message_id)
    if message is None or message.status in (MessageStatus.SENT, MessageStatus.LOGGED):
        return
    config = current_app.config
    if not config.get("MAIL_SERVER"):
        log.info("mail to %s: %s\n%s", message.recipient, message.subject, message.body_text)
        message.status = MessageStatus.LOGGED
    else:
        try:
            _smtp_send(message, config)
            message.status = MessageStatus.SENT
        except (OSError, smtplib.SMTPException) as exc:
            log.warning("mail %s to %s failed: %s", message.id, message.recipient, exc)
            message.status = MessageStatus.FAILED
            message.error = str(exc)
    message.sent_at = utcnow()
    db.session.commit()


def _smtp_send(message: OutboxMessage, config) -> None:
    email = EmailMessage()
    email["From"] = config["MAIL_DEFAULT_SENDER"]
    email["To"] = message.recipient
    email["Subject"] = message.subject
    email.set_content(message.body_text)
    if message.body_html:
        email.add_alternative(message.body_html, subtype="html")
    with smtplib.SMTP(config["MAIL_SERVER"], config["MAIL_PORT"], timeout=30) as smtp:
        if config["MAIL_USE_TLS"]:
            smtp.starttls()
        if config["MAIL_USERNAME"]:
            smtp.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"] or "")
        smtp.send_message(email)
