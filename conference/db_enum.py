"""Enum columns stored as their string values (VARCHAR + CHECK), the same on SQLite and PostgreSQL."""

from __future__ import annotations

import enum

from sqlalchemy import Enum


def enum_column_type(enum_cls: type[enum.Enum], name: str) -> Enum:
    return Enum(
        enum_cls,
        name=name,
        native_enum=False,
        create_constraint=True,
        length=32,
        values_callable=lambda members: [m.value for m in members],
    )
