"""Streaming channels of rooms and sessions, and the record of every join through Plenary."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, ClassVar

from sqlalchemy import CheckConstraint, Date, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from conference.db_types import UTCDateTime, utcnow
from conference.extensions import db

if TYPE_CHECKING:
    from conference.agenda.models import Room, Session
    from conference.registration.models import Registration


class StreamChannel(db.Model):
    """One way to follow a room or a session online: the floor, an interpretation, sign language…

    A room's channels apply to every session in it (all days, or only `day`, the conference's local
    date) unless the session has channels of its own.
    """

    __tablename__ = "stream_channel"
    __table_args__ = (
        CheckConstraint("(room_id IS NULL) <> (session_id IS NULL)", name="room_or_session"),
        CheckConstraint("session_id IS NULL OR day IS NULL", name="day_only_for_rooms"),
    )

    # Only entitled delegates ever see these, so the audit log keeps fingerprints of them.
    audit_secret: ClassVar[frozenset[str]] = frozenset({"url", "passcode", "recording_url"})

    id: Mapped[int] = mapped_column(primary_key=True)
    conference_id: Mapped[int] = mapped_column(ForeignKey("conference.id", ondelete="CASCADE"), index=True)
    room_id: Mapped[int | None] = mapped_column(ForeignKey("room.id", ondelete="CASCADE"), index=True)
    session_id: Mapped[int | None] = mapped_column(ForeignKey("session.id", ondelete="CASCADE"), index=True)
    day: Mapped[date | None] = mapped_column(Date)
    label: Mapped[str] = mapped_column(String(100))
    url: Mapped[str] = mapped_column(String(1000))
    passcode: Mapped[str] = mapped_column(String(100), default="")
    recording_url: Mapped[str] = mapped_column(String(1000), default="")
    position: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    room: Mapped[Room | None] = relationship()
    session: Mapped[Session | None] = relationship()

    def __repr__(self) -> str:
        return f"<StreamChannel {self.label!r} room={self.room_id} session={self.session_id}>"


class StreamJoin(db.Model):
    """A delegate opened a session's stream through Plenary: online attendance."""

    __tablename__ = "stream_join"
    __table_args__ = (
        Index("ix_stream_join_session_joined", "session_id", "joined_at"),
        Index("ix_stream_join_conference_joined", "conference_id", "joined_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    conference_id: Mapped[int] = mapped_column(ForeignKey("conference.id", ondelete="CASCADE"))
    session_id: Mapped[int] = mapped_column(ForeignKey("session.id", ondelete="CASCADE"))
    channel_id: Mapped[int | None] = mapped_column(ForeignKey("stream_channel.id", ondelete="SET NULL"))
    registration_id: Mapped[int] = mapped_column(
        ForeignKey("registration.id", ondelete="CASCADE"), index=True
    )
    joined_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    registration: Mapped[Registration] = relationship()
    channel: Mapped[StreamChannel | None] = relationship()
