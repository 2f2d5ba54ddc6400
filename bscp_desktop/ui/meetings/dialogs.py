"""Dialogs of the Meetings tab: meeting, series, agenda item, action, approval, amendment,
guest, deputy, standing items and progress update."""

from __future__ import annotations

import calendar
from datetime import date, datetime, time

from PySide6.QtCore import QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from bscp_desktop.domain.actions import ActionStatus
from bscp_desktop.domain.dates import financial_year_label, financial_year_of, format_date
from bscp_desktop.domain.meetings import (
    ORDINALS,
    ItemKind,
    MeetingKind,
    MeetingStatus,
    StandingItem,
    Weekday,
    describe_series,
    series_dates,
)
from bscp_desktop.domain.validation import Checker, ValidationError
from bscp_desktop.services import actions as al
from bscp_desktop.services import meetings as mt
from bscp_desktop.services import memberships as ms
from bscp_desktop.ui.common.editors import DateEdit, RecordCombo, enum_combo, text_box
from bscp_desktop.ui.common.form import FormDialog

AREA = "meetings"




def time_edit(value: time | None) -> QTimeEdit:
    edit = QTimeEdit()
    edit.setDisplayFormat("HH:mm")
    if value is not None:
        edit.setTime(QTime(value.hour, value.minute))
    return edit


def qtime_value(edit: QTimeEdit) -> time:
    t = edit.time()
    return time(t.hour(), t.minute())


def combo_check(c: Checker, combo: RecordCombo, field: str, what: str, required: bool) -> None:
    if combo.has_unknown_text():
        c.add(field, f"'{combo.currentText().strip()}' is not in the list of {what}")
    elif required and combo.current_id() is None:
        c.add(field, f"Choose the {what} from the list")


def _show_start(combo: RecordCombo) -> RecordCombo:
    if combo.lineEdit() is not None:
        combo.lineEdit().setCursorPosition(0)
    return combo


def people_combo(db, current: int | None, blank: str | None = "(nobody)") -> RecordCombo:
    combo = RecordCombo(blank=blank)
    people, _orgs = mt.owner_choices(db)
    combo.set_items(people, current)
    return _show_start(combo)


def organisations_combo(db, current: int | None, blank: str | None = "(none)") -> RecordCombo:
    combo = RecordCombo(blank=blank)
    _people, orgs = mt.owner_choices(db)
    combo.set_items(orgs, current)
    return _show_start(combo)


def groups_combo(db, current: int | None) -> RecordCombo:
    combo = RecordCombo()
    combo.set_items([(g.name, g.id) for g in ms.list_groups(db)], current)
    return combo


