"""Every action in the demo shows where it came from in the action log's From column: a
meeting and its item, a case review or audit recommendation, a Section 11 standard."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QTabWidget

from bscp_desktop.domain.kinds import RecordKind
from bscp_desktop.services import actions as al
from bscp_desktop.ui.actions.log import ActionLogPage
from tests.ui.helpers import table_texts


def _shown_log(qtbot, db) -> tuple[QTabWidget, ActionLogPage]:
    """The action log on a tab, shown as in the window (the tabs kept by the test, which owns them)."""
    tabs = QTabWidget()
    qtbot.addWidget(tabs)
    log = ActionLogPage(db, tabs)
    tabs.addTab(log, "Action log")
    tabs.resize(1400, 800)
    tabs.show()
    return tabs, log


def test_every_demo_action_shows_its_source_in_the_from_column(qtbot, demo_db):
    _tabs, log = _shown_log(qtbot, demo_db)
    log.status_filter.setCurrentIndex(log.status_filter.findData(None))  # all statuses
    log.show_archived.setChecked(True)
    expected = al.list_action_log(demo_db, include_archived=True)
    qtbot.waitUntil(lambda: log.proxy.rowCount() == len(expected))
    headers = [c.header for c in log.model.columns]
    shown = list(zip(table_texts(log, headers.index("Action")), table_texts(log, headers.index("From")), strict=True))
    assert len(shown) == len(expected) > 10
    assert [action for action, source in shown if not source or source == al.ADDED_IN_LOG.label] == []
    kinds = {a.origin.kind for a in expected}
    assert {RecordKind.MEETINGS, RecordKind.CASE_REVIEWS, RecordKind.AUDITS} <= kinds
    assert any(source.startswith("Case review ") for source in (source for _action, source in shown))
    assert any(source.startswith("Case audit ") for source in (source for _action, source in shown))
    assert any(source.startswith("Section 11 ") for source in (source for _action, source in shown))


def test_an_action_archived_since_a_search_found_it_is_shown_with_the_archived_ones(qtbot, demo_db, monkeypatch):
    _tabs, log = _shown_log(qtbot, demo_db)
    opened: list[int] = []
    monkeypatch.setattr(log, "on_edit", lambda: opened.append(log.selected().id))
    live, gone = al.list_action_log(demo_db)[:2]
    al.archive_action(demo_db, gone.id)  # by a colleague, after the search listed it
    log.show_action(gone.id)
    qtbot.waitUntil(lambda: log.selected() is not None and log.selected().id == gone.id)
    assert log.show_archived.isChecked() and opened == []  # shown, not opened to edit
    log.show_action(live.id)
    qtbot.waitUntil(lambda: opened == [live.id])


@pytest.mark.slow  # the demo and a window
def test_sorted_by_from_a_groups_meetings_are_in_date_order(qtbot, demo_db):
    """Not by the day of the month their label starts with (14/03/2024 before 14/12/2023)."""
    from datetime import date, datetime
    from itertools import combinations

    from PySide6.QtCore import Qt

    from bscp_desktop.services import meetings as mt

    meetings = sorted((m for m in mt.list_meetings(demo_db) if mt.list_agenda(demo_db, m.id)), key=lambda m: m.date)
    earlier, later = next((a, b) for a, b in combinations(meetings, 2) if a.group_id == b.group_id
                          and a.date < b.date and f"{b.date:%d/%m/%Y}" < f"{a.date:%d/%m/%Y}")
    for m in (earlier, later):
        mt.add_item_action(demo_db, mt.list_agenda(demo_db, m.id)[0].id, al.ActionFields(
            f"Sort check {m.date:%d/%m/%Y}", owner_organisation_id=1, due_date=date(2030, 1, 1)), reason="Minuted late")
    _tabs, log = _shown_log(qtbot, demo_db)
    log.status_filter.setCurrentIndex(log.status_filter.findData(None))  # all statuses
    expected = al.list_action_log(demo_db)
    qtbot.waitUntil(lambda: log.proxy.rowCount() == len(expected))
    headers = [c.header for c in log.model.columns]
    log.table.sortByColumn(headers.index("From"), Qt.SortOrder.AscendingOrder)
    shown = table_texts(log, headers.index("Action"))
    assert shown.index(f"Sort check {earlier.date:%d/%m/%Y}") < shown.index(f"Sort check {later.date:%d/%m/%Y}")
    days = {}
    for source in table_texts(log, headers.index("From")):  # "Safeguarding Children Forum, 14/03/2024: item 3. ..."
        group, _, rest = source.partition(", ")
        if rest[:10].count("/") == 2:
            days.setdefault(group, []).append(datetime.strptime(rest[:10], "%d/%m/%Y"))
    assert all(d == sorted(d) for d in days.values()), days


def test_a_list_that_cannot_be_read_says_so_instead_of_none_yet(qtbot, db, monkeypatch):
    """A value the program cannot read in one action (a status another tool wrote) fails the
    read: the page says the actions could not be read, never "No actions yet"."""
    from PySide6.QtWidgets import QMessageBox

    from bscp_desktop.domain.actions import ActionStatus

    said = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda parent, title, text: said.append(title)))

    def unreadable(*_args, **_kwargs):
        return ActionStatus("cancelled")  # as `_dto` meets the stored text

    monkeypatch.setattr(al, "list_action_log", unreadable)
    _tabs, log = _shown_log(qtbot, db)
    qtbot.waitUntil(lambda: said == ["Could not load records"])
    qtbot.waitUntil(lambda: log.stack.currentWidget() is log.empty)
    assert log.empty.text().startswith("The actions could not be read, so none are shown (nothing was changed): ")
    assert "'cancelled' is not a valid ActionStatus" in log.empty.text()
    assert "No actions yet" not in log.empty.text()
