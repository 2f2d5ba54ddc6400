"""Every dialog of the program, opened on the demo database: for the layout check (nothing
clipped at 100% and 150%) and for `make screenshots`.

A new dialog adds one line to `_catalogue()`: a name and how to open it from `Demo`, which finds
the demo's records to open it on. A test fails for a dialog class missing from the list.

`clipped(dialog)` lists what a dialog cuts short: a label shorter (or narrower) than its text
needs, a drop-down narrower than its current text. Forms are checked with every field's error
showing (`with_errors`), as an officer sees them after pressing Save on an empty form.
"""

from __future__ import annotations

import importlib
import json
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from functools import cached_property
from pathlib import Path

from PySide6.QtWidgets import QApplication, QComboBox, QDialog, QLabel, QWidget

from bscp_desktop.domain.validation import RecordChanged
from bscp_desktop.ui.common.dialog_fit import fit, shortfalls


class Demo:
    """The demo database's records that dialogs open on (the first of each kind)."""

    def __init__(self, db, today: date | None = None):
        self.db = db
        self.today = today or date.today()

    @cached_property
    def meeting(self):
        from bscp_desktop.services import meetings as mt

        held = [m for m in mt.list_meetings(self.db) if mt.list_agenda(self.db, m.id)]
        return held[0]

    @cached_property
    def agenda_item(self):
        from bscp_desktop.services import meetings as mt

        return mt.list_agenda(self.db, self.meeting.id)[0]

    @cached_property
    def action(self):
        from bscp_desktop.services import actions as al

        return al.list_action_log(self.db)[0]

    @cached_property
    def case(self):
        from bscp_desktop.services import case_reviews as cr

        return cr.list_case_reviews(self.db)[0]

    @cached_property
    def audit(self):
        from bscp_desktop.services.audits import case_audits as ca

        return ca.list_audits(self.db)[0]

    @cached_property
    def cycle(self):
        from bscp_desktop.services.audits import section11 as s11

        return s11.list_cycles(self.db)[0]

    @cached_property
    def contribution(self):
        from bscp_desktop.services import finance as fin

        return fin.list_contributions(self.db)[0]

    @cached_property
    def booking(self):
        from bscp_desktop.services.training import bookings as bk

        return bk.list_bookings(self.db)[0]

    @cached_property
    def session(self):
        from bscp_desktop.services.training import courses as cs

        return cs.list_sessions(self.db)[0]

    def first(self, records):
        return records[0] if records else None


def _decision_dialog(d: Demo):
    """The first decision the demo records, in its dialog."""
    from bscp_desktop.services import meetings as mt
    from bscp_desktop.ui.meetings.dialogs.decision import DecisionDialog

    decision = mt.list_decisions(d.db)[0]
    return DecisionDialog(d.db, mt.get_meeting(d.db, decision.meeting_id), decision)


def _withdrawn_decisions(d: Demo):
    """The decisions withdrawn from the agenda item of the first decision the demo records."""
    from bscp_desktop.services import meetings as mt
    from bscp_desktop.ui.meetings.dialogs.decision import WithdrawnDecisionsDialog

    decision = mt.list_decisions(d.db)[0]
    return WithdrawnDecisionsDialog(d.db, mt.get_meeting(d.db, decision.meeting_id),
                                    mt.get_agenda_item(d.db, decision.agenda_item_id))


def _register_row(d: Demo):
    """The first person on the register of the demo's meeting."""
    from bscp_desktop.services import attendance as at

    return at.list_attendance(d.db, d.meeting.id)[0]


def _memberships(cls, pick: Callable[[Demo], object] | None = None):
    return lambda d: cls(d.db, pick(d) if pick else None)


