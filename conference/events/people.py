"""The people a conference's home page and its welcome and about pages introduce.

The speakers capability (above events) provides them from its `init_app`:

    introduce_people(app, featured=featured_people, with_bio=people_with_bio)

Until it does, the pages show no one.
"""

from __future__ import annotations

from collections.abc import Callable

from flask import Flask, current_app

from conference.events.models import Conference

EXTENSION = "plenary.people"
People = Callable[[Conference], list]


def introduce_people(app: Flask, *, featured: People, with_bio: People) -> None:
    """`featured(conference)`: a few people for the home page; `with_bio(conference)`: everyone with a bio."""
    app.extensions[EXTENSION] = {"featured": featured, "with_bio": with_bio}


def _people(kind: str, conference: Conference) -> list:
    provider = current_app.extensions.get(EXTENSION, {}).get(kind)
    return provider(conference) if provider else []


def featured_people(conference: Conference) -> list:
    return _people("featured", conference)


def people_with_bio(conference: Conference) -> list:
    return _people("with_bio", conference)
