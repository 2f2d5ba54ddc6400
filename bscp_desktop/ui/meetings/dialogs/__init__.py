"""Dialogs of the Meetings tab, one module per subject, all importable from here:

- `common`: time fields, pickers, asking for the reason for an amendment
- `meeting`: meeting, series, standing items
- `end_time`: Ends at with "No end time" beside it, for the meeting and series dialogs
- `agenda`: agenda item, amending and approving minutes
- `register`: guest and deputy
"""

from bscp_desktop.ui.meetings.dialogs.agenda import AgendaItemDialog, AmendMinutesDialog, ApproveDialog
from bscp_desktop.ui.meetings.dialogs.common import ReasonDialog, ask_reason
from bscp_desktop.ui.meetings.dialogs.meeting import MeetingDialog, SeriesDialog, StandingItemsDialog, guess_kind
from bscp_desktop.ui.meetings.dialogs.register import DeputyDialog, GuestDialog

__all__ = [
    "ReasonDialog",
    "ask_reason",
    "MeetingDialog",
    "SeriesDialog",
    "StandingItemsDialog",
    "guess_kind",
    "AgendaItemDialog",
    "ApproveDialog",
    "AmendMinutesDialog",
    "GuestDialog",
    "DeputyDialog",
]
