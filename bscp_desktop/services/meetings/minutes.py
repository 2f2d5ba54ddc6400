"""Live minutes, amendments to approved minutes, and the minutes workflow
(draft, circulated, approved)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from bscp_desktop.db import versions
from bscp_desktop.db.database import Database
from bscp_desktop.db.models import Group
from bscp_desktop.db.models.history import ChangeRecord
from bscp_desktop.db.models.meetings import AgendaItem, Meeting, MinutesAmendment
from bscp_desktop.domain.dates import format_date
from bscp_desktop.domain.meetings import ApprovalMethod, MeetingStatus, MinutesStatus, QuorumRule, approval_problem, can_move_minutes, circulation_problem, held_by_records
from bscp_desktop.domain.validation import Checker, ValidationError, clean_text, long_text_as_saved
from bscp_desktop.services.common import TextSaved, get_or_raise
from bscp_desktop.services.meetings.common import get_meeting_in, guard_approved, hold_meeting, locked_message, refuse_if_archived, refuse_if_called_off
from bscp_desktop.services.meetings.dtos import MAX_MINUTES_CHARS, AmendmentDTO, MeetingDTO


def list_amendments(db: Database, meeting_id: int) -> list[AmendmentDTO]:
    with db.unit_of_work() as session:
        rows = session.scalars(
            select(MinutesAmendment).where(MinutesAmendment.meeting_id == meeting_id).order_by(MinutesAmendment.id)
        )
        return [
            AmendmentDTO(a.id, a.meeting_id, a.agenda_item_id, a.decision_id, a.reason, a.old_text, a.new_text, a.created_at)
            for a in rows
        ]


def save_item_minutes(db: Database, item_id: int, text: str, reason: str | None = None, *,
                      version: int | None = None, base: str | None = None) -> TextSaved:
    """Save the minutes of one agenda item (the live editor calls this as the officer types).

    One small transaction. Nothing is written when the text is unchanged. Refused for
    approved minutes unless `reason` is given (then recorded as an amendment), for an
    archived meeting (restore it first), for an item taken off the agenda (someone else
    removed it while the officer typed: its minutes would not show, so nothing is written
    into it until it is restored), and, unless the minutes are cleared, for a meeting marked
    cancelled or postponed.

    `version` is the item's version the editor started from, `base` the minutes it then held:
    if someone else has saved the item since and its minutes are no longer `base` (without
    `base`: if anyone has saved the item since), the save is refused with RecordChanged,
    naming who and when, and nothing is written. A change to the item's other details (its
    title, its place on the agenda) does not stop the minutes being saved.

    Control characters are dropped as from every other text (`clean_text`: a NUL pasted from
    the clipboard, which a team database cannot hold), but the white space at either end is
    kept: the officer may be about to type the next word.
    """
    text = long_text_as_saved(text)
    if len(text) > MAX_MINUTES_CHARS:
        raise ValidationError({"minutes": f"The minutes of one item can be at most {MAX_MINUTES_CHARS:,} characters"})
    with db.unit_of_work() as session:
        item = get_or_raise(session, AgendaItem, item_id, "agenda item")
        if item.archived_at is not None and item.minutes != text:
            raise ValidationError({"minutes": f"The item '{item.title}' was removed from the agenda by someone else, so "
                                              "its minutes cannot be saved: copy what you typed, or restore the item "
                                              "(Agenda page, Show archived) to save them"})
        if version is not None and (base is None or item.minutes not in (base, long_text_as_saved(base))):
            versions.check(session, item, version)
        if item.minutes == text:
            return TextSaved(item_id, len(text), False, item.version)
        meeting = hold_meeting(session, item.meeting_id)  # approved or taken offline meanwhile: waited for
        refuse_if_archived(meeting, "minutes", "save its minutes")
        if text.strip():  # clearing what was typed is always allowed
            refuse_if_called_off(meeting, "minutes", "type its minutes")
        guard_approved(session, meeting, reason, field="minutes", item_id=item.id, old=item.minutes, new=text)
        item.minutes = text
        session.flush()
        return TextSaved(item_id, len(text), True, item.version)


def amend_minutes(db: Database, item_id: int, text: str, reason: str, *,
                  version: int | None = None, base: str | None = None) -> TextSaved:
    """Change the minutes of an item of approved minutes, with the reason kept. `version` and
    `base`: the item's version and the minutes the amendment started from, refused with
    RecordChanged if someone else has changed those minutes since (`save_item_minutes`)."""
    if not clean_text(reason):
        raise ValidationError({"reason": "Give the reason for the amendment"})
    return save_item_minutes(db, item_id, text, reason=reason, version=version, base=base)


# ---------------------------------------------------------------- minutes workflow


#: The meeting's fields the minutes workflow sets: a move made from a version of the meeting
#: opened before someone else changed one of them is refused (RecordChanged).
WORKFLOW_FIELDS = ("minutes_status", "minutes_circulated_on", "minutes_approved_on", "minutes_approval_method",
                   "minutes_approved_by", "approved_at_meeting_id")


def circulate_minutes(db: Database, meeting_id: int, on: date | None = None, *, version: int | None = None) -> MeetingDTO:
    """Mark the minutes circulated on `on` (today by default). Not before the meeting, not in
    the future; a planned meeting whose minutes go out was held, and is marked so. `version`:
    the meeting's version the officer opened (`_hold_for_move`)."""
    today = date.today()
    on = on or today
    with db.unit_of_work() as session:
        meeting = _hold_for_move(session, meeting_id, version)
        refuse_if_archived(meeting, "minutes", "mark its minutes circulated")
        problem = circulation_problem(meeting.starts_at.date(), MeetingStatus(meeting.status), on, today)
        if problem:
            raise ValidationError({"minutes_circulated_on": problem})
        _move(session, meeting, MinutesStatus.CIRCULATED)
        meeting.minutes_circulated_on = on
        _mark_held(meeting, today)
        session.flush()
        return get_meeting_in(session, meeting_id)


