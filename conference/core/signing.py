"""Signed (id, version) pairs for secret addresses that can be taken back by bumping the version."""

from __future__ import annotations

from flask import current_app
from itsdangerous import BadSignature, URLSafeSerializer


class VersionedToken:
    """`dumps(id, version)` → an opaque token; `loads(token)` → (id, version), or None for any bad token."""

    def __init__(self, salt: str) -> None:
        self.salt = salt

    def _serializer(self) -> URLSafeSerializer:
        return URLSafeSerializer(current_app.secret_key, salt=self.salt)

    def dumps(self, object_id: int, version: int) -> str:
        return self._serializer().dumps([object_id, version])

    def loads(self, token: str) -> tuple[int, int] | None:
        try:
            value = self._serializer().loads(token)
        except BadSignature:
            return None
        if isinstance(value, list) and len(value) == 2 and all(type(v) is int for v in value):
            return value[0], value[1]
        return None
