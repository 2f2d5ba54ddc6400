"""Agenda items, amending approved minutes, and marking minutes circulated and approved."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QLineEdit, QSizePolicy, QSpinBox

from bscp_desktop.domain.dates import format_date
from bscp_desktop.domain.meetings import ApprovalMethod, ItemKind, MeetingStatus, circulation_problem, held_by_records
from bscp_desktop.domain.validation import Checker
from bscp_desktop.services import meetings as mt
from bscp_desktop.services.meetings.agenda import overrun_sentence
from bscp_desktop.ui.common.autosave import editor_text
from bscp_desktop.ui.common.editors import DateEdit, RecordCombo, enum_combo, text_box
from bscp_desktop.ui.common.form import FormDialog
from bscp_desktop.ui.common.labels import WARNING_STYLE, plain_label
from bscp_desktop.ui.common.pickers import check_pick


class AgendaItemDialog(FormDialog):
    """New or edit agenda item. Beside Time allowed, a note says when saving it would take the
    agenda past the meeting's end (`agenda`: the meeting's items as shown, else read); it never
    stops the save, as a chair may run over."""

    history_table = "agenda_item"

    def __init__(self, db, meeting: mt.MeetingDTO, record: mt.AgendaItemDTO | None = None, parent=None,
                 agenda: Sequence[mt.AgendaItemDTO] | None = None):
        super().__init__("Edit agenda item" if record else "New agenda item", parent, db=db, record=record)
        self.meeting = meeting
        items = mt.list_agenda(db, meeting.id) if agenda is None else agenda
        # the other items' times: this one's is the one being typed
        self.other_minutes = [i.minutes_allotted for i in items if not i.archived and (record is None or i.id != record.id)]
        self.reason = None
        r = record
        self.title_edit = self.add_field("title", "Title", QLineEdit(r.title if r else ""))
        self.presenter = self.add_field("presenter", "Presenter", QLineEdit(r.presenter if r else ""))
        self.paper = self.add_field("paper_ref", "Paper reference", QLineEdit(r.paper_ref if r else ""))
        minutes = QSpinBox()
        minutes.setRange(0, 600)
        minutes.setSuffix(" minutes")
        minutes.setSpecialValueText("Not set")
        minutes.setValue(r.minutes_allotted or 0 if r else 0)
        self.minutes = self.add_field("minutes_allotted", "Time allowed", minutes)
        box = minutes.parentWidget()  # the note under the number takes the fields' whole width
        self.overrun_note = plain_label("", box, wrap=True, name="Time allowed note")
        self.overrun_note.setStyleSheet(WARNING_STYLE)
        box.layout().insertWidget(1, self.overrun_note)
        box.layout().setAlignment(minutes, Qt.AlignmentFlag.AlignLeft)
        box.setSizePolicy(QSizePolicy.Policy.Expanding, box.sizePolicy().verticalPolicy())
        minutes.valueChanged.connect(lambda _v: self._note_the_time())
        self._note_the_time()
        self.kind = self.add_field("kind", "Kind of item", enum_combo(ItemKind, r.kind if r else None),
                                   "Standing items are recognised by kind: the action log review lists open actions.")
        confidential = QCheckBox("Leave this item out of minutes for circulation")
        confidential.setChecked(bool(r and r.confidential))
        self.confidential = self.add_field("confidential", "Confidential", confidential)
        key_focus = QCheckBox("Show in the yearly report's activity table")
        key_focus.setChecked(bool(r and r.key_focus))
        self.key_focus = self.add_field("key_focus", "Key area of focus", key_focus)
        self.summary = self.add_field(
            "key_focus_summary", "Summary (one line)", QLineEdit(r.key_focus_summary if r else ""),
            "What the yearly report says about this item.",
        )
        if meeting.locked:
            self.reason = self.add_field(
                "reason", "Reason for amendment", QLineEdit(),
                "These minutes are approved; changing the agenda is an amendment (the key area of focus is not).",
            )

    def _note_the_time(self) -> None:
        """Say so beside Time allowed when the agenda, saved with it, runs past the meeting's end."""
        live = self.record is None or not self.record.archived
        sentence = overrun_sentence(self.meeting.starts_at, self.meeting.ends_at,
                                    [*self.other_minutes, self.minutes.value() if live else 0])
        self.overrun_note.setText(f"With this time allowed: {sentence[0].lower()}{sentence[1:]} It can still be saved."
                                  if sentence else "")
        self.overrun_note.setVisible(bool(sentence))

    def check(self):
        c = Checker()
        c.name("title", self.title_edit.text(), "Title", 300)
        if self.key_focus.isChecked() and not self.summary.text().strip():
            c.add("key_focus_summary", "Give a one-line summary of the key area of focus")
        return c.errors

    def collect(self) -> mt.AgendaItemFields:
        return mt.AgendaItemFields(
            self.title_edit.text(), self.presenter.text(), self.paper.text(), self.minutes.value() or None,
            self.confidential.isChecked(), self.key_focus.isChecked(), self.summary.text(), self.kind.currentData(),
        )

    def save(self):
        reason = self.reason.text() if self.reason is not None else None
        if self.record:
            return mt.update_agenda_item(self.db, self.record.id, self.collect(), reason=reason)
        return mt.add_agenda_item(self.db, self.meeting.id, self.collect(), reason=reason)


