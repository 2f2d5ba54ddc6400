"""More places that show words users typed, or a file's path, as typed (see
test_labels_plain_text.py): the Finance pages naming an organisation "<b>Org</b><br/>Y&amp;",
a tab closed or still opening, the questions about a file that will not open or its backups
(a path may hold "<", ">" and "&"), the start's own messages, the search's status line, and the
hover text naming a deadline typed, a facilitator or the database's path."""

from __future__ import annotations

import sys
from datetime import date, datetime
from types import SimpleNamespace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtWidgets import QApplication, QInputDialog, QLabel, QMessageBox, QTableView

from bscp_desktop.domain.finance import ContributionKind
from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.services import finance as fin
from bscp_desktop.services import memberships as ms
from tests.ui.test_labels_plain_text import TAIL, as_shown, hostile, shown_as_markup

TODAY = date(2024, 9, 2)
#: a folder name a path may hold on Linux: it looks like markup, and read as markup loses "<b>" and shows "&" for "&amp;"
FOLDER = "<b>Team</b> R&amp;D"


def said_as(text: str, text_format: Qt.TextFormat = Qt.TextFormat.AutoText) -> str:
    """What a message box or a hover text shows of `text` given in `text_format`."""
    return text if text_format == Qt.TextFormat.PlainText else as_shown(text)


def settle(page=None) -> None:
    for _ in range(5):
        QApplication.processEvents()
    if page is not None and hasattr(page, "loading"):
        from tests.ui.test_finance_tab import settle as finance_settle

        finance_settle(page)


def choose_rows_naming_them(widget) -> None:
    for view in widget.findChildren(QTableView):
        model = view.model()
        if view.isVisible() and model is not None:
            row = next((r for r in range(model.rowCount()) for c in range(model.columnCount())
                        if TAIL in str(model.index(r, c).data() or "")), None)
            if row is not None:
                view.selectRow(row)
    settle()


@pytest.fixture
def hostile_org_db(db):
    org = ms.create_organisation(db, ms.OrganisationFields(hostile("Org"), OrganisationKind.LOCAL_AUTHORITY))
    fin.create_contribution(db, fin.ContributionFields("2024/25", org.id, ContributionKind.CASH, "1000",
                                                       invoiced_on=date(2024, 4, 2)), today=TODAY)
    partner = ms.create_organisation(db, ms.OrganisationFields(hostile("Partner"), OrganisationKind.ICB))
    fin.create_contribution(db, fin.ContributionFields("2024/25", partner.id, ContributionKind.IN_KIND,
                                                       in_kind_description=hostile("Rooms")), today=TODAY)
    return db


@pytest.mark.slow  # every page of the Finance tab shown in turn
def test_every_finance_page_says_an_organisation_named_like_markup_as_typed(qtbot, hostile_org_db):
    from bscp_desktop.ui.finance.tab import FinanceTab

    tab = FinanceTab(hostile_org_db, None, today=TODAY)
    qtbot.addWidget(tab)
    tab.resize(1300, 850)
    tab.show()
    found: list[str] = []
    for index in range(tab.sections.count()):
        tab.sections.setCurrentIndex(index)
        page = tab.sections.currentWidget()
        settle(page)
        choose_rows_naming_them(tab)
        found += shown_as_markup()
    # the pages did name them: the payments' heading, and the summary's note on what is given in kind
    assert TAIL in tab.contributions.payments.heading.text()
    assert any(TAIL in label.text() for label in tab.summary.content.findChildren(QLabel))
    tab.summary._fail(ValueError(f"The category '{hostile('Rent')}' was archived in another window."))
    found += shown_as_markup()
    assert found == []


def test_a_tab_not_built_or_refused_says_its_sentence_as_typed(qtbot):
    from bscp_desktop.ui.tabs import NotBuiltTab, RefusedTab

    opening = NotBuiltTab(f"Opening {FOLDER}{TAIL}.sqlite3…")
    refused = RefusedTab(f"The login {hostile('officer')} may not see the Finance records.")
    for tab in (opening, refused):
        qtbot.addWidget(tab)
        tab.show()
    settle()
    assert shown_as_markup() == []
    assert opening.sentence.text() == f"Opening {FOLDER}{TAIL}.sqlite3…"


def test_a_file_that_will_not_open_is_said_naming_its_path_as_typed(qtbot, monkeypatch, tmp_path):
    from bscp_desktop.ui import database_choice

    last = tmp_path / FOLDER / "team.sqlite3"
    shown: list[str] = []

    def exec_(box):
        shown.append(said_as(box.text(), box.textFormat()))
        next(b for b in box.buttons() if b.text() == database_choice.QUIT).click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    assert database_choice.when_last_is_missing(last) == (None, False)
    assert shown == [database_choice.missing_text(last)]


def test_the_backups_of_a_file_are_offered_naming_its_path_as_typed(qtbot, monkeypatch, tmp_path):
    from bscp_desktop import paths
    from bscp_desktop.services import backups
    from bscp_desktop.ui import backups_menu, database_choice

    path = tmp_path / FOLDER / "team.sqlite3"
    asked: list[str] = []
    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(
        lambda parent, title, label, items, *a, **k: (asked.append(said_as(label)) or "", False)))
    monkeypatch.setattr(backups, "list_backups", lambda _path: [])
    database_choice._restore(path, [], None)  # at start, the file damaged
    backups_menu.restore_backup(SimpleNamespace(db=SimpleNamespace(path=path)))  # File > Restore from a backup
    assert asked == [f"Backups of {path}, newest first. The file there now is kept in the backup folder.",
                     f"There are no backups of team.sqlite3 in the backup folder\n{paths.backup_dir()}\n"
                     "Choose a backup file kept elsewhere. The current file is backed up first."]


