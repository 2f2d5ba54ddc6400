"""Acceptance: .ics files parse with icalendar and carry UTC-correct times for a meeting in
British Summer Time and one in winter."""

from __future__ import annotations

from datetime import UTC, datetime, time

import icalendar

from bscp_desktop import jobs
from bscp_desktop.domain.meetings import MeetingStatus, Weekday
from bscp_desktop.services import meetings as mt
from bscp_desktop.services import memberships as ms


def _events(path):
    cal = icalendar.Calendar.from_ical(path.read_bytes())
    return cal, [c for c in cal.walk() if c.name == "VEVENT"]


def test_one_meeting_in_summer_time(db, world, tmp_path):
    w = world
    ms.update_person(db, w.officer.id, ms.PersonFields(w.officer.name, organisation_id=w.council.id,
                                                       email="priya@brent.gov.uk"))
    m = mt.create_meeting(
        db,
        mt.MeetingFields(w.forum.id, "Safeguarding Children Forum", datetime(2024, 7, 11, 10), datetime(2024, 7, 11, 12),
                         place="Brent Civic Centre", online_link="https://teams.example/forum",
                         minute_taker_person_id=w.officer.id, chair_person_id=w.chair.id),
        standing_items=True,
    )
    out = jobs.write_report(db, "ics", tmp_path / "forum.ics", meeting=m.id)
    cal, (event,) = _events(out)
    assert str(cal["version"]) == "2.0" and cal["prodid"]
    assert event.decoded("dtstart") == datetime(2024, 7, 11, 9, 0, tzinfo=UTC)  # 10:00 BST
    assert event.decoded("dtend") == datetime(2024, 7, 11, 11, 0, tzinfo=UTC)
    assert str(event["summary"]) == "Safeguarding Children Forum"
    assert str(event["location"]) == "Brent Civic Centre"
    assert "Action log review" in str(event["description"])
    assert "https://teams.example/forum" in str(event["description"])
    assert str(event["organizer"]) == "mailto:priya@brent.gov.uk"
    assert event["organizer"].params["cn"] == w.officer.name
    assert str(event["uid"]) == f"meeting-{m.id}@bscp-desktop"
    assert str(event["status"]) == "CONFIRMED"


def test_a_series_across_the_clock_change(db, world, tmp_path):
    w = world
    s = mt.create_series(db, mt.SeriesFields(w.forum.id, "Forum", 2024, 4, 3, Weekday.THURSDAY, 2, time(10), time(12)))
    cancelled = mt.list_meetings(db)[0]  # January 2025
    mt.set_meeting_status(db, cancelled.id, MeetingStatus.CANCELLED)
    out = jobs.write_report(db, "ics", tmp_path / "series.ics", series=s.id)
    cal, events = _events(out)
    starts = sorted(e.decoded("dtstart") for e in events)
    assert starts == [
        datetime(2024, 4, 11, 9, tzinfo=UTC),   # BST
        datetime(2024, 7, 11, 9, tzinfo=UTC),   # BST
        datetime(2024, 10, 10, 9, tzinfo=UTC),  # still BST (clocks go back on 27 October)
        datetime(2025, 1, 9, 10, tzinfo=UTC),   # GMT
    ]
    statuses = {e.decoded("dtstart").month: str(e["status"]) for e in events}
    assert statuses[1] == "CANCELLED" and statuses[4] == "CONFIRMED"
    assert len({str(e["uid"]) for e in events}) == 4
