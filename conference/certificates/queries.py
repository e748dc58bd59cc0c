"""Who attended: checked in on site at any scan point, or joined a session's stream online."""

from __future__ import annotations

from sqlalchemy import exists, select

from conference.checkin.models import CheckIn
from conference.extensions import db
from conference.registration.models import Registration
from conference.streaming.models import StreamJoin


def attended(registration: Registration) -> bool:
    """Whether the delegate attended, in one query: a check-in anywhere or a stream joined."""
    on_site = exists().where(CheckIn.registration_id == registration.id)
    online = exists().where(StreamJoin.registration_id == registration.id)
    return bool(db.session.scalar(select(on_site | online)))
