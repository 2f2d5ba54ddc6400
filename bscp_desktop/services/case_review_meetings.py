"""The meetings a case review is linked to (where it was considered, its rapid review meeting)
and the stage dates they give. `services.case_reviews` imports every name here for the window."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import date

from sqlalchemy.orm import Session

from bscp_desktop.db.database import Database
from bscp_desktop.db.models.meetings import Meeting
from bscp_desktop.domain.case_reviews import STAGE_BY_KEY
from bscp_desktop.domain.dates import format_date
from bscp_desktop.services.case_review_dtos import CaseReviewFields

#: A meeting link and the stage date it gives: (meeting field, date field).
MEETING_LINKS = (("considered_meeting_id", "considered_on"), ("rapid_review_meeting_id", "rapid_review_meeting"))


def fill_meeting_dates(
    f: CaseReviewFields, meetings: Mapping[int, tuple[str, date]]
) -> tuple[CaseReviewFields, dict[str, str]]:
    """Fill a stage date left empty from the meeting chosen for it (``meetings``: id -> title
    and the day it was held); a date that differs from the meeting's is an error naming both.
    A meeting not in ``meetings`` is left to the caller."""
    errors: dict[str, str] = {}
    changes: dict[str, date] = {}
    for meeting_field, date_field in MEETING_LINKS:
        meeting_id = getattr(f, meeting_field)
        if meeting_id is None or meeting_id not in meetings:
            continue
        title, held_on = meetings[meeting_id]
        given = getattr(f, date_field)
        if given is None:
            changes[date_field] = held_on
        elif given != held_on:
            errors[date_field] = (
                f"{STAGE_BY_KEY[date_field].label} ({format_date(given)}) is not the date of the "
                f"meeting chosen, {title} ({format_date(held_on)})"
            )
    return (replace(f, **changes) if changes else f), errors


def _meeting_held_in(session: Session, meeting_id: int) -> tuple[str, date] | None:
    meeting = session.get(Meeting, meeting_id)
    if meeting is None or meeting.archived_at is not None:
        return None
    return meeting.title, meeting.starts_at.date()


def meeting_held(db: Database, meeting_id: int) -> tuple[str, date] | None:
    """The title of a meeting a case may be linked to and the day it was held (None when it is
    not on record or archived): the date a case dialog fills in when the meeting is chosen."""
    with db.unit_of_work() as session:
        return _meeting_held_in(session, meeting_id)


def meeting_dates_in(session: Session, f: CaseReviewFields) -> tuple[CaseReviewFields, dict[str, str]]:
    """`fill_meeting_dates` with the meetings on record; a meeting not on record is an error."""
    errors: dict[str, str] = {}
    meetings: dict[int, tuple[str, date]] = {}
    for meeting_field, _ in MEETING_LINKS:
        meeting_id = getattr(f, meeting_field)
        if meeting_id is None:
            continue
        held = _meeting_held_in(session, meeting_id)
        if held is None:
            errors[meeting_field] = "Choose the meeting from the list"
        else:
            meetings[meeting_id] = held
    f, date_errors = fill_meeting_dates(f, meetings)
    return f, {**errors, **date_errors}
