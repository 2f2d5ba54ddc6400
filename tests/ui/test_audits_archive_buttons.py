"""Taking out what was added by mistake under the Audits tab, through the real widgets: a case
or an agency's return of a case audit, an agency in a Section 11 cycle, a cycle, a standard;
an archived audit offers nothing but Restore; a search hit selects its Section 11 cell."""

from __future__ import annotations

import time
from datetime import date

import pytest
from PySide6.QtCore import Qt

from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.services import memberships as ms
from bscp_desktop.services.audits import case_audits as ca
from bscp_desktop.services.audits import s11_ratings as sr
from bscp_desktop.services.audits import samples as sa
from bscp_desktop.services.audits import section11 as s11
from bscp_desktop.ui.audits.tab import AuditsTab
from tests.built_once import database_with
from tests.ui.helpers import click_button, shown_tab, when_modal

TODAY = date(2024, 10, 1)


def build_setup(db):
    council = ms.create_organisation(db, ms.OrganisationFields("Brent Council", OrganisationKind.LOCAL_AUTHORITY))
    police = ms.create_organisation(db, ms.OrganisationFields("Metropolitan Police", OrganisationKind.POLICE))
    old = s11.create_cycle(db, s11.CycleFields("2022-24", date(2022, 4, 1), date(2022, 6, 30)))
    s11.add_agencies(db, old.id, [council.id, police.id])
    new = s11.create_cycle(db, s11.CycleFields("2024-26", date(2024, 4, 1), date(2024, 6, 28)))
    s11.add_agencies(db, new.id, [council.id, police.id])
    later = s11.create_cycle(db, s11.CycleFields("2026-28", date(2026, 4, 1), date(2026, 6, 30)))
    audit = ca.create_audit(db, ca.AuditFields("Neglect audit", date(2023, 2, 1), theme="Neglect"))
    case = sa.add_case(db, sa.AuditCaseFields(audit.id, "Child A", agency_ids=(council.id, police.id)))
    return {"council": council, "police": police, "old": old, "new": new, "later": later, "audit": audit,
            "case": case}


db, setup = database_with("audits-archive-buttons", build_setup, records="setup")


@pytest.fixture
def tab(qtbot, db, setup):
    widget = shown_tab(qtbot, AuditsTab(db, None, today=TODAY), (1280, 800))
    qtbot.waitUntil(lambda: widget.section11.grid_data is not None)
    return widget


def yes_to(seen: list) -> None:
    """Answer Yes to the next confirmation, keeping its words in `seen`."""
    when_modal(click_button("Yes", seen))


def rows(table) -> list[str]:
    return [table.item(r, 0).text() for r in range(table.rowCount())]


def detail_of(qtbot, tab):
    tab.sections.setCurrentWidget(tab.audits)
    detail = tab.audits.audit_detail
    qtbot.waitUntil(lambda: detail.audit is not None and detail.cases.rowCount() > 0)
    return detail


def test_an_agencys_return_asked_by_mistake_is_archived_and_restored(qtbot, tab, db, setup):
    detail = detail_of(qtbot, tab)
    detail.tabs.setCurrentWidget(detail.returns)
    assert detail.archive_row.text() == "Archive return"
    detail.returns.setCurrentCell(-1, -1)
    assert not detail.archive_row.isEnabled() and "Choose an agency's return" in detail.archive_row.toolTip()
    police_row = next(r for r in range(detail.returns.rowCount())
                      if detail.returns.item(r, 2).text() == "Metropolitan Police")
    detail.returns.setCurrentCell(police_row, 0)
    assert detail.archive_row.isEnabled() and not detail.restore_row.isEnabled()
    assert "not archived" in detail.restore_row.toolTip()
    seen: list[str] = []
    yes_to(seen)
    qtbot.mouseClick(detail.archive_row, Qt.MouseButton.LeftButton)
    assert "Archive Metropolitan Police return for Child A" in seen[0] and "Show archived" in seen[0]
    qtbot.waitUntil(lambda: detail.returns.rowCount() == 1)
    police = next(r for r in sa.list_returns(db, setup["audit"].id) if r.organisation_id == setup["police"].id)
    assert police.archived

    detail.show_archived.setChecked(True)
    archived_row = next(r for r in range(detail.returns.rowCount()) if detail.returns.item(r, 0).text().endswith("(archived)"))
    detail.returns.setCurrentCell(archived_row, 0)
    assert detail.restore_row.isEnabled() and not detail.archive_row.isEnabled()
    qtbot.mouseClick(detail.restore_row, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not any(t.endswith("(archived)") for t in rows(detail.returns)))
    assert not sa.get_return(db, police.id).archived


