"""The Memberships tab: organisations, people, groups, memberships, confidentiality agreements."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QComboBox, QTabWidget, QVBoxLayout, QWidget

from bscp_desktop.services import memberships as ms
from bscp_desktop.ui.common.editors import DateEdit, refill_group_filter
from bscp_desktop.ui.common.list_page import RecordListPage
from bscp_desktop.ui.common.table_model import WARNING_BACKGROUND, Column
from bscp_desktop.ui.memberships import import_export
from bscp_desktop.ui.memberships.dialogs import (
    AgreementDialog,
    GroupDialog,
    MembershipDialog,
    OrganisationDialog,
    PersonDialog,
)

AREA = "memberships"


class MembershipsTab(QWidget):
    def __init__(self, db, parent=None):
        super().__init__(parent)
        self.db = db
        self.sections = QTabWidget(self)
        self.sections.setDocumentMode(True)
        self.organisations = self._organisations_page()
        self.people = self._people_page()
        self.groups = self._groups_page()
        self.memberships = MembershipsPage(db, self)
        self.agreements = self._agreements_page()
        for page, title in (
            (self.memberships, "Memberships"),
            (self.people, "People"),
            (self.organisations, "Organisations"),
            (self.groups, "Groups"),
            (self.agreements, "Confidentiality agreements"),
        ):
            self.sections.addTab(page, title)
        self.import_bar = import_export.ImportBar(db, self, on_imported=lambda kind: self.sections.setCurrentWidget(
            self.people if kind == "people" else self.organisations))
        self.sections.setCornerWidget(self.import_bar)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.sections)

    def export_actions(self):
        return import_export.export_actions(self, self.db)

    def reload(self) -> None:
        for i in range(self.sections.count()):
            self.sections.widget(i).reload()

    def _organisations_page(self) -> RecordListPage:
        db = self.db
        return RecordListPage(
            noun="organisation",
            area=AREA,
            columns=[
                Column("Name", lambda o: o.name),
                Column("Short name", lambda o: o.short_name),
                Column("Kind", lambda o: o.kind),
                Column("Part of", lambda o: o.parent_name),
                Column("Other names", lambda o: o.aliases_text, tooltip=lambda o: o.aliases_text),
                Column("Archived", lambda o: o.archived_at),
            ],
            load=lambda archived: ms.list_organisations(db, include_archived=archived),
            empty_text="No organisations yet: press New organisation, or import a list.",
            new_dialog=lambda parent: OrganisationDialog(db, None, parent),
            edit_dialog=lambda parent, row: OrganisationDialog(db, row, parent),
            archive=lambda row: ms.archive_organisation(db, row.id),
            restore=lambda row: ms.restore_organisation(db, row.id),
            parent=self,
        )

    def _people_page(self) -> RecordListPage:
        db = self.db
        return RecordListPage(
            noun="person",
            area=AREA,
            columns=[
                Column("Name", lambda p: p.name),
                Column("Job title", lambda p: p.job_title),
                Column("Organisation", lambda p: p.organisation_name),
                Column("Email", lambda p: p.email),
                Column("Phone", lambda p: p.phone),
                Column("Archived", lambda p: p.archived_at),
            ],
            load=lambda archived: ms.list_people(db, include_archived=archived),
            empty_text="No people yet: press New person, or import a list.",
            new_dialog=lambda parent: PersonDialog(db, None, parent),
            edit_dialog=lambda parent, row: PersonDialog(db, row, parent),
            archive=lambda row: ms.archive_person(db, row.id),
            restore=lambda row: ms.restore_person(db, row.id),
            parent=self,
        )

    def _groups_page(self) -> RecordListPage:
        db = self.db
        return RecordListPage(
            noun="group",
            area=AREA,
            columns=[
                Column("Name", lambda g: g.name),
                Column("Tier", lambda g: g.tier),
                Column("Reports to", lambda g: g.parent_name),
                Column("Agreement needed", lambda g: g.needs_agreement),
                Column("Usual frequency", lambda g: g.frequency),
                Column("Purpose", lambda g: g.purpose.replace("\n", " ")),
            ],
            load=lambda archived: ms.list_groups(db, include_archived=archived),
            empty_text="No groups yet: press New group to add the partnership's groups.",
            new_dialog=lambda parent: GroupDialog(db, None, parent),
            edit_dialog=lambda parent, row: GroupDialog(db, row, parent),
            archive=lambda row: ms.archive_group(db, row.id),
            restore=lambda row: ms.restore_group(db, row.id),
            parent=self,
        )

    def _agreements_page(self) -> RecordListPage:
        db = self.db
        today = date.today()
        return RecordListPage(
            noun="confidentiality agreement",
            area=AREA,
            columns=[
                Column("Person", lambda a: a.person_name),
                Column("Signed on", lambda a: a.signed_on),
                Column("Review due", lambda a: a.review_due),
                Column(
                    "Current",
                    lambda a: "Yes" if a.current_on(today) else "No: review overdue",
                    background=lambda a: None if a.current_on(today) else WARNING_BACKGROUND,
                ),
                Column("Notes", lambda a: a.notes.replace("\n", " ")),
            ],
            load=lambda archived: ms.list_agreements(db, include_archived=archived),
            empty_text="No confidentiality agreements yet: press New confidentiality agreement "
            "when a member signs one.",
            new_dialog=lambda parent: AgreementDialog(db, None, parent),
            edit_dialog=lambda parent, row: AgreementDialog(db, row, parent),
            archive=lambda row: ms.archive_agreement(db, row.id),
            restore=lambda row: ms.restore_agreement(db, row.id),
            parent=self,
        )


class MembershipsPage(RecordListPage):
    """Who sits on which group: filter by group and by 'as on' date; flags missing agreements."""

    def __init__(self, db, parent=None):
        self.db = db
        self.group_filter = QComboBox()
        self.group_filter.setAccessibleName("Group filter")
        self.as_on = DateEdit()
        self.as_on.setAccessibleName("As on date")
        self.as_on.setToolTip("Show only memberships in force on this date (dd/mm/yyyy); empty shows all")
        super().__init__(
            noun="membership",
            area=AREA,
            columns=[
                Column("Person", lambda m: m.person_name),
                Column("Group", lambda m: m.group_name),
                Column("Role", lambda m: m.role),
                Column("Representing", lambda m: m.organisation_name),
                Column("Deputy for", lambda m: m.deputy_for_name),
                Column("Start", lambda m: m.start_date),
                Column("End", lambda m: m.end_date),
                Column(
                    "Agreement",
                    lambda m: ("Missing" if m.missing_agreement else "Signed") if m.needs_agreement else "Not needed",
                    tooltip=lambda m: "This group needs a signed confidentiality agreement and this "
                    "member has no current one." if m.missing_agreement else "",
                    background=lambda m: WARNING_BACKGROUND if m.missing_agreement else None,
                ),
            ],
            load=self._load,
            empty_text="No memberships yet: press New membership to say who sits on which group.",
            new_dialog=lambda p: MembershipDialog(db, None, p, group_id=self.group_filter.currentData()),
            edit_dialog=lambda p, row: MembershipDialog(db, row, p),
            archive=lambda row: ms.archive_membership(db, row.id),
            restore=lambda row: ms.restore_membership(db, row.id),
            parent=parent,
        )
        self.add_filter_widget(self.group_filter, "Group:")
        self.add_filter_widget(self.as_on, "As on:")
        self.group_filter.currentIndexChanged.connect(lambda _i: self.reload())
        self.as_on.changed.connect(self._as_on_changed)

    def reload(self) -> None:
        self._fill_groups()
        super().reload()

    def _fill_groups(self) -> None:
        refill_group_filter(self.group_filter, ms.list_groups(self.db))

    def _as_on_changed(self) -> None:
        text = self.as_on.text()
        if not text:
            self.reload()
            return
        try:
            self.as_on.value()
        except ValueError:
            self.as_on.line.setStyleSheet("color: #b00020;")
            return
        self.as_on.line.setStyleSheet("")
        self.reload()

    def as_on_date(self) -> date | None:
        try:
            return self.as_on.value()
        except ValueError:
            return None

    def _load(self, archived: bool):
        return ms.list_memberships(
            self.db, on=self.as_on_date(), group_id=self.group_filter.currentData(), include_archived=archived
        )
