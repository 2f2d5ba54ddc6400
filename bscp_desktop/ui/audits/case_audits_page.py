"""The Case audits page: the audits (newest first) and, for the one selected, its sample of
cases with the agreed gradings and each agency's return."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QCheckBox, QMessageBox, QPushButton, QTableWidget, QTabWidget, QVBoxLayout, QWidget

from bscp_desktop.domain.audits import GRADING_COLOURS, NOT_GRADED, AuditStatus, late_request_text, next_status
from bscp_desktop.domain.kinds import RecordKind
from bscp_desktop.domain.section11 import TIMELINESS_COLOURS
from bscp_desktop.services.audits import case_audits as ca
from bscp_desktop.services.audits import learning as le
from bscp_desktop.services.audits import samples as sa
from bscp_desktop.ui.actions.recommendations import open_actions_of_record
from bscp_desktop.ui.audits import tables
from bscp_desktop.ui.audits.audit_dialogs import AuditCaseDialog, AuditDialog, ReturnDialog
from bscp_desktop.ui.audits.returns import ReturnImport, choose_agency, write_return
from bscp_desktop.ui.common.labels import plain_label
from bscp_desktop.ui.common.layout import WrappingRow
from bscp_desktop.ui.common.list_page import PageSpec, RecordListPage, offer_tool
from bscp_desktop.ui.common.messages import confirm, done, show_error, tell
from bscp_desktop.ui.common.table_model import Column, opens_on_enter

#: Why nothing of an archived audit is offered (the services refuse it too).
ARCHIVED_AUDIT = "The audit is archived: restore it first (tick Show archived, then Restore)."
ARCHIVED_GREY = "#777777"


class AuditDetail(QWidget):
    """The selected audit's cases and the agencies' returns."""

    def __init__(self, page: CaseAuditsPage):
        super().__init__(page)
        self.page = page
        self.db = page.db
        self.audit: ca.AuditDTO | None = None
        self.heading = plain_label("", self, wrap=True, name="Selected audit")  # its title, as typed
        self.add_case = QPushButton("Add case…", self)
        self.edit_case = QPushButton("Edit case…", self)
        self.record_return = QPushButton("Record a return…", self)
        self.request = QPushButton("Request returns", self)
        self.next_step = QPushButton("Next step", self)
        self.write = QPushButton("Write an agency's return…", self)
        self.read = QPushButton("Import a return…", self)
        # Archive and Restore work on the list shown below: its chosen case, or its chosen return
        self.archive_row = QPushButton("Archive case", self)
        self.restore_row = QPushButton("Restore case", self)
        self.show_archived = QCheckBox("Show archived cases and returns", self)
        buttons = WrappingRow()
        for button in (self.add_case, self.edit_case, self.record_return, self.request, self.next_step,
                       self.write, self.read, self.archive_row, self.restore_row, self.show_archived):
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.cases = tables.table("Cases of the sample", ["Case", "Alias", "Age band", "Agencies involved",
                                                    "Agreed grading", "Note of the discussion"])
        self.returns = tables.table("Agency returns", ["Case", "Alias", "Agency", "Requested", "Received",
                                                 "Agency's grading", "Good practice", "Areas for development"])
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.cases, "Cases and agreed gradings")
        self.tabs.addTab(self.returns, "Agency returns")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addLayout(buttons)
        layout.addWidget(self.tabs, 1)
        self.add_case.clicked.connect(self.on_add_case)
        self.edit_case.clicked.connect(self.on_edit_case)
        opens_on_enter(self.cases, "Open the chosen case", lambda _index: self.on_edit_case())
        self.record_return.clicked.connect(self.on_record_return)
        opens_on_enter(self.returns, "Open the chosen return", lambda _index: self.on_record_return())
        self.request.clicked.connect(self.on_request)
        self.next_step.clicked.connect(self.on_next_step)
        self.write.clicked.connect(self.on_write)
        self.read.clicked.connect(lambda: ReturnImport(self, self.db, "audit-return").start())
        self.archive_row.clicked.connect(self.on_archive_row)
        self.restore_row.clicked.connect(self.on_restore_row)
        self.show_archived.toggled.connect(lambda _on: self.show_audit(self.audit))
        self.tabs.currentChanged.connect(lambda _i: self._offer_rows())
        for table in (self.cases, self.returns):
            table.itemSelectionChanged.connect(self._offer_rows)
        self.show_audit(None)

    def show_audit(self, audit: ca.AuditDTO | None, cases: list[sa.AuditCaseDTO] | None = None) -> None:
        """Show an audit's cases and returns (`cases`: when read already, with the list); the
        archived ones too while Show archived is ticked."""
        self.audit = audit
        for table in (self.cases, self.returns):
            table.setRowCount(0)
        self.setVisible(audit is not None)  # nothing to show below the list without an audit
        if audit is None:
            for button in self._audit_tools():
                offer_tool(button, "Select an audit first.")
            self._offer_rows()
            self.heading.setText("Select an audit to see its cases and the agencies' returns.")
            return
        step = next_status(audit.status)
        self.next_step.setText(f"Move to {step.label}" if step else "Closed")
        self.heading.setText(
            f"{audit.reference} {audit.title}: {audit.status.label}"
            + (" (archived)" if audit.archived else "") + f". {audit.cases} case"
            f"{'s' if audit.cases != 1 else ''}, {audit.returns_received} of {audit.returns_requested} returns received."
            + (" Meetings: " + "; ".join(f"{m.role.label.lower()} {m.label}" for m in audit.meetings) + "."
               if audit.meetings else "")
        )
        everything = self.show_archived.isChecked()
        if cases is None:
            cases = sa.list_cases(self.db, audit.id, include_archived=everything)
        waiting = self._fill(cases, everything)
        closed = ARCHIVED_AUDIT if audit.archived else ""
        for button in (self.add_case, self.edit_case):
            offer_tool(button, closed or self._closed_to_cases())
        offer_tool(self.record_return, closed or self._closed_to_returns())
        no_agency = "" if waiting else "Add the sample of cases, with the agencies involved in each, first."
        offer_tool(self.write, closed or self._closed_to_returns("write an agency's return") or no_agency)
        offer_tool(self.next_step, closed or ("" if step is not None else "The audit is closed: it has no next step."))
        offer_tool(self.request, closed or no_agency or (
            "Every return has been requested or received." if all(ret.requested_on or ret.received for ret in waiting)
            else ""))
        self._offer_rows()
        if not self.cases.rowCount():
            self.tabs.setTabText(0, "Cases and agreed gradings (none yet: press Add case)")
        else:
            self.tabs.setTabText(0, "Cases and agreed gradings")

    def _audit_tools(self) -> tuple[QPushButton, ...]:
        return (self.add_case, self.edit_case, self.record_return, self.request, self.next_step, self.write)

    def _fill(self, cases: list[sa.AuditCaseDTO], everything: bool) -> list[sa.ReturnDTO]:
        """The cases and their returns in the two lists (an archived one greyed, marked
        archived); the live returns of live cases back."""
        today = self.page.today
        live: list[sa.ReturnDTO] = []
        for case in cases:
            self._add_row(self.cases, case, case.archived, (
                (case.reference, None), (case.alias, None), (case.age_band.label if case.age_band else "", None),
                (", ".join(case.agency_names), None),
                (case.agreed_grading.label if case.agreed_grading else NOT_GRADED, GRADING_COLOURS[case.agreed_grading]),
                (case.agreed_note, None),
            ))
            for ret in case.returns:
                if ret.archived and not everything:
                    continue
                if not ret.archived and not case.archived:
                    live.append(ret)
                on_time = ret.timeliness(today)  # late or overdue coloured as a Section 11 return is
                self._add_row(self.returns, ret, ret.archived or case.archived, (
                    (ret.case_reference, None), (ret.case_alias, None), (ret.organisation_name, None),
                    (tables.day(ret.requested_on), None),
                    (ret.received_text(today), TIMELINESS_COLOURS[on_time] if on_time.flagged else None),
                    ((ret.grading.label if ret.grading else NOT_GRADED) if ret.received else "",
                     GRADING_COLOURS[ret.grading] if ret.received else None),
                    (ret.good_practice, None),
                    (ret.areas_for_development, None),
                ))
        for table in (self.cases, self.returns):
            tables.fit(table)
        return live

    @staticmethod
    def _add_row(table: QTableWidget, record, archived: bool, cells) -> None:
        r = table.rowCount()
        table.insertRow(r)
        for c, (text, colour) in enumerate(cells):
            cell = tables.item(f"{text} (archived)" if archived and c == 0 else text, colour,
                               record if c == 0 else None)
            if archived:
                cell.setForeground(QBrush(QColor(ARCHIVED_GREY)))
            table.setItem(r, c, cell)

    def _closed_to_returns(self, change: str = "record or change a return") -> str:
        """Why the audit's returns take no `change` now it is closed (`samples.closed_to_returns`), with a full stop."""
        why = sa.closed_to_returns(self.audit.reference, self.audit.status, change) if self.audit is not None else ""
        return f"{why}." if why else ""

    def _closed_to_cases(self) -> str:
        """Why the audit's sample of cases takes no change now it is closed (`samples.closed_to_cases`), with a full stop."""
        why = sa.closed_to_cases(self.audit) if self.audit is not None else ""
        return f"{why}." if why else ""

    def _chosen_row(self) -> tuple[str, sa.AuditCaseDTO | sa.ReturnDTO | None]:
        """("case", the chosen case) or ("return", the chosen return): of the list shown."""
        if self.tabs.currentWidget() is self.returns:
            return "return", tables.row_data(self.returns)
        return "case", tables.row_data(self.cases)

    def _offer_rows(self) -> None:
        """Archive and Restore for the chosen case or return of the list shown; each one not
        offered says why."""
        noun, row = self._chosen_row()
        self.archive_row.setText(f"Archive {noun}")
        self.restore_row.setText(f"Restore {noun}")
        closed = ARCHIVED_AUDIT if self.audit is not None and self.audit.archived else ""
        closed = closed or (self._closed_to_returns() if noun == "return" else self._closed_to_cases())
        choose = ("Choose an agency's return in the list of returns first." if noun == "return"
                  else "Choose a case in the list of cases first.")
        offer_tool(self.archive_row, closed or (choose if row is None else
                                                f"The {noun} is already archived." if row.archived else ""))
        offer_tool(self.restore_row, closed or (choose if row is None else "" if row.archived else
                                                f"The {noun} is not archived: only an archived one can be restored."))

    def on_archive_row(self) -> None:
        """Archive the chosen case (a case added by mistake) or return (an agency asked by
        mistake), once the officer says so."""
        noun, row = self._chosen_row()
        if self.audit is None or row is None or row.archived:
            return
        what = ("The agency is no longer asked for it and it no longer counts in the audit." if noun == "return"
                else "It and its agencies' returns no longer count in the audit.")
        if not confirm(self, f"Archive {noun}",
                       f"Archive {row.name}? {what}\n\nIt stays in the records and the history, and can be "
                       "restored with 'Show archived cases and returns'."):
            return
        done(self, f"Could not archive the {noun}",
             lambda: (sa.archive_return if noun == "return" else sa.archive_case)(self.db, row.id))

    def on_restore_row(self) -> None:
        noun, row = self._chosen_row()
        if self.audit is None or row is None or not row.archived:
            return
        done(self, f"Could not restore the {noun}",
             lambda: (sa.restore_return if noun == "return" else sa.restore_case)(self.db, row.id))

    def on_add_case(self) -> None:
        if self.audit is not None:
            AuditCaseDialog(self.db, self.audit, None, self).exec()

    def on_edit_case(self) -> None:
        case = tables.row_data(self.cases)
        if self.audit is None:
            return
        if case is None:
            self._choose_first(self.cases, "Select a case in the list of cases first, then press Edit case.")
            return
        AuditCaseDialog(self.db, self.audit, case, self).exec()

    def on_record_return(self) -> None:
        ret = tables.row_data(self.returns)
        if ret is None:
            self._choose_first(self.returns, "Select an agency's return in the list of returns first, then press "
                                             "Record a return (or double-click it, or press Enter on it).")
            return
        self.return_dialog(ret).exec()

    def _choose_first(self, table, words: str) -> None:
        """A button that works on a chosen row, pressed with none: show the list and say so."""
        self.tabs.setCurrentWidget(table)
        QMessageBox.information(self, "Choose a row first", words)

    def return_dialog(self, ret: sa.ReturnDTO) -> ReturnDialog:
        return ReturnDialog(self.db, ret, self)

    def on_request(self) -> None:
        if self.audit is None:
            return
        try:
            marked = sa.request_returns(self.db, self.audit.id)
        except Exception as exc:
            show_error(self, "Could not request the returns", exc)
            return
        late = late_request_text(self.audit.returns_due, date.today()) if marked else ""
        self.page.tell(f"{marked} return{'s' if marked != 1 else ''} marked as requested today." + (f" {late}" if late else ""))

    def on_next_step(self) -> None:
        audit = self.audit
        if audit is None or (step := next_status(audit.status)) is None:
            return
        if done(self, "The audit cannot move on yet", lambda: ca.set_status(self.db, audit.id, step)) \
                and step is AuditStatus.RETURNS_REQUESTED:  # its returns not yet requested are, today
            late = late_request_text(audit.returns_due, date.today())
            self.page.tell("Every return not yet requested is marked as requested today." + (f" {late}" if late else ""))

    def on_write(self) -> None:
        if self.audit is None:
            return
        agencies = sa.audit_agencies(self.db, self.audit.id)
        agency_id = choose_agency(self, "Write an agency's return", agencies)
        if agency_id is not None:
            agency = next(a for a in agencies if a[1] == agency_id)
            write_return(self, self.db, "audit-return", self.audit.id, agency, self.audit.reference)


