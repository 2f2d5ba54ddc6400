"""Case review recommendations and the actions raised from them (in the shared action log)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from bscp_desktop.db.database import Database
from bscp_desktop.db.models import Action
from bscp_desktop.db.models.case_reviews import CaseReview, Recommendation
from bscp_desktop.domain.actions import ActionStatus
from bscp_desktop.domain.case_reviews import Outcome
from bscp_desktop.domain.kinds import RecordKind
from bscp_desktop.services import actions as action_log
from bscp_desktop.services import recommendations
from bscp_desktop.services.action_rules import first_few
from bscp_desktop.services.common import same_as
from bscp_desktop.services.recommendations import Recommendations

RecommendationFields = recommendations.fields_naming("case_review_id", __name__)


class RecommendationDTO(recommendations.RecommendationDTO):
    """A case review recommendation: its case is `case_review_id`, `case_reference`, `case_alias`."""

    case_review_id = same_as("parent_id")
    case_reference = same_as("reference")
    case_alias = same_as("detail")


def _closed(case: CaseReview, whose: str, doing: str) -> str:
    """Why a closed case takes no new recommendation nor open action ("" for a case not closed):
    `whose`, how the case is named; `doing`, what the officer is doing ("add an action")."""
    if case.closed is None:
        return ""
    if case.outcome == Outcome.NOT_NOTIFIABLE.value:  # its Closed date stays while it is not notifiable
        return (f"{whose} closed ({case.closed:%d/%m/%Y}) as not notifiable: reopen it first, by changing its "
                f"outcome and clearing Closed, to {doing}")
    return f"{whose} closed ({case.closed:%d/%m/%Y}): reopen it first, by clearing Closed, to {doing}"


RECOMMENDATIONS = Recommendations(
    model=Recommendation, parent=CaseReview, parent_key="case_review_id", parent_noun="case",
    link="recommendation_id", kind=RecordKind.CASE_REVIEWS, source="Case review", detail=CaseReview.alias,
    order=(CaseReview.became_aware, CaseReview.reference),
    moved="A recommendation cannot move to another case; archive it and add it there",
    dto=RecommendationDTO, fields=RecommendationFields,
    takes_no_action=lambda case, doing: _closed(case, "This case is", doing),
    takes_no_open_action=lambda case, doing: _closed(
        case, f"Case review {case.reference} this action was raised from is", doing),
)

create_recommendation = RECOMMENDATIONS.create
update_recommendation = RECOMMENDATIONS.update
archive_recommendation = RECOMMENDATIONS.archive
restore_recommendation = RECOMMENDATIONS.restore
get_recommendation = RECOMMENDATIONS.get
add_recommendation_action = RECOMMENDATIONS.add_action
recommendation_actions = RECOMMENDATIONS.actions


def list_recommendations(
    db: Database, case_review_id: int | None = None, include_archived: bool = False, today: date | None = None
) -> list[RecommendationDTO]:
    return RECOMMENDATIONS.list(db, case_review_id, include_archived, today)


def case_review_actions(
    db: Database, include_archived: bool = False, today: date | None = None, case_review_id: int | None = None
) -> list[action_log.LinkedAction]:
    """Every action raised from a case review recommendation (of one case, if given), in case
    and recommendation order; each row's `recommendation` is its recommendation."""
    return RECOMMENDATIONS.actions_of(db, case_review_id, include_archived, today)


def open_actions_in(session: Session, case_ids: Sequence[int]) -> dict[int, list[str]]:
    """{case id: its live actions still to do (open or in progress), each named "recommendation 1's
    'Text' (due 30/04/2024)"}, in recommendation order. An archived recommendation's count too: its
    actions stay in the action log until done, dropped or archived, as a case audit's do
    (`case_audits.open_action_counts`)."""
    rows = session.execute(
        select(Recommendation.case_review_id, Recommendation.number, Action.description, Action.due_date)
        .join(Action, Action.recommendation_id == Recommendation.id)
        .where(Recommendation.case_review_id.in_(list(case_ids)), Action.archived_at.is_(None),
               Action.status.notin_([ActionStatus.DONE.value, ActionStatus.DROPPED.value]))
        .order_by(Recommendation.case_review_id, Recommendation.number, Action.id)
    ).all()
    found: dict[int, list[str]] = {}
    for case_id, number, text, due in rows:
        text = " ".join(text.split())
        text = text if len(text) <= 60 else text[:57] + "..."
        found.setdefault(case_id, []).append(
            f"recommendation {number}'s '{text}'" + (f" (due {due:%d/%m/%Y})" if due is not None else ""))
    return found


def closing_problem(session: Session, case_id: int, closed: date | None) -> str:
    """Why a case may not be closed on `closed` now, or "": the live actions raised from its
    recommendations are still to do, counted and the first few named, as a case audit is not closed
    while one of its actions is open. Only closing it is refused (a case closed before, whose Closed
    date is kept or corrected, is not)."""
    case = session.get(CaseReview, case_id)
    if closed is None or case is None or case.closed is not None:
        return ""
    named = open_actions_in(session, [case_id]).get(case_id, [])
    if not named:
        return ""
    one = len(named) == 1
    return (f"Not on {closed:%d/%m/%Y}, while {'an action' if one else f'{len(named)} actions'} "
            f"raised from its recommendations {'is' if one else 'are'} still open ({first_few(named)}). Complete or "
            f"drop {'it' if one else 'them'} first, or leave Closed empty")
