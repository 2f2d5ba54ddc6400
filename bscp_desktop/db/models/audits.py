"""Section 11 cycles (standards, agencies taking part, ratings) and multi-agency case audits
(sample of cases, agency returns, learning log, recommendations). Cases carry an alias and the
audit's own reference, never a child's name. Agency actions and audit actions live in the
shared action table (`models.actions`), linked by `s11_rating_id` and `audit_recommendation_id`.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from bscp_desktop.db.base import Archivable, Record, choices
from bscp_desktop.db.search import Searchable
from bscp_desktop.domain.audits import AuditStatus, Grading, MeetingRole, SharedVia
from bscp_desktop.domain.case_reviews import AgeBand
from bscp_desktop.domain.kinds import RecordKind
from bscp_desktop.domain.section11 import Rating, RatingScale

# ---------------------------------------------------------------- Section 11


class S11Cycle(Archivable, Record):
    __kind__ = RecordKind.AUDITS
    __tablename__ = "s11_cycle"

    name: Mapped[str] = mapped_column(String(60), nullable=False, unique=True)
    opens_on: Mapped[date] = mapped_column(Date, nullable=False)
    due_on: Mapped[date] = mapped_column(Date, nullable=False)
    compare_with_id: Mapped[int | None] = mapped_column(ForeignKey("s11_cycle.id"), nullable=True)
    notes: Mapped[str] = mapped_column(Text, nullable=False, default="")
    # how its standards are rated: red, amber, green, or a score from 0 to 3 (revision 0024)
    rating_scale: Mapped[str] = mapped_column(String(10), nullable=False, default="rag", server_default="rag",
                                              info=choices(RatingScale))


class S11Standard(Archivable, Record):
    __kind__ = RecordKind.AUDITS
    __tablename__ = "s11_standard"

    cycle_id: Mapped[int] = mapped_column(ForeignKey("s11_cycle.id"), nullable=False, index=True)
    number: Mapped[int] = mapped_column(Integer, nullable=False)
    title: Mapped[str] = mapped_column(String(300), nullable=False)
    questions: Mapped[str] = mapped_column(Text, nullable=False, default="")  # one per line


class S11Agency(Archivable, Record):
    """An agency taking part in a cycle, and where its return has got to."""

    __kind__ = RecordKind.AUDITS
    __tablename__ = "s11_agency"
    __table_args__ = (UniqueConstraint("cycle_id", "organisation_id"),)

    cycle_id: Mapped[int] = mapped_column(ForeignKey("s11_cycle.id"), nullable=False, index=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), nullable=False, index=True)
    contact: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    sent_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    returned_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    moderated_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    notes: Mapped[str] = mapped_column(Text, nullable=False, default="")


class S11Rating(Record):
    """One agency's answer for one standard: its own rating, evidence, and the moderated rating.
    Both ratings are on the cycle's scale: 'red', 'amber', 'green' or 'score_0' to 'score_3' (or
    'not_applicable' on either)."""

    __kind__ = RecordKind.AUDITS
    __searchable__ = Searchable(
        "audits", "Section 11 answer", ("evidence", "moderation_note", "not_applicable_reason"),
        ("s11_agency_id.returned_on",),
    )
    __tablename__ = "s11_rating"
    __table_args__ = (UniqueConstraint("s11_agency_id", "standard_id"),)

    s11_agency_id: Mapped[int] = mapped_column(ForeignKey("s11_agency.id"), nullable=False, index=True)
    standard_id: Mapped[int] = mapped_column(ForeignKey("s11_standard.id"), nullable=False, index=True)
    self_rating: Mapped[str] = mapped_column(String(20), nullable=False, default="", info=choices(Rating, blank=True))
    not_applicable_reason: Mapped[str] = mapped_column(Text, nullable=False, default="")
    evidence: Mapped[str] = mapped_column(Text, nullable=False, default="")
    moderated_rating: Mapped[str] = mapped_column(String(20), nullable=False, default="", info=choices(Rating, blank=True))
    moderation_note: Mapped[str] = mapped_column(Text, nullable=False, default="")


# ---------------------------------------------------------------- case audits


class CaseAudit(Archivable, Record):
    __kind__ = RecordKind.AUDITS
    __searchable__ = Searchable("audits", "Case audit", ("title", "reference", "scope", "findings"), ("audit_date",))
    __tablename__ = "case_audit"

    reference: Mapped[str] = mapped_column(String(30), nullable=False, unique=True)
    title: Mapped[str] = mapped_column(String(200), nullable=False)
    theme: Mapped[str] = mapped_column(String(100), nullable=False, default="")
    questions: Mapped[str] = mapped_column(Text, nullable=False, default="")  # one per line
    scope: Mapped[str] = mapped_column(Text, nullable=False, default="")
    status: Mapped[str] = mapped_column(String(20), nullable=False, default="planned", info=choices(AuditStatus))
    audit_date: Mapped[date] = mapped_column(Date, nullable=False, index=True)
    returns_due: Mapped[date | None] = mapped_column(Date, nullable=True)
    discussed_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    reported_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    closed_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    findings: Mapped[str] = mapped_column(Text, nullable=False, default="")

    @property
    def history_label(self) -> str:
        return f"{self.reference} {self.title}"


class CaseAuditMeeting(Record):
    """A meeting where the audit was planned, discussed or followed up."""

    __kind__ = RecordKind.AUDITS
    __tablename__ = "case_audit_meeting"
    __table_args__ = (UniqueConstraint("audit_id", "meeting_id", "role"),)

    audit_id: Mapped[int] = mapped_column(ForeignKey("case_audit.id"), nullable=False, index=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id"), nullable=False, index=True)
    role: Mapped[str] = mapped_column(String(20), nullable=False, info=choices(MeetingRole))


class AuditCase(Archivable, Record):
    """One case of an audit's sample: an alias and the audit's own number, never a name."""

    __kind__ = RecordKind.AUDITS
    __searchable__ = Searchable("audits", "Audit case", ("alias", "summary", "agreed_note"), ("audit_id.audit_date",))
    __tablename__ = "audit_case"
    __table_args__ = (UniqueConstraint("audit_id", "number"),)

    audit_id: Mapped[int] = mapped_column(ForeignKey("case_audit.id"), nullable=False, index=True)
    number: Mapped[int] = mapped_column(Integer, nullable=False)
    alias: Mapped[str] = mapped_column(String(60), nullable=False)
    age_band: Mapped[str] = mapped_column(String(20), nullable=False, default="", info=choices(AgeBand, blank=True))
    summary: Mapped[str] = mapped_column(Text, nullable=False, default="")
    agreed_grading: Mapped[str] = mapped_column(String(30), nullable=False, default="", info=choices(Grading, blank=True))
    agreed_note: Mapped[str] = mapped_column(Text, nullable=False, default="")


class AuditReturn(Archivable, Record):
    """An agency involved in a case, and its return for that case."""

    __kind__ = RecordKind.AUDITS
    __searchable__ = Searchable(
        "audits", "Agency return", ("good_practice", "areas_for_development"), ("received_on", "requested_on")
    )
    __tablename__ = "audit_return"
    __table_args__ = (UniqueConstraint("audit_case_id", "organisation_id"),)

    audit_case_id: Mapped[int] = mapped_column(ForeignKey("audit_case.id"), nullable=False, index=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), nullable=False, index=True)
    requested_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    received_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    good_practice: Mapped[str] = mapped_column(Text, nullable=False, default="")
    areas_for_development: Mapped[str] = mapped_column(Text, nullable=False, default="")
    grading: Mapped[str] = mapped_column(String(30), nullable=False, default="", info=choices(Grading, blank=True))


class AuditLearning(Archivable, Record):
    """A point of the learning log, and where it was shared."""

    __kind__ = RecordKind.AUDITS
    __searchable__ = Searchable(
        "audits", "Learning point", ("text", "shared_detail"), ("shared_on", "audit_id.audit_date")
    )
    __tablename__ = "audit_learning"

    audit_id: Mapped[int] = mapped_column(ForeignKey("case_audit.id"), nullable=False, index=True)
    text: Mapped[str] = mapped_column(Text, nullable=False)
    theme: Mapped[str] = mapped_column(String(100), nullable=False, default="")
    shared_via: Mapped[str] = mapped_column(String(20), nullable=False, default="", info=choices(SharedVia, blank=True))
    shared_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meeting.id"), nullable=True, index=True)
    shared_detail: Mapped[str] = mapped_column(String(300), nullable=False, default="")


class AuditRecommendation(Archivable, Record):
    __kind__ = RecordKind.AUDITS
    __searchable__ = Searchable(
        "audits", "Audit recommendation", ("text", "notes"), ("audit_id.audit_date",)
    )
    __tablename__ = "audit_recommendation"

    audit_id: Mapped[int] = mapped_column(ForeignKey("case_audit.id"), nullable=False, index=True)
    number: Mapped[int] = mapped_column(Integer, nullable=False)
    text: Mapped[str] = mapped_column(Text, nullable=False)
    lead_organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisation.id"), nullable=True)
    notes: Mapped[str] = mapped_column(Text, nullable=False, default="")
