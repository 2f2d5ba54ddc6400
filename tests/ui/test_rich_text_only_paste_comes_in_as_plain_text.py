"""Content copied from a web page or a program that puts only HTML (or RTF) on the clipboard,
with no plain text beside it, pasted into the minutes or into a form's box of several lines,
comes in as its words: its line breaks kept, no markup, no styles, no stand-ins for its
pictures. Content with plain text is pasted as its plain text, as before."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QByteArray, QMimeData, Qt
from PySide6.QtWidgets import QApplication

from bscp_desktop.services import meetings as mt
from bscp_desktop.ui.common.autosave import WordUndoText, editor_text
from bscp_desktop.ui.common.editors import text_box
from tests.ui.helpers import minutes_page

WEB_PAGE = ('<html><head><meta charset="utf-8"><style>p { color: red; font-family: Arial }</style>'
            '<script>var tracking = 1;</script></head><body><!--StartFragment-->'
            '<p style="color:#333">Agreed the <b>neglect</b>&nbsp;strategy</p>'
            '<p>Actions:<br>review in 10&nbsp;000 cases <img src="chart.png" alt="chart"></p>'
            '<ul><li>Brent Council</li><li>Police</li></ul><!--EndFragment--></body></html>')
WORDS = "Agreed the neglect\xa0strategy\nActions:\nreview in 10\xa0000 cases\nBrent Council\nPolice"
RTF = (r"{\rtf1\ansi\ansicpg1252\deff0{\fonttbl{\f0\fswiss Calibri;}}{\colortbl;\red255\green0\blue0;}"
       r"{\*\generator Riched20 10.0;}\pard\f0\fs22 Agreed the \b neglect\b0  strategy\'92s aims\par"
       "\n" r'Caf\'e9 \u8212\'97 {\field{\*\fldinst HYPERLINK "http://x"}{\fldrslt the link}}\line next\par'
       "\n" r"{\pict\pngblip 89504e470d0a}}")
RTF_WORDS = "Agreed the neglect strategy\u2019s aims\nCaf\u00e9 \u2014 the link\nnext"


@pytest.fixture(autouse=True)
def clipboard_emptied(qapp):
    """What a test put on the clipboard is deleted by Qt as the test ends, not as the run ends."""
    yield
    QApplication.clipboard().clear()


def html_only(html: str = WEB_PAGE) -> QMimeData:
    source = QMimeData()
    source.setHtml(html)
    return source


def text_only(text: str) -> QMimeData:
    source = QMimeData()
    source.setText(text)
    return source


def both(text: str, html: str = WEB_PAGE) -> QMimeData:
    source = html_only(html)
    source.setText(text)
    return source


def rtf_only(rtf: str = RTF) -> QMimeData:
    source = QMimeData()
    source.setData("text/rtf", QByteArray(rtf.encode("latin-1")))
    return source


@pytest.fixture(params=["form box", "minutes"])
def box(request, qtbot):
    """A form's box of several lines (`text_box`), or the minutes' editor."""
    edit = text_box("", 80) if request.param == "form box" else WordUndoText()
    qtbot.addWidget(edit)
    return edit


@pytest.mark.parametrize("source, words", [
    (html_only, WORDS), (rtf_only, RTF_WORDS),
    (lambda: text_only("Plain words\nsecond line"), "Plain words\nsecond line"),
    (lambda: both("The plain text"), "The plain text"),
], ids=["html only", "rtf only", "text only", "text and html"])
def test_pasted_content_comes_in_as_its_plain_words(box, source, words):
    data = source()
    assert box.canInsertFromMimeData(data)  # the menu's Paste is offered
    box.insertFromMimeData(data)
    assert editor_text(box) == words
    assert "\ufffc" not in box.toPlainText() and "color" not in box.toPlainText()


def test_pasting_into_the_middle_keeps_the_words_around(box):
    box.setPlainText("Before  after")
    cursor = box.textCursor()
    cursor.setPosition(len("Before "))
    box.setTextCursor(cursor)
    box.insertFromMimeData(html_only("<p>the <i>middle</i></p>"))
    assert editor_text(box) == "Before the middle after"


def test_a_picture_alone_offers_nothing_to_paste(box):
    assert not box.canInsertFromMimeData(html_only('<img src="chart.png">'))
    box.insertFromMimeData(html_only('<img src="chart.png">'))
    assert editor_text(box) == ""


def test_nothing_is_pasted_into_a_box_that_cannot_be_changed(box):
    box.setReadOnly(True)
    box.insertFromMimeData(html_only())
    assert editor_text(box) == ""


@pytest.mark.parametrize("source, words", [(html_only, WORDS), (lambda: both("The plain text"), "The plain text")],
                         ids=["html only", "text and html"])
def test_ctrl_v_into_a_form_box(qtbot, source, words):
    edit = text_box("", 80)
    qtbot.addWidget(edit)
    edit.show()
    QApplication.clipboard().setMimeData(source())
    qtbot.keyClick(edit, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert editor_text(edit) == words


@pytest.mark.parametrize("source, words", [
    (html_only, WORDS), (lambda: text_only("Plain minutes"), "Plain minutes"),
    (lambda: both("The plain text"), "The plain text"),
], ids=["html only", "text only", "text and html"])
def test_minutes_pasted_with_ctrl_v_are_saved_as_plain_text(qtbot, db, world, source, words):
    ws = minutes_page(qtbot, db, world.forum, ("Welcome", "Neglect strategy"))
    ed = ws.minutes
    ed.editor.clear()
    ed.editor.setFocus()
    QApplication.clipboard().setMimeData(source())
    qtbot.keyClick(ed.editor, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert ed.flush()
    assert mt.get_agenda_item(db, ed.current_item().id).minutes == words


def test_a_groups_standing_items_take_a_web_page_s_list_as_its_lines(qtbot, db, world):
    """The standing items box took nothing from a web page's agenda copied as HTML only."""
    from bscp_desktop.ui.meetings.dialogs.meeting import StandingItemsDialog

    dialog = StandingItemsDialog(db, world.forum.id, world.forum.name)
    qtbot.addWidget(dialog)
    dialog.text.clear()
    source = html_only("<ol><li>Welcome</li><li>Neglect strategy <img src='x.png'></li></ol>")
    assert dialog.text.canInsertFromMimeData(source)
    dialog.text.insertFromMimeData(source)
    assert dialog.text.toPlainText().split("\n") == ["Welcome", "Neglect strategy"]


def test_a_yearly_report_section_takes_rtf_only_as_its_words_without_picture_stand_ins(qtbot):
    """The yearly report's editor pasted nothing from RTF only, and kept an image's stand-in
    character from HTML."""
    from bscp_desktop.ui.yearly_report.editor import SectionEditor

    editor = SectionEditor(lambda text: True)
    qtbot.addWidget(editor)
    assert editor.text.canInsertFromMimeData(rtf_only())
    editor.text.insertFromMimeData(rtf_only())
    assert editor.text.toPlainText() == RTF_WORDS
    editor.text.clear()
    editor.text.insertFromMimeData(html_only())
    assert "\ufffc" not in editor.text.toPlainText() and "neglect" in editor.text.toPlainText()
