"""Outgoing mail lands in the outbox, then is logged (no SMTP server) or handed to a real SMTP server."""

from __future__ import annotations

import socket

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Sink

from conference.extensions import db
from conference.mail.models import MessageStatus, OutboxMessage
from conference.mail.services import deliver_message, send_mail


class Recorder(Sink):
    def __init__(self) -> None:
        self.envelopes: list = []

    async def handle_DATA(self, server, session, envelope):
        self.envelopes.append(envelope)
        return "250 OK"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_without_smtp_server_mail_is_kept_in_outbox_and_logged(app, caplog):
    caplog.set_level("INFO", logger="conference.mail.services")
    message = send_mail("delegate@example.org", "Your badge", "Hello 대표단")
    db.session.refresh(message)
    assert message.status == MessageStatus.LOGGED
    assert message.sent_at is not None
    assert "Your badge" in caplog.text and "Hello 대표단" in caplog.text


def test_with_smtp_server_mail_is_delivered(app):
    recorder = Recorder()
    controller = Controller(recorder, hostname="127.0.0.1", port=_free_port())
    controller.start()
    try:
        app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=controller.port, MAIL_USE_TLS=False)
        message = send_mail("delegate@example.org", "Welcome", "Plain text", "<p>HTML</p>")
    finally:
        controller.stop()
    db.session.refresh(message)
    assert message.status == MessageStatus.SENT
    assert [e.rcpt_tos for e in recorder.envelopes] == [["delegate@example.org"]]
    assert b"Subject: Welcome" in recorder.envelopes[0].content


def test_unreachable_smtp_server_marks_message_failed_and_keeps_it(app):
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=_free_port(), MAIL_USE_TLS=False)
    message = send_mail("delegate@example.org", "Welcome", "Body")
    db.session.refresh(message)
    assert message.status == MessageStatus.FAILED
    assert message.error
    assert db.session.get(OutboxMessage, message.id).body_text == "Body"


def test_delivering_twice_sends_once(app):
    message = send_mail("a@example.org", "Once", "Body")
    first_sent = db.session.get(OutboxMessage, message.id).sent_at
    deliver_message(message.id)
    assert db.session.get(OutboxMessage, message.id).sent_at == first_sent


@pytest.mark.parametrize("missing_id", [0, 999999])
def test_delivering_an_unknown_message_is_harmless(app, missing_id):
    deliver_message(missing_id)
