"""The text of one yearly report section: simple formatting (paragraphs, bold, italic, bullet
lists) kept as the small Markdown subset of `domain.yearly_report`, saved as the user types
(`ui/common/autosave.AutoSaver`, as the minutes are).

The text is saved as `domain.yearly_report.format_text` writes it (every character that could
mean something in Markdown escaped) and read back as CommonMark with no HTML, so whatever was
typed (``<b>``, ``<!-- -->``, ``&amp;``, a web or e-mail address) shows again as typed, never as
markup or a link."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QKeyEvent, QKeySequence, QShortcut, QTextCharFormat, QTextCursor, QTextDocument, QTextFormat, QTextListFormat
from PySide6.QtWidgets import QHBoxLayout, QTextEdit, QToolButton, QVBoxLayout, QWidget

from bscp_desktop.domain.yearly_report import Run, TextBlock, TextBullets, TextPara, format_text, prepare_for_editor
from bscp_desktop.ui.common.autosave import AutoSaver, pasted_text, saving_editor, set_writable

#: Markdown as the report reads it: CommonMark, any HTML read as the characters typed, and no
#: web or e-mail address turned into a link.
MARKDOWN = QTextDocument.MarkdownFeature.MarkdownNoHTML | QTextDocument.MarkdownFeature.MarkdownDialectCommonMark


#: The list styles that number their items ("1.", "a.", "i."): the report numbers them "1.", "2.", ...
_NUMBERED_STYLES = {QTextListFormat.Style.ListDecimal, QTextListFormat.Style.ListLowerAlpha,
                    QTextListFormat.Style.ListUpperAlpha, QTextListFormat.Style.ListLowerRoman,
                    QTextListFormat.Style.ListUpperRoman}


def document_blocks(document: QTextDocument) -> list[TextBlock]:
    """The editor's paragraphs and lists as the report's blocks: a numbered list stays numbered,
    from its first number (text saved with "7." opens and saves as it was), any other is bullets."""
    blocks: list[TextBlock] = []
    last = None  # the list the block before was in
    block = document.begin()
    while block.isValid():
        runs = []
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            if fragment.isValid():
                fmt = fragment.charFormat()
                runs.append(Run(fragment.text(), fmt.fontWeight() > QFont.Weight.Normal, fmt.fontItalic()))
            it += 1
        listed = block.textList()
        if listed is None:
            blocks.append(TextPara(tuple(runs)))
        elif blocks and isinstance(blocks[-1], TextBullets) and listed == last:
            blocks[-1] = replace(blocks[-1], items=(*blocks[-1].items, tuple(runs)))
        else:
            numbered = listed.format().style() in _NUMBERED_STYLES
            blocks.append(TextBullets((tuple(runs),), numbered, max(1, listed.format().start()) if numbered else 1))
        last = listed
        block = block.next()
    return blocks


class PlainPasteTextEdit(QTextEdit):
    """Pasted text arrives as words only: the report's formatting is bold, italic and bullets,
    added here, not whatever another program's fonts and colours were. Shift+Enter starts a new
    paragraph as Enter does: the report has no line breaks inside a paragraph."""

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt API
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            event = QKeyEvent(event.type(), event.key(), event.modifiers() & ~Qt.KeyboardModifier.ShiftModifier, event.text())
        super().keyPressEvent(event)

    def canInsertFromMimeData(self, source) -> bool:  # noqa: N802 - Qt API
        return bool(pasted_text(source))

    def insertFromMimeData(self, source) -> None:  # noqa: N802 - Qt API
        if text := pasted_text(source):  # copied as formatted text only (HTML, RTF): its words
            self.textCursor().insertText(text)


class SectionEditor(QWidget):
    """An editor with Bold, Italic and Bullets, saving itself through `write(text)`."""

    saved = Signal()

    def __init__(self, write: Callable[[str], bool | None], parent: QWidget | None = None):
        super().__init__(parent)
        # the buttons first, so Tab reaches them before the text below them, as they are read
        self.bold = self._button("B", "Bold (Ctrl+B)", self.toggle_bold, bold=True)
        self.italic = self._button("I", "Italic (Ctrl+I)", self.toggle_italic, italic=True)
        self.bullets = self._button("• List", "Bullet list (Ctrl+Shift+L)", self.toggle_bullets)
        self.text = PlainPasteTextEdit(self)
        self.state = saving_editor(self.text, "Section text", "Type this section here. It saves itself as you type.")
        self._active = False
        self.autosave = AutoSaver(self.text, self.state, self.markdown, write, active=lambda: self._active, parent=self)
        self.autosave.saved.connect(self.saved)
        self.text.textChanged.connect(self.autosave.typed)

        bar = QHBoxLayout()
        for b in (self.bold, self.italic, self.bullets):
            bar.addWidget(b)
        bar.addStretch(1)
        bar.addWidget(self.state)
        for keys, slot in (("Ctrl+B", self.toggle_bold), ("Ctrl+I", self.toggle_italic),
                           ("Ctrl+Shift+L", self.toggle_bullets)):
            shortcut = QShortcut(QKeySequence(keys), self.text)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(slot)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.text, 1)

    def _button(self, text: str, tip: str, slot, bold: bool = False, italic: bool = False) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setToolTip(tip)
        button.setAccessibleName(tip.split(" (")[0])
        font = button.font()
        font.setBold(bold)
        font.setItalic(italic)
        button.setFont(font)
        button.clicked.connect(slot)
        return button

    # ------------------------------------------------------------ text
    def markdown(self) -> str:
        return format_text(document_blocks(self.text.document()))

    def show_text(self, markdown: str | None, editable: bool) -> None:
        """Show a section's saved text (anything unsaved was flushed first by the owner)."""
        self._active = markdown is not None
        with self.autosave.quiet():
            self.text.document().setMarkdown(prepare_for_editor(markdown), MARKDOWN)
            self._unlink()
            self.text.moveCursor(QTextCursor.MoveOperation.End)
        self.autosave.loaded(self.markdown())
        set_writable(self.text, editable)
        for b in (self.bold, self.italic, self.bullets):
            b.setEnabled(editable)
        self.state.setText("" if editable or markdown is None else "The report is final: reopen it to change it.")

    def flush(self) -> bool:
        return self.autosave.flush()

    def flush_or_ask(self) -> bool:
        """Save what is typed; where that fails, ask whether to stay with the words (False) or
        discard them (True: the section's saved text is back on screen)."""
        return self.autosave.flush_or_ask(
            self, "The words of this section",
            lambda saved: self.text.document().setMarkdown(prepare_for_editor(saved), MARKDOWN))

    def _unlink(self) -> None:
        """Links in text saved by earlier versions become their words: the report prints a
        link's words only, and the editor makes no links."""
        document = self.text.document()
        block = document.begin()
        while block.isValid():
            it = block.begin()
            while not it.atEnd():
                fragment = it.fragment()
                if fragment.isValid() and fragment.charFormat().isAnchor():
                    fmt = fragment.charFormat()
                    for prop in (QTextFormat.Property.IsAnchor, QTextFormat.Property.AnchorHref,
                                 QTextFormat.Property.AnchorName):
                        fmt.clearProperty(prop)
                    fmt.setFontUnderline(False)
                    fmt.clearForeground()
                    cursor = QTextCursor(document)
                    cursor.setPosition(fragment.position())
                    cursor.setPosition(fragment.position() + fragment.length(), QTextCursor.MoveMode.KeepAnchor)
                    cursor.setCharFormat(fmt)
                it += 1
            block = block.next()

    # ------------------------------------------------------------ formatting
    def toggle_bold(self) -> None:
        fmt = QTextCharFormat()
        bold = self.text.fontWeight() > QFont.Weight.Normal
        fmt.setFontWeight(QFont.Weight.Normal if bold else QFont.Weight.Bold)
        self.text.mergeCurrentCharFormat(fmt)
        self.text.setFocus()

    def toggle_italic(self) -> None:
        fmt = QTextCharFormat()
        fmt.setFontItalic(not self.text.fontItalic())
        self.text.mergeCurrentCharFormat(fmt)
        self.text.setFocus()

    def toggle_bullets(self) -> None:
        cursor = self.text.textCursor()
        current = cursor.currentList()
        if current is not None:
            block_format = cursor.blockFormat()
            current.remove(cursor.block())
            block_format.setIndent(0)
            cursor.setBlockFormat(block_format)
        else:
            cursor.createList(QTextListFormat.Style.ListDisc)
        self.text.setFocus()