def return_minutes_to_draft(db: Database, meeting_id: int, *, version: int | None = None) -> MeetingDTO:
    """Take circulated minutes back to draft: they were not circulated as they will stand, so
    the circulation date is cleared (the change history keeps it). `version`: as for
    `circulate_minutes`."""
    with db.unit_of_work() as session:
        meeting = _hold_for_move(session, meeting_id, version)
        refuse_if_archived(meeting, "minutes", "return its minutes to draft")
        _move(session, meeting, MinutesStatus.DRAFT)
        meeting.minutes_circulated_on = None
        session.flush()
        return get_meeting_in(session, meeting_id)


def approve_minutes(
    db: Database,
    meeting_id: int,
    approved_at_meeting_id: int | None,
    on: date | None = None,
    *,
    method: ApprovalMethod | str | None = None,
    approved_by: str = "",
    version: int | None = None,
) -> MeetingDTO:
    """Approve the minutes; they are locked from then.

    At a later meeting of the same group (the default method; the approval date is that
    meeting's date), or between meetings by the chair's action or by e-mail:
    then who approved them and the date are required. The approval date is neither in the
    future nor before the meeting. A meeting approved at, or approved, is marked held.

    Minutes already approved are never approved again over the first approval: refused with
    RecordChanged when someone approved them after the officer opened the meeting at
    `version`, else with a sentence saying when, how and by whom they were approved."""
    today = date.today()
    c = Checker()
    try:
        method = ApprovalMethod(method) if method else ApprovalMethod.MEETING
    except ValueError:
        raise ValidationError({"method": "Choose at a later meeting, by chair's action or by e-mail"}) from None
    with db.unit_of_work() as session:
        meeting = _hold_for_move(session, meeting_id, version)
        refuse_if_archived(meeting, "minutes", "approve its minutes")
        _move(session, meeting, MinutesStatus.APPROVED)  # refused before anything else if approved already
        approver = None
        who = ""
        if method is ApprovalMethod.MEETING:
            approver = session.get(Meeting, approved_at_meeting_id) if approved_at_meeting_id is not None else None
            if approver is None:
                c.add("approved_at_meeting_id", "Choose the later meeting at which the minutes were approved")
            elif approver.group_id != meeting.group_id or approver.starts_at <= meeting.starts_at:
                c.add("approved_at_meeting_id", "Minutes are approved at a later meeting of the same group")
            elif approver.starts_at.date() > today:
                c.add(
                    "approved_at_meeting_id",
                    f"The meeting of {approver.starts_at:%d/%m/%Y} has not taken place yet, so it cannot have approved these minutes",
                )
            elif approver.archived_at is not None:
                c.add("approved_at_meeting_id", f"The meeting of {approver.starts_at:%d/%m/%Y} is archived: restore it "
                      "first if it approved these minutes")
            elif MeetingStatus(approver.status).called_off:
                c.add("approved_at_meeting_id", f"The meeting of {approver.starts_at:%d/%m/%Y} is marked "
                      f"{MeetingStatus(approver.status).label.lower()}, so it approved nothing")
            elif on is not None and on != approver.starts_at.date():
                c.add("on", f"Minutes approved at the meeting of {approver.starts_at:%d/%m/%Y} were approved that "
                      "day: for another day, choose the chair's action or e-mail")
        else:
            what = "the chair's action" if method is ApprovalMethod.CHAIRS_ACTION else "e-mail"
            who = c.required("approved_by", approved_by, "Approved by", 200)
            if on is None:
                c.add("on", f"Enter the date the minutes were approved by {what}")
        c.raise_if_any()
        on = on or approver.starts_at.date()
        problem = approval_problem(meeting.starts_at.date(), MeetingStatus(meeting.status), on, today,
                                   meeting.minutes_circulated_on)
        if problem:
            raise ValidationError({"on": problem})
        _mark_held(meeting, today)
        if approver is not None:
            _mark_held(approver, today)
        meeting.approved_at_meeting_id = approver.id if approver is not None else None
        meeting.minutes_approval_method = method.value
        meeting.minutes_approved_by = who
        meeting.minutes_approved_on = on
        group = session.get(Group, meeting.group_id)  # the quorum the approved minutes record is judged by this
        meeting.approved_quorum_rule, meeting.approved_quorum = group.quorum_rule or QuorumRule.HEAD_COUNT.value, group.quorum
        if meeting.minutes_circulated_on is None:  # none recorded: taken as circulated on the approval day
            meeting.minutes_circulated_on = meeting.minutes_approved_on
        session.flush()
        return get_meeting_in(session, meeting_id)


