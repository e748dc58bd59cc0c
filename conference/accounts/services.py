"""Accounts: signing up, logging in, profiles, passwords, the links that reset them and site admins.

Every function takes plain values (no request) and raises a domain error the caller turns into a message.
"""

from __future__ import annotations

import enum
import hashlib
import hmac
from collections.abc import Callable
from functools import cache

from email_validator import EmailNotValidError, validate_email
from flask import current_app, render_template
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy.exc import IntegrityError
from werkzeug.security import check_password_hash, generate_password_hash

from conference.accounts.models import User, normalise_email
from conference.accounts.queries import user_by_email
from conference.audit.services import snapshot
from conference.core.changes import note
from conference.core.signing import InvalidLink, Signer
from conference.db_types import utcnow
from conference.extensions import db
from conference.mail.models import OutboxMessage
from conference.mail.services import send_mail

# Match the column sizes in accounts/models.py.
MAX_EMAIL = 254
MAX_NAME = 120
MIN_PASSWORD = 10
MAX_PASSWORD = 128
RESET_SALT = "password-reset"


class AccountError(ValueError):
    """Base of the errors below; the message is plain English for the command line and logs."""


class InvalidEmail(AccountError):
    """Not an e-mail address (or longer than the column allows)."""


class InvalidPassword(AccountError):
    """A new password that is too short or too long."""


class InvalidName(AccountError):
    """An empty or over-long display name."""


class UnknownLanguage(AccountError):
    """A preferred language that is not one of the configured LANGUAGES."""


class EmailTaken(AccountError):
    """Another account already has this e-mail address (in any letter case)."""


class InvalidCredentials(AccountError):
    """No account with this e-mail and password; deliberately does not say which one was wrong."""


class WrongPassword(AccountError):
    """The current password given to confirm a change is not the account's password."""


class ResetLinkProblem(enum.StrEnum):
    EXPIRED = "expired"
    USED = "used"  # the password changed since the link was made
    BROKEN = "broken"  # forged, mistyped or for an account that is gone


class InvalidResetLink(AccountError):
    """A password-reset link that cannot be used; `problem` says why."""

    def __init__(self, problem: ResetLinkProblem) -> None:
        super().__init__(f"password-reset link {problem.value}")
        self.problem = problem


class AdminOutcome(enum.StrEnum):
    CREATED = "created"
    PROMOTED = "promoted"
    ALREADY_ADMIN = "already_admin"


# Checks shared by the forms' callers and the command line


def checked_email(address: str) -> str:
    """The address as stored (trimmed, lower-cased); raises InvalidEmail when it is not one."""
    address = (address or "").strip()
    if len(address) > MAX_EMAIL:
        raise InvalidEmail(f"An e-mail address has at most {MAX_EMAIL} characters.")
    try:
        validate_email(address, check_deliverability=False)
    except EmailNotValidError as exc:
        raise InvalidEmail(f"Not a valid e-mail address: {exc}") from exc
    return normalise_email(address)


def checked_password(password: str | None) -> str:
    if not password or not MIN_PASSWORD <= len(password) <= MAX_PASSWORD:
        raise InvalidPassword(f"A password needs {MIN_PASSWORD} to {MAX_PASSWORD} characters.")
    return password


def checked_name(display_name: str | None) -> str:
    name = (display_name or "").strip()
    if not name or len(name) > MAX_NAME:
        raise InvalidName(f"A name needs 1 to {MAX_NAME} characters.")
    return name


def account_snapshot(user: User) -> dict:
    """The account's columns for the audit log, which never holds a password hash."""
    return {key: value for key, value in snapshot(user).items() if key != "password_hash"}


# Signing up and logging in


def create_user(
    email: str, password: str, display_name: str, *, locale: str | None = None, site_admin: bool = False
) -> User:
    """Create an account; raises InvalidEmail, InvalidPassword, InvalidName or EmailTaken."""
    email = checked_email(email)
    name = checked_name(display_name)
    checked_password(password)
    if user_by_email(email) is not None:
        raise EmailTaken(email)
    user = User(
        email=email,
        display_name=name,
        locale=locale if locale in current_app.config["LANGUAGES"] else None,
        is_site_admin=site_admin,
    )
    user.set_password(password)
    db.session.add(user)
    try:
        db.session.flush()
    except IntegrityError as exc:  # someone signed up with the same address at the same moment
        db.session.rollback()
        raise EmailTaken(email) from exc
    note("user.created", user, user_id=user.id, conference_id=None, after=account_snapshot(user), commit=True)
    return user


@cache
def _unused_hash() -> str:
    return generate_password_hash("no account has this password")


