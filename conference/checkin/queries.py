"""What the organiser's check-in pages read besides the dashboard: the paired scanning devices."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select

from conference.checkin.models import Scan, ScanningToken
from conference.events.models import Conference
from conference.extensions import db


@dataclass(frozen=True)
class DeviceRow:
    token: ScanningToken
    scans: int
    last_scan_at: datetime | None


def devices(conference: Conference) -> list[DeviceRow]:
    """The conference's scanning tokens, newest first, with how much each has scanned."""
    activity = (
        select(
            Scan.scanning_token_id,
            func.count(Scan.id).label("scans"),
            func.max(Scan.received_at).label("last"),
        )
        .where(Scan.conference_id == conference.id, Scan.scanning_token_id.is_not(None))
        .group_by(Scan.scanning_token_id)
        .subquery()
    )
    query = (
        select(ScanningToken, activity.c.scans, activity.c.last)
        .outerjoin(activity, activity.c.scanning_token_id == ScanningToken.id)
        .where(ScanningToken.conference_id == conference.id)
        .order_by(ScanningToken.created_at.desc(), ScanningToken.id.desc())
    )
    return [DeviceRow(token, scans or 0, last) for token, scans, last in db.session.execute(query)]