def test_a_case_added_by_mistake_is_archived_only_when_the_officer_says_yes_and_can_be_restored(qtbot, tab, db, setup):
    detail = detail_of(qtbot, tab)
    detail.tabs.setCurrentWidget(detail.cases)
    detail.cases.setCurrentCell(0, 0)
    assert detail.archive_row.text() == "Archive case" and detail.archive_row.isEnabled()
    when_modal(click_button("No"))
    qtbot.mouseClick(detail.archive_row, Qt.MouseButton.LeftButton)
    assert not sa.get_case(db, setup["case"].id).archived  # No: nothing changes
    seen: list[str] = []
    yes_to(seen)
    qtbot.mouseClick(detail.archive_row, Qt.MouseButton.LeftButton)
    assert seen and "Child A" in seen[0]
    qtbot.waitUntil(lambda: detail.cases.rowCount() == 0)
    assert sa.get_case(db, setup["case"].id).archived

    detail.show_archived.setChecked(True)
    assert rows(detail.cases) == [f"{setup['case'].reference} (archived)"]
    detail.cases.setCurrentCell(0, 0)
    qtbot.mouseClick(detail.restore_row, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: rows(detail.cases) == [setup["case"].reference])
    assert not sa.get_case(db, setup["case"].id).archived


def test_an_archived_audit_offers_nothing_until_restored(qtbot, tab, db, setup):
    audit_id = setup["audit"].id
    ca.archive_audit(db, audit_id)
    tab.sections.setCurrentWidget(tab.audits)
    tab.audits.show_record(audit_id)
    detail = tab.audits.audit_detail
    qtbot.waitUntil(lambda: detail.audit is not None and detail.audit.id == audit_id and detail.audit.archived)
    detail.cases.setCurrentCell(0, 0)
    tools = (detail.add_case, detail.edit_case, detail.record_return, detail.request, detail.next_step,
             detail.write, detail.archive_row, detail.restore_row)
    assert [b.text() for b in tools if b.isEnabled()] == []
    assert all("restore it first" in b.toolTip() for b in tools)
    qtbot.mouseClick(detail.request, Qt.MouseButton.LeftButton)
    assert ca.get_audit(db, audit_id).status == setup["audit"].status

    ca.restore_audit(db, audit_id)
    qtbot.waitUntil(lambda: detail.audit is not None and not detail.audit.archived)
    assert detail.add_case.isEnabled() and detail.request.isEnabled()


def show_cycle(qtbot, page, name: str) -> None:
    page.cycle_combo.setCurrentIndex(page.cycle_combo.findText(name))
    qtbot.waitUntil(lambda: not page.loading() and page.selected_cycle().name == name
                    and page.summary.text().startswith(("Archived. " + name, name)))


