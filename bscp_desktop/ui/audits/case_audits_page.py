"""The Case audits page: the audits (newest first) and, for the one selected, its sample of
cases with the agreed gradings and each agency's return."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QPushButton, QTabWidget, QVBoxLayout, QWidget

from bscp_desktop.domain.audits import GRADING_COLOURS, NOT_GRADED, next_status
from bscp_desktop.domain.kinds import RecordKind
from bscp_desktop.services.audits import case_audits as ca
from bscp_desktop.services.audits import samples as sa
from bscp_desktop.ui.audits import tables
from bscp_desktop.ui.audits.audit_dialogs import AuditCaseDialog, AuditDialog, ReturnDialog
from bscp_desktop.ui.audits.returns import ReturnImport, choose_agency, write_return
from bscp_desktop.ui.common.layout import WrappingRow
from bscp_desktop.ui.common.list_page import PageSpec, RecordListPage, offer_tool
from bscp_desktop.ui.common.messages import show_error, tell
from bscp_desktop.ui.common.table_model import Column


class AuditDetail(QWidget):
    """The selected audit's cases and the agencies' returns."""

    def __init__(self, page: CaseAuditsPage):
        super().__init__(page)
        self.page = page
        self.db = page.db
        self.audit: ca.AuditDTO | None = None
        self.heading = QLabel(self)
        self.heading.setWordWrap(True)
        self.heading.setAccessibleName("Selected audit")
        self.add_case = QPushButton("Add case…", self)
        self.edit_case = QPushButton("Edit case…", self)
        self.record_return = QPushButton("Record a return…", self)
        self.request = QPushButton("Request returns", self)
        self.next_step = QPushButton("Next step", self)
        self.write = QPushButton("Write an agency's return…", self)
        self.read = QPushButton("Import a return…", self)
        buttons = WrappingRow()
        for button in (self.add_case, self.edit_case, self.record_return, self.request, self.next_step,
                       self.write, self.read):
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
        self.cases.doubleClicked.connect(lambda _i: self.on_edit_case())
        self.record_return.clicked.connect(self.on_record_return)
        self.returns.doubleClicked.connect(lambda _i: self.on_record_return())
        self.request.clicked.connect(self.on_request)
        self.next_step.clicked.connect(self.on_next_step)
        self.write.clicked.connect(self.on_write)
        self.read.clicked.connect(lambda: ReturnImport(self, self.db, "audit-return").start())
        self.show_audit(None)

    def show_audit(self, audit: ca.AuditDTO | None, cases: list[sa.AuditCaseDTO] | None = None) -> None:
        """Show an audit's cases and returns (`cases`: when read already, with the list)."""
        self.audit = audit
        for button in (self.add_case, self.edit_case, self.record_return, self.request, self.next_step, self.write):
            button.setEnabled(audit is not None)
        for table in (self.cases, self.returns):
            table.setRowCount(0)
        self.setVisible(audit is not None)  # nothing to show below the list without an audit
        if audit is None:
            self.heading.setText("Select an audit to see its cases and the agencies' returns.")
            return
        step = next_status(audit.status)
        self.next_step.setText(f"Move to {step.label}" if step else "Closed")
        self.next_step.setEnabled(step is not None)
        self.heading.setText(
            f"{audit.reference} {audit.title}: {audit.status.label}. {audit.cases} case"
            f"{'s' if audit.cases != 1 else ''}, {audit.returns_received} of {audit.returns_requested} returns received."
            + (" Meetings: " + "; ".join(f"{m.role.label.lower()} {m.label}" for m in audit.meetings) + "."
               if audit.meetings else "")
        )
        today = self.page.today
        for case in cases if cases is not None else sa.list_cases(self.db, audit.id):
            r = self.cases.rowCount()
            self.cases.insertRow(r)
            for c, (text, colour) in enumerate((
                (case.reference, None), (case.alias, None), (case.age_band.label if case.age_band else "", None),
                (", ".join(case.agency_names), None),
                (case.agreed_grading.label if case.agreed_grading else NOT_GRADED, GRADING_COLOURS[case.agreed_grading]),
                (case.agreed_note, None),
            )):
                self.cases.setItem(r, c, tables.item(text, colour, case if c == 0 else None))
            for ret in case.returns:
                if ret.archived:
                    continue
                r = self.returns.rowCount()
                self.returns.insertRow(r)
                received = tables.day(ret.received_on) or ("Overdue" if ret.overdue_on(today) else "Not yet")
                for c, (text, colour) in enumerate((
                    (ret.case_reference, None), (ret.case_alias, None), (ret.organisation_name, None),
                    (tables.day(ret.requested_on), None),
                    (received, "#F4B6B6" if ret.overdue_on(today) else None),
                    ((ret.grading.label if ret.grading else NOT_GRADED) if ret.received else "",
                     GRADING_COLOURS[ret.grading] if ret.received else None),
                    (ret.good_practice, None),
                    (ret.areas_for_development, None),
                )):
                    self.returns.setItem(r, c, tables.item(text, colour, ret if c == 0 else None))
        for table in (self.cases, self.returns):
            tables.fit(table)
        waiting = [self.returns.item(r, 0).data(Qt.ItemDataRole.UserRole) for r in range(self.returns.rowCount())]
        offer_tool(self.request, (
            "Add the sample of cases, with the agencies involved in each, first." if not waiting else
            "Every return has been requested." if all(ret.requested_on for ret in waiting if ret is not None)
            else ""))
        if not self.cases.rowCount():
            self.tabs.setTabText(0, "Cases and agreed gradings (none yet: press Add case)")
        else:
            self.tabs.setTabText(0, "Cases and agreed gradings")

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
                                             "Record a return (or double-click it).")
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
        self.page.tell(f"{marked} return{'s' if marked != 1 else ''} marked as requested today.")

    def on_next_step(self) -> None:
        if self.audit is None or next_status(self.audit.status) is None:
            return
        try:
            ca.set_status(self.db, self.audit.id, next_status(self.audit.status))
        except Exception as exc:
            show_error(self, "The audit cannot move on yet", exc)

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

    def reload(self, then=None) -> None:
        kept = self.selected()
        self._detail_wanted = kept.id if kept is not None else None
        super().reload(then)

    def read_more(self, db, shown) -> tuple[ca.AuditDTO, list[sa.AuditCaseDTO]] | None:
        """The cases of the audit that will show below the list (the one selected, else the
        first), read with the list in its worker."""
        wanted = self._detail_wanted
        audit = next((a for a in shown if a.id == wanted), shown[0] if shown else None)
        return None if audit is None else (audit, sa.list_cases(db, audit.id))

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
