"""The attendance escalation log: concerns about an organisation's attendance raised with it
(when, with whom, by whom) and its reply."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from bscp_desktop.domain.validation import Checker
from bscp_desktop.services import escalations as es
from bscp_desktop.services import memberships as ms
from bscp_desktop.ui.common.editors import DateEdit, RecordCombo, text_box
from bscp_desktop.ui.common.form import FormDialog
from bscp_desktop.ui.common.list_page import RecordListPage
from bscp_desktop.ui.common.table_model import WARNING_BACKGROUND, Column
from bscp_desktop.ui.meetings.dialogs.common import AREA, combo_check


class EscalationDialog(FormDialog):
    area = AREA

    def __init__(self, db, record: es.EscalationDTO | None = None, parent=None,
                 organisation_id: int | None = None, group_id: int | None = None, concern: str = ""):
        super().__init__("Edit escalation" if record else "Raise attendance with an organisation", parent)
        self.db = db
        self.record = record
        r = record
        org = RecordCombo()
        org.set_items([(o.name, o.id) for o in ms.list_organisations(db)], r.organisation_id if r else organisation_id)
        self.organisation = self.add_field("organisation_id", "Organisation", org)
        group = RecordCombo(blank="(all groups)")
        group.set_items([(g.name, g.id) for g in ms.list_groups(db)], r.group_id if r else group_id)
        self.group = self.add_field("group_id", "Group", group)
        self.raised_on = self.add_field("raised_on", "Raised on", DateEdit(value=r.raised_on if r else date.today()))
        self.raised_with = self.add_field(
            "raised_with", "Raised with", QLineEdit(r.raised_with if r else ""),
            "Who at the organisation, e.g. its Director of Nursing; and the Executive Group if told.",
        )
        self.raised_by = self.add_field("raised_by", "Raised by", QLineEdit(r.raised_by if r else ""),
                                        "For example the Independent Chair.")
        self.concern = self.add_field("concern", "Concern", text_box(r.concern if r else concern, 70))
        self.replied_on = self.add_field("replied_on", "Replied on", DateEdit(value=r.replied_on if r else None),
                                         "Leave empty until the organisation replies.")
        self.reply = self.add_field("reply", "Reply", text_box(r.reply if r else "", 70))

    def check(self):
        c = Checker()
        combo_check(c, self.organisation, "organisation_id", "organisations", required=True)
        combo_check(c, self.group, "group_id", "groups", required=False)
        raised = self.date_value("raised_on", c.errors)
        replied = self.date_value("replied_on", c.errors)
        if raised is None and "raised_on" not in c.errors:
            c.add("raised_on", "Enter the date the concern was raised")
        c.required("raised_with", self.raised_with.text(), "Raised with", 200)
        c.date_order("replied_on", raised, replied, "Raised on", "Replied on")
        return c.errors

    def save(self):
        fields = es.EscalationFields(
            self.organisation.current_id(), self.raised_on.value(), self.raised_with.text(), self.raised_by.text(),
            self.concern.toPlainText(), self.group.current_id(), self.replied_on.value(), self.reply.toPlainText(),
        )
        if self.record:
            return es.update_escalation(self.db, self.record.id, fields)
        return es.create_escalation(self.db, fields)


class EscalationsPage(RecordListPage):
    """Every concern raised, newest first; those still awaiting a reply are highlighted."""

    def __init__(self, db, parent=None, suggest=None):
        self.db = db
        self.suggest = suggest or (lambda: {})  # the organisation and group to raise, from the rates shown
        super().__init__(
            noun="escalation",
            area=AREA,
            areas=("memberships",),
            columns=[
                Column("Raised on", lambda e: e.raised_on),
                Column("Organisation", lambda e: e.organisation_name),
                Column("Group", lambda e: e.group_name or "All groups"),
                Column("Raised with", lambda e: e.raised_with),
                Column("Raised by", lambda e: e.raised_by),
                Column("Concern", lambda e: e.concern.replace("\n", " "), tooltip=lambda e: e.concern),
                Column("Replied on", lambda e: e.replied_on,
                       background=lambda e: WARNING_BACKGROUND if e.awaiting_reply else None,
                       tooltip=lambda e: "Awaiting a reply" if e.awaiting_reply else ""),
                Column("Reply", lambda e: e.reply.replace("\n", " "), tooltip=lambda e: e.reply),
            ],
            load=lambda archived: es.list_escalations(db, include_archived=archived),
            empty_text="No attendance concerns raised yet: when an organisation's attendance is below the "
            "threshold, select it above and press Raise with organisation.",
            new_dialog=lambda p: EscalationDialog(db, None, p, **self.suggest()),
            edit_dialog=lambda p, row: EscalationDialog(db, row, p),
            archive=lambda row: es.archive_escalation(db, row.id),
            restore=lambda row: es.restore_escalation(db, row.id),
            parent=parent,
        )
        self.new_action.setText("Raise with organisation…")
        self.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
