"""Who may see and change what: every public conference page, organiser and staff route goes through it."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from flask import abort, g
from flask_login import current_user

from conference.accounts.models import Role
from conference.events.models import Conference
from conference.events.queries import conference_by_slug, visible_conference
from conference.extensions import login_manager


def load_conference(slug: str) -> Conference:
    """The conference for a public page, or a 404 (drafts only for their organisers and site admins)."""
    conference = visible_conference(slug, current_user)
    if conference is None:
        abort(404)
    g.conference = conference
    return conference


def _require(check: Callable[[Conference], bool]):
    def decorator(view):
        @wraps(view)
        def wrapped(slug: str, **kwargs):
            if not current_user.is_authenticated:
                return login_manager.unauthorized()
            conference = conference_by_slug(slug)
            if conference is None:
                abort(404)
            if not check(conference):
                abort(403)
            g.conference = conference
            return view(conference, **kwargs)

        return wrapped

    return decorator


def can_manage(conference: Conference) -> bool:
    return current_user.is_authenticated and current_user.can_manage(conference.id)


def can_staff(conference: Conference) -> bool:
    return can_manage(conference) or (
        current_user.is_authenticated and current_user.has_role(conference.id, Role.STAFF)
    )


# Views decorated with these receive the Conference (looked up from the `slug` URL part) first.
organiser_required = _require(can_manage)
staff_required = _require(can_staff)


def site_admin_required(view):
    @wraps(view)
    def wrapped(*args, **kwargs):
        if not current_user.is_authenticated:
            return login_manager.unauthorized()
        if not current_user.is_site_admin:
            abort(403)
        return view(*args, **kwargs)

    return wrapped
