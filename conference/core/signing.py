"""Every signed token Plenary hands out goes through `Signer`: links in mails, feed addresses, pairing QRs.

A token type is a salt (so a token of one type never opens another) and a lifetime: timed tokens carry
when they were made and expire; untimed ones live until the version they carry is bumped. `loads` raises
`InvalidLink` with the reason in words a page can show; `VersionedToken` is the common (id, version) shape.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from typing import Any

from flask import current_app
from itsdangerous import BadSignature, SignatureExpired, URLSafeSerializer, URLSafeTimedSerializer


class LinkProblem(enum.StrEnum):
    EXPIRED = "expired"
    BROKEN = "broken"  # tampered with, mistyped, revoked or for something that is gone


class InvalidLink(Exception):
    def __init__(self, problem: LinkProblem) -> None:
        super().__init__(problem.value)
        self.problem = problem


# A lifetime: seconds, the name of a setting holding seconds, or a callable (read when a token is checked).
MaxAge = int | str | Callable[[], int] | None


class Signer:
    """One token type: `dumps(value)` signs any JSON value, `loads(token)` gives it back or raises."""

    def __init__(self, salt: str, *, max_age: MaxAge = None) -> None:
        self.salt = salt
        self.max_age = max_age

    @property
    def timed(self) -> bool:
        return self.max_age is not None

    def _serializer(self) -> URLSafeSerializer | URLSafeTimedSerializer:
        kind = URLSafeTimedSerializer if self.timed else URLSafeSerializer
        return kind(current_app.config["SECRET_KEY"], salt=self.salt)

    def _seconds(self) -> int:
        if isinstance(self.max_age, str):
            return int(current_app.config[self.max_age])
        return int(self.max_age() if callable(self.max_age) else self.max_age)

    def dumps(self, value: Any) -> str:
        return self._serializer().dumps(value)

    def loads(self, token: str, *, max_age: int | None = None) -> Any:
        """The signed value; raises InvalidLink (EXPIRED for a timed token past its age, else BROKEN)."""
        try:
            if self.timed:
                return self._serializer().loads(
                    token, max_age=self._seconds() if max_age is None else max_age
                )
            return self._serializer().loads(token)
        except SignatureExpired:
            raise InvalidLink(LinkProblem.EXPIRED) from None
        except BadSignature:
            raise InvalidLink(LinkProblem.BROKEN) from None

    def load_ids(self, token: str, count: int = 2, *, max_age: int | None = None) -> tuple[int, ...]:
        """A token signed from a list of `count` ids (such as [id, version]); raises InvalidLink."""
        value = self.loads(token, max_age=max_age)
        if not (isinstance(value, list) and len(value) == count and all(type(v) is int for v in value)):
            raise InvalidLink(LinkProblem.BROKEN)
        return tuple(value)


class VersionedToken:
    """`dumps(id, version)` → an opaque token; `loads(token)` → (id, version), or None for any bad token.

    For secret addresses that can be taken back by bumping the version (feeds, join links).
    """

    def __init__(self, salt: str, *, max_age: MaxAge = None) -> None:
        self.signer = Signer(salt, max_age=max_age)

    def dumps(self, object_id: int, version: int) -> str:
        return self.signer.dumps([object_id, version])

    def loads(self, token: str) -> tuple[int, int] | None:
        try:
            object_id, version = self.signer.load_ids(token)
        except InvalidLink:
            return None
        return object_id, version
