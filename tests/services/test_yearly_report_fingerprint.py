"""A built section is out of date when anything it prints from the records changed: its
tables and charts, and the figures of its draft in no table (the attendance section's count of
meetings of a kind not counted). A fingerprint kept by an earlier version still reads sensibly."""

from __future__ import annotations

import hashlib
import json
from datetime import date, datetime

import pytest

from bscp_desktop.domain.yearly_report import FINGERPRINT_MARK, BuiltSection, CheckState, Para, Table, blocks_to_json
from bscp_desktop.services import yearly_report as yr

TODAY = date(2024, 6, 1)
BLOCKS = (Table("Forum", ("Organisation", "Expected"), (("Brent Council", "4"),)), Para("One organisation."))


def _earlier_fingerprint(section: BuiltSection) -> str:
    """A fingerprint as earlier versions kept it: of the blocks only, with no mark."""
    raw = json.dumps(blocks_to_json(section.blocks), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:32]


def test_the_fingerprint_covers_the_draft_as_well_as_the_blocks():
    held_13 = BuiltSection("attendance", BLOCKS, "13 meetings were held, and 1 meeting of a kind not counted.", True)
    held_14 = BuiltSection("attendance", BLOCKS, "13 meetings were held, and 2 meetings of a kind not counted.", True)
    assert held_13.fingerprint() != held_14.fingerprint()
    assert held_13.fingerprint().startswith(FINGERPRINT_MARK) and len(held_13.fingerprint()) <= 64  # the column's size
    assert held_14.kept_as_built(held_13.fingerprint(), held_13.draft) is False
    assert held_13.kept_as_built(held_13.fingerprint(), held_13.draft) is True


def test_a_fingerprint_of_an_earlier_version_is_read_as_it_was_made_with_the_draft_kept_beside_it():
    kept = BuiltSection("attendance", BLOCKS, "13 meetings were held.", True)
    old = _earlier_fingerprint(kept)
    assert kept.kept_as_built(old, kept.draft)  # nothing changed: not out of date after an upgrade
    assert not BuiltSection("attendance", BLOCKS, "14 meetings were held.", True).kept_as_built(old, kept.draft)
    other_blocks = (Table("Forum", ("Organisation", "Expected"), (("Brent Council", "5"),)),)
    assert not BuiltSection("attendance", other_blocks, kept.draft, True).kept_as_built(old, kept.draft)


def _workshop(db, world, day: datetime):
    from bscp_desktop.domain.meetings import MeetingKind, MeetingStatus
    from tests.meetings_world import meeting

    return meeting(db, world.forum, day, status=MeetingStatus.HELD, kind=MeetingKind.WORKSHOP)


def _forum_and_a_workshop(db, world) -> int:
    """A Forum meeting with its attendance and a workshop, both held in 2023/24: a new report's id."""
    from bscp_desktop.domain.meetings import MeetingStatus
    from bscp_desktop.services import attendance as at
    from tests.meetings_world import meeting

    forum = meeting(db, world.forum, datetime(2023, 6, 8, 10), status=MeetingStatus.HELD)
    at.prefill_attendance(db, forum.id)
    at.set_attendance(db, [a.id for a in at.list_attendance(db, forum.id)][:1], "present")  # the register marked
    _workshop(db, world, datetime(2023, 9, 8, 10))
    return yr.create_report(db, yr.ReportFields("Yearly report 2023/24", date(2023, 4, 1), date(2024, 3, 31))).id


@pytest.mark.slow
def test_a_meeting_of_a_kind_not_counted_held_since_flags_the_attendance_section(db, world):
    """Its tables are the same (a workshop's attendance is not counted), but its wording is
    not: "1 meeting of a kind not counted" printed beside an activity section counting three."""
    from tests.services.test_yearly_report import write_every_section

    report_id = _forum_and_a_workshop(db, world)
    write_every_section(db, report_id)
    yr.refresh_section(db, report_id, "attendance", today=TODAY)
    assert yr.section_states(db, yr.get_report(db, report_id), today=TODAY)["attendance"] is CheckState.DONE
    _workshop(db, world, datetime(2023, 11, 15, 10))
    report = yr.get_report(db, report_id)
    assert yr.section_states(db, report, today=TODAY)["attendance"] is CheckState.OUT_OF_DATE
    refused = yr.final_refusal(report, yr.section_states(db, report, today=TODAY))
    assert refused is not None and "Refresh 'Attendance at meetings' from the records first" in str(refused)
    assert "2 meetings of a kind not counted" in yr.refresh_section(db, report_id, "attendance", today=TODAY).draft
    assert yr.section_states(db, yr.get_report(db, report_id), today=TODAY)["attendance"] is CheckState.DONE


def test_a_section_kept_by_an_earlier_version_is_out_of_date_only_when_what_it_prints_changed(db, world):
    from sqlalchemy import select

    from bscp_desktop.db.models.yearly_report import YearlyReportSection

    report_id = _forum_and_a_workshop(db, world)
    for key in ("activity", "attendance"):
        built = yr.refresh_section(db, report_id, key, today=TODAY)
        with db.unit_of_work() as session:  # as an earlier version kept it
            row = session.scalar(select(YearlyReportSection).where(YearlyReportSection.id == built.id))
            row.fingerprint = _earlier_fingerprint(BuiltSection(key, built.blocks, built.draft, built.has_data))
    states = yr.section_states(db, yr.get_report(db, report_id), today=TODAY)
    assert states["activity"] is CheckState.DONE and states["attendance"] is CheckState.DONE
    _workshop(db, world, datetime(2023, 11, 15, 10))
    states = yr.section_states(db, yr.get_report(db, report_id), today=TODAY)
    assert states["activity"] is CheckState.OUT_OF_DATE and states["attendance"] is CheckState.OUT_OF_DATE
