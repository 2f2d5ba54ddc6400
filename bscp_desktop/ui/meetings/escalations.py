"""The attendance escalation log: concerns about an organisation's attendance raised with it
(when, with whom, by whom) and its reply."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QSizePolicy

from bscp_desktop.domain.kinds import RecordKind
from bscp_desktop.domain.validation import Checker
from bscp_desktop.services import escalations as es
from bscp_desktop.services import memberships as ms
from bscp_desktop.ui.common.autosave import editor_text
from bscp_desktop.ui.common.editors import DateEdit, text_box
from bscp_desktop.ui.common.empty_choices import offer_to_add_first
from bscp_desktop.ui.common.form import FormDialog
from bscp_desktop.ui.common.list_page import PageSpec, RecordListPage
from bscp_desktop.ui.common.pickers import check_pick, group_picker, new_organisation, organisation_picker
from bscp_desktop.ui.common.table_model import WARNING_BACKGROUND, Column


class EscalationDialog(FormDialog):
    history_table = "attendance_escalation"

    def __init__(self, db, record: es.EscalationDTO | None = None, parent=None,
                 organisation_id: int | None = None, group_id: int | None = None, concern: str = ""):
        super().__init__("Edit escalation" if record else "Raise attendance with an organisation", parent, db=db, record=record)
        r = record
        org = organisation_picker(db, r.organisation_id if r else organisation_id, blank=None)
        group = group_picker(db, r.group_id if r else group_id, blank="(all groups)")
        for combo in (org, group):  # long organisation names show in full
            combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.organisation = self.add_field("organisation_id", "Organisation", org)
        offer_to_add_first(self, "organisation_id", self.organisation, "No organisations yet: add the organisation first.",
                           "Add an organisation…", new_organisation(db), lambda: ms.organisation_choices(db))
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
        check_pick(c, self.organisation, "organisation_id", "organisations", required=True)
        check_pick(c, self.group, "group_id", "groups", required=False)
        raised = self.required_date("raised_on", c.errors, "Enter the date the concern was raised")
        replied = self.date_value("replied_on", c.errors)
        c.required("raised_with", self.raised_with.text(), "Raised with", 200)
        c.date_order("replied_on", raised, replied, "Raised on", "Replied on")
        return c.errors

    def save(self):
        fields = es.EscalationFields(
            self.organisation.current_id(), self.raised_on.value(), self.raised_with.text(), self.raised_by.text(),
            editor_text(self.concern), self.group.current_id(), self.replied_on.value(), editor_text(self.reply),
        )
        if self.record:
            return es.update_escalation(self.db, self.record.id, fields)
        return es.create_escalation(self.db, fields)


def _escalation_dialog(db, record, parent):
    return EscalationDialog(db, record, parent)


ESCALATIONS = PageSpec(
    noun="escalation",
    kinds=(RecordKind.MEETINGS, RecordKind.MEMBERSHIPS),
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
    load=lambda db, q: es.list_escalations(db, include_archived=q.include_archived),
    empty_text="No attendance concerns raised yet: when an organisation's attendance is below the "
    "threshold, select it in the rates and press Raise with organisation.",
    dialog=_escalation_dialog,
    archive=es.archive_escalation,
    restore=es.restore_escalation,
)


class EscalationsPage(RecordListPage):
    """Every concern raised, newest first; those still awaiting a reply are highlighted."""

    def __init__(self, db, parent=None, suggest=None):
        self.suggest = suggest or (lambda: {})  # the organisation and group to raise, from the rates shown
        super().__init__(db, ESCALATIONS, parent)
        self.new_action.setText("Raise with organisation…")
        self.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)

    def new_dialog(self, parent):
        return EscalationDialog(self.db, None, parent, **self.suggest())
