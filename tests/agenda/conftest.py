"""Helpers for the organiser-page tests of the programme."""

from __future__ import annotations

import pytest


@pytest.fixture
def signed_in(auth, organiser):
    auth.login(organiser.email)
    return organiser
