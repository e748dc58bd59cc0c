"""The mail outbox: every message Plenary sends is recorded here first."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from conference.db_enum import enum_column_type
from conference.db_types import UTCDateTime, utcnow
from conference.extensions import db


class MessageStatus(enum.StrEnum):
    QUEUED = "queued"
    SENT = "sent"  # handed to the SMTP server
    LOGGED = "logged"  # no SMTP server configured: kept in the outbox and written to the log
    FAILED = "failed"


class OutboxMessage(db.Model):
    __tablename__ = "outbox_message"

    id: Mapped[int] = mapped_column(primary_key=True)
    recipient: Mapped[str] = mapped_column(String(254), index=True)
    subject: Mapped[str] = mapped_column(String(300))
    body_text: Mapped[str] = mapped_column(Text)
    body_html: Mapped[str | None] = mapped_column(Text)
    status: Mapped[MessageStatus] = mapped_column(
        enum_column_type(MessageStatus, "message_status"), default=MessageStatus.QUEUED
    )
    # [{"filename": "event.ics", "content_type": "text/calendar", "content": "…text…"}]
    attachments: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    language: Mapped[str] = mapped_column(String(8), default="en")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
