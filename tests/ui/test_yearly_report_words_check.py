"""The yearly report window shows a built section whose words are to be checked (its draft
changed on a refresh that kept the team's words): marked in the list of sections and the
checklist, with the new built draft under the team's words and the buttons that deal with it."""

from __future__ import annotations

from datetime import date

import pytest

from bscp_desktop.app import make_application
from bscp_desktop.domain.yearly_report import CheckState
from bscp_desktop.services import yearly_report as yr
from tests.services.test_yearly_report_words_to_check import OUR_WORDS, _edited_then_refreshed
from tests.ui.helpers import type_text
from tests.ui.test_yearly_report_window import choose


def _window(qtbot, db, world):
    from bscp_desktop.ui.yearly_report import window as module

    make_application()
    report_id = _edited_then_refreshed(db, world)
    w = module.YearlyReportWindow(db, None)
    qtbot.addWidget(w)
    w.resize(1180, 760)
    w.show()
    choose(w, "activity")
    qtbot.waitUntil(lambda: not w.loading(), timeout=10000)
    return w, report_id


def _row_text(w, key: str) -> str:
    return w.sections.item([s.key for s in w.report.sections].index(key)).text()


@pytest.mark.slow
def test_a_flagged_section_shows_the_new_draft_under_the_teams_words(qtbot, db, world, tmp_path):
    w, _ = _window(qtbot, db, world)
    panel = w.words_check
    assert panel.isVisible() and panel.heading.text() == "Check your words"
    assert panel.why.text().startswith("The built draft changed on refresh: ") and "met twice" in panel.why.text()
    assert "met twice" in panel.draft.toPlainText() and panel.draft.isReadOnly()
    assert "met once " in w.editor.text.toPlainText() and OUR_WORDS.strip() in w.editor.text.toPlainText()
    assert w.text_label.text().startswith("Your words, kept when the section was refreshed")
    assert w.states["activity"] is yr.WordsState.TO_CHECK and _row_text(w, "activity").startswith("! 07 ")
    # the whole draft shows, not cut short
    assert panel.draft.document().size().height() <= panel.draft.viewport().height() + 1
    assert panel.take_button.isEnabled() and panel.keep_button.isEnabled()
    w.grab().save(str(tmp_path / "words_to_check.png"))
    choose(w, "foreword")  # a section with nothing to check
    assert not panel.isVisible()


@pytest.mark.slow
def test_keep_my_words_clears_the_flag_and_leaves_the_words(qtbot, db, world):
    w, report_id = _window(qtbot, db, world)
    w.words_check.keep_button.click()
    assert not w.words_check.isVisible()
    assert yr.get_report(db, report_id).section("activity").text.endswith(OUR_WORDS)
    qtbot.waitUntil(lambda: not w.loading(), timeout=10000)
    assert w.states["activity"] is CheckState.DONE and _row_text(w, "activity").startswith("✓ 07 ")
    assert w.text_label.text() == "Draft text (yours to edit; refreshing keeps your words):"


@pytest.mark.slow
def test_use_the_new_built_draft_puts_it_in_the_editor(qtbot, db, world, monkeypatch):
    w, report_id = _window(qtbot, db, world)
    asked: list[str] = []
    monkeypatch.setattr("bscp_desktop.ui.yearly_report.words_check.confirm",
                        lambda _parent, _title, text: asked.append(text) or True)
    w.words_check.take_button.click()
    assert asked and "Partnership activity" in asked[0]
    s = yr.get_report(db, report_id).section("activity")
    assert s.text == s.draft and s.words_to_check == ""
    assert "met twice" in w.editor.text.toPlainText() and OUR_WORDS.strip() not in w.editor.text.toPlainText()
    assert not w.words_check.isVisible()
    qtbot.waitUntil(lambda: not w.loading(), timeout=10000)
    assert w.states["activity"] is CheckState.DONE


@pytest.mark.slow
def test_saying_no_to_the_new_draft_changes_nothing(qtbot, db, world, monkeypatch):
    w, report_id = _window(qtbot, db, world)
    monkeypatch.setattr("bscp_desktop.ui.yearly_report.words_check.confirm", lambda *_a: False)
    w.words_check.take_button.click()
    assert w.words_check.isVisible() and yr.get_report(db, report_id).section("activity").words_to_check


@pytest.mark.slow
def test_editing_the_words_in_the_window_deals_with_the_flag(qtbot, db, world):
    w, report_id = _window(qtbot, db, world)
    type_text(w.editor.text, " Checked.")
    w.flush()
    assert not w.words_check.isVisible()
    assert w.editor.text.toPlainText().endswith("Checked.")  # what was typed stays on screen
    assert w.text_label.text() == "Draft text (yours to edit; refreshing keeps your words):"
    assert yr.get_report(db, report_id).section("activity").words_to_check == ""
    qtbot.waitUntil(lambda: not w.loading(), timeout=10000)
    assert w.states["activity"] is CheckState.DONE


@pytest.mark.slow
def test_a_final_report_shows_nothing_to_check(qtbot, db, world):
    from tests.services.test_yearly_report import write_every_section

    w, report_id = _window(qtbot, db, world)
    yr.keep_my_words(db, report_id, "activity")
    write_every_section(db, report_id)
    yr.refresh_all(db, report_id, today=date(2024, 6, 1))
    yr.set_final(db, report_id, True, on=date(2024, 6, 1))
    w.reload()
    choose(w, "activity")
    assert not w.words_check.isVisible()
