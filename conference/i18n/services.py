"""What changes with a language choice: a signed-in account keeps it as its preferred language."""

from __future__ import annotations

from typing import TYPE_CHECKING

from conference.extensions import db

if TYPE_CHECKING:  # accounts sits above i18n
    from conference.accounts.models import User


def remember_language(user: User, code: str) -> None:
    """Make `code` the account's language (not audited: a preference, like the switcher's cookie)."""
    user.locale = code
    db.session.commit()
