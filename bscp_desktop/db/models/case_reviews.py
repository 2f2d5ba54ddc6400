"""Case reviews (serious incidents, rapid reviews, LCSPRs), their themes, agencies and
recommendations. A case carries a reference and an alias, never a child's name."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from bscp_desktop.db.base import Archivable, Record, choices
from bscp_desktop.db.search import Searchable
from bscp_desktop.domain.case_reviews import AgeBand, Decision, Harm, IncidentType, Outcome, PanelView, Sex
from bscp_desktop.domain.kinds import RecordKind


class CaseReview(Archivable, Record):
    __kind__ = RecordKind.CASE_REVIEWS
    __tablename__ = "case_review"
    __searchable__ = Searchable(
        RecordKind.CASE_REVIEWS, "Case review",
        ("reference", "alias", "summary", "family_involvement", "not_published_reason", "reviewer", "harm"),
        ("became_aware",),
        gathered=("case_review_theme.theme",),  # found by its themes too
        labelled=(("harm", Harm),),  # and by its harm as the case shows it: "Neglect"
    )

    reference: Mapped[str] = mapped_column(String(30), nullable=False, unique=True)
    alias: Mapped[str] = mapped_column(String(60), nullable=False)
    age_band: Mapped[str] = mapped_column(String(20), nullable=False, default="", info=choices(AgeBand, blank=True))
    sex: Mapped[str] = mapped_column(String(20), nullable=False, default="", info=choices(Sex, blank=True))
    incident_type: Mapped[str] = mapped_column(String(20), nullable=False, info=choices(IncidentType))
    harm: Mapped[str] = mapped_column(String(20), nullable=False, default="", info=choices(Harm, blank=True))
    looked_after: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    summary: Mapped[str] = mapped_column(Text, nullable=False, default="")

    incident_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    became_aware: Mapped[date] = mapped_column(Date, nullable=False, index=True)
    outcome: Mapped[str] = mapped_column(String(20), nullable=False, default="", info=choices(Outcome, blank=True))
    considered_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    considered_meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meeting.id"), nullable=True)
    notification_sent: Mapped[date | None] = mapped_column(Date, nullable=True)
    partners_told: Mapped[date | None] = mapped_column(Date, nullable=True)
    sos_ofsted_notified: Mapped[date | None] = mapped_column(Date, nullable=True)
    rapid_review_meeting: Mapped[date | None] = mapped_column(Date, nullable=True)
    rapid_review_meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meeting.id"), nullable=True)
    rapid_review_sent: Mapped[date | None] = mapped_column(Date, nullable=True)
    panel_response: Mapped[date | None] = mapped_column(Date, nullable=True)
    crg_recommendation: Mapped[str] = mapped_column(String(30), nullable=False, default="", info=choices(Decision, blank=True))
    decision: Mapped[str] = mapped_column(String(30), nullable=False, default="", info=choices(Decision, blank=True))
    decision_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    panel_view: Mapped[str] = mapped_column(String(30), nullable=False, default="", info=choices(PanelView, blank=True))

    reviewer: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    tor_agreed: Mapped[date | None] = mapped_column(Date, nullable=True)
    family_involvement: Mapped[str] = mapped_column(Text, nullable=False, default="")
    draft_report: Mapped[date | None] = mapped_column(Date, nullable=True)
    final_report: Mapped[date | None] = mapped_column(Date, nullable=True)
    sent_to_panel_sos: Mapped[date | None] = mapped_column(Date, nullable=True)
    planned_publication: Mapped[date | None] = mapped_column(Date, nullable=True)
    delay_reason: Mapped[str] = mapped_column(Text, nullable=False, default="")
    delay_told_panel: Mapped[date | None] = mapped_column(Date, nullable=True)
    published: Mapped[date | None] = mapped_column(Date, nullable=True)
    not_published_reason: Mapped[str] = mapped_column(Text, nullable=False, default="")
    closed: Mapped[date | None] = mapped_column(Date, nullable=True)
    # Warnings that a real name may have been typed, confirmed by an officer: one line each,
    # "dd/mm/yyyy HH:MM who: warning".
    name_warnings: Mapped[str] = mapped_column(Text, nullable=False, default="")


class CaseReviewTheme(Record):
    __kind__ = RecordKind.CASE_REVIEWS
    __tablename__ = "case_review_theme"
    __table_args__ = (UniqueConstraint("case_review_id", "theme"),)

    case_review_id: Mapped[int] = mapped_column(
        ForeignKey("case_review.id"), nullable=False, index=True
    )
    theme: Mapped[str] = mapped_column(String(100), nullable=False, index=True)


class CaseReviewAgency(Record):
    __kind__ = RecordKind.CASE_REVIEWS
    __tablename__ = "case_review_agency"
    __table_args__ = (UniqueConstraint("case_review_id", "organisation_id"),)

    case_review_id: Mapped[int] = mapped_column(
        ForeignKey("case_review.id"), nullable=False, index=True
    )
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisation.id"), nullable=False, index=True
    )


class Recommendation(Archivable, Record):
    __kind__ = RecordKind.CASE_REVIEWS
    __tablename__ = "recommendation"
    __searchable__ = Searchable(
        RecordKind.CASE_REVIEWS, "Recommendation", ("text", "notes"), ("case_review_id.became_aware",)
    )

    case_review_id: Mapped[int] = mapped_column(
        ForeignKey("case_review.id"), nullable=False, index=True
    )
    number: Mapped[int] = mapped_column(Integer, nullable=False)
    text: Mapped[str] = mapped_column(Text, nullable=False)
    lead_organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisation.id"), nullable=True
    )
    notes: Mapped[str] = mapped_column(Text, nullable=False, default="")
