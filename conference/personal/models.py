"""What a delegate keeps for themselves: sessions bookmarked into their agenda, and seats in workshops."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from conference.agenda.models import Session
from conference.db_enum import enum_column_type
from conference.db_types import UTCDateTime, utcnow
from conference.extensions import db


class Bookmark(db.Model):
    """A session in someone's personal agenda: a user account or a registration (through its link)."""

    __tablename__ = "bookmark"
    __table_args__ = (
        # Named: the naming convention would give both the same name (PostgreSQL refuses that).
        UniqueConstraint("session_id", "user_id", name="uq_bookmark_session_user"),
        UniqueConstraint("session_id", "registration_id", name="uq_bookmark_session_registration"),
        CheckConstraint("user_id IS NOT NULL OR registration_id IS NOT NULL", name="has_owner"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("session.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"), index=True)
    registration_id: Mapped[int | None] = mapped_column(
        ForeignKey("registration.id", ondelete="CASCADE"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    session: Mapped[Session] = relationship()


class SeatStatus(enum.StrEnum):
    RESERVED = "reserved"
    WAITLISTED = "waitlisted"
    CANCELLED = "cancelled"


class SeatBooking(db.Model):
    """A registered delegate's seat in a session with seat booking (a workshop)."""

    __tablename__ = "seat_booking"
    __table_args__ = (UniqueConstraint("session_id", "registration_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("session.id", ondelete="CASCADE"), index=True)
    registration_id: Mapped[int] = mapped_column(
        ForeignKey("registration.id", ondelete="CASCADE"), index=True
    )
    status: Mapped[SeatStatus] = mapped_column(enum_column_type(SeatStatus, "seat_status"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    session: Mapped[Session] = relationship()
