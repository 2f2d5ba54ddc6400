"""A member who moved to another organisation mid-year holds a seat for each: the per-seat view
counts their meetings under the organisation each register gives them, as the per-organisation
figures do, whatever order the registers are read in."""

from __future__ import annotations

import itertools

from bscp_desktop.domain.meetings import AttendanceStatus as A
from bscp_desktop.domain.meetings import MeetingStatus as M
from bscp_desktop.domain.meetings import RegisterEntry, seat_rates

CLCH, CNWL = 7, 8
SEAT = (24, "member")


def _entries():
    return [
        RegisterEntry(1, M.HELD, 3, CLCH, A.PRESENT, seat=SEAT),
        RegisterEntry(2, M.HELD, 3, CLCH, A.APOLOGIES, seat=SEAT),
        RegisterEntry(3, M.HELD, 3, CNWL, A.PRESENT, seat=SEAT),
    ]


def test_a_member_who_moved_has_a_seat_row_for_each_organisation_in_any_order():
    for order in itertools.permutations(_entries()):
        rows = {(r.organisation_id, r.attended, r.expected) for r in seat_rates(order)}
        assert rows == {(CLCH, 1, 2), (CNWL, 1, 1)}
