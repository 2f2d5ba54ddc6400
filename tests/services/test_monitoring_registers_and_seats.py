"""Attendance monitoring and the dates of seats: a held meeting whose register was never filled in
counts nobody either way, and the report names it; a seat's dates cannot be changed so that a
register lists someone as a member on a day they would hold no seat (as moving the meeting to
such a day is refused)."""

from __future__ import annotations

from datetime import date, datetime

import openpyxl
import pytest

from bscp_desktop import jobs
from bscp_desktop.domain.meetings import AttendanceStatus as A
from bscp_desktop.domain.meetings import MeetingKind, MeetingStatus
from bscp_desktop.domain.validation import ValidationError
from bscp_desktop.services import attendance as at
from bscp_desktop.services import meetings as mt
from bscp_desktop.services import memberships as ms
from tests.meetings_world import meeting

HELD = MeetingStatus.HELD


def _seat(db, world, person):
    (seat,) = [m for m in ms.list_memberships(db) if m.group_id == world.forum.id and m.person_id == person.id]
    return seat


def _ended(seat, end: date | None, start: date | None = None) -> ms.MembershipFields:
    return ms.MembershipFields(seat.person_id, seat.group_id, seat.role, start or seat.start_date, end,
                               seat.organisation_id, deputy_for_id=seat.deputy_for_id)


def _filled(db, world, when: datetime, present=()):
    m = meeting(db, world.forum, when, status=HELD)
    at.prefill_attendance(db, m.id)
    rows = [r.id for r in at.list_attendance(db, m.id) if r.person_id in {p.id for p in present}]
    if rows:
        at.set_attendance(db, rows, A.PRESENT)
    return m


@pytest.mark.slow  # the workbook
def test_the_report_names_the_held_meetings_with_no_register(db, world, tmp_path):
    _filled(db, world, datetime(2024, 6, 3, 10), present=[world.nurse])
    meeting(db, world.forum, datetime(2024, 9, 2, 10), status=HELD)  # never filled in
    meeting(db, world.forum, datetime(2024, 10, 7, 10), status=HELD, kind=MeetingKind.WORKSHOP)  # not counted
    meeting(db, world.forum, datetime(2024, 11, 4, 10), status=MeetingStatus.CANCELLED)
    report = at.attendance_monitoring(db, date(2024, 4, 1), date(2025, 3, 31))
    assert report.meetings_held == 2
    assert report.held_without_register == ("Safeguarding Children Forum, 02/09/2024",)
    assert report.without_register_sentence == (
        "1 held meeting has no register, so nobody's attendance at it is counted: Safeguarding Children Forum, "
        "02/09/2024. Fill in its register.")
    (icb,) = [r for r in report.by_organisation if r.organisation_name == "NWL Integrated Care Board"]
    assert (icb.expected, icb.in_person) == (1, 1)  # the meeting without a register counts neither way

    out = jobs.write_report(db, "attendance", tmp_path / "attendance.xlsx", date_from=date(2024, 4, 1),
                            date_to=date(2025, 3, 31))
    sheet = openpyxl.load_workbook(out)["Registers"]
    header = [c.value for c in sheet[1]]
    lines = [dict(zip(header, r, strict=True)) for r in sheet.iter_rows(min_row=2, values_only=True)]
    no_register = [line for line in lines if line["Meeting date"].date() == date(2024, 9, 2)]
    assert [line["Attendance"] for line in no_register] == [jobs.meetings.NO_REGISTER]
    assert not [line for line in lines if line["Meeting date"].date() == date(2024, 11, 4)]
    about = [row[0] for row in openpyxl.load_workbook(out)["About"].iter_rows(values_only=True)]
    assert report.without_register_sentence in about  # said where the figures are explained


