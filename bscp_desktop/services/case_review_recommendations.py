"""Case review recommendations and the actions raised from them (in the shared action log)."""

from __future__ import annotations

from datetime import date

from bscp_desktop.db.database import Database
from bscp_desktop.db.models.case_reviews import CaseReview, Recommendation
from bscp_desktop.domain.kinds import RecordKind
from bscp_desktop.services import actions as action_log
from bscp_desktop.services import recommendations
from bscp_desktop.services.common import same_as
from bscp_desktop.services.recommendations import Recommendations

RecommendationFields = recommendations.fields_naming("case_review_id", __name__)


class RecommendationDTO(recommendations.RecommendationDTO):
    """A case review recommendation: its case is `case_review_id`, `case_reference`, `case_alias`."""

    case_review_id = same_as("parent_id")
    case_reference = same_as("reference")
    case_alias = same_as("detail")


RECOMMENDATIONS = Recommendations(
    model=Recommendation, parent=CaseReview, parent_key="case_review_id", parent_noun="case",
    link="recommendation_id", kind=RecordKind.CASE_REVIEWS, source="Case review", detail=CaseReview.alias,
    order=(CaseReview.became_aware, CaseReview.reference),
    moved="A recommendation cannot move to another case; archive it and add it there",
    dto=RecommendationDTO, fields=RecommendationFields,
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
