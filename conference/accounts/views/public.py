"""Signing up, logging in and out, resetting a forgotten password, and the account page."""

from __future__ import annotations

from flask import Blueprint, current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user
from flask_login.config import COOKIE_NAME

from conference.accounts import services
from conference.accounts.forms import (
    PASSWORD_HINT,
    ChangePasswordForm,
    ForgotPasswordForm,
    LoginForm,
    ProfileForm,
    ResetPasswordForm,
    SignupForm,
)
from conference.accounts.models import User
from conference.extensions import limiter
from conference.i18n.redirects import safe_next

bp = Blueprint("accounts", __name__)


@bp.context_processor
def account_labels() -> dict:
    return {"password_hint": PASSWORD_HINT}


def _next_url() -> str | None:
    """The `next` page, if it is one of ours, for links between the log-in and sign-up pages."""
    return safe_next(request.args.get("next"), default="") or None


def _me() -> User:
    return current_user._get_current_object()  # type: ignore[attr-defined]


def _locale() -> str:
    return str(get_locale() or current_app.config["BABEL_DEFAULT_LOCALE"])


@bp.route("/signup", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["SIGNUP_RATE_LIMIT"], methods=["POST"])
def signup():
    form = SignupForm()
    if form.validate_on_submit():
        try:
            user = services.create_user(
                form.email.data, form.password.data, form.display_name.data, locale=_locale()
            )
        except services.EmailTaken:
            form.email.errors.append(
                _("An account with this e-mail address exists already. Log in, or ask for a new password.")
            )
        except services.InvalidEmail:
            form.email.errors.append(_("Enter an e-mail address like name@example.org."))
        else:
            login_user(user)
            flash(_("Welcome to Plenary, %(name)s.", name=user.display_name), "success")
            return redirect(safe_next(request.args.get("next")))
    return render_template("accounts/signup.html", form=form, next_url=_next_url())


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["LOGIN_RATE_LIMIT"], methods=["POST"])
def login():
    form = LoginForm()
    failed = False
    if form.validate_on_submit():
        try:
            user = services.authenticate(form.email.data, form.password.data)
        except services.InvalidCredentials:
            failed = True
        else:
            login_user(user, remember=form.remember.data)
            return redirect(safe_next(request.args.get("next")))
    return render_template("accounts/login.html", form=form, failed=failed, next_url=_next_url())


@bp.post("/logout")
def logout():
    logout_user()
    flash(_("You have logged out."), "info")
    return redirect("/")


def _reset_link(token: str) -> str:
    return current_app.config["BASE_URL"] + url_for("accounts.reset_password", token=token, _external=False)


@bp.route("/password/forgot", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["LOGIN_RATE_LIMIT"], methods=["POST"])
def forgot_password():
    form = ForgotPasswordForm()
    if form.validate_on_submit():
        services.send_password_reset(form.email.data, link_for=_reset_link, locale=_locale())
        # The same answer whether or not the account exists, so the form reveals no one.
        flash(
            _(
                "If an account exists for that address, we have sent it a link to choose a new password. "
                "The link works for %(minutes)d minutes.",
                minutes=services.reset_link_minutes(),
            ),
            "info",
        )
        return redirect(url_for("accounts.login"))
    return render_template("accounts/forgot_password.html", form=form, minutes=services.reset_link_minutes())


@bp.route("/password/reset/<token>", methods=["GET", "POST"])
def reset_password(token: str):
    form = ResetPasswordForm()
    try:
        if form.validate_on_submit():
            user = services.reset_password(token, form.password.data)
            login_user(user)
            flash(_("Your new password is saved and you are logged in."), "success")
            return redirect("/")
        services.user_from_reset_token(token)
    except services.InvalidResetLink as exc:
        page = render_template(
            "accounts/reset_invalid.html", problem=exc.problem.value, minutes=services.reset_link_minutes()
        )
        return page, 400
    return render_template("accounts/reset_password.html", form=form)


def _account_page(profile: ProfileForm | None = None, password: ChangePasswordForm | None = None):
    # The page holds both forms; the one not being sent is filled from the account, not the request.
    return render_template(
        "accounts/account.html",
        profile=profile or ProfileForm(formdata=None, obj=current_user),
        password=password or ChangePasswordForm(formdata=None),
    )


@bp.route("/account", methods=["GET", "POST"])
@login_required
def account():
    form = ProfileForm(obj=current_user)
    if form.validate_on_submit():
        user = services.update_profile(_me(), form.display_name.data, form.locale.data)
        # The language switcher's choice outranks the account's, so make them agree.
        if user.locale:
            session["lang"] = user.locale
        else:
            session.pop("lang", None)
        flash(_("Your details are saved."), "success")
        return redirect(url_for("accounts.account"))
    return _account_page(profile=form)


@bp.post("/account/password")
@login_required
def change_password():
    form = ChangePasswordForm()
    if form.validate_on_submit():
        try:
            services.change_password(_me(), form.current_password.data, form.new_password.data)
        except services.WrongPassword:
            form.current_password.errors.append(_("This is not your current password."))
        else:
            # Every other browser is logged out by the change (User.get_id); this one logs in again.
            remembered = current_app.config.get("REMEMBER_COOKIE_NAME", COOKIE_NAME) in request.cookies
            login_user(_me(), remember=remembered)
            flash(_("Your new password is saved and every other device is logged out."), "success")
            return redirect(url_for("accounts.account"))
    return _account_page(password=form)
