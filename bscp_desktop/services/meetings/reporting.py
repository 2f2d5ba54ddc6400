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
from bscp_desktop.services.meetings.dtos import CHUNK, AgendaItemDTO, MeetingDTO, MeetingRow
from bscp_desktop.services.meetings.meetings import list_meetings

#: What outputs show in place of a confidential item's words (its minutes, its key-area summary).
CONFIDENTIAL_NOT_EXPORTED = "(confidential item: not exported)"


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


def focus_summary(item: AgendaItemDTO) -> str:
    """An item's key-area-of-focus summary as outputs show it: a confidential item's is not
    exported, as its minutes are not."""
    if item.confidential and item.key_focus_summary:
        return CONFIDENTIAL_NOT_EXPORTED
    return item.key_focus_summary


def key_area(item: AgendaItemDTO) -> str:
    """An agenda item marked as a key area of focus as the yearly report and the Meetings
    workbook list it: by its summary, else its title. A confidential item is listed only as not
    exported, neither its summary nor its title: the yearly report is not marked OFFICIAL-SENSITIVE,
    and an agenda lists confidential items apart, under a marking."""
    if item.confidential:
        return CONFIDENTIAL_NOT_EXPORTED
    return item.key_focus_summary or item.title


def key_areas(meetings: Sequence[MeetingDTO], rows: Sequence[MeetingRow]) -> dict[int, list[str]]:
    """{meeting id: its key areas of focus, one a line} for `meetings`, from their agenda items
    `rows` in agenda order: the meeting's own summary, one a line, then the agenda items marked
    as key areas of focus (`key_area`). The yearly report and the Meetings workbook both list them so."""
    marked: dict[int, list[str]] = {}
    for row in rows:
        if row.item.key_focus:
            marked.setdefault(row.meeting_id, []).append(key_area(row.item))
    return {m.id: [*m.key_focus.splitlines(), *marked.get(m.id, ())] for m in meetings}


def key_areas_of_focus(db: Database, date_from: date | None = None, date_to: date | None = None) -> list[tuple[MeetingDTO, list[str]]]:
    """Meetings held in a period with their key areas of focus (the yearly report's table, `key_areas`)."""
    meetings = [m for m in list_meetings(db, date_from=date_from, date_to=date_to) if m.status is MeetingStatus.HELD]
    meetings.sort(key=lambda m: m.starts_at)
    by_meeting = key_areas(meetings, list_all_agenda_items(db, [m.id for m in meetings]))
    return [(m, by_meeting[m.id]) for m in meetings]