def test_an_agency_added_to_a_cycle_by_mistake_is_taken_out_from_the_page_or_its_dialog(qtbot, tab, db, setup):
    from bscp_desktop.ui.audits.s11_dialogs import ParticipantDialog

    page = tab.section11
    show_cycle(qtbot, page, "2024-26")
    page.lower.setCurrentIndex(0)
    page.returns.setCurrentCell(-1, -1)
    assert not page.remove_agency.isEnabled() and "Choose an agency" in page.remove_agency.toolTip()
    police_row = next(r for r in range(page.returns.rowCount()) if page.returns.item(r, 0).text() == "Metropolitan Police")
    page.returns.setCurrentCell(police_row, 0)
    assert page.remove_agency.isEnabled()
    when_modal(click_button("No"))
    qtbot.mouseClick(page.remove_agency, Qt.MouseButton.LeftButton)
    assert len(s11.list_participants(db, setup["new"].id)) == 2  # No: still taking part
    seen: list[str] = []
    yes_to(seen)
    qtbot.mouseClick(page.remove_agency, Qt.MouseButton.LeftButton)
    assert "Take Metropolitan Police out of Section 11 2024-26" in seen[0] and "Add agencies" in seen[0]
    qtbot.waitUntil(lambda: rows(page.returns) == ["Brent Council"])
    assert [p.organisation_name for p in page.grid.grid_model.agencies] == ["Brent Council"]

    [council] = s11.list_participants(db, setup["new"].id)
    dialog = ParticipantDialog(db, council, page, TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    yes_to(seen)
    qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible() and s11.list_participants(db, setup["new"].id) == []
    qtbot.waitUntil(lambda: page.returns.rowCount() == 0)
    assert not page.remove_agency.isEnabled()
    s11.add_agencies(db, setup["new"].id, [setup["police"].id])  # added again: back in the cycle
    qtbot.waitUntil(lambda: rows(page.returns) == ["Metropolitan Police"])


def test_a_cycle_is_archived_after_asking_and_restored_with_show_archived(qtbot, tab, db, setup):
    page = tab.section11
    show_cycle(qtbot, page, "2026-28")
    assert not page.restore_cycle.isEnabled() and "not archived" in page.restore_cycle.toolTip()
    seen: list[str] = []
    yes_to(seen)
    qtbot.mouseClick(page.archive_cycle, Qt.MouseButton.LeftButton)
    assert "Archive the Section 11 cycle 2026-28?" in seen[0]
    qtbot.waitUntil(lambda: page.cycle_combo.findText("2026-28") < 0 and not page.loading())
    assert s11.get_cycle(db, setup["later"].id).archived

    page.show_archived.setChecked(True)
    qtbot.waitUntil(lambda: page.cycle_combo.findText("2026-28") >= 0 and not page.loading())
    show_cycle(qtbot, page, "2026-28")
    assert page.summary.text().startswith("Archived.")
    assert page.restore_cycle.isEnabled() and not page.archive_cycle.isEnabled()
    for button in (page.edit_cycle, page.add_agencies, page.write_return, page.import_return):
        assert not button.isEnabled() and "restore it first" in button.toolTip()
    qtbot.mouseClick(page.restore_cycle, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not page.loading() and not page.selected_cycle().archived)
    assert not s11.get_cycle(db, setup["later"].id).archived and page.edit_cycle.isEnabled()


def test_the_standards_dialog_says_what_to_choose_asks_before_removing_and_restores(qtbot, db, setup):
    from bscp_desktop.ui.audits.s11_dialogs import StandardsDialog

    later = s11.get_cycle(db, setup["later"].id)
    dialog = StandardsDialog(db, later, None, TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    count = dialog.list.count()
    assert dialog.new_button.isEnabled()
    for button in (dialog.edit_button, dialog.remove_button):
        assert not button.isEnabled() and button.toolTip() == "Choose a standard in the list first."
    dialog.list.setCurrentRow(0)
    first = s11.list_standards(db, later.id)[0]
    assert dialog.edit_button.isEnabled() and dialog.remove_button.isEnabled() and not dialog.restore_button.isEnabled()
    when_modal(click_button("No"))
    qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    assert dialog.list.count() == count  # No: kept
    seen: list[str] = []
    yes_to(seen)
    qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    assert f"Remove standard {first.number}, {first.title}" in seen[0]
    assert dialog.list.count() == count - 1

    dialog.show_removed.setChecked(True)
    removed = next(i for i in range(dialog.list.count()) if "(removed)" in dialog.list.item(i).text())
    dialog.list.setCurrentRow(removed)
    assert dialog.restore_button.isEnabled() and not dialog.edit_button.isEnabled()
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert [s.id for s in s11.list_standards(db, later.id)][0] == first.id
    assert not any("(removed)" in dialog.list.item(i).text() for i in range(dialog.list.count()))

    opened = StandardsDialog(db, s11.get_cycle(db, setup["new"].id), None, TODAY)
    qtbot.addWidget(opened)
    opened.list.setCurrentRow(0)
    for button in (opened.new_button, opened.edit_button, opened.remove_button, opened.restore_button):
        assert not button.isEnabled() and "can no longer change" in button.toolTip()


@pytest.mark.slow
def test_a_search_hit_on_an_answer_selects_its_cell_when_the_grid_is_slow_to_read(qtbot, background_lists, tab, db,
                                                                                    setup, monkeypatch):
    import bscp_desktop.ui.audits.section11_page as s11_page

    read = s11_page._cycle_read  # a larger database: the grid arrives after the window has moved on
    monkeypatch.setattr(s11_page, "_cycle_read", lambda db, cycle: (time.sleep(0.05), read(db, cycle))[1])
    page = tab.section11
    tab.sections.setCurrentWidget(tab.audits)
    for cycle in (setup["old"], setup["new"], setup["old"]):
        police = next(p for p in s11.list_participants(db, cycle.id) if p.organisation_id == setup["police"].id)
        standard = s11.list_standards(db, cycle.id)[2]
        rating = sr.save_rating(db, police.id, standard.id, sr.RatingFields("Green", evidence="Board minutes"))
        tab.show_record("s11_rating", rating.id)
        assert tab.sections.currentWidget() is page

        def selected(rating=rating):
            cell = page.grid.grid_model.cell(page.grid.currentIndex()) if page.grid.currentIndex().isValid() else None
            return cell is not None and cell.rating.id == rating.id

        qtbot.waitUntil(selected)
        assert page.selected_cycle().id == cycle.id
