"""Actions recorded at meetings and their progress updates."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
)

from bscp_desktop.domain.actions import ActionStatus
from bscp_desktop.domain.dates import format_date
from bscp_desktop.domain.validation import Checker
from bscp_desktop.services import actions as al
from bscp_desktop.services import meetings as mt
from bscp_desktop.ui.common.editors import DateEdit, enum_combo, text_box
from bscp_desktop.ui.common.form import FormDialog
from bscp_desktop.ui.meetings.dialogs.common import (
    AREA,
    combo_check,
    organisations_combo,
    people_combo,
)


class ActionDialog(FormDialog):
    """New action (from a meeting item, or on its own) or edit an action of the log."""

    area = AREA

    def __init__(self, db, record: al.ActionDTO | None = None, parent=None, item_id: int | None = None,
                 reason: str | None = None, source: str = ""):
        super().__init__("Edit action" if record else "New action", parent)
        self.setMinimumWidth(560)
        self.db = db
        self.record = record
        self.item_id = item_id
        self.reason = reason
        r = record
        if source or (r and r.source):
            label = QLabel(f"From: {source or r.source}", self)
            label.setWordWrap(True)
            label.setAccessibleName("Source of the action")
            self.form.addRow(label)
        self.description = self.add_field("description", "Action", text_box(r.description if r else "", 70))
        self.person = self.add_field("owner_person_id", "Owner", people_combo(db, r.owner_person_id if r else None))
        self.organisation = self.add_field(
            "owner_organisation_id", "Owning organisation", organisations_combo(db, r.owner_organisation_id if r else None)
        )
        self.due = self.add_field("due_date", "Due date", DateEdit(value=r.due_date if r else None))
        self.status_combo = self.add_field("status", "Status", enum_combo(ActionStatus, r.status if r else None))
        self.completed = self.add_field(
            "completed_on", "Completed on", DateEdit(value=r.completed_on if r else None),
            "Filled in with today's date when marked done and left empty.",
        )
        self.evidence = self.add_field("evidence", "Evidence of impact", text_box(r.evidence if r else "", 60))
        if r is None:
            self.description.setFocus()

    def check(self):
        c = Checker()
        c.required("description", self.description.toPlainText(), "Action", 5000)
        combo_check(c, self.person, "owner_person_id", "people", required=False)
        combo_check(c, self.organisation, "owner_organisation_id", "organisations", required=False)
        self.date_value("due_date", c.errors)
        self.date_value("completed_on", c.errors)
        return c.errors

    def collect(self) -> al.ActionFields:
        return al.ActionFields(
            self.description.toPlainText(), self.person.current_id(), self.organisation.current_id(),
            self.due.value(), self.status_combo.currentData(), self.completed.value(), self.evidence.toPlainText(),
        )

    def save(self):
        if self.record:
            return al.update_action(self.db, self.record.id, self.collect())
        if self.item_id is not None:
            return mt.add_item_action(self.db, self.item_id, self.collect(), reason=self.reason)
        return al.create_action(self.db, self.collect())


class ProgressUpdateDialog(FormDialog):
    area = AREA

    def __init__(self, db, action: al.ActionDTO, parent=None):
        super().__init__("Progress update", parent)
        self.db = db
        self.action = action
        label = QLabel(action.description, self)
        label.setWordWrap(True)
        self.form.addRow("Action:", label)
        history = QListWidget(self)
        history.setAccessibleName("Earlier updates")
        for u in al.list_progress_updates(db, action.id):
            history.addItem(f"{format_date(u.on)}: {u.note}")
        if history.count() == 0:
            history.addItem("No updates yet.")
        history.setFixedHeight(90)
        self.form.addRow("Earlier updates:", history)
        self.on = self.add_field("on", "Date", DateEdit(value=date.today()))
        self.note = self.add_field("note", "Update", text_box("", 70))

    def check(self):
        c = Checker()
        on = self.date_value("on", c.errors)
        if on is None and "on" not in c.errors:
            c.add("on", "Date of the update is required")
        c.required("note", self.note.toPlainText(), "Update", 5000)
        return c.errors

    def save(self):
        return al.add_progress_update(self.db, self.action.id, self.on.value(), self.note.toPlainText())


