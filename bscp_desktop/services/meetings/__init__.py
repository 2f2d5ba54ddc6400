"""Meetings: details, series, agendas, live minutes, decisions, actions and the minutes workflow.

One package, one module per subject; everything is importable from here
(`from bscp_desktop.services import meetings as mt; mt.create_meeting(...)`):

- `dtos`: input fields and frozen DTOs
- `common`: shared reads, and the guard that locks approved minutes
- `meetings`: meetings and series
- `overlaps`: a group's meetings at overlapping times (a note, never a refusal)
- `agenda`: agenda items and standing items
- `minutes`: live minutes, amendments and the minutes workflow
- `decisions`: decisions
- `actions`: actions recorded at meetings
- `reporting`: reads for workbooks and reports
- `workspace`: everything an open meeting shows, in one call

Attendance registers and attendance monitoring are in `services.attendance`.
"""

from bscp_desktop.services.meetings.actions import add_item_action, list_meeting_actions, meeting_sources, open_actions_for_review, open_actions_on_its_day, own_statuses_on_its_day
from bscp_desktop.services.meetings.agenda import (
    StandingItemsChanged,
    add_agenda_item,
    add_standing_items_in,
    apply_standing_items,
    archive_agenda_item,
    copy_last_agenda,
    get_agenda_item,
    list_agenda,
    list_standing_items,
    move_agenda_item,
    reorder_agenda,
    restore_agenda_item,
    set_key_focus,
    set_standing_items,
    update_agenda_item,
)
from bscp_desktop.services.meetings.common import get_meeting_in, guard_approved, item_dto, live_items, locked_message, meeting_dto, meetings_query, renumber
from bscp_desktop.services.meetings.decisions import add_decision, archive_decision, list_decisions, restore_decision, update_decision
from bscp_desktop.services.meetings.dtos import (
    CHUNK,
    MAX_MINUTES_CHARS,
    AgendaItemDTO,
    AgendaItemFields,
    AmendmentDTO,
    DecisionDTO,
    DecisionFields,
    MeetingDTO,
    MeetingFields,
    MeetingRow,
    SeriesDTO,
    SeriesFields,
    StandingItemDTO,
)
from bscp_desktop.services.meetings.meetings import (
    archive_meeting,
    create_meeting,
    create_series,
    find_meeting,
    get_meeting,
    get_series,
    later_meetings_of_group,
    list_meetings,
    list_series,
    mark_held,
    meeting_choices,
    restore_meeting,
    set_meeting_status,
    update_meeting,
)
from bscp_desktop.services.meetings.minutes import amend_minutes, approve_minutes, circulate_minutes, list_amendments, return_minutes_to_draft, save_item_minutes
from bscp_desktop.services.meetings.overlaps import overlap_note
from bscp_desktop.services.meetings.reporting import confidential_item_ids, key_areas_of_focus, list_all_agenda_items
from bscp_desktop.services.meetings.workspace import MeetingWorkspaceDTO, meeting_workspace

__all__ = [
    "meeting_sources",
    "MAX_MINUTES_CHARS",
    "CHUNK",
    "MeetingDTO",
    "AgendaItemDTO",
    "DecisionDTO",
    "DecisionFields",
    "AmendmentDTO",
    "SeriesDTO",
    "StandingItemDTO",
    "MeetingFields",
    "AgendaItemFields",
    "SeriesFields",
    "MeetingRow",
    "locked_message",
    "guard_approved",
    "meetings_query",
    "meeting_dto",
    "get_meeting_in",
    "item_dto",
    "live_items",
    "renumber",
    "get_meeting",
    "create_meeting",
    "update_meeting",
    "set_meeting_status",
    "mark_held",
    "archive_meeting",
    "restore_meeting",
    "find_meeting",
    "list_meetings",
    "later_meetings_of_group",
    "meeting_choices",
    "overlap_note",
    "create_series",
    "get_series",
    "list_series",
    "list_agenda",
    "get_agenda_item",
    "add_agenda_item",
    "update_agenda_item",
    "set_key_focus",
    "move_agenda_item",
    "reorder_agenda",
    "archive_agenda_item",
    "restore_agenda_item",
    "list_standing_items",
    "set_standing_items",
    "StandingItemsChanged",
    "add_standing_items_in",
    "apply_standing_items",
    "copy_last_agenda",
    "list_amendments",
    "save_item_minutes",
    "amend_minutes",
    "circulate_minutes",
    "return_minutes_to_draft",
    "approve_minutes",
    "add_decision",
    "update_decision",
    "archive_decision",
    "restore_decision",
    "list_decisions",
    "add_item_action",
    "list_meeting_actions",
    "open_actions_for_review",
    "open_actions_on_its_day",
    "own_statuses_on_its_day",
    "list_all_agenda_items",
    "confidential_item_ids",
    "key_areas_of_focus",
    "MeetingWorkspaceDTO",
    "meeting_workspace",
]
