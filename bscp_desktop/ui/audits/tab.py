"""The Audits tab: Section 11 self-assessments, multi-agency case audits, the learning log, and
the change log of everything recorded in the program."""

from __future__ import annotations

from datetime import date

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMessageBox, QWidget

from bscp_desktop.domain.kinds import RecordKind
from bscp_desktop.services import access
from bscp_desktop.services.audits import case_audits as ca
from bscp_desktop.services.audits import s11_ratings as sr
from bscp_desktop.ui.actions.recommendations import RecommendationsPage
from bscp_desktop.ui.audits.audit_dialogs import AuditSettingsDialog
from bscp_desktop.ui.audits.case_audits_page import CaseAuditsPage
from bscp_desktop.ui.audits.change_log import ChangeLogPage
from bscp_desktop.ui.audits.learning_page import LearningPage
from bscp_desktop.ui.audits.recommendations_page import RECOMMENDATIONS
from bscp_desktop.ui.audits.section11_page import Section11Page
from bscp_desktop.ui.common.area_tab import AreaTab, area_sections_made_when_shown, output_button, tab_shortcuts
from bscp_desktop.ui.common.labels import as_typed
from bscp_desktop.ui.common.outputs import area_actions, find_action
from bscp_desktop.ui.common.sections import section_pages
from bscp_desktop.ui.tabs import RefusedTab

BANNER = (
    "Case audits are OFFICIAL-SENSITIVE: use aliases only. The audits workbook, audit reports and the "
    "change log are marked OFFICIAL-SENSITIVE."
)


@section_pages("section11", "change_log")
class AuditsTab(AreaTab):
    def __init__(self, db, parent=None, today: date | None = None):
        super().__init__(db, parent)
        self._chosen = ""  # the cycle or audit named in the file name offered
        # on a team database, case audits are open only to the case reviews group (db/roles.py)
        self.refused = access.refusal(db, "case audits", access.CASE_AUDIT_TABLES)
        if self.refused:
            audit_pages = {"audits": ("Case audits", lambda: RefusedTab(self.refused, self))}
        else:
            audit_pages = {
                "audits": ("Case audits", lambda: CaseAuditsPage(db, self, today)),
                "recommendations": ("Recommendations", lambda: RecommendationsPage(db, RECOMMENDATIONS, self, today)),
                "learning": ("Learning log", lambda: LearningPage(db, self)),
            }
        self.sections = area_sections_made_when_shown(self, {
            "section11": ("Section 11", lambda: Section11Page(db, self, today)),
            **audit_pages,
            "change_log": ("Change log", lambda: ChangeLogPage(db, self)),
        }, BANNER, self._built)

        # File > Export: the audits workbook, the Section 11 summary, an audit's report, the change log
        self._outputs = area_actions(
            self, db, RecordKind.AUDITS,
            ask={"s11-summary": self._cycle_options, "audit": self._audit_options,
                 "change-log": lambda: self.change_log.output_options()},
            file_names={"s11-summary": lambda o: f"Section 11 summary {self._chosen}",
                        "audit": lambda o: f"Case audit {self._chosen}"},
        )
        tab_shortcuts(self, find_action(self._outputs, "audits"))
        self.settings_action = QAction("Audit settings…", self)
        self.settings_action.triggered.connect(lambda: AuditSettingsDialog(db, self).exec())

    def _built(self, name: str, page: QWidget) -> None:
        """Each page's outputs, beside what they are about, once it is made."""
        workbook = find_action(self._outputs, "audits")
        if name == "section11":
            page.tools.addWidget(output_button(find_action(self._outputs, "s11-summary"), self, "Summary (PDF)…"))
            page.tools.addWidget(output_button(workbook, self, "Workbook…"))
        elif name == "audits" and not self.refused:
            page.toolbar.addSeparator()
            page.toolbar.addAction(find_action(self._outputs, "audit"))
            page.toolbar.addAction(workbook)
            page.toolbar.addAction(self.settings_action)
        elif name == "change_log":
            page.add_output_buttons(find_action(self._outputs, "change-log", 0),
                                    find_action(self._outputs, "change-log", 1))

    # the case audit pages, each made when first shown or asked for (None: closed to this login)
    audits = property(lambda self: None if self.refused else self.sections.page("audits"))
    recommendations = property(lambda self: None if self.refused else self.sections.page("recommendations"))
    learning = property(lambda self: None if self.refused else self.sections.page("learning"))

    def _cycle_options(self) -> dict | None:
        cycle = self.section11.cycle_for_outputs()
        if cycle is None:
            QMessageBox.information(self, "Section 11 summary", "Start a Section 11 cycle first.")
            return None
        self._chosen = cycle.name
        return {"cycle": cycle.id}

    def _audit_options(self) -> dict | None:
        audit = self.audits.audit_for_outputs() if self.audits is not None else None
        if audit is None:
            QMessageBox.information(self, "Case audit report", as_typed(
                self.refused or ("Select an audit in Case audits first." if self.audits.model.rows
                                 else "No case audits yet: plan one first (New audit, on Case audits).")))
            return None
        self._chosen = audit.reference
        return {"record_id": audit.id}

    def show_record(self, kind: str, record_id: int, detail_id: int | None = None) -> None:
        """Show a record found by the search: its page, with the record selected."""
        if kind == "s11_rating":
            place = sr.rating_place(self.db, record_id)
            if place is not None:
                self.sections.setCurrentWidget(self.section11)
                self.section11.show_rating(*place)
            return
        if self.refused:  # case audits are closed to this user on a team database
            return
        pages = {"audit_learning": "learning", "audit_recommendation": "recommendations"}
        page = self.sections.page(pages.get(kind, "audits"))
        wanted = record_id if kind in pages else ca.audit_of(self.db, kind, record_id)
        if wanted is None:
            return
        self.sections.setCurrentWidget(page)
        page.show_record(wanted)