def _catalogue() -> list[tuple[str, Callable[[Demo], QDialog]]]:
    """(name, open(demo)) for every dialog."""
    from bscp_desktop.services import finance as fin
    from bscp_desktop.services import memberships as ms
    from bscp_desktop.services.audits import s11_ratings as sr
    from bscp_desktop.services.audits import samples as sa
    from bscp_desktop.services.audits import section11 as s11
    from bscp_desktop.ui.about_box import AboutBox
    from bscp_desktop.ui.actions.dialogs import ActionDialog, ProgressUpdateDialog
    from bscp_desktop.ui.actions.recommendations import RecommendationDialog
    from bscp_desktop.ui.audits import audit_dialogs as ad
    from bscp_desktop.ui.audits import s11_dialogs as sd
    from bscp_desktop.ui.audits.recommendations_page import RECOMMENDATIONS as AUDIT_RECOMMENDATIONS
    from bscp_desktop.ui.case_reviews.dialogs import CaseReviewDialog, NotNotifiableDialog
    from bscp_desktop.ui.case_reviews.settings_dialog import CaseReviewSettingsDialog
    from bscp_desktop.ui.case_reviews.tab import RECOMMENDATIONS as CASE_RECOMMENDATIONS
    from bscp_desktop.ui.common.conflict import ComparedField, ConflictDialog
    from bscp_desktop.ui.common.history import HistoryDialog
    from bscp_desktop.ui.common.import_result import ImportResultDialog
    from bscp_desktop.ui.common.saved_file import SavedFileBox
    from bscp_desktop.ui.finance import dialogs as fd
    from bscp_desktop.ui.meetings.dialogs.agenda import AgendaItemDialog, AmendMinutesDialog, ApproveDialog, CirculateDialog
    from bscp_desktop.ui.meetings.dialogs.common import ReasonDialog
    from bscp_desktop.ui.meetings.dialogs.meeting import MeetingDialog, SeriesDialog, StandingItemsDialog
    from bscp_desktop.ui.meetings.dialogs.register import DeputyDialog, GuestDialog, NoteDialog
    from bscp_desktop.ui.meetings.escalations import EscalationDialog
    from bscp_desktop.ui.meetings.offline import CompareDialog, ReleaseDialog
    from bscp_desktop.ui.memberships import dialogs as md
    from bscp_desktop.ui.memberships.moving import MoveSeatDialog
    from bscp_desktop.ui.search import SearchDialog
    from bscp_desktop.ui.setup_checklist import PartnershipNameDialog
    from bscp_desktop.ui.tabs import TABS
    from bscp_desktop.ui.team.connect import ConnectDialog, ConnectionDialog
    from bscp_desktop.ui.team.your_name import YourNameDialog
    from bscp_desktop.ui.training import booking_dialogs as bd
    from bscp_desktop.ui.training import dialogs as td
    from bscp_desktop.ui.training.called_off import CallOffDialog
    from bscp_desktop.ui.training.imports import MappingDialog
    from bscp_desktop.ui.training.register import RegisterDialog
    from bscp_desktop.ui.training.registrations import RegistrationsDialog
    from bscp_desktop.ui.training.settings_dialog import TrainingSettingsDialog
    from bscp_desktop.ui.yearly_report.engagement import EngagementWindow
    from bscp_desktop.ui.yearly_report.report_dialog import ReportDialog
    from bscp_desktop.ui.yearly_report.window import YearlyReportWindow

    def rating(d: Demo):
        ratings = sr.list_ratings(d.db, d.cycle.id)
        return ratings[0]

    def scored(d: Demo):  # the same answer on a cycle scored from 0 to 3: its longer choices
        import dataclasses

        from bscp_desktop.domain.section11 import RatingScale
        return dataclasses.replace(rating(d), self_rating=None, moderated_rating=None, scale=RatingScale.SCORE)

    return [
        # memberships
        ("New organisation", _memberships(md.OrganisationDialog)),
        ("Edit organisation", _memberships(md.OrganisationDialog, lambda d: ms.list_organisations(d.db)[0])),
        ("New person", _memberships(md.PersonDialog)),
        ("Edit person", _memberships(md.PersonDialog, lambda d: ms.list_people(d.db)[0])),
        ("New group", _memberships(md.GroupDialog)),
        ("Edit group", _memberships(md.GroupDialog, lambda d: ms.list_groups(d.db)[0])),
        ("New membership", _memberships(md.MembershipDialog)),
        ("Edit membership", _memberships(md.MembershipDialog, lambda d: ms.list_memberships(d.db)[0])),
        ("Move to another organisation", _memberships(MoveSeatDialog, lambda d: ms.list_memberships(d.db)[0])),
        ("New confidentiality agreement", _memberships(md.AgreementDialog)),
        ("Partnership name", lambda d: PartnershipNameDialog(d.db)),
        # meetings
        ("New meeting", lambda d: MeetingDialog(d.db, None)),
        ("Edit meeting", lambda d: MeetingDialog(d.db, d.meeting)),
        ("New series", lambda d: SeriesDialog(d.db)),
        ("Standing items", lambda d: StandingItemsDialog(d.db, d.meeting.group_id, d.meeting.group_name)),
        ("New agenda item", lambda d: AgendaItemDialog(d.db, d.meeting)),
        ("Edit agenda item", lambda d: AgendaItemDialog(d.db, d.meeting, d.agenda_item)),
        ("Mark minutes circulated", lambda d: CirculateDialog(d.db, d.meeting)),
        ("Approve minutes", lambda d: ApproveDialog(d.db, d.meeting)),
        ("Amend minutes", lambda d: AmendMinutesDialog(d.db, d.agenda_item)),
        ("Edit decision", _decision_dialog),
        ("Withdrawn decisions", _withdrawn_decisions),
        ("Reason for a change", lambda d: ReasonDialog("Changing approved minutes")),
        ("Add a guest", lambda d: GuestDialog(d.db, d.meeting.id)),
        ("Deputy", lambda d: DeputyDialog(d.db, [], "Priya Shah", [("Tom Adeyemi-Clarke", 0)])),
        ("Register note", lambda d: NoteDialog(d.db, _register_row(d))),
        ("New escalation", lambda d: EscalationDialog(d.db)),
        ("Release a meeting taken offline", lambda d: ReleaseDialog(d.db, _offline_mark(d))),
        ("Bring back: changed in both places", lambda d: CompareDialog(_offline_plan(d))),
        ("New action", lambda d: ActionDialog(d.db)),
        ("Edit action", lambda d: ActionDialog(d.db, d.action)),
        ("Progress update", lambda d: ProgressUpdateDialog(d.db, d.action)),
        ("Search", lambda d: SearchDialog(d.db, {spec.area: spec.title for spec in TABS})),
        ("About", lambda d: AboutBox(None, str(d.db.path))),
        ("History", lambda d: HistoryDialog(d.db, "meeting", d.meeting.id, d.meeting.label)),
        ("Someone else saved first", lambda d: ConflictDialog(
            RecordChanged("person", "Amira Khan", "Jane Smith", datetime(2026, 12, 2, 14, 32)),
            [ComparedField("Phone", "07700 900123", "020 8937 1234")])),
        # case reviews
        ("New case review", lambda d: CaseReviewDialog(d.db, None, today=d.today)),
        ("Edit case review", lambda d: CaseReviewDialog(d.db, d.case, today=d.today)),
        ("Not notifiable", lambda d: NotNotifiableDialog(d.db, d.case, today=d.today)),
        ("New recommendation", lambda d: RecommendationDialog(d.db, CASE_RECOMMENDATIONS, None, None, d.case.id)),
        ("Case review settings", lambda d: CaseReviewSettingsDialog(d.db)),
        # audits
        ("New case audit", lambda d: ad.AuditDialog(d.db)),
        ("Edit case audit", lambda d: ad.AuditDialog(d.db, d.audit)),
        ("New audit case", lambda d: ad.AuditCaseDialog(d.db, d.audit)),
        ("Agency return", lambda d: ad.ReturnDialog(d.db, sa.list_returns(d.db, d.audit.id)[0])),
        ("New learning point", lambda d: ad.LearningDialog(d.db, None, audit_id=d.audit.id)),
        ("New audit recommendation",
         lambda d: RecommendationDialog(d.db, AUDIT_RECOMMENDATIONS, None, None, d.audit.id)),
        ("Audit settings", lambda d: ad.AuditSettingsDialog(d.db)),
        ("New Section 11 cycle", lambda d: sd.CycleDialog(d.db)),
        ("Edit Section 11 cycle", lambda d: sd.CycleDialog(d.db, d.cycle)),
        ("New standard", lambda d: sd.StandardDialog(d.db, d.cycle, today=d.today)),
        ("Standards", lambda d: sd.StandardsDialog(d.db, d.cycle, today=d.today)),
        ("Participant", lambda d: sd.ParticipantDialog(d.db, s11.list_participants(d.db, d.cycle.id)[0], today=d.today)),
        ("Rating", lambda d: sd.RatingDialog(d.db, rating(d), ("Is there a named lead?",))),
        ("Rating scored 0 to 3", lambda d: sd.RatingDialog(d.db, scored(d), ("Is there a named lead?",))),
        ("Add agencies", lambda d: sd.AddAgenciesDialog(d.db, d.cycle)),
        # training
        ("New course", lambda d: td.CourseDialog(d.db)),
        ("New course series", lambda d: td.SeriesDialog(d.db)),
        ("New session", lambda d: td.SessionDialog(d.db)),
        ("Edit session", lambda d: td.SessionDialog(d.db, d.session)),
        ("Call off a session", lambda d: CallOffDialog(d.db, d.session)),
        ("New booking", lambda d: bd.BookingDialog(d.db, None, session_id=d.session.id)),
        ("Cancel booking", lambda d: bd.CancelDialog(d.db, d.booking)),
        ("Follow up", lambda d: bd.FollowUpDialog(d.db, d.booking)),
        ("Waive a charge", lambda d: bd.WaiveDialog(d.db, d.booking)),
        ("New evaluation", lambda d: bd.EvaluationDialog(d.db, None, session_id=d.session.id)),
        ("Session register", lambda d: RegisterDialog(d.db, d.session.id)),
        ("Registrations", lambda d: RegistrationsDialog(d.db, today=d.today)),
        ("Training settings", lambda d: TrainingSettingsDialog(d.db)),
        ("Match the columns", lambda d: MappingDialog(
            "bookings", ["Delegate name", "Email address", "Organisation", "Course date"], {})),
        # finance
        ("New contribution", lambda d: fd.ContributionDialog(d.db, None, today=d.today)),
        ("New payment", lambda d: fd.PaymentDialog(d.db, d.contribution, today=d.today)),
        ("New expense", lambda d: fd.ExpenseDialog(d.db, None, today=d.today)),
        ("New income", lambda d: fd.IncomeDialog(d.db, None, today=d.today)),
        ("New financial year", lambda d: fd.YearDialog(d.db, None, today=d.today)),
        ("Budgets", lambda d: fd.BudgetsDialog(d.db, fin.list_years(d.db)[0].start_year)),
        ("Session costs", lambda d: fd.SessionCostsDialog(d.db)),
        ("Finance settings", lambda d: fd.FinanceSettingsDialog(d.db)),
        # yearly report
        ("New yearly report", lambda d: ReportDialog(d.db, None)),
        ("Yearly report", lambda d: YearlyReportWindow(d.db)),
        ("Partner engagement", lambda d: EngagementWindow(d.db)),
        # shared
        ("Import result", lambda d: ImportResultDialog(
            "Import people", "3 rows read: 2 can be added, 1 has a problem.",
            ["Row 4: Email 'priya@' is not an e-mail address"], ["2 people will be added."], confirm_text="Import")),
        ("Saved file", lambda d: SavedFileBox(None, "Minutes PDF", Path("Minutes.pdf").absolute(),
                                              "It is marked OFFICIAL-SENSITIVE: store and share it accordingly.")),
        ("Work in progress", lambda d: _progress("Checking the file and importing 5,000 people…", "Import people")),
        ("Output in progress", lambda d: _output_progress()),
        # team database
        ("Connect to team database", lambda d: ConnectDialog(_team_settings(), lambda c, p, then: None)),
        ("New team database connection", lambda d: ConnectionDialog(None, set())),
        ("Your name", lambda d: YourNameDialog(_team_settings())),
    ]


