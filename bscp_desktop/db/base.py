"""Declarative base and the columns every table shares."""

from __future__ import annotations

import enum
from datetime import UTC, datetime

from sqlalchemy import DateTime, Integer, MetaData, text
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def choices(kind: type[enum.Enum], blank: bool = False, also: tuple[str, ...] = ()) -> dict:
    """A text column's `info`: it holds one of `kind`'s values ('' too where `blank`, meaning not
    given, and any of `also`: a value the services write outside the kind). The services turn it
    into its kind; `check` reads every stored value against it (`db/stored_values.py`)."""
    return {"choices": frozenset(str(member.value) for member in kind) | ({""} if blank else frozenset())
            | frozenset(also)}


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Record(Base):
    """Abstract: integer id, created/updated timestamps (UTC, naive) and a version.

    `version` counts the record's saves (1 when added). Every UPDATE the session makes says
    which version it changes (`WHERE version = ...`) and moves it on by one, so two people
    saving the same record at the same moment cannot both succeed; `db/versions.py` refuses a
    save from a version someone else has changed since, naming who and when.
    """

    __abstract__ = True

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, nullable=False)
    updated_at: Mapped[datetime] = mapped_column(
        DateTime, default=utcnow, onupdate=utcnow, nullable=False
    )
    version: Mapped[int] = mapped_column(Integer, nullable=False, server_default=text("1"))

    @declared_attr.directive
    def __mapper_args__(cls) -> dict:  # noqa: N805 - declarative's class-level directive
        return {"version_id_col": cls.version}


class Archivable:
    """Mixin: records with history are archived, never deleted."""

    archived_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True, default=None)
