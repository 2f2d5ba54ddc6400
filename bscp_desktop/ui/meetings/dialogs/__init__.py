"""Dialogs of the Meetings tab, one module per subject, all importable from here:

- `common`: time fields, pickers, asking for the reason for an amendment
- `meeting`: meeting, series, standing items
- `agenda`: agenda item, amending and approving minutes
- `actions`: action and progress update
- `register`: guest and deputy
"""

from bscp_desktop.ui.meetings.dialogs.actions import (
    ActionDialog,
    ProgressUpdateDialog,
)
from bscp_desktop.ui.meetings.dialogs.agenda import (
    AgendaItemDialog,
    AmendMinutesDialog,
    ApproveDialog,
)
from bscp_desktop.ui.meetings.dialogs.common import (
    AREA,
    ReasonDialog,
    ask_reason,
    combo_check,
    groups_combo,
    organisations_combo,
    people_combo,
    qtime_value,
    time_edit,
)
from bscp_desktop.ui.meetings.dialogs.meeting import (
    MeetingDialog,
    SeriesDialog,
    StandingItemsDialog,
    guess_kind,
)
from bscp_desktop.ui.meetings.dialogs.register import (
    DeputyDialog,
    GuestDialog,
)

__all__ = [
    "AREA",
    "time_edit",
    "qtime_value",
    "combo_check",
    "people_combo",
    "organisations_combo",
    "groups_combo",
    "ReasonDialog",
    "ask_reason",
    "MeetingDialog",
    "SeriesDialog",
    "StandingItemsDialog",
    "guess_kind",
    "AgendaItemDialog",
    "ApproveDialog",
    "AmendMinutesDialog",
    "ActionDialog",
    "ProgressUpdateDialog",
    "GuestDialog",
    "DeputyDialog",
]
