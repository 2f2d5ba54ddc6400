"""Long names on a small laptop screen (1366 x 768 at 125%, 1280 x 720 at 150%): the agencies
of a new audit case, the deadline rules' drop-downs, the partner engagement table and the
Getting-started checklist of a new database. A name is shown whole, wrapped, or ended with "…"
and whole on hover; never cut off mid-word."""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox

from bscp_desktop.domain.deadlines import DEFAULT_RULES
from bscp_desktop.services import memberships as ms
from bscp_desktop.services.audits import case_audits as ca
from bscp_desktop.ui.audits.audit_dialogs import AuditCaseDialog
from bscp_desktop.ui.case_reviews import rules_editor
from bscp_desktop.ui.case_reviews.rules_editor import TEXT_COLUMN, RulesEditor
from bscp_desktop.ui.common.dialog_fit import combo_room, screen_of, shortfalls

LONG_NAME = ("Royal Borough of Kensington and Chelsea Children's Services, Multi-Agency Safeguarding Hub "
             "and Early Help Partnership Board")


def _audit_case_dialog(qtbot, db) -> AuditCaseDialog:
    dialog = AuditCaseDialog(db, ca.list_audits(db)[0])
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    QApplication.processEvents()
    return dialog


def _beside_its_label(dialog: AuditCaseDialog) -> bool:
    label = dialog.form.labelForField(dialog.agencies)
    return label is None or dialog.agencies.y() <= label.y() + label.height() // 2


def test_the_new_audit_case_dialog_is_wide_enough_for_every_agency_name(qtbot, demo_db):
    dialog = _audit_case_dialog(qtbot, demo_db)
    agencies = dialog.agencies
    qtbot.waitUntil(lambda: not agencies.horizontalScrollBar().isVisible() and _beside_its_label(dialog))
    heights = {agencies.visualRect(agencies.model().index(r, 0)).height() for r in range(agencies.count())}
    assert len(heights) == 1  # every name on one line: the dialog grew to fit the longest
    assert dialog.width() > 498  # the width Qt gives the form on its own
    assert shortfalls(dialog) == []


def test_a_name_too_long_for_the_screen_wraps_and_shows_whole_on_hover(qtbot, demo_db):
    ms.create_organisation(demo_db, ms.OrganisationFields(LONG_NAME, "local_authority"))
    dialog = _audit_case_dialog(qtbot, demo_db)
    agencies = dialog.agencies
    qtbot.waitUntil(lambda: _beside_its_label(dialog) and agencies.width() > 300)
    screen = screen_of(dialog).availableGeometry()
    assert dialog.frameGeometry().width() <= screen.width()  # no wider than the screen
    assert not agencies.horizontalScrollBar().isVisible()  # nothing to scroll sideways to
    rows = {agencies.item(r).text(): r for r in range(agencies.count())}
    long_row, short_row = rows[LONG_NAME], rows["Brent Council"]
    long_rect = agencies.visualRect(agencies.model().index(long_row, 0))
    short_rect = agencies.visualRect(agencies.model().index(short_row, 0))
    assert long_rect.height() > short_rect.height()  # wrapped on to a second line, not cut off
    assert long_rect.right() <= agencies.viewport().width()
    assert agencies.item(long_row).toolTip() == LONG_NAME
    qtbot.waitUntil(lambda: shortfalls(dialog) == [], timeout=5000)  # once the dialog has settled on the screen


def _rules_editor(qtbot, width: int) -> RulesEditor:
    editor = RulesEditor(DEFAULT_RULES)
    qtbot.addWidget(editor)
    editor.resize(width, 420)
    editor.show()
    qtbot.waitExposed(editor)
    QApplication.processEvents()
    return editor


def _char(editor: RulesEditor) -> int:
    """The table's average character width: the rules' column widths are in characters."""
    return editor.table.fontMetrics().averageCharWidth()


def _columns(editor: RulesEditor) -> list[int]:
    return [editor.table.columnWidth(c) for c in range(editor.table.columnCount())]


def test_the_rules_table_shares_a_laptop_dialogs_width_among_its_columns(qtbot):
    editor = _rules_editor(qtbot, 1040)  # the settings dialog at 1366 x 768, 125%
    room = editor.table.viewport().width()
    assert sum(_columns(editor)) <= room  # every column in view, Applies to and the rule's text too
    assert not editor.table.horizontalScrollBar().isVisible()
    assert editor.table.columnWidth(TEXT_COLUMN) >= rules_editor.TEXT_WIDTH[0] * _char(editor)


