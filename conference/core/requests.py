"""The request class: NUL characters never reach a form or the database (PostgreSQL rejects them)."""

from __future__ import annotations

from flask import Request
from werkzeug.datastructures import ImmutableMultiDict
from werkzeug.utils import cached_property


def _without_nul(data: ImmutableMultiDict) -> ImmutableMultiDict:
    if not any("\x00" in key or "\x00" in value for key, value in data.items(multi=True)):
        return data
    return ImmutableMultiDict(
        [(key.replace("\x00", ""), value.replace("\x00", "")) for key, value in data.items(multi=True)]
    )


class PlenaryRequest(Request):
    def _load_form_data(self) -> None:
        if "form" in self.__dict__:
            return
        super()._load_form_data()
        self.__dict__["form"] = _without_nul(self.__dict__["form"])

    @cached_property
    def args(self) -> ImmutableMultiDict:  # type: ignore[override]
        return _without_nul(super().args)
