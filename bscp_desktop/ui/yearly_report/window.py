"""The yearly report window (Reports > Yearly report…): choose or start a report, write its
narrative sections (saved as you type), refresh the sections built from the records, see the
Working Together 2023 checklist, and save the report as PDF or Word."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtWidgets import QDialog, QGroupBox, QHBoxLayout, QLabel, QListWidgetItem, QMessageBox, QPushButton, QScrollArea, QSplitter, QTextBrowser, QVBoxLayout, QWidget

from bscp_desktop import jobs
from bscp_desktop.domain.kinds import ALL_KINDS, RecordKind
from bscp_desktop.domain.validation import RecordChanged, local_time
from bscp_desktop.domain.yearly_report import EXPECTATIONS, CheckState, checklist
from bscp_desktop.services import yearly_report as yr
from bscp_desktop.ui.common.area_tab import output_button
from bscp_desktop.ui.common.conflict import ConflictDialog, ask_about_text, saved_value
from bscp_desktop.ui.common.dialog_fit import open_beside
from bscp_desktop.ui.common.labels import TITLE, NoteBar, as_typed, empty_state, heading_label, note_label, wrapped_list
from bscp_desktop.ui.common.layout import WrappingRow, in_a_column
from bscp_desktop.ui.common.list_page import offer_tool
from bscp_desktop.ui.common.messages import confirm, done, show_error
from bscp_desktop.ui.common.notices import ReloadsWhenShown
from bscp_desktop.ui.common.outputs import job_actions
from bscp_desktop.ui.common.page_scroll import PageScroller
from bscp_desktop.ui.common.permissions import refusal
from bscp_desktop.ui.common.worker import BackgroundTask, LatestRead, run_in_background
from bscp_desktop.ui.yearly_report.editor import SectionEditor
from bscp_desktop.ui.yearly_report.figures import blocks_html, show_charts
from bscp_desktop.ui.yearly_report.report_dialog import ReportDialog
from bscp_desktop.ui.yearly_report.section_notes import built_note, text_label
from bscp_desktop.ui.yearly_report.side_panes import checklist_texts, legend, section_entries, words_room
from bscp_desktop.ui.yearly_report.title_choice import TitleChoice
from bscp_desktop.ui.yearly_report.words_check import WordsCheck

ROLE_KEY = Qt.ItemDataRole.UserRole
#: The sections, the writing pane and the checklist, side by side, on a wide screen; on a narrow
#: one the sections and the checklist give way first, down to the least width each.
PANE_WIDTHS = (250, 640, 290)
SIDE_PANE_LEAST = 170
#: Why the report's tools are not offered: there is no report, or the one chosen is final.
NO_REPORT = "Make a report first (New report…)."
FINAL = "This report is final, so its title, period and sections no longer change: reopen it as a draft to change them."
MARKS = {CheckState.DONE: "✓", CheckState.EMPTY: "○", CheckState.OUT_OF_DATE: "!", CheckState.INCOMPLETE: "!",
         yr.WordsState.TO_CHECK: "!"}


def alive(method, *args) -> None:
    """Call a window's method unless the window has gone (closed while its work ran)."""
    try:
        method(*args)
    except RuntimeError:  # the C++ object behind the window was deleted
        pass


