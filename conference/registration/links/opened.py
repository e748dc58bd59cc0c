"""What a signed link opens (a registration, a delegation), or the link-problem page as an abort: shared by
the "my registration" pages, the badge and calendar-feed links and the personal agenda."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from flask import abort, make_response, render_template

from conference.core.signing import InvalidLink, LinkProblem
from conference.events.models import Conference
from conference.registration.links.tokens import delegation_from_token, registration_from_token
from conference.registration.models import Delegation, Registration


def _link_problem(problem: LinkProblem):
    # A broken link is "not found"; an expired one is gone, and its page offers to send a new one.
    status = 410 if problem == LinkProblem.EXPIRED else 404
    return make_response(render_template("registration/link_invalid.html", problem=problem), status)


Linked = TypeVar("Linked", Registration, Delegation)


def _opened_by_link(load: Callable[[str], Linked], conference: Conference, token: str) -> Linked:
    # A link to another conference's registration or delegation is as broken as a mistyped one.
    try:
        found = load(token)
    except InvalidLink as exc:
        abort(_link_problem(exc.problem))
    if found.conference_id != conference.id:
        abort(_link_problem(LinkProblem.BROKEN))
    return found


def registration_for_link(conference: Conference, token: str) -> Registration:
    """The registration a \"my registration\" link opens, or the link-problem page as an abort."""
    return _opened_by_link(registration_from_token, conference, token)


def delegation_for_link(conference: Conference, token: str) -> Delegation:
    """The delegation a contact's link opens, or the link-problem page as an abort."""
    return _opened_by_link(delegation_from_token, conference, token)
