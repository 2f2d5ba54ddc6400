"""A meeting taken offline: copied from the team database into a file on an officer's laptop,
minuted there, and brought back (or released by another officer if the copy is lost).

- `copying`: which records a meeting's copy holds, read and written table by table
- `marks`: `take_offline`, the marks it leaves, `release_meeting`
- `compare`: the three-way comparison, field by field (the minutes' approval, an action's status
  and completion, a register entry's status and deputy, each as one), a register filled in both
  places as one, and the minutes approved on the team database meanwhile, which stay as approved
- `checks`: what bringing back checks before writing, with the services' own rules (records
  made in both places, records moved into another meeting, the meeting's minutes rules, the
  merged agenda, another officer's copy) and what it cannot bring back
- `behind`: amendments made offline to another meeting's approved minutes (by an earlier
  version), left behind with the changes they record; the rest comes back
- `holdable`: values a copy changed by another program holds that the team database cannot
- `naming`: records, fields and values as the officer reads them (a person by name)
- `bring_back`: `plan_bring_back` (changes and conflicts) and `bring_back`, in one transaction
"""

from bscp_desktop.services.offline.bring_back import OFFLINE, SERVER, BringBackPlan, BringBackResult, Conflict, bring_back, plan_bring_back
from bscp_desktop.services.offline.marks import OfflineMarkDTO, copy_origin, held_by_another, is_team_database, list_marks, meeting_mark, offline_origin, release_meeting, same_server, take_offline

__all__ = [
    "OFFLINE",
    "SERVER",
    "BringBackPlan",
    "BringBackResult",
    "Conflict",
    "OfflineMarkDTO",
    "bring_back",
    "copy_origin",
    "is_team_database",
    "list_marks",
    "held_by_another",
    "meeting_mark",
    "offline_origin",
    "plan_bring_back",
    "release_meeting",
    "same_server",
    "take_offline",
]
