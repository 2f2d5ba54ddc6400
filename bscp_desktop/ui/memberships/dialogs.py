"""Add and edit dialogs for organisations, people, groups, memberships and agreements."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QLineEdit, QMessageBox, QSpinBox

from bscp_desktop.domain.meetings import QuorumRule
from bscp_desktop.domain.memberships import Frequency, OrganisationKind, Role, deputy_role_problem
from bscp_desktop.domain.validation import Checker
from bscp_desktop.services import memberships as ms
from bscp_desktop.services.common import ARCHIVED_ORGANISATION
from bscp_desktop.ui.common.autosave import editor_text
from bscp_desktop.ui.common.editors import DateEdit, RecordCombo, after_a_pause, enum_combo, text_box
from bscp_desktop.ui.common.empty_choices import offer_to_add_first
from bscp_desktop.ui.common.form import FormDialog
from bscp_desktop.ui.common.labels import WARNING_STYLE, NoteBar, as_typed
from bscp_desktop.ui.common.pickers import check_pick, group_picker, organisation_picker, person_picker


class MembershipsDialog(FormDialog):

    def offer_person_first(self, field: str, combo: RecordCombo, why: str) -> None:
        offer_to_add_first(self, field, combo, f"No people yet: add {why} first.", "Add a person…",
                           lambda parent: PersonDialog(self.db, None, parent), lambda: ms.person_choices(self.db))

    def offer_group_first(self, field: str, combo: RecordCombo) -> None:
        offer_to_add_first(self, field, combo, "No groups yet: add the group first.", "Add a group…",
                           lambda parent: GroupDialog(self.db, None, parent), lambda: ms.group_choices(self.db))


class OrganisationDialog(MembershipsDialog):
    history_table = "organisation"

    def saved_record(self):
        """The organisation as saved now (Reload after another officer's save: its other names too)."""
        return next((o for o in ms.list_organisations(self.db, include_archived=True) if o.id == self.record.id), None)

    def __init__(self, db, record: ms.OrganisationDTO | None = None, parent=None):
        super().__init__("Edit organisation" if record else "New organisation", parent, db=db, record=record)
        self.name = self.add_field("name", "Name", QLineEdit(record.name if record else ""))
        self.short_name = self.add_field(
            "short_name", "Short name", QLineEdit(record.short_name if record else ""),
            "Another name it is known by, e.g. 'LNWUHT': found when typed in a search, a list or an imported file.",
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
        return tuple(line for line in editor_text(self.aliases).splitlines() if line.strip())

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
    history_table = "person"

    def __init__(self, db, record: ms.PersonDTO | None = None, parent=None):
        super().__init__("Edit person" if record else "New person", parent, db=db, record=record)
        r = record
        self.name = self.add_field("name", "Name", QLineEdit(r.name if r else ""))
        self.job_title = self.add_field("job_title", "Job title", QLineEdit(r.job_title if r else ""))
        self.organisation = self.add_field(
            "organisation_id", "Organisation",
            organisation_picker(db, r.organisation_id if r else None, blank="(none)"),
        )
        offer_to_add_first(
            self, "organisation_id", self.organisation, "No organisations yet: add theirs first, or leave it empty.",
            "Add an organisation…", lambda parent: OrganisationDialog(db, None, parent),
            lambda: ms.organisation_choices(db),
        )
        self.email = self.add_field("email", "Email", QLineEdit(r.email if r else ""))
        self.phone = self.add_field("phone", "Phone", QLineEdit(r.phone if r else ""))
        self.notes = self.add_field("notes", "Notes", text_box(r.notes if r else ""))
        # Someone already on record with the same e-mail, or the same name in the same organisation
        # (asked about before saving); for a new person, of the same name at another organisation
        # too, perhaps someone who has moved (mentioned only: two people may share a name).
        self.similar: list[ms.SimilarPerson] = []
        self.elsewhere: list[ms.SimilarPerson] = []
        self.opened: PersonDialog | None = None
        self.duplicate_box = NoteBar(self, "Open the existing record", self.open_existing, "Possible duplicate", WARNING_STYLE)
        self.duplicate_note, self.open_existing_button = self.duplicate_box.note, self.duplicate_box.button
        self.duplicate_box.hide()
        self.layout().insertWidget(1, self.duplicate_box)
        self._similar_timer = after_a_pause(
            self, 250, self.look_for_duplicates, self.name.textChanged, self.email.textChanged,
            self.organisation.currentIndexChanged, self.organisation.editTextChanged,
        )
        self.look_for_duplicates()

    def look_for_duplicates(self) -> list[ms.SimilarPerson]:
        self._similar_timer.stop()
        found = ms.similar_people(
            self.db, self.name.text(), self.email.text(), self.organisation.current_id(),
            self.record.id if self.record else None, elsewhere=self.record is None,
        )
        self.similar = [s for s in found if not s.elsewhere]
        self.elsewhere = [s for s in found if s.elsewhere]
        notes = []
        if self.similar:
            notes.append(f"Already on record with {self._described(self.similar)}.")
        if self.elsewhere:
            notes.append(f"{'Also' if self.similar else 'Already'} on record with {self._described(self.elsewhere)}: "
                         "if this is the same person, who has moved, open their record and change their organisation "
                         "instead of adding them again.")
        if notes:
            self.duplicate_note.setText(" ".join(notes))
        self.duplicate_box.setVisible(bool(notes))
        return self.similar

    @staticmethod
    def _described(similar: list[ms.SimilarPerson]) -> str:
        """"the same name at Brent Council: Ann Lee (Brent Council) (archived) and 1 more"."""
        first = similar[0]
        who = first.person.name + (f" ({first.person.organisation_name})" if first.person.organisation_name else "")
        archived = " (archived)" if first.person.archived else ""
        more = f" and {len(similar) - 1} more" if len(similar) > 1 else ""
        return f"{first.reason}: {who}{archived}{more}"

    def open_existing(self) -> None:
        """Leave this record unsaved and open the person already on record instead."""
        if not (self.similar or self.elsewhere):
            return
        existing = (self.similar or self.elsewhere)[0].person
        parent = self.parentWidget()
        self.reject()
        self.opened = PersonDialog(self.db, existing, parent)
        self.opened.exec()

    def _on_save(self) -> None:
        if self.look_for_duplicates() and self.revalidate():
            first = self.similar[0]
            answer = QMessageBox.question(
                self, "Possible duplicate",
                as_typed(f"{first.person.name} is already on record with {first.reason}. Save this as a "
                         "different person anyway?"),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        super()._on_save()

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
            self.email.text(), self.phone.text(), editor_text(self.notes),
        )
        if self.record:
            return ms.update_person(self.db, self.record.id, fields)
        return ms.create_person(self.db, fields)


class GroupDialog(MembershipsDialog):
    history_table = "partnership_group"

    def __init__(self, db, record: ms.GroupDTO | None = None, parent=None):
        super().__init__("Edit group" if record else "New group", parent, db=db, record=record)
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
        rule = r.quorum_rule if r else QuorumRule.STATUTORY_PARTNERS if tier.value() == 1 else QuorumRule.HEAD_COUNT
        self.quorum_rule = self.add_field(
            "quorum_rule", "Quorum", enum_combo(QuorumRule, rule),
            "Each of the three safeguarding partners represented is the Working Together rule for the executive "
            "group. The secretariat, advisers and guests never count.",
        )
        quorum = QSpinBox()
        quorum.setRange(0, 500)
        quorum.setSpecialValueText("No number")
        quorum.setValue(r.quorum or 0 if r else 0)
        self.quorum = self.add_field("quorum", "Members needed", quorum,
                                     "For a head count: members present in person or by deputy.")
        self._rule_chosen = r is not None
        self.quorum_rule.activated.connect(lambda _i: setattr(self, "_rule_chosen", True))
        self.quorum_rule.currentIndexChanged.connect(lambda _i: self._quorum_shown())
        self.tier.valueChanged.connect(self._tier_changed)
        self._quorum_shown()

    def _tier_changed(self, tier: int) -> None:
        """A new group's quorum follows its tier until one is chosen."""
        if not self._rule_chosen:
            rule = QuorumRule.STATUTORY_PARTNERS if tier == 1 else QuorumRule.HEAD_COUNT
            self.quorum_rule.setCurrentIndex(self.quorum_rule.findData(rule))

    def _quorum_shown(self) -> None:
        self.quorum.setEnabled(self.quorum_rule.currentData() == QuorumRule.HEAD_COUNT)

    def check(self):
        c = Checker()
        c.required("name", self.name.text(), "Name")
        check_pick(c, self.parent_group, "parent_id", "groups", required=False)
        return c.errors

    def save(self):
        fields = ms.GroupFields(
            self.name.text(), self.tier.value(), self.parent_group.current_id(),
            self.needs_agreement.isChecked(), self.frequency.currentData(), editor_text(self.purpose),
            self.quorum_rule.currentData(), self.quorum.value(),
        )
        if self.record:
            return ms.update_group(self.db, self.record.id, fields)
        return ms.create_group(self.db, fields)


class MembershipDialog(MembershipsDialog):
    history_table = "membership"

    def __init__(self, db, record: ms.MembershipDTO | None = None, parent=None, group_id: int | None = None):
        super().__init__("Edit membership" if record else "New membership", parent, db=db, record=record)
        r = record
        people = ms.person_choices(db, include=r.person_id if r else None)
        self.person = self.add_field("person_id", "Person", person_picker(db, r.person_id if r else None, blank=None,
                                                                          listed=people))
        self.offer_person_first("person_id", self.person, "the person who sits on the group")
        self.group = self.add_field("group_id", "Group", group_picker(db, r.group_id if r else group_id))
        self.offer_group_first("group_id", self.group)
        self.role = self.add_field("role", "Role", enum_combo(Role, r.role if r else Role.MEMBER))
        self.organisation = self.add_field(
            "organisation_id", "Representing",
            organisation_picker(db, r.organisation_id if r else None, blank="(not representing an organisation)"),
            "" if r else "The person's own organisation, unless you choose another.",
        )
        # a new membership offers the same live people in both (read once); an edit also offers
        # the one it names as its deputy_for, even if archived since
        deputies = ms.person_choices(db, include=r.deputy_for_id) if r else people
        self.deputy_for = self.add_field(
            "deputy_for_id", "Deputy for", person_picker(db, r.deputy_for_id if r else None, listed=deputies)
        )
        self.start = self.add_field("start_date", "Start date", DateEdit(value=r.start_date if r else None))
        self.end = self.add_field(
            "end_date", "End date", DateEdit(value=r.end_date if r else None), "Leave empty while the membership continues."
        )
        self.notes = self.add_field("notes", "Notes", text_box(r.notes if r else ""))
        self._archived_org = ""  # the person's own organisation when archived: not offered, said why
        if r is None:  # a new membership represents the person's own organisation by default
            self._org_of = ms.person_organisations(db)
            self._org_chosen = False
            self.organisation.activated.connect(self._org_picked)
            self.organisation.lineEdit().textEdited.connect(self._org_picked)
            self.person.currentIndexChanged.connect(self._person_changed)
            self._person_changed()

    def _org_picked(self, *_args) -> None:
        if not self._org_chosen:  # picked after the box changed: its check sees the choice now
            self._org_chosen = True
            self.revalidate()

    def _person_changed(self, *_args) -> None:
        """Representing follows the person chosen until an organisation is: their own. One
        archived since is not in the list: its name stays in the box, and Representing says why
        it cannot be chosen until another organisation (or none) is."""
        if self._org_chosen:
            return
        person_id = self.person.current_id()
        if person_id is not None and person_id not in self._org_of:  # added since it opened ("Add a person…")
            self._org_of = ms.person_organisations(self.db)
        org_id = self._org_of.get(person_id)
        gone = org_id is not None and self.organisation.findData(org_id) < 0
        self._archived_org = next((o.name for o in ms.list_organisations(self.db, include_archived=True)
                                   if o.id == org_id), "") if gone else ""
        self.organisation.set_current_id(org_id)
        if self._archived_org:
            self.organisation.setEditText(f"{self._archived_org} (archived)")

    def check(self):
        c = Checker()
        check_pick(c, self.person, "person_id", "people", required=True)
        check_pick(c, self.group, "group_id", "groups", required=True)
        if self._archived_org and not self._org_chosen:
            c.add("organisation_id", ARCHIVED_ORGANISATION.format(name=self._archived_org))
        else:
            check_pick(c, self.organisation, "organisation_id", "organisations", required=False)
        check_pick(c, self.deputy_for, "deputy_for_id", "people", required=False)
        start = self.required_date("start_date", c.errors, "Start date is required")
        end = self.date_value("end_date", c.errors)
        c.date_order("end_date", start, end, "Start date", "End date")
        if self.deputy_for.current_id() is not None and self.deputy_for.current_id() == self.person.current_id():
            c.add("deputy_for_id", "A person cannot be their own deputy")
        elif "deputy_for_id" not in c.errors and (problem := deputy_role_problem(self.role.currentData(),
                                                                                 self.deputy_for.current_id())):
            c.add("deputy_for_id", problem)
        return c.errors

    def save(self):
        fields = ms.MembershipFields(
            self.person.current_id(), self.group.current_id(), self.role.currentData(),
            self.start.value(), self.end.value(), self.organisation.current_id(),
            self.deputy_for.current_id(), editor_text(self.notes),
        )
        if self.record:
            return ms.update_membership(self.db, self.record.id, fields)
        return ms.create_membership(self.db, fields)


class AgreementDialog(MembershipsDialog):
    history_table = "confidentiality_agreement"

    def __init__(self, db, record: ms.AgreementDTO | None = None, parent=None):
        title = "Edit confidentiality agreement" if record else "New confidentiality agreement"
        super().__init__(title, parent, db=db, record=record)
        r = record
        self.person = self.add_field("person_id", "Person", person_picker(db, r.person_id if r else None, blank=None))
        self.offer_person_first("person_id", self.person, "the person who signed")
        self.signed_on = self.add_field("signed_on", "Signed on", DateEdit(value=r.signed_on if r else None))
        self.review_due = self.add_field(
            "review_due", "Review due", DateEdit(value=r.review_due if r else None),
            "The agreement counts until this date. Leave empty if it has no review date.",
        )
        self.notes = self.add_field("notes", "Notes", text_box(r.notes if r else ""))

    def check(self):
        c = Checker()
        check_pick(c, self.person, "person_id", "people", required=True)
        signed = self.required_date("signed_on", c.errors, "Signed on is required")
        due = self.date_value("review_due", c.errors)
        c.date_order("review_due", signed, due, "Signed on", "Review due")
        return c.errors

    def save(self):
        fields = ms.AgreementFields(
            self.person.current_id(), self.signed_on.value(), self.review_due.value(), editor_text(self.notes)
        )
        if self.record:
            return ms.update_agreement(self.db, self.record.id, fields)
        return ms.create_agreement(self.db, fields)
