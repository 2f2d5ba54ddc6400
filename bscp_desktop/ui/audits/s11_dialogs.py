"""Section 11 dialogs: a cycle, a standard, an agency's return, one rating, and adding agencies."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QCheckBox, QComboBox, QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QLineEdit, QListWidget, QListWidgetItem, QPushButton, QSpinBox, QVBoxLayout, QWidget

from bscp_desktop.domain.section11 import Rating, RatingScale, check_cycle_dates, check_return_dates
from bscp_desktop.domain.validation import Checker
from bscp_desktop.services import memberships as ms
from bscp_desktop.services.audits import s11_follow_on as follow_on
from bscp_desktop.services.audits import s11_ratings as sr
from bscp_desktop.services.audits import section11 as s11
from bscp_desktop.ui.audits.audit_dialogs import read_only, wide
from bscp_desktop.ui.common.autosave import editor_text
from bscp_desktop.ui.common.dialog_fit import fit_to_screen
from bscp_desktop.ui.common.editors import DateEdit, RecordCombo, text_box
from bscp_desktop.ui.common.form import FormDialog
from bscp_desktop.ui.common.labels import note_label
from bscp_desktop.ui.common.list_page import offer_tool
from bscp_desktop.ui.common.messages import confirm, done
from bscp_desktop.ui.common.table_model import opens_on_enter


def rating_combo(current: Rating | None, blank: str, scale: RatingScale = RatingScale.RAG) -> QComboBox:
    """The ratings of the cycle's `scale`, each with what it means, then Not applicable."""
    combo = QComboBox()
    combo.addItem(blank, None)
    for rating in scale.ratings:
        combo.addItem(f"{rating.label}: {rating.meaning}", rating)
    combo.setCurrentIndex(max(combo.findData(current), 0) if current is not None else 0)
    return wide(combo)


class CycleDialog(FormDialog):
    history_table = "s11_cycle"

    def __init__(self, db, record: s11.CycleDTO | None = None, parent=None):
        super().__init__(f"Edit cycle {record.name}" if record else "New Section 11 cycle", parent, db=db, record=record)
        r = record
        name = QLineEdit(r.name if r else "")
        name.setPlaceholderText("2024-26")
        name.setMaxLength(s11.NAME_MAX)
        self.name = self.add_field("name", "Name", name, "Usually the two years it covers, for example 2024-26.")
        self.opens_on = self.add_field("opens_on", "Opens", DateEdit(value=r.opens_on if r else None),
                                       "When returns go out. The standards can change until then.")
        self.due_on = self.add_field("due_on", "Returns due", DateEdit(value=r.due_on if r else None),
                                     "Returns after this date are flagged late.")
        earlier = RecordCombo(blank="(the latest cycle before it, if on the same scale)" if r is None else "(none)")
        earlier.set_items([(c.name, c.id) for c in s11.list_cycles(db, include_archived=True) if not r or c.id != r.id],
                          r.compare_with_id if r else None)
        self.compare_with = self.add_field("compare_with_id", "Compare with", earlier,
                                           "Each rating is shown beside this cycle's, as improved, same or declined "
                                           "when both cycles use the same rating scale."
                                           + ("" if r else " A new cycle starts with that cycle's standards (else "
                                              "the latest cycle's before it), or the common eight."))
        scale = QComboBox()
        for each in RatingScale:
            scale.addItem(each.label, each)
        scale.setCurrentIndex(max(scale.findData(r.rating_scale if r else RatingScale.RAG), 0))
        self.rated = s11.rated_count(db, r.id) if r else 0  # a scale with ratings on it stays
        self.rating_scale = self.add_field(
            "rating_scale", "Rating scale", scale,
            "Red below the minimum expected, amber meets the minimum but needs improvement, green fully met; "
            "or a score: 0 not met, 1 partly met (below the minimum), 2 meets the minimum but needs "
            "improvement, 3 fully met. Not applicable is on both. It cannot change once there are ratings.")
        if r is None:  # the earlier cycle's open actions stay under it: said before the new one is saved
            self.open_actions = note_label("", self)
            self.open_actions.setObjectName("open_actions_note")
            self.form.addRow("", self.open_actions)
            for signal in (self.opens_on.changed, earlier.currentIndexChanged, scale.currentIndexChanged):
                signal.connect(self.show_open_actions)
            self.show_open_actions()
        self.notes = self.add_field("notes", "Notes", text_box(r.notes if r else "", 60))

    def show_open_actions(self, *_args) -> None:
        """Under the fields, the improvement actions still open in the cycle the new one will be
        compared with (none said when it has none, or the Opens date is not yet a date)."""
        try:
            opens = self.opens_on.value()
        except ValueError:
            opens = None
        note = follow_on.new_cycle_note(self.db, opens, self.compare_with.current_id(), self.chosen_scale())
        self.open_actions.setText(note)
        self.open_actions.setVisible(bool(note))

    def chosen_scale(self) -> RatingScale:
        """The scale chosen (a combo gives its data back as plain text)."""
        return RatingScale(self.rating_scale.currentData())

    def check(self) -> dict[str, str]:
        c = Checker()
        c.required("name", self.name.text(), "Name", s11.NAME_MAX)
        opens = self.date_value("opens_on", c.errors)
        due = self.date_value("due_on", c.errors)
        for key, message in check_cycle_dates(opens, due).items():
            c.add(key, message)
        if self.compare_with.has_unknown_text():
            c.add("compare_with_id", "Choose the earlier cycle from the list")
        if self.record is not None and hasattr(self, "notes"):
            problem = s11.scale_change_problem(self.record.name, self.rated, self.record.rating_scale,
                                               self.chosen_scale())
            if problem:
                c.add("rating_scale", problem)
        return c.errors

    def save(self):
        f = s11.CycleFields(self.name.text(), self.opens_on.value(), self.due_on.value(),
                            self.compare_with.current_id(), editor_text(self.notes),
                            self.chosen_scale())
        if self.record:
            return s11.update_cycle(self.db, self.record.id, f)
        return s11.create_cycle(self.db, f)


