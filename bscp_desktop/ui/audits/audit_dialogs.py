"""Case audit dialogs: an audit, a case of its sample, an agency's return, a learning point, a
recommendation, and the audit settings (themes, default questions, reference prefix)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QStyle,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from bscp_desktop.domain.audits import AUDIT_ALIAS_REMINDER, AUDIT_FLOW, AuditStatus, Grading, MeetingRole, SharedVia, check_audit_dates, late_request_text, next_status
from bscp_desktop.domain.case_reviews import AgeBand, name_warnings
from bscp_desktop.domain.validation import Checker
from bscp_desktop.services import audits as settings_service
from bscp_desktop.services import meetings as mt
from bscp_desktop.services import memberships as ms
from bscp_desktop.services.audits import case_audits as ca
from bscp_desktop.services.audits import learning as le
from bscp_desktop.services.audits import samples as sa
from bscp_desktop.ui.case_reviews.dialogs import CheckList, ScrollingFormDialog
from bscp_desktop.ui.common.autosave import editor_text
from bscp_desktop.ui.common.column_widths import for_the_text_size
from bscp_desktop.ui.common.dialog_fit import SCREEN_SHARE, fit_to_screen, largest_on_screen, screen_room
from bscp_desktop.ui.common.editors import DateEdit, RecordCombo, enum_combo, text_box
from bscp_desktop.ui.common.empty_choices import offer_to_add_first
from bscp_desktop.ui.common.form import FormDialog
from bscp_desktop.ui.common.labels import WARNING_STYLE, as_typed, note_label, plain_label
from bscp_desktop.ui.common.permissions import refuse
from bscp_desktop.ui.common.settings_dialog import ShowsSettings
from bscp_desktop.ui.common.table_model import tab_moves_on

ALIAS_HINT = "Use the alias, never a name"


def theme_combo(db, current: str = "") -> QComboBox:
    combo = QComboBox()
    combo.setEditable(True)
    combo.addItem("")
    for theme in ca.known_themes(db):
        combo.addItem(theme)
    combo.setCurrentText(current)
    return wide(combo)


def wide(widget: QWidget) -> QWidget:
    """A drop-down as wide as the form, so the hint under it wraps at the form's width."""
    widget.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    return widget


def names_in_full(names: QListWidget) -> QListWidget:
    """A list of names (agencies to tick) never cut off mid-word: a name longer than the list is
    wide wraps on to a second line, and each shows whole on hover. `wide_enough_for_names`
    widens the list to its longest name where the screen has room."""
    names.setProperty(_WIDEST, names.sizeHintForColumn(0))  # measured on one line, before wrapping
    names.setWordWrap(True)
    names.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    names.setResizeMode(QListView.ResizeMode.Adjust)  # wrapped again when its width changes
    for row in range(names.count()):
        names.item(row).setToolTip(as_typed(names.item(row).text()))  # an organisation's name, as typed
    return names


def wide_enough_for_names(dialog: QDialog, names: QListWidget) -> None:
    """Make `names` (from `names_in_full`) wide enough for its longest name, as far as the widest
    dialog its screen allows leaves room for it beside the field labels (the dialog then grows to
    fit it: `dialog_fit`); on a narrower screen the longer names wrap."""
    widest = names.property(_WIDEST)
    if not widest or widest <= 0:
        return
    bar = names.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, names)
    wanted = widest + 2 * names.frameWidth() + bar + 4
    room = screen_room(dialog)
    most = min(int(room.width() * SCREEN_SHARE), largest_on_screen(dialog).width())
    beside = dialog.width() - names.width() + bar  # the labels, margins and the form's own scroll bar
    width = max(names.minimumSizeHint().width(), min(wanted, most - beside))
    if beside + width > dialog.width():  # wider, so that the list stays beside its label
        dialog.resize(min(most, beside + width), dialog.height())
    if width > names.minimumWidth():
        names.setMinimumWidth(width)


_WIDEST = "_bscp_widest_name"  # a dynamic property: the width of the longest name on one line


