"""The yearly report is not marked OFFICIAL-SENSITIVE: a confidential agenda item marked as a key
area of focus is listed in its "Meetings held" table only as not exported, neither its summary
nor its title, by the one rule the Meetings workbook lists the key areas by."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import update

from bscp_desktop.db.models.meetings import AgendaItem
from bscp_desktop.domain.meetings import MeetingStatus
from bscp_desktop.services import meetings as mt
from bscp_desktop.services import yearly_report as yr
from bscp_desktop.services.meetings.reporting import CONFIDENTIAL_NOT_EXPORTED, focus_summary, key_areas
from tests.meetings_world import meeting

SECRET = "SECRET: Child Q hospital delay"
SECRET_TITLE = "Rapid review: Child Q, bruising to 4-month-old"


def _held(db, world):
    m = meeting(db, world.forum, datetime(2023, 6, 8, 10), status=MeetingStatus.HELD, key_focus="Neglect strategy")
    mt.add_agenda_item(db, m.id, mt.AgendaItemFields("Budget", key_focus=True, key_focus_summary="Budget 2023/24"))
    mt.add_agenda_item(db, m.id, mt.AgendaItemFields("Rapid review", confidential=True, key_focus=True,
                                                     key_focus_summary=SECRET))
    untitled = mt.add_agenda_item(db, m.id, mt.AgendaItemFields(SECRET_TITLE, confidential=True, key_focus=True,
                                                                key_focus_summary="To be blanked"))
    with db.unit_of_work() as session:  # a key area without a summary, as a file another program changed holds
        session.execute(update(AgendaItem).where(AgendaItem.id == untitled.id).values(key_focus_summary=""))
    mt.add_agenda_item(db, m.id, mt.AgendaItemFields("Ofsted visit", key_focus=True, key_focus_summary="Ofsted visit"))
    return m


def test_a_confidential_items_summary_and_title_stay_out_of_the_key_areas_of_focus(db, world):
    m = _held(db, world)
    ((found, lines),) = mt.key_areas_of_focus(db, date(2023, 4, 1), date(2024, 3, 31))
    assert found.id == m.id
    assert lines == ["Neglect strategy", "Budget 2023/24", CONFIDENTIAL_NOT_EXPORTED, CONFIDENTIAL_NOT_EXPORTED,
                     "Ofsted visit"]


@pytest.mark.slow  # refreshes a section of the yearly report
def test_the_yearly_reports_meetings_held_table_does_not_print_a_confidential_item(db, world):
    _held(db, world)
    r = yr.create_report(db, yr.ReportFields("Yearly report 2023/24", date(2023, 4, 1), date(2024, 3, 31)))
    (table,) = yr.refresh_section(db, r.id, "activity", today=date(2024, 6, 1)).blocks
    ((_day, _meeting, focus),) = table.rows
    assert "Child Q" not in focus and "SECRET" not in focus
    assert "• Budget 2023/24" in focus and f"• {CONFIDENTIAL_NOT_EXPORTED}" in focus


def test_the_workbook_and_the_report_list_an_item_by_the_same_rule(db, world):
    m = _held(db, world)
    rows = mt.list_all_agenda_items(db, [m.id])
    ((_, reported),) = mt.key_areas_of_focus(db)
    assert key_areas([mt.get_meeting(db, m.id)], rows) == {m.id: reported}
    # the Agenda items sheet's summary column: a confidential item's summary not exported, a blank one blank
    assert [focus_summary(r.item) for r in rows] == ["Budget 2023/24", CONFIDENTIAL_NOT_EXPORTED, "", "Ofsted visit"]