def test_every_held_meeting_with_a_register_is_named_nowhere(db, world):
    _filled(db, world, datetime(2024, 6, 3, 10))
    report = at.attendance_monitoring(db, date(2024, 4, 1), date(2025, 3, 31))
    assert report.held_without_register == () and report.without_register_sentence == ""
    many = at.MonitoringReport(None, None, 50, [], [], 12, 0,
                               held_without_register=tuple(f"Forum, {n:02d}/01/2024" for n in range(1, 13)))
    assert many.without_register_sentence.startswith("12 held meetings have no register, so nobody's attendance at "
                                                     "them is counted: Forum, 01/01/2024; ")
    assert many.without_register_sentence.endswith("Forum, 10/01/2024; 2 more. Fill in their registers.")


def test_a_seat_cannot_end_before_a_meeting_whose_register_lists_its_member(db, world):
    _filled(db, world, datetime(2024, 6, 3, 10), present=[world.nurse])
    seat = _seat(db, world, world.nurse)
    with pytest.raises(ValidationError) as err:
        ms.update_membership(db, seat.id, _ended(seat, date(2024, 5, 31)))
    assert err.value.errors == {"end_date": (
        "Nurse 王芳 is on the register of the Safeguarding Children Forum meeting of 03/06/2024 as a member, and "
        "would hold no seat on the group that day: take them off that register first, or keep the seat's dates "
        "covering it")}
    assert _seat(db, world, world.nurse).end_date is None
    with pytest.raises(ValidationError) as err:  # nor start after it
        ms.update_membership(db, seat.id, _ended(seat, None, start=date(2024, 6, 4)))
    assert "meeting of 03/06/2024" in err.value.errors["start_date"]
    # ending it on the day of the meeting, or after, is fine
    assert ms.update_membership(db, seat.id, _ended(seat, date(2024, 6, 3))).end_date == date(2024, 6, 3)


def test_a_seat_ends_once_its_member_is_off_the_registers_after_it(db, world):
    first = _filled(db, world, datetime(2024, 6, 3, 10), present=[world.head])
    second = _filled(db, world, datetime(2024, 9, 2, 10), present=[world.head])
    archived = _filled(db, world, datetime(2024, 10, 7, 10), present=[world.head])
    _filled(db, world, datetime(2024, 11, 4, 10))  # filled, nothing recorded: filling it again takes them off
    mt.archive_meeting(db, archived.id)  # out of view: its register is not in the way
    seat = _seat(db, world, world.head)
    with pytest.raises(ValidationError) as err:
        ms.update_membership(db, seat.id, _ended(seat, date(2024, 5, 31)))
    assert err.value.errors["end_date"].startswith(
        "Dr Żaneta Kowalska is on the register of the Safeguarding Children Forum meetings of 03/06/2024 and "
        "02/09/2024 as a member, and would hold no seat on the group on those days: take them off those registers")
    for m in (first, second):
        (row,) = [r for r in at.list_attendance(db, m.id) if r.person_id == world.head.id]
        at.remove_attendee(db, row.id)
    assert ms.update_membership(db, seat.id, _ended(seat, date(2024, 5, 31))).end_date == date(2024, 5, 31)


def test_a_seat_is_archived_only_once_no_register_records_its_member_under_it(db, world):
    """Archiving a seat leaves its member seatless on the days it covered, as ending it would."""
    meeting_of_june = _filled(db, world, datetime(2024, 6, 3, 10), present=[world.head])
    seat = _seat(db, world, world.head)
    with pytest.raises(ValidationError) as err:
        ms.archive_membership(db, seat.id)
    assert err.value.errors["membership"].startswith(
        "Dr Żaneta Kowalska is on the register of the Safeguarding Children Forum meeting of 03/06/2024 as a member")
    assert not next(m for m in ms.list_memberships(db, include_archived=True) if m.id == seat.id).archived
    (row,) = [r for r in at.list_attendance(db, meeting_of_june.id) if r.person_id == world.head.id]
    at.remove_attendee(db, row.id)
    ms.archive_membership(db, seat.id)
    assert next(m for m in ms.list_memberships(db, include_archived=True) if m.id == seat.id).archived