def read_only(dialog: FormDialog, why: str) -> QLabel | None:
    """A record that takes no change now (archived, or under an archived record: `why`, in the
    words its save is refused with) opens to be read: a line at the top says why (the label,
    given back), its fields show their values without taking any, Save is not offered and
    Cancel reads Close."""
    if not why:
        return None
    note = note_label(f"{why.rstrip('.')}.", dialog)
    note.setAccessibleName("Why it cannot be changed")
    dialog.form.insertRow(0, note)
    for field in dialog.fields.values():
        for widget in (field, *field.findChildren(QWidget)):
            if isinstance(widget, (QLineEdit, QPlainTextEdit)):
                widget.setReadOnly(True)
            elif isinstance(widget, (QComboBox, QAbstractButton, QListWidget)):
                widget.setEnabled(False)
    refuse(dialog.save_button, why)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Close")
    return note


class MeetingLinks(QWidget):
    """The meetings an audit was planned, discussed or followed up at: a small table with Add
    and Remove."""

    def __init__(self, db, links: tuple[ca.MeetingLink, ...] = ()):
        super().__init__()
        self.choices = mt.meeting_choices(db, tuple(m.meeting_id for m in links))
        self.labels = {meeting_id: label for label, meeting_id in self.choices}
        self.table = QTableWidget(0, 2, self)
        self.table.setHorizontalHeaderLabels(["Meeting", "Role"])
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)  # the meeting takes the width
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.setFixedHeight(for_the_text_size(110, self.table.font()))  # a few meetings at any text size
        self.table.setAccessibleName("Meetings")
        tab_moves_on(self.table)  # Tab goes on to the meeting to add; the arrows move in the table
        self.meeting = RecordCombo(blank="(choose a meeting)")
        self.meeting.set_items(self.choices)
        self.meeting.setAccessibleName("Meeting to add")
        self.role = enum_combo(MeetingRole, MeetingRole.DISCUSSED)
        self.role.setAccessibleName("Role of the meeting")
        add = QPushButton("Add")
        add.setAccessibleName("Add the meeting")
        remove = QPushButton("Remove")
        remove.setAccessibleName("Remove the selected meeting")
        remove.setEnabled(False)  # until a meeting is chosen in the table
        self.remove_button = remove
        self.table.itemSelectionChanged.connect(lambda: remove.setEnabled(bool(self.table.selectedItems())))
        row = QHBoxLayout()
        row.addWidget(self.meeting, 1)
        row.addWidget(self.role)
        row.addWidget(add)
        row.addWidget(remove)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(row)
        add.clicked.connect(self._add)
        remove.clicked.connect(self._remove)
        for link in links:
            self._append(link.meeting_id, link.role)

    def _append(self, meeting_id: int, role: MeetingRole) -> None:
        r = self.table.rowCount()
        self.table.insertRow(r)
        item = QTableWidgetItem(self.labels.get(meeting_id, f"Meeting {meeting_id}"))
        item.setData(Qt.ItemDataRole.UserRole, meeting_id)
        item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
        role_item = QTableWidgetItem(role.label)
        role_item.setData(Qt.ItemDataRole.UserRole, role)
        role_item.setFlags(role_item.flags() & ~Qt.ItemFlag.ItemIsEditable)
        self.table.setItem(r, 0, item)
        self.table.setItem(r, 1, role_item)

    def _add(self) -> None:
        meeting_id = self.meeting.current_id()
        if meeting_id is not None and (meeting_id, self.role.currentData()) not in self.links():
            self._append(meeting_id, self.role.currentData())
            self.changed()

    def _remove(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)
            self.changed()

    def links(self) -> tuple[tuple[int, MeetingRole], ...]:
        return tuple(
            (self.table.item(r, 0).data(Qt.ItemDataRole.UserRole), self.table.item(r, 1).data(Qt.ItemDataRole.UserRole))
            for r in range(self.table.rowCount())
        )

    def changed(self) -> None:
        """Replaced by the dialog to revalidate."""


