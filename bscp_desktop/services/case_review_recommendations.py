"""Case review recommendations and the actions raised from them (in the shared action log)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import astuple, dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from bscp_desktop.db.database import Database
from bscp_desktop.db.models import Action, Organisation
from bscp_desktop.db.models.case_reviews import (
    CaseReview,
    Recommendation,
)
from bscp_desktop.domain.kinds import RecordKind
from bscp_desktop.domain.validation import Checker
from bscp_desktop.services import actions as action_log
from bscp_desktop.services.actions import ActionSource, describes_actions
from bscp_desktop.services.common import (
    ArchivedAt,
    add_numbered,
    archivers,
    change_record,
    get_or_raise,
)


@dataclass(frozen=True)
class RecommendationFields:
    case_review_id: int | None
    text: str
    lead_organisation_id: int | None = None
    notes: str = ""


@dataclass(frozen=True)
class RecommendationDTO(ArchivedAt):
    id: int
    case_review_id: int
    case_reference: str
    case_alias: str
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
    def name(self) -> str:
        return f"recommendation {self.number} of {self.case_reference}"

    @property
    def label(self) -> str:
        return f"{self.case_reference} R{self.number}"


def _check_recommendation(session: Session, f: RecommendationFields) -> dict[str, Any]:
    c = Checker()
    text = c.required("text", f.text, "Recommendation", 10000)
    if f.case_review_id is None:
        c.add("case_review_id", "Choose the case the recommendation comes from")
    elif session.get(CaseReview, f.case_review_id) is None:
        c.add("case_review_id", "Choose the case from the list")
    if f.lead_organisation_id is not None and session.get(Organisation, f.lead_organisation_id) is None:
        c.add("lead_organisation_id", "Choose the lead agency from the list of organisations")
    notes = c.optional("notes", f.notes, "Notes", 10000)
    c.raise_if_any()
    return {"case_review_id": f.case_review_id, "text": text, "lead_organisation_id": f.lead_organisation_id, "notes": notes}


def create_recommendation(db: Database, fields: RecommendationFields) -> RecommendationDTO:
    with db.unit_of_work() as session:
        rec = add_numbered(session, Recommendation, "case_review_id", _check_recommendation(session, fields))
        return _recommendation_dtos(session, ids=[rec.id])[0]


def update_recommendation(db: Database, recommendation_id: int, fields: RecommendationFields) -> RecommendationDTO:
    with db.unit_of_work() as session:
        values = _check_recommendation(session, fields)
        change_record(session, Recommendation, recommendation_id, "recommendation", values, "case_review_id",
                      "A recommendation cannot move to another case; archive it and add it there")
        return _recommendation_dtos(session, ids=[recommendation_id])[0]


archive_recommendation, restore_recommendation = archivers(Recommendation, "recommendation")


def _recommendation_dtos(
    session: Session,
    *,
    ids: Sequence[int] | None = None,
    case_review_id: int | None = None,
    include_archived: bool = True,
    today: date | None = None,
) -> list[RecommendationDTO]:
    today = today or date.today()
    org = aliased(Organisation)
    q = (
        select(Recommendation, CaseReview.reference, CaseReview.alias, org.name)
        .join(CaseReview, CaseReview.id == Recommendation.case_review_id)
        .outerjoin(org, org.id == Recommendation.lead_organisation_id)
        .order_by(CaseReview.became_aware, CaseReview.reference, Recommendation.number)
    )
    if ids is not None:
        q = q.where(Recommendation.id.in_(ids))
    if case_review_id is not None:
        q = q.where(Recommendation.case_review_id == case_review_id)
    if not include_archived:
        q = q.where(Recommendation.archived_at.is_(None))
        if case_review_id is None and ids is None:
            q = q.where(CaseReview.archived_at.is_(None))
    rows = session.execute(q).all()
    tallies = action_log.tallies_in(session, "recommendation_id", [r[0].id for r in rows], today)
    return [
        RecommendationDTO(
            rec.id, rec.case_review_id, reference, alias, rec.number, rec.text, rec.lead_organisation_id,
            org_name or "", rec.notes, rec.archived_at, *astuple(tallies.get(rec.id, action_log.Tally())),
        )
        for rec, reference, alias, org_name in rows
    ]


def list_recommendations(
    db: Database, case_review_id: int | None = None, include_archived: bool = False, today: date | None = None
) -> list[RecommendationDTO]:
    with db.unit_of_work() as session:
        return _recommendation_dtos(session, case_review_id=case_review_id, include_archived=include_archived, today=today)


def get_recommendation(db: Database, recommendation_id: int) -> RecommendationDTO:
    with db.unit_of_work() as session:
        get_or_raise(session, Recommendation, recommendation_id, "recommendation")
        return _recommendation_dtos(session, ids=[recommendation_id])[0]


# ---------------------------------------------------------------- actions on recommendations


def add_recommendation_action(
    db: Database, recommendation_id: int, fields: action_log.ActionFields
) -> action_log.ActionDTO:
    """A new action in the shared action log, linked to the recommendation (one transaction)."""
    return action_log.add_linked_action(
        db, Recommendation, "recommendation_id", recommendation_id, "recommendation", fields
    )


def recommendation_actions(
    db: Database, recommendation_id: int, include_archived: bool = False
) -> list[action_log.ActionDTO]:
    return action_log.linked_actions(db, "recommendation_id", recommendation_id, include_archived)


def case_review_actions(
    db: Database, include_archived: bool = False, today: date | None = None, case_review_id: int | None = None
) -> list[action_log.LinkedAction]:
    """Every action raised from a case review recommendation (of one case, if given), in case
    and recommendation order; each row's `record` is its recommendation."""
    recs = {
        r.id: r
        for r in list_recommendations(db, case_review_id, include_archived=include_archived, today=today)
    }
    return action_log.actions_of_records(db, "recommendation_id", recs, include_archived)


@describes_actions(RecordKind.CASE_REVIEWS, "recommendation_id")
def recommendation_sources(session: Session, actions: Sequence[action_log.ActionDTO]) -> dict[int, ActionSource]:
    """'Case review BSCP-2024-01 (Child A): recommendation 2' (one query)."""
    rows = session.execute(
        select(Action.id, CaseReview.reference, CaseReview.alias, Recommendation.number)
        .join(Recommendation, Action.recommendation_id == Recommendation.id)
        .join(CaseReview, Recommendation.case_review_id == CaseReview.id)
        .where(Action.id.in_([a.id for a in actions]))
    )
    return {
        action_id: ActionSource(RecordKind.CASE_REVIEWS, f"Case review {ref} ({alias}): recommendation {number}")
        for action_id, ref, alias, number in rows
    }