class YearlyReportWindow(ReloadsWhenShown, QDialog):
    def __init__(self, db, parent: QWidget | None = None):
        super().__init__(parent)
        self.db = db
        open_beside(self, "Yearly report", QSize(1180, 760))
        self.report: yr.ReportDTO | None = None
        self.key: str | None = None
        self._section_version: int | None = None  # of the section whose text is on screen
        self._task = None
        self.refreshing: set[tuple[int, str]] = set()  # (report, section) being refreshed: not to be typed in
        self.checking: BackgroundTask | None = None
        # the title as the documents print it (no child named), read away from the window's thread
        self.printed_title: tuple[int, str, str] | None = None  # (report, title as typed, as printed)
        self._title_read = LatestRead(self, "the title as printed", self._title_read_back, lambda _exc: None)
        self.states: dict = {}

        # -- the report chosen, and what can be done with it
        self.choice = TitleChoice(self)  # a long title wraps rather than being cut
        self.choice.setAccessibleName("Yearly report")
        self.choice.setMinimumWidth(360)
        self.choice.currentIndexChanged.connect(self._report_chosen)
        self.new_button = QPushButton("New report…", self)
        self.new_button.clicked.connect(self.new_report)
        self.edit_button = QPushButton("Title and period…", self)
        self.edit_button.clicked.connect(self.edit_report)
        self.final_button = QPushButton("Mark final", self)
        self.final_button.clicked.connect(self.toggle_final)
        self.archive_button = QPushButton("Archive", self)
        self.archive_button.clicked.connect(self.archive)
        self.restore_button = QPushButton("Restore…", self)
        self.restore_button.setToolTip("Bring back an archived report")
        self.restore_button.setAccessibleName("Restore an archived report")
        self.restore_button.clicked.connect(self.restore)
        # made after the first row's buttons: Tab goes along the first row, then the second
        self.refresh_all_button = QPushButton("Refresh all built sections", self)
        self.refresh_all_button.clicked.connect(self.refresh_all)
        self.output_buttons = []
        job = jobs.find("report", "yearly")
        for action in job_actions(self, db, job, ask=self._chosen_report,
                                  file_name=lambda _o: self._published_title()):
            button = output_button(action, self, action.text().replace("Yearly report (", "Save as ").replace(")…", "…"))
            button.action = action  # kept alive with the button
            self.output_buttons.append(button)
        top = WrappingRow()  # the buttons go below a long report's title rather than cut it short
        caption = QLabel("Report:", self)
        caption.setBuddy(self.choice)
        top.addWidget(caption)
        top.addWidget(self.choice, 1)
        for b in (self.new_button, self.edit_button, self.final_button, self.archive_button, self.restore_button):
            top.addWidget(b)
        second = QHBoxLayout()
        self.summary = QLabel("", self)
        self.summary.setWordWrap(True)
        second.addWidget(self.summary, 1)
        second.addWidget(self.refresh_all_button)
        for b in self.output_buttons:
            second.addWidget(b)

        # -- sections
        self.sections = wrapped_list(self, "Sections", numbered=True)  # wraps under the title
        self.sections.setMinimumWidth(max(SIDE_PANE_LEAST, words_room(self.sections, section_entries())))
        self.sections.currentRowChanged.connect(self._section_chosen)

        self.heading = heading_label(self, TITLE)
        self.hint = note_label("", self)
        self.built_row = NoteBar(self, "Refresh from the records", self.refresh_section)
        self.built_state, self.refresh_button = self.built_row.note, self.built_row.button
        self.preview = QTextBrowser(self)
        self.preview.setAccessibleName("Figures built from the records")
        self.preview.setOpenLinks(False)
        self.preview.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # the page scrolls
        self.charts = QWidget(self)
        self.charts_layout = QVBoxLayout(self.charts)
        self.charts_layout.setContentsMargins(0, 0, 0, 0)
        built_box = QWidget(self)
        built_layout = QVBoxLayout(built_box)
        built_layout.setContentsMargins(0, 0, 0, 0)
        built_layout.addWidget(self.preview, 1)
        built_layout.addWidget(self.charts)
        self.built_scroll = QScrollArea(self)
        self.built_scroll.setWidgetResizable(True)
        self.built_scroll.setWidget(built_box)
        self.editor = SectionEditor(self._write, self)
        self.editor.saved.connect(self._text_saved)
        self.text_label = QLabel("Text:", self)
        self.text_label.setWordWrap(True)
        self.words_check = WordsCheck(self, db, self.flush, lambda: self._section_version)
        self.words_check.dealt_with.connect(self._words_dealt_with)

        right = QWidget(self)
        self.right_layout = in_a_column(right, self.heading, self.hint, self.built_row, (self.built_scroll, 3),
                                        self.text_label, (self.editor, 2), self.words_check)

        # -- the checklist
        self.checklist = wrapped_list(self, "Working Together 2023 checklist")
        self.checklist.setMinimumWidth(words_room(self.checklist, checklist_texts()))
        self.checklist.setToolTip("Double-click a line, or press Enter on it, to go to its section")
        self.checklist.itemActivated.connect(self._go_to_flagged)
        self.check_button = QPushButton("Check again", self)
        self.check_button.clicked.connect(self.check)
        check_title = QLabel("What Working Together 2023 expects", self)  # a title that wraps when the pane is narrow
        check_title.setWordWrap(True)
        check_box = QGroupBox(self)
        check_box.setAccessibleName(check_title.text())
        c = QVBoxLayout(check_box)
        c.addWidget(legend(check_box))
        c.addWidget(self.checklist, 1)
        c.addWidget(self.check_button)
        checks = QWidget(self)
        in_a_column(checks, check_title, (check_box, 1))
        checks_pane = PageScroller(self)  # a checklist taller than the window scrolls: the window fits a small screen
        checks_pane.hold(checks)
        checks_pane.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the checklist itself
        checks_pane.setMinimumWidth(max(SIDE_PANE_LEAST, checks_pane.minimumSizeHint().width()))

        self.splitter = QSplitter(self)
        self.splitter.setChildrenCollapsible(False)
        for pane, stretch in ((self.sections, 0), (right, 1), (checks_pane, 0)):
            self.splitter.addWidget(pane)
            self.splitter.setStretchFactor(self.splitter.count() - 1, stretch)
        self.splitter.setSizes(list(PANE_WIDTHS))
        self._panes_moved = False  # by the user: then their widths are kept
        self.splitter.splitterMoved.connect(lambda *_: setattr(self, "_panes_moved", True))
        self.splitter.installEventFilter(self)

        self.empty = QLabel("No yearly report yet: press New report… to start one for a period. Its sections "
                            "built from the records fill themselves from Meetings, Memberships, Case reviews, "
                            "Audits, Training and Finance.", self)
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        empty_state(self.empty)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(second)
        layout.addWidget(self.empty, 1)
        layout.addWidget(self.splitter, 1)
        for button in self.findChildren(QPushButton):  # a window to work in: Enter acts where it is pressed
            button.setAutoDefault(False)
            button.setDefault(False)
        self._checks = 0  # the latest check's number: an earlier one's answer arriving later is not shown
        # records the built sections are made from changed (here or by another officer): the
        # checklist is worked out again, so its out-of-date marks and Mark final are today's
        self.watch(db, *(ALL_KINDS - {RecordKind.YEARLY_REPORT}))
        self.reload()

    def catch_up(self) -> None:
        self.check()

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt API
        if watched is self.splitter and event.type() in (QEvent.Type.Resize, QEvent.Type.Show) and not self._panes_moved:
            self.share_the_width()
        return super().eventFilter(watched, event)

    def share_the_width(self) -> None:
        """The writing pane takes the room the window has: on a narrow screen (a laptop at 150%) the
        sections and the checklist give way first, each down to its least width."""
        room = self.splitter.width() - (self.splitter.count() - 1) * self.splitter.handleWidth()
        panes = [self.splitter.widget(n) for n in range(self.splitter.count())]
        least = [max(pane.minimumWidth(), pane.minimumSizeHint().width()) for pane in panes]
        sides = [0, 2]
        over = sum(PANE_WIDTHS) - room  # how much the side panes give up, their spare width shared alike
        spare = [PANE_WIDTHS[n] - least[n] for n in sides]
        widths = list(PANE_WIDTHS)
        for n, extra in zip(sides, spare, strict=True):
            widths[n] -= min(extra, round(max(over, 0) * extra / max(sum(spare), 1)))
        widths[1] = max(least[1], room - widths[0] - widths[2])
        self.splitter.setSizes(widths)

    # ------------------------------------------------------------ loading
    def reload(self, keep: int | None = None) -> None:
        self.flush()
        keep = keep if keep is not None else (self.report.id if self.report else None)
        reports = yr.list_reports(self.db)
        self.choice.blockSignals(True)
        self.choice.clear()
        for r in reports:
            self.choice.addItem(f"{r.title} ({r.status.lower()})", r.id)
        ids = [r.id for r in reports]
        self.choice.setCurrentIndex(ids.index(keep) if keep in ids else (0 if ids else -1))
        self.choice.blockSignals(False)
        self._report_chosen()

    def _chosen_report(self) -> dict | None:
        if self.report is None:
            return None
        self.flush()
        return {"record_id": self.report.id}

    def _published_title(self) -> str:
        """The report's title as its PDF and Word document print it (no child's alias or case
        reference), to name the file: as read when the report was shown or its records changed
        (`_read_title`); read now only when asked for before that read came back."""
        if self.report is None:
            return "Yearly report"
        known = self.printed_title
        if known is not None and known[:2] == (self.report.id, self.report.title):
            return known[2] or "Yearly report"
        return yr.published_title(self.db, self.report.title) or "Yearly report"

    def _read_title(self, report: yr.ReportDTO) -> None:
        """Read the title as printed away from the window's thread: the names of every case it
        is looked through for take a moment to read on a file of many years."""
        report_id, title, db = report.id, report.title, self.db
        self._title_read.start(lambda: (report_id, title, yr.published_title(db, title)), wait_ms=0)

    def _title_read_back(self, answer: tuple[int, str, str]) -> None:
        self.printed_title = answer

    def _report_chosen(self, _index: int = -1) -> None:
        self.flush()
        report_id = self.choice.currentData()
        self.report = yr.get_report(self.db, report_id) if report_id is not None else None
        self.states = {}  # until the checklist of this report is worked out
        has = self.report is not None
        self.empty.setVisible(not has)
        self.splitter.setVisible(has)
        for b in (self.edit_button, self.final_button, self.archive_button, self.refresh_all_button,
                  *self.output_buttons):
            offer_tool(b, "" if has else NO_REPORT)
        if not has:
            self.summary.setText("")
            self.sections.clear()
            self.checklist.clear()
            self.key = None
            self.editor.show_text(None, False)
            return
        r = self.report
        early = None if r.final else yr.period_not_ended(r)  # Mark final says so too, before asking
        self.summary.setText(
            f"{r.status}. Covers {r.period_start:%d/%m/%Y} to {r.period_end:%d/%m/%Y}."
            + (f" Marked final on {r.finalised_on:%d/%m/%Y}." if r.final and r.finalised_on else "")
            + (f" {early}." if early else "")
        )
        self.final_button.setText("Reopen as draft" if r.final else "Mark final")
        self.final_button.setToolTip(early or "")
        offer_tool(self.edit_button, FINAL if r.final else "")
        offer_tool(self.refresh_all_button, FINAL if r.final else self._refreshing_words())
        self._fill_sections()
        self.check()

    def _fill_sections(self) -> None:
        assert self.report is not None
        keep = self.key
        self.sections.blockSignals(True)
        self.sections.clear()
        for number, s in enumerate(self.report.sections, start=1):
            mark = ""
            kind = " (built)" if s.built else ""
            item = QListWidgetItem(f"{mark}{number:02d} {s.title}{kind}")
            item.setData(ROLE_KEY, s.key)
            self.sections.addItem(item)
        keys = [s.key for s in self.report.sections]
        self.sections.setCurrentRow(keys.index(keep) if keep in keys else 0)
        self.sections.blockSignals(False)
        self._section_chosen(self.sections.currentRow())

    def _section_chosen(self, row: int) -> None:
        if not self.flush_or_ask():  # stay with the words not saved, on their section
            was = next((n for n, s in enumerate(self.report.sections) if s.key == self.key), row) if self.report else row
            self.sections.blockSignals(True)
            self.sections.setCurrentRow(was)
            self.sections.blockSignals(False)
            return
        if self.report is None or not 0 <= row < len(self.report.sections):
            return
        s = self.report.sections[row]
        self.key = s.key
        self.heading.setText(f"{row + 1:02d} {s.title}")
        self.hint.setText(s.hint)
        self.built_row.setVisible(s.built)
        self.built_scroll.setVisible(s.built)
        refused = refusal(self.db)  # a read-only login reads the report, never types into it
        self.text_label.setText(text_label(self.report, s, refused))
        self.right_layout.setStretchFactor(self.editor, 1 if s.built else 5)
        busy = self._refreshing(s.key)
        if s.built:
            self.built_state.setText(self._built_note(s))
            offer_tool(self.refresh_button, FINAL if self.report.final else self._refreshing_words(s.key))
            self._show_blocks(s)
        self._section_version = s.version  # the text on screen is saved from this version
        self.editor.show_text(s.text, editable=not self.report.final and not refused and not busy)
        self.words_check.show_section(self.report, s, editable=not refused and not busy)
        if refused or busy:
            self.editor.state.setText(refused or "Being refreshed from the records: it can be edited once that is done.")

    def _refreshing(self, key: str | None = None) -> bool:
        """Whether a section of the report shown (`key`, or any) is being refreshed."""
        return self.report is not None and any(
            report_id == self.report.id and key in (None, k) for report_id, k in self.refreshing)

    def _refreshing_words(self, key: str | None = None) -> str:
        """Why a section (`key`), or all of them (None), cannot be refreshed now: a refresh is under way."""
        if not self._refreshing(key):
            return ""
        return "This section is being refreshed from the records." if key else \
            "Sections are being refreshed from the records: wait until that is done."

    def _built_note(self, s: yr.SectionDTO) -> str:
        return built_note(self.report, s, self._refreshing(s.key), self.states.get(s.key))

    def _show_blocks(self, s: yr.SectionDTO) -> None:
        self.preview.setHtml(blocks_html(s.blocks))
        document = self.preview.document()
        document.setTextWidth(max(self.built_scroll.viewport().width() - 24, 400))
        self.preview.setFixedHeight(int(document.size().height()) + 12)
        show_charts(self.charts, self.charts_layout, s.blocks)

    # ------------------------------------------------------------ saving text
    def _write(self, text: str) -> bool:
        report_id, key = self.report.id if self.report else None, self.key
        if report_id is None or key is None:
            return False
        try:
            saved = yr.save_section_text(self.db, report_id, key, text, version=self._section_version)
        except RecordChanged as refusal:  # someone else saved this section's text meanwhile
            theirs = saved_value(refusal, "text") or ""
            answer = ask_about_text(self, refusal, "Text", text, theirs)
            if answer == ConflictDialog.OVERWRITE:
                saved = yr.save_section_text(self.db, report_id, key, text, version=refusal.current)
            elif answer == ConflictDialog.RELOAD and self.key == key:
                self.editor.show_text(theirs, editable=True)
                self._section_version = refusal.current
                return False
            else:
                raise
        here = self.key == key and self.report is not None and self.report.id == report_id
        if here:
            self._section_version = saved.version
        return here

    def _text_saved(self) -> None:
        if self.report is not None:
            self.report = yr.get_report(self.db, self.report.id)
            s = self.report.section(self.key) if self.key else None
            if s is not None and self.words_check.isVisible() and not s.words_to_check:
                # an edit of the words: the officer has looked at them (what they type stays as it is)
                self.words_check.show_section(self.report, s, editable=True)
                self.text_label.setText(text_label(self.report, s, ""))
                self.check()

    def _words_dealt_with(self) -> None:
        """The section's words no longer to check: shown again (its text, the draft's panel), and checked."""
        self.report = yr.get_report(self.db, self.report.id) if self.report else None
        self._section_chosen(self.sections.currentRow())
        self.check()

    def flush(self) -> bool:
        """Save anything typed and not yet saved (the window calls this before it closes)."""
        return self.editor.flush()

    def flush_or_ask(self) -> bool:
        """As `flush`; where the words could not be saved, True only if the officer discards them."""
        return self.editor.flush_or_ask()

    # ------------------------------------------------------------ commands
    def new_report(self) -> None:
        self.flush()
        dialog = ReportDialog(self.db, None, self)
        if dialog.exec():
            self.reload(keep=dialog.result_value.id)

    def edit_report(self) -> None:
        if self.report is None:
            return
        self.flush()
        dialog = ReportDialog(self.db, self.report, self)
        if dialog.exec():
            self.reload()

    def toggle_final(self) -> None:
        if self.report is None:
            return
        self.flush()
        final = not self.report.final
        # as saved now (another officer may have written a section), against the checklist shown
        refusal = yr.final_refusal(yr.get_report(self.db, self.report.id), self.states) if final else None
        if refusal is not None:  # said before the question, so a yes is never followed by a no
            show_error(self, "Mark final", refusal)
            return
        if final and not confirm(self, "Mark final", "Mark this report final? Its PDF loses the DRAFT mark, "
                                 "and nothing in it can change until it is reopened as a draft."):
            return
        done(self, "Mark final" if final else "Reopen", lambda: yr.set_final(self.db, self.report.id, final, on=date.today()))
        self.reload()

    def archive(self) -> None:
        if self.report is None:
            return
        if confirm(self, "Archive", f"Archive '{self.report.title}'? It is kept and can be restored."):
            self.flush()
            if not done(self, "Archive", lambda: yr.archive_report(self.db, self.report.id)):
                return
            self.report = None
            self.reload()

    def restore(self) -> None:
        from PySide6.QtWidgets import QInputDialog

        archived = [r for r in yr.list_reports(self.db, include_archived=True) if r.archived]
        if not archived:
            QMessageBox.information(self, "Restore", "No yearly report is archived.")
            return
        labels = [f"{r.title} ({r.period_start:%d/%m/%Y} to {r.period_end:%d/%m/%Y}), archived "
                  f"{local_time(r.archived_at):%d/%m/%Y %H:%M}" for r in archived]
        # two archived the same minute: each also by its number, so every line names one report
        labels = [f"{label}, report {r.id}" if labels.count(label) > 1 else label for label, r in zip(labels, archived, strict=True)]
        choice, ok = QInputDialog.getItem(self, "Restore", "Restore which report?", labels, 0, False)
        if ok and choice in labels:
            report = archived[labels.index(choice)]  # the line chosen: each line is one report's
            if not done(self, "Restore", lambda: yr.restore_report(self.db, report.id)):
                return
            self.reload(keep=report.id)

    def _go_to_flagged(self, item: QListWidgetItem) -> None:
        """From a checklist line to the first of its sections that is not done."""
        line = item.data(ROLE_KEY + 1)
        if not line or self.report is None:
            return
        keys = [s.key for s in self.report.sections]
        for key in line:
            if self.states.get(key) is not CheckState.DONE:
                self.sections.setCurrentRow(keys.index(key))
                self.editor.text.setFocus()
                return
        self.sections.setCurrentRow(keys.index(line[0]))

    def refresh_section(self) -> None:
        if self.report is None or self.key is None or self._refreshing(self.key):
            return
        report_id, key, title = self.report.id, self.key, self.report.section(self.key).title
        self._refresh((key,), f"Refreshing '{title}'", "Refresh from the records",
                      lambda progress: yr.refresh_section(self.db, report_id, key, progress=progress))

    def refresh_all(self) -> None:
        if self.report is None or self._refreshing():
            return
        report_id = self.report.id
        self._refresh(tuple(s.key for s in self.report.sections if s.built), "Refreshing the built sections",
                      "Refresh all built sections", lambda progress: yr.refresh_all(self.db, report_id, progress=progress))

    def _refresh(self, keys: tuple[str, ...], title: str, failure_title: str, job) -> None:
        """Rebuild sections away from the window's thread, with its progress. Until it ends, those
        sections cannot be typed in or refreshed again (nor all of them with Refresh all); then the
        report is read again, or what went wrong is said under `failure_title`."""
        assert self.report is not None
        if not self.flush_or_ask():  # the officer stays with words not saved: nothing is refreshed
            return
        busy = {(self.report.id, key) for key in keys}
        self.refreshing |= busy

        def ended(exc: Exception | None = None, left: tuple[str, ...] = ()) -> None:
            self.refreshing -= busy
            if exc is not None:
                show_error(self, failure_title, exc)
            self.reload()
            if left:  # sections this login may not read the records of, left as they were
                QMessageBox.information(self, failure_title, as_typed("\n\n".join(left)))

        self._task = run_in_background(self, title, job,
                                       on_done=lambda r: alive(ended, None, getattr(r, "left", ())),
                                       on_error=lambda exc: alive(ended, exc),
                                       writes=f"{title} in the yearly report")
        offer_tool(self.refresh_all_button, self._refreshing_words())
        self._section_chosen(self.sections.currentRow())  # its words cannot be typed in meanwhile

    def check(self) -> None:
        """The checklist: ticked, empty, or out of date. Built sections are rebuilt to compare,
        away from the window's thread."""
        if self.report is None:
            return
        report = self.report
        self._read_title(report)  # a case's alias may have been recorded: the file's name is read again
        self.states = {}  # until this check answers: Mark final then asks the service alone
        self._checks += 1
        number = self._checks
        self.checklist.clear()
        self.checklist.addItem("Checking…")
        self.check_button.setEnabled(False)
        # no parent: the task outlives this window if it is closed meanwhile (it ends by itself)
        self.checking = BackgroundTask(None, "Checking the report", lambda _p, db=self.db: yr.section_states(db, report),
                                       show_progress=False)
        self.checking.done.connect(lambda states, report_id=report.id: alive(self._show_checklist, report_id, states, number))
        self.checking.error.connect(lambda exc: alive(self._check_failed, exc))
        self.checking.start()

    def loading(self) -> bool:
        """Whether the checklist is still being worked out (screenshots wait for it)."""
        return not self.check_button.isEnabled() and self.report is not None

    def _check_failed(self, exc) -> None:
        self.check_button.setEnabled(True)
        self.checklist.clear()
        show_error(self, "Checklist", exc)

    def _show_checklist(self, report_id: int, states: dict, number: int | None = None) -> None:
        if number is not None and number != self._checks:
            return  # a later check is on its way
        self.check_button.setEnabled(True)
        if self.report is None or self.report.id != report_id:
            return
        self.checklist.clear()
        for expectation, line in zip(EXPECTATIONS, checklist(states), strict=True):
            text = f"{MARKS[line.state]} {line.text}" + (f" — {line.detail}" if line.detail else "")
            item = QListWidgetItem(text)
            item.setData(ROLE_KEY, line.state.value)
            item.setData(ROLE_KEY + 1, list(expectation.sections))
            item.setToolTip(line.detail or "Has content")
            self.checklist.addItem(item)
        self.states = states
        if self.key in states and self.report.section(self.key).built:
            self.built_state.setText(self._built_note(self.report.section(self.key)))
        for row in range(self.sections.count()):
            item = self.sections.item(row)
            key = item.data(ROLE_KEY)
            if key in states:
                s = self.report.section(key)
                item.setText(f"{MARKS[states[key]]} {row + 1:02d} {s.title}" + (" (built)" if s.built else ""))

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt API
        if not self.flush_or_ask():  # the officer stays with words not saved
            event.ignore()
            return
        super().closeEvent(event)

    def done(self, result: int) -> None:
        if not self.flush_or_ask():
            return
        super().done(result)
