"""The Training tab: the programme's sessions and bookings, courses and evaluations, figures
with their charts, and charges. Imports from the learning management system (LMS), blank
templates and the settings are on the tab's own bar; its files are under File > Export."""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QHBoxLayout, QMenu, QMessageBox, QToolButton, QVBoxLayout, QWidget

from bscp_desktop.domain.kinds import RecordKind
from bscp_desktop.jobs.training import certificate_problem, register_problem
from bscp_desktop.services.training import courses as cs
from bscp_desktop.ui.common.area_tab import AreaTab, furnish, tab_shortcuts
from bscp_desktop.ui.common.import_result import save_template
from bscp_desktop.ui.common.labels import as_typed
from bscp_desktop.ui.common.outputs import area_actions, safe_file_name
from bscp_desktop.ui.common.sections import Sections, section_pages
from bscp_desktop.ui.training.bookings_page import BookingsPage
from bscp_desktop.ui.training.called_off import SessionsCallOffPage
from bscp_desktop.ui.training.charges import ChargesPage
from bscp_desktop.ui.training.figures import FiguresPage
from bscp_desktop.ui.training.imports import TrainingImporter
from bscp_desktop.ui.training.pages import CoursesPage, EvaluationsPage
from bscp_desktop.ui.training.settings_dialog import TrainingSettingsDialog


def menu_button(parent: QWidget, text: str, entries: list[tuple[str, object]]) -> QToolButton:
    button = QToolButton(parent)
    button.setText(text)
    button.setAccessibleName(text.rstrip("…"))
    button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
    menu = QMenu(button)
    for label, slot in entries:
        menu.addAction(label, slot)
    button.setMenu(menu)
    return button


@section_pages("sessions", "bookings", "courses", "evaluations", "figures", "charges")
class TrainingTab(AreaTab):
    def __init__(self, db, parent: QWidget | None = None):
        super().__init__(db, parent)
        self.importer = TrainingImporter(db, self)
        # each page is made the first time it is shown: opening the tab costs one page
        self.sections = Sections({
            "sessions": ("Sessions", lambda: SessionsCallOffPage(db, self)),
            "bookings": ("Bookings", lambda: BookingsPage(db, self)),
            "courses": ("Courses", lambda: CoursesPage(db, self)),
            "evaluations": ("Evaluations", lambda: EvaluationsPage(db, self)),
            "figures": ("Figures and charts", lambda: FiguresPage(db, self)),
            "charges": ("Charges", lambda: ChargesPage(db, self, on_rates=lambda: self.open_settings("charges"))),
        }, self)
        self.sections.setAccessibleName("Training sections")
        self.sections.on_built = self._built
        furnish(self.sections)

        self.import_button = menu_button(self, "Import…", [
            ("Bookings from the LMS…", lambda: self.importer.start("bookings")),
            ("Bookings, choosing the columns (another system's file)…",
             lambda: self.importer.start("bookings", always_map=True)),
            ("Evaluations…", lambda: self.importer.start("evaluations")),
            ("Registrations per month…", lambda: self.importer.start("registrations")),
        ])
        self.template_button = menu_button(self, "Blank template…", [
            ("Bookings template…", lambda: self._template("bookings")),
            ("Evaluations template…", lambda: self._template("evaluations")),
            ("Registrations template…", lambda: self._template("registrations")),
        ])
        self.settings_button = QToolButton(self)
        self.settings_button.setText("Settings…")
        self.settings_button.setAccessibleName("Training settings")
        self.settings_button.setToolTip("Topics, the late-cancellation notice, charges and organisation names")
        self.settings_button.clicked.connect(lambda: self.open_settings())
        bar = QHBoxLayout()
        bar.addStretch(1)
        for button in (self.import_button, self.template_button, self.settings_button):
            bar.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.sections, 1)
        tab_shortcuts(self, lambda: self.output("training"), lambda: self.output("training-summary"))

    def _built(self, name: str, page: QWidget) -> None:
        if name == "sessions":
            page.on_show_bookings = self.show_session_bookings

    def _template(self, kind: str) -> None:
        save_template(self, kind, f"Blank {kind} template", f"{kind.capitalize()} import template.xlsx")

    def open_settings(self, page: str = "") -> None:
        TrainingSettingsDialog(self.db, self, page).exec()

    def show_session_bookings(self, session) -> None:
        self.sections.show_page("bookings").show_session(session)

    def show_record(self, kind: str, record_id: int, detail_id: int | None = None) -> None:
        """Show a record (from a search hit), selected on its page: a booking, a session or a course."""
        page = {"training_booking": "bookings", "training_session": "sessions", "training_course": "courses"}.get(kind)
        if page is not None:
            self.sections.show_page(page).show_record(record_id)

    # -- File > Export
    def _period(self, bar) -> dict:
        return {"date_from": bar.period.start, "date_to": bar.period.end}

    def _charges_options(self) -> dict:
        options = self._period(self.charges.period_bar)
        if self.charges.organisation.currentData():
            options["organisation"] = self.charges.organisation.currentData()
        return options

    def _certificate_options(self) -> dict | None:
        """The booking selected on the Bookings page, when a certificate of attendance is written
        for it (`certificate_problem`: a live booking, on a live session, of a delegate who
        attended); else None, after saying why."""
        row = self.bookings.selected()
        problem = ("Select the booking of someone who attended, on the Bookings page, first; with none yet, add one "
                   "there with New booking, and mark them attended in the session's Register… once it is held." if row is None
                   else certificate_problem(row, cs.get_session(self.db, row.session_id)))
        if problem:
            QMessageBox.information(self, "Certificate of attendance", as_typed(problem))  # names the delegate
            return None
        return {"booking": row.id}

    def _register_options(self) -> dict | None:
        """The session selected on the Sessions page, when a sign-in sheet is written for it
        (`register_problem`: one not called off); else None, after saying why."""
        row = self.sessions.selected()
        problem = ("Select a session on the Sessions page first; with none yet, add one there with New session."
                   if row is None else register_problem(self.db, row.id))
        if problem:
            QMessageBox.information(self, "Sign-in sheet", as_typed(problem))  # names the course
            return None
        return {"record_id": row.id}

    def make_outputs(self) -> list[QAction]:
        return area_actions(
            self, self.db, RecordKind.TRAINING,
            ask={
                "training-summary": lambda: self._period(self.figures.period_bar),
                "charges": self._charges_options,
                "session-register": self._register_options,
                "certificate": self._certificate_options,
            },
            file_names={
                "training-summary": lambda _o: safe_file_name(f"Training summary {self.figures.period_bar.period.label}"),
                "charges": lambda o: safe_file_name(" ".join(
                    ["Training charges", self.charges.period_bar.period.label, o.get("organisation", "")]).strip()),
                "session-register": lambda o: safe_file_name(f"Sign-in sheet {self.sessions.selected().name}"),
                "certificate": lambda o: safe_file_name(f"Certificate {self.bookings.selected().delegate_name}"),
            },
        )
