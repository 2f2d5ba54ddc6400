"""Whether a case review may be closed on a day, for its dialog to say so as the date is typed.
The rule is `case_review_recommendations.closing_problem`; saving the case checks it again."""

from __future__ import annotations

from datetime import date

from bscp_desktop.db.database import Database
from bscp_desktop.services.case_review_recommendations import closing_problem


def closing_refusal(db: Database, case_id: int, closed: date | None) -> str:
    """Why the case may not be closed on `closed` ("" when it may, or no date is given): an
    action raised from its recommendations is still to do."""
    if closed is None:
        return ""
    with db.unit_of_work() as session:
        return closing_problem(session, case_id, closed)
