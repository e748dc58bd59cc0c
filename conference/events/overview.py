"""The organiser overview's figures: how much content the conference has, each linking to its page.

Events counts its pages; a capability above it adds its own figures in its `init_app` with
`count_on_overview` (events imports none of them), and the overview shows them in that order:

    count_on_overview(app, Room, _l("Rooms"), "agenda_manage.rooms")
    count_on_overview(app, Session, _l("Sessions"), "agenda_manage.sessions", statuses=STATUS_LABELS)
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from flask import Flask, current_app, url_for
from sqlalchemy import func, select

from conference.events.models import Conference
from conference.extensions import db

EXTENSION = "plenary.overview"


@dataclass(frozen=True)
class Counted:
    """A figure: the conference's rows of `model`, linking to `endpoint`, split by status if `statuses`."""

    model: Any
    label: str
    endpoint: str
    statuses: Mapping | None = None  # the label of each value of `model.status`, in the order shown


@dataclass(frozen=True)
class Part:
    status: Any
    label: str
    number: int


@dataclass(frozen=True)
class Figure:
    label: str
    number: int
    href: str
    parts: list[Part]  # by status, for a figure counted with `statuses`; else empty


def count_on_overview(
    app: Flask, model: Any, label: str, endpoint: str, *, statuses: Mapping | None = None
) -> None:
    """Show the number of the conference's `model` rows on the overview (in registration order)."""
    app.extensions.setdefault(EXTENSION, []).append(Counted(model, label, endpoint, statuses))


def _figure(counted: Counted, conference: Conference) -> Figure:
    model = counted.model
    href = url_for(counted.endpoint, slug=conference.slug)
    if counted.statuses is None:
        query = select(func.count()).select_from(model).where(model.conference_id == conference.id)
        return Figure(counted.label, db.session.scalar(query), href, [])
    found = dict(
        db.session.execute(
            select(model.status, func.count())
            .where(model.conference_id == conference.id)
            .group_by(model.status)
        ).all()
    )
    parts = [Part(status, label, found.get(status, 0)) for status, label in counted.statuses.items()]
    return Figure(counted.label, sum(found.values()), href, parts)


def overview_figures(conference: Conference) -> list[Figure]:
    """Every registered figure for the conference: one query each."""
    return [_figure(counted, conference) for counted in current_app.extensions.get(EXTENSION, [])]
