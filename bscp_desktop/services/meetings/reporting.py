"""Reads for workbooks and reports: every agenda item, key areas of focus, owners."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import select

from bscp_desktop.db.database import Database
from bscp_desktop.db.models import Group
from bscp_desktop.db.models.meetings import AgendaItem, Meeting
from bscp_desktop.domain.meetings import MeetingStatus
from bscp_desktop.services.meetings.common import item_dto
from bscp_desktop.services.meetings.dtos import CHUNK, MeetingDTO, MeetingRow
from bscp_desktop.services.meetings.meetings import list_meetings


def list_all_agenda_items(db: Database, meeting_ids: Sequence[int] | None = None,
                          include_archived_meetings: bool = False) -> list[MeetingRow]:
    """The agenda items on record (archived items left out), in meeting and agenda order.
    `include_archived_meetings` lists those of archived meetings too, as the meetings workbook
    lists archived meetings with their registers, decisions and actions."""
    with db.unit_of_work() as session:
        q = (
            select(AgendaItem, Meeting.starts_at, Group.name)
            .join(Meeting, AgendaItem.meeting_id == Meeting.id)
            .join(Group, Meeting.group_id == Group.id)
            .where(AgendaItem.archived_at.is_(None))
        )
        if not include_archived_meetings:
            q = q.where(Meeting.archived_at.is_(None))
        if meeting_ids is not None:
            q = q.where(AgendaItem.meeting_id.in_(meeting_ids))
        q = q.order_by(Meeting.starts_at, Meeting.id, AgendaItem.position).execution_options(yield_per=CHUNK)
        return [MeetingRow(i.meeting_id, start.date(), g, item_dto(i)) for i, start, g in session.execute(q)]


def confidential_item_ids(db: Database) -> set[int]:
    """Every agenda item marked confidential, archived ones and those of archived meetings
    included: outputs leave out what was said, decided or actioned under them."""
    with db.unit_of_work() as session:
        return set(session.scalars(select(AgendaItem.id).where(AgendaItem.confidential.is_(True))))


def key_areas_of_focus(db: Database, date_from: date | None = None, date_to: date | None = None) -> list[tuple[MeetingDTO, list[str]]]:
    """Meetings held in a period with their key areas of focus (the yearly report's table): the
    meeting's own summary, one a line, then the agenda items marked as key areas of focus."""
    meetings = [m for m in list_meetings(db, date_from=date_from, date_to=date_to) if m.status is MeetingStatus.HELD]
    meetings.sort(key=lambda m: m.starts_at)
    by_meeting: dict[int, list[str]] = {m.id: m.key_focus.splitlines() for m in meetings if m.key_focus}
    for row in list_all_agenda_items(db, [m.id for m in meetings]):
        if row.item.key_focus:
            by_meeting.setdefault(row.meeting_id, []).append(row.item.key_focus_summary or row.item.title)
    return [(m, by_meeting.get(m.id, [])) for m in meetings]
