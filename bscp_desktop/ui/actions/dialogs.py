"""The action dialog, the same for every area, and the progress update dialog.

One set of rules, the service's (`services.actions.check_action`): an action needs a
description; an owner (a person and/or an organisation on record); a due date and a status; a
completion date only when it is done (today if left empty); and, once done, evidence of impact.
While there are no people or no organisations yet, the owner's lists offer to add the first.
An older action missing any of them says so at the top when opened. An action recorded in
approved minutes asks for the reason when its description, owner or due date is changed (an
amendment, as for a decision); its progress, status and evidence of impact are not.
The area says where a new action comes from and how to save it:

    ActionDialog(db, None, parent, source="Forum, 14/03/2024: item 3. Partner updates",
                 create=lambda fields: mt.add_item_action(db, item.id, fields))
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QListWidget

from bscp_desktop.domain.actions import ActionStatus, action_gaps
from bscp_desktop.domain.dates import format_date
from bscp_desktop.domain.validation import Checker
from bscp_desktop.services import actions as al
from bscp_desktop.services import memberships as ms
from bscp_desktop.ui.common.autosave import editor_text
from bscp_desktop.ui.common.column_widths import for_the_text_size
from bscp_desktop.ui.common.editors import DateEdit, RecordCombo, enum_combo, text_box
from bscp_desktop.ui.common.empty_choices import offer_to_add_first
from bscp_desktop.ui.common.form import FormDialog
from bscp_desktop.ui.common.pickers import check_owner, new_organisation, new_person, organisation_picker, person_picker

DONE_ONLY = "Only a done action has a completion date: set the status to Done or clear the date"
NO_ORGANISATIONS = "No organisations yet: add the owning organisation first, or leave it empty."


def no_people_note(organisations: RecordCombo) -> str:
    """Under an empty list of people: what to add for an owner, given what the organisations' list holds."""
    if any(organisations.itemData(i) is not None for i in range(organisations.count())):
        return "No people yet: add the owner first, or choose only an owning organisation."
    return "No people yet: add the owner first, or add an owning organisation below."


