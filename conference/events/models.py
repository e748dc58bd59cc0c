"""A conference and its content pages."""

from __future__ import annotations

import enum
import secrets
from datetime import date, datetime
from typing import TYPE_CHECKING, ClassVar
from zoneinfo import ZoneInfo

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from conference.db_enum import enum_column_type
from conference.db_types import UTCDateTime, utcnow
from conference.extensions import db

if TYPE_CHECKING:
    from conference.agenda.models import Room, Session, Track
    from conference.speakers.models import Person


class ConferenceFormat(enum.StrEnum):
    HYBRID = "hybrid"
    IN_PERSON = "in_person"
    ONLINE = "online"


class ConferenceStatus(enum.StrEnum):
    DRAFT = "draft"
    PUBLISHED = "published"
    ARCHIVED = "archived"


class Conference(db.Model):
    __tablename__ = "conference"
    audit_secret: ClassVar[frozenset[str]] = frozenset({"badge_key"})

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(64), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    short_name: Mapped[str] = mapped_column(String(40))
    theme: Mapped[str] = mapped_column(String(300), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    timezone: Mapped[str] = mapped_column(String(64), default="UTC")
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date] = mapped_column(Date)
    venue_name: Mapped[str] = mapped_column(String(200), default="")
    venue_address: Mapped[str] = mapped_column(String(300), default="")
    venue_city: Mapped[str] = mapped_column(String(100), default="")
    venue_country: Mapped[str] = mapped_column(String(2), default="")
    venue_map_url: Mapped[str] = mapped_column(String(500), default="")
    format: Mapped[ConferenceFormat] = mapped_column(
        enum_column_type(ConferenceFormat, "conference_format"), default=ConferenceFormat.HYBRID
    )
    status: Mapped[ConferenceStatus] = mapped_column(
        enum_column_type(ConferenceStatus, "conference_status"), default=ConferenceStatus.DRAFT
    )
    contact_email: Mapped[str] = mapped_column(String(254), default="")
    logo: Mapped[str | None] = mapped_column(String(100))
    banner: Mapped[str | None] = mapped_column(String(100))
    primary_colour: Mapped[str] = mapped_column(String(7), default="#1f5f8b")
    default_language: Mapped[str] = mapped_column(String(8), default="en")
    # Online delegates may open a session's stream this many minutes before it starts.
    stream_open_minutes: Mapped[int] = mapped_column(Integer, default=15, server_default="15")
    # Signs badge codes (HMAC); scanners get it to verify badges offline.
    badge_key: Mapped[str] = mapped_column(String(64), default=lambda: secrets.token_hex(32))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    pages: Mapped[list[Page]] = relationship(
        back_populates="conference", order_by="Page.position", cascade="all, delete-orphan"
    )
    people: Mapped[list[Person]] = relationship(back_populates="conference", cascade="all, delete-orphan")
    rooms: Mapped[list[Room]] = relationship(
        back_populates="conference", order_by="Room.position", cascade="all, delete-orphan"
    )
    tracks: Mapped[list[Track]] = relationship(
        back_populates="conference", order_by="Track.position", cascade="all, delete-orphan"
    )
    sessions: Mapped[list[Session]] = relationship(back_populates="conference", cascade="all, delete-orphan")

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def is_public(self) -> bool:
        return self.status in (ConferenceStatus.PUBLISHED, ConferenceStatus.ARCHIVED)

    def __repr__(self) -> str:
        return f"<Conference {self.slug}>"


class Page(db.Model):
    __tablename__ = "page"
    __table_args__ = (UniqueConstraint("conference_id", "slug"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    conference_id: Mapped[int] = mapped_column(ForeignKey("conference.id", ondelete="CASCADE"), index=True)
    slug: Mapped[str] = mapped_column(String(64))
    title: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(Integer, default=0)
    in_menu: Mapped[bool] = mapped_column(Boolean, default=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    conference: Mapped[Conference] = relationship(back_populates="pages")