class MeetingDialog(FormDialog):
    """New or edit meeting. Editing a meeting with approved minutes asks for a reason."""

    area = AREA

    def __init__(self, db, record: mt.MeetingDTO | None = None, parent=None, group_id: int | None = None):
        super().__init__("Edit meeting" if record else "New meeting", parent)
        self.db = db
        self.record = record
        self.reason = None
        self.standing = None
        r = record
        self.group = self.add_field("group_id", "Group", groups_combo(db, r.group_id if r else group_id))
        self.title_edit = self.add_field(
            "title", "Title", QLineEdit(r.title if r else ""), "For example 'Safeguarding Children Forum' or 'Interim workshop'."
        )
        self.kind = self.add_field("kind", "Kind", enum_combo(MeetingKind, r.kind if r else None))
        self.day = self.add_field("starts_at", "Date", DateEdit(value=r.date if r else None))
        self.start = self.add_field("start_time", "Starts at", time_edit(r.starts_at.time() if r else time(10, 0)))
        self.end = self.add_field(
            "ends_at", "Ends at", time_edit(r.ends_at.time() if r and r.ends_at else time(12, 0))
        )
        self.place = self.add_field("place", "Place", QLineEdit(r.place if r else ""))
        self.link = self.add_field("online_link", "Online link", QLineEdit(r.online_link if r else ""),
                                   "Teams or Zoom link, if people can join online.")
        self.status_combo = self.add_field("status", "Status", enum_combo(MeetingStatus, r.status if r else None))
        self.chair = self.add_field("chair_person_id", "Chair", people_combo(db, r.chair_person_id if r else None))
        self.taker = self.add_field(
            "minute_taker_person_id", "Minute-taker", people_combo(db, r.minute_taker_person_id if r else None)
        )
        self.notes = self.add_field("notes", "Notes", text_box(r.notes if r else "", 60))
        if r is None:
            self.standing = self.add_field(
                "standing_items", "Agenda", QCheckBox("Start the agenda with the group's standing items")
            )
            self.standing.setChecked(True)
        if r is not None and r.locked:
            self.reason = self.add_field(
                "reason", "Reason for amendment", QLineEdit(),
                "These minutes are approved. Changing the meeting's details is an amendment: say why.",
            )
        if r is None:
            self.group.currentIndexChanged.connect(self._suggest_title)
            self._suggest_title()

    def _suggest_title(self) -> None:
        if not self.title_edit.isModified() and self.group.current_id() is not None:
            self.title_edit.setText(self.group.currentText())

    def check(self):
        c = Checker()
        combo_check(c, self.group, "group_id", "groups", required=True)
        c.required("title", self.title_edit.text(), "Title")
        day = self.date_value("starts_at", c.errors)
        if day is None and "starts_at" not in c.errors:
            c.add("starts_at", "Date is required")
        if qtime_value(self.end) <= qtime_value(self.start):
            c.add("ends_at", "The end must be after the start")
        combo_check(c, self.chair, "chair_person_id", "people", required=False)
        combo_check(c, self.taker, "minute_taker_person_id", "people", required=False)
        if self.reason is not None and not self.reason.text().strip():
            c.add("reason", "Give the reason for the amendment")
        return c.errors

    def collect(self) -> mt.MeetingFields:
        day = self.day.value()
        return mt.MeetingFields(
            self.group.current_id(), self.title_edit.text(), datetime.combine(day, qtime_value(self.start)),
            datetime.combine(day, qtime_value(self.end)), self.kind.currentData(), self.place.text(),
            self.link.text(), self.status_combo.currentData(), self.chair.current_id(), self.taker.current_id(),
            self.notes.toPlainText(),
        )

    def save(self):
        if self.record:
            reason = self.reason.text() if self.reason is not None else None
            return mt.update_meeting(self.db, self.record.id, self.collect(), reason=reason)
        return mt.create_meeting(self.db, self.collect(), standing_items=self.standing.isChecked())


