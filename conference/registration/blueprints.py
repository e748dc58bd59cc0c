"""The registration blueprints, public pages and organiser pages, with what their pages share."""

from __future__ import annotations

from flask import Blueprint
from flask_login import current_user

from conference.db_types import utcnow
from conference.events.forms import manage_labels
from conference.events.models import Conference
from conference.payments.forms import money
from conference.registration.forms import HONORIFICS
from conference.registration.manage_forms import registration_labels
from conference.registration.policy import registration_open, tickets_offered
from conference.registration.questions import answer_text

# Public pages: views.py (the forms) and my_registration.py (what a signed link opens).
public = Blueprint("registration", __name__, url_prefix="/c/<slug>")
public.context_processor(registration_labels)

# Organiser pages: manage_setup.py (tickets, questions, settings) and manage.py (the registrations).
manage = Blueprint("registration_manage", __name__, url_prefix="/c/<slug>/manage")
manage.context_processor(manage_labels)
manage.context_processor(registration_labels)


@public.context_processor
def helpers() -> dict:
    return {"money": money, "answer_text": answer_text, "honorifics": HONORIFICS}


@public.app_template_global()
def registration_on_sale(conference: Conference) -> bool:
    """Whether the conference home shows the register button: open, with a ticket anyone may choose."""
    return registration_open(conference) and bool(tickets_offered(conference, utcnow()))


@manage.context_processor
def money_helpers() -> dict:
    return {"money": money}


def user_id() -> int | None:
    """The signed-in visitor's id, if any: registering needs no account."""
    return current_user.id if current_user.is_authenticated else None