def _progress(label: str, title: str) -> QDialog:
    from bscp_desktop.ui.common.worker import _ProgressDialog

    return _ProgressDialog(label, title, False, None)


def _output_progress() -> QDialog:
    from bscp_desktop.ui.common.output_progress import OutputProgress

    progress = OutputProgress("Members of each group", None, lambda: None)
    progress.report(3, 7, "Writing the Safeguarding Forum's members…")
    return progress


def _team_settings():
    """Settings holding one connection, as an officer's after adding the team's server (in a
    file of their own, never the user's settings)."""
    import tempfile

    from PySide6.QtCore import QSettings

    from bscp_desktop.services.connections import Connection
    from bscp_desktop.ui.team.connect import save_connections

    settings = QSettings(str(Path(tempfile.gettempdir()) / "bscp-desktop-catalogue.ini"), QSettings.Format.IniFormat)
    save_connections(settings, [Connection("Brent team", "db.brent.gov.uk", "bscp", "amara.okafor")])
    return settings


def _offline_mark(d: Demo):
    """A mark as a team database would show it for the demo's meeting (the demo is a file, so
    none is stored)."""
    from datetime import datetime

    from bscp_desktop.services import offline as off

    m = d.meeting
    return off.OfflineMarkDTO(
        1, m.id, f"{m.group_name} {m.date:%d/%m/%Y}: {m.title}", "Priya Shah", datetime(2024, 3, 14, 8, 30),
        r"C:\Users\pshah\Documents\BSCP Desktop\Executive Group 2024-03-14 offline.sqlite3",
        "", None, "", "", "")