class SeriesDialog(FormDialog):
    """A year of meetings on a rule: every N months on the nth weekday."""

    area = AREA

    def __init__(self, db, parent=None, group_id: int | None = None):
        super().__init__("New series of meetings", parent)
        self.setMinimumWidth(560)
        self.db = db
        self.group = self.add_field("group_id", "Group", groups_combo(db, group_id))
        self.title_edit = self.add_field("title", "Title", QLineEdit())
        year = QComboBox()
        this_year = financial_year_of(date.today())
        for y in range(this_year - 2, this_year + 3):
            year.addItem(financial_year_label(y), y)
        year.setCurrentIndex(year.findData(this_year + (1 if date.today().month in (1, 2, 3) else 0)))
        self.year = self.add_field("financial_year", "Financial year", year)
        month = QComboBox()
        for m in (4, 5, 6, 7, 8, 9, 10, 11, 12, 1, 2, 3):
            month.addItem(calendar.month_name[m], m)
        self.first_month = self.add_field("first_month", "First meeting in", month)
        every = QSpinBox()
        every.setRange(1, 12)
        every.setValue(3)
        every.setSuffix(" month(s)")
        self.every = self.add_field("every_months", "Every", every)
        week = QComboBox()
        for n in (1, 2, 3, 4, -1):
            week.addItem(ORDINALS[n].capitalize(), n)
        week.setCurrentIndex(1)
        self.nth = self.add_field("nth", "Week of the month", week)
        self.weekday = self.add_field("weekday", "Day", enum_combo(Weekday, Weekday.THURSDAY))
        self.start = self.add_field("start_time", "Starts at", time_edit(time(10, 0)))
        self.end = self.add_field("end_time", "Ends at", time_edit(time(12, 0)))
        self.place = self.add_field("place", "Place", QLineEdit())
        self.link = self.add_field("online_link", "Online link", QLineEdit())
        self.kind = self.add_field("kind", "Kind", enum_combo(MeetingKind))
        self.standing = self.add_field("standing_items", "Agenda", QCheckBox("Give each meeting the group's standing items"))
        self.standing.setChecked(True)
        self.preview = QLabel(self)
        self.preview.setWordWrap(True)
        self.preview.setAccessibleName("Dates of the series")
        self.form.addRow(self.preview)
        for w in (self.year, self.first_month, self.nth, self.weekday):
            w.currentIndexChanged.connect(self._preview)
        self.every.valueChanged.connect(self._preview)
        self.group.currentIndexChanged.connect(self._suggest_title)
        self._suggest_title()
        self._preview()

    def _suggest_title(self) -> None:
        if not self.title_edit.isModified() and self.group.current_id() is not None:
            self.title_edit.setText(self.group.currentText())

    def dates(self) -> list[date]:
        try:
            return series_dates(
                self.year.currentData(), self.first_month.currentData(), self.every.value(),
                self.weekday.currentData(), self.nth.currentData(),
            )
        except ValueError:
            return []

    def _preview(self) -> None:
        dates = self.dates()
        rule = describe_series(self.first_month.currentData(), self.every.value(), self.weekday.currentData(), self.nth.currentData())
        self.preview.setText(f"Dates: {rule}: " + (", ".join(format_date(d) for d in dates) or "no dates in that year"))

    def check(self):
        c = Checker()
        combo_check(c, self.group, "group_id", "groups", required=True)
        c.required("title", self.title_edit.text(), "Title")
        if qtime_value(self.end) <= qtime_value(self.start):
            c.add("end_time", "The end must be after the start")
        if not self.dates():
            c.add("every_months", "The rule gives no dates in that financial year")
        return c.errors

    def save(self):
        return mt.create_series(
            self.db,
            mt.SeriesFields(
                self.group.current_id(), self.title_edit.text(), self.year.currentData(),
                self.first_month.currentData(), self.every.value(), self.weekday.currentData(),
                self.nth.currentData(), qtime_value(self.start), qtime_value(self.end), self.place.text(),
                self.link.text(), self.kind.currentData(), self.standing.isChecked(),
            ),
        )


class AgendaItemDialog(FormDialog):
    area = AREA

    def __init__(self, db, meeting: mt.MeetingDTO, record: mt.AgendaItemDTO | None = None, parent=None):
        super().__init__("Edit agenda item" if record else "New agenda item", parent)
        self.db = db
        self.meeting = meeting
        self.record = record
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
        self.minutes = self.add_field("minutes_allotted", "Time allotted", minutes)
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

    def check(self):
        c = Checker()
        c.required("title", self.title_edit.text(), "Title", 300)
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


