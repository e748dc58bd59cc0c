"""Loading a row by the id in a URL, only if it belongs to the conference in the same URL."""

from __future__ import annotations

from typing import Any, TypeVar

from sqlalchemy import select

from conference.extensions import db

Row = TypeVar("Row")


def in_conference(model: type[Row], conference: Any, object_id: int) -> Row | None:
    """The `model` row with this id in this conference, or None (another conference's id is a miss)."""
    return db.session.scalar(
        select(model).where(model.id == object_id, model.conference_id == conference.id)  # type: ignore[attr-defined]
    )