def _offline_plan(d: Demo):
    """Bringing the demo's meeting back with two fields changed in both places."""
    from datetime import datetime

    from bscp_desktop.services import offline as off

    item, action = d.agenda_item, d.action
    conflicts = (
        off.Conflict(("agenda_item", item.id, "minutes"), f"Agenda item {item.position}: {item.title}", "Minutes",
                     "The Executive noted the report and asked for the themes by June.",
                     "The Executive noted the report. Members asked for the themes to be brought to the "
                     "June meeting, with the views of children and families.",
                     "Tom Adeyemi-Clarke", datetime(2024, 3, 14, 11, 5)),
        off.Conflict(("action", action.id, "due_date"), f"Action: {action.description}", "Due date",
                     "2024-05-31", "2024-06-30", "Tom Adeyemi-Clarke", datetime(2024, 3, 14, 12, 40)),
    )
    return off.BringBackPlan(_offline_mark(d), 14, 3, 1, conflicts)


#: Base classes and the classes opened only as part of another listed above.
NOT_OPENED_ALONE = {"FormDialog", "MembershipsDialog", "ScrollingFormDialog", "SettingsDialog"}


@dataclass(frozen=True)
class Entry:
    name: str
    open: Callable[[Demo], QDialog]


def catalogue() -> list[Entry]:
    return [Entry(name, opener) for name, opener in _catalogue()]