class ApproveDialog(FormDialog):
    area = AREA

    def __init__(self, db, meeting: mt.MeetingDTO, parent=None):
        super().__init__("Approve minutes", parent)
        self.db = db
        self.meeting = meeting
        combo = RecordCombo()
        later = mt.later_meetings_of_group(db, meeting.id)
        combo.set_items([(f"{m.label} ({m.title})", m.id) for m in later], later[0].id if later else None)
        self.at = self.add_field(
            "approved_at_meeting_id", "Approved at", combo,
            "The later meeting of the group that agreed these minutes. Approved minutes are locked.",
        )
        self.on = self.add_field("on", "Approved on", DateEdit(value=later[0].date if later else None),
                                 "Usually the date of that meeting.")
        combo.currentIndexChanged.connect(self._date_follows)

    def _date_follows(self) -> None:
        for m in mt.later_meetings_of_group(self.db, self.meeting.id):
            if m.id == self.at.current_id():
                self.on.set_value(m.date)

    def check(self):
        c = Checker()
        combo_check(c, self.at, "approved_at_meeting_id", "later meetings of the group", required=True)
        self.date_value("on", c.errors)
        return c.errors

    def save(self):
        return mt.approve_minutes(self.db, self.meeting.id, self.at.current_id(), self.on.value())


class ReasonDialog(FormDialog):
    """Asks why approved minutes are being changed; `result_value` is the reason."""

    def __init__(self, what: str, parent=None):
        super().__init__("Amend approved minutes", parent)
        intro = QLabel(
            f"These minutes are approved and locked. {what} is an amendment: give the reason. "
            "It is kept with the change history.", self,
        )
        intro.setWordWrap(True)
        self.form.addRow(intro)
        self.reason = self.add_field("reason", "Reason", QLineEdit())

    def check(self):
        c = Checker()
        c.required("reason", self.reason.text(), "Reason", 5000)
        return c.errors

    def save(self):
        return self.reason.text().strip()


class AmendMinutesDialog(FormDialog):
    area = AREA

    def __init__(self, db, item: mt.AgendaItemDTO, parent=None):
        super().__init__(f"Amend the minutes of item {item.position}", parent)
        self.setMinimumWidth(640)
        self.db = db
        self.item = item
        self.text = self.add_field("minutes", "Minutes", text_box(item.minutes, 220))
        self.text.setTabChangesFocus(False)
        self.reason = self.add_field("reason", "Reason for amendment", QLineEdit())

    def check(self):
        c = Checker()
        c.required("reason", self.reason.text(), "Reason for amendment", 5000)
        if self.text.toPlainText() == self.item.minutes:
            c.add("minutes", "Change the minutes, or press Cancel")
        return c.errors

    def save(self):
        return mt.amend_minutes(self.db, self.item.id, self.text.toPlainText(), self.reason.text())


class GuestDialog(FormDialog):
    area = AREA

    def __init__(self, db, meeting_id: int, parent=None, reason: str | None = None):
        super().__init__("Add to the register", parent)
        self.db = db
        self.meeting_id = meeting_id
        self.reason = reason
        self.person = self.add_field("person_id", "Person on record", people_combo(db, None, blank="(not on record)"))
        self.name = self.add_field("name", "Or name", QLineEdit(), "For a guest who is not on record.")
        self.organisation = self.add_field(
            "organisation_id", "Organisation", organisations_combo(db, None, blank="(their own organisation)")
        )
        self.expected = self.add_field("expected", "Member", QCheckBox("A member expected at this meeting (not a guest)"))

    def check(self):
        c = Checker()
        combo_check(c, self.person, "person_id", "people", required=False)
        combo_check(c, self.organisation, "organisation_id", "organisations", required=False)
        if self.person.current_id() is None and not self.name.text().strip():
            c.add("name", "Choose a person from the list or type the guest's name")
        return c.errors

    def save(self):
        from bscp_desktop.domain.meetings import AttendanceStatus
        from bscp_desktop.services import attendance as at

        expected = self.expected.isChecked()
        return at.add_attendee(
            self.db, self.meeting_id,
            at.AttendeeFields(
                self.person.current_id(), self.name.text(), self.organisation.current_id(), expected,
                AttendanceStatus.PRESENT if expected else AttendanceStatus.GUEST,
            ),
            reason=self.reason,
        )


