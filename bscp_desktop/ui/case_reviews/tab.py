"""The Case reviews tab: the tracker with each case's timeline, recommendations and their
actions, and the themes summary. Everything here is OFFICIAL-SENSITIVE."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QColor
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QHBoxLayout, QHeaderView, QLabel, QMenu, QPushButton, QScrollArea, QTableWidget, QTableWidgetItem, QToolButton, QVBoxLayout, QWidget

from bscp_desktop.domain.case_review_clocks import STATUS_COLOURS
from bscp_desktop.domain.case_reviews import ALIAS_REMINDER
from bscp_desktop.domain.deadlines import DeadlineStatus
from bscp_desktop.domain.kinds import RecordKind
from bscp_desktop.services import case_reviews as cr
from bscp_desktop.ui.actions.recommendations import RecommendationsPage, RecommendationsView, open_actions_of_record
from bscp_desktop.ui.case_reviews.dialogs import CaseReviewDialog, NotNotifiableDialog
from bscp_desktop.ui.case_reviews.settings_dialog import CaseReviewSettingsDialog
from bscp_desktop.ui.case_reviews.summary import SummaryPage, summary_file_name
from bscp_desktop.ui.case_reviews.timeline import TimelinePanel
from bscp_desktop.ui.case_reviews.tracker_import import TrackerImporter
from bscp_desktop.ui.common.area_tab import AreaTab, area_sections_made_when_shown, output_button, tab_shortcuts
from bscp_desktop.ui.common.labels import WARNING_STYLE, NoteBar
from bscp_desktop.ui.common.list_page import PageSpec, RecordListPage
from bscp_desktop.ui.common.messages import show_error
from bscp_desktop.ui.common.notices import ReloadsWhenShown
from bscp_desktop.ui.common.outputs import area_actions, ask_for_selected, find_action
from bscp_desktop.ui.common.sections import section_pages
from bscp_desktop.ui.common.table_model import Column, tab_moves_on
from bscp_desktop.ui.common.worker import LatestRead

SENSITIVE_BANNER = (
    "OFFICIAL-SENSITIVE: case review records. Use aliases only; every printout and workbook "
    "from this tab is marked OFFICIAL-SENSITIVE."
)

TRACKER_FILTERS: dict[str, Callable[[cr.TrackerRow], bool] | None] = {
    "All cases": None,
    "Open cases": lambda r: r.case.closed is None,
    "Overdue": lambda r: r.next is not None and r.next.status is DeadlineStatus.OVERDUE,
    "Due soon or overdue": lambda r: r.next is not None
    and r.next.status in (DeadlineStatus.OVERDUE, DeadlineStatus.DUE_SOON),
    "Closed cases": lambda r: r.case.closed is not None,
}


def status_word(row: cr.TrackerRow) -> str:
    if row.next is not None:
        return row.next.status.label
    if row.case.not_notifiable:
        return "Not notifiable"
    if row.case.closed is not None:
        return "Closed"
    return "No open deadline"


def status_colour(row: cr.TrackerRow) -> QColor | None:
    return QColor(STATUS_COLOURS[row.next.status]) if row.next is not None else None


NOTHING_DUE = 10**9  # the working days left of a case with no deadline running: after every other


def tracker_columns() -> list[Column]:
    rule = lambda r: r.next.rule_text if r.next else ""  # noqa: E731
    return [
        Column("Reference", lambda r: r.case.reference),
        Column("Alias", lambda r: r.case.alias),
        Column("Current stage", lambda r: r.stage, tooltip=lambda r: r.stage),  # read in full under a large font
        Column("Next deadline or step", lambda r: r.next_text,
               tooltip=lambda r: r.next.rule_text if r.next else "No statutory clock is running: " + r.next_step),
        # a case with nothing due sorts after every deadline, not above the overdue ones
        Column("Due", lambda r: r.next.due if r.next else None, tooltip=rule,
               sort=lambda r: r.next.due if r.next and r.next.due else date.max),
        Column("Status", status_word, background=status_colour, tooltip=status_word),
        Column("Working days left", lambda r: r.next.left_text if r.next else "",  # the most overdue first
               sort=lambda r: r.next.working_days_left if r.next and r.next.working_days_left is not None else NOTHING_DUE),
        Column("Rule", rule, tooltip=rule),
        Column("Incident", lambda r: r.case.incident_type),
        Column("Became aware", lambda r: r.case.became_aware),
        Column("Themes", lambda r: ", ".join(r.case.themes)),
    ]


_OPEN_ACTIONS = open_actions_of_record(cr.RECOMMENDATIONS)


def case_archive_note(db, case_id: int) -> str:
    """What archiving a case takes off the screens, in words before the officer confirms ('' for
    a case with neither a live recommendation nor an open action): its live recommendations leave
    the Recommendations page and the tracker workbook, while the open actions of all its
    recommendations, archived ones too, stay in the action log (as a case audit's question says)."""
    recs = cr.list_recommendations(db, case_id)
    one = len(recs) == 1
    leave = "" if not recs else (
        f"It has {'1 recommendation, which leaves' if one else f'{len(recs)} recommendations, which leave'} "
        "the Recommendations page and the tracker workbook.")
    return " ".join(filter(None, (leave, _OPEN_ACTIONS(db, case_id))))


TRACKER = PageSpec(
    noun="case review",
    kinds=(RecordKind.CASE_REVIEWS, RecordKind.MEMBERSHIPS, RecordKind.SETTINGS),
    columns=tracker_columns(),
    load=lambda db, q: cr.tracker(db, today=q.today, include_archived=q.include_archived),
    empty_text="No case reviews yet: press New case review when the local authority "
    "becomes aware of a serious incident.",
    archive=cr.archive_case_review,
    restore=cr.restore_case_review,
    archive_note=case_archive_note,  # its recommendations and their open actions
    hidden_columns=("Rule", "Incident", "Themes"),  # the tracker fits 1280 pixels
    detail=False,  # the case's timeline is shown below instead
)


class TrackerPage(RecordListPage):
    """One row per case; the selected case's timeline below."""

    def __init__(self, db, parent=None, today: date | None = None):
        super().__init__(db, TRACKER, parent, today=today)
        self.new_action.setVisible(True)
        self.edit_action.setVisible(True)
        self.filter = QComboBox()
        self.filter.setAccessibleName("Show cases")
        for text in TRACKER_FILTERS:
            self.filter.addItem(text)
        self.filter.setCurrentText("Open cases")
        self.timeline = TimelinePanel()
        self.not_notifiable_action = QAction("Close as not notifiable…", self)
        self.not_notifiable_action.setToolTip(
            "The Case Review Group considered the case and it does not meet the criteria: close it "
            "and stop its clocks"
        )
        self.not_notifiable_action.triggered.connect(self.close_as_not_notifiable)
        self.toolbar.addAction(self.not_notifiable_action)
        self.importer = TrackerImporter(db, self)
        self.import_action = QAction("Import tracker…", self)
        self.import_action.setToolTip(
            "Add or update cases from the team's existing tracker (Excel or CSV): checked first, all or nothing"
        )
        self.import_action.triggered.connect(self.importer.choose_file)
        self.template_action = QAction("Blank tracker template…", self)
        self.template_action.setToolTip("Save an empty tracker with the columns the import reads")
        self.template_action.triggered.connect(self.importer.save_template)
        self.settings_action = QAction("Deadline rules and settings…", self)
        self.settings_action.triggered.connect(self.open_settings)
        self.toolbar.addSeparator()
        # the import and its template under one entry, as on the Training tab: the bar keeps
        # room for the case outputs at the window's first size
        self.importing = QAction("Import…", self)
        self.importing.setToolTip("Import the team's existing tracker, or save a blank one with the columns the import reads")
        self.importing.setMenu(QMenu(self))
        self.importing.menu().addActions([self.import_action, self.template_action])
        self.toolbar.addAction(self.importing)
        self.toolbar.widgetForAction(self.importing).setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.toolbar.addAction(self.settings_action)
        self.add_filter_widget(self.filter, "Show:")
        self.filter.currentTextChanged.connect(lambda text: self.set_predicate(TRACKER_FILTERS[text]))
        self.set_predicate(TRACKER_FILTERS[self.filter.currentText()])
        self.table.setSortingEnabled(True)

        # the timeline shows every clock and date in full: on a short window it scrolls rather
        # than being squeezed until its parts are drawn over each other
        scroller = QScrollArea(self)
        scroller.setWidget(self.timeline)
        scroller.setWidgetResizable(True)
        scroller.setFrameShape(QScrollArea.Shape.NoFrame)
        scroller.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # it draws no focus: Tab goes on to the timeline's own parts
        scroller.setAccessibleName("Timeline of the selected case")
        self.splitter = self.show_below(scroller)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._show_timeline())

        # a setting another program spoilt is read as its default: said above the cases, with
        # the settings that set it again beside it; hidden while every setting reads
        self.settings_bar = NoteBar(self, "Deadline rules and settings…", self.open_settings,
                                    "Case review settings not read", WARNING_STYLE)
        self.settings_bar.button.setAccessibleName("Open Deadline rules and settings")
        self.settings_bar.button.setToolTip("Check the settings and save them: the setting not read is set again")
        self.settings_bar.hide()
        self.layout().insertWidget(self.layout().indexOf(self.splitter), self.settings_bar)

    def new_dialog(self, parent):
        return CaseReviewDialog(self.db, None, parent, today=self.today)

    def edit_dialog(self, parent, row):
        return CaseReviewDialog(self.db, row.case, parent, today=self.today)

    def read_more(self, db, shown) -> tuple[str, ...]:
        """A sentence for each case review setting that cannot be read (read as its default)."""
        return cr.load_settings(db).warnings

    def loaded(self) -> None:
        if self.proxy.rowCount() and self.selected() is None:
            self.table.selectRow(0)
        self._show_timeline()
        self._show_settings_warnings(self.more or ())

    def _show_settings_warnings(self, warnings: tuple[str, ...]) -> None:
        self.settings_bar.note.setText("\n".join(warnings))
        if not warnings:
            self.settings_bar.hide()
        elif self.settings_bar.isHidden():
            self.settings_bar.show()
            self.layout().activate()  # measured at the list's width, not the narrow one before its layout runs

    def clear_filters(self, record=None) -> None:
        super().clear_filters(record)
        self.filter.setCurrentText("All cases")  # the 'Show' choice hides cases too

    def _show_timeline(self) -> None:
        self.timeline.show_row(self.selected())

    def open_settings(self) -> None:
        CaseReviewSettingsDialog(self.db, self).exec()

    def not_notifiable_dialog(self) -> NotNotifiableDialog | None:
        row = self.selected()
        if row is None or row.archived:
            return None
        return NotNotifiableDialog(self.db, row.case, self, today=self.today)

    def close_as_not_notifiable(self) -> None:
        dialog = self.not_notifiable_dialog()
        if dialog is not None:
            dialog.exec()

    def update_actions(self, row) -> None:
        case = row.case if row is not None else None
        self.offer_tool(self.not_notifiable_action, (
            "Choose a case first." if case is None else
            "The case is archived." if row.archived else
            "The case is already closed as not notifiable." if case.not_notifiable else
            f"The Panel was notified on {case.notification_sent:%d/%m/%Y}: the case was notifiable."
            if case.notification_sent is not None else ""))

    def row_for(self, reference: str) -> cr.TrackerRow | None:
        return next((r for r in self.model.rows if r.case.reference == reference), None)