class AuditDialog(ScrollingFormDialog):
    history_table = "case_audit"

    def __init__(self, db, record: ca.AuditDTO | None = None, parent=None):
        super().__init__(f"Edit audit {record.reference}" if record else "New multi-agency case audit", parent, db=db, record=record)
        fit_to_screen(self, QSize(720, 760))
        r = record
        self.section("The audit", AUDIT_ALIAS_REMINDER)
        self.title_edit = self.add_field("title", "Title", QLineEdit(r.title if r else ""))
        self.theme = self.add_field("theme", "Theme", theme_combo(db, r.theme if r else ""),
                                    "Choose from the list or type a new one (the list is in Audit settings).")
        self.audit_date = self.add_field("audit_date", "Audit date", DateEdit(value=r.audit_date if r else None))
        self.returns_due = self.add_field("returns_due", "Returns due", DateEdit(value=r.returns_due if r else None))
        # offered: where it is, a step back and a step on (an audit moves one step at a time)
        reachable = [a for a in AUDIT_FLOW if r is None and a is AuditStatus.PLANNED
                     or r is not None and abs(a.step - r.status.step) <= 1]
        status = enum_combo(reachable, r.status if r else AuditStatus.PLANNED)
        status.setEnabled(r is not None)
        steps = ", ".join(s.label for s in AuditStatus if s is not AuditStatus.PLANNED)
        if r is None:
            hint = (f"A new audit starts as Planned: save it, then move it on a step at a time ({steps}), "
                    "giving each step's date below as it comes.")
        elif next_status(r.status):
            hint = f"It moves one step at a time; the next step is {next_status(r.status).label}."
            if next_status(r.status) is AuditStatus.RETURNS_REQUESTED:
                hint += (" Moving it there marks every return not yet requested as requested today. "
                         + late_request_text(r.returns_due, date.today())).rstrip()
        else:
            hint = "The audit is closed."
        self.status_combo = self.add_field("status", "Status", wide(status), hint)
        self.scope = self.add_field("scope", "Scope and sample", text_box(r.scope if r else "", 60, ALIAS_HINT))
        default = "\n".join(r.questions) if r else "\n".join(settings_service.load_settings(db).questions)
        self.questions = self.add_field("questions", "Questions", text_box(default, 110),
                                        "One per line; they are printed on every agency's return.")
        self.meetings = self.add_field("meetings", "Meetings", MeetingLinks(db, r.meetings if r else ()),
                                       "Where the audit was planned, discussed and followed up.")
        self.meetings.changed = lambda: (self.touched.add("meetings"), self.revalidate())
        self.section("Discussion and report")
        self.discussed_on = self.add_field("discussed_on", "Joint discussion", DateEdit(value=r.discussed_on if r else None))
        self.reported_on = self.add_field("reported_on", "Reported", DateEdit(value=r.reported_on if r else None))
        self.closed_on = self.add_field("closed_on", "Closed", DateEdit(value=r.closed_on if r else None))
        self.findings = self.add_field("findings", "Findings", text_box(r.findings if r else "", 110, ALIAS_HINT),
                                       AUDIT_ALIAS_REMINDER)
        self._ready = True
        self.touched.clear()

    def _fields(self, errors: dict[str, str]) -> ca.AuditFields:
        return ca.AuditFields(
            self.title_edit.text(), self.date_value("audit_date", errors), self.theme.currentText(),
            editor_text(self.questions), editor_text(self.scope), self.status_combo.currentData(),
            self.date_value("returns_due", errors), self.date_value("discussed_on", errors),
            self.date_value("reported_on", errors), self.date_value("closed_on", errors),
            editor_text(self.findings), self.meetings.links(),
        )

    def check(self) -> dict[str, str]:
        if not getattr(self, "_ready", False):
            return {}
        errors: dict[str, str] = {}
        f = self._fields(errors)
        c = Checker()
        c.required("title", f.title, "Title", 200)
        if f.audit_date is None and "audit_date" not in errors:
            c.add("audit_date", "Enter the audit date (when the cases are audited)")
        for key, message in check_audit_dates({k: getattr(f, k) for k in (
                "audit_date", "returns_due", "discussed_on", "reported_on", "closed_on")}).items():
            c.add(key, message)
        if not f.questions.strip():
            c.add("questions", "Give the audit at least one question (one per line)")
        return {**c.errors, **errors}

    def save(self):
        f = self._fields({})
        if self.record:
            return ca.update_audit(self.db, self.record.id, f)
        return ca.create_audit(self.db, f)


