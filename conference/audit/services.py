"""Writing to the audit log; every service that changes data calls `record`."""

from __future__ import annotations

import enum
import hashlib
from datetime import date, datetime
from typing import Any

from sqlalchemy import inspect

from conference.audit.models import AuditEntry
from conference.extensions import db


def _plain(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    return value


def _fingerprint(value: Any) -> str:
    """Stands in for a secret: shows that it changed without keeping it."""
    if not value:
        return ""
    return "sha256:" + hashlib.sha256(str(value).encode()).hexdigest()[:12]


def snapshot(obj: Any) -> dict[str, Any]:
    """The column values of a model instance, JSON-ready; columns the model lists in `audit_secret` are
    fingerprinted, so the log never holds signing keys or streaming links."""
    secret = getattr(obj, "audit_secret", frozenset())
    values = {attr.key: getattr(obj, attr.key) for attr in inspect(obj).mapper.column_attrs}
    return {key: _fingerprint(value) if key in secret else _plain(value) for key, value in values.items()}


def record(
    action: str,
    obj: Any,
    *,
    user_id: int | None,
    conference_id: int | None,
    before: dict | None = None,
    after: dict | None = None,
) -> AuditEntry:
    """Add an audit entry to the current transaction (the caller commits)."""
    if before is not None and after is not None:
        changed = {k for k in after if before.get(k) != after.get(k)}
        before = {k: before.get(k) for k in changed}
        after = {k: after[k] for k in changed}
    entry = AuditEntry(
        action=action,
        object_type=type(obj).__name__,
        object_id=getattr(obj, "id", None),
        user_id=user_id,
        conference_id=conference_id,
        before=before,
        after=after,
    )
    db.session.add(entry)
    return entry