class StandardDialog(FormDialog):
    history_table = "s11_standard"

    def __init__(self, db, cycle: s11.CycleDTO, record: s11.StandardDTO | None = None, parent=None,
                 today: date | None = None):
        super().__init__(f"Edit standard {record.number}" if record else f"New standard for {cycle.name}", parent, db=db, record=record)
        self.cycle = cycle
        self.today = today
        r = record
        number = QSpinBox()
        number.setRange(1, 999)
        number.setValue(r.number if r else max((s.number for s in s11.list_standards(db, cycle.id)), default=0) + 1)
        self.number = self.add_field("number", "Number", number)
        self.title_edit = self.add_field("title", "Standard", QLineEdit(r.title if r else ""))
        self.questions = self.add_field(
            "questions", "Sub-questions", text_box("\n".join(r.questions) if r else "", 120),
            "One per line: what the agency should consider before it rates itself.",
        )

    def check(self) -> dict[str, str]:
        c = Checker()
        c.required("title", self.title_edit.text(), "Standard", s11.TITLE_MAX)
        return c.errors

    def save(self):
        f = s11.StandardFields(self.title_edit.text(), editor_text(self.questions), self.number.value())
        if self.record:
            return s11.update_standard(self.db, self.record.id, f, today=self.today)
        return s11.add_standard(self.db, self.cycle.id, f, today=self.today)


def remove_from_cycle(parent: QWidget, db, participant: s11.ParticipantDTO) -> bool:
    """Take an agency out of its cycle (one added by mistake), once the officer says so;
    whether it was taken out."""
    if not confirm(parent, "Remove agency from the cycle",
                   f"Take {participant.organisation_name} out of Section 11 {participant.cycle_name}? It is no "
                   "longer asked for a return or chased, and leaves the grid.\n\nIts return and ratings stay in "
                   "the records and the history: add it again with Add agencies… to bring them back."):
        return False
    return done(parent, "Could not remove the agency from the cycle", lambda: s11.archive_participant(db, participant.id))


