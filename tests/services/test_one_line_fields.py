"""A field shown on one line is saved on one line, and a reason is kept whole or refused."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import pytest

from bscp_desktop.db.models.meetings import Meeting
from bscp_desktop.domain.validation import ValidationError
from bscp_desktop.services import meetings as mt
from bscp_desktop.services.meetings.common import guard_approved
from bscp_desktop.services.training import courses as cs


def test_a_course_topic_pasted_with_a_line_break_is_saved_on_one_line():
    """The Topic box takes a paste with a line break in it; the topic names a chart's bar in the
    yearly report's Word draft, which could not measure a name on two lines."""
    values = cs.check_course_fields(cs.CourseFields("Safer recruitment", topic="  Neglect\nand \t abuse\r\n"))
    assert values["topic"] == "Neglect and abuse"
    assert cs.check_course_fields(cs.CourseFields("Safer\nrecruitment"))["title"] == "Safer recruitment"


class _Session:
    """What the check uses of a session on a database file: the meeting it holds, and what is added."""

    def __init__(self, meeting: Meeting) -> None:
        self.meeting = meeting
        self.added: list[object] = []
        self.info: dict = {}

    def get_bind(self):
        return SimpleNamespace(dialect=SimpleNamespace(name="sqlite"))

    def get(self, model, record_id):
        return self.meeting if model is Meeting and record_id == self.meeting.id else None

    def add(self, record: object) -> None:
        self.added.append(record)


def _approved() -> Meeting:
    return Meeting(id=1, minutes_status="approved", minutes_approved_on=date(2024, 4, 1))


def test_an_amendment_reason_longer_than_the_window_allows_is_refused_not_cut():
    meeting = _approved()
    session = _Session(meeting)
    reason = "Partner asked us to correct paragraph 3. " * 150 + "Agreed by the chair."
    with pytest.raises(ValidationError) as err:
        guard_approved(session, meeting, reason, field="minutes", old="a", new="b")
    assert err.value.errors == {"reason": f"Reason is too long ({len(reason)} characters; at most 5000)"}
    assert session.added == []


@pytest.mark.slow
def test_an_amendment_reason_at_the_limit_is_kept_whole(demo_db):
    meeting = next(m for m in mt.list_meetings(demo_db) if m.minutes_status.locked)
    item = mt.list_agenda(demo_db, meeting.id)[0]
    reason = "r" * 4999 + "."  # 5,000 characters, as many as the window takes
    mt.save_item_minutes(demo_db, item.id, "Corrected minutes.", reason=reason)
    assert mt.list_amendments(demo_db, meeting.id)[-1].reason == reason


@pytest.mark.slow
def test_amending_approved_minutes_with_a_long_reason_changes_nothing(demo_db):
    meeting = next(m for m in mt.list_meetings(demo_db) if m.minutes_status.locked)
    item = mt.list_agenda(demo_db, meeting.id)[0]
    before = mt.list_amendments(demo_db, meeting.id)
    with pytest.raises(ValidationError) as err:
        mt.save_item_minutes(demo_db, item.id, "Corrected minutes.", reason="x" * 5001)
    assert err.value.errors == {"reason": "Reason is too long (5001 characters; at most 5000)"}
    assert mt.get_agenda_item(demo_db, item.id).minutes == item.minutes
    assert mt.list_amendments(demo_db, meeting.id) == before