def dialog_classes() -> set[type]:
    """Every dialog class the program defines (its UI modules imported)."""
    import bscp_desktop.ui as ui

    for module in pkgutil.walk_packages(ui.__path__, ui.__name__ + "."):
        importlib.import_module(module.name)
    found: set[type] = set()

    def walk(cls: type) -> None:
        for sub in cls.__subclasses__():
            if sub.__module__.startswith("bscp_desktop.") and sub.__name__ not in NOT_OPENED_ALONE:
                found.add(sub)
            walk(sub)

    walk(QDialog)
    return found


def with_errors(dialog: QDialog) -> None:
    """Show every field's message, as after pressing Save on the form as it is."""
    touched = getattr(dialog, "touched", None)
    fields = getattr(dialog, "fields", None)
    if isinstance(touched, set) and isinstance(fields, dict) and hasattr(dialog, "revalidate"):
        touched.update(fields)
        dialog.revalidate()


def settle(dialog: QWidget) -> None:
    """Let the dialog lay itself out, add the sections it builds on later turns and fit its
    text, as it does on screen."""
    import time

    for _ in range(3):
        QApplication.processEvents()
    whole = getattr(dialog, "whole", None)
    end = time.monotonic() + 10
    while callable(whole) and not whole() and time.monotonic() < end:
        QApplication.processEvents()
        time.sleep(0.002)
    if isinstance(dialog, QDialog):
        fit(dialog)  # as the application's fitter does (in case it is not installed)
    # the layout passes a resize starts (a picker asking for room for its name, a wrapped line
    # growing taller) run on later turns: until two turns leave every size as it was
    end, before = time.monotonic() + 2, None
    while time.monotonic() < end:
        QApplication.processEvents()
        sizes = [w.geometry() for w in (dialog, *dialog.findChildren(QWidget)) if w.isVisible()]
        if sizes == before:
            break
        before = sizes
        time.sleep(0.002)