def _name_warning_label(dialog: FormDialog) -> QLabel:
    """A gentle warning, under the dialog's fields, where a real name may have been typed."""
    label = plain_label("", dialog, wrap=True, name="Names warning")  # quotes the words typed
    label.setStyleSheet(WARNING_STYLE)
    label.hide()
    dialog.form.addRow(label)
    return label


def _show_name_warnings(label: QLabel, warnings: list[str]) -> None:
    """The warnings, or nothing: a warning, never a refusal."""
    label.setText(" ".join(f"{w}." for w in warnings) + (
        " Use an alias such as Child A, never a child's or a family member's name." if warnings else ""))
    label.setVisible(bool(warnings))


def _agencies_hint(audit: ca.AuditDTO) -> str:
    """What ticking an agency does: once the audit's returns are requested, it is asked today,
    and, past the audit's returns-due date, which day its return is then due."""
    if audit.status.step < AuditStatus.RETURNS_REQUESTED.step:
        return "Each agency ticked is asked for a return on this case."
    return ("Each agency ticked is asked for a return on this case; one newly ticked is marked as requested "
            f"today. {late_request_text(audit.returns_due, date.today())}").rstrip()


class AuditCaseDialog(FormDialog):
    history_table = "audit_case"

    def __init__(self, db, audit: ca.AuditDTO, record: sa.AuditCaseDTO | None = None, parent=None):
        super().__init__(f"Edit case {record.reference}" if record else f"New case for {audit.reference}", parent, db=db, record=record)
        self.audit = audit
        r = record
        ref = plain_label(r.reference if r else f"Given when you save, for example {audit.reference}-C1", name="Case reference")
        self.form.addRow("Reference:", ref)
        alias = QLineEdit(r.alias if r else "")
        alias.setPlaceholderText("Child A")
        alias.setMaxLength(sa.ALIAS_MAX)
        self.alias = self.add_field("alias", "Alias", alias, AUDIT_ALIAS_REMINDER)
        self.age_band = self.add_field("age_band", "Age band",
                                       enum_combo(AgeBand, r.age_band if r else None, blank="(not recorded)"))
        orgs = ms.organisation_choices(db)
        live = {oid for _name, oid in orgs}
        orgs += [(name, oid) for name, oid in zip(r.agency_names, r.agency_ids, strict=True) if oid not in live] if r else []
        self.agencies = self.add_field(
            "agency_ids", "Agencies involved", names_in_full(CheckList(orgs, r.agency_ids if r else (), height=150)),
            _agencies_hint(audit),
        )
        self.agencies.itemChanged.connect(lambda _i: (self.touched.add("agency_ids"), self.revalidate()))
        self.summary = self.add_field("summary", "Summary", text_box(r.summary if r else "", 60, ALIAS_HINT))
        self.agreed = self.add_field(
            "agreed_grading", "Agreed grading",
            enum_combo(Grading, r.agreed_grading if r else None, blank="(not agreed yet)"),
            "After the joint discussion.",
        )
        self.agreed_note = self.add_field("agreed_note", "Note of the discussion",
                                          text_box(r.agreed_note if r else "", 60, ALIAS_HINT))
        self.name_warning = _name_warning_label(self)
        read_only(self, sa.closed_to_cases(audit))  # its sample is what its report says

    def showEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        wide_enough_for_names(self, self.agencies)

    def check(self) -> dict[str, str]:
        c = Checker()
        c.required("alias", self.alias.text(), "Alias", sa.ALIAS_MAX)
        if hasattr(self, "name_warning"):
            _show_name_warnings(self.name_warning, name_warnings(
                self.alias.text(), {"Summary": editor_text(self.summary),
                                    "Note of the discussion": editor_text(self.agreed_note)}))
        return c.errors

    def save(self):
        f = sa.AuditCaseFields(
            self.audit.id, self.alias.text(), self.age_band.currentData(), editor_text(self.summary),
            tuple(self.agencies.checked()), self.agreed.currentData(), editor_text(self.agreed_note),
        )
        if self.record:
            return sa.update_case(self.db, self.record.id, f)
        return sa.add_case(self.db, f)