@pytest.fixture
def messages_said(monkeypatch):
    said: list[str] = []
    for name in ("warning", "critical"):
        monkeypatch.setattr(QMessageBox, name, staticmethod(lambda _parent, _title, text, *a: said.append(said_as(text))))
    return said


def test_the_starts_own_messages_say_what_was_typed_and_paths_as_typed(qtbot, monkeypatch, messages_said):
    from bscp_desktop import app

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # put back after the test
    app.install_error_dialog()
    refusal = f"The login {hostile('officer')} may not change the Finance records."
    sys.excepthook(PermissionError, PermissionError(refusal), None)
    sys.excepthook(RuntimeError, RuntimeError(f"No folder {FOLDER}"), None)

    window = SimpleNamespace(isVisible=lambda: True, db_label=SimpleNamespace(setText=lambda _t: None),
                             statusBar=lambda: SimpleNamespace(showMessage=lambda _t: None))
    window.db = SimpleNamespace(label="team.sqlite3", later=SimpleNamespace(
        backup_problem=f"The start-up backup could not be written to {FOLDER}."))
    app.report_damage(window, window.db, f"The file {FOLDER}/team.sqlite3 is damaged.")
    app.report_backup_not_written(window, window.db)
    assert messages_said[0] == f"{refusal} Nothing was changed."
    assert messages_said[1].startswith(f"Something went wrong: No folder {FOLDER}\n\nYour saved work is safe.")
    assert messages_said[2:] == [f"The file {FOLDER}/team.sqlite3 is damaged. Until then nothing can be saved to it.",
                                 f"The start-up backup could not be written to {FOLDER}."]


def test_the_search_says_a_failure_quoting_the_words_as_typed(qtbot, db):
    from bscp_desktop.ui.search import SearchDialog

    dialog = SearchDialog(db, {})
    qtbot.addWidget(dialog)
    dialog.show()
    dialog._search_failed(ValueError(f"Could not read the words {hostile('typed')}"))
    settle()
    assert shown_as_markup() == []


def test_hover_text_naming_a_deadline_typed_shows_it_as_typed(qtbot):
    from bscp_desktop.domain.deadlines import DeadlineRule
    from bscp_desktop.ui.case_reviews.rules_editor import ANCHOR_CHOICES, TEXT_COLUMN, RulesEditor

    start = next(iter(ANCHOR_CHOICES))
    editor = RulesEditor([DeadlineRule("first", hostile("First"), start, 5, "working_days", 1),
                          DeadlineRule("second", "Second", "due:first", 3, "months", 1)])
    qtbot.addWidget(editor)
    tips = [editor.table.item(0, 0).toolTip(), editor.table.item(1, TEXT_COLUMN).toolTip(),
            editor.table.cellWidget(1, 4).toolTip()]
    assert all(TAIL in said_as(tip) for tip in tips), tips


def test_hover_text_naming_a_facilitator_or_the_databases_path_shows_it_as_typed(qtbot, db, tmp_path):
    from bscp_desktop.app import open_database
    from bscp_desktop.services.training import courses
    from bscp_desktop.ui.finance.dialogs import SessionCostsDialog
    from bscp_desktop.ui.main_window import MainWindow

    course = courses.create_course(db, courses.CourseFields("Working with fathers"))
    courses.create_session(db, courses.SessionFields(course.id, datetime(2024, 5, 14, 9, 30), 20, cost="450",
                                                     facilitator=hostile("Trainer")))
    dialog = SessionCostsDialog(db)
    qtbot.addWidget(dialog)
    assert said_as(dialog.sessions.item(0).toolTip()) == f"Facilitator: {hostile('Trainer')}"

    window = MainWindow(None, open_database, opening="team.sqlite3")
    qtbot.addWidget(window)
    path = tmp_path / FOLDER / "team.sqlite3"
    window.db = SimpleNamespace(path=path, label=str(path), access=None)
    window._show_database_name()
    assert said_as(window.db_label.toolTip()) == str(path)
    assert GuiQt.mightBeRichText(str(path))  # the path alone would be read as markup


def test_a_table_cell_tooltip_shows_typed_text_as_typed(qtbot):
    """A column's tooltip (a year's adjustment reason) and a long cell's full text are typed text:
    given to Qt as they are, a tag in them would be read as markup."""
    from PySide6.QtGui import QTextDocument

    from bscp_desktop.ui.common.table_model import Column, RecordTableModel

    typed = "<b>Reason</b><br/>Y&amp; " + "x" * 40
    model = RecordTableModel([Column("Reason", lambda r: r, tooltip=lambda r: r), Column("Long", lambda r: r)])
    model.set_rows([typed])
    for column in (0, 1):
        shown = QTextDocument()
        shown.setHtml(model.data(model.index(0, column), Qt.ItemDataRole.ToolTipRole))
        assert shown.toPlainText() == typed
