"""The Approve minutes dialog offers, "At the meeting", only the group's later meetings that have
taken place by today (read when it opens): one still to come cannot have approved the minutes,
and approving at it is refused. When none has taken place the dialog says so and approving at a
meeting cannot be saved; the chair's action and e-mail still can."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from bscp_desktop.domain.meetings import ApprovalMethod, MeetingStatus, MinutesStatus
from bscp_desktop.services import meetings as mt
from bscp_desktop.ui.meetings.dialogs import ApproveDialog
from tests.meetings_world import meeting


def _on(day: date, hour: int = 10) -> datetime:
    return datetime.combine(day, time(hour))


def _dialog(qtbot, db, meeting_id):
    dialog = ApproveDialog(db, mt.get_meeting(db, meeting_id))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _offered(dialog) -> list[int]:
    return [dialog.at.itemData(i) for i in range(dialog.at.count()) if dialog.at.itemData(i) is not None]


def test_only_later_meetings_held_by_today_are_offered(qtbot, db, world):
    today = date.today()
    m = meeting(db, world.forum, datetime(2024, 1, 11, 10), status=MeetingStatus.HELD)
    held = meeting(db, world.forum, _on(today - timedelta(days=7)), status=MeetingStatus.HELD)
    this_evening = meeting(db, world.forum, _on(today, 18))  # today: it may have agreed them
    meeting(db, world.forum, _on(today - timedelta(days=3)), status=MeetingStatus.CANCELLED)
    meeting(db, world.forum, _on(today + timedelta(days=1)))
    meeting(db, world.forum, _on(today + timedelta(days=60)))
    dialog = _dialog(qtbot, db, m.id)
    assert _offered(dialog) == [held.id, this_evening.id]
    assert dialog.chosen_method() is ApprovalMethod.MEETING and dialog.on.value() == held.date
    assert dialog.save_button.isEnabled()
    dialog._on_save()
    approved = mt.get_meeting(db, m.id)
    assert approved.minutes_status is MinutesStatus.APPROVED and approved.approved_at_meeting_id == held.id


def test_with_no_later_meeting_held_yet_the_dialog_says_so_and_will_not_save(qtbot, db, world):
    today = date.today()
    m = meeting(db, world.forum, datetime(2024, 1, 11, 10), status=MeetingStatus.HELD)
    meeting(db, world.forum, _on(today + timedelta(days=1)))
    meeting(db, world.forum, _on(today + timedelta(days=90)))
    dialog = _dialog(qtbot, db, m.id)
    assert _offered(dialog) == []
    dialog.method.setCurrentIndex(dialog.method.findData(ApprovalMethod.MEETING))
    assert not dialog.revalidate() and not dialog.save_button.isEnabled()
    said = dialog.error_labels["approved_at_meeting_id"]
    assert said.isVisible()
    assert said.text().startswith("No later meeting of this group has taken place yet: minutes are approved at the "
                                  "meeting that agrees them.")
    assert "chair's action or e-mail" in said.text()
    dialog._on_save()  # Ctrl+S with Save greyed: nothing is saved
    assert mt.get_meeting(db, m.id).minutes_status is not MinutesStatus.APPROVED
    # approved between meetings instead: saved
    dialog.method.setCurrentIndex(dialog.method.findData(ApprovalMethod.CHAIRS_ACTION))
    dialog.by.setText("Independent Chair")
    dialog.on.set_value(date(2024, 1, 19))
    assert dialog.revalidate() and not dialog.error_labels["approved_at_meeting_id"].isVisible()
    dialog._on_save()
    assert mt.get_meeting(db, m.id).minutes_status is MinutesStatus.APPROVED


def test_the_list_of_meetings_that_can_have_approved_minutes(db, world):
    m = meeting(db, world.forum, datetime(2024, 1, 11, 10), status=MeetingStatus.HELD)
    march = meeting(db, world.forum, datetime(2024, 3, 14, 10), status=MeetingStatus.HELD)
    june = meeting(db, world.forum, datetime(2024, 6, 13, 10))
    meeting(db, world.forum, datetime(2024, 5, 9, 10), status=MeetingStatus.POSTPONED)
    meeting(db, world.executive, datetime(2024, 2, 1, 10), status=MeetingStatus.HELD)  # another group
    assert [x.id for x in mt.later_meetings_of_group(db, m.id, held_by=date(2024, 6, 12))] == [march.id]
    assert [x.id for x in mt.later_meetings_of_group(db, m.id, held_by=date(2024, 6, 13))] == [march.id, june.id]
    assert len(mt.later_meetings_of_group(db, m.id)) == 3  # every later meeting of the group, without a day
