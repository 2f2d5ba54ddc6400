"""A register follows its members' seats, whichever comes first: marking a member or ending
their seat. A mark or note saved from a register read before a colleague's save is refused
(RecordChanged), never written over theirs; a row's note is written and kept as typed."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from bscp_desktop.domain.meetings import AttendanceStatus as A
from bscp_desktop.domain.meetings import MeetingStatus
from bscp_desktop.domain.validation import RecordChanged, ValidationError
from bscp_desktop.services import attendance as at
from bscp_desktop.services import meetings as mt
from bscp_desktop.services import memberships as ms
from tests.meetings_world import meeting


def _filled(db, world):
    """The Forum's held meeting of 14/03/2024, its register filled: (meeting, the head's row)."""
    m = meeting(db, world.forum, datetime(2024, 3, 14, 10), status=MeetingStatus.HELD)
    at.prefill_attendance(db, m.id)
    return m, next(r for r in at.list_attendance(db, m.id) if r.person_id == world.head.id)


def _end_seat(db, world, day: date, person=None):
    person = person or world.head
    (seat,) = [s for s in ms.list_memberships(db, group_id=world.forum.id) if s.person_id == person.id]
    return ms.update_membership(db, seat.id, ms.MembershipFields(
        seat.person_id, seat.group_id, seat.role, seat.start_date, day, organisation_id=seat.organisation_id))


def test_a_seat_ended_before_the_meeting_takes_its_unmarked_member_off_and_she_cannot_be_marked(db, world):
    """Ending the seat first: she is off the register at once, so she cannot be marked present
    as a member (counting toward quorum), and filling the register has nothing to say of her.
    Marking first (the nurse): the seat cannot end before the meeting. One rule, either order."""
    m, row = _filled(db, world)
    _end_seat(db, world, date(2024, 3, 13))
    assert world.head.id not in {r.person_id for r in at.list_attendance(db, m.id)}
    with pytest.raises(ValidationError) as err:
        at.set_attendance(db, [row.id], A.PRESENT)
    assert err.value.errors == {"attendance": (
        f"{world.head.name} held no seat on the group on 14/03/2024, so is no longer on the register of this "
        "meeting as a member. Nothing was changed: reload the register (someone who came without a seat can be "
        "added as a guest)")}
    assert at.quorum_state(db, m.id).attending == 0
    assert at.prefill_attendance(db, m.id).taken_off == ()
    report = at.attendance_monitoring(db, date(2024, 1, 1), date(2024, 12, 31))
    assert world.head.name not in {s.name for s in report.by_seat}  # not an expected absence either
    nurse = next(r for r in at.list_attendance(db, m.id) if r.person_id == world.nurse.id)
    at.set_attendance(db, [nurse.id], A.PRESENT)
    with pytest.raises(ValidationError, match="take them off that register first"):
        _end_seat(db, world, date(2024, 3, 13), world.nurse)
    assert {r.person_id: r.status for r in at.list_attendance(db, m.id)}[world.nurse.id] is A.PRESENT


def test_a_seat_archived_or_ended_with_its_person_takes_the_unmarked_rows_off_too(db, world):
    m, row = _filled(db, world)
    (seat,) = [s for s in ms.list_memberships(db, group_id=world.forum.id) if s.person_id == world.nurse.id]
    ms.archive_membership(db, seat.id)
    ms.archive_person(db, world.head.id, end_memberships_on=date(2024, 3, 1))
    assert {r.person_id for r in at.list_attendance(db, m.id)} == {world.chair.id, world.officer.id, world.inspector.id}
    assert {r.person_id for r in at.list_attendance(db, m.id, include_archived=True) if r.archived} == {
        world.head.id, world.nurse.id}  # the history keeps them


def test_a_mark_from_a_register_read_before_a_colleagues_save_is_refused(db, world, theirs):
    """Jane records the Inspector's deputy; Tom, whose register still shows him absent, marks
    apologies: refused naming who saved first, and the deputy stays."""
    m = meeting(db, world.forum, datetime(2024, 3, 14, 10), status=MeetingStatus.HELD)
    at.prefill_attendance(db, m.id)
    row = next(r for r in at.list_attendance(db, m.id) if r.person_id == world.inspector.id)
    at.set_attendance(theirs, [row.id], A.DEPUTY, deputy_person_id=world.sergeant.id)
    with pytest.raises(RecordChanged) as err:
        at.set_attendance(db, [row.id], A.APOLOGIES, versions={row.id: row.version})
    assert err.value.changed_by == "Jane Smith" and err.value.record_id == row.id
    assert str(err.value).startswith("Jane Smith changed the register entry “Inspector Morse” on ")
    now = next(r for r in at.list_attendance(db, m.id) if r.id == row.id)
    assert (now.status, now.deputy_person_id) == (A.DEPUTY, world.sergeant.id)
    (marked,) = at.set_attendance(db, [row.id], A.APOLOGIES, versions={row.id: now.version})  # read again: saved
    assert (marked.status, marked.deputy_person_id, marked.version) == (A.APOLOGIES, None, now.version + 1)


def test_a_note_is_written_for_one_row_and_kept_as_typed(db, world, theirs):
    m, row = _filled(db, world)
    saved = at.set_attendance_notes(db, row.id, "  arrived 10:45 <late> & left at 11:30 ", version=row.version)
    assert saved.notes == "arrived 10:45 <late> & left at 11:30" and saved.version == row.version + 1
    assert saved.status is A.ABSENT  # only the note changes
    with pytest.raises(ValidationError) as err:
        at.set_attendance_notes(db, row.id, "x" * 501)
    assert err.value.errors == {"notes": "Notes is too long (501 characters; at most 500)"}
    at.set_attendance(theirs, [row.id], A.PRESENT)
    with pytest.raises(RecordChanged):  # from the version read before Jane marked her
        at.set_attendance_notes(db, row.id, "left early", version=saved.version)
    with pytest.raises(ValidationError, match="take them off that register first"):  # a note is something recorded
        _end_seat(db, world, date(2024, 3, 13))


def test_a_note_follows_the_register_rules_archived_meetings_approved_minutes(db, world):
    m, row = _filled(db, world)
    mt.approve_minutes(db, m.id, None, date(2024, 3, 20), method="email", approved_by="Chair")
    with pytest.raises(ValidationError) as err:
        at.set_attendance_notes(db, row.id, "arrived late")
    assert set(err.value.errors) == {"attendance", "reason"}
    assert at.set_attendance_notes(db, row.id, "arrived late", reason="The chair asked").notes == "arrived late"
    assert mt.list_amendments(db, m.id)[-1].new_text == f"{row.name}: arrived late"
    mt.archive_meeting(db, m.id)
    with pytest.raises(ValidationError) as err:
        at.set_attendance_notes(db, row.id, "left early", reason="Again")
    assert err.value.errors == {
        "attendance": "The meeting of 14/03/2024 is archived: restore it first to change its register"}
