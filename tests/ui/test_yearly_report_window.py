"""The yearly report window, driven through its widgets: reachable from Reports > Yearly
report…, a new report through its dialog, text typed and saved as typed with bold and bullets,
a built section refreshed, the checklist, marking final."""

from __future__ import annotations

import shutil
from datetime import date

import pytest
from PySide6.QtCore import Qt

from bscp_desktop.app import make_application, open_database
from bscp_desktop.domain.yearly_report import CheckState, parse_text, plain_text
from bscp_desktop.services import yearly_report as yr
from bscp_desktop.ui.yearly_report.report_dialog import ReportDialog
from tests.services.test_yearly_report import write_every_section
from tests.ui.helpers import start_window, type_text, when_modal


@pytest.fixture
def window(qtbot, tmp_path, empty_file):
    make_application()
    path = tmp_path / "yearly.sqlite3"
    shutil.copyfile(empty_file, path)  # a new database, made once for the run
    db = open_database(path)
    win = start_window(qtbot, db)
    yield win
    win.db.close()


@pytest.fixture
def demo_window(qtbot, demo_file, tmp_path):
    """The main window on a copy of the demo database."""
    make_application()
    copy = tmp_path / "demo.sqlite3"
    shutil.copyfile(demo_file, copy)
    db = open_database(copy)
    win = start_window(qtbot, db)
    yield win
    win.close()
    db.close()


def choose(report_window, key: str) -> None:
    keys = [report_window.sections.item(r).data(Qt.ItemDataRole.UserRole) for r in range(report_window.sections.count())]
    report_window.sections.setCurrentRow(keys.index(key))


@pytest.mark.slow
def test_from_the_menu_a_new_report_its_text_saved_as_typed_and_the_checklist(window, qtbot, monkeypatch):
    assert window.yearly_action.shortcut().toString() == "Ctrl+Shift+Y"
    window.yearly_action.trigger()
    w = window.yearly_window
    assert w.isVisible() and w.empty.isVisible() and "New report" in w.empty.text()

    def fill(dialog):
        assert isinstance(dialog, ReportDialog)
        assert not dialog.save_button.isEnabled()
        dialog.start.set_value(date(2023, 4, 1))
        dialog.end.set_value(date(2022, 3, 31))
        dialog.touched.update(dialog.fields)
        assert not dialog.revalidate() and "before its start" in dialog.error_labels["period_end"].text()
        dialog.end.set_value(date(2024, 3, 31))
        type_text(dialog.title_edit, "Yearly report 2023/24")
        dialog._on_save()

    when_modal(fill)
    w.new_report()
    (report,) = yr.list_reports(window.db)
    assert report.title == "Yearly report 2023/24" and w.splitter.isVisible()
    assert w.sections.count() == 16 and w.heading.text() == "01 Foreword"

    # the checklist flags what is empty, the training section among them
    qtbot.waitUntil(lambda: w.checklist.count() == 11 and "Checking" not in w.checklist.item(0).text(), timeout=10000)
    texts = [w.checklist.item(r).text() for r in range(w.checklist.count())]
    assert any(t.startswith("○ The impact of training on practice") for t in texts)
    training_line = next(w.checklist.item(r) for r in range(w.checklist.count())
                         if "training" in w.checklist.item(r).text())
    w.checklist.itemActivated.emit(training_line)  # a double-click or Enter: to the section
    assert w.heading.text() == "12 Learning and development"
    choose(w, "foreword")

    # type the foreword, with a bold word and a bullet list: saved without pressing anything
    editor = w.editor
    type_text(editor.text, "The Forum met ")
    editor.toggle_bold()
    type_text(editor.text, "often")
    editor.toggle_bold()
    type_text(editor.text, ".")
    qtbot.waitUntil(lambda: "often" in yr.get_report(window.db, report.id).section("foreword").text, timeout=3000)
    assert "saved" in editor.state.text()
    editor.text.textCursor().insertBlock()
    editor.toggle_bullets()
    type_text(editor.text, "Żółć 王芳")
    w.flush()  # what moving away or closing does
    saved = yr.get_report(window.db, report.id).section("foreword").text
    blocks = parse_text(saved)
    assert any(r.bold and r.text == "often" for r in blocks[0].runs)
    assert plain_text(saved).splitlines() == ["The Forum met often.", "Żółć 王芳"]
    assert type(blocks[1]).__name__ == "TextBullets"

    # another section, then back: the text is there
    choose(w, "impact")
    type_text(editor.text, "Children were safer.")
    choose(w, "foreword")
    assert yr.get_report(window.db, report.id).section("impact").text.strip() == "Children were safer."
    assert "often" in editor.text.toPlainText()

    # a built section, refreshed from the records
    choose(w, "training")
    assert w.refresh_button.isVisible() and "Not built yet" in w.built_state.text()
    w.refresh_section()  # away from the window's thread: the section is its own again once built
    qtbot.waitUntil(lambda: not w.refreshing, timeout=10000)
    assert "No multi-agency training ran" in w.preview.toPlainText()
    assert yr.get_report(window.db, report.id).section("training").built_at is not None

    # not final while a section is not written yet: the window says which
    asked = []
    monkeypatch.setattr("bscp_desktop.ui.yearly_report.window.confirm", lambda *a: asked.append(a[1]) or True)
    said = []
    monkeypatch.setattr("bscp_desktop.ui.common.messages.show_error", lambda _parent, title, exc: said.append((title, str(exc))))
    monkeypatch.setattr("bscp_desktop.ui.yearly_report.window.show_error", lambda _parent, title, exc: said.append((title, str(exc))))
    w.toggle_final()
    assert not asked  # told why first, never asked "Mark this report final?" to be refused after a yes
    assert said and said[0][0] == "Mark final" and "Write 'Introduction', 'Partnership arrangements'" in said[0][1]
    assert "'Foreword'" not in said[0][1] and "not been written yet" in said[0][1]
    assert not yr.get_report(window.db, report.id).final and w.final_button.text() != "Reopen as draft"

    # final: nothing can be typed
    write_every_section(window.db, report.id)
    w.toggle_final()
    assert yr.get_report(window.db, report.id).final and w.final_button.text() == "Reopen as draft"
    choose(w, "foreword")
    assert editor.text.isReadOnly()

    # archived, then restored
    w.archive()
    assert yr.list_reports(window.db) == [] and w.empty.isVisible()
    monkeypatch.setattr("PySide6.QtWidgets.QInputDialog.getItem", lambda *a, **k: (a[3][0], True))
    w.restore()
    assert [r.id for r in yr.list_reports(window.db)] == [report.id] and w.choice.currentData() == report.id


