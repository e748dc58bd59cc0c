"""Helpers for the account tests: a member account and the reset link read out of the mail outbox."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from conference.accounts.models import User
from conference.extensions import db
from conference.mail.models import OutboxMessage
from tests import factories

RESET_LINK = re.compile(r"http://localhost(/password/reset/[\w.\-]+)")


def outbox() -> list[OutboxMessage]:
    return list(db.session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)))


def reset_path(message: OutboxMessage) -> str:
    """The path of the reset link in a mail (BASE_URL is http://localhost in tests)."""
    match = RESET_LINK.search(message.body_text)
    assert match, message.body_text
    return match.group(1)


def account(email: str) -> User | None:
    db.session.expire_all()  # see what the requests committed
    return db.session.scalar(select(User).where(User.email == email))


@pytest.fixture
def member(app) -> User:
    return factories.make_user("mina@example.org", name="Mina Park")
