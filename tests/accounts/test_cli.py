"""`flask create-admin`: the first site admin, or a promotion."""

from __future__ import annotations

from tests.accounts.conftest import account
from tests.factories import PASSWORD

NEW_PASSWORD = "a brand new passphrase"


def test_creating_an_admin_with_options(runner, client, auth):
    result = runner.invoke(
        args=["create-admin", "--email", "Root@Example.org", "--name", "Site Admin", "--password", PASSWORD]
    )
    assert result.exit_code == 0, result.output
    assert "Created the site admin root@example.org." in result.output
    admin = account("root@example.org")
    assert admin.is_site_admin and admin.display_name == "Site Admin"
    assert auth.login("root@example.org").status_code == 302


def test_creating_an_admin_asks_for_what_is_missing(runner):
    result = runner.invoke(
        args=["create-admin"], input=f"root@example.org\nSite Admin\n{PASSWORD}\n{PASSWORD}\n"
    )
    assert result.exit_code == 0, result.output
    assert "Repeat for confirmation" in result.output
    assert PASSWORD not in result.output  # typed hidden
    assert account("root@example.org").check_password(PASSWORD)


def test_the_password_must_be_typed_the_same_twice(runner):
    result = runner.invoke(
        args=["create-admin", "--email", "root@example.org", "--name", "Admin"],
        input=f"{PASSWORD}\nsomething else\n{NEW_PASSWORD}\n{NEW_PASSWORD}\n",
    )
    assert result.exit_code == 0, result.output
    assert "do not match" in result.output
    assert account("root@example.org").check_password(NEW_PASSWORD)


def test_promoting_an_existing_account_keeps_its_password(runner, member):
    result = runner.invoke(args=["create-admin", "--email", "MINA@example.org"])
    assert result.exit_code == 0, result.output
    assert "mina@example.org is now a site admin." in result.output
    user = account("mina@example.org")
    assert user.is_site_admin and user.check_password(PASSWORD) and user.display_name == "Mina Park"


def test_promoting_with_a_password_sets_it(runner, member):
    result = runner.invoke(args=["create-admin", "--email", "mina@example.org", "--password", NEW_PASSWORD])
    assert result.exit_code == 0, result.output
    assert account("mina@example.org").check_password(NEW_PASSWORD)
    again = runner.invoke(args=["create-admin", "--email", "mina@example.org"])
    assert "was a site admin already" in again.output


def test_an_invalid_address_is_a_clear_error(runner):
    result = runner.invoke(args=["create-admin", "--email", "not-an-address", "--password", PASSWORD])
    assert result.exit_code == 1
    assert "Error: Not a valid e-mail address" in result.output
    assert account("not-an-address") is None


def test_a_short_password_is_a_clear_error(runner, member):
    result = runner.invoke(
        args=["create-admin", "--email", "root@example.org", "--name", "A", "--password", "short"]
    )
    assert result.exit_code == 1
    assert "Error: A password needs 10 to 128 characters." in result.output
    assert account("root@example.org") is None
    result = runner.invoke(args=["create-admin", "--email", "mina@example.org", "--password", "short"])
    assert result.exit_code == 1
    assert not account("mina@example.org").is_site_admin


def test_an_empty_name_is_a_clear_error(runner):
    result = runner.invoke(
        args=["create-admin", "--email", "root@example.org", "--name", " ", "--password", PASSWORD]
    )
    assert result.exit_code == 1
    assert "Error: A name needs 1 to 120 characters." in result.output
