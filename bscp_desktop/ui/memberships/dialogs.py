"""Add and edit dialogs for organisations, people, groups, memberships and agreements."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QLineEdit, QSpinBox

from bscp_desktop.domain.memberships import Frequency, OrganisationKind, Role
from bscp_desktop.domain.validation import Checker
from bscp_desktop.services import memberships as ms
from bscp_desktop.ui.common.editors import DateEdit, enum_combo, text_box
from bscp_desktop.ui.common.form import FormDialog
from bscp_desktop.ui.common.pickers import (
    check_pick,
    group_picker,
    organisation_picker,
    person_picker,
)


class MembershipsDialog(FormDialog):

    def __init__(self, db, title: str, record=None, parent=None):
        super().__init__(title, parent)
        self.db = db
        self.record = record


class OrganisationDialog(MembershipsDialog):
    def __init__(self, db, record: ms.OrganisationDTO | None = None, parent=None):
        super().__init__(db, "Edit organisation" if record else "New organisation", record, parent)
        self.name = self.add_field("name", "Name", QLineEdit(record.name if record else ""))
        self.short_name = self.add_field(
            "short_name", "Short name", QLineEdit(record.short_name if record else ""),
            "For tables and charts, e.g. 'LNWUHT'.",
        )
        self.kind = self.add_field(
            "kind", "Kind", enum_combo(OrganisationKind, record.kind if record else None, blank="Choose…")
        )
        part_of = organisation_picker(
            db, record.parent_id if record else None, blank="(none: not part of another organisation)",
            exclude=record.id if record else None,
        )
        self.parent_org = self.add_field(
            "parent_id", "Part of", part_of,
            "For a unit of a larger body, e.g. a police Basic Command Unit.",
        )
        self.aliases = self.add_field(
            "aliases", "Other names", text_box("\n".join(record.aliases) if record else "", 60,
                                                "One per line, e.g. Met Police"),
            "Other ways its name is written, one per line; imports recognise them too.",
        )
        self.aliases.setAccessibleName("Other names")

    def alias_list(self) -> tuple[str, ...]:
        return tuple(line for line in self.aliases.toPlainText().splitlines() if line.strip())

    def check(self):
        c = Checker()
        c.required("name", self.name.text(), "Name")
        c.optional("short_name", self.short_name.text(), "Short name", 60)
        if self.kind.currentData() is None:
            c.add("kind", "Choose the kind of organisation")
        check_pick(c, self.parent_org, "parent_id", "organisations", required=False)
        for alias in self.alias_list():
            if len(alias.strip()) > ms.ALIAS_MAX:
                c.add("aliases", f"Each other name is at most {ms.ALIAS_MAX} characters")
        return c.errors

    def save(self):
        fields = ms.OrganisationFields(
            self.name.text(), self.kind.currentData(), self.short_name.text(),
            self.parent_org.current_id(), self.alias_list(),
        )
        if self.record:
            return ms.update_organisation(self.db, self.record.id, fields)
        return ms.create_organisation(self.db, fields)


class PersonDialog(MembershipsDialog):
    def __init__(self, db, record: ms.PersonDTO | None = None, parent=None):
        super().__init__(db, "Edit person" if record else "New person", record, parent)
        r = record
        self.name = self.add_field("name", "Name", QLineEdit(r.name if r else ""))
        self.job_title = self.add_field("job_title", "Job title", QLineEdit(r.job_title if r else ""))
        self.organisation = self.add_field(
            "organisation_id", "Organisation",
            organisation_picker(db, r.organisation_id if r else None, blank="(none)"),
        )
        self.email = self.add_field("email", "Email", QLineEdit(r.email if r else ""))
        self.phone = self.add_field("phone", "Phone", QLineEdit(r.phone if r else ""))
        self.notes = self.add_field("notes", "Notes", text_box(r.notes if r else ""))

    def check(self):
        c = Checker()
        c.required("name", self.name.text(), "Name")
        c.optional("job_title", self.job_title.text(), "Job title")
        c.email("email", self.email.text())
        c.optional("phone", self.phone.text(), "Phone", 60)
        check_pick(c, self.organisation, "organisation_id", "organisations", required=False)
        return c.errors

    def save(self):
        fields = ms.PersonFields(
            self.name.text(), self.job_title.text(), self.organisation.current_id(),
            self.email.text(), self.phone.text(), self.notes.toPlainText(),
        )
        if self.record:
            return ms.update_person(self.db, self.record.id, fields)
        return ms.create_person(self.db, fields)


class GroupDialog(MembershipsDialog):
    def __init__(self, db, record: ms.GroupDTO | None = None, parent=None):
        super().__init__(db, "Edit group" if record else "New group", record, parent)
        r = record
        self.name = self.add_field("name", "Name", QLineEdit(r.name if r else ""))
        tier = QSpinBox()
        tier.setRange(1, 5)
        tier.setValue(r.tier if r else 3)
        self.tier = self.add_field("tier", "Tier", tier, "1 is the executive level; sub-groups are usually tier 3.")
        parent_combo = group_picker(db, r.parent_id if r else None, blank="(none: top level)",
                                    exclude=r.id if r else None)
        self.parent_group = self.add_field("parent_id", "Reports to", parent_combo)
        self.needs_agreement = self.add_field(
            "needs_agreement", "Confidentiality", QCheckBox("Members must sign a confidentiality agreement")
        )
        self.needs_agreement.setChecked(bool(r and r.needs_agreement))
        self.frequency = self.add_field(
            "frequency", "Usual frequency", enum_combo(Frequency, r.frequency if r else None, blank="(not set)")
        )
        self.purpose = self.add_field("purpose", "Purpose", text_box(r.purpose if r else ""))

    def check(self):
        c = Checker()
        c.required("name", self.name.text(), "Name")
        check_pick(c, self.parent_group, "parent_id", "groups", required=False)
        return c.errors

    def save(self):
        fields = ms.GroupFields(
            self.name.text(), self.tier.value(), self.parent_group.current_id(),
            self.needs_agreement.isChecked(), self.frequency.currentData(), self.purpose.toPlainText(),
        )
        if self.record:
            return ms.update_group(self.db, self.record.id, fields)
        return ms.create_group(self.db, fields)


class MembershipDialog(MembershipsDialog):
    def __init__(self, db, record: ms.MembershipDTO | None = None, parent=None, group_id: int | None = None):
        super().__init__(db, "Edit membership" if record else "New membership", record, parent)
        r = record
        self.person = self.add_field("person_id", "Person", person_picker(db, r.person_id if r else None, blank=None))
        self.group = self.add_field("group_id", "Group", group_picker(db, r.group_id if r else group_id))
        self.role = self.add_field("role", "Role", enum_combo(Role, r.role if r else Role.MEMBER))
        self.organisation = self.add_field(
            "organisation_id", "Representing",
            organisation_picker(db, r.organisation_id if r else None, blank="(not representing an organisation)"),
        )
        self.deputy_for = self.add_field(
            "deputy_for_id", "Deputy for", person_picker(db, r.deputy_for_id if r else None, blank="(nobody)")
        )
        self.start = self.add_field("start_date", "Start date", DateEdit(value=r.start_date if r else None))
        self.end = self.add_field(
            "end_date", "End date", DateEdit(value=r.end_date if r else None), "Leave empty while the membership continues."
        )
        self.notes = self.add_field("notes", "Notes", text_box(r.notes if r else ""))

    def check(self):
        c = Checker()
        check_pick(c, self.person, "person_id", "people", required=True)
        check_pick(c, self.group, "group_id", "groups", required=True)
        check_pick(c, self.organisation, "organisation_id", "organisations", required=False)
        check_pick(c, self.deputy_for, "deputy_for_id", "people", required=False)
        start = self.date_value("start_date", c.errors)
        end = self.date_value("end_date", c.errors)
        if start is None and "start_date" not in c.errors:
            c.add("start_date", "Start date is required")
        c.date_order("end_date", start, end, "Start date", "End date")
        if self.deputy_for.current_id() is not None and self.deputy_for.current_id() == self.person.current_id():
            c.add("deputy_for_id", "A person cannot be their own deputy")
        return c.errors

    def save(self):
        fields = ms.MembershipFields(
            self.person.current_id(), self.group.current_id(), self.role.currentData(),
            self.start.value(), self.end.value(), self.organisation.current_id(),
            self.deputy_for.current_id(), self.notes.toPlainText(),
        )
        if self.record:
            return ms.update_membership(self.db, self.record.id, fields)
        return ms.create_membership(self.db, fields)


class AgreementDialog(MembershipsDialog):
    def __init__(self, db, record: ms.AgreementDTO | None = None, parent=None):
        title = "Edit confidentiality agreement" if record else "New confidentiality agreement"
        super().__init__(db, title, record, parent)
        r = record
        self.person = self.add_field("person_id", "Person", person_picker(db, r.person_id if r else None, blank=None))
        self.signed_on = self.add_field("signed_on", "Signed on", DateEdit(value=r.signed_on if r else None))
        self.review_due = self.add_field(
            "review_due", "Review due", DateEdit(value=r.review_due if r else None),
            "The agreement counts until this date. Leave empty if it has no review date.",
        )
        self.notes = self.add_field("notes", "Notes", text_box(r.notes if r else ""))

    def check(self):
        c = Checker()
        check_pick(c, self.person, "person_id", "people", required=True)
        signed = self.date_value("signed_on", c.errors)
        due = self.date_value("review_due", c.errors)
        if signed is None and "signed_on" not in c.errors:
            c.add("signed_on", "Signed on is required")
        c.date_order("review_due", signed, due, "Signed on", "Review due")
        return c.errors

    def save(self):
        fields = ms.AgreementFields(
            self.person.current_id(), self.signed_on.value(), self.review_due.value(), self.notes.toPlainText()
        )
        if self.record:
            return ms.update_agreement(self.db, self.record.id, fields)
        return ms.create_agreement(self.db, fields)
