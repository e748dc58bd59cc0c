"""Looking accounts up (no writes)."""

from __future__ import annotations

from sqlalchemy import select

from conference.accounts.models import User, normalise_email
from conference.extensions import db


def user_by_email(email: str) -> User | None:
    return db.session.scalar(select(User).where(User.email == normalise_email(email or "")))
