"""Forms for signing up, logging in, resetting a password and the account page."""

from __future__ import annotations

from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, PasswordField, SelectField, StringField
from wtforms.fields import SelectChoice
from wtforms.validators import DataRequired, Email, EqualTo, Length

from conference.accounts.services import MAX_EMAIL, MAX_NAME, MAX_PASSWORD, MIN_PASSWORD

REQUIRED = _l("This field is required.")
TOO_LONG = _l("Use at most %(max)d characters.")
PASSWORD_HINT = _l("At least %(min)d characters. A few words you will remember work well.", min=MIN_PASSWORD)


def strip(value):
    return value.strip() if isinstance(value, str) else value


def _email_field() -> EmailField:
    return EmailField(
        _l("E-mail address"),
        filters=[strip],
        validators=[
            DataRequired(REQUIRED),
            Length(max=MAX_EMAIL, message=TOO_LONG),
            Email(_l("Enter an e-mail address like name@example.org."), check_deliverability=False),
        ],
    )


def _name_field() -> StringField:
    return StringField(
        _l("Your name"),
        filters=[strip],
        validators=[DataRequired(REQUIRED), Length(max=MAX_NAME, message=TOO_LONG)],
    )


def _new_password_field(label) -> PasswordField:
    return PasswordField(
        label,
        validators=[
            DataRequired(REQUIRED),
            Length(min=MIN_PASSWORD, message=_l("Use at least %(min)d characters.")),
            Length(max=MAX_PASSWORD, message=TOO_LONG),
        ],
    )


def _confirm_field(label, of: str) -> PasswordField:
    return PasswordField(
        label,
        validators=[DataRequired(REQUIRED), EqualTo(of, message=_l("The two passwords are not the same."))],
    )


class SignupForm(FlaskForm):
    display_name = _name_field()
    email = _email_field()
    password = _new_password_field(_l("Password"))
    confirm = _confirm_field(_l("Repeat the password"), "password")


class LoginForm(FlaskForm):
    # No format check here: any mistake gets the same "wrong e-mail or password" answer.
    email = EmailField(
        _l("E-mail address"),
        filters=[strip],
        validators=[DataRequired(REQUIRED), Length(max=MAX_EMAIL, message=TOO_LONG)],
    )
    password = PasswordField(
        _l("Password"), validators=[DataRequired(REQUIRED), Length(max=MAX_PASSWORD, message=TOO_LONG)]
    )
    remember = BooleanField(_l("Keep me logged in on this device"))


class ForgotPasswordForm(FlaskForm):
    email = _email_field()


class ResetPasswordForm(FlaskForm):
    password = _new_password_field(_l("New password"))
    confirm = _confirm_field(_l("Repeat the new password"), "password")


class ProfileForm(FlaskForm):
    display_name = _name_field()
    locale = SelectField(
        _l("Preferred language"),
        invalid_choice_message=_l("Choose one of the languages in the list."),
        validate_choice=True,
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        languages = current_app.config["LANGUAGES"]
        # Native names: a reader finds their own language whatever the page is shown in.
        self.locale.choices = [
            SelectChoice("", _("The language of my browser")),
            *(SelectChoice(code, name, render_kw={"lang": code}) for code, name in languages.items()),
        ]
        if self.locale.data is None:
            self.locale.data = ""


class ChangePasswordForm(FlaskForm):
    current_password = PasswordField(
        _l("Current password"),
        validators=[DataRequired(REQUIRED), Length(max=MAX_PASSWORD, message=TOO_LONG)],
    )
    new_password = _new_password_field(_l("New password"))
    confirm_new_password = _confirm_field(_l("Repeat the new password"), "new_password")
