"""A delegation's members, as its page lists them."""

from __future__ import annotations

from sqlalchemy import select

from conference.extensions import db
from conference.registration.models import Delegation, Registration


def members(delegation: Delegation) -> list[Registration]:
    query = select(Registration).where(Registration.delegation_id == delegation.id).order_by(Registration.id)
    return list(db.session.scalars(query))


def member(delegation: Delegation, registration_id: int) -> Registration | None:
    registration = db.session.get(Registration, registration_id)
    if registration is None or registration.delegation_id != delegation.id:
        return None
    return registration