RECOMMENDATIONS = RecommendationsView(
    cr.RECOMMENDATIONS, "Case", (Column("Case", lambda r: r.case_reference), Column("Alias", lambda r: r.case_alias)),
    cr.case_choices, "All cases", ALIAS_REMINDER,
    "No recommendations yet: press New recommendation to record what a review recommends.",
    new_record=lambda db, parent: CaseReviewDialog(db, None, parent),
)


class ThemesPage(ReloadsWhenShown, QWidget):
    """Cases by theme and financial year of becoming aware."""

    def __init__(self, db, parent=None):
        super().__init__(parent)
        self.db = db
        self.heading = QLabel(self)
        self.heading.setWordWrap(True)
        self.table = QTableWidget(self)
        self.table.setAccessibleName("Cases by theme and financial year")
        tab_moves_on(self.table)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setMinimumSectionSize(80)
        self.buttons = QHBoxLayout()
        self.buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.table, 1)
        layout.addLayout(self.buttons)
        self.reading = LatestRead(self, "case review themes", self._show,
                                  lambda exc: show_error(self, "Could not count the cases by theme", exc))
        self.watch(db, RecordKind.CASE_REVIEWS, RecordKind.SETTINGS)
        self._stale = True  # loads when first shown

    def add_button(self, action: QAction) -> QPushButton:
        """A button for one of the page's outputs, named as every output button is (`output_button`)."""
        button = output_button(action, self, action.text().replace("…", "").strip() + "…")
        self.buttons.addWidget(button)
        return button

    def loading(self) -> bool:
        return self.reading.loading()

    def reload(self) -> None:
        """Count the cases by theme and year in a worker thread (every case of ten years)."""
        self._stale = False
        db = self.db
        self.reading.start(lambda: cr.themes_summary(db))

    def _show(self, summary) -> None:
        headers = ["Theme", *summary.year_labels, "Total"]
        self.table.clear()
        self.table.setColumnCount(len(headers))
        self.table.setHorizontalHeaderLabels(headers)
        rows = list(summary.rows)
        self.table.setRowCount(len(rows) + 1)
        for r, row in enumerate(rows):
            self._set(r, 0, row.theme)
            for c, count in enumerate(row.counts, start=1):
                self._set(r, c, str(count), right=True)
            self._set(r, len(headers) - 1, str(row.total), right=True)
        last = len(rows)
        self._set(last, 0, "Cases in the year (a case may have several themes)", bold=True)
        for c, count in enumerate(summary.cases_per_year, start=1):
            self._set(last, c, str(count), right=True, bold=True)
        self._set(last, len(headers) - 1, str(summary.total_cases), right=True, bold=True)
        if summary.total_cases:
            self.heading.setText(
                "Cases by theme and by the financial year (1 April to 31 March) in which the Case Review "
                "Group considered them (a case not yet considered: the year the local authority became "
                "aware), as the Summary for a period counts them. Archived cases are left out."
            )
        else:
            self.heading.setText("No case reviews yet: the themes summary fills in as cases are recorded.")

    def _set(self, row: int, column: int, text: str, right: bool = False, bold: bool = False) -> None:
        item = QTableWidgetItem(text)
        if right:
            item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if bold:
            font = item.font()
            font.setBold(True)
            item.setFont(font)
        self.table.setItem(row, column, item)

    def cell_texts(self) -> list[list[str]]:
        return [
            [self.table.item(r, c).text() if self.table.item(r, c) else "" for c in range(self.table.columnCount())]
            for r in range(self.table.rowCount())
        ]


