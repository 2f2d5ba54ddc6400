"""The change history workbook and the change log: what they show of each change, and what they
leave out (the words of confidential agenda items, as the meetings workbook leaves them out)."""

from __future__ import annotations

from datetime import date, datetime

import openpyxl
import pytest

from bscp_desktop import jobs
from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.services import actions as al
from bscp_desktop.services import history as hs
from bscp_desktop.services import meetings as mt
from bscp_desktop.services import memberships as ms
from tests.meetings_world import meeting


def _cells(path, sheet: str) -> list[str]:
    book = openpyxl.load_workbook(path, read_only=True)
    return [str(v) for row in book[sheet].iter_rows(values_only=True) for v in row if v is not None]


@pytest.mark.slow
def test_changes_to_confidential_items_leave_their_words_out(db, world, tmp_path):
    m = meeting(db, world.forum, datetime(2024, 2, 29, 10))
    secret = mt.add_agenda_item(db, m.id, mt.AgendaItemFields(
        "Child Q: rapid review", confidential=True, key_focus=True, key_focus_summary="Neglect of Child Q"))
    public = mt.add_agenda_item(db, m.id, mt.AgendaItemFields("Budget"))
    mt.save_item_minutes(db, secret.id, "Child Q was seen by the school nurse")
    mt.save_item_minutes(db, public.id, "The budget was agreed")
    mt.add_decision(db, secret.id, "Refer Child Q to children's services")
    action = mt.add_item_action(db, secret.id, al.ActionFields("Write to Child Q's GP", owner_person_id=world.head.id,
                                                               due_date=date(2024, 4, 30)))
    al.add_progress_update(db, action.id, date(2024, 3, 1), "Child Q's GP replied")
    history = _cells(jobs.export_workbook(db, "history", tmp_path / "history.xlsx"), "Change history")
    log = _cells(jobs.write_report(db, "change-log", tmp_path / "log.xlsx"), "Change log")
    for cells in (history, log):
        text = "\n".join(cells)
        assert "Child Q was" not in text and "Neglect" not in text and "Refer Child Q" not in text
        assert "Child Q's GP" not in text
        assert "(confidential item: not exported)" in cells
        assert "The budget was agreed" in cells and "Child Q: rapid review" in text  # its title is listed
    # the change log of the confidential action alone is not titled with its words either
    own = _cells(jobs.write_report(db, "change-log", tmp_path / "own.xlsx", record=["action", action.id]), "About")
    assert "Child Q's GP" not in "\n".join(own) and "(confidential item: not exported)" in "\n".join(own)


def _brent_with_another_name_removed(db):
    council = ms.create_organisation(db, ms.OrganisationFields("Brent Council", OrganisationKind.LOCAL_AUTHORITY))
    for aliases in (("London Borough of Brent",), ()):
        ms.update_organisation(db, council.id, ms.OrganisationFields(
            "Brent Council", OrganisationKind.LOCAL_AUTHORITY, aliases=aliases))
    [alias_id] = {c.record_id for c in hs.list_changes(db, "organisation_alias")}
    return council, alias_id


@pytest.mark.slow
def test_one_records_change_log_is_titled_after_that_record_not_its_newest_row(db, tmp_path):
    """The newest change in an organisation's history is its other name's: the file still names
    the organisation; one of its removed rows' log names that row as it was saved."""
    council, alias_id = _brent_with_another_name_removed(db)
    path = jobs.write_report(db, "change-log", tmp_path / "log.xlsx", record=["organisation", council.id])
    rows = list(openpyxl.load_workbook(path)["Change log"].iter_rows(values_only=True))
    assert rows[1][3] == "Organisation alias: London Borough of Brent"  # the newest row
    assert openpyxl.load_workbook(path)["About"]["A1"].value.endswith(": Organisation: Brent Council.")
    removed = jobs.write_report(db, "change-log", tmp_path / "removed.xlsx", record=["organisation_alias", alias_id])
    assert openpyxl.load_workbook(removed)["About"]["A1"].value.endswith(
        ": Organisation alias: London Borough of Brent.")


def test_the_change_history_workbook_names_a_removed_row_as_the_change_log_does(db, tmp_path):
    """An organisation's other name, added then removed: named by the name saved with each
    entry, as the change log window names it, not only by its number."""
    _council, alias_id = _brent_with_another_name_removed(db)
    path = jobs.export_workbook(db, "history", tmp_path / "history.xlsx")
    rows = [r for r in openpyxl.load_workbook(path)["Change history"].iter_rows(values_only=True)
            if r[2] == "Organisation alias"]
    assert [(r[3], r[4]) for r in rows] == [(f"London Borough of Brent (#{alias_id})", action)
                                           for action in ("Added", "Added", "Deleted", "Deleted")]
    window = {c.record_name for c in hs.change_page(db, hs.ChangeQuery()).rows if c.table_name == "organisation_alias"}
    assert window == {c.record_name for c in hs.list_changes(db, "organisation_alias")} == {"London Borough of Brent"}


def test_a_change_history_longer_than_a_sheet_goes_on_in_further_sheets(db, tmp_path, monkeypatch):
    """Excel keeps only the rows a sheet holds and drops the rest without a word: the history
    goes on in "Change history (2)" and on, each with the headings, and no change left out."""
    from bscp_desktop.reports import xlsx

    for i in range(5):
        ms.create_organisation(db, ms.OrganisationFields(f"Organisation {i}", "voluntary"))
    every = hs.list_changes(db)
    monkeypatch.setattr(xlsx, "EXCEL_ROWS", 6)  # two changes a sheet
    path = jobs.export_workbook(db, "history", tmp_path / "history.xlsx")
    book = openpyxl.load_workbook(path)
    names = [f"Change history ({n})" if n > 1 else "Change history" for n in range(1, (len(every) + 1) // 2 + 1)]
    assert book.sheetnames == names and len(every) > 4
    written = []
    for name in names:
        ws = book[name]
        rows = list(ws.iter_rows(values_only=True))
        assert rows[0][:3] == ("When", "Who", "Table") and ws.freeze_panes == "A2" and ws.max_row <= 6
        written += [row[3] for row in rows[1:int(ws.auto_filter.ref.rsplit("H", 1)[1])]]
    assert written == [c.record_label for c in every]
    assert rows[-1][0].startswith(f"Continued from the sheet '{names[-2]}'")


def test_the_change_history_workbook_names_each_record_as_it_was_as_the_change_log_does(db, tmp_path):
    """A person renamed: the entries made before are named by the name they had then, in the
    workbook as in the change log, not all by the name they have now."""
    person = ms.create_person(db, ms.PersonFields("Jane Smith"))
    ms.update_person(db, person.id, ms.PersonFields("Jane Doe"))
    path = jobs.export_workbook(db, "history", tmp_path / "history.xlsx")
    rows = [r for r in openpyxl.load_workbook(path)["Change history"].iter_rows(values_only=True) if r[2] == "Person"]
    assert [(r[3], r[4]) for r in rows] == [(f"Jane Smith (#{person.id})", "Added"), (f"Jane Doe (#{person.id})", "Changed")]
    log = [c.record_text for c in hs.change_page(db, hs.ChangeQuery()).rows if c.table_name == "person"]
    assert log == ["Person: Jane Doe", "Person: Jane Smith"]
