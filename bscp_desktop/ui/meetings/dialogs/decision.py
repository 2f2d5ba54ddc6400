"""A decision recorded at a meeting, opened from the Minutes page: its text, its owner (a person
and/or an organisation), its due date and the evidence of its impact.

A decision typed during the meeting (the quick "Add decision" line) has its text alone; this
dialog gives it the rest. Saving without an owner or a due date is allowed, as the minutes are
taken; the decision stays flagged until they are given (`DecisionDTO.gaps`). Once the minutes
are approved a change to the text, owner or due date is an amendment with a reason; evidence of
impact, gathered afterwards, is not.

`WithdrawnDecisionsDialog` lists the decisions withdrawn from one agenda item and restores the
one chosen (on approved minutes, an amendment with a reason, as withdrawing it was).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLineEdit, QListWidgetItem, QVBoxLayout

from bscp_desktop.domain.dates import date_range_problem, format_date
from bscp_desktop.domain.validation import Checker, local_time
from bscp_desktop.services import meetings as mt
from bscp_desktop.ui.common.autosave import editor_text
from bscp_desktop.ui.common.editors import DateEdit, text_box
from bscp_desktop.ui.common.form import FormDialog
from bscp_desktop.ui.common.labels import as_typed, note_label, plain_label, wrapped_list
from bscp_desktop.ui.common.permissions import refusal, refuse
from bscp_desktop.ui.common.pickers import check_owner, organisation_picker, person_picker
from bscp_desktop.ui.common.table_model import opens_on_enter
from bscp_desktop.ui.meetings import commands

FLAG_COLOUR = "color: #8a4b00;"


class DecisionDialog(FormDialog):
    """Edit a decision of `meeting` (its DTO `record`), saved through `update_decision`."""
    history_table = "decision"

    def __init__(self, db, meeting: mt.MeetingDTO, record: mt.DecisionDTO, parent=None):
        super().__init__("Edit decision", parent, db=db, record=record)
        self.setMinimumWidth(560)
        self.meeting = meeting
        r = record
        where = plain_label(f"From: {meeting.label}: item {r.item_position}. {r.item_title}", self, wrap=True,
                            name="Where the decision was made")
        self.form.addRow(where)
        if r.gaps:
            flag = plain_label("Still to give: " + "; ".join(r.gaps.values()) + ".", self, wrap=True)
            flag.setStyleSheet(FLAG_COLOUR)
            flag.setAccessibleName("What this decision is missing")
            self.form.addRow(flag)
        self.text = self.add_field("text", "Decision", text_box(r.text, 70))
        self.person = self.add_field("owner_person_id", "Owner", person_picker(db, r.owner_person_id))
        self.organisation = self.add_field(
            "owner_organisation_id", "Owning organisation", organisation_picker(db, r.owner_organisation_id),
            "Who sees the decision through: a person, an organisation, or both.",
        )
        self.due = self.add_field(
            "due_date", "Due date", DateEdit(value=r.due_date),
            f"Not before the day of the meeting ({format_date(meeting.date)}).",
        )
        self.evidence = self.add_field(
            "evidence", "Evidence of impact", text_box(r.evidence, 60),
            "What changed for children because of this decision: needed once the due date has passed.",
        )
        self.reason: QLineEdit | None = None
        if meeting.locked:
            self.reason = self.add_field(
                "reason", "Reason for amendment", QLineEdit(),
                "These minutes are approved: changing the decision, its owner or its due date is an amendment "
                "(adding evidence of impact is not).",
            )

    def _minuted_changed(self, due) -> bool:
        """Whether the text, owner or due date (what the minutes say) differ from the record."""
        r = self.record
        return (editor_text(self.text).strip() != r.text or self.person.current_id() != r.owner_person_id
                or self.organisation.current_id() != r.owner_organisation_id or due != r.due_date)

    def check(self):
        c = Checker()
        c.required("text", editor_text(self.text), "Decision", 5000)
        check_owner(c, self.person, self.organisation)
        due = self.date_value("due_date", c.errors)
        if "due_date" not in c.errors:
            if problem := date_range_problem(due, "Due date"):
                c.add("due_date", problem)
            elif due is not None and due < self.meeting.date and due != self.record.due_date:
                c.add("due_date", f"Due date ({format_date(due)}) cannot be before the day of the meeting "
                                  f"({format_date(self.meeting.date)})")
        c.optional("evidence", editor_text(self.evidence), "Evidence of impact", 10000)
        if self.reason is not None and not self.reason.text().strip() and self._minuted_changed(due):
            c.add("reason", "Give the reason for the amendment")
        return c.errors

    def collect(self) -> mt.DecisionFields:
        return mt.DecisionFields(
            editor_text(self.text), self.person.current_id(), self.organisation.current_id(), self.due.value(),
            editor_text(self.evidence),
        )

    def save(self):
        reason = self.reason.text() if self.reason is not None else None
        return mt.update_decision(self.db, self.record.id, self.collect(), reason=reason or None)


class WithdrawnDecisionsDialog(QDialog):
    """The decisions withdrawn from one agenda item of `meeting`; Restore puts the chosen one
    back in the minutes (`restore_decision`). `restored` says whether one came back."""

    def __init__(self, db, meeting: mt.MeetingDTO, item: mt.AgendaItemDTO, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Withdrawn decisions")
        self.setMinimumWidth(520)
        self.db, self.meeting, self.item = db, meeting, item
        self.restored = False
        note = f"Decisions withdrawn from item {item.position}. {item.title}. Restore puts the chosen one back in the minutes"
        if meeting.locked:
            note += " (these minutes are approved: restoring it is an amendment, and asks for the reason)"
        self.list = wrapped_list(self, "Withdrawn decisions of this item")
        self.list.currentItemChanged.connect(lambda _current, _previous: self._enable())
        # a double-click, Enter or F2 on the chosen decision restores it, as Restore does
        opens_on_enter(self.list, "Restore the chosen decision", lambda _index: self.restore())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.Close).setAutoDefault(False)  # Enter acts on the list; Escape closes
        self.restore_button = buttons.addButton("Restore", QDialogButtonBox.ButtonRole.ActionRole)
        self.restore_button.setAccessibleName("Restore the chosen decision")
        self.restore_button.clicked.connect(self.restore)
        self.restore_button.setAutoDefault(False)
        if meeting.archived:
            self.restore_button.setToolTip("The meeting is archived: restore it first.")
        if why := refusal(db):
            refuse(self.restore_button, why)
        layout = QVBoxLayout(self)
        layout.addWidget(note_label(note + ".", self))
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)
        self.reload()

    def reload(self) -> None:
        self.list.clear()
        withdrawn = [d for d in mt.list_decisions(self.db, self.meeting.id, include_archived=True)
                     if d.archived and d.agenda_item_id == self.item.id]
        for d in withdrawn:
            row = QListWidgetItem(f"{d.line} (withdrawn {format_date(local_time(d.archived_at).date())})".replace("\n", " "))
            row.setData(Qt.ItemDataRole.UserRole, d.id)
            row.setToolTip(as_typed(row.text()))  # the decision's words, as typed
            self.list.addItem(row)
        if not withdrawn:
            self.list.addItem("No decision has been withdrawn from this item.")
        else:
            self.list.setCurrentRow(0)
        self._enable()

    def _chosen(self) -> int | None:
        row = self.list.currentItem()
        return None if row is None else row.data(Qt.ItemDataRole.UserRole)

    def _enable(self) -> None:
        self.restore_button.setEnabled(self._chosen() is not None and not self.meeting.archived)

    def restore(self) -> None:
        decision_id = self._chosen()
        if decision_id is None or not self.restore_button.isEnabled():
            return
        result = commands.run(self, "Restore a decision", lambda reason: mt.restore_decision(self.db, decision_id, reason))
        if result is not commands.FAILED:
            self.restored = True
            self.reload()
