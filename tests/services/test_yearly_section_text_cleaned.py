"""A yearly report section's text is cleaned as the minutes are: a NUL, another control
character or a direction override pasted into it is dropped (a team database refuses a NUL;
an override shows the words reversed), tabs, new lines and the spaces being typed are kept."""

from __future__ import annotations

from datetime import date

import pytest

from bscp_desktop.services import history
from bscp_desktop.services import yearly_report as yr

pytestmark = pytest.mark.both_engines


def _text(db, report_id: int, key: str) -> str:
    return next(s.text for s in yr.get_report(db, report_id).sections if s.key == key)


def test_section_text_drops_pasted_control_characters_and_keeps_tabs_new_lines_and_spaces(db):
    report = yr.create_report(db, yr.ReportFields("Yearly report 2023/24", date(2023, 4, 1), date(2024, 3, 31)))
    saved = yr.save_section_text(db, report.id, "foreword", "Copied: a\x00b \x1b[31m \u202eevil\n\tNext line ")
    assert saved.changed
    assert _text(db, report.id, "foreword") == "Copied: ab [31m evil\n\tNext line "
    assert not any("\x00" in (c.new_value or "") or "\u202e" in (c.new_value or "")
                   for c in history.list_changes(db, "yearly_report_section"))
    # the editor sends the same words again, control characters and all: nothing to save
    again = yr.save_section_text(db, report.id, "foreword", "Copied: a\x00b \x1b[31m \u202eevil\n\tNext line ",
                                 version=saved.version)
    assert not again.changed
    assert yr.save_section_text(db, report.id, "foreword", "\x00").changed  # nothing but a NUL: blank
    assert _text(db, report.id, "foreword") == ""
