"""Everything an open meeting shows, read in one call and one transaction.

The meeting workspace (details, agenda, register and quorum, live minutes with their decisions
and actions, and the open actions an action log review item goes through) reloads from one
`meeting_workspace` call instead of asking each service in turn.
"""

from __future__ import annotations

from dataclasses import dataclass

from bscp_desktop.db.database import Database
from bscp_desktop.domain.meetings import ItemKind
from bscp_desktop.services import attendance as at
from bscp_desktop.services.actions import ActionDTO
from bscp_desktop.services.meetings.actions import meeting_actions_in, open_actions_for_review_in
from bscp_desktop.services.meetings.agenda import agenda_in
from bscp_desktop.services.meetings.common import get_meeting_in
from bscp_desktop.services.meetings.decisions import decisions_in
from bscp_desktop.services.meetings.dtos import AgendaItemDTO, DecisionDTO, MeetingDTO


@dataclass(frozen=True)
class MeetingWorkspaceDTO:
    meeting: MeetingDTO
    agenda: tuple[AgendaItemDTO, ...]  # live items in order, then archived ones
    register: tuple[at.AttendanceDTO, ...]  # archived entries included
    quorum: at.QuorumState
    decisions: tuple[DecisionDTO, ...]
    actions: tuple[ActionDTO, ...]
    review: tuple[ActionDTO, ...]  # open actions of earlier meetings, for an action log review item

    @property
    def live_agenda(self) -> list[AgendaItemDTO]:
        return [i for i in self.agenda if not i.archived]


def meeting_workspace(db: Database, meeting_id: int) -> MeetingWorkspaceDTO:
    with db.unit_of_work() as session:
        meeting = get_meeting_in(session, meeting_id)
        agenda = agenda_in(session, meeting_id, include_archived=True)
        has_review = any(i.kind is ItemKind.ACTION_REVIEW and not i.archived for i in agenda)
        return MeetingWorkspaceDTO(
            meeting=meeting,
            agenda=tuple(agenda),
            register=tuple(at.register_in(session, meeting_id, include_archived=True)),
            quorum=at.quorum_state_in(session, meeting_id),
            decisions=tuple(decisions_in(session, meeting_id)),
            actions=tuple(meeting_actions_in(session, meeting_id)),
            review=tuple(open_actions_for_review_in(session, meeting_id)) if has_review else (),
        )
