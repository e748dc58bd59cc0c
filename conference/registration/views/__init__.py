"""The two registration blueprints every page module adds to, and what their pages share.

Public pages (`registration`): the form (`views/public.py`), delegations (`delegations/views.py`) and what
the "my registration" link opens (`links/views.py`). Organiser pages (`registration_manage`): the
registrations (`views/manage.py`), exports (`exports/views.py`) and the setup (`setup/views.py`).
"""

from __future__ import annotations

from flask import Blueprint, current_app, render_template
from flask_babel import get_locale
from flask_login import current_user

from conference.db_types import utcnow
from conference.events.models import Conference
from conference.payments.forms import money
from conference.registration.forms import HONORIFICS
from conference.registration.labels import registration_labels
from conference.registration.policy import registration_open, tickets_offered
from conference.registration.questions import answer_text

public_bp = Blueprint("registration", __name__, url_prefix="/c/<slug>")
public_bp.context_processor(registration_labels)

manage_bp = Blueprint("registration_manage", __name__, url_prefix="/c/<slug>/manage")
manage_bp.context_processor(registration_labels)


@public_bp.context_processor
def helpers() -> dict:
    return {"money": money, "answer_text": answer_text, "honorifics": HONORIFICS}


@manage_bp.context_processor
def money_helpers() -> dict:
    return {"money": money}


def registration_on_sale(conference: Conference) -> bool:
    """Whether the conference home shows the register button: open, with a ticket anyone may choose."""
    return registration_open(conference) and bool(tickets_offered(conference, utcnow()))


def user_id() -> int | None:
    """The signed-in visitor's id, if any: registering needs no account."""
    return current_user.id if current_user.is_authenticated else None


def locale() -> str:
    """The language the visitor reads, for the e-mails a registration sends them."""
    return str(get_locale() or "en")


def online_payments() -> bool:
    return bool(current_app.config.get("STRIPE_SECRET_KEY"))


def closed():
    return render_template("registration/closed.html")
