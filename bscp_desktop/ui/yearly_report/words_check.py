"""Under a built section's text flagged "words to check" (`services.yearly_report.words`): why,
the new built draft to compare the team's words with (not editable), and the two ways to deal
with it besides editing the words: use the new built draft, or keep the words as they are."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QTextBrowser, QVBoxLayout, QWidget

from bscp_desktop.domain.yearly_report import prepare_for_editor
from bscp_desktop.services import yearly_report as yr
from bscp_desktop.ui.common.labels import WARNING_STYLE, note_label, plain_label
from bscp_desktop.ui.common.messages import confirm, done
from bscp_desktop.ui.yearly_report.editor import MARKDOWN

HEADING = "Check your words"
DRAFT_HEIGHT = 160  # the most the draft takes of the window's height before it scrolls
COMPARE = ("Your words above were kept. Compare them with the new built draft below, then edit them, use the "
           "new draft in their place, or keep them as they are.")


class WordsCheck(QFrame):
    """Shown only for a flagged section of a draft report; `dealt_with` once the officer used the
    draft or kept their words (the section is read again by the window)."""

    dealt_with = Signal()

    def __init__(self, parent: QWidget, db, flush: Callable[[], bool], version: Callable[[], int | None]):
        super().__init__(parent)
        self.db, self._flush, self._version = db, flush, version
        self.report_id: int | None = None
        self.section: yr.SectionDTO | None = None
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName(HEADING)
        self.heading = plain_label(HEADING, self)
        self.heading.setStyleSheet(WARNING_STYLE + " font-weight: bold;")
        self.why = plain_label("", self, wrap=True, name="Why your words are to be checked")
        self.why.setStyleSheet(WARNING_STYLE)
        self.compare = note_label(COMPARE, self)
        self.draft_label = QLabel("New built draft (not editable):", self)
        self.draft = QTextBrowser(self)
        self.draft.setAccessibleName("New built draft")
        self.draft.setOpenLinks(False)
        self.draft_label.setBuddy(self.draft)
        self.take_button = QPushButton("Use the new built draft", self)
        self.take_button.setToolTip("Put the new built draft in place of your words (the change history keeps them)")
        self.take_button.clicked.connect(self.take)
        self.keep_button = QPushButton("Keep my words", self)
        self.keep_button.setToolTip("Your words stay as they are: you have checked them against the new figures")
        self.keep_button.clicked.connect(self.keep)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.take_button)
        buttons.addWidget(self.keep_button)
        layout = QVBoxLayout(self)
        for widget in (self.heading, self.why, self.compare, self.draft_label, self.draft):
            layout.addWidget(widget)
        layout.addLayout(buttons)
        self.hide()

    def show_section(self, report: yr.ReportDTO | None, s: yr.SectionDTO | None, editable: bool) -> None:
        """Shown for `s` when it is a flagged built section of a draft report; its buttons only
        where its text can be edited (not by a read-only login, nor while it is refreshed)."""
        flagged = report is not None and s is not None and s.built and bool(s.words_to_check) and not report.final
        self.report_id, self.section = (report.id, s) if flagged and report is not None else (None, None)
        self.setVisible(flagged)
        if s is None or not flagged:
            return
        self.why.setText(s.words_to_check)
        self.draft.document().setMarkdown(prepare_for_editor(s.draft), MARKDOWN)
        self._fit()
        for button in (self.take_button, self.keep_button):
            button.setEnabled(editable)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        """The draft shown whole at the width it has (a long one scrolls past `DRAFT_HEIGHT`)."""
        document = self.draft.document()
        document.setTextWidth(max(self.draft.viewport().width(), 100))
        frame = self.draft.height() - self.draft.viewport().height()
        self.draft.setFixedHeight(min(int(document.size().height()) + frame + 2, DRAFT_HEIGHT))

    def take(self) -> None:
        s = self.section
        if s is None or self.report_id is None or not confirm(
                self, "Use the new built draft", f"Put the new built draft of '{s.title}' in place of your words? "
                "The change history keeps your words."):
            return
        self._act("Use the new built draft", yr.take_built_draft)

    def keep(self) -> None:
        self._act("Keep my words", yr.keep_my_words)

    def _act(self, title: str, command) -> None:
        s, report_id = self.section, self.report_id
        if s is None or report_id is None or not self._flush():
            return
        if done(self, title, lambda: command(self.db, report_id, s.key, version=self._version())):
            self.dealt_with.emit()
