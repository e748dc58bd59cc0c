"""The programme: rooms, tracks, sessions and who appears in them."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from conference.db_enum import enum_column_type
from conference.db_types import UTCDateTime, utcnow
from conference.extensions import db

if TYPE_CHECKING:
    from conference.events.models import Conference
    from conference.speakers.models import Person


class SessionType(enum.StrEnum):
    OPENING = "opening"
    CEREMONY = "ceremony"
    WELCOME = "welcome"
    KEYNOTE = "keynote"
    PLENARY = "plenary"
    PANEL = "panel"
    WORKSHOP = "workshop"
    PRESENTATION = "presentation"
    GENERAL_ASSEMBLY = "general_assembly"
    BREAK = "break"
    NETWORKING = "networking"
    CLOSING = "closing"
    OTHER = "other"


class SessionStatus(enum.StrEnum):
    DRAFT = "draft"
    PUBLISHED = "published"
    CANCELLED = "cancelled"


class PersonRole(enum.StrEnum):
    CHAIR = "chair"
    MODERATOR = "moderator"
    SPEAKER = "speaker"
    PANELIST = "panelist"


class Track(db.Model):
    __tablename__ = "track"

    id: Mapped[int] = mapped_column(primary_key=True)
    conference_id: Mapped[int] = mapped_column(ForeignKey("conference.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    colour: Mapped[str] = mapped_column(String(7), default="#1f5f8b")
    position: Mapped[int] = mapped_column(Integer, default=0)

    conference: Mapped[Conference] = relationship(back_populates="tracks")


class Room(db.Model):
    __tablename__ = "room"

    id: Mapped[int] = mapped_column(primary_key=True)
    conference_id: Mapped[int] = mapped_column(ForeignKey("conference.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    capacity: Mapped[int | None] = mapped_column(Integer)
    location: Mapped[str] = mapped_column(String(200), default="")
    # A virtual room (a webinar, an online-only stream) in a hybrid conference: its sessions have no
    # place at the venue, and calendars say "Online".
    online: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    position: Mapped[int] = mapped_column(Integer, default=0)

    conference: Mapped[Conference] = relationship(back_populates="rooms")


class Session(db.Model):
    __tablename__ = "session"
    __table_args__ = (CheckConstraint("ends_at > starts_at", name="ends_after_start"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    conference_id: Mapped[int] = mapped_column(ForeignKey("conference.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(300))
    abstract: Mapped[str] = mapped_column(Text, default="")
    type: Mapped[SessionType] = mapped_column(
        enum_column_type(SessionType, "session_type"), default=SessionType.PRESENTATION
    )
    track_id: Mapped[int | None] = mapped_column(ForeignKey("track.id", ondelete="SET NULL"), index=True)
    room_id: Mapped[int | None] = mapped_column(ForeignKey("room.id", ondelete="SET NULL"), index=True)
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # ISO 639-1 codes, comma-separated in display order: "en,ko".
    languages: Mapped[str] = mapped_column(String(64), default="en")
    capacity: Mapped[int | None] = mapped_column(Integer)
    # How many are expected: above the room's capacity is a conflict that blocks publishing.
    expected_attendance: Mapped[int | None] = mapped_column(Integer)
    # Delegates reserve one of `capacity` seats (workshops); full → waitlist.
    seat_booking: Mapped[bool] = mapped_column(Boolean, default=False)
    # [{"label": "Slides", "url": "https://…"}, …]
    materials: Mapped[list[dict]] = mapped_column(JSON, default=list)
    status: Mapped[SessionStatus] = mapped_column(
        enum_column_type(SessionStatus, "session_status"), default=SessionStatus.DRAFT
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    conference: Mapped[Conference] = relationship(back_populates="sessions")
    track: Mapped[Track | None] = relationship()
    room: Mapped[Room | None] = relationship()
    people: Mapped[list[SessionPerson]] = relationship(
        back_populates="session", order_by="SessionPerson.position", cascade="all, delete-orphan"
    )

    @property
    def language_codes(self) -> list[str]:
        return [code for code in self.languages.split(",") if code]


class SessionPerson(db.Model):
    __tablename__ = "session_person"
    __table_args__ = (UniqueConstraint("session_id", "person_id", "role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("session.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    role: Mapped[PersonRole] = mapped_column(
        enum_column_type(PersonRole, "person_role"), default=PersonRole.SPEAKER
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    # Set when the person confirms through their invitation link.
    confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    session: Mapped[Session] = relationship(back_populates="people")
    person: Mapped[Person] = relationship(back_populates="session_roles")


class AgendaVersion(db.Model):
    """A published state of the programme: what the public sees, numbered, with what changed."""

    __tablename__ = "agenda_version"
    __table_args__ = (UniqueConstraint("conference_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    conference_id: Mapped[int] = mapped_column(ForeignKey("conference.id", ondelete="CASCADE"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    published_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    published_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    note: Mapped[str] = mapped_column(String(500), default="")
    # Every public session as plain data (times as ISO UTC), people and rooms denormalised.
    snapshot: Mapped[list[dict]] = mapped_column(JSON, default=list)
    # [{"session_id": 3, "title": "…", "kinds": ["moved", "room_changed"], "before": {…}, "after": {…}}]
    changes: Mapped[list[dict]] = mapped_column(JSON, default=list)