class ParticipantDialog(FormDialog):
    """Where one agency's return has got to: sent, returned, moderated. In an archived cycle, or
    for an agency removed from its cycle, it is read, not changed (as the services refuse it)."""

    history_table = "s11_agency"

    def history_name(self) -> str:
        return f"{self.record.organisation_name} in Section 11 {self.record.cycle_name}"


    def __init__(self, db, record: s11.ParticipantDTO, parent=None, today: date | None = None):
        super().__init__(f"{record.organisation_name}: Section 11 return {record.cycle_name}", parent, db=db, record=record)
        self.today = today or date.today()
        r = record
        self.form.addRow("Returns due:", QLabel(f"{r.due_on:%d/%m/%Y}"))
        self.contact = self.add_field("contact", "Completed by", QLineEdit(r.contact),
                                      "Who completed the return for the agency.")
        self.sent_on = self.add_field("sent_on", "Sent", DateEdit(value=r.sent_on))
        self.returned_on = self.add_field("returned_on", "Returned", DateEdit(value=r.returned_on))
        self.moderated_on = self.add_field("moderated_on", "Moderated", DateEdit(value=r.moderated_on),
                                           "The date of the challenge meeting that moderated the return.")
        self.lateness = note_label("", small=True)
        self.lateness.setAccessibleName("On time?")
        self.form.addRow("On time?", self.lateness)
        self.notes = self.add_field("notes", "Notes", text_box(r.notes, 60))
        self.remove_button = QPushButton("Remove from the cycle…", self)
        self.remove_button.setToolTip("Take the agency out of this cycle (one added by mistake)")
        self.buttons.addButton(self.remove_button, QDialogButtonBox.ButtonRole.ResetRole)
        self.remove_button.clicked.connect(self._remove)
        #: why the return cannot change now ('' while it can)
        cycle = s11.get_cycle(db, r.cycle_id)
        self.opens_on = cycle.opens_on  # Sent and Returned, as typed, are not before it
        self.closed = (f"The cycle {r.cycle_name} is archived: restore it first (Restore cycle) to change its returns"
                       if cycle.archived else
                       f"{r.organisation_name} was removed from this cycle: add it again first (Add agencies…) to "
                       "change its return" if r.archived else "")
        read_only(self, self.closed)
        offer_tool(self.remove_button, "The agency is already out of the cycle." if r.archived else self.closed)

    def _remove(self) -> None:
        if remove_from_cycle(self, self.db, self.record):
            self.reject()  # nothing of the form is saved: the agency is out of the cycle

    def check(self) -> dict[str, str]:
        c = Checker()
        c.optional("contact", self.contact.text(), "Completed by", 200)
        sent = self.date_value("sent_on", c.errors)
        returned = self.date_value("returned_on", c.errors)
        moderated = self.date_value("moderated_on", c.errors)
        moved = (sent, returned) != (self.record.sent_on, self.record.returned_on)  # as the service checks
        for key, message in check_return_dates(sent, returned, moderated, self.today, self.opens_on if moved else None).items():
            c.add(key, message)
        if hasattr(self, "lateness"):
            self.lateness.setText(s11.return_lateness(self.record.due_on, sent, returned, self.today, self.record.closures))
        return c.errors

    def save(self):
        return s11.update_participant(self.db, self.record.id, s11.ParticipantFields(
            self.contact.text(), self.sent_on.value(), self.returned_on.value(), self.moderated_on.value(),
            editor_text(self.notes),
        ))


