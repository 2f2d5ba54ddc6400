"""Organisations, people, groups, memberships and confidentiality agreements."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from bscp_desktop.db.base import Archivable, Record, choices
from bscp_desktop.db.search import Searchable
from bscp_desktop.domain.kinds import RecordKind
from bscp_desktop.domain.meetings import QuorumRule
from bscp_desktop.domain.memberships import Frequency, OrganisationKind, Role


class Organisation(Archivable, Record):
    __kind__ = RecordKind.MEMBERSHIPS
    __tablename__ = "organisation"
    __searchable__ = Searchable(RecordKind.MEMBERSHIPS, "Organisation", ("name", "short_name"),
                                gathered=("organisation_alias.alias",))  # found by its other names too

    name: Mapped[str] = mapped_column(String(200), nullable=False, index=True)
    short_name: Mapped[str] = mapped_column(String(60), nullable=False, default="")
    kind: Mapped[str] = mapped_column(String(30), nullable=False, info=choices(OrganisationKind))
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisation.id"), nullable=True, index=True
    )


class OrganisationAlias(Record):
    """Another name an organisation goes by (in imports, old names, how partners write it)."""

    __kind__ = RecordKind.MEMBERSHIPS
    __tablename__ = "organisation_alias"

    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisation.id"), nullable=False, index=True
    )
    alias: Mapped[str] = mapped_column(String(200), nullable=False, index=True)


class Person(Archivable, Record):
    __kind__ = RecordKind.MEMBERSHIPS
    __tablename__ = "person"
    __searchable__ = Searchable(RecordKind.MEMBERSHIPS, "Person", ("name", "job_title", "notes", "email"))

    name: Mapped[str] = mapped_column(String(200), nullable=False, index=True)
    job_title: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisation.id"), nullable=True, index=True
    )
    email: Mapped[str] = mapped_column(String(254), nullable=False, default="")
    phone: Mapped[str] = mapped_column(String(60), nullable=False, default="")
    notes: Mapped[str] = mapped_column(Text, nullable=False, default="")

    organisation: Mapped[Organisation | None] = relationship(lazy="raise")


class Group(Archivable, Record):
    __kind__ = RecordKind.MEMBERSHIPS
    __tablename__ = "partnership_group"
    __searchable__ = Searchable(RecordKind.MEMBERSHIPS, "Group", ("name", "purpose"))

    name: Mapped[str] = mapped_column(String(200), nullable=False)
    tier: Mapped[int] = mapped_column(Integer, nullable=False, default=3)
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("partnership_group.id"), nullable=True
    )
    needs_agreement: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    frequency: Mapped[str] = mapped_column(String(30), nullable=False, default="", info=choices(Frequency, blank=True))
    purpose: Mapped[str] = mapped_column(Text, nullable=False, default="")
    quorum: Mapped[int | None] = mapped_column(Integer, nullable=True)
    quorum_rule: Mapped[str] = mapped_column(String(30), nullable=False, default="head_count", info=choices(QuorumRule))


class Membership(Archivable, Record):
    __kind__ = RecordKind.MEMBERSHIPS
    __tablename__ = "membership"
    __searchable__ = Searchable(RecordKind.MEMBERSHIPS, "Membership", ("notes",), ("start_date",))

    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), nullable=False, index=True)
    group_id: Mapped[int] = mapped_column(
        ForeignKey("partnership_group.id"), nullable=False, index=True
    )
    role: Mapped[str] = mapped_column(String(30), nullable=False, info=choices(Role))
    organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisation.id"), nullable=True
    )
    deputy_for_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"), nullable=True)
    start_date: Mapped[date] = mapped_column(Date, nullable=False)
    end_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    notes: Mapped[str] = mapped_column(Text, nullable=False, default="")


class ConfidentialityAgreement(Archivable, Record):
    __kind__ = RecordKind.MEMBERSHIPS
    __tablename__ = "confidentiality_agreement"
    __searchable__ = Searchable(RecordKind.MEMBERSHIPS, "Confidentiality agreement", ("notes",), ("signed_on",))

    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), nullable=False, index=True)
    signed_on: Mapped[date] = mapped_column(Date, nullable=False)
    review_due: Mapped[date | None] = mapped_column(Date, nullable=True)
    notes: Mapped[str] = mapped_column(Text, nullable=False, default="")
