"""Moving a member's seat to another organisation (or role) from a date, on the Memberships page:
"Move to another organisation…" opens `MoveSeatDialog`, and `memberships.move_membership` ends
the seat the day before and starts the new one on the date, keeping the attendance recorded."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QWidget

from bscp_desktop.domain.memberships import Role
from bscp_desktop.domain.validation import Checker
from bscp_desktop.services import memberships as ms
from bscp_desktop.ui.common.editors import DateEdit, enum_combo
from bscp_desktop.ui.common.form import FormDialog
from bscp_desktop.ui.common.labels import plain_label
from bscp_desktop.ui.common.pickers import check_pick, organisation_picker

NOT_REPRESENTING = "(not representing an organisation)"
MOVE_TEXT = "Move to another organisation…"
MOVE_TIP = ("End the selected membership the day before a date, and start a new one on that date representing "
            "another organisation or in another role, keeping the attendance already recorded")


def why_not_moved(row: ms.MembershipDTO | None, today: date) -> str:
    """Why the chosen membership cannot be moved from the list (one sentence), '' when it can:
    only a current seat moves."""
    if row is None:
        return "Choose a membership first."
    if row.archived:
        return "The membership is archived: restore it first."
    if row.end_date is not None and row.end_date < today:
        return (f"The membership ended on {row.end_date:%d/%m/%Y}: only a current membership moves to another "
                "organisation.")
    return ""


def _seat_now(record: ms.MembershipDTO) -> str:
    """"Jo Bloggs sits on the Safeguarding Children Forum as Member, representing Brent Council,
    from 01/10/2022 with no end date."."""
    representing = f", representing {record.organisation_name}" if record.organisation_name else ""
    until = f"to {record.end_date:%d/%m/%Y}" if record.end_date else "with no end date"
    return (f"{record.person_name} sits on the {record.group_name} as {record.role.label}{representing}, "
            f"from {record.start_date:%d/%m/%Y} {until}.")


class MoveSeatDialog(FormDialog):
    """The date of the move, the organisation represented from then and the role; Save moves
    the seat (`ms.move_membership`), or shows why not beside the field."""

    def __init__(self, db, record: ms.MembershipDTO, parent: QWidget | None = None, today: date | None = None):
        super().__init__("Move to another organisation", parent, db=db, record=record)
        self.form.addRow(plain_label(
            f"{_seat_now(record)} From the date of the move they sit in a new membership, with the organisation "
            "and role below; the one they hold now ends the day before. Attendance already recorded is kept as "
            "it is.", self, wrap=True))
        self.moved_on = self.add_field(
            "moved_on", "Date of the move", DateEdit(value=today or date.today()),
            "Their first day representing the new organisation.")
        own = ms.person_organisations(db).get(record.person_id)
        # the organisations a seat may newly represent: an archived one is never offered first
        self.live = {oid for _label, oid in ms.organisation_choices(db)}
        # their own organisation, changed on the People page, is offered first where the seat does
        # not represent it already; else nothing is chosen: the seat's own would be refused at once
        offered = own if own in self.live and own != record.organisation_id else None
        picker = organisation_picker(db, offered, blank=NOT_REPRESENTING)
        if offered is None:
            picker.setCurrentIndex(-1)
            picker.setEditText("")
        picker.lineEdit().setPlaceholderText("Choose the organisation")
        self.organisation = self.add_field(
            "organisation_id", "Representing", picker, "Their own organisation is changed on the People page.")
        self.role = self.add_field("role", "Role", enum_combo(Role, record.role))
        self.save_button.setText("Move the membership")

    def check(self) -> dict[str, str]:
        c = Checker()
        moved_on = self.required_date("moved_on", c.errors, "Date of the move is required")
        if not self.organisation.currentText().strip():  # "(not representing an organisation)" is a choice too
            c.add("organisation_id", "Choose the organisation they represent from the date of the move, or "
                                     f"\u201c{NOT_REPRESENTING}\u201d if none")
        check_pick(c, self.organisation, "organisation_id", "organisations", required=False)
        chosen = self.organisation.current_id()
        if chosen is not None and chosen not in self.live:
            gone = next(o.name for o in ms.list_organisations(self.db, include_archived=True) if o.id == chosen)
            c.add("organisation_id", f"{gone} is archived: "
                                     "restore it on the Memberships tab first, or choose a current organisation")
        r = self.record
        for name, message in ms.move_problems(r.start_date, r.end_date, r.organisation_id, r.role, moved_on,
                                              self.organisation.current_id(), self.role.currentData()).items():
            c.errors.setdefault(name, message)
        return c.errors

    def save(self):
        fields = ms.SeatMoveFields(self.moved_on.value(), self.organisation.current_id(), self.role.currentData())
        return ms.move_membership(self.db, self.record.id, fields, version=self.record.version)
