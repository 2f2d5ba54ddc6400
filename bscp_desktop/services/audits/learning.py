"""The learning log of case audits (what was learnt and where it was shared) and audit
recommendations with their actions in the shared action log.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from bscp_desktop.db.database import Database
from bscp_desktop.db.models.audits import AuditLearning, AuditRecommendation, CaseAudit
from bscp_desktop.db.models.meetings import Meeting
from bscp_desktop.db.models.memberships import Group
from bscp_desktop.domain.audits import AuditStatus, SharedVia
from bscp_desktop.domain.case_reviews import parse_enum
from bscp_desktop.domain.kinds import RecordKind
from bscp_desktop.domain.validation import Checker, ValidationError
from bscp_desktop.services import actions as action_log
from bscp_desktop.services import recommendations
from bscp_desktop.services.audits import meeting_label
from bscp_desktop.services.common import ArchivedAt, CommandFields, archivers, assign, equal_where_given, get_or_raise, only_ids, read, read_back, same_as
from bscp_desktop.services.recommendations import Recommendations

# ---------------------------------------------------------------- learning log


@dataclass(frozen=True)
class LearningFields(CommandFields):
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


def shared_on_problems(c: Checker, shared_on: date | None, audit_date: date | None, today: date,
                       held: date | None = None) -> None:
    """Shared on is a step done, as an audit's Reported and Closed are: not after `today`, and
    not before the audit's date (the learning comes from it), unless it is the date `held`
    already (an audit moved later does not refuse a date nobody is changing)."""
    c.not_future("shared_on", shared_on, "Shared on", today)
    if shared_on != held:
        c.date_order("shared_on", audit_date, shared_on, "the audit date", "Shared on")


def _check_learning(session: Session, f: LearningFields, held: date | None = None) -> dict:
    c = Checker()
    audit = session.get(CaseAudit, f.audit_id) if f.audit_id is not None else None
    text = c.required("text", f.text, "Learning point", 10000)
    theme = c.optional("theme", f.theme, "Theme", 100)
    try:
        via = parse_enum(SharedVia, f.shared_via)
    except ValueError:
        via = None
        c.add("shared_via", "Choose where the learning was shared from the list")
    if audit is None:
        c.add("audit_id", "Choose the audit the learning comes from")
    elif why := RECOMMENDATIONS.archived_parent(audit):
        c.add("audit_id", why)
    if f.meeting_id is not None:
        via = via or SharedVia.MEETING  # a meeting chosen, Shared through left empty: shared at it
        if session.get(Meeting, f.meeting_id) is None:
            c.add("meeting_id", "Choose the meeting from the list")
        elif via not in (None, SharedVia.MEETING):
            c.add("meeting_id", "A meeting is only for learning shared at a meeting: set 'Shared through' to A meeting")
    detail = c.optional("shared_detail", f.shared_detail, "Details", 300)
    shared_on = f.shared_on  # checked as it is saved: left empty, the meeting's day
    if shared_on is None and f.meeting_id is not None and (meeting := session.get(Meeting, f.meeting_id)):
        shared_on = meeting.starts_at.date()
    dates = Checker()
    shared_on_problems(dates, shared_on, audit.audit_date if audit else None, date.today(), held)
    for message in dates.errors.values():  # left empty, the meeting chosen gives the date
        c.add(*(("shared_on", message) if f.shared_on is not None else
                ("meeting_id", f"Shared on is left empty, so it is this meeting's date: {message}. Enter the day the "
                               "learning was shared")))
    if shared_on is not None and via is None and "shared_via" not in c.errors:
        c.add("shared_via", "Say where the learning was shared")
    c.raise_if_any()
    return {"audit_id": f.audit_id, "text": text, "theme": theme, "shared_via": via.value if via else "",
            "shared_on": shared_on, "meeting_id": f.meeting_id, "shared_detail": detail}


def create_learning(db: Database, fields: LearningFields) -> LearningDTO:
    with db.unit_of_work() as session:
        point = AuditLearning(**_check_learning(session, fields))
        return read_back(session, point, _learning_dtos)


def update_learning(db: Database, learning_id: int, fields: LearningFields) -> LearningDTO:
    with db.unit_of_work() as session:
        point = get_or_raise(session, AuditLearning, learning_id, "learning point")
        values = _check_learning(session, fields, held=point.shared_on)
        if values["audit_id"] != point.audit_id:
            raise ValidationError({"audit_id": "A learning point cannot move to another audit"})
        assign(point, values)
        return read_back(session, point, _learning_dtos)


def _restorable_learning(session: Session, point: AuditLearning) -> None:
    """An archived learning point comes back only as a new one could be recorded: not while its
    audit is archived."""
    if why := RECOMMENDATIONS.archived_parent(session.get(CaseAudit, point.audit_id)):
        raise ValidationError({"audit_id": why})


archive_learning, restore_learning = archivers(AuditLearning, "learning point", _restorable_learning)


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
    q = equal_where_given(q, (AuditLearning.audit_id, audit_id))
    q = only_ids(q, AuditLearning, ids)
    if not include_archived:
        q = q.where(AuditLearning.archived_at.is_(None))
        if audit_id is None and ids is None:
            q = q.where(CaseAudit.archived_at.is_(None))
    return [
        LearningDTO(
            p.id, p.audit_id, ref, p.text, p.theme, SharedVia(p.shared_via) if p.shared_via else None, p.shared_on,
            p.meeting_id, meeting_label(group_name, starts, title) if starts else "", p.shared_detail,
            archived_at=p.archived_at,
        )
        for p, ref, starts, title, group_name in session.execute(q)
    ]


def list_learning(db: Database, audit_id: int | None = None, include_archived: bool = False) -> list[LearningDTO]:
    return read(db, _learning_dtos, audit_id=audit_id, include_archived=include_archived)


# ---------------------------------------------------------------- recommendations and actions


RecommendationFields = recommendations.fields_naming("audit_id", __name__)


class RecommendationDTO(recommendations.RecommendationDTO):
    """An audit recommendation: its audit is `audit_id`, `audit_reference`."""

    audit_id = same_as("parent_id")
    audit_reference = same_as("reference")


def _closed(audit: CaseAudit, whose: str, doing: str) -> str:
    """Why a closed audit takes no open action ("" for any other): `whose`, how the audit is named."""
    if audit.status != AuditStatus.CLOSED.value:
        return ""
    return f"{whose} closed, every action of it complete: move it back to Reported to {doing}"


RECOMMENDATIONS = Recommendations(
    model=AuditRecommendation, parent=CaseAudit, parent_key="audit_id", parent_noun="audit",
    link="audit_recommendation_id", kind=RecordKind.AUDITS, source="Case audit", detail=CaseAudit.title,
    order=(CaseAudit.audit_date.desc(),), moved="A recommendation cannot move to another audit",
    dto=RecommendationDTO, fields=RecommendationFields,
    takes_no_action=lambda audit, doing: _closed(audit, "This audit is", doing),
    takes_no_open_action=lambda audit, doing: _closed(
        audit, f"Case audit {audit.reference} this action was raised from is", doing),
)

create_recommendation = RECOMMENDATIONS.create
update_recommendation = RECOMMENDATIONS.update
archive_recommendation = RECOMMENDATIONS.archive
restore_recommendation = RECOMMENDATIONS.restore
add_recommendation_action = RECOMMENDATIONS.add_action
recommendation_actions = RECOMMENDATIONS.actions


def list_recommendations(db: Database, audit_id: int | None = None, include_archived: bool = False,
                         today: date | None = None) -> list[RecommendationDTO]:
    return RECOMMENDATIONS.list(db, audit_id, include_archived, today)


def audit_actions(db: Database, audit_id: int | None = None, include_archived: bool = False,
                  today: date | None = None) -> list[action_log.LinkedAction]:
    """Every action raised from an audit recommendation (of one audit, if given); each row's
    `recommendation` is its recommendation."""
    return RECOMMENDATIONS.actions_of(db, audit_id, include_archived, today)
