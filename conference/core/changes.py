"""The one way a write reaches the database: change the model, flush, audit the change, commit.

    with audited(session, "session.moved", user_id=user.id, conference_id=conference.id):
        session.starts_at = new_start

`save` and `delete` are the common shapes; `note` records an event that is not a column change (a mail
sent, a run started). Capabilities write the audit log only through this module.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from conference.audit.models import AuditEntry
from conference.audit.services import record, snapshot
from conference.extensions import db

Model = TypeVar("Model")


@contextmanager
def audited(
    obj: Model, action: str, *, user_id: int | None, conference_id: int | None, commit: bool = True
) -> Iterator[Model]:
    """Change `obj` inside the block; then flush, audit what changed (before/after) and commit.

    `commit=False` leaves the commit to the caller, for a change that is one step of a larger one.
    """
    before = snapshot(obj) if getattr(obj, "id", None) is not None else None
    yield obj
    db.session.add(obj)
    db.session.flush()
    record(action, obj, user_id=user_id, conference_id=conference_id, before=before, after=snapshot(obj))
    if commit:
        db.session.commit()


def save(
    obj: Model,
    values: dict,
    *,
    action: str,
    user_id: int | None,
    conference_id: int | None,
    commit: bool = True,
) -> Model:
    """Set attributes on a new or existing model, audit before/after and commit."""
    with audited(obj, action, user_id=user_id, conference_id=conference_id, commit=commit):
        for key, value in values.items():
            setattr(obj, key, value)
    return obj


def delete(
    obj: Any, *, action: str, user_id: int | None, conference_id: int | None, commit: bool = True
) -> None:
    """Audit and delete a model."""
    record(action, obj, user_id=user_id, conference_id=conference_id, before=snapshot(obj))
    db.session.delete(obj)
    if commit:
        db.session.commit()


def note(
    action: str,
    obj: Any,
    *,
    user_id: int | None,
    conference_id: int | None,
    before: dict | None = None,
    after: dict | None = None,
    commit: bool = False,
) -> AuditEntry:
    """Record an event about `obj` that is not (only) a change of its columns: a link sent, a run started."""
    entry = record(action, obj, user_id=user_id, conference_id=conference_id, before=before, after=after)
    if commit:
        db.session.commit()
    return entry