@pytest.mark.slow
def test_the_demo_report_opens_with_its_sections_ticked(qtbot, demo_window, tmp_path, monkeypatch):
    win = demo_window
    w = win.open_yearly_report()
    assert "October 2022 to March 2024" in w.choice.currentText()
    qtbot.waitUntil(lambda: w.states != {}, timeout=15000)
    assert all(state is CheckState.DONE for state in w.states.values())
    choose(w, "activity")
    assert "7 November 2022" in w.preview.toPlainText() and "21 March 2024" in w.preview.toPlainText()
    choose(w, "training")
    from bscp_desktop.ui.common.chart_view import ChartView

    assert len(w.charts.findChildren(ChartView)) == 2

    # Save as Word…: written by a child process, as every output is
    out = tmp_path / "Yearly report.docx"
    monkeypatch.setattr("bscp_desktop.ui.common.outputs.choose_save_path", lambda *a: out)
    (button,) = [b for b in w.output_buttons if "Word" in b.text()]
    assert button.isEnabled() and button.text() == "Save as Word…"
    button.click()
    from bscp_desktop.ui.common.outputs import OutputProcess

    # saved and said: the file is in place a moment before the window reads the child's last word
    qtbot.waitUntil(lambda: out.exists() and not OutputProcess._running, timeout=60000)
    import docx

    assert "7 November 2022" in "\n".join(c.text for t in docx.Document(out).tables for r in t.rows for c in r.cells)


def test_a_meetings_key_areas_of_focus_are_typed_in_its_dialog(qtbot, db, world):
    from datetime import datetime

    from bscp_desktop.domain.meetings import MeetingStatus
    from bscp_desktop.services import meetings as mt
    from bscp_desktop.ui.meetings.dialogs import MeetingDialog
    from tests.meetings_world import meeting

    m = meeting(db, world.forum, datetime(2023, 6, 8, 10), status=MeetingStatus.HELD)
    dialog = MeetingDialog(db, mt.get_meeting(db, m.id))
    qtbot.addWidget(dialog)
    dialog.show()
    type_text(dialog.key_focus, "Working Together 2023")
    dialog._on_save()
    assert mt.get_meeting(db, m.id).key_focus == "Working Together 2023"
    (row,) = mt.key_areas_of_focus(db, date(2023, 6, 1), date(2023, 6, 30))
    assert row[1] == ["Working Together 2023"]