def circulated_with_approval(session: Session, meeting: Meeting) -> bool:
    """Whether the minutes' circulation date is only their approval day's: minutes approved from
    draft are taken as circulated that day (`approve_minutes`), so that date follows the
    approval's when the meeting that approved them moves. Minutes circulated before they were
    approved (the history says so) keep the day recorded, even the approval day."""
    if meeting.minutes_circulated_on is None or meeting.minutes_circulated_on != meeting.minutes_approved_on:
        return False
    approved_from = session.scalar(select(ChangeRecord.old_value).where(
        ChangeRecord.table_name == Meeting.__tablename__, ChangeRecord.record_id == meeting.id,
        ChangeRecord.field == "minutes_status", ChangeRecord.new_value == MinutesStatus.APPROVED.value,
    ).order_by(ChangeRecord.id.desc()).limit(1))
    return approved_from != MinutesStatus.CIRCULATED.value


def _mark_held(meeting: Meeting, today: date) -> None:
    if held_by_records(MeetingStatus(meeting.status), meeting.starts_at.date(), today):
        meeting.status = MeetingStatus.HELD.value


def says_not_held(meeting: Meeting, day: date, status: str) -> bool:
    """Whether `status`, on `day`, would say a meeting its records show took place did not: called
    off, or a status the program replaces with held on those records (`held_by_records`, as
    circulating or approving minutes does, `_mark_held`); a status it already has is kept."""
    new = MeetingStatus(status)
    return new.called_off or (status != meeting.status and held_by_records(new, day, date.today()))


def _hold_for_move(session: Session, meeting_id: int, version: int | None) -> Meeting:
    """The meeting, held (`hold_meeting`); refused with RecordChanged when someone else changed
    its minutes' status, dates or approval since the officer opened it at `version` (a change
    to its other details, its place say, does not stop the move)."""
    meeting = hold_meeting(session, meeting_id)
    versions.check(session, meeting, version, WORKFLOW_FIELDS)
    return meeting


def _move(session: Session, meeting: Meeting, target: MinutesStatus) -> None:
    """Move the minutes to `target`. Minutes already there are refused, saying since when and
    by whom, and nothing is changed: a second officer's approval (or circulation) never
    silently replaces the first."""
    current = MinutesStatus(meeting.minutes_status)
    if current is target:
        raise ValidationError({"minutes": already_sentence(session, meeting)})
    if not can_move_minutes(current, target):
        if current is MinutesStatus.APPROVED:
            raise ValidationError({"minutes": locked_message(meeting)})
        raise ValidationError({"minutes": f"Minutes cannot go from {current.label.lower()} to {target.label.lower()}"})
    meeting.minutes_status = target.value


def already_sentence(session: Session, meeting: Meeting) -> str:
    """Why minutes already at their status are not moved there again: when, how and by whom."""
    status = MinutesStatus(meeting.minutes_status)
    recorded_by = session.scalar(
        select(ChangeRecord.changed_by).where(
            ChangeRecord.table_name == Meeting.__tablename__, ChangeRecord.record_id == meeting.id,
            ChangeRecord.field == "minutes_status", ChangeRecord.new_value == status.value,
        ).order_by(ChangeRecord.id.desc()).limit(1)
    )
    by = f", recorded by {recorded_by}," if recorded_by else ""
    if status is MinutesStatus.APPROVED:
        method = ApprovalMethod(meeting.minutes_approval_method or ApprovalMethod.MEETING.value)
        if method is ApprovalMethod.MEETING:
            approver = session.get(Meeting, meeting.approved_at_meeting_id) if meeting.approved_at_meeting_id else None
            how = f" at the meeting of {approver.starts_at:%d/%m/%Y}" if approver is not None else " at a later meeting"
        else:
            how = " by the chair's action" if method is ApprovalMethod.CHAIRS_ACTION else " by e-mail"
            if meeting.minutes_approved_by:
                how += f" ({meeting.minutes_approved_by})"
        what = f"were approved on {format_date(meeting.minutes_approved_on)}{how}"
    elif status is MinutesStatus.CIRCULATED:
        what = f"were marked circulated on {format_date(meeting.minutes_circulated_on)}"
    else:
        what, by = "are already in draft", f" (returned to draft by {recorded_by})" if recorded_by else ""
    return f"These minutes {what}{by} while you had them open: nothing was changed"
