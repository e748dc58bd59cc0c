"""User accounts and their per-conference roles."""

from __future__ import annotations

import enum
import hashlib
import hmac
from datetime import datetime

from flask import current_app, has_app_context
from flask_login import UserMixin
from sqlalchemy import Boolean, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from conference.db_enum import enum_column_type
from conference.db_types import UTCDateTime, utcnow
from conference.extensions import db


class Role(enum.StrEnum):
    ORGANISER = "organiser"
    STAFF = "staff"
    SPEAKER = "speaker"


def normalise_email(email: str) -> str:
    # Stored lower-cased so the unique index makes addresses unique case-insensitively.
    return email.strip().lower()


class User(UserMixin, db.Model):
    __tablename__ = "user_account"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    password_hash: Mapped[str] = mapped_column(String(256))
    display_name: Mapped[str] = mapped_column(String(120))
    is_site_admin: Mapped[bool] = mapped_column(Boolean, default=False)
    locale: Mapped[str | None] = mapped_column(String(8))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    roles: Mapped[list[ConferenceRole]] = relationship(back_populates="user", cascade="all, delete-orphan")

    def set_password(self, password: str) -> None:
        # Tests set a cheap method; everywhere else werkzeug's default (scrypt) applies.
        method = current_app.config.get("PASSWORD_HASH_METHOD") if has_app_context() else None
        self.password_hash = generate_password_hash(password, method=method or "scrypt")

    def check_password(self, password: str) -> bool:
        return check_password_hash(self.password_hash, password)

    def _password_fingerprint(self) -> str:
        return hashlib.sha256(self.password_hash.encode()).hexdigest()[:16]

    def get_id(self) -> str:
        # What Flask-Login keeps in the session and the remember-me cookie: it changes with the password,
        # so a new password logs out every other browser and a stolen cookie with it.
        return f"{self.id}:{self._password_fingerprint()}"

    def matches_session_id(self, session_id: str) -> bool:
        return hmac.compare_digest(session_id, self.get_id())

    def has_role(self, conference_id: int, *roles: Role) -> bool:
        return any(r.conference_id == conference_id and r.role in roles for r in self.roles)

    def can_manage(self, conference_id: int) -> bool:
        return self.is_site_admin or self.has_role(conference_id, Role.ORGANISER)


class ConferenceRole(db.Model):
    __tablename__ = "conference_role"
    __table_args__ = (UniqueConstraint("user_id", "conference_id", "role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"), index=True)
    conference_id: Mapped[int] = mapped_column(ForeignKey("conference.id", ondelete="CASCADE"), index=True)
    role: Mapped[Role] = mapped_column(enum_column_type(Role, "conference_role_kind"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    user: Mapped[User] = relationship(back_populates="roles")