class RatingDialog(FormDialog):
    """One agency's answer for one standard: its own rating, evidence and improvement action;
    then, after the challenge meeting, the moderated rating (which counts) and why. In an archived
    `cycle` it is read, not changed (as the services refuse it)."""
    history_table = "s11_rating"

    def __init__(self, db, cell: sr.RatingDTO, questions: tuple[str, ...] = (), parent=None,
                 cycle: s11.CycleDTO | None = None):
        super().__init__(f"{cell.organisation_name}: standard {cell.standard_number}", parent, db=db, record=cell)
        fit_to_screen(self, QSize(640, 720))
        r = cell
        about = note_label(f"{r.standard_number}. {r.standard_title}" + "".join(f"\n• {q}" for q in questions), small=True)
        about.setAccessibleName("Standard")
        about.setStyleSheet("")
        self.form.addRow("Standard:", about)
        self.self_rating = self.add_field("self_rating", "Agency's own rating",
                                          rating_combo(r.self_rating, "Not rated yet", r.scale),
                                          "Scored from 0 to 3 in this cycle." if r.scale is RatingScale.SCORE else "")
        self.reason = self.add_field("not_applicable_reason", "Why not applicable",
                                     text_box(r.not_applicable_reason, 50), "Only for 'Not applicable'.")
        self.evidence = self.add_field("evidence", "Evidence", text_box(r.evidence, 90))
        action = r.action
        self.action = self.add_field(
            "action", "Improvement action", text_box(action.description if action else "", 60),
            "The agency's own action; it goes into the shared action log, owned by the agency.",
        )
        self.action_due = self.add_field("action_due", "Action due by", DateEdit(value=action.due_date if action else None))
        self.moderated = self.add_field(
            "moderated_rating", "Moderated rating", rating_combo(r.moderated_rating, "Not moderated", r.scale),
            "After the challenge meeting. When given, this rating counts in every summary; both are shown.",
        )
        self.note = self.add_field("moderation_note", "Moderation note", text_box(r.moderation_note, 60),
                                   "Why the rating was changed (needed when it differs from the agency's own).")
        #: why the rating cannot change now ('' while it can)
        self.closed = (f"The cycle {cycle.name} is archived: restore it first (Restore cycle) to change its ratings"
                       if cycle is not None and cycle.archived else "")
        read_only(self, self.closed)

    def rating_fields(self, errors: dict[str, str] | None = None) -> sr.RatingFields:
        errors = {} if errors is None else errors
        return sr.RatingFields(
            self.self_rating.currentData(), editor_text(self.reason), editor_text(self.evidence),
            self.moderated.currentData(), editor_text(self.note), editor_text(self.action),
            self.date_value("action_due", errors),
        )

    def check(self) -> dict[str, str]:
        errors: dict[str, str] = {}
        f = self.rating_fields(errors)
        checker, _ = sr.check_rating_fields(f, self.record.scale, refuse_unkept_reason=True)
        for key, message in checker.errors.items():
            errors.setdefault(key, message)
        self.reason.setEnabled(self.self_rating.currentData() == Rating.NOT_APPLICABLE or bool(f.not_applicable_reason))
        return errors

    def save(self):
        return sr.save_rating(self.db, self.record.participant_id, self.record.standard_id, self.rating_fields())


class AddAgenciesDialog(FormDialog):
    """Agencies taking part in a cycle, chosen from the Memberships organisations."""

    def __init__(self, db, cycle: s11.CycleDTO, parent=None):
        super().__init__(f"Add agencies to {cycle.name}", parent, db=db)
        from bscp_desktop.ui.case_reviews.dialogs import CheckList

        self.cycle = cycle
        choices = s11.organisation_choices_for_cycle(db, cycle.id)
        if choices:
            hint = "Every organisation in Memberships not yet taking part."
        elif ms.organisation_choices(db):
            hint = "Every organisation in Memberships already takes part; add organisations there first."
        else:
            hint = "There are no organisations yet: add the partner agencies in the Memberships tab first."
        self.agencies = self.add_field("organisation_ids", "Agencies", CheckList(choices, (), height=320), hint)
        self.agencies.itemChanged.connect(lambda _i: self.revalidate())

    def check(self) -> dict[str, str]:
        return {} if self.agencies.checked() else {"organisation_ids": "Tick at least one agency"}

    def save(self):
        return s11.add_agencies(self.db, self.cycle.id, self.agencies.checked())


