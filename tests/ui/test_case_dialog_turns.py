"""The case review dialog opens with the case on screen and adds its lower sections on later
turns of the event loop (issue: fast at ten years of records, point 3), with every value, check
and save exactly as when it was built whole."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from PySide6.QtCore import QTimer

from bscp_desktop.db.database import Database, sqlite_url
from bscp_desktop.domain.case_reviews import Decision
from bscp_desktop.services import case_reviews as cr
from bscp_desktop.ui.case_reviews.tab import CaseReviewsTab
from bscp_desktop.ui.common.conflict import ConflictDialog
from tests.ui.helpers import click_button, when_modal

TODAY = date(2024, 6, 3)
LOWER = {  # fields of the sections built later, as saved
    "notification_sent": date(2024, 1, 5),
    "decision": Decision.LCSPR,
    "decision_date": date(2024, 2, 20),
    "reviewer": "An independent reviewer",
    "family_involvement": "The family took part",
    "tor_agreed": date(2024, 3, 1),
}


@pytest.fixture
def tab(qtbot, db):
    widget = CaseReviewsTab(db, None, today=TODAY)
    qtbot.addWidget(widget)
    widget.show()
    return widget


@pytest.fixture
def case(db):
    return cr.create_case_review(db, cr.CaseReviewFields("Child A", "serious_harm", date(2024, 1, 2), **LOWER))


def open_case(tab, qtbot, case):
    page = tab.tracker
    page.reload()
    page.table.selectRow(0)
    assert page.selected().id == case.id
    dialog = page.edit_dialog(page, page.selected())
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def saved(db, case):
    return next(c for c in cr.list_case_reviews(db) if c.id == case.id)


def test_the_case_is_shown_first_and_each_lower_part_on_a_turn_of_its_own(tab, qtbot, case):
    opened = []
    seen = []  # how many fields the dialog had each time the window's other timers had a turn
    beat = QTimer()  # as the window's own timers (a clock, an autosave), running before the click
    beat.setInterval(0)
    beat.timeout.connect(lambda: seen.append(len(opened[0].fields)) if opened else None)
    beat.start()
    qtbot.wait(5)
    dialog = open_case(tab, qtbot, case)
    opened.append(dialog)
    first = set(dialog.fields)
    assert {"alias", "became_aware", "themes", "agency_ids", "summary", "considered_on"} <= first
    assert not first & {"notification_sent", "decision", "reviewer", "closed"}  # not built yet
    assert not dialog.whole() and dialog.loading()
    assert not dialog.save_button.isEnabled()  # Save waits for the whole form
    qtbot.waitUntil(lambda: not dialog.loading())
    qtbot.wait(20)  # the window's timers see the whole form too
    beat.stop()
    # the case alone, then each lower part, each after the window's timers had a turn
    assert list(dict.fromkeys(seen)) == [len(first), 25, len(dialog.fields)], seen
    assert dialog.whole() and dialog.save_button.isEnabled()
    assert (dialog.notification_sent.value(), dialog.decision.currentData(), dialog.decision_date.value(),
            dialog.reviewer.text(), dialog.family_involvement.toPlainText(), dialog.tor_agreed.value()) == tuple(
        LOWER.values())
    assert dialog.due_labels["notification_sent"].text().startswith("Due ")
    assert dialog.error_labels["closed"].parentWidget().isVisible()


def test_opening_a_case_reads_the_case_review_settings_once(tab, qtbot, case, monkeypatch):
    """The deadline rules and the themes are one read, not one for each (the dialog opens on
    the window's thread; the list's reads are in a worker)."""
    import threading

    from bscp_desktop.services import case_review_settings

    reads = []
    original = case_review_settings.settings_in

    def counted(session):
        if threading.current_thread() is threading.main_thread():  # not the list's own read
            reads.append(1)
        return original(session)

    monkeypatch.setattr(case_review_settings, "settings_in", counted)
    monkeypatch.setattr(cr, "settings_in", counted)
    dialog = open_case(tab, qtbot, case)
    assert len(reads) == 1
    assert "Neglect" in [dialog.themes.item(i).text() for i in range(dialog.themes.count())]
    qtbot.waitUntil(lambda: not dialog.loading())
    assert len(reads) == 1


def test_ctrl_s_before_the_lower_parts_exist_saves_them_as_they_were(tab, qtbot, db, case):
    dialog = open_case(tab, qtbot, case)
    assert not dialog.whole()
    dialog._on_save()  # Ctrl+S at once, before any turn
    assert not dialog.isVisible() and dialog.result_value is not None, dialog.status.text()
    after = saved(db, case)
    assert {name: getattr(after, name) for name in LOWER} == LOWER
    assert after.alias == "Child A"


def test_typing_before_the_lower_parts_exist_builds_them_and_checks_the_whole_form(tab, qtbot, case):
    dialog = open_case(tab, qtbot, case)
    qtbot.keyClicks(dialog.became_aware.line, "x")  # "02/01/2024x": not a date
    assert dialog.whole()
    assert "is not a date" in dialog.error_labels["became_aware"].text()
    assert not dialog.save_button.isEnabled()
    dialog.became_aware.line.backspace()
    assert dialog.save_button.isEnabled()
    assert dialog.due_labels["notification_sent"].text().startswith("Due ")


def test_a_new_case_saved_at_once_is_refused_by_name_and_nothing_is_saved(tab, qtbot, db):
    dialog = tab.tracker.new_dialog(tab.tracker)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog._on_save()  # Ctrl+S before the lower parts' turn
    assert dialog.whole() and dialog.isVisible()
    assert dialog.error_labels["alias"].isVisible() and dialog.error_labels["alias"].text()
    assert cr.list_case_reviews(db) == []


@pytest.mark.slow
def test_a_real_name_in_a_lower_section_is_still_questioned_when_saved_at_once(tab, qtbot, db):
    case = cr.create_case_review(db, cr.CaseReviewFields(
        "Child B", "serious_harm", date(2024, 1, 2), family_involvement="Spoke with Jane Doe at home"))
    dialog = open_case(tab, qtbot, case)
    assert not dialog.whole()
    seen = []
    when_modal(click_button("Go back and change it", seen), "Is that")
    dialog._on_save()
    assert seen and "'Jane Doe'" in seen[0]
    assert dialog.isVisible() and saved(db, case).version == case.version


def test_reading_a_lower_field_builds_it_and_the_names_listed_are_what_it_adds(tab, qtbot, db, case):
    dialog = open_case(tab, qtbot, case)
    before = {k for k in vars(dialog) if not k.startswith("_")}
    assert dialog.reviewer.text() == "An independent reviewer"  # asked for before its turn
    assert dialog.whole()
    added = {k for k in vars(dialog) if not k.startswith("_")} - before
    assert added == type(dialog).later_names
    with pytest.raises(AttributeError):
        dialog.no_such_field  # noqa: B018 - any other name is still an error


@pytest.mark.slow
def test_reload_after_someone_else_saved_puts_back_the_lower_fields_too(tab, qtbot, db, case, monkeypatch):
    monkeypatch.setattr(ConflictDialog, "exec", lambda self: ConflictDialog.RELOAD)
    dialog = open_case(tab, qtbot, case)
    qtbot.waitUntil(lambda: not dialog.loading())
    theirs = Database(sqlite_url(db.path), db.path)
    try:
        theirs.user = "Jane Smith"
        fields = cr.CaseReviewFields("Child A", "serious_harm", date(2024, 1, 2), **LOWER)
        cr.update_case_review(theirs, case.id, replace(fields, summary="Seen by the panel"))
    finally:
        theirs.close()
    dialog.reviewer.setText("Someone else")
    dialog._on_save()
    assert dialog.isVisible() and "Reloaded" in dialog.status.text()
    assert dialog.reviewer.text() == "An independent reviewer"  # as opened, not as typed
    assert dialog.summary.toPlainText() == "Seen by the panel"


@pytest.mark.slow
def test_ctrl_s_before_the_lower_sections_are_built_scrolls_to_the_field_in_the_way(tab, qtbot, db, case):
    """Saving builds the sections still to come; the field in the way is among them, placed only
    once their layout runs: it is scrolled into view then, not where it stood before."""
    from PySide6.QtCore import QPoint
    from sqlalchemy import text

    with db.engine.begin() as conn:  # an LCSPR with its decision date gone, as an older file may hold it
        conn.execute(text("UPDATE case_review SET decision_date = NULL WHERE id = :i"), {"i": case.id})
    dialog = open_case(tab, qtbot, case)
    dialog.resize(700, 400)
    dialog.activateWindow()
    assert not dialog.whole()
    dialog._on_save()  # Ctrl+S
    assert dialog.status.text().startswith("Not saved. ")
    box = dialog.error_labels["decision_date"].parentWidget()
    viewport = dialog.fields_area.viewport()
    qtbot.wait(200)  # the layout has run
    assert 0 <= box.mapTo(viewport, QPoint(0, 0)).y() < viewport.height()
