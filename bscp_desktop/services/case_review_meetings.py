"""The meetings a case review is linked to (where it was considered, its rapid review meeting)
and the stage dates they give. `services.case_reviews` imports every name here for the window.

A linked stage date is the meeting's day: it follows the meeting when the meeting moves, unless
the case's own rules would then refuse it (`moved_cases_problem`, `follow_moved_meeting`), and
a meeting a live case is linked to is not archived (`archiving_problem`). A login that may not
read case reviews (a team database's grants) is told only that the meeting gives cases a date
(`_hidden_links`), and such a move or archive is left to the case reviews group."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import fields, replace
from datetime import date, datetime

from sqlalchemy import or_, select, text
from sqlalchemy.orm import Session

from bscp_desktop.db.database import Database
from bscp_desktop.db.models.case_reviews import CaseReview
from bscp_desktop.db.models.meetings import Meeting
from bscp_desktop.domain.case_reviews import STAGE_BY_KEY
from bscp_desktop.domain.dates import format_date
from bscp_desktop.domain.meetings import MeetingStatus
from bscp_desktop.domain.validation import and_list
from bscp_desktop.services import access
from bscp_desktop.services.case_review_dtos import CaseReviewFields

#: A meeting link and the stage date it gives: (meeting field, date field).
MEETING_LINKS = (("considered_meeting_id", "considered_on"), ("rapid_review_meeting_id", "rapid_review_meeting"))
#: What a meeting is to a case, by its link, as a refusal says it.
_LINKED_AS = {"considered_meeting_id": "the meeting it was considered at",
              "rapid_review_meeting_id": "its rapid review meeting"}


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
    if meeting is None or meeting.archived_at is not None or MeetingStatus(meeting.status).called_off:
        return None
    return meeting.title, meeting.starts_at.date()


def meeting_held(db: Database, meeting_id: int) -> tuple[str, date] | None:
    """The title of a meeting a case may be linked to and the day it was held (None when it is
    not on record, archived, cancelled or postponed): the date a case dialog fills in when the
    meeting is chosen."""
    with db.unit_of_work() as session:
        return _meeting_held_in(session, meeting_id)


def meeting_dates_in(session: Session, f: CaseReviewFields) -> tuple[CaseReviewFields, dict[str, str]]:
    """`fill_meeting_dates` with the meetings on record; a meeting not on record is an error, and
    so is an archived one, saying how to put it right."""
    errors: dict[str, str] = {}
    meetings: dict[int, tuple[str, date]] = {}
    for meeting_field, date_field in MEETING_LINKS:
        meeting_id = getattr(f, meeting_field)
        if meeting_id is None:
            continue
        held = _meeting_held_in(session, meeting_id)
        if held is not None:
            meetings[meeting_id] = held
        elif (meeting := session.get(Meeting, meeting_id)) is None:
            errors[meeting_field] = "Choose the meeting from the list"
        elif meeting.archived_at is None:  # cancelled or postponed: it was never held
            errors[meeting_field] = (
                f"The meeting chosen for the {STAGE_BY_KEY[date_field].label.lower()}, {meeting.title} "
                f"({format_date(meeting.starts_at.date())}), is marked {MeetingStatus(meeting.status).label.lower()}: "
                "choose the meeting that was held (or none)")
        else:
            errors[meeting_field] = (
                f"The meeting chosen for the {STAGE_BY_KEY[date_field].label.lower()}, {meeting.title} "
                f"({format_date(meeting.starts_at.date())}), has been archived: restore it on the Meetings tab, "
                "or choose another meeting (or none)")
    f, date_errors = fill_meeting_dates(f, meetings)
    return f, {**errors, **date_errors}


def _linked_cases(session: Session, meeting_id: int) -> list[tuple[CaseReview, list[tuple[str, str]]]]:
    """The case reviews linked to a meeting, archived ones too, each with its links to it
    (`MEETING_LINKS`), in reference order; none where the login may not read case reviews (a
    team database keeps them from officers outside the case reviews group)."""
    if not access.can_read_in(session, CaseReview.__tablename__):
        return []
    cases = session.scalars(select(CaseReview).where(or_(
        *(getattr(CaseReview, meeting_field) == meeting_id for meeting_field, _ in MEETING_LINKS)
    )).order_by(CaseReview.reference))
    return [(case, [link for link in MEETING_LINKS if getattr(case, link[0]) == meeting_id]) for case in cases]


def _hidden_links(session: Session, meeting_id: int) -> tuple[int, int]:
    """(live, all) the case reviews linked to a meeting that this login may not read, counted by
    the server with its owner's rights (`bscp_meeting_case_links`, revision 0027), which says
    nothing else of them; (0, 0) where the login reads case reviews (`_linked_cases` names them)."""
    if access.can_read_in(session, CaseReview.__tablename__):
        return 0, 0
    live, every = session.execute(text("SELECT live, every FROM bscp_meeting_case_links(:meeting)"),
                                  {"meeting": meeting_id}).one()
    return int(live), int(every)


def _left_to_case_reviews(count: int, kept: str) -> str:
    """A move or archive refused because `count` case reviews this login may not read take a date
    from the meeting: who may do it, and what keeps things as they are."""
    one = count == 1
    return (f"This meeting gives {'a case review' if one else f'{count} case reviews'} a date, and only an "
            f"officer in the case reviews group can see {'it' if one else 'them'}: ask one of them to do this, "
            f"or {kept}")


def _named_case(case: CaseReview, links: list[tuple[str, str]]) -> str:
    """'BSCP-2025-01 (Child A) as its rapid review meeting', '(archived)' where it is."""
    archived = " (archived)" if case.archived_at is not None else ""
    return f"{case.reference} ({case.alias}){archived} as {and_list([_LINKED_AS[m] for m, _ in links])}"


def _case_fields(case: CaseReview, **dates: date) -> CaseReviewFields:
    """A case as saved, as the input its checks take, with `dates` instead of its own."""
    names = {f.name for f in fields(CaseReviewFields)} - {"themes", "agency_ids"}
    return replace(CaseReviewFields(**{name: getattr(case, name) for name in names}), **dates)


def moved_cases_problem(session: Session, meeting: Meeting, starts_at: datetime) -> dict[str, str]:
    """A move of a meeting to another day moves the dates the cases linked to it take from it
    (`follow_moved_meeting`): one after which a case's rules would refuse its dates (a step before
    the one it follows, a date still to come) is refused, naming the case and why."""
    from bscp_desktop.services.case_reviews import check_case_fields  # it imports this module

    day, was = starts_at.date(), meeting.starts_at.date()
    if day == was:
        return {}
    if hidden := _hidden_links(session, meeting.id)[1]:
        return {"starts_at": _left_to_case_reviews(hidden, f"keep the meeting's date ({format_date(was)})")}
    refused = []
    for case, links in _linked_cases(session, meeting.id):
        before = check_case_fields(_case_fields(case))[0].errors
        after = check_case_fields(_case_fields(case, **{d: day for _, d in links}))[0].errors
        if new := [message for key, message in after.items() if before.get(key) != message]:
            refused.append(f"{_named_case(case, links)}, whose date{'s' if len(links) > 1 else ''} would follow it: "
                           f"{new[0]}")
    if not refused:
        return {}
    one = len(refused) == 1
    return {"starts_at": f"This meeting is linked to {'case review ' if one else f'{len(refused)} case reviews: '}"
                         f"{'; '.join(refused)}. Change {'that case' if one else 'those cases'} first, or keep the "
                         f"meeting's date ({format_date(was)})"}


def follow_moved_meeting(session: Session, meeting: Meeting) -> None:
    """The cases linked to a meeting that moved take its new day (`moved_cases_problem` first)."""
    for case, links in _linked_cases(session, meeting.id):
        for _, date_field in links:
            setattr(case, date_field, meeting.starts_at.date())


def archiving_problem(session: Session, meeting: Meeting) -> str:
    """Why a meeting stays in view while live case reviews take a date from it, naming them and
    how to archive it; "" when none does (an archived case's save says the meeting was archived)."""
    return _taken_from(session, meeting, "leave the meeting in view", "it stays", "archive this one")


def not_held_problem(session: Session, meeting: Meeting, status: str) -> dict[str, str]:
    """Why a meeting live case reviews take a date from (a rapid review meeting, the one that
    considered a case) cannot be marked cancelled or postponed: the case would say a meeting was
    held that never was. {} for another status, or when none does."""
    if status not in (MeetingStatus.CANCELLED.value, MeetingStatus.POSTPONED.value) or meeting.status == status:
        return {}
    word = MeetingStatus(status).label.lower()
    problem = _taken_from(session, meeting, "leave the meeting as it is", f"it cannot be marked {word}",
                          f"mark this one {word}")
    return {"status": problem} if problem else {}


def _taken_from(session: Session, meeting: Meeting, kept: str, so: str, then: str) -> str:
    """The live case reviews taking a date from the meeting, named, and what to do first."""
    if hidden := _hidden_links(session, meeting.id)[0]:
        return _left_to_case_reviews(hidden, kept)
    linked = [(case, links) for case, links in _linked_cases(session, meeting.id) if case.archived_at is None]
    if not linked:
        return ""
    one = len(linked) == 1
    return (f"This meeting is linked to {'case review ' if one else f'{len(linked)} case reviews: '}"
            f"{'; '.join(_named_case(case, links) for case, links in linked)}. "
            f"{'The case takes its date' if one else 'The cases take their dates'} from it, so {so}: choose "
            f"another meeting on {'that case' if one else 'those cases'} (or none) first, then {then}")
