"""Declarative base, the money column type and the columns every synced row has.

Every synced table has (DESIGN.md §2–3):

* ``id`` — a UUID4 string, never an autoincrement, so rows made on different laptops never collide;
* ``created_at`` — UTC wall time of creation (informational);
* ``updated_at`` — a hybrid-logical-clock value (:mod:`boligdesk.models.hlc`), set on every change;
* ``updated_by`` — the device id that made the change;
* ``deleted`` — a tombstone: rows are never removed, so a deletion can travel through sync;
* ``field_clocks`` — the HLC of the last change of each field changed after creation (JSON), so sync
  can merge field by field.

``updated_at``/``updated_by`` are stamped automatically in a ``before_flush`` hook installed by
:func:`boligdesk.models.store.install_clock`.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from enum import Enum
from typing import Any, ClassVar

from sqlalchemy import Boolean, DateTime, Dialect, Integer, MetaData, String, Text, TypeDecorator
from sqlalchemy import Enum as SAEnum
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from boligdesk.budget.money import Money

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class MoneyType(TypeDecorator[Money]):
    """Stores :class:`Money` as INTEGER øre."""

    impl = Integer
    cache_ok = True

    def process_bind_param(self, value: Money | None, dialect: Dialect) -> int | None:
        if value is None:
            return None
        if not isinstance(value, Money):
            raise TypeError(f"expected Money, got {type(value).__name__}")
        return value.ore

    def process_result_value(self, value: int | None, dialect: Dialect) -> Money | None:
        return None if value is None else Money(int(value))


def enum_type(enum_cls: type[Enum]) -> SAEnum:
    """Stores an enum by its *value* (the English code) in a plain VARCHAR, returns enum members."""
    return SAEnum(
        enum_cls,
        native_enum=False,
        create_constraint=False,
        length=40,
        values_callable=lambda cls: [m.value for m in cls],
        validate_strings=True,
    )


def new_id() -> str:
    return str(uuid.uuid4())


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map: ClassVar[dict[Any, Any]] = {Money: MoneyType()}


class Synced:
    """Mixin with the sync columns. Subclasses are rows that travel between laptops."""

    __synced__: ClassVar[bool] = True
    #: True for rows whose id is derived from a natural key (settings), so two laptops create the same
    #: row independently: their creation values get real clocks and merge like edits.
    __derived_id__: ClassVar[bool] = False

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[str] = mapped_column(String(64), default="", index=True)
    updated_by: Mapped[str] = mapped_column(String(40), default="")
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)
    # Per-field HLC values as JSON {"field": "<hlc>"} for fields changed after creation; a field that
    # is absent still has the value it was created with. Sync merges field by field with these.
    field_clocks: Mapped[str] = mapped_column(Text, default="{}")


SYNC_COLUMNS = frozenset({"id", "created_at", "updated_at", "updated_by", "deleted", "field_clocks"})


def entity_name(model: type[object]) -> str:
    """``BudgetLine`` → ``budget_line``: a row kind's name in audit events and error codes."""
    return re.sub(r"(?<!^)(?=[A-Z])", "_", model.__name__).lower()
