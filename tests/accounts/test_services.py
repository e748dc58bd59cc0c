"""The account services on their own: no request, just an application context."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from conference.accounts import services
from conference.accounts.models import User
from conference.accounts.services import AdminOutcome, ResetLinkProblem
from conference.audit.models import AuditEntry
from conference.extensions import db
from tests.accounts.conftest import outbox
from tests.factories import PASSWORD

NEW_PASSWORD = "a brand new passphrase"


def test_create_user_stores_the_address_lower_cased(app):
    user = services.create_user(" Mina@Example.ORG ", PASSWORD, "  Mina Park ", locale="ko")
    assert (user.email, user.display_name, user.locale, user.is_site_admin) == (
        "mina@example.org",
        "Mina Park",
        "ko",
        False,
    )
    assert user.check_password(PASSWORD)
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "user.created"))
    assert entry.object_id == user.id and "password_hash" not in entry.after


def test_create_user_ignores_an_unknown_language(app):
    assert services.create_user("mina@example.org", PASSWORD, "Mina", locale="xx").locale is None


def test_create_user_refuses_a_taken_address_in_any_case(app, member):
    with pytest.raises(services.EmailTaken):
        services.create_user("MINA@EXAMPLE.ORG", PASSWORD, "Another Mina")


@pytest.mark.parametrize(
    ("email", "password", "name", "error"),
    [
        ("not-an-address", PASSWORD, "Mina", services.InvalidEmail),
        ("a" * 250 + "@example.org", PASSWORD, "Mina", services.InvalidEmail),
        ("", PASSWORD, "Mina", services.InvalidEmail),
        ("mina@example.org", "short", "Mina", services.InvalidPassword),
        ("mina@example.org", "p" * 129, "Mina", services.InvalidPassword),
        ("mina@example.org", PASSWORD, "   ", services.InvalidName),
        ("mina@example.org", PASSWORD, "x" * 121, services.InvalidName),
    ],
)
def test_create_user_refuses_bad_values(app, email, password, name, error):
    with pytest.raises(error):
        services.create_user(email, password, name)
    assert db.session.scalar(select(AuditEntry)) is None


def test_authenticate_records_the_log_in(app, member):
    user = services.authenticate("MINA@example.org ", PASSWORD)
    assert user.id == member.id
    assert user.last_login_at is not None


@pytest.mark.parametrize(
    ("email", "password"), [("mina@example.org", "wrong password"), ("x@example.org", PASSWORD)]
)
def test_authenticate_refuses_wrong_credentials(app, member, email, password):
    with pytest.raises(services.InvalidCredentials):
        services.authenticate(email, password)
    assert member.last_login_at is None


def test_update_profile(app, member):
    services.update_profile(member, " Park Mina ", "ko")
    assert (member.display_name, member.locale) == ("Park Mina", "ko")
    services.update_profile(member, "Park Mina", "")
    assert member.locale is None
    with pytest.raises(services.UnknownLanguage):
        services.update_profile(member, "Park Mina", "xx")
    with pytest.raises(services.InvalidName):
        services.update_profile(member, "", None)


def test_change_password_needs_the_current_one(app, member):
    with pytest.raises(services.WrongPassword):
        services.change_password(member, "not my password", NEW_PASSWORD)
    with pytest.raises(services.InvalidPassword):
        services.change_password(member, PASSWORD, "short")
    services.change_password(member, PASSWORD, NEW_PASSWORD)
    assert member.check_password(NEW_PASSWORD)


def test_a_reset_token_names_its_account_and_works_once(app, member):
    token = services.make_reset_token(member)
    assert services.user_from_reset_token(token) is member
    assert services.reset_password(token, NEW_PASSWORD) is member
    assert member.check_password(NEW_PASSWORD)
    with pytest.raises(services.InvalidResetLink) as refused:
        services.reset_password(token, "yet another passphrase")
    assert refused.value.problem is ResetLinkProblem.USED
    assert member.check_password(NEW_PASSWORD)


def test_a_reset_token_expires(app, member):
    token = services.make_reset_token(member)
    app.config["PASSWORD_RESET_MAX_AGE"] = -1
    with pytest.raises(services.InvalidResetLink) as refused:
        services.user_from_reset_token(token)
    assert refused.value.problem is ResetLinkProblem.EXPIRED


def test_a_reset_token_is_bound_to_the_secret_key_and_salt(app, member):
    from itsdangerous import URLSafeTimedSerializer

    payload = {"user": member.id, "password": "0" * 20}
    for key, salt in [("another key", "password-reset"), (app.secret_key, "another salt")]:
        forged = URLSafeTimedSerializer(key, salt=salt).dumps(payload)
        with pytest.raises(services.InvalidResetLink) as refused:
            services.user_from_reset_token(forged)
        assert refused.value.problem is ResetLinkProblem.BROKEN


@pytest.mark.parametrize(
    "payload", [{"user": 999, "password": "x"}, {"user": "1"}, ["not", "a", "dict"], None]
)
def test_a_reset_token_for_no_account_is_broken(app, member, payload):
    from itsdangerous import URLSafeTimedSerializer

    token = URLSafeTimedSerializer(app.secret_key, salt="password-reset").dumps(payload)
    with pytest.raises(services.InvalidResetLink) as refused:
        services.user_from_reset_token(token)
    assert refused.value.problem is ResetLinkProblem.BROKEN


def test_a_reset_with_a_bad_password_keeps_the_link(app, member):
    token = services.make_reset_token(member)
    with pytest.raises(services.InvalidPassword):
        services.reset_password(token, "short")
    assert services.user_from_reset_token(token) is member


def test_send_password_reset_mails_a_link_without_a_request(app, member):
    message = services.send_password_reset(
        "Mina@example.org", link_for=lambda token: f"https://plenary.example.org/r/{token}", locale="en"
    )
    assert message is not None and outbox() == [message]
    assert message.recipient == "mina@example.org"
    token = message.body_text.split("https://plenary.example.org/r/")[1].split()[0]
    assert services.user_from_reset_token(token) is member


def test_send_password_reset_sends_nothing_for_an_unknown_address(app, member):
    assert services.send_password_reset("nobody@example.org", link_for=str, locale="en") is None
    assert outbox() == []


def test_create_or_promote_admin(app, member):
    admin, outcome = services.create_or_promote_admin("Root@example.org", "Site Admin", PASSWORD)
    assert outcome is AdminOutcome.CREATED
    assert (admin.email, admin.is_site_admin) == ("root@example.org", True)

    promoted, outcome = services.create_or_promote_admin("mina@example.org", None, None)
    assert outcome is AdminOutcome.PROMOTED and promoted is member
    assert member.is_site_admin and member.check_password(PASSWORD) and member.display_name == "Mina Park"

    _, outcome = services.create_or_promote_admin("mina@example.org", "Mina P.", NEW_PASSWORD)
    assert outcome is AdminOutcome.ALREADY_ADMIN
    assert member.check_password(NEW_PASSWORD) and member.display_name == "Mina P."
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "user.made_admin"))
    assert entry.after == {"is_site_admin": True}


@pytest.mark.parametrize(
    ("email", "name", "password", "error"),
    [
        ("not-an-address", "Admin", PASSWORD, services.InvalidEmail),
        ("new@example.org", "Admin", None, services.InvalidPassword),
        ("new@example.org", "Admin", "short", services.InvalidPassword),
        ("new@example.org", "", PASSWORD, services.InvalidName),
        ("mina@example.org", None, "short", services.InvalidPassword),
    ],
)
def test_create_or_promote_admin_refuses_bad_values(app, member, email, name, password, error):
    with pytest.raises(error):
        services.create_or_promote_admin(email, name, password)
    assert db.session.scalar(select(User).where(User.is_site_admin)) is None
    assert not db.session.dirty
