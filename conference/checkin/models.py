"""On-site check-in: check-ins per scan point, every scan received, and paired scanning devices."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import Protocol
from zoneinfo import ZoneInfo

from sqlalchemy import ForeignKey, Index, String, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column

from conference.db_enum import enum_column_type
from conference.db_types import UTCDateTime, utcnow
from conference.extensions import db

ENTRANCE = "entrance"
SESSION_POINT_PREFIX = "session:"


class ScanConference(Protocol):
    """What check-in reads of a conference: a `Conference`, or on a paired device's requests only the
    few columns `tokens.authenticate` loads with the token (the scan path loads no ORM objects)."""

    id: int
    slug: str
    title: str
    badge_key: str

    @property
    def tz(self) -> ZoneInfo: ...


class Colour(enum.StrEnum):
    GREEN = "green"
    AMBER = "amber"
    RED = "red"


class CheckInResult(enum.StrEnum):
    """What a scan decided, in the words a volunteer at the door would use."""

    OK = "ok"
    ALREADY_CHECKED_IN = "already_checked_in"
    ROOM_FULL = "room_full"  # recorded all the same: a warning for the door
    UNKNOWN_CODE = "unknown_code"
    FORGED_CODE = "forged_code"
    OTHER_CONFERENCE = "other_conference"
    REVOKED_BADGE = "revoked_badge"
    CANCELLED = "cancelled"
    UNPAID = "unpaid"
    NOT_CONFIRMED = "not_confirmed"
    NO_IN_PERSON_ACCESS = "no_in_person_access"

    @property
    def colour(self) -> Colour:
        if self is CheckInResult.OK:
            return Colour.GREEN
        if self in (CheckInResult.ALREADY_CHECKED_IN, CheckInResult.ROOM_FULL):
            return Colour.AMBER
        return Colour.RED

    @property
    def records_entry(self) -> bool:
        return self in (CheckInResult.OK, CheckInResult.ROOM_FULL)


class CheckIn(db.Model):
    """A registration checked in at a scan point: at most one per registration and point."""

    __tablename__ = "checkin"
    __table_args__ = (
        # What makes two concurrent scans of one badge record one check-in.
        UniqueConstraint("registration_id", "point", name="uq_checkin_registration_point"),
        # Counts per point (room full, dashboard); delta sync reads a conference's rows through it too.
        # Few indexes on purpose: every one is written by every scan.
        Index("ix_checkin_conference_point", "conference_id", "point"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    conference_id: Mapped[int] = mapped_column(ForeignKey("conference.id", ondelete="CASCADE"))
    registration_id: Mapped[int] = mapped_column(ForeignKey("registration.id", ondelete="CASCADE"))
    point: Mapped[str] = mapped_column(String(32))  # "entrance" or "session:<session id>"
    # When the delegate came in (the scanning device's clock, never later than the server received it).
    checked_in_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # Who scanned them, as the door shows it: the paired device's label or the staff member's name.
    checked_in_by: Mapped[str] = mapped_column(String(120), default="")
    by_user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    # When the server recorded it: what delta sync (changed_since) compares.
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Scan(db.Model):
    """Every scan ever received, whatever it decided; a device's id for it makes re-sending harmless."""

    __tablename__ = "checkin_scan"
    __table_args__ = (
        UniqueConstraint("conference_id", "client_id", name="uq_scan_conference_client"),
        # Delta sync asks for undone scans; partial, so that recording a scan never writes to it.
        Index(
            "ix_checkin_scan_undone",
            "conference_id",
            "undone_at",
            sqlite_where=text("undone_at IS NOT NULL"),
            postgresql_where=text("undone_at IS NOT NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    conference_id: Mapped[int] = mapped_column(ForeignKey("conference.id", ondelete="CASCADE"))
    client_id: Mapped[str] = mapped_column(String(64))
    code: Mapped[str] = mapped_column(String(64))
    registration_id: Mapped[int | None] = mapped_column(ForeignKey("registration.id", ondelete="SET NULL"))
    point: Mapped[str] = mapped_column(String(32))
    result: Mapped[CheckInResult] = mapped_column(enum_column_type(CheckInResult, "checkin_result"))
    reason: Mapped[str] = mapped_column(String(200), default="")
    scanned_at: Mapped[datetime] = mapped_column(UTCDateTime)  # the device's clock
    received_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    by_user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    by_device: Mapped[str] = mapped_column(String(120), default="")
    scanning_token_id: Mapped[int | None] = mapped_column(
        ForeignKey("scanning_token.id", ondelete="SET NULL")
    )
    undone_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class ScanningToken(db.Model):
    """A volunteer's phone paired by an organiser: a short-lived, conference-scoped bearer token."""

    __tablename__ = "scanning_token"

    id: Mapped[int] = mapped_column(primary_key=True)
    conference_id: Mapped[int] = mapped_column(ForeignKey("conference.id", ondelete="CASCADE"), index=True)
    label: Mapped[str] = mapped_column(String(120))
    created_by: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    paired_at: Mapped[datetime | None] = mapped_column(UTCDateTime)  # first opened on a phone

    def is_valid(self, now: datetime) -> bool:
        return self.revoked_at is None and self.expires_at > now
