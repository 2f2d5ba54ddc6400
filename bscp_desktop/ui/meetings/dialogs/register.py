"""The attendance register: guests, deputies and a person's note (arrived late, left early)."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QLineEdit

from bscp_desktop.domain.validation import Checker, RecordChanged, ValidationError
from bscp_desktop.ui.common.form import FormDialog
from bscp_desktop.ui.common.labels import plain_label
from bscp_desktop.ui.common.pickers import check_pick, organisation_picker, person_picker

NOTE_LENGTH = 500  # as the register keeps a note
NAME_LENGTH = 200  # as the register keeps a guest's or a deputy's name typed in
NOTE_HINT = "Printed beside their name in the minutes, such as “arrived 10:45” or “left after item 4”."


class GuestDialog(FormDialog):
    """Someone added to the register by hand: a guest, or a member the membership list missed.
    The service lists someone who held a seat that day by it, whatever the Member box says."""

    def __init__(self, db, meeting_id: int, parent=None, reason: str | None = None):
        super().__init__("Add to the register", parent, db=db)
        self.meeting_id = meeting_id
        self.reason = reason
        self.person = self.add_field("person_id", "Person on record", person_picker(db, None, blank="(not on record)"))
        self.name = self.add_field("name", "Or name", QLineEdit(), "For a guest who is not on record.")
        self.organisation = self.add_field(
            "organisation_id", "Organisation", organisation_picker(db, None, blank="(their own organisation)")
        )
        self.expected = self.add_field(
            "expected", "Member", QCheckBox("A member expected at this meeting (not a guest)"),
            "Someone who held a seat on the group on the day of the meeting is listed by that seat: its role and "
            "organisation (the secretariat and advisers never count toward quorum).",
        )
        self.notes = self.add_field("notes", "Notes", QLineEdit(), NOTE_HINT)

    def check(self):
        c = Checker()
        check_pick(c, self.person, "person_id", "people", required=False)
        check_pick(c, self.organisation, "organisation_id", "organisations", required=False)
        if self.person.current_id() is None and not self.name.text().strip():
            c.add("name", "Choose a person from the list or type the guest's name")
        elif self.person.current_id() is None:
            c.optional_line("name", self.name.text(), "Name", NAME_LENGTH)
        c.optional_line("notes", self.notes.text(), "Notes", NOTE_LENGTH)
        return c.errors

    def save(self):
        from bscp_desktop.domain.meetings import AttendanceStatus
        from bscp_desktop.services import attendance as at

        expected = self.expected.isChecked()
        return at.add_attendee(
            self.db, self.meeting_id,
            at.AttendeeFields(
                self.person.current_id(), self.name.text(), self.organisation.current_id(), expected,
                AttendanceStatus.PRESENT if expected else AttendanceStatus.GUEST, self.notes.text(),
            ),
            reason=self.reason,
        )


class DeputyDialog(FormDialog):
    """Who deputised: a person on record (the member's usual deputy first) or a typed name.
    `versions`: each row's version as the register showed it, so a colleague's mark or note
    saved since is not overwritten unseen (the save is refused: someone else saved it first)."""

    def __init__(self, db, attendance_ids: list[int], member_names: str, suggestions: list[tuple[str, int]],
                 parent=None, reason: str | None = None, versions: dict[int, int] | None = None):
        super().__init__("Deputy attended", parent, db=db)
        self.ids = attendance_ids
        self.reason = reason
        self.versions = dict(versions or {})
        intro = plain_label(f"Who deputised for {member_names}?", self, wrap=True)  # names as typed
        self.form.addRow(intro)
        combo = person_picker(db, suggestions[0][1] if suggestions else None, blank="(not on record)", first=suggestions)
        self.person = self.add_field("deputy_person_id", "Deputy", combo)
        self.name = self.add_field("deputy_name", "Or name", QLineEdit(), "If the deputy is not on record.")

    def check(self):
        c = Checker()
        check_pick(c, self.person, "deputy_person_id", "people", required=False)
        if self.person.current_id() is None and not self.name.text().strip():
            c.add("deputy_name", "Say who deputised")
        elif self.person.current_id() is None:
            c.optional_line("deputy_name", self.name.text(), "The deputy's name", NAME_LENGTH)
        return c.errors

    def save(self):
        from bscp_desktop.domain.meetings import AttendanceStatus
        from bscp_desktop.services import attendance as at

        try:
            return at.set_attendance(
                self.db, self.ids, AttendanceStatus.DEPUTY, deputy_person_id=self.person.current_id(),
                deputy_name=self.name.text(), reason=self.reason, versions=self.versions,
            )
        except ValidationError as exc:
            errors = dict(exc.errors)
            if "deputy" in errors:  # beside the field that was filled in: the person chosen, or the name typed
                chosen = self.person.current_id() is not None
                errors["deputy_person_id" if chosen else "deputy_name"] = errors.pop("deputy")
            raise ValidationError(errors) from exc



    def reload_saved(self, refusal: RecordChanged) -> None:
        super().reload_saved(refusal)
        if refusal.record_id in self.versions and refusal.current is not None:
            self.versions[refusal.record_id] = refusal.current  # saved again, it starts from theirs


class NoteDialog(FormDialog):
    """The note of one person on the register (arrived late, left early), printed beside their
    name in the minutes. Saved from the version the register showed: a colleague's mark or note
    saved since is not overwritten unseen."""

    history_table = "attendance"

    def __init__(self, db, row, parent=None, reason: str | None = None):
        super().__init__("Note on the register", parent, db=db, record=row)
        self.reason = reason
        self.form.addRow(plain_label(f"{row.name}: {row.status_text}", self, wrap=True))  # names as typed
        self.notes = self.add_field("notes", "Notes", QLineEdit(row.notes), NOTE_HINT)

    def check(self):
        c = Checker()
        c.optional_line("notes", self.notes.text(), "Notes", NOTE_LENGTH)
        return c.errors

    def saved_record(self):
        from bscp_desktop.services import attendance as at

        return next((r for r in at.list_attendance(self.db, self.record.meeting_id, include_archived=True)
                     if r.id == self.record.id), None)

    def save(self):
        from bscp_desktop.services import attendance as at

        version = self.opened_version if self.opened_version is not None else self.record.version
        return at.set_attendance_notes(self.db, self.record.id, self.notes.text(), version=version, reason=self.reason)
