"""Meetings of the same group at overlapping times.

A group may meet twice in a day, so an overlap is never refused (only the very same start is,
by `create_meeting`, as the two could not be told apart). The meeting dialog says so instead,
as it says a date is a bank holiday: "The Executive Group already meets 10:00–12:00 on
08/10/2026: check the time."
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select

from bscp_desktop.db.database import Database
from bscp_desktop.db.models import Group
from bscp_desktop.db.models.meetings import Meeting
from bscp_desktop.domain.dates import format_date
from bscp_desktop.domain.meetings import MeetingStatus
from bscp_desktop.domain.validation import and_list

#: The statuses of meetings that do not take place at their time: an overlap with one is no clash.
_CALLED_OFF = tuple(s.value for s in MeetingStatus if s.called_off)


def _overlaps(start: datetime, end: datetime | None, other_start: datetime, other_end: datetime | None) -> bool:
    """Whether two meetings' times share a minute; one with no end is taken as its start alone.
    One ending as the other starts does not overlap it."""
    if end is None or end <= start:
        end = None
    if other_end is None or other_end <= other_start:
        other_end = None
    if end is None and other_end is None:
        return start == other_start
    if end is None:
        return other_start <= start < other_end  # type: ignore[operator]
    if other_end is None:
        return start <= other_start < end
    return other_start < end and start < other_end


def _times(start: datetime, end: datetime | None) -> str:
    """'10:00–12:00', or 'at 10:00' for a meeting with no end."""
    if end is None or end <= start:
        return f"at {start:%H:%M}"
    return f"{start:%H:%M}–{end:%H:%M}"


def overlap_note(db: Database, group_id: int | None, starts_at: datetime | None, ends_at: datetime | None,
                 meeting_id: int | None = None) -> str:
    """What to say when the group already has another meeting whose time overlaps `starts_at` to
    `ends_at`: "The Executive Group already meets 10:00–12:00 on 08/10/2026: check the time."
    ('' when none does). Only meetings that still take place count: not archived, cancelled or
    postponed. `meeting_id` is the meeting being moved, which never clashes with itself."""
    if group_id is None or starts_at is None:
        return ""
    with db.unit_of_work() as session:
        rows = session.execute(
            select(Meeting.starts_at, Meeting.ends_at, Group.name)
            .join(Group, Group.id == Meeting.group_id)
            .where(Meeting.group_id == group_id, Meeting.archived_at.is_(None), Meeting.status.not_in(_CALLED_OFF),
                   Meeting.id != (meeting_id or 0),
                   Meeting.starts_at > starts_at - timedelta(days=1),
                   Meeting.starts_at < (ends_at if ends_at and ends_at > starts_at else starts_at) + timedelta(minutes=1))
            .order_by(Meeting.starts_at, Meeting.id)
        ).all()
    clashes = [(s, e, name) for s, e, name in rows if _overlaps(starts_at, ends_at, s, e)]
    if not clashes:
        return ""
    group = clashes[0][2]
    group = group if group.casefold().startswith("the ") else f"The {group}"
    days = sorted({s.date() for s, _e, _name in clashes})
    when = and_list([_times(s, e) for s, e, _name in clashes])
    return f"{group} already meets {when} on {and_list([format_date(d) for d in days])}: check the time."
