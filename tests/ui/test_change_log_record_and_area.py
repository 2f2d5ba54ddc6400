"""The change log page never says one area while listing another's records: while one record's
history is shown, the Area box shows that record's area and cannot be changed; choosing an area
(`set_area`) ends the record filter; 'Show every record' gives back the area chosen before. What
is saved is what is shown, marked by the record's own area."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from bscp_desktop import jobs
from bscp_desktop.reports.marking import file_is_marked
from bscp_desktop.services.audits import case_audits as ca
from bscp_desktop.services.audits import samples as sa
from bscp_desktop.ui.audits.change_log import ChangeLogPage


def _wait(qtbot, page) -> None:
    qtbot.waitUntil(lambda: not page.loading(), timeout=10000)


@pytest.mark.slow
def test_a_records_history_shows_its_own_area_and_saves_marked(qtbot, db, world, tmp_path):
    audit = ca.create_audit(db, ca.AuditFields("Neglect audit", date(2024, 11, 1)))
    sa.add_case(db, sa.AuditCaseFields(audit.id, "Child S", agency_ids=(world.council.id,)))
    page = ChangeLogPage(db)
    qtbot.addWidget(page)
    page.show()
    _wait(qtbot, page)
    page.set_area("audits")
    _wait(qtbot, page)
    row = next(r for r, c in enumerate(page.model.rows) if c.table_name == "audit_case")
    page.table.doubleClicked.emit(page.model.index(row, 0))
    _wait(qtbot, page)
    qtbot.waitUntil(lambda: "Audited case:" in page.status.text(), timeout=10000)

    assert page.record_label.text().startswith("Showing only the history of audited case")
    assert page.area.currentData() == "audits" and not page.area.isEnabled()
    assert {c.table_name for c in page.model.rows} == {"audit_case", "audit_return"}
    options = page.output_options()
    assert options["area"] == "audits" and options["record"][0] == "audit_case"
    assert file_is_marked(jobs.write_report(db, "change-log", tmp_path / "case.xlsx", **options))

    page.clear_filters()  # the record filter stays, and with it its area
    _wait(qtbot, page)
    assert page.query.record is not None and page.area.currentData() == "audits" and not page.area.isEnabled()

    page.set_area("training")  # another area: every record's changes of that area
    _wait(qtbot, page)
    assert page.query.record is None and page.query.area == "training"
    assert page.area.currentData() == "training" and page.area.isEnabled()
    assert not page.record_label.isVisibleTo(page) and not page.all_records.isVisibleTo(page)
    assert all(c.table_name.startswith("training") for c in page.model.rows)
    assert page.output_options() == {"area": "training"}


@pytest.mark.slow
def test_show_every_record_gives_back_the_area_chosen_before(qtbot, db, world):
    page = ChangeLogPage(db)
    qtbot.addWidget(page)
    page.show()
    _wait(qtbot, page)
    assert page.area.currentData() is None  # All areas
    row = next(r for r, c in enumerate(page.model.rows) if c.table_name == "person")
    page.show_changed_record(row)
    _wait(qtbot, page)
    assert page.query.area == "memberships" and page.area.currentData() == "memberships"
    assert not page.area.isEnabled() and "Show every record" in page.area.toolTip()
    qtbot.mouseClick(page.all_records, Qt.MouseButton.LeftButton)
    _wait(qtbot, page)
    assert page.query.record is None and page.query.area is None
    assert page.area.currentData() is None and page.area.isEnabled()