class CirculateDialog(FormDialog):
    """Marks `meeting`'s minutes circulated on the day they went out: today unless the officer
    gives an earlier day, not before the meeting and not in the future. Minutes are often
    marked some days after they were sent, and they cannot be approved before that day, so it
    has to be the real one. `result_value` is the meeting as saved. Saved from the meeting's
    version it opened with, as `ApproveDialog`."""

    def __init__(self, db, meeting: mt.MeetingDTO, parent=None):
        super().__init__("Mark minutes circulated", parent, db=db)
        self.meeting = meeting
        self.opened_version = meeting.version
        self.today = date.today()
        self.on = self.add_field(
            "minutes_circulated_on", "Circulated on", DateEdit(value=self.today),
            f"The day the minutes were sent out: not before the meeting ({format_date(meeting.date)}) and not "
            "after today. They cannot be approved before that day.",
        )
        self.save_button.setText("Mark circulated")

    def check(self):
        errors: dict[str, str] = {}
        on = self.required_date("minutes_circulated_on", errors, "Enter the date the minutes were circulated")
        if on is not None and (problem := circulation_problem(self.meeting.date, self.meeting.status, on, self.today)):
            errors["minutes_circulated_on"] = problem
        return errors

    def save(self):
        return mt.circulate_minutes(self.db, self.meeting.id, self.on.value(), version=self.opened_version)


#: Why minutes cannot be approved at a meeting when none of the group's later meetings has taken place
NO_MEETING_HELD = ("No later meeting of this group has taken place yet: minutes are approved at the meeting that "
                   "agrees them. If they were approved between meetings, choose the chair's action or e-mail.")


