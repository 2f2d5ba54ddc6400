"""With the Windows "make text bigger" setting (the program's text at 12 or 14 points instead of
9), boxes given a height show as many lines as they do at the usual size: a box of a few lines
of free text (`editors.text_box`), a progress update's earlier updates and a case audit's
meetings. And a record's history keeps its New value column as wide as Old value when the
larger text leaves no room over for it to stretch into, its heading and values not cut to
Qt's first 100 pixels."""

from __future__ import annotations

from datetime import date
from math import floor

import pytest
from PySide6.QtWidgets import QListWidget, QPlainTextEdit, QTableView

from bscp_desktop.ui.common.column_widths import heading_widths
from bscp_desktop.ui.common.editors import text_box

USUAL = 9


def whole_lines(edit: QPlainTextEdit) -> int:
    """How many lines of its text the box shows whole, without scrolling."""
    room = edit.height() - 2 * edit.frameWidth() - 2 * edit.document().documentMargin()
    return floor(room / edit.fontMetrics().lineSpacing())


def whole_rows(view: QListWidget | QTableView, row_height: int, header: int = 0) -> int:
    return floor((view.height() - 2 * view.frameWidth() - header) / row_height)


@pytest.mark.parametrize("points", [12, 14])
@pytest.mark.parametrize("height", [50, 60, 70, 80, 110])
def test_a_text_box_shows_as_many_lines_at_a_large_text_size(qtbot, text_size, points, height):
    text_size(USUAL)
    usual = text_box("", height)
    qtbot.addWidget(usual)
    text_size(points)
    large = text_box("", height)
    qtbot.addWidget(large)
    assert whole_lines(usual) >= 2  # what the form was laid out for
    assert whole_lines(large) >= whole_lines(usual)
    assert large.height() > usual.height()


def test_a_progress_update_shows_its_earlier_updates_and_a_few_lines_at_14_points(qtbot, db, world, text_size):
    from bscp_desktop.services import actions as al
    from bscp_desktop.ui.actions.dialogs import ProgressUpdateDialog

    action = al.create_action(db, al.ActionFields("Plan a Forum session on domestic abuse", due_date=date(2030, 6, 1),
                                                  owner_organisation_id=world.council.id))
    for n in range(4):
        al.add_progress_update(db, action.id, date.today(), f"Spoke to the Forum's chair ({n + 1}).")

    def shown(points: float) -> tuple[int, int]:
        text_size(points)
        dialog = ProgressUpdateDialog(db, action)
        qtbot.addWidget(dialog)
        (earlier,) = [w for w in dialog.findChildren(QListWidget) if w.accessibleName() == "Earlier updates"]
        rows = whole_rows(earlier, earlier.sizeHintForRow(0))
        return rows, whole_lines(dialog.note)

    usual_rows, usual_lines = shown(USUAL)
    large_rows, large_lines = shown(14)
    assert usual_rows >= 3
    assert large_rows >= usual_rows and large_lines >= usual_lines


def test_a_case_audit_shows_as_many_of_its_meetings_at_14_points(qtbot, db, text_size):
    from bscp_desktop.ui.audits.audit_dialogs import MeetingLinks

    def shown(points: float) -> int:
        text_size(points)
        links = MeetingLinks(db)
        qtbot.addWidget(links)
        table = links.table
        return whole_rows(table, table.verticalHeader().defaultSectionSize(), table.horizontalHeader().sizeHint().height())

    usual = shown(USUAL)
    assert usual >= 2
    assert shown(14) >= usual


def test_a_record_s_history_keeps_new_value_as_wide_as_old_value_at_14_points(qtbot, db, world, text_size):
    from bscp_desktop.ui.common.history import HEADERS, HistoryDialog

    text_size(14)
    dialog = HistoryDialog(db, "organisation", world.police.id, world.police.name)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    table = next(t for t in dialog.findChildren(QTableView) if t.accessibleName() == "Changes, newest first")
    shown = [c for c in range(len(HEADERS)) if not table.isColumnHidden(c)]
    assert sum(table.columnWidth(c) for c in shown) > table.viewport().width()  # no room over: it scrolls sideways
    new, old = len(HEADERS) - 1, HEADERS.index("Old value")
    assert table.columnWidth(new) >= table.columnWidth(old)
    (heading,) = heading_widths(table.horizontalHeader(), [HEADERS[new]], False)
    assert table.columnWidth(new) >= heading