def test_on_a_wide_screen_each_choice_is_whole_and_the_rule_text_takes_the_rest(qtbot):
    editor = _rules_editor(qtbot, 1900)
    room = editor.table.viewport().width()
    assert sum(_columns(editor)) == room  # the rule as it reads stretches to the table's edge
    cut = [(combo.accessibleName(), combo.currentText()) for combo in editor.findChildren(QComboBox)
           if combo_room(combo)[0] > combo_room(combo)[1] and len(combo.currentText()) <= 60]
    assert cut == []
    assert editor.table.columnWidth(TEXT_COLUMN) > rules_editor.TEXT_WIDTH[1] * _char(editor)


def _engagement_window(qtbot, db, width: int):
    from bscp_desktop.ui.yearly_report.engagement import EngagementWindow

    window = EngagementWindow(db)
    qtbot.addWidget(window)
    window.resize(width, 480)
    window.show()
    qtbot.waitUntil(lambda: window.model.rowCount() > 5 and not window.loading(), timeout=20000)
    QApplication.processEvents()
    return window


def _cut_by_the_edge(view) -> list[str]:
    """The columns the right edge of the table's view passes through, cutting their text."""
    room, start, cut = view.viewport().width(), 0, []
    for column in range(view.model().columnCount()):
        width = view.columnWidth(column)
        if start < room < start + width:
            cut.append(view.model().headerData(column, Qt.Orientation.Horizontal))
        start += width
    return cut


@pytest.mark.slow  # the figures worked out for three window widths
@pytest.mark.parametrize("width", [780, 700, 620])
def test_no_engagement_column_is_cut_off_by_the_windows_edge(qtbot, demo_db, width):
    window = _engagement_window(qtbot, demo_db, width)
    view = window.table
    assert view.horizontalScrollBar().maximum() > 0  # the other columns are reached by scrolling
    assert _cut_by_the_edge(view) == []


def test_a_long_list_of_groups_below_the_threshold_ends_with_an_ellipsis_and_shows_on_hover(qtbot, demo_db):
    from bscp_desktop.ui.yearly_report.engagement import COLUMNS

    window = _engagement_window(qtbot, demo_db, 780)
    view, model = window.table, window.model
    column = [c.header for c in COLUMNS].index("Below the threshold at")
    texts = [model.index(r, column).data() for r in range(model.rowCount())]
    longest = max(range(len(texts)), key=lambda r: view.fontMetrics().horizontalAdvance(texts[r]))
    assert "," in texts[longest]  # an organisation below the threshold at two groups
    assert view.textElideMode() == Qt.TextElideMode.ElideRight and not view.wordWrap()
    assert model.index(longest, column).data(Qt.ItemDataRole.ToolTipRole) == texts[longest]
    short = next(r for r, text in enumerate(texts) if text and len(text) < 40)
    assert model.index(short, column).data(Qt.ItemDataRole.ToolTipRole) == texts[short]  # however short, if elided


@pytest.mark.slow  # the main window
def test_the_checklist_of_a_new_database_leaves_most_of_a_small_window_to_the_tab(qtbot, tmp_path, empty_file):
    from bscp_desktop.app import make_application, open_database
    from tests.ui.helpers import start_window

    make_application()
    db = open_database(shutil.copyfile(empty_file, tmp_path / "new.sqlite3"))
    window = start_window(qtbot, db, size=(780, 477))  # a laptop at 150%: 853 x 480 points
    try:
        checklist = window.checklist
        qtbot.waitUntil(checklist.isVisible)
        # the checklist is built once the rest of the program is loaded; its height settles over
        # a few layout passes after that, so it is waited for rather than read after one
        qtbot.waitUntil(lambda: checklist.height() <= window.height() // 3 + 2, timeout=3000)
        assert window.height() <= 560
        assert window.tabs.height() >= window.height() // 2  # the list under it shows several rows
        area = checklist.steps_area
        assert area.verticalScrollBar().maximum() > 0  # the steps scroll inside the checklist
        last = checklist.buttons["meeting"]
        last.setFocus()  # Tab on to a step out of view brings it into view
        qtbot.waitUntil(lambda: area.viewport().rect().contains(last.mapTo(area.viewport(), last.rect().bottomRight())))
        window.resize(window.width(), 330)  # shorter still: the tab keeps two thirds
        qtbot.waitUntil(lambda: checklist.height() <= window.height() // 3 + 2)
    finally:
        window.close()
        db.close()
