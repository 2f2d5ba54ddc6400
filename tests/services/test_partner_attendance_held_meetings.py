"""A partner's workbook lists on its Attendance sheet the register rows its meeting figures count,
by attendance monitoring's own rule: held meetings of a kind the team counts. A meeting cancelled
or postponed (its register filled in before it was called off), a held workshop, or a register
row of the secretariat is not among the figures, so it is not listed either."""

from __future__ import annotations

from datetime import date, datetime

from bscp_desktop.domain.meetings import AttendanceStatus as A
from bscp_desktop.domain.meetings import MeetingKind, MeetingStatus
from bscp_desktop.services import attendance as at
from bscp_desktop.services import engagement as en
from bscp_desktop.services import meetings as mt
from tests.meetings_world import meeting

START, END, TODAY = date(2023, 4, 1), date(2024, 3, 31), date(2024, 6, 1)


def _with_register(db, w, when: datetime, status: MeetingStatus, kind: MeetingKind = MeetingKind.ORDINARY,
                   chair: A = A.PRESENT) -> mt.MeetingDTO:
    m = meeting(db, w.forum, when, kind=kind)
    at.prefill_attendance(db, m.id)
    register = {r.person_id: r.id for r in at.list_attendance(db, m.id)}
    at.set_attendance(db, [register[w.chair.id]], chair)
    if not status.called_off:  # a meeting with anyone marked present took place
        at.set_attendance(db, [register[w.inspector.id]], A.PRESENT)
    return mt.set_meeting_status(db, m.id, status)


def test_the_attendance_sheet_lists_only_the_meetings_the_figures_count(db, world):
    w = world
    _with_register(db, w, datetime(2023, 5, 4, 10), MeetingStatus.HELD)
    _with_register(db, w, datetime(2023, 7, 6, 10), MeetingStatus.CANCELLED, chair=A.APOLOGIES)
    _with_register(db, w, datetime(2023, 9, 7, 10), MeetingStatus.POSTPONED, chair=A.APOLOGIES)
    _with_register(db, w, datetime(2023, 11, 2, 10), MeetingStatus.HELD, kind=MeetingKind.WORKSHOP)

    details = en.partner_details(db, w.council.id, START, END, today=TODAY)

    assert [(row[0], row[1], row[2], row[3]) for row in details.attendance] == [
        (date(2023, 5, 4), "Safeguarding Children Forum, 4 May 2023", w.chair.name, "Present"),
    ]
    [forum] = details.engagement.groups
    assert (forum.expected, forum.attended, forum.apologies) == (1, 1, 0)
    assert len({row[:2] for row in details.attendance}) == details.engagement.meetings_expected


def test_a_called_off_meeting_marked_held_again_is_listed_again(db, world):
    w = world
    m = _with_register(db, w, datetime(2023, 7, 6, 10), MeetingStatus.CANCELLED, chair=A.APOLOGIES)
    assert en.partner_details(db, w.council.id, START, END, today=TODAY).attendance == ()

    mt.set_meeting_status(db, m.id, MeetingStatus.HELD)
    inspector = next(r.id for r in at.list_attendance(db, m.id) if r.person_id == w.inspector.id)
    at.set_attendance(db, [inspector], A.PRESENT)

    details = en.partner_details(db, w.council.id, START, END, today=TODAY)
    assert [(row[0], row[3]) for row in details.attendance] == [(date(2023, 7, 6), "Apologies")]
    assert details.engagement.groups[0].apologies == 1


def test_a_held_meeting_whose_register_marks_nobody_present_is_not_listed(db, world):
    """Monitoring leaves out a held meeting whose register was filled in and never marked: its
    rows say nothing about who came, so the partner's sheet leaves them out with the figure."""
    w = world
    m = meeting(db, w.forum, datetime(2023, 5, 4, 10))
    at.prefill_attendance(db, m.id)
    mt.set_meeting_status(db, m.id, MeetingStatus.HELD)

    details = en.partner_details(db, w.council.id, START, END, today=TODAY)

    assert details.attendance == ()
    assert details.engagement.groups == ()
