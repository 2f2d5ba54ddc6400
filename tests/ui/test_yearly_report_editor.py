"""A yearly report section's editor, driven through its widget: what the officer types is saved
and shown back exactly, and bold and italic made with its buttons print as bold and italic."""

from __future__ import annotations

import pytest

from bscp_desktop.app import make_application
from bscp_desktop.domain.yearly_report import parse_text, plain_text
from bscp_desktop.ui.yearly_report.editor import SectionEditor, document_blocks
from tests.ui.helpers import type_text


@pytest.fixture
def editor(qtbot):
    make_application()
    saved: list[str] = []
    ed = SectionEditor(lambda text: saved.append(text) or True)
    qtbot.addWidget(ed)
    ed.saved_texts = saved
    ed.show_text("", True)
    return ed


def save(ed: SectionEditor) -> str:
    ed.flush()
    return ed.saved_texts[-1]


def chars(runs) -> list[tuple[str, bool, bool]]:
    """Each character with its formatting (a space shows none)."""
    return [(c, r.bold and c != " ", r.italic and c != " ") for r in runs for c in r.text]


def formatting(ed: SectionEditor) -> list[tuple[str, bool, bool]]:
    return [c for b in document_blocks(ed.text.document()) for c in chars(b.runs)]


@pytest.mark.parametrize("typed", [
    "Heads said <b>KCSIE</b> training helped, and 40 schools took part in the audit.",
    "Heads said <!-- note --> the training helped.",
    "3 <5 and 6> 2 <b>x</b> end",
    "&amp; &lt; &#65; a&b <https://x.org> `code` \\*not\\* *typed* _stars_ [a](b) > quoted",
])
def test_what_is_typed_is_saved_and_shown_back_exactly(editor, typed):
    type_text(editor.text, typed)
    for _ in range(3):  # leave the section and come back, add a word, again
        saved = save(editor)
        assert plain_text(saved) == typed  # as the PDF and Word outputs print it
        editor.show_text(saved, True)
        assert editor.text.toPlainText() == typed
        editor.text.moveCursor(editor.text.textCursor().MoveOperation.End)
        type_text(editor.text, " Thanks.")
        typed += " Thanks."
    assert plain_text(save(editor)) == typed


def test_bold_italic_made_with_the_buttons_prints_and_shows_as_bold_italic(editor):
    ed = editor
    type_text(ed.text, "The ")
    ed.toggle_bold(), ed.toggle_italic()
    type_text(ed.text, "most important")
    ed.toggle_bold(), ed.toggle_italic()
    type_text(ed.text, " point, ")
    ed.toggle_bold()
    type_text(ed.text, "bold ")
    ed.toggle_italic()
    type_text(ed.text, "and italic")
    ed.toggle_italic()
    type_text(ed.text, " text")
    ed.toggle_bold()
    type_text(ed.text, " end. Also ")
    ed.toggle_italic()
    type_text(ed.text, "italic ")
    ed.toggle_bold()
    type_text(ed.text, "bold-italic")
    ed.toggle_bold(), ed.toggle_italic()
    type_text(ed.text, ".")
    typed = formatting(ed)
    saved = save(ed)
    assert "*" not in plain_text(saved)
    printed = parse_text(saved)[0].runs
    assert chars(printed) == typed
    assert {(r.text, r.bold, r.italic) for r in printed} >= {("most important", True, True), ("bold-italic", True, True)}
    ed.show_text(saved, True)
    assert formatting(ed) == typed and save(ed) == saved


def test_addresses_stay_words_and_old_links_become_words(editor):
    typed = "Contact bscp@brent.gov.uk or visit https://www.brent.gov.uk/bscp or www.brent.gov.uk for more."
    type_text(editor.text, typed)
    for _ in range(2):
        saved = save(editor)
        editor.show_text(saved, True)
    assert saved.strip() == typed and editor.text.toPlainText() == typed
    # the text an earlier version saved: shown and saved again as the words
    editor.show_text("Contact [bscp@brent.gov.uk](mailto:bscp@brent.gov.uk) or visit "
                     "<https://www.brent.gov.uk/bscp> for **more**.", True)
    type_text(editor.text, " Thanks")
    saved = save(editor)
    assert saved.strip() == "Contact bscp@brent.gov.uk or visit https://www.brent.gov.uk/bscp for **more**. Thanks"
    assert not editor.text.document().begin().begin().fragment().charFormat().isAnchor()


def printed_words(text: str) -> list[str]:
    return [" ".join(line.split()) for line in plain_text(text).split("\n")]


def shown_words(ed: SectionEditor) -> list[str]:
    return [" ".join(line.split()) for line in ed.text.toPlainText().replace("\u2028", "\n").split("\n")]


@pytest.mark.parametrize("saved", [
    "    We indented this paragraph: x\\*y & A\\&E and C:\\\\temp and **bold** words\n\n",
    "- Signed: ___\n- Date: ___\n",
    "- Rated 5 *\n- Rated 4 *\n",
    "Total meetings:\n15. That is more than last year.\n\nHashtags used:\n#BrentSafeguarding\n\n",
    "- Total meetings:\n  15. That is more.\n",
    "Quote from a parent:\n> they listened\n",
    "Views of young people\n---\nThey want more youth clubs.\n",
    "- a\n-     indented words x\\*y\n",
    "Partners:\n\n•\tBrent Council\n\n• Metropolitan Police\n",  # pasted from Word: a paragraph, as shown
])
def test_older_text_shows_and_prints_the_same_words(editor, saved):
    editor.show_text(saved, True)
    assert shown_words(editor) == printed_words(saved)
    editor.text.moveCursor(editor.text.textCursor().MoveOperation.End)
    type_text(editor.text, " Thanks.")
    resaved = save(editor)
    assert printed_words(resaved) == [*printed_words(saved)[:-1], printed_words(saved)[-1] + " Thanks."]


def test_an_indented_paragraph_shows_its_words_and_bold(editor):
    editor.show_text("    We indented this: x\\*y & A\\&E and C:\\\\temp and **bold** words\n\n", True)
    assert editor.text.toPlainText() == "We indented this: x*y & A&E and C:\\temp and bold words"
    assert "".join(c for c, bold, _ in formatting(editor) if bold) == "bold"


def test_shift_enter_starts_a_new_paragraph_that_is_saved_and_printed(editor, qtbot):
    from PySide6.QtCore import Qt
    type_text(editor.text, "Brent Civic Centre")
    qtbot.keyClick(editor.text, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    type_text(editor.text, "32 Engineers Way")
    saved = save(editor)
    assert printed_words(saved) == ["Brent Civic Centre", "32 Engineers Way"]
    editor.show_text(saved, True)
    assert editor.text.toPlainText() == "Brent Civic Centre\n32 Engineers Way"


def test_text_copied_as_formatted_text_only_pastes_its_words(editor):
    """A clipboard holding only HTML (some browsers and mail programs) pasted nothing."""
    from PySide6.QtCore import QMimeData

    data = QMimeData()
    data.setHtml("<p>Brent <b>Council</b> &amp; partners</p><ul><li>Training</li></ul>")
    editor.text.insertFromMimeData(data)
    assert editor.text.toPlainText().split() == ["Brent", "Council", "&", "partners", "Training"]
    assert not any(bold for _c, bold, _i in formatting(editor))  # its words only, not its formatting