class ReturnDialog(FormDialog):
    """One agency's return for one case."""
    history_table = "audit_return"

    def __init__(self, db, record: sa.ReturnDTO, parent=None):
        super().__init__(f"{record.organisation_name}: return for {record.case_alias}", parent, db=db, record=record)
        r = record
        # the dates are checked against it as they are typed, as the save checks them
        self.audit_date = ca.get_audit(db, r.audit_id).audit_date
        about = plain_label(f"{r.case_reference} ({r.case_alias}) in audit {r.audit_reference}", name="Case")
        self.form.addRow("Case:", about)
        self.requested_on = self.add_field("requested_on", "Requested", DateEdit(value=r.requested_on))
        self.received_on = self.add_field("received_on", "Received", DateEdit(value=r.received_on))
        self.good_practice = self.add_field("good_practice", "Good practice", text_box(r.good_practice, 80, ALIAS_HINT))
        self.development = self.add_field("areas_for_development", "Areas for development",
                                          text_box(r.areas_for_development, 80, ALIAS_HINT))
        self.grading = self.add_field("grading", "Agency's grading",
                                      enum_combo(Grading, r.grading, blank="(not graded yet)"))
        self.name_warning = _name_warning_label(self)
        read_only(self, sa.closed_return(db, r.id))

    def _fields(self, errors: dict[str, str]) -> sa.ReturnFields:
        return sa.ReturnFields(
            self.date_value("requested_on", errors), self.date_value("received_on", errors),
            editor_text(self.good_practice), editor_text(self.development), self.grading.currentData(),
        )

    def check(self) -> dict[str, str]:
        errors: dict[str, str] = {}
        if hasattr(self, "name_warning"):  # the agency's words are printed in the audit report
            _show_name_warnings(self.name_warning, name_warnings("", {
                "Good practice": editor_text(self.good_practice),
                "Areas for development": editor_text(self.development)}))
        checker, _ = sa.check_return_fields(self._fields(errors), self.audit_date,
                                            held=(self.record.requested_on, self.record.received_on))
        return {**checker.errors, **errors}

    def save(self):
        return sa.update_return(self.db, self.record.id, self._fields({}))