def test_restoring_a_report_whose_title_is_taken_says_so_in_one_sentence(qtbot, db, monkeypatch):
    from datetime import date

    from bscp_desktop.ui.yearly_report import window as module

    old = yr.create_report(db, yr.ReportFields("Yearly report 2023/24", date(2023, 4, 1), date(2024, 3, 31)))
    yr.archive_report(db, old.id)
    yr.create_report(db, yr.ReportFields("Yearly report 2023/24", date(2023, 4, 1), date(2024, 3, 31)))
    w = module.YearlyReportWindow(db, None)
    qtbot.addWidget(w)
    said = []
    monkeypatch.setattr("bscp_desktop.ui.common.messages.show_error", lambda _parent, title, exc: said.append((title, str(exc))))
    monkeypatch.setattr("PySide6.QtWidgets.QInputDialog.getItem", lambda *a, **k: (a[3][0], True))
    w.restore()
    assert said and said[0][0] == "Restore" and "Yearly report 2023/24" in said[0][1]
    assert yr.get_report(db, old.id).archived


@pytest.mark.slow
def test_marking_final_a_report_built_for_another_period_says_what_to_refresh(qtbot, db, monkeypatch):
    from bscp_desktop.ui.yearly_report import window as module

    r = yr.create_report(db, yr.ReportFields("2022/23 report", date(2022, 4, 1), date(2023, 3, 31)))
    yr.refresh_section(db, r.id, "activity")
    yr.update_report(db, r.id, yr.ReportFields("2023/24 report", date(2023, 4, 1), date(2024, 3, 31)))
    write_every_section(db, r.id)
    w = module.YearlyReportWindow(db, None)
    qtbot.addWidget(w)
    said, asked = [], []
    monkeypatch.setattr(module, "confirm", lambda *a: asked.append(a[1]) or True)
    monkeypatch.setattr("bscp_desktop.ui.common.messages.show_error", lambda _parent, title, exc: said.append((title, str(exc))))
    monkeypatch.setattr(module, "show_error", lambda _parent, title, exc: said.append((title, str(exc))))
    w.toggle_final()  # before the checklist is worked out: asked, then refused by the service
    assert asked and said and "Refresh 'Partnership activity' from the records first" in said[0][1]
    said.clear(), asked.clear()
    qtbot.waitUntil(lambda: bool(w.states), timeout=10000)
    w.toggle_final()  # once the window knows a section is out of date, it says so before asking
    assert not asked
    assert said and said[0][0] == "Mark final" and "Refresh 'Partnership activity' from the records first" in said[0][1]
    assert not yr.get_report(db, r.id).final and w.final_button.text() != "Reopen as draft"


@pytest.mark.slow
def test_words_of_a_section_not_saved_are_never_dropped_without_asking(qtbot, db, monkeypatch):
    """A section's words that could not be saved (too long here) were dropped when another
    section was chosen or the window closed."""
    from bscp_desktop.domain.yearly_report import MAX_TEXT_CHARS
    from bscp_desktop.ui.yearly_report import window as module

    r = yr.create_report(db, yr.ReportFields("Yearly report 2023/24", date(2023, 4, 1), date(2024, 3, 31)))
    w = module.YearlyReportWindow(db, None)
    qtbot.addWidget(w)
    w.show()
    choose(w, "foreword")
    answers, asked = [True, True, False], []  # stay, stay, then discard
    monkeypatch.setattr("bscp_desktop.ui.common.autosave.keep_unsaved",
                        lambda parent, what, failure: asked.append(failure) or answers.pop(0))
    too_long = "x" * (MAX_TEXT_CHARS + 1)
    w.editor.text.setPlainText(too_long)
    assert not w.flush() and w.editor.state.text().startswith("Not saved:")
    choose(w, "impact")  # asked: stays on the foreword with the words
    assert w.key == "foreword" and w.editor.text.toPlainText() == too_long
    w.close()  # asked again: the window stays open
    assert w.isVisible() and w.editor.text.toPlainText() == too_long
    choose(w, "impact")  # discarded this time: on to the next section
    assert w.key == "impact" and len(asked) == 3
    assert yr.get_report(db, r.id).section("foreword").text == ""