class DeputyDialog(FormDialog):
    """Who deputised: a person on record (the member's usual deputy first) or a typed name."""

    area = AREA

    def __init__(self, db, attendance_ids: list[int], member_names: str, suggestions: list[tuple[str, int]],
                 parent=None, reason: str | None = None):
        super().__init__("Deputy attended", parent)
        self.db = db
        self.ids = attendance_ids
        self.reason = reason
        intro = QLabel(f"Who deputised for {member_names}?", self)
        intro.setWordWrap(True)
        self.form.addRow(intro)
        combo = RecordCombo(blank="(not on record)")
        people, _ = mt.owner_choices(db)
        suggested_ids = {pid for _label, pid in suggestions}
        combo.set_items(suggestions + [p for p in people if p[1] not in suggested_ids],
                        suggestions[0][1] if suggestions else None)
        self.person = self.add_field("deputy_person_id", "Deputy", combo)
        self.name = self.add_field("deputy_name", "Or name", QLineEdit(), "If the deputy is not on record.")

    def check(self):
        c = Checker()
        combo_check(c, self.person, "deputy_person_id", "people", required=False)
        if self.person.current_id() is None and not self.name.text().strip():
            c.add("deputy_name", "Say who deputised")
        return c.errors

    def save(self):
        from bscp_desktop.domain.meetings import AttendanceStatus
        from bscp_desktop.services import attendance as at

        try:
            return at.set_attendance(
                self.db, self.ids, AttendanceStatus.DEPUTY, deputy_person_id=self.person.current_id(),
                deputy_name=self.name.text(), reason=self.reason,
            )
        except ValidationError as exc:
            errors = dict(exc.errors)
            if "deputy" in errors:
                errors["deputy_name"] = errors.pop("deputy")
            raise ValidationError(errors) from exc


class StandingItemsDialog(QDialog):
    """Edit a group's standing items: one per line; kinds are kept for the usual ones."""

    def __init__(self, db, group_id: int, group_name: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle(f"Standing items: {group_name}")
        self.setMinimumWidth(520)
        self.db = db
        self.group_id = group_id
        self.current = mt.list_standing_items(db, group_id)
        intro = QLabel(
            "One item per line, in order. New meetings and 'Add standing items' use this list. "
            "Lines starting with 'Welcome', 'Minutes of the last', 'Action log' and 'Any other business' "
            "are the standing kinds (the action log review lists open actions).", self,
        )
        intro.setWordWrap(True)
        self.text = QPlainTextEdit(self)
        self.text.setAccessibleName("Standing items, one per line")
        self.text.setPlainText("\n".join(s.title for s in self.current))
        self.error = QLabel(self)
        self.error.setStyleSheet("color: #b00020;")
        self.error.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for w in (intro, self.text, self.error, buttons):
            layout.addWidget(w)

    def items(self) -> list[StandingItem]:
        known = {s.title.casefold(): s for s in self.current}
        result = []
        for line in self.text.toPlainText().splitlines():
            title = line.strip()
            if not title:
                continue
            old = known.get(title.casefold())
            result.append(StandingItem(title, old.kind if old else guess_kind(title), old.minutes_allotted if old else None))
        return result

    def _save(self) -> None:
        try:
            mt.set_standing_items(self.db, self.group_id, self.items())
        except ValidationError as exc:
            self.error.setText(exc.sentence())
            return
        self.accept()


def guess_kind(title: str) -> ItemKind:
    t = title.casefold()
    if t.startswith("welcome"):
        return ItemKind.WELCOME
    if t.startswith(("minutes of the last", "minutes of last", "minutes and matters")):
        return ItemKind.LAST_MINUTES
    if t.startswith(("action log", "actions log", "review of actions")):
        return ItemKind.ACTION_REVIEW
    if t.startswith(("any other business", "aob")):
        return ItemKind.AOB
    return ItemKind.ORDINARY


def ask_reason(parent: QWidget | None, what: str) -> str | None:
    """Ask for an amendment reason; None if the user cancels."""
    dialog = ReasonDialog(what, parent)
    if dialog.exec():
        return dialog.result_value
    return None