class LearningDialog(FormDialog):
    history_table = "audit_learning"

    def __init__(self, db, record: le.LearningDTO | None = None, parent=None, audit_id: int | None = None):
        super().__init__("Edit learning point" if record else "New learning point", parent, db=db, record=record)
        r = record
        self._audit_dates: dict[int, date | None] = {}  # each audit's date, read once (`_audit_date`)
        audit = RecordCombo()
        audit.set_items(ca.audit_choices(db, [r.audit_id] if r else []), r.audit_id if r else audit_id)
        audit.setEnabled(r is None)
        self.audit = self.add_field("audit_id", "Audit", audit)
        if r is None:
            offer_to_add_first(self, "audit_id", audit, "No audits yet: add the audit first.", "Add an audit…",
                               lambda parent: AuditDialog(db, None, parent), lambda: ca.audit_choices(db, []))
        self.text = self.add_field("text", "Learning point", text_box(r.text if r else "", 90, ALIAS_HINT))
        self.theme = self.add_field("theme", "Theme", theme_combo(db, r.theme if r else ""))
        self.via = self.add_field("shared_via", "Shared through",
                                  enum_combo(SharedVia, r.shared_via if r else None, blank="(not shared yet)"))
        meeting = RecordCombo(blank="(none)")
        meeting.set_items(mt.meeting_choices(db, (r.meeting_id,) if r and r.meeting_id else ()),
                          r.meeting_id if r else None)
        self.meeting = self.add_field("meeting_id", "Meeting", meeting, "For learning shared at a meeting.")
        self.shared_on = self.add_field("shared_on", "Shared on", DateEdit(value=r.shared_on if r else None),
                                        "Left empty, the meeting's date.")
        self.detail = self.add_field("shared_detail", "Details", QLineEdit(r.shared_detail if r else ""),
                                     "For example the briefing's or the course's name.")

    def check(self) -> dict[str, str]:
        c = Checker()
        if self.audit.current_id() is None:
            c.add("audit_id", "Choose the audit the learning comes from")
        c.required("text", editor_text(self.text), "Learning point", 10000)
        if self.meeting.has_unknown_text():
            c.add("meeting_id", "Choose the meeting from the list")
        elif self.meeting.current_id() is not None and self.via.currentData() not in (None, SharedVia.MEETING):
            c.add("meeting_id", "A meeting is only for learning shared at a meeting: set 'Shared through' to A meeting")
        shared_on = self.date_value("shared_on", c.errors)
        if "shared_on" not in c.errors and (audit_id := self.audit.current_id()) is not None:
            le.shared_on_problems(c, shared_on, self._audit_date(audit_id), date.today(),
                                  self.record.shared_on if self.record else None)
        return c.errors

    def _audit_date(self, audit_id: int) -> date | None:
        """The chosen audit's date (Shared on cannot be before it), read once per audit."""
        if audit_id not in self._audit_dates:
            self._audit_dates[audit_id] = ca.get_audit(self.db, audit_id).audit_date
        return self._audit_dates[audit_id]

    def save(self):
        f = le.LearningFields(
            self.audit.current_id(), editor_text(self.text), self.theme.currentText(), self.via.currentData(),
            self.shared_on.value(), self.meeting.current_id(), self.detail.text(),
        )
        if self.record:
            return le.update_learning(self.db, self.record.id, f)
        return le.create_learning(self.db, f)


class AuditSettingsDialog(ShowsSettings, FormDialog):
    """The team's audit themes, the default question set for new audits, the reference prefix
    (a save after someone else changed one of them is refused: `ShowsSettings`)."""

    def __init__(self, db, parent=None):
        super().__init__("Audit settings", parent, db=db)
        current = settings_service.load_settings(db)
        self.opened = current.opened
        self.themes = self.add_field("themes", "Themes", text_box("\n".join(current.themes), 150),
                                     "One per line; offered for audits and learning points.")
        self.questions = self.add_field("questions", "Default questions", text_box("\n".join(current.questions), 150),
                                        "One per line; a new audit starts with these.")
        prefix = QLineEdit(current.reference_prefix)
        prefix.setMaxLength(12)
        self.prefix = self.add_field("reference_prefix", "Reference prefix", prefix,
                                     "Audits are numbered PREFIX-year-number, for example MAA-2024-01.")

    def show_settings(self) -> None:
        current = settings_service.load_settings(self.db)
        self.opened = current.opened
        self.themes.setPlainText("\n".join(current.themes))
        self.questions.setPlainText("\n".join(current.questions))
        self.prefix.setText(current.reference_prefix)

    def check(self) -> dict[str, str]:
        c = Checker()
        if not editor_text(self.themes).strip():
            c.add("themes", "Keep at least one theme")
        if not editor_text(self.questions).strip():
            c.add("questions", "Keep at least one question in the default question set")
        return c.errors

    def save(self):
        return settings_service.save_settings(self.db, settings_service.AuditSettings(
            tuple(editor_text(self.themes).splitlines()), tuple(editor_text(self.questions).splitlines()),
            self.prefix.text(), self.opened,
        ))