def clipped(dialog: QWidget) -> list[str]:
    """What the dialog cuts short, in words (empty when nothing is)."""
    problems = []
    for widget, kind, needed, has in shortfalls(dialog):
        if isinstance(widget, QComboBox):
            what, text = "drop-down", widget.currentText()
        elif isinstance(widget, QLabel):
            what, text = "label", widget.text()
        else:
            what = "field"
            text = " ".join(label.text() for label in widget.findChildren(QLabel)) or widget.objectName()
        problems.append(f"{what} '{' '.join(text.split())[:60]}' needs {needed}px of {kind}, has {has}px")
    return problems


#: A laptop screen of 1280 x 800 logical pixels, at 100% and at 150% (1920 x 1200).
SCREENS = {"1": (1280, 800), "1.5": (1920, 1200)}


def offscreen_platform(folder: Path, scale: str) -> str:
    """The QT_QPA_PLATFORM value for an offscreen laptop screen at `scale` (the default
    offscreen screen is 800 pixels wide, smaller than any officer's)."""
    width, height = SCREENS.get(scale, SCREENS["1"])
    config = Path(folder) / f"screen-{scale}.json"
    screen = {"name": "laptop", "x": 0, "y": 0, "width": width, "height": height,
              "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}
    config.write_text(json.dumps({"screens": [screen]}), encoding="utf-8")
    return f"offscreen:configfile={config}"


def finish_background_work(seconds: float = 20.0) -> None:
    """Wait for what a dialog reads in the background before it is closed."""
    import time

    from bscp_desktop.ui.common.worker import BackgroundTask

    end = time.monotonic() + seconds
    while BackgroundTask._running and time.monotonic() < end:
        QApplication.processEvents()
        time.sleep(0.01)


def check_every_dialog(db, today: date | None = None, opened: set[str] | None = None) -> dict[str, list[str]]:
    """{dialog: what it cuts short} for every dialog of the catalogue, opened plain and with
    every error showing; dialogs that could not be opened say why. `opened` collects the
    dialog classes opened ("module.Class")."""
    demo = Demo(db, today)
    found: dict[str, list[str]] = {}
    for entry in catalogue():
        try:
            dialog = entry.open(demo)
        except Exception as exc:  # a dialog that cannot open on the demo is a finding too
            found[entry.name] = [f"could not open: {exc!r}"]
            continue
        if opened is not None:
            opened.add(f"{type(dialog).__module__}.{type(dialog).__name__}")
        try:
            dialog.show()
            settle(dialog)
            problems = clipped(dialog)
            with_errors(dialog)
            settle(dialog)
            problems += [f"with errors showing: {p}" for p in clipped(dialog)]
            if problems:
                found[entry.name] = problems
        finally:
            finish_background_work()
            dialog.close()
            dialog.deleteLater()
    QApplication.processEvents()
    return found

