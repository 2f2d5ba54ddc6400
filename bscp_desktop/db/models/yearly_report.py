"""Yearly reports: a period, a title and its sections (narrative text written by the team, or
figures built from the records with a draft text). Built figures are kept as JSON blocks
(`domain.yearly_report.blocks_to_json`) with the moment they were built and a fingerprint of
them, so the checklist can tell when the records have changed since."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from bscp_desktop.db.base import Archivable, Record
from bscp_desktop.domain.kinds import RecordKind


class YearlyReport(Archivable, Record):
    __kind__ = RecordKind.YEARLY_REPORT
    __tablename__ = "yearly_report"

    title: Mapped[str] = mapped_column(String(200), nullable=False)
    period_start: Mapped[date] = mapped_column(Date, nullable=False)
    period_end: Mapped[date] = mapped_column(Date, nullable=False)
    final: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    finalised_on: Mapped[date | None] = mapped_column(Date, nullable=True)


class YearlyReportSection(Record):
    __kind__ = RecordKind.YEARLY_REPORT
    __tablename__ = "yearly_report_section"
    __table_args__ = (UniqueConstraint("report_id", "key", name="uq_yearly_report_section_report_key"),)

    report_id: Mapped[int] = mapped_column(ForeignKey("yearly_report.id"), nullable=False, index=True)
    key: Mapped[str] = mapped_column(String(40), nullable=False)
    text: Mapped[str] = mapped_column(Text, nullable=False, default="")
    data: Mapped[str] = mapped_column(Text, nullable=False, default="")
    built_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    fingerprint: Mapped[str] = mapped_column(String(64), nullable=False, default="")