@pytest.mark.slow
def test_enter_acts_where_it_is_pressed_not_on_new_report(qtbot, db, monkeypatch):
    """Enter in the sections list or the checklist opened "New yearly report" (the first
    button was the window's default); on a checklist line it goes to the line's section."""
    from PySide6.QtWidgets import QApplication

    from bscp_desktop.ui.yearly_report import window as module

    yr.create_report(db, yr.ReportFields("Yearly report 2023/24", date(2023, 4, 1), date(2024, 3, 31)))
    opened = []
    monkeypatch.setattr(module.ReportDialog, "exec", lambda self: opened.append(self) or 0)
    w = module.YearlyReportWindow(db, None)
    qtbot.addWidget(w)
    w.show()
    w.check()
    qtbot.waitUntil(lambda: w.checklist.count() > 0)
    for widget in (w.sections, w.checklist, w.choice):
        widget.setFocus()
        qtbot.keyClick(widget, Qt.Key.Key_Return)
        QApplication.processEvents()
    assert not opened
    rows = [r for r in range(w.checklist.count()) if w.checklist.item(r).data(module.ROLE_KEY + 1)]
    line = w.checklist.item(rows[-1])
    w.checklist.setCurrentItem(line)
    w.checklist.setFocus()
    qtbot.keyClick(w.checklist, Qt.Key.Key_Return)
    assert w.key in line.data(module.ROLE_KEY + 1)


@pytest.mark.slow
def test_save_as_offers_a_file_name_with_the_title_printed_not_a_childs_alias(qtbot, db, monkeypatch):
    """The document prints the title with no child's alias in it: the file name offered did."""
    from pathlib import Path

    from bscp_desktop.jobs import safe_file_name
    from bscp_desktop.services import case_reviews as cr
    from bscp_desktop.ui.yearly_report import window as module

    cr.create_case_review(db, cr.CaseReviewFields("Child Q", "serious_harm", date(2023, 3, 1)))
    yr.create_report(db, yr.ReportFields("Learning from Child Q's review 2023/24", date(2023, 4, 1), date(2024, 3, 31)))
    w = module.YearlyReportWindow(db, None)
    qtbot.addWidget(w)
    offered: list[str] = []
    monkeypatch.setattr("PySide6.QtWidgets.QFileDialog.getSaveFileName",
                        lambda _parent, _title, suggested, _filter: offered.append(suggested) or ("", ""))
    for button in w.output_buttons:
        button.click()
    title = "Learning from the child's review 2023/24"
    assert [Path(p).name for p in offered] == [safe_file_name(title + ".pdf"), safe_file_name(title + ".docx")]
    assert w.report.title == "Learning from Child Q's review 2023/24"  # as typed, in the window


@pytest.mark.slow
def test_a_built_section_out_of_date_says_so_beside_its_figures(qtbot, db):
    from bscp_desktop.ui.yearly_report import window as module

    r = yr.create_report(db, yr.ReportFields("2022/23 report", date(2022, 4, 1), date(2023, 3, 31)))
    yr.refresh_section(db, r.id, "activity")
    w = module.YearlyReportWindow(db, None)
    qtbot.addWidget(w)
    choose(w, "activity")
    qtbot.waitUntil(lambda: not w.loading(), timeout=10000)
    assert "Out of date" not in w.built_state.text()
    yr.update_report(db, r.id, yr.ReportFields("2023/24 report", date(2023, 4, 1), date(2024, 3, 31)))
    w.reload()
    qtbot.waitUntil(lambda: not w.loading(), timeout=10000)
    assert w.built_state.text().startswith("Built from the records on ")
    assert "Out of date: its records or the report's period have changed since." in w.built_state.text()
    choose(w, "membership")  # never built
    assert w.built_state.text() == "Not built yet: press Refresh from the records."


def test_restore_brings_back_the_report_on_the_line_chosen_when_two_read_alike(qtbot, db, monkeypatch):
    """Two archived reports of the same title and period: each line names one of them (when it
    was archived, and its number as well when that is the same), and the one chosen comes back."""
    from bscp_desktop.ui.yearly_report import window as module

    fields = yr.ReportFields("Annual report 2023/24", date(2023, 4, 1), date(2024, 3, 31))
    first = yr.create_report(db, fields)
    yr.archive_report(db, first.id)
    second = yr.create_report(db, fields)
    yr.archive_report(db, second.id)
    w = module.YearlyReportWindow(db, None)
    qtbot.addWidget(w)
    offered: list[str] = []

    def pick(_parent, _title, _label, items, _current, _editable):
        offered.extend(items)
        return items[1], True  # the second line

    monkeypatch.setattr("PySide6.QtWidgets.QInputDialog.getItem", pick)
    w.restore()
    assert len(set(offered)) == 2 and all("archived " in line for line in offered)
    assert offered[1].endswith(f", report {first.id}")  # the newest archived first
    assert not yr.get_report(db, first.id).archived and yr.get_report(db, second.id).archived
    assert w.choice.currentData() == first.id