class ApproveDialog(FormDialog):
    """Approve minutes at a later meeting of the group, or between meetings by the chair's
    action or by e-mail (who approved them and when).

    Saved from the meeting's version it opened with (`meeting.version`): if someone else
    approved the minutes (or circulated them, or took them back to draft) meanwhile, the save
    is refused (RecordChanged) and the dialog says who and when, with Reload and Compare, as
    every dialog does; minutes already approved are never approved a second time.

    "At the meeting" offers the group's later meetings that have taken place by today (read when
    the dialog opens) and were not called off: a meeting still to come cannot have approved them.
    When there is none the dialog says so, and approving at a meeting cannot be saved.

    A chosen meeting still marked planned took place (it agreed the minutes), so approving marks
    it held with its register empty: a note under the meeting says so before saving, and
    `marks_held` is that meeting, for the message after the save."""

    def __init__(self, db, meeting: mt.MeetingDTO, parent=None):
        super().__init__("Approve minutes", parent, db=db)
        self.meeting = meeting
        self.opened_version = meeting.version  # Reload moves it on to the version saved now
        self.today = date.today()
        later = mt.later_meetings_of_group(db, meeting.id, held_by=self.today)
        self.later = later
        self.method = self.add_field(
            "method", "Approved", enum_combo(ApprovalMethod, ApprovalMethod.MEETING if later else ApprovalMethod.CHAIRS_ACTION),
            "Approved minutes are locked: later changes are amendments with a reason.",
        )
        combo = RecordCombo(blank="(none has taken place yet)" if not later else None)
        combo.set_items([(f"{m.label} ({m.title})", m.id) for m in later], later[0].id if later else None)
        self.at = self.add_field(
            "approved_at_meeting_id", "At the meeting", combo, "The later meeting of the group that agreed them.",
        )
        self.by = self.add_field(
            "approved_by", "Approved by", QLineEdit(),
            "Who approved them: the chair, or who agreed by e-mail (for example the members, by 5pm).",
        )
        self.by.setPlaceholderText("For example the Independent Chair")
        self.on = self.add_field("on", "Approved on", DateEdit(value=later[0].date if later else None),
                                 "The date of that meeting, or of the chair's action or the last e-mail.")
        for widget in (self.method, self.at):
            widget.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        box = combo.parentWidget()  # the note sits under the meeting chosen, before its hint
        self.held_note = plain_label("", box, wrap=True, name="At the meeting note")
        self.held_note.setStyleSheet(WARNING_STYLE)
        box.layout().insertWidget(1, self.held_note)
        if not later:  # said beside the field as soon as approving at a meeting is chosen
            self.touched.add("approved_at_meeting_id")
        combo.currentIndexChanged.connect(self._date_follows)
        combo.currentIndexChanged.connect(lambda _i: self._note_held())
        self.method.currentIndexChanged.connect(lambda _i: self._method_changed())
        self._method_changed()

    def chosen_method(self) -> ApprovalMethod:
        return ApprovalMethod(self.method.currentData())

    @property
    def marks_held(self) -> mt.MeetingDTO | None:
        """The meeting chosen to have approved the minutes when approving marks it held (it is
        still marked planned), else None."""
        if self.chosen_method() is not ApprovalMethod.MEETING:
            return None
        chosen = next((m for m in self.later if m.id == self.at.current_id()), None)
        if chosen is None or not held_by_records(MeetingStatus(chosen.status), chosen.date, self.today):
            return None
        return chosen

    def _note_held(self) -> None:
        chosen = self.marks_held
        self.held_note.setText(f"The meeting of {format_date(chosen.date)} will be marked as held: fill in its "
                               "register afterwards." if chosen else "")
        self.held_note.setVisible(chosen is not None)

    def _method_changed(self) -> None:
        at_meeting = self.chosen_method() is ApprovalMethod.MEETING
        self.at.setEnabled(at_meeting)
        self.by.setEnabled(not at_meeting)
        self.on.setEnabled(not at_meeting)  # the day of the meeting that approved them
        if at_meeting:
            self._date_follows()
        self._note_held()
        self.revalidate()

    def _date_follows(self) -> None:
        for m in self.later:
            if m.id == self.at.current_id():
                self.on.set_value(m.date)

    def check(self):
        c = Checker()
        if self.chosen_method() is ApprovalMethod.MEETING and not self.later:
            c.add("approved_at_meeting_id", NO_MEETING_HELD)
        elif self.chosen_method() is ApprovalMethod.MEETING:
            check_pick(c, self.at, "approved_at_meeting_id", "later meetings of the group", required=True)
        else:
            c.required("approved_by", self.by.text(), "Approved by", 200)
        on = self.date_value("on", c.errors)
        if on is None and "on" not in c.errors and self.chosen_method() is not ApprovalMethod.MEETING:
            c.add("on", "Enter the date they were approved")
        return c.errors

    def save(self):
        method = self.chosen_method()
        return mt.approve_minutes(
            self.db, self.meeting.id, self.at.current_id() if method is ApprovalMethod.MEETING else None,
            self.on.value(), method=method, approved_by=self.by.text() if method is not ApprovalMethod.MEETING else "",
            version=self.opened_version,
        )


class AmendMinutesDialog(FormDialog):
    """Change an item's approved minutes, with a reason. `text`: the words to start from when
    they are not the saved minutes (typed on the Minutes page but refused when the minutes
    were approved meanwhile): they become the amendment rather than being lost.

    The amendment saves from the item's version and the minutes the dialog opened with: if
    someone else amends them meanwhile, the save is refused (RecordChanged) and the dialog says
    who and when, with Reload and Compare, as every dialog does (a change to the item's title
    alone does not stop it)."""

    def __init__(self, db, item: mt.AgendaItemDTO, parent=None, text: str | None = None):
        super().__init__(f"Amend the minutes of item {item.position}", parent, db=db, record=item)
        self.setMinimumWidth(640)
        self.item = item
        self.opened_version = item.version
        self.text = self.add_field("minutes", "Minutes", text_box(item.minutes if text is None else text, 220))
        self.reason = self.add_field("reason", "Reason for amendment", QLineEdit())

    def check(self):
        c = Checker()
        c.required("reason", self.reason.text(), "Reason for amendment", 5000)
        if editor_text(self.text) == self.record.minutes:
            c.add("minutes", "Change the minutes, or press Cancel")
        return c.errors

    def saved_record(self) -> mt.AgendaItemDTO:
        return mt.get_agenda_item(self.db, self.item.id)

    def save(self):
        return mt.amend_minutes(self.db, self.item.id, editor_text(self.text), self.reason.text(),
                                version=self.opened_version, base=self.record.minutes)
