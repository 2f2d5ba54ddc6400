"""Acceptance: .ics files parse with icalendar and carry UTC-correct times for a meeting in
British Summer Time and one in winter."""

from __future__ import annotations

from datetime import UTC, datetime, time

import icalendar

from bscp_desktop import jobs
from bscp_desktop.db.database import CALENDAR_ID_KEY
from bscp_desktop.domain.meetings import MeetingStatus, Weekday
from bscp_desktop.services import meetings as mt
from bscp_desktop.services import memberships as ms
from bscp_desktop.services.settings import get_setting


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
    assert str(event["uid"]) == f"meeting-{m.id}@{get_setting(db, CALENDAR_ID_KEY)}.bscp-desktop"  # the database's own
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


def test_hostile_text_makes_a_valid_calendar_that_reads_back_as_typed():
    """A new line in the calendar's name stopped the file with a Python error, a meeting link
    that is not a web address (\"Teams: see the invitation\", or with a line break) did too,
    control characters went into the file (a TEXT value may not hold them), and the
    calendar's name was written unescaped, so a comma in it ended the name for a calendar."""
    from bscp_desktop.reports.ics import CalendarEvent, build_calendar

    title = "Exec: Group / Sub, \"review\"; part\\2\nsecond line \x07\x1b[31m\x7f Zoë مريم 👩‍👧 " + "ü" * 80
    event = CalendarEvent(
        "meeting-1@bscp-desktop", title, datetime(2024, 3, 14, 10), None, location="Room 1; Brent\r\nCivic Centre",
        description="Line one\r\nLine two, a;b\\c\x0b", organiser_name='Jo "JB" Bloggs;\nLtd',
        organiser_email="jo@example.org\n", url="Teams: see the invitation\nlink",
    )
    raw = build_calendar([event], "Executive Group, 14 Mar 2024;\nspecial\x07")
    lines = raw.split(b"\r\n")
    assert all(len(line) <= 75 for line in lines)
    assert not any(byte < 32 and byte != 9 or byte == 127 for line in lines for byte in line)
    for line in lines:
        line.decode("utf-8")  # folded between characters, never inside one
    assert b"X-WR-CALNAME:Executive Group\\, 14 Mar 2024\\; special\r\n" in raw
    (read,) = icalendar.Calendar.from_ical(raw).walk("VEVENT")
    assert str(read["summary"]) == 'Exec: Group / Sub, "review"; part\\2 second line [31m Zoë مريم 👩‍👧 ' + "ü" * 80
    assert str(read["location"]) == "Room 1; Brent Civic Centre"
    assert str(read["description"]) == "Line one\nLine two, a;b\\c"
    assert "url" not in read
    assert str(read["organizer"]) == "mailto:jo@example.org" and read["organizer"].params["cn"] == 'Jo "JB" Bloggs; Ltd'
    link = build_calendar([CalendarEvent("m@x", "T", datetime(2024, 3, 14, 10), None, url=" https://teams.example/a ")], "n")
    assert icalendar.Calendar.from_ical(link).walk("VEVENT")[0]["url"] == "https://teams.example/a"