class StandardsDialog(QDialog):
    """A cycle's standards and sub-questions: changed only until the cycle opens. A removed
    standard is listed (greyed) while Show removed standards is ticked, and can be restored."""

    def __init__(self, db, cycle: s11.CycleDTO, parent=None, today: date | None = None):
        super().__init__(parent)
        self.db = db
        self.cycle = cycle
        self.today = today or date.today()
        self.setWindowTitle(f"Standards of {cycle.name}")
        fit_to_screen(self, QSize(760, 480))
        self.open = cycle.is_open(self.today)
        note = note_label(
            f"The cycle opened on {cycle.opens_on:%d/%m/%Y}: its standards can no longer change (start a new cycle "
            "to use different ones)." if self.open else
            f"The standards can change until the cycle opens on {cycle.opens_on:%d/%m/%Y}. A new cycle starts "
            "with the standards of the cycle it is compared with.",
            small=True,
        )
        #: why no standard of the cycle may change now ('' while they may)
        self.fixed = (f"The cycle opened on {cycle.opens_on:%d/%m/%Y}: its standards can no longer change."
                      if self.open else "The cycle is archived: restore it first." if cycle.archived else "")
        self.list = QListWidget(self)
        self.list.setAccessibleName("Standards")
        self.list.setWordWrap(True)
        self.new_button = QPushButton("New standard…", self)
        self.edit_button = QPushButton("Edit…", self)
        self.remove_button = QPushButton("Remove…", self)
        self.restore_button = QPushButton("Restore", self)
        self.show_removed = QCheckBox("Show removed standards", self)
        row = QHBoxLayout()
        for button in (self.new_button, self.edit_button, self.remove_button, self.restore_button):
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(self.show_removed)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        for button in self.findChildren(QPushButton):  # Enter acts where it is pressed (Escape closes)
            button.setAutoDefault(False)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.list, 1)
        layout.addLayout(row)
        layout.addWidget(close)
        self.new_button.clicked.connect(lambda: self._edit(None))
        self.edit_button.clicked.connect(lambda: self._edit(self._selected()))
        # a double-click, Enter or F2 on the chosen standard edits it, as Edit… does
        opens_on_enter(self.list, "Edit the chosen standard",
                       lambda _index: self._edit(self._selected()) if self.edit_button.isEnabled() else None)
        self.list.currentItemChanged.connect(lambda *_: self._offer())
        self.remove_button.clicked.connect(self._remove)
        self.restore_button.clicked.connect(self._restore)
        self.show_removed.toggled.connect(lambda _on: self.reload())
        self.reload()

    def reload(self) -> None:
        self.list.clear()
        for standard in s11.list_standards(self.db, self.cycle.id, include_archived=self.show_removed.isChecked()):
            item = QListWidgetItem(f"{standard.number}. {standard.title}" + (" (removed)" if standard.archived else "")
                                   + "".join(f"\n    • {q}" for q in standard.questions))
            item.setData(Qt.ItemDataRole.UserRole, standard)
            if standard.archived:
                item.setForeground(QBrush(QColor("#777777")))
            self.list.addItem(item)
        self._offer()

    def _selected(self) -> s11.StandardDTO | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def _offer(self) -> None:
        """Offer what can be done with the chosen standard; each button not offered says why."""
        chosen = self._selected()
        choose = "Choose a standard in the list first."
        offer_tool(self.new_button, self.fixed)
        offer_tool(self.edit_button, self.fixed or (choose if chosen is None else
                                                    "The standard is removed: restore it first." if chosen.archived
                                                    else ""))
        offer_tool(self.remove_button, self.fixed or (choose if chosen is None else
                                                      "The standard is already removed." if chosen.archived else ""))
        offer_tool(self.restore_button, self.fixed or (
            "Tick Show removed standards, then choose the one to restore." if chosen is None else
            "" if chosen.archived else "The standard is not removed: only a removed one can be restored."))

    def _edit(self, standard: s11.StandardDTO | None) -> None:
        if standard is None and self.sender() is self.edit_button:
            return
        if StandardDialog(self.db, self.cycle, standard, self, self.today).exec():
            self.reload()

    def _remove(self) -> None:
        standard = self._selected()
        if standard is None or standard.archived:
            return
        if not confirm(self, "Remove standard",
                       f"Remove standard {standard.number}, {standard.title}, from {self.cycle.name}? Agencies are "
                       "no longer asked to rate it.\n\nIt stays in the records and the history, and can be "
                       "restored: tick Show removed standards, choose it, then press Restore."):
            return
        if done(self, "Could not remove the standard", lambda: s11.archive_standard(self.db, standard.id, today=self.today)):
            self.reload()

    def _restore(self) -> None:
        standard = self._selected()
        if standard is None or not standard.archived:
            return
        if done(self, "Could not restore the standard", lambda: s11.restore_standard(self.db, standard.id, today=self.today)):
            self.reload()
