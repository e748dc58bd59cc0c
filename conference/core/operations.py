"""The one way organiser edits are written: set the fields, audit the change, commit."""

from __future__ import annotations

from typing import Any

from conference.audit.services import record, snapshot
from conference.extensions import db


def save(obj: Any, values: dict, *, action: str, user_id: int | None, conference_id: int | None) -> Any:
    """Set attributes on a new or existing model, audit before/after and commit."""
    before = snapshot(obj) if obj.id is not None else None
    for key, value in values.items():
        setattr(obj, key, value)
    db.session.add(obj)
    db.session.flush()
    record(action, obj, user_id=user_id, conference_id=conference_id, before=before, after=snapshot(obj))
    db.session.commit()
    return obj


def delete(obj: Any, *, action: str, user_id: int | None, conference_id: int | None) -> None:
    """Audit and delete a model."""
    record(action, obj, user_id=user_id, conference_id=conference_id, before=snapshot(obj))
    db.session.delete(obj)
    db.session.commit()
