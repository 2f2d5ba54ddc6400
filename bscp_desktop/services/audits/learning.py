"""The learning log of case audits (what was learnt and where it was shared) and audit
recommendations with their actions in the shared action log.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import astuple, dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from bscp_desktop.db.database import Database
from bscp_desktop.db.models import Action, Organisation
from bscp_desktop.db.models.audits import (
    AuditLearning,
    AuditRecommendation,
    CaseAudit,
)
from bscp_desktop.db.models.meetings import Meeting
from bscp_desktop.db.models.memberships import Group
from bscp_desktop.domain.audits import (
    SharedVia,
)
from bscp_desktop.domain.case_reviews import parse_enum
from bscp_desktop.domain.kinds import RecordKind
from bscp_desktop.domain.validation import Checker, ValidationError
from bscp_desktop.services import actions as action_log
from bscp_desktop.services.audits import (
    meeting_label,
)
from bscp_desktop.services.common import (
    ArchivedAt,
    add_numbered,
    archivers,
    change_record,
    get_or_raise,
    set_archived,
)

# ---------------------------------------------------------------- learning log


@dataclass(frozen=True)
class LearningFields:
    audit_id: int | None
    text: str
    theme: str = ""
    shared_via: SharedVia | str | None = None
    shared_on: date | None = None
    meeting_id: int | None = None
    shared_detail: str = ""


@dataclass(frozen=True)
class LearningDTO(ArchivedAt):
    id: int
    audit_id: int
    audit_reference: str
    text: str
    theme: str
    shared_via: SharedVia | None
    shared_on: date | None
    meeting_id: int | None
    meeting_label: str
    shared_detail: str
    archived_at: datetime | None

    @property
    def name(self) -> str:
        return f"learning point of {self.audit_reference}"

    @property
    def where_shared(self) -> str:
        parts = [self.shared_via.label if self.shared_via else ""]
        if self.meeting_label:
            parts.append(self.meeting_label)
        if self.shared_detail:
            parts.append(self.shared_detail)
        return ": ".join(p for p in parts if p)

    def to_fields(self) -> LearningFields:
        return LearningFields(self.audit_id, self.text, self.theme, self.shared_via, self.shared_on,
                              self.meeting_id, self.shared_detail)


def _check_learning(session: Session, f: LearningFields) -> dict:
    c = Checker()
    text = c.required("text", f.text, "Learning point", 10000)
    theme = c.optional("theme", f.theme, "Theme", 100)
    try:
        via = parse_enum(SharedVia, f.shared_via)
    except ValueError:
        via = None
        c.add("shared_via", "Choose where the learning was shared from the list")
    if f.audit_id is None or session.get(CaseAudit, f.audit_id) is None:
        c.add("audit_id", "Choose the audit the learning comes from")
    if f.meeting_id is not None:
        if session.get(Meeting, f.meeting_id) is None:
            c.add("meeting_id", "Choose the meeting from the list")
        elif via not in (None, SharedVia.MEETING):
            c.add("meeting_id", "A meeting is only for learning shared at a meeting: set 'Shared through' to A meeting")
    detail = c.optional("shared_detail", f.shared_detail, "Details", 300)
    if f.shared_on is not None and via is None:
        c.add("shared_via", "Say where the learning was shared")
    c.raise_if_any()
    shared_on = f.shared_on
    if shared_on is None and f.meeting_id is not None:
        shared_on = session.get(Meeting, f.meeting_id).starts_at.date()
    return {"audit_id": f.audit_id, "text": text, "theme": theme, "shared_via": via.value if via else "",
            "shared_on": shared_on, "meeting_id": f.meeting_id, "shared_detail": detail}


def create_learning(db: Database, fields: LearningFields) -> LearningDTO:
    with db.unit_of_work() as session:
        point = AuditLearning(**_check_learning(session, fields))
        session.add(point)
        session.flush()
        return _learning_dtos(session, ids=[point.id])[0]


def update_learning(db: Database, learning_id: int, fields: LearningFields) -> LearningDTO:
    with db.unit_of_work() as session:
        point = get_or_raise(session, AuditLearning, learning_id, "learning point")
        values = _check_learning(session, fields)
        if values["audit_id"] != point.audit_id:
            raise ValidationError({"audit_id": "A learning point cannot move to another audit"})
        for key, value in values.items():
            setattr(point, key, value)
        session.flush()
        return _learning_dtos(session, ids=[learning_id])[0]


def archive_learning(db: Database, learning_id: int) -> None:
    set_archived(db, AuditLearning, learning_id, "learning point", True)


def restore_learning(db: Database, learning_id: int) -> None:
    set_archived(db, AuditLearning, learning_id, "learning point", False)


def _learning_dtos(session: Session, *, audit_id: int | None = None, ids: Sequence[int] | None = None,
                   include_archived: bool = True) -> list[LearningDTO]:
    group = aliased(Group)
    q = (
        select(AuditLearning, CaseAudit.reference, Meeting.starts_at, Meeting.title, group.name)
        .join(CaseAudit, CaseAudit.id == AuditLearning.audit_id)
        .outerjoin(Meeting, Meeting.id == AuditLearning.meeting_id)
        .outerjoin(group, group.id == Meeting.group_id)
        .order_by(CaseAudit.audit_date.desc(), AuditLearning.id)
    )
    if audit_id is not None:
        q = q.where(AuditLearning.audit_id == audit_id)
    if ids is not None:
        q = q.where(AuditLearning.id.in_(ids))
    if not include_archived:
        q = q.where(AuditLearning.archived_at.is_(None))
        if audit_id is None and ids is None:
            q = q.where(CaseAudit.archived_at.is_(None))
    return [
        LearningDTO(
            p.id, p.audit_id, ref, p.text, p.theme, SharedVia(p.shared_via) if p.shared_via else None, p.shared_on,
            p.meeting_id, meeting_label(group_name, starts, title) if starts else "", p.shared_detail, p.archived_at,
        )
        for p, ref, starts, title, group_name in session.execute(q)
    ]


def list_learning(db: Database, audit_id: int | None = None, include_archived: bool = False) -> list[LearningDTO]:
    with db.unit_of_work() as session:
        return _learning_dtos(session, audit_id=audit_id, include_archived=include_archived)


# ---------------------------------------------------------------- recommendations and actions


@dataclass(frozen=True)
class RecommendationFields:
    audit_id: int | None
    text: str
    lead_organisation_id: int | None = None
    notes: str = ""


@dataclass(frozen=True)
class RecommendationDTO(ArchivedAt):
    id: int
    audit_id: int
    audit_reference: str
    number: int
    text: str
    lead_organisation_id: int | None
    lead_organisation_name: str
    notes: str
    archived_at: datetime | None
    actions_total: int = 0
    actions_open: int = 0
    actions_overdue: int = 0

    @property
    def label(self) -> str:
        return f"{self.audit_reference} R{self.number}"

    @property
    def name(self) -> str:
        return f"recommendation {self.number} of {self.audit_reference}"


def _check_recommendation(session: Session, f: RecommendationFields) -> dict:
    c = Checker()
    text = c.required("text", f.text, "Recommendation", 10000)
    if f.audit_id is None or session.get(CaseAudit, f.audit_id) is None:
        c.add("audit_id", "Choose the audit the recommendation comes from")
    if f.lead_organisation_id is not None and session.get(Organisation, f.lead_organisation_id) is None:
        c.add("lead_organisation_id", "Choose the lead agency from the list of organisations")
    notes = c.optional("notes", f.notes, "Notes", 10000)
    c.raise_if_any()
    return {"audit_id": f.audit_id, "text": text, "lead_organisation_id": f.lead_organisation_id, "notes": notes}


def create_recommendation(db: Database, fields: RecommendationFields) -> RecommendationDTO:
    with db.unit_of_work() as session:
        rec = add_numbered(session, AuditRecommendation, "audit_id", _check_recommendation(session, fields))
        return _recommendation_dtos(session, ids=[rec.id])[0]


def update_recommendation(db: Database, recommendation_id: int, fields: RecommendationFields) -> RecommendationDTO:
    with db.unit_of_work() as session:
        values = _check_recommendation(session, fields)
        change_record(session, AuditRecommendation, recommendation_id, "recommendation", values, "audit_id",
                      "A recommendation cannot move to another audit")
        return _recommendation_dtos(session, ids=[recommendation_id])[0]


archive_recommendation, restore_recommendation = archivers(AuditRecommendation, "recommendation")


def _recommendation_dtos(session: Session, *, audit_id: int | None = None, ids: Sequence[int] | None = None,
                         include_archived: bool = True, today: date | None = None) -> list[RecommendationDTO]:
    today = today or date.today()
    org = aliased(Organisation)
    q = (
        select(AuditRecommendation, CaseAudit.reference, org.name)
        .join(CaseAudit, CaseAudit.id == AuditRecommendation.audit_id)
        .outerjoin(org, org.id == AuditRecommendation.lead_organisation_id)
        .order_by(CaseAudit.audit_date.desc(), AuditRecommendation.number)
    )
    if audit_id is not None:
        q = q.where(AuditRecommendation.audit_id == audit_id)
    if ids is not None:
        q = q.where(AuditRecommendation.id.in_(ids))
    if not include_archived:
        q = q.where(AuditRecommendation.archived_at.is_(None))
    rows = session.execute(q).all()
    tallies = action_log.tallies_in(session, "audit_recommendation_id", [r[0].id for r in rows], today)
    return [
        RecommendationDTO(r.id, r.audit_id, ref, r.number, r.text, r.lead_organisation_id, lead or "", r.notes,
                          r.archived_at, *astuple(tallies.get(r.id, action_log.Tally())))
        for r, ref, lead in rows
    ]


def list_recommendations(db: Database, audit_id: int | None = None, include_archived: bool = False,
                         today: date | None = None) -> list[RecommendationDTO]:
    with db.unit_of_work() as session:
        return _recommendation_dtos(session, audit_id=audit_id, include_archived=include_archived, today=today)


def add_recommendation_action(db: Database, recommendation_id: int, fields: action_log.ActionFields) -> action_log.ActionDTO:
    """A new action in the shared action log, linked to the audit recommendation."""
    return action_log.add_linked_action(
        db, AuditRecommendation, "audit_recommendation_id", recommendation_id, "recommendation", fields
    )


def recommendation_actions(db: Database, recommendation_id: int, include_archived: bool = False) -> list[action_log.ActionDTO]:
    return action_log.linked_actions(db, "audit_recommendation_id", recommendation_id, include_archived)


def audit_actions(db: Database, audit_id: int | None = None, include_archived: bool = False,
                  today: date | None = None) -> list[action_log.LinkedAction]:
    """Every action raised from an audit recommendation (of one audit, if given); each row's
    `recommendation` is its recommendation."""
    recs = {r.id: r for r in list_recommendations(db, audit_id, include_archived=include_archived, today=today)}
    return action_log.actions_of_records(db, "audit_recommendation_id", recs, include_archived)


@action_log.describes_actions(RecordKind.AUDITS, "audit_recommendation_id")
def recommendation_sources(session: Session, actions: Sequence[action_log.ActionDTO]) -> dict[int, action_log.ActionSource]:
    """'Case audit MAA-2023-01 (title): recommendation 1' (one query)."""
    rows = session.execute(
        select(Action.id, CaseAudit.reference, CaseAudit.title, AuditRecommendation.number)
        .join(AuditRecommendation, Action.audit_recommendation_id == AuditRecommendation.id)
        .join(CaseAudit, AuditRecommendation.audit_id == CaseAudit.id)
        .where(Action.id.in_([a.id for a in actions]))
    )
    return {
        action_id: action_log.ActionSource(RecordKind.AUDITS, f"Case audit {ref} ({title}): recommendation {number}")
        for action_id, ref, title, number in rows
    }