@pytest.mark.slow
def test_a_final_report_says_it_keeps_its_figures_and_flags_nothing_out_of_date(qtbot, db, world):
    """Its records changed after it was marked final: the report keeps the figures of that day,
    cannot be refreshed, and the window neither flags it out of date nor asks for a refresh."""
    from datetime import datetime

    from bscp_desktop.domain.meetings import MeetingStatus
    from bscp_desktop.ui.yearly_report import window as module
    from tests.meetings_world import meeting

    r = yr.create_report(db, yr.ReportFields("2023/24 report", date(2023, 4, 1), date(2024, 3, 31)))
    yr.refresh_section(db, r.id, "activity", today=date(2024, 6, 1))
    write_every_section(db, r.id)
    yr.set_final(db, r.id, True, on=date(2024, 6, 1))
    meeting(db, world.forum, datetime(2023, 6, 8, 10), "Forum held later on record", status=MeetingStatus.HELD)
    assert CheckState.OUT_OF_DATE not in yr.section_states(db, yr.get_report(db, r.id)).values()

    w = module.YearlyReportWindow(db, None)
    qtbot.addWidget(w)
    choose(w, "activity")
    qtbot.waitUntil(lambda: not w.loading(), timeout=10000)
    assert "This report is final: it keeps the figures of 01/06/2024, the day it was marked final" in w.built_state.text()
    assert "Refresh" not in w.built_state.text() and not w.refresh_button.isEnabled()
    lines = [w.checklist.item(i).text() for i in range(w.checklist.count())]
    assert lines and not any(line.startswith("!") for line in lines)
    assert not any(w.sections.item(i).text().startswith("!") for i in range(w.sections.count()))


@pytest.mark.slow
def test_on_a_small_screen_the_writing_pane_takes_the_room_the_side_panes_give_up(qtbot, db):
    """At 150% on a 1280x720 laptop (853 points wide) the sections and the checklist kept 280 and
    290 points and the text box was the narrowest of the three (237)."""
    from bscp_desktop.ui.yearly_report import window as module

    yr.create_report(db, yr.ReportFields("Yearly report 2023/24", date(2023, 4, 1), date(2024, 3, 31)))
    w = module.YearlyReportWindow(db, None)
    qtbot.addWidget(w)
    w.resize(853, 470)
    w.show()
    qtbot.waitUntil(lambda: w.splitter.isVisible() and w.splitter.sizes()[1] > 0)
    sections, writing, checklist = w.splitter.sizes()
    assert writing >= 2 * max(sections, checklist)
    assert min(sections, checklist) >= module.SIDE_PANE_LEAST
    assert w.editor.width() > 400

    w.resize(1400, 800)  # a wide screen: the side panes as wide as they were made, the text the rest
    qtbot.waitUntil(lambda: w.splitter.sizes()[0] == module.PANE_WIDTHS[0])
    sections, writing, checklist = w.splitter.sizes()
    assert (sections, checklist) == (module.PANE_WIDTHS[0], module.PANE_WIDTHS[2]) and writing > module.PANE_WIDTHS[1]

    w.splitter.moveSplitter(300, 1)  # the officer's own widths are kept
    kept = w.splitter.sizes()
    w.resize(1300, 800)
    qtbot.wait(20)
    assert w.splitter.sizes()[0] == kept[0]


@pytest.mark.slow  # the demo's checklist worked out twice
def test_a_change_to_the_records_is_checked_again_and_mark_final_says_so_before_asking(qtbot, demo_window, monkeypatch):
    from bscp_desktop.services import memberships as ms
    from bscp_desktop.ui.yearly_report import window as module

    win, db = demo_window, demo_window.db
    w = win.open_yearly_report()
    qtbot.waitUntil(lambda: w.states != {} and not w.loading(), timeout=15000)
    assert all(state is CheckState.DONE for state in w.states.values())
    # another officer records a seat the Executive Group had in the report's year, say
    icb = ms.find_organisation(db, "NHS North West London ICB")
    doctor = ms.create_person(db, ms.PersonFields("Dr Ama Mensah", "Designated Doctor", icb.id))
    (executive,) = [g for g in ms.list_groups(db) if g.name.startswith("Executive")]
    ms.create_membership(db, ms.MembershipFields(doctor.id, executive.id, "member", w.report.period_start))
    qtbot.waitUntil(lambda: w.states.get("membership") is CheckState.OUT_OF_DATE, timeout=15000)
    said, asked = [], []
    monkeypatch.setattr(module, "confirm", lambda *a: asked.append(a[1]) or True)
    monkeypatch.setattr(module, "show_error", lambda _parent, title, exc: said.append((title, str(exc))))
    w.toggle_final()
    assert not asked and said and "Refresh 'Membership of the groups'" in said[0][1]
    assert not w.report.final
