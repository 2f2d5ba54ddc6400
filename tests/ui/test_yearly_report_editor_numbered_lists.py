"""A numbered list in a yearly report section's saved text stays numbered, from its first
number, when the section is opened in the editor and saved again; bullets stay bullets."""

from __future__ import annotations

import pytest

from bscp_desktop.app import make_application
from bscp_desktop.domain.yearly_report import TextBullets, parse_text
from bscp_desktop.ui.yearly_report.editor import SectionEditor
from tests.ui.helpers import type_text


@pytest.fixture
def editor(qtbot):
    make_application()
    saved: list[str] = []
    ed = SectionEditor(lambda text: saved.append(text) or True)
    qtbot.addWidget(ed)
    ed.saved_texts = saved
    return ed


def _lists(text: str) -> list[tuple[bool, int, list[str]]]:
    return [(b.numbered, b.start, ["".join(r.text for r in item) for item in b.items])
            for b in parse_text(text) if isinstance(b, TextBullets)]


def test_a_numbered_list_opened_and_saved_again_keeps_its_numbers(editor):
    editor.show_text("Our priorities:\n\n7. Neglect\n8. **Exploitation**\n\nAnd also:\n\n- Training\n- Audits\n", True)
    editor.text.moveCursor(editor.text.textCursor().MoveOperation.End)
    type_text(editor.text, " plan")
    editor.flush()
    assert _lists(editor.saved_texts[-1]) == [(True, 7, ["Neglect", "Exploitation"]),
                                              (False, 1, ["Training", "Audits plan"])]