class ActionDialog(FormDialog):
    """New or edit action. `source` says where a new one comes from; `create(fields)` saves
    it through the area's service (the action log's own `create_action` when not given);
    `owner_organisation_id` suggests an owner (a recommendation's lead agency); `reminder` is
    shown under the free-text fields (a sensitive area's "use the alias, never a name")."""
    history_table = "action"
    fill_in_names = {"owner_person_id": "Owner or Owning organisation"}

    def __init__(
        self,
        db,
        record: al.ActionDTO | None = None,
        parent=None,
        *,
        source: str = "",
        create: Callable[[al.ActionFields], al.ActionDTO] | None = None,
        owner_organisation_id: int | None = None,
        reminder: str = "",
    ):
        super().__init__("Edit action" if record else "New action", parent, db=db, record=record)
        self.setMinimumWidth(560)
        self.create = create
        r = record
        where = source or (r.source if r else "")
        if where:
            label = QLabel(f"From: {where}", self)
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setAccessibleName("Where the action came from")
            self.form.addRow(label)
        if r is not None and r.gaps:
            flag = QLabel("Saved before every action needed them: " + "; ".join(r.gaps.values()) + ".", self)
            flag.setWordWrap(True)
            flag.setStyleSheet("color: #8a4b00;")
            flag.setAccessibleName("What this action is missing")
            self.form.addRow(flag)
        placeholder = "Use the alias, never a name" if reminder else ""
        self.description = self.add_field(
            "description", "Action", text_box(r.description if r else "", 70, placeholder), reminder
        )
        self.person = self.add_field("owner_person_id", "Owner", person_picker(db, r.owner_person_id if r else None))
        organisation = organisation_picker(db, r.owner_organisation_id if r else None)
        if r is None and owner_organisation_id is not None and organisation.findData(owner_organisation_id) >= 0:
            # suggested only while on record: an organisation archived since cannot own a new action
            organisation.set_current_id(owner_organisation_id)
        no_people = offer_to_add_first(self, "owner_person_id", self.person, no_people_note(organisation),
                                       "Add a person…", new_person(db), lambda: ms.person_choices(db))
        self.organisation = self.add_field("owner_organisation_id", "Owning organisation", organisation)
        no_organisations = offer_to_add_first(
            self, "owner_organisation_id", self.organisation, NO_ORGANISATIONS, "Add an organisation…",
            new_organisation(db), lambda: ms.organisation_choices(db),
        )
        if no_people is not None:  # its note says again what there is once either list is added to
            for offer in (no_people, no_organisations):
                if offer is not None:
                    offer.button.clicked.connect(lambda: no_people.note.setText(no_people_note(self.organisation)))
        self.due = self.add_field("due_date", "Due date", DateEdit(value=r.due_date if r else None))
        self.status_combo = self.add_field(
            "status", "Status", enum_combo(ActionStatus, r.status if r else ActionStatus.OPEN)
        )
        self.completed = self.add_field(
            "completed_on", "Completed on", DateEdit(value=r.completed_on if r else None),
            "For a done action: today if left empty.",
        )
        self.evidence = self.add_field(
            "evidence", "Evidence of impact", text_box(r.evidence if r else "", 60, placeholder),
            " ".join(x for x in ("What changed for children because of this action.", reminder) if x),
        )
        self.reason: QLineEdit | None = None
        if r is not None and r.origin.locked:
            self.reason = self.add_field(
                "reason", "Reason for amendment", QLineEdit(),
                "The minutes that recorded this action are approved: changing the action, its owner or its due "
                "date is an amendment (recording its progress, status or evidence of impact is not).",
            )
        self.status_combo.currentIndexChanged.connect(self._status_changed)
        self._status_changed()
        if r is None:
            self.description.setFocus()

    def _status_changed(self) -> None:
        done = self.status_combo.currentData() == ActionStatus.DONE
        if not done:
            self.completed.set_value(None)
        self.completed.setEnabled(done)

    def check(self):
        c = Checker()
        c.required("description", editor_text(self.description), "Action", 5000)
        check_owner(c, self.person, self.organisation)
        due = self.date_value("due_date", c.errors)
        completed = self.date_value("completed_on", c.errors)
        if completed is not None and self.status_combo.currentData() != ActionStatus.DONE:
            c.add("completed_on", DONE_ONLY)
        if "completed_on" not in c.errors:
            c.not_future("completed_on", completed, "Completed on", date.today())
        c.optional("evidence", editor_text(self.evidence), "Evidence of impact", 10000)
        if self.reason is not None and not self.reason.text().strip() and self._minuted_changed(due):
            c.add("reason", "Give the reason for the amendment")
        status = ActionStatus(self.status_combo.currentData()) if self.status_combo.currentData() else None
        gaps = action_gaps(self.person.current_id(), self.organisation.current_id(), due, status,
                           editor_text(self.evidence))
        for key, message in gaps.items():
            if key not in c.errors and not (key == "owner_person_id" and "owner_organisation_id" in c.errors):
                c.add(key, message)
        return c.errors

    def _minuted_changed(self, due) -> bool:
        """Whether the description, owner or due date (what the minutes say) differ from the record."""
        r = self.record
        return (editor_text(self.description).strip() != r.description or self.person.current_id() != r.owner_person_id
                or self.organisation.current_id() != r.owner_organisation_id or due != r.due_date)

    def collect(self) -> al.ActionFields:
        return al.ActionFields(
            editor_text(self.description), self.person.current_id(), self.organisation.current_id(),
            self.due.value(), self.status_combo.currentData(), self.completed.value(), editor_text(self.evidence),
        )

    def save(self):
        if self.record:
            reason = self.reason.text() if self.reason is not None else None
            return al.update_action(self.db, self.record.id, self.collect(), reason=reason or None)
        if self.create is not None:
            return self.create(self.collect())
        return al.create_action(self.db, self.collect())


class ProgressUpdateDialog(FormDialog):
    """A dated note of progress on an action, with the earlier ones above it."""

    def __init__(self, db, action: al.ActionDTO, parent=None):
        super().__init__("Progress update", parent, db=db)
        self.action = action
        label = QLabel(action.description, self)
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.PlainText)
        self.form.addRow("Action:", label)
        history = QListWidget(self)
        history.setAccessibleName("Earlier updates")
        for u in al.list_progress_updates(db, action.id):
            history.addItem(f"{format_date(u.on)}: {u.note}")
        if history.count() == 0:
            history.addItem("No updates yet.")
        history.setFixedHeight(for_the_text_size(90, history.font()))  # a few updates at any text size
        self.form.addRow("Earlier updates:", history)
        self.on = self.add_field("on", "Date", DateEdit(value=date.today()))
        self.note = self.add_field("note", "Update", text_box("", 70))

    def check(self):
        c = Checker()
        on = self.required_date("on", c.errors, "Date of the update is required")
        if "on" not in c.errors:
            c.not_future("on", on, "Date of the update", date.today())
        c.required("note", editor_text(self.note), "Update", 5000)
        return c.errors

    def save(self):
        return al.add_progress_update(self.db, self.action.id, self.on.value(), editor_text(self.note))
