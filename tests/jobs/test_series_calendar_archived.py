"""An archived meeting stays in its series' calendar file, and in its own, as cancelled under the
same UID with a higher SEQUENCE: a calendar that imported it takes it out, rather than keeping
a meeting that no longer takes place."""

from __future__ import annotations

from datetime import datetime, time

import icalendar
import pytest

from bscp_desktop import jobs
from bscp_desktop.domain.meetings import Weekday
from bscp_desktop.services import meetings as mt


def _events(path) -> dict[str, tuple[str, int]]:
    cal = icalendar.Calendar.from_ical(path.read_bytes())
    return {str(e["uid"]).partition("@")[0]: (str(e["status"]), int(e["sequence"])) for e in cal.walk("VEVENT")}


@pytest.mark.slow  # writes calendar files of a series
def test_an_archived_meeting_of_a_series_is_sent_as_cancelled(db, world, tmp_path):
    series = mt.create_series(db, mt.SeriesFields(world.forum.id, "Forum", 2027, 4, 3, Weekday.WEDNESDAY, 2, time(10), time(12)))
    gone = series.meeting_ids[1]
    before = _events(jobs.write_report(db, "ics", tmp_path / "before.ics", series=series.id))
    mt.archive_meeting(db, gone)
    after = _events(jobs.write_report(db, "ics", tmp_path / "after.ics", series=series.id))
    assert after.keys() == before.keys() and len(after) == 4
    assert after[f"meeting-{gone}"][0] == "CANCELLED" and after[f"meeting-{gone}"][1] > before[f"meeting-{gone}"][1]
    assert all(status == "CONFIRMED" for uid, (status, _seq) in after.items() if uid != f"meeting-{gone}")
    assert mt.get_series(db, series.id).meeting_ids == tuple(m for m in series.meeting_ids if m != gone)  # live ones


@pytest.mark.slow  # writes calendar files
def test_an_archived_meetings_own_calendar_file_cancels_it(db, world, tmp_path):
    m = mt.create_meeting(db, mt.MeetingFields(world.forum.id, "Forum", datetime(2027, 5, 12, 10), datetime(2027, 5, 12, 12)))
    ((uid, (status, sequence)),) = _events(jobs.write_report(db, "ics", tmp_path / "live.ics", meeting=m.id)).items()
    assert status == "CONFIRMED"
    mt.archive_meeting(db, m.id)
    assert _events(jobs.write_report(db, "ics", tmp_path / "archived.ics", meeting=m.id)) == {
        uid: ("CANCELLED", sequence + 1)}
