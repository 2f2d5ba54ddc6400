"""A calendar file cannot be marked OFFICIAL-SENSITIVE: a meeting whose agenda is marked so, as
its group's members sign a confidentiality agreement, keeps its title, time and place in the
calendar file, but its agenda is left out and the event says it is sent separately. The calendar
decides it as the agenda's marking does, as it stood on the meeting's day for approved minutes."""

from __future__ import annotations

from datetime import date, datetime

import icalendar
import pytest

from bscp_desktop import jobs
from bscp_desktop.domain.meetings import ApprovalMethod, Weekday
from bscp_desktop.jobs.meetings import AGENDA_SENT_SEPARATELY, agenda_document, calendar_events
from bscp_desktop.services import meetings as mt
from bscp_desktop.services import memberships as ms
from tests.meetings_world import meeting

CHILD_Q = "Rapid review: Child Q, bruising to 4-month-old"


def _review_group(db, signs: bool = True):
    return ms.create_group(db, ms.GroupFields("Case Review Group", 3, needs_agreement=signs))


def _descriptions(path) -> list[str]:
    return [str(e["description"]) for e in icalendar.Calendar.from_ical(path.read_bytes()).walk("VEVENT")]


def test_an_agreement_groups_agenda_stays_out_of_its_calendar_event(db, world):
    m = meeting(db, _review_group(db), datetime(2026, 11, 5, 10), title="Case Review Group",
                ends_at=datetime(2026, 11, 5, 12), place="Civic Centre, Room 3")
    mt.add_agenda_item(db, m.id, mt.AgendaItemFields(CHILD_Q))
    assert agenda_document(db, m.id).sensitive
    (event,) = calendar_events(db, [mt.get_meeting(db, m.id)])
    assert "Child Q" not in event.description and "1." not in event.description
    assert event.description.endswith(AGENDA_SENT_SEPARATELY)
    assert (event.title, event.starts_at, event.ends_at, event.location) == (
        "Case Review Group", datetime(2026, 11, 5, 10), datetime(2026, 11, 5, 12), "Civic Centre, Room 3")


def test_an_open_groups_agenda_is_still_listed(db, world):
    m = meeting(db, world.forum, datetime(2026, 11, 5, 10))
    mt.add_agenda_item(db, m.id, mt.AgendaItemFields("Budget"))
    assert not agenda_document(db, m.id).sensitive
    (event,) = calendar_events(db, [mt.get_meeting(db, m.id)])
    assert "Agenda:\n1. Budget" in event.description and AGENDA_SENT_SEPARATELY not in event.description


def test_approved_minutes_keep_the_setting_as_it_stood_in_the_calendar_as_on_the_agenda(db, world):
    group = _review_group(db)
    approved = meeting(db, group, datetime(2024, 3, 14, 10), title="CRG")
    later = meeting(db, group, datetime(2024, 5, 14, 10), title="CRG")
    for m in (approved, later):
        mt.add_agenda_item(db, m.id, mt.AgendaItemFields(CHILD_Q))
    mt.approve_minutes(db, approved.id, None, date(2024, 3, 20), method=ApprovalMethod.EMAIL, approved_by="Chair")
    ms.update_group(db, group.id, ms.GroupFields(group.name, group.tier, needs_agreement=False))
    events = calendar_events(db, [mt.get_meeting(db, approved.id), mt.get_meeting(db, later.id)])
    for m, event in zip((approved, later), events, strict=True):
        marked = agenda_document(db, m.id).sensitive
        assert (AGENDA_SENT_SEPARATELY in event.description) is marked
        assert ("Child Q" in event.description) is not marked
    assert agenda_document(db, approved.id).sensitive and not agenda_document(db, later.id).sensitive


@pytest.mark.slow  # writes calendar files
def test_the_series_file_and_a_meetings_own_file_leave_the_agenda_out(db, world, tmp_path):
    series = mt.create_series(db, mt.SeriesFields(_review_group(db).id, "Case Review Group", 2027, 4, 3,
                                                  Weekday.WEDNESDAY, 2))
    for mid in series.meeting_ids:
        mt.add_agenda_item(db, mid, mt.AgendaItemFields(CHILD_Q))
    every = _descriptions(jobs.write_report(db, "ics", tmp_path / "series.ics", series=series.id))
    (one,) = _descriptions(jobs.write_report(db, "ics", tmp_path / "one.ics", meeting=series.meeting_ids[0]))
    assert len(every) == 4
    for description in (*every, one):
        assert "Child Q" not in description and description.endswith(AGENDA_SENT_SEPARATELY)
