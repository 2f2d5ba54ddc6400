"""The action log (PDF and Excel) leaves out the actions raised under confidential agenda items,
as the minutes for circulation leave those items out, and says so: how many, how many of them
overdue, and from which group's meetings; never their words, and never "There are no actions"
while some were left out."""

from __future__ import annotations

import io
from datetime import date, datetime

import openpyxl
import pypdf
import pytest

from bscp_desktop import jobs
from bscp_desktop.reports import actions as action_reports
from bscp_desktop.services import actions as al
from bscp_desktop.services import meetings as mt
from tests.meetings_world import meeting

TODAY = date(2024, 6, 3)


def _confidential_actions(db, world, due_dates: tuple[date, ...]) -> None:
    m = meeting(db, world.forum, datetime(2024, 5, 9, 10))
    item = mt.add_agenda_item(db, m.id, mt.AgendaItemFields("Child A", confidential=True))
    for n, due in enumerate(due_dates, start=1):
        mt.add_item_action(db, item.id, al.ActionFields(f"Refer Child A to early help {n}",
                                                        owner_person_id=world.head.id, due_date=due))


def _pdf_text(path) -> str:
    return " ".join(" ".join(p.extract_text() or "" for p in pypdf.PdfReader(str(path)).pages).split())


def _cells(path) -> list[str]:
    book = openpyxl.load_workbook(path)
    return [str(v) for ws in book.worksheets for r in ws.iter_rows(values_only=True) for v in r if v]


@pytest.mark.slow
def test_a_log_of_only_confidential_actions_says_how_many_were_left_out(db, world, tmp_path):
    _confidential_actions(db, world, (date(2024, 5, 20), date(2024, 7, 1)))  # one overdue on TODAY
    said = ("2 actions raised under confidential agenda items are left out of this log (1 of them overdue), as "
            "confidential items are left out of the minutes for circulation: from Safeguarding Children Forum "
            "meetings (2).")
    text = _pdf_text(jobs.write_report(db, "actions", tmp_path / "Action log.pdf", today=TODAY))
    assert said in text
    assert "There are no actions" not in text and "Child A" not in text
    assert "Safeguarding Children Forum meetings (0 actions)" in text  # where they were raised
    cells = _cells(jobs.write_report(db, "actions", tmp_path / "Action log.xlsx", xlsx=True, today=TODAY))
    assert any(said in c for c in cells)
    assert not any("Child A" in c for c in cells)


@pytest.mark.slow
def test_the_left_out_actions_are_counted_beside_those_listed(db, world, tmp_path):
    _confidential_actions(db, world, (date(2024, 7, 1),))
    m = meeting(db, world.forum, datetime(2024, 5, 23, 10))
    budget = mt.add_agenda_item(db, m.id, mt.AgendaItemFields("Budget"))
    mt.add_item_action(db, budget.id, al.ActionFields("Send the budget", owner_person_id=world.head.id,
                                                      due_date=date(2024, 7, 1)))
    text = _pdf_text(jobs.write_report(db, "actions", tmp_path / "Action log.pdf", today=TODAY))
    assert "Send the budget" in text and "Child A" not in text
    assert "1 action raised under confidential agenda items is left out of this log, as confidential" in text
    assert "Safeguarding Children Forum meetings (1 action)" in text
    book = openpyxl.load_workbook(jobs.write_report(db, "actions", tmp_path / "Action log.xlsx", xlsx=True, today=TODAY))
    rows = list(book["Actions"].iter_rows(values_only=True))
    assert [r[0] for r in rows[1:]] == ["Send the budget", None, action_reports.left_out_sentence(
        [action_reports.LeftOut("Safeguarding Children Forum meetings", 1)]),
        None, action_reports.overdue_counted_note(TODAY)]  # under the table, outside the filter


def test_there_are_no_actions_only_when_none_was_left_out():
    def text(left_out) -> str:
        reader = pypdf.PdfReader(io.BytesIO(action_reports.actions_pdf([], None, "Partnership", TODAY, (), left_out)
                                            .to_bytes()))
        return " ".join(" ".join(p.extract_text() or "" for p in reader.pages).split())

    assert action_reports.left_out_sentence([]) == ""
    assert "There are no actions." in text([])
    left_out = text([action_reports.LeftOut("Executive Group meetings", 1, 1)])
    assert "There are no actions" not in left_out
    assert "1 action raised under confidential agenda items is left out of this log (overdue), as" in left_out
