"""The audit log: who changed what, when, with the values before and after."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from conference.db_types import UTCDateTime, utcnow
from conference.extensions import db


class AuditEntry(db.Model):
    __tablename__ = "audit_entry"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    conference_id: Mapped[int | None] = mapped_column(
        ForeignKey("conference.id", ondelete="CASCADE"), index=True
    )
    action: Mapped[str] = mapped_column(String(64))  # e.g. "session.updated"
    object_type: Mapped[str] = mapped_column(String(64))
    object_id: Mapped[int | None]
    before: Mapped[dict | None] = mapped_column(JSON)
    after: Mapped[dict | None] = mapped_column(JSON)