CASE_AUDITS = PageSpec(
    noun="audit",
    kinds=(RecordKind.AUDITS, RecordKind.ACTIONS, RecordKind.MEETINGS, RecordKind.MEMBERSHIPS),
    columns=[
        Column("Reference", lambda a: a.reference),
        Column("Title", lambda a: a.title),
        Column("Theme", lambda a: a.theme),
        Column("Status", lambda a: a.status.label),
        Column("Audit date", lambda a: a.audit_date),
        Column("Cases", lambda a: a.cases, align_right=True),
        Column("Returns in", lambda a: f"{a.returns_received} of {a.returns_requested}"),
        Column("Learning points", lambda a: a.learning_points, align_right=True),
        Column("Open actions", lambda a: a.actions_open, align_right=True),
    ],
    load=lambda db, q: ca.list_audits(db, include_archived=q.include_archived),
    empty_text="No case audits yet: press New audit to plan one.",
    dialog=AuditDialog,
    archive=ca.archive_audit,
    restore=ca.restore_audit,
    archive_note=open_actions_of_record(le.RECOMMENDATIONS),  # the open actions of its recommendations
    detail=False,  # the selected audit's cases and returns show below instead
)


class CaseAuditsPage(RecordListPage):
    """The audits, newest first; the selected one's cases and returns below.
    The page (detail included) reloads when audits, actions, meetings or names change."""

    def __init__(self, db, parent=None, today: date | None = None):
        super().__init__(db, CASE_AUDITS, parent, today=today)
        self.table.sortByColumn(4, Qt.SortOrder.DescendingOrder)
        self.audit_detail = AuditDetail(self)
        self.splitter = self.show_below(self.audit_detail, (1, 2))
        self._detail_of: object = self  # the audit (the row itself) shown below; never `self`
        self._detail_wanted: int | None = None  # the audit selected as a load began
        self._detail_archived = False  # its archived cases and returns too, as a load began

    def reload(self, then=None) -> None:
        kept = self.selected()
        self._detail_wanted = kept.id if kept is not None else None
        self._detail_archived = self.audit_detail.show_archived.isChecked()
        super().reload(then)

    def read_more(self, db, shown) -> tuple[ca.AuditDTO, list[sa.AuditCaseDTO]] | None:
        """The cases of the audit that will show below the list (the one selected, else the
        first), read with the list in its worker."""
        wanted = self._detail_wanted
        audit = next((a for a in shown if a.id == wanted), shown[0] if shown else None)
        return None if audit is None else (audit, sa.list_cases(db, audit.id, include_archived=self._detail_archived))

    def audit_for_outputs(self) -> ca.AuditDTO | None:
        """The audit selected; before the page has read its audits (not yet shown), the one it
        selects first, the newest, read at once; None when there is none to choose."""
        audit = self.selected()
        if audit is None and not self.model.rows:
            audit = next(iter(ca.list_audits(self.db, include_archived=self.show_archived.isChecked())), None)
        return audit

    def loaded(self) -> None:
        if self.proxy.rowCount() and self.selected() is None:
            self.table.selectRow(0)
        self._show_detail()

    def _show_detail(self) -> None:
        """The selected audit below the list (when the selection, or the rows, changed: a load
        asks several times for the same row, and its cases are read once); the part below gets
        its space back when it was hidden (no audit) while the page was laid out."""
        audit = self.selected()
        if audit is self._detail_of:
            return  # the very row shown: each load brings new rows, so a reloaded audit is shown again
        self._detail_of = audit
        read = self.more  # the cases read with the list, for that very row
        self.audit_detail.show_audit(audit, read[1] if read is not None and audit is not None and read[0] is audit
                                     else None)
        sizes = self.splitter.sizes()
        if self.audit_detail.isVisibleTo(self) and len(sizes) == 2 and sizes[1] == 0 and sum(sizes) > 0:
            self.splitter.setSizes([sum(sizes) // 3, sum(sizes) - sum(sizes) // 3])

    def tell(self, text: str) -> None:
        tell(self, text)