def authenticate(email: str, password: str) -> User:
    """The account with this e-mail and password, its log-in time recorded; else InvalidCredentials."""
    user = user_by_email(email)
    if user is None:
        # Hash anyway, so the answer takes as long as for a real account and does not reveal it.
        check_password_hash(_unused_hash(), password or "")
        raise InvalidCredentials("Wrong e-mail or password.")
    if not user.check_password(password or ""):
        raise InvalidCredentials("Wrong e-mail or password.")
    user.last_login_at = utcnow()
    db.session.commit()
    return user


# The account page


def update_profile(user: User, display_name: str, locale: str | None) -> User:
    """Change the display name and preferred language (None: follow the browser)."""
    name = checked_name(display_name)
    locale = locale or None
    if locale is not None and locale not in current_app.config["LANGUAGES"]:
        raise UnknownLanguage(f"Unknown language {locale!r}.")
    before = account_snapshot(user)
    user.display_name = name
    user.locale = locale
    db.session.flush()
    note(
        "user.updated",
        user,
        user_id=user.id,
        conference_id=None,
        before=before,
        after=account_snapshot(user),
        commit=True,
    )
    return user


def change_password(user: User, current_password: str, new_password: str) -> None:
    """Set a new password after checking the current one; raises WrongPassword or InvalidPassword."""
    if not user.check_password(current_password or ""):
        raise WrongPassword("The current password is not right.")
    _set_password(user, new_password, action="user.password_changed")


def _set_password(user: User, password: str, *, action: str) -> None:
    user.set_password(checked_password(password))
    note(action, user, user_id=user.id, conference_id=None, commit=True)


# Password-reset links


RESET_LINKS = Signer(RESET_SALT, max_age="PASSWORD_RESET_MAX_AGE")


def _fingerprint(user: User) -> str:
    # Changes whenever the password does, so a link works once and dies with the old password.
    return hashlib.sha256(user.password_hash.encode()).hexdigest()[:20]


def make_reset_token(user: User) -> str:
    """A signed, timed token naming the account and its current password."""
    return RESET_LINKS.dumps({"user": user.id, "password": _fingerprint(user)})


def user_from_reset_token(token: str) -> User:
    """The account a reset link is for; raises InvalidResetLink when it is expired, used or broken."""
    try:
        data = RESET_LINKS.loads(token)
    except InvalidLink as exc:
        raise InvalidResetLink(ResetLinkProblem(exc.problem.value)) from exc
    user_id = data.get("user") if isinstance(data, dict) else None
    user = db.session.get(User, user_id) if isinstance(user_id, int) else None
    if user is None:
        raise InvalidResetLink(ResetLinkProblem.BROKEN)
    if not hmac.compare_digest(str(data.get("password")), _fingerprint(user)):
        raise InvalidResetLink(ResetLinkProblem.USED)
    return user


def reset_password(token: str, new_password: str) -> User:
    """Set a new password through a reset link (which stops working); raises InvalidResetLink."""
    user = user_from_reset_token(token)
    _set_password(user, new_password, action="user.password_reset")
    return user


def reset_link_minutes() -> int:
    return max(1, current_app.config["PASSWORD_RESET_MAX_AGE"] // 60)


def send_password_reset(email: str, *, link_for: Callable[[str], str], locale: str) -> OutboxMessage | None:
    """Mail a reset link (built by `link_for(token)`) in `locale` if an account has this address.

    Returns the message, or None when there is no such account; callers answer the same either way.
    """
    user = user_by_email(email)
    if user is None:
        return None
    link = link_for(make_reset_token(user))
    with force_locale(locale):
        subject = _("Choose a new password for Plenary")
        body = render_template("mail/password_reset.txt", user=user, link=link, minutes=reset_link_minutes())
    return send_mail(user.email, subject, body)


# Site admins (the `flask create-admin` command)


def create_or_promote_admin(
    email: str, display_name: str | None, password: str | None
) -> tuple[User, AdminOutcome]:
    """Make `email` a site admin: a new account (name and password needed) or an existing one promoted.

    For an existing account a given name or password replaces the old one.
    """
    email = checked_email(email)
    user = user_by_email(email)
    if user is None:
        if password is None:
            raise InvalidPassword("A new account needs a password.")
        return create_user(email, password, display_name or "", site_admin=True), AdminOutcome.CREATED
    name = checked_name(display_name) if display_name is not None else user.display_name
    if password is not None:
        checked_password(password)
    outcome = AdminOutcome.ALREADY_ADMIN if user.is_site_admin else AdminOutcome.PROMOTED
    before = account_snapshot(user)
    user.display_name = name
    if password is not None:
        user.set_password(password)
    user.is_site_admin = True
    db.session.flush()
    note(
        "user.made_admin",
        user,
        user_id=None,
        conference_id=None,
        before=before,
        after=account_snapshot(user),
        commit=True,
    )
    return user, outcome
