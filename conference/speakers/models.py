"""People: speakers, chairs and dignitaries of a conference."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import JSON, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from conference.db_types import UTCDateTime, utcnow
from conference.extensions import db

if TYPE_CHECKING:
    from conference.accounts.models import User
    from conference.agenda.models import SessionPerson
    from conference.events.models import Conference


class Person(db.Model):
    __tablename__ = "person"

    id: Mapped[int] = mapped_column(primary_key=True)
    conference_id: Mapped[int] = mapped_column(ForeignKey("conference.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    honorific: Mapped[str] = mapped_column(String(40), default="")
    full_name: Mapped[str] = mapped_column(String(200))
    local_name: Mapped[str] = mapped_column(String(200), default="")
    position: Mapped[str] = mapped_column(String(200), default="")
    organisation: Mapped[str] = mapped_column(String(200), default="")
    city: Mapped[str] = mapped_column(String(100), default="")
    country: Mapped[str] = mapped_column(String(2), default="")
    bio: Mapped[str] = mapped_column(Text, default="")
    photo: Mapped[str | None] = mapped_column(String(100))
    # [{"label": "Website", "url": "https://…"}, …]
    links: Mapped[list[dict]] = mapped_column(JSON, default=list)
    # For the signed invitation link (never shown publicly); bumping the version revokes sent links.
    email: Mapped[str] = mapped_column(String(254), default="")
    invitation_version: Mapped[int] = mapped_column(Integer, default=1)
    invited_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    conference: Mapped[Conference] = relationship(back_populates="people")
    user: Mapped[User | None] = relationship()
    session_roles: Mapped[list[SessionPerson]] = relationship(
        back_populates="person", cascade="all, delete-orphan"
    )

    @property
    def display_name(self) -> str:
        return f"{self.honorific} {self.full_name}".strip()
