"""A meeting cannot start or end at a time UK clocks skip when they go forward in March: the
window names the field and why. A meeting in the hour repeated in October is kept, and its
calendar file gives it the length its times say."""

from __future__ import annotations

from datetime import datetime

import icalendar
import pytest

from bscp_desktop import jobs
from bscp_desktop.domain.validation import ValidationError
from bscp_desktop.services import meetings as mt
from bscp_desktop.services import memberships as ms

SKIPPED = "does not exist in the UK: the clocks go forward from 01:00 to 02:00 that night"


def _group(db) -> ms.GroupDTO:
    return ms.create_group(db, ms.GroupFields("Night Group", 2))


def _refused(db, fields: mt.MeetingFields) -> dict[str, str]:
    with pytest.raises(ValidationError) as err:
        mt.create_meeting(db, fields)
    return err.value.errors


def test_a_meeting_starting_in_the_skipped_hour_is_refused_naming_the_start(db):
    g = _group(db)
    errors = _refused(db, mt.MeetingFields(g.id, "Night", datetime(2026, 3, 29, 1, 30), datetime(2026, 3, 29, 2, 30)))
    assert errors == {"starts_at": f"01:30 on 29/03/2026 {SKIPPED}"}
    assert mt.list_meetings(db) == []


def test_a_meeting_ending_in_the_skipped_hour_is_refused_naming_the_end(db):
    g = _group(db)
    errors = _refused(db, mt.MeetingFields(g.id, "Night", datetime(2026, 3, 29, 0, 30), datetime(2026, 3, 29, 1, 15)))
    assert errors == {"ends_at": f"01:15 on 29/03/2026 {SKIPPED}"}


def test_a_meeting_moved_into_the_skipped_hour_is_refused(db):
    g = _group(db)
    m = mt.create_meeting(db, mt.MeetingFields(g.id, "Night", datetime(2026, 3, 29, 2, 0), datetime(2026, 3, 29, 3, 0)))
    moved = mt.MeetingFields(g.id, "Night", datetime(2026, 3, 29, 1, 0), datetime(2026, 3, 29, 3, 0))
    with pytest.raises(ValidationError) as err:
        mt.update_meeting(db, m.id, moved, reason="Earlier")
    assert err.value.errors == {"starts_at": f"01:00 on 29/03/2026 {SKIPPED}"}
    assert mt.get_meeting(db, m.id).starts_at == datetime(2026, 3, 29, 2, 0)


def test_a_meeting_in_the_repeated_hour_is_kept_and_its_calendar_event_is_30_minutes(db, tmp_path):
    g = _group(db)
    m = mt.create_meeting(db, mt.MeetingFields(g.id, "Night", datetime(2026, 10, 25, 1, 30), datetime(2026, 10, 25, 2, 0)))
    path = jobs.write_report(db, "ics", tmp_path / "night.ics", meeting=m.id)
    event = next(c for c in icalendar.Calendar.from_ical(path.read_bytes()).walk() if c.name == "VEVENT")
    start, end = event["dtstart"].dt, event["dtend"].dt
    assert (start.isoformat(), end.isoformat()) == ("2026-10-25T01:30:00+00:00", "2026-10-25T02:00:00+00:00")
