"""A read that fails in the background (the change log, the meetings a case links, the training
figures) is said in the program's words beside what could not be shown, never as the database's
SQL."""

from __future__ import annotations

import sqlite3

from sqlalchemy.exc import OperationalError

from bscp_desktop.services import case_reviews as cr
from bscp_desktop.services import history as hs
from bscp_desktop.services.training import figures as fg
from bscp_desktop.ui.case_reviews.dialogs import CaseReviewDialog
from bscp_desktop.ui.common.history import ChangeLogView
from bscp_desktop.ui.training.figures import FiguresPage

STATEMENT = "SELECT change_log.summary FROM change_log WHERE change_log.record_id = ?"


def broken(*_args, **_kwargs):
    raise OperationalError(STATEMENT, (7,), sqlite3.OperationalError("database disk image is malformed"))


def said_in_words(text: str) -> None:
    assert "The database could not be read or changed (database disk image is malformed)" in text, text
    assert "SELECT" not in text and "[SQL" not in text and "change_log" not in text


def test_a_change_log_that_cannot_be_read_says_so_without_sql(qtbot, db, monkeypatch):
    monkeypatch.setattr(hs, "change_page", broken)
    monkeypatch.setattr(hs, "count_changes", broken)
    view = ChangeLogView(db)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitUntil(lambda: view.status.text().startswith("The change log could not be read"), timeout=10000)
    said_in_words(view.status.text())


def test_meetings_a_case_links_that_cannot_be_read_are_said_without_sql(qtbot, db, monkeypatch):
    monkeypatch.setattr(cr, "meeting_choices", broken)
    dialog = CaseReviewDialog(db, None, None)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.complete()
    qtbot.waitUntil(lambda: dialog.standing_note.startswith("The list of meetings could not be read"), timeout=10000)
    said_in_words(dialog.standing_note)


def test_training_figures_that_cannot_be_worked_out_are_said_without_sql(qtbot, db, monkeypatch):
    monkeypatch.setattr(fg, "figures_report", broken)
    page = FiguresPage(db)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.status.text().startswith("The figures could not be worked out"), timeout=10000)
    said_in_words(page.status.text())
