"""Fixtures for the agenda tests: a visitor with an account, logged in."""

from __future__ import annotations

import pytest

from conference.accounts.models import User
from tests import factories
from tests.conftest import AuthActions


@pytest.fixture
def mina(auth: AuthActions) -> User:
    """Mina Park, a visitor with an account and no role, logged in on the test client."""
    user = factories.make_user("mina@example.org", name="Mina Park")
    auth.login(user.email)
    return user
