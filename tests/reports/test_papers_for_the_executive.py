"""Printed papers fit for the Executive (issue: daily use, point 3): the action log prints
landscape, grouped by where each action came from, overdue actions in words, no date split
across lines; minutes and agendas of confidential groups or items carry OFFICIAL-SENSITIVE and
the agenda lists the confidential part (Part B) apart. Read back with pypdf."""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime

import pypdf
import pytest

from bscp_desktop import jobs
from bscp_desktop.domain.actions import ActionStatus
from bscp_desktop.domain.dates import working_days_between
from bscp_desktop.domain.meetings import MeetingStatus
from bscp_desktop.reports.pdf.tables import column_widths
from bscp_desktop.services import actions as al
from bscp_desktop.services import meetings as mt
from bscp_desktop.services import memberships as ms
from tests.meetings_world import meeting

DATE = re.compile(r"\b\d{2}/\d{2}/\d{4}\b")
CUT_DATE = re.compile(r"\b\d{2}/\d{2}/\d{0,3}\s*$|^\s*\d{0,3}/?\d{4}\b", re.MULTILINE)


def pages(path) -> list[pypdf.PageObject]:
    return list(pypdf.PdfReader(str(path)).pages)


def text_of(path) -> str:
    return "\n".join(unicodedata.normalize("NFKC", p.extract_text() or "") for p in pages(path))



def test_every_column_is_at_least_as_wide_as_its_dates_and_words():
    headers = ["Action", "Due", "Status"]
    rows = [["Write to every head teacher about the new neglect toolkit and the graded care profile " * 3,
             date(2023, 3, 2), "Completed"]] * 3
    widths = column_widths(headers, rows, 200, preferred=[170, 20, 10])  # asked for far too narrow
    from bscp_desktop.reports.pdf.styles import text_width

    assert widths[1] >= text_width("02/03/2023", "DejaVuSans") + 8
    assert widths[2] >= text_width("Completed", "DejaVuSans") + 8
    assert abs(sum(widths) - 200) < 0.01


@pytest.mark.slow
def test_the_action_log_prints_landscape_grouped_with_overdue_in_words(db, world, tmp_path):
    today = date.today()
    forum = meeting(db, world.forum, datetime(2023, 3, 2, 10), status=MeetingStatus.HELD)
    executive = meeting(db, world.executive, datetime(2023, 3, 9, 10), status=MeetingStatus.HELD)
    f_item = mt.add_agenda_item(db, forum.id, mt.AgendaItemFields("Neglect strategy"))
    e_item = mt.add_agenda_item(db, executive.id, mt.AgendaItemFields("Budget"))
    long_text = ("Write to every head teacher and designated safeguarding lead about the new neglect toolkit, "
                 "the graded care profile and the training dates for the spring term")
    mt.add_item_action(db, f_item.id, al.ActionFields(long_text, owner_person_id=world.nurse.id,
                                                      due_date=date(2023, 3, 23)))
    done = mt.add_item_action(db, e_item.id, al.ActionFields("Agree the budget", owner_person_id=world.chair.id,
                                                             due_date=date(2023, 3, 31)))
    al.update_action(db, done.id, al.ActionFields("Agree the budget", owner_person_id=world.chair.id,
                                                  due_date=date(2023, 3, 31), status=ActionStatus.DONE,
                                                  completed_on=date(2023, 3, 31), evidence="Budget agreed"))
    al.create_action(db, al.ActionFields("Refresh the website", owner_person_id=world.officer.id,
                                         due_date=date(2030, 1, 1)))
    out = jobs.write_report(db, "actions", tmp_path / "Action log.pdf")

    for page in pages(out):
        assert page.mediabox.width > page.mediabox.height  # landscape
    text = text_of(out)
    flat = " ".join(text.split())
    late = working_days_between(date(2023, 3, 23), today)  # working days, as every other lateness
    assert f"Overdue by {late} working days (Open)" in flat
    for heading in ("Executive Group meetings (1 action)", "Safeguarding Children Forum meetings (1 action, 1 overdue)",
                    "Other actions (1 action)"):
        assert heading in flat
    assert flat.index("Executive Group meetings") < flat.index("Safeguarding Children Forum meetings") < flat.index(
        "Other actions")
    for day in ("23/03/2023", "31/03/2023", "01/01/2030"):
        assert day in text  # each date whole, on one line
    assert not CUT_DATE.search(text), CUT_DATE.search(text)
    assert "Completed" in text.split() or "Done" in text


@pytest.mark.slow
def test_minutes_and_agenda_of_a_confidential_group_are_official_sensitive(db, world, tmp_path):
    group = ms.create_group(db, ms.GroupFields("Case Review Group", 3, needs_agreement=True))
    m = meeting(db, group, datetime(2024, 1, 18, 10), status=MeetingStatus.HELD)
    mt.add_agenda_item(db, m.id, mt.AgendaItemFields("Rapid review of Child A"))
    for name in ("minutes", "agenda"):
        out = jobs.write_report(db, name, tmp_path / f"{name}.pdf", meeting=m.id)
        for page in pages(out):
            words = page.extract_text()
            assert words.count("OFFICIAL-SENSITIVE") >= 2  # header and footer
        assert "OFFICIAL-SENSITIVE" in (pypdf.PdfReader(str(out)).metadata.subject or "")


@pytest.mark.slow
def test_confidential_items_make_the_full_minutes_sensitive_and_the_agenda_shows_part_b(db, world, tmp_path):
    m = meeting(db, world.forum, datetime(2024, 3, 14, 10), status=MeetingStatus.HELD)
    mt.add_agenda_item(db, m.id, mt.AgendaItemFields("Partner updates", minutes_allotted=20))
    mt.add_agenda_item(db, m.id, mt.AgendaItemFields("Case of Child B", confidential=True, minutes_allotted=15))
    mt.add_agenda_item(db, m.id, mt.AgendaItemFields("Any other business", minutes_allotted=5))
    full = jobs.write_report(db, "minutes", tmp_path / "full.pdf", meeting=m.id)
    assert "OFFICIAL-SENSITIVE" in text_of(full)
    circulation = jobs.write_report(db, "minutes", tmp_path / "circ.pdf", meeting=m.id, circulation=True)
    assert "OFFICIAL-SENSITIVE" not in text_of(circulation)  # the confidential item is left out
    agenda = text_of(jobs.write_report(db, "agenda", tmp_path / "agenda.pdf", meeting=m.id))
    flat = " ".join(agenda.split())
    assert "OFFICIAL-SENSITIVE" in agenda
    assert flat.index("Part A: open business") < flat.index("Partner updates") < flat.index(
        "Any other business") < flat.index("Part B: confidential items") < flat.index("Case of Child B")


def test_an_open_groups_ordinary_agenda_is_not_marked(db, world, tmp_path):
    m = meeting(db, world.forum, datetime(2024, 3, 14, 10), status=MeetingStatus.HELD)
    mt.add_agenda_item(db, m.id, mt.AgendaItemFields("Partner updates"))
    agenda = text_of(jobs.write_report(db, "agenda", tmp_path / "agenda.pdf", meeting=m.id))
    assert "OFFICIAL-SENSITIVE" not in agenda and "Part B" not in agenda