@section_pages("tracker", "recommendations", "themes", "summary")
class CaseReviewsTab(AreaTab):
    def __init__(self, db, parent=None, today: date | None = None):
        super().__init__(db, parent)
        self.sections = area_sections_made_when_shown(self, {
            "tracker": ("Tracker", lambda: TrackerPage(db, self, today)),
            "recommendations": ("Recommendations and actions", lambda: RecommendationsPage(db, RECOMMENDATIONS, self, today)),
            "themes": ("Themes", lambda: ThemesPage(db, self)),
            "summary": ("Summary for a period", lambda: SummaryPage(db, self, today)),
        }, SENSITIVE_BANNER, self._built)

        # File > Export: every case review output (the registered jobs of the area)
        self._outputs = area_actions(
            self, db, RecordKind.CASE_REVIEWS,
            ask={"case": ask_for_selected(self, lambda: self.tracker.selected(), "Case summary",
                                          "Select a case in the tracker first; with none recorded yet, add one "
                                          "with New case review."),
                 "case-summary": lambda: self.summary.options()},
            file_names={
                "case": lambda o: f"Case summary {self.tracker.selected().case.reference}",
                "case-summary": summary_file_name,
            },
        )
        workbook, self._tracker_pdf, summary = (find_action(self._outputs, name) for name in ("case-reviews", "case-tracker", "case"))
        self._workbook, self._case_summary = workbook, summary
        tab_shortcuts(self, workbook, summary)

    def _built(self, name: str, page: QWidget) -> None:
        if name == "tracker":  # the case outputs beside the cases, named short on the bar (in full in menus)
            page.toolbar.addSeparator()
            for action, short in ((self._case_summary, "Case summary (PDF)"), (self._tracker_pdf, "Tracker (PDF)"),
                                  (self._workbook, "Tracker (Excel)")):
                action.setIconText(short)
                page.toolbar.addAction(action)
                page.toolbar.widgetForAction(action).setAccessibleName(action.text().rstrip("…"))
        elif name == "themes":
            for index in (0, 1):
                page.add_button(find_action(self._outputs, "case-themes", index))

    def show_record(self, kind: str, record_id: int, detail_id: int | None = None) -> None:
        """Show a case (from a search hit): select it in the tracker, whatever the filter; a hit on
        one of its recommendations (`detail_id`) selects that on the Recommendations and actions page."""
        if kind != "case_review":
            return
        if detail_id is not None:
            self.sections.setCurrentWidget(self.recommendations)
            self.recommendations.show_record(detail_id)
            return
        self.sections.setCurrentWidget(self.tracker)
        self.tracker.show_record(record_id)  # its search and filter cleared, so the case itself is chosen
