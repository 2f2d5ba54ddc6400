"""The meeting and series dialogs, and a group's standing items."""

from __future__ import annotations

import calendar
from datetime import date, datetime, time

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QDialog, QDialogButtonBox, QLabel, QLineEdit, QSizePolicy, QSpinBox, QVBoxLayout

from bscp_desktop.domain.dates import financial_year_label, financial_year_of, format_date
from bscp_desktop.domain.meetings import ORDINALS, ItemKind, MeetingKind, MeetingStatus, StandingItem, Weekday, describe_series, series_meeting_days
from bscp_desktop.domain.validation import Checker, ValidationError, clean_text
from bscp_desktop.services import meetings as mt
from bscp_desktop.services import memberships as ms
from bscp_desktop.ui.common.autosave import PlainPasteText, editor_text
from bscp_desktop.ui.common.closing import AsksBeforeClosing
from bscp_desktop.ui.common.conflict import saved_value
from bscp_desktop.ui.common.editors import DateEdit, TimeEdit, day_note, enum_combo, text_box
from bscp_desktop.ui.common.empty_choices import offer_to_add_first
from bscp_desktop.ui.common.form import FormDialog
from bscp_desktop.ui.common.labels import WARNING_STYLE, plain_label
from bscp_desktop.ui.common.pickers import check_pick, group_picker, person_picker
from bscp_desktop.ui.meetings.dialogs.end_time import EndTime


def offer_group_first(dialog: FormDialog, db) -> None:
    """A meeting needs the group that meets: with no groups yet, offer to add one."""
    from bscp_desktop.ui.memberships.dialogs import GroupDialog

    offer_to_add_first(
        dialog, "group_id", dialog.group, "No groups yet: add the group that meets first.", "Add a group…",
        lambda parent: GroupDialog(db, None, parent), lambda: ms.group_choices(db),
    )


class MeetingDialog(FormDialog):
    """New or edit meeting. Editing a meeting with approved minutes asks for a reason.

    A meeting may have no end time: it opens with "No end time" ticked beside Ends at, and is
    saved without one until the officer unticks it (the end then starts two hours after the start)."""
    history_table = "meeting"

    def __init__(self, db, record: mt.MeetingDTO | None = None, parent=None, group_id: int | None = None):
        super().__init__("Edit meeting" if record else "New meeting", parent, db=db, record=record)
        self.reason = None
        self.standing = None
        r = record
        self.group = self.add_field("group_id", "Group", group_picker(db, r.group_id if r else group_id))
        offer_group_first(self, db)
        self.title_edit = self.add_field(
            "title", "Title", QLineEdit(r.title if r else ""), "For example 'Safeguarding Children Forum' or 'Interim workshop'."
        )
        self.kind = self.add_field("kind", "Kind", enum_combo(MeetingKind, r.kind if r else None))
        self.day = self.add_field("starts_at", "Date", DateEdit(value=r.date if r else None))
        self.day_note = day_note(self.day)  # a bank holiday or a weekend: never refused
        self.start = self.add_field("start_time", "Starts at", TimeEdit(r.starts_at.time() if r else time(10, 0)))
        end = (r.ends_at.time() if r.ends_at else None) if r else time(12, 0)  # None: "No end time" ticked
        self.end_time = EndTime(self, "ends_at", self.start, end)
        self.end, self.no_end = self.end_time.edit, self.end_time.no_end
        self.overlap_note = self._note_under(self.end_time.row, "Meeting time note")  # another of the group's meetings then
        self.place = self.add_field("place", "Place", QLineEdit(r.place if r else ""))
        self.link = self.add_field("online_link", "Online link", QLineEdit(r.online_link if r else ""),
                                   "Teams or Zoom link, if people can join online.")
        self.status_combo = self.add_field("status", "Status", enum_combo(MeetingStatus, r.status if r else None))
        self.chair = self.add_field("chair_person_id", "Chair", person_picker(db, r.chair_person_id if r else None))
        self.taker = self.add_field(
            "minute_taker_person_id", "Minute-taker", person_picker(db, r.minute_taker_person_id if r else None)
        )
        self.notes = self.add_field("notes", "Notes", text_box(r.notes if r else "", 60))
        self.key_focus = self.add_field(
            "key_focus", "Key areas of focus", text_box(r.key_focus if r else "", 60),
            "One a line, for the yearly report's activity table (agenda items marked as key areas of focus "
            "are added after them).",
        )
        if r is None:
            self.standing = self.add_field(
                "standing_items", "Agenda", QCheckBox("Start the agenda with the group's standing items")
            )
            self.standing.setChecked(True)
        if r is not None and r.locked:
            self.reason = self.add_field(
                "reason", "Reason for amendment", QLineEdit(),
                "These minutes are approved: changing the meeting's details is an amendment (its notes and key "
                "areas of focus are not).",
            )
        if r is None:
            self.group.currentIndexChanged.connect(self._suggest_title)
            self._suggest_title()
        for changed in (self.group.currentIndexChanged, self.day.changed, self.start.timeChanged,
                        self.end.timeChanged, self.no_end.toggled, self.status_combo.currentIndexChanged):
            changed.connect(self._note_overlap)
        self._note_overlap()

    def reload_saved(self, refusal) -> None:
        """Show the meeting as saved now, with or without its end time."""
        super().reload_saved(refusal)
        saved = saved_value(refusal, "ends_at")  # None: not changed since; "": taken away
        self.end_time.show_no_end(self.record.ends_at is None if saved is None else not saved)
        self._note_overlap()
        self.remember_shown()
        self.revalidate()

    def _suggest_title(self) -> None:
        if not self.title_edit.isModified() and self.group.current_id() is not None:
            self.title_edit.setText(self.group.currentText())

    def _note_under(self, field, name: str) -> QLabel:
        """A warning line under `field` (the times' line: the note takes the fields' whole width),
        hidden until there is something to say."""
        box = field.parentWidget()
        note = plain_label("", box, wrap=True, name=name)
        note.setStyleSheet(WARNING_STYLE)
        note.hide()
        box.layout().insertWidget(1, note)
        box.layout().setAlignment(field, Qt.AlignmentFlag.AlignLeft)
        box.setSizePolicy(QSizePolicy.Policy.Expanding, box.sizePolicy().verticalPolicy())
        return note

    def _note_overlap(self, *_args) -> None:
        """Say so under the times when the group already has a meeting then (`mt.overlap_note`):
        a note, never a refusal, as a group may meet twice in a day. A meeting marked cancelled or
        postponed takes no time, so it clashes with none."""
        try:
            day = self.day.value()
        except ValueError:
            day = None  # not a date yet: the Date field says why
        status = self.status_combo.currentData()
        note = ""
        ends_at = None if day is None else self.end_time.on(day)
        if (day is not None and (ends_at is None or self.end.value() > self.start.value())
                and not (status and MeetingStatus(status).called_off)):
            note = mt.overlap_note(self.db, self.group.current_id(), datetime.combine(day, self.start.value()),
                                   ends_at, self.record.id if self.record else None)
        self.overlap_note.setText(note)
        self.overlap_note.setVisible(bool(note))

    def check(self):
        c = Checker()
        check_pick(c, self.group, "group_id", "groups", required=True)
        c.name("title", self.title_edit.text(), "Title")
        self.required_date("starts_at", c.errors, "Date is required")
        self.end_time.check(c)
        c.web_address("online_link", self.link.text(), "Online link")
        check_pick(c, self.chair, "chair_person_id", "people", required=False)
        check_pick(c, self.taker, "minute_taker_person_id", "people", required=False)
        if self.reason is not None and not self.reason.text().strip() and self._minuted_changed():
            c.add("reason", "Give the reason for the amendment")
        return c.errors

    def _minuted_changed(self) -> bool:
        """Whether a detail the approved minutes record differs from the record: every field
        but the notes and the key areas of focus, which are not part of the minutes."""
        r = self.record
        try:
            day = self.day.value()
        except ValueError:
            return True  # a date not understood yet: the Date field says why
        if day is None:
            return True
        now = (self.group.current_id(), clean_text(self.title_edit.text()), self.kind.currentData(),
               datetime.combine(day, self.start.value()), self.end_time.on(day),
               clean_text(self.place.text()), clean_text(self.link.text()), self.status_combo.currentData(),
               self.chair.current_id(), self.taker.current_id())
        return now != (r.group_id, r.title, r.kind, r.starts_at, r.ends_at, r.place, r.online_link, r.status,
                       r.chair_person_id, r.minute_taker_person_id)

    def collect(self) -> mt.MeetingFields:
        day = self.day.value()
        return mt.MeetingFields(
            self.group.current_id(), self.title_edit.text(), datetime.combine(day, self.start.value()),
            self.end_time.on(day), self.kind.currentData(), self.place.text(),
            self.link.text(), self.status_combo.currentData(), self.chair.current_id(), self.taker.current_id(),
            editor_text(self.notes), key_focus=editor_text(self.key_focus),
        )

    def save(self):
        if self.record:
            reason = self.reason.text() if self.reason is not None else None
            return mt.update_meeting(self.db, self.record.id, self.collect(), reason=reason or None)
        return mt.create_meeting(self.db, self.collect(), standing_items=self.standing.isChecked())


class SeriesDialog(FormDialog):
    """A year of meetings on a rule: every N months on the nth weekday.

    A new series starts from today: in this financial year from the first month whose date on
    the rule is still to come, or, from January on (less than a quarter of the year left), in
    April of the next. Dates already past are still added, as planned meetings: the preview says
    how many there are before the officer saves. It opens with the usual 10:00 to 12:00; with
    "No end time" ticked beside Ends at, the meetings are saved without an end."""

    def __init__(self, db, parent=None, group_id: int | None = None, today: date | None = None):
        super().__init__("New series of meetings", parent, db=db)
        self.setMinimumWidth(560)
        self.today = today or date.today()
        self.group = self.add_field("group_id", "Group", group_picker(db, group_id))
        offer_group_first(self, db)
        self.title_edit = self.add_field("title", "Title", QLineEdit())
        year = QComboBox()
        this_year = financial_year_of(self.today)
        for y in range(this_year - 2, this_year + 3):
            year.addItem(financial_year_label(y), y)
        year.setCurrentIndex(year.findData(this_year + (1 if self.today.month in (1, 2, 3) else 0)))
        self.year = self.add_field(
            "financial_year", "Financial year", year,
            "A new series starts from today; from January, when less than a quarter of this financial year "
            "is left, it starts with next year's.",
        )
        month = QComboBox()
        for m in (4, 5, 6, 7, 8, 9, 10, 11, 12, 1, 2, 3):
            month.addItem(calendar.month_name[m], m)
        self.first_month = self.add_field("first_month", "First meeting in", month,
                                          "The first month whose date is still to come, until you choose one.")
        self._month_chosen = False  # the officer chose the first month: it no longer follows today
        self._following = False  # the first month is being moved to follow today
        month.currentIndexChanged.connect(lambda _i: self._following or setattr(self, "_month_chosen", True))
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
        self.start = self.add_field("start_time", "Starts at", TimeEdit(time(10, 0)))
        self.end_time = EndTime(self, "end_time", self.start, time(12, 0))  # a new meeting's 10:00 to 12:00
        self.end, self.no_end = self.end_time.edit, self.end_time.no_end
        self.place = self.add_field("place", "Place", QLineEdit())
        self.link = self.add_field("online_link", "Online link", QLineEdit())
        self.kind = self.add_field("kind", "Kind", enum_combo(MeetingKind))
        self.standing = self.add_field("standing_items", "Agenda", QCheckBox("Give each meeting the group's standing items"))
        self.standing.setChecked(True)
        self.preview = plain_label("", self, wrap=True, name="Dates of the series")
        self.layout().insertWidget(1, self.preview)  # in view above Save, however far the fields scroll
        for w in (self.year, self.nth, self.weekday):
            w.currentIndexChanged.connect(self._follow_today)
        self._follow_today()
        for w in (self.year, self.first_month, self.nth, self.weekday):
            w.currentIndexChanged.connect(self._preview)
        self.every.valueChanged.connect(self._preview)
        self.group.currentIndexChanged.connect(self._suggest_title)
        self._suggest_title()
        self._preview()

    def _suggest_title(self) -> None:
        if not self.title_edit.isModified() and self.group.current_id() is not None:
            self.title_edit.setText(self.group.currentText())

    def _follow_today(self) -> None:
        """Until the officer chooses the first month, it is the first one whose date on the rule
        is today or later (April in any other financial year)."""
        if self._month_chosen:
            return
        first = 4
        if self.year.currentData() == financial_year_of(self.today):
            monthly = series_meeting_days(self.year.currentData(), 4, 1, self.weekday.currentData(), self.nth.currentData())
            first = next((day.month for day, held, _why in monthly if held >= self.today), 4)
        self._following = True
        try:
            self.first_month.setCurrentIndex(self.first_month.findData(first))
        finally:
            self._following = False

    def days(self) -> list[tuple[date, date, str]]:
        try:
            return series_meeting_days(
                self.year.currentData(), self.first_month.currentData(), self.every.value(),
                self.weekday.currentData(), self.nth.currentData(),
            )
        except ValueError:
            return []

    def _preview(self) -> None:
        rule = describe_series(self.first_month.currentData(), self.every.value(), self.weekday.currentData(), self.nth.currentData())
        shown = [format_date(held) if held == day else f"{format_date(held)} ({format_date(day)} is {why or 'a bank holiday'})"
                 for day, held, why in self.days()]
        text = f"Dates: {rule}: " + (", ".join(shown) or "no dates in that year")
        past = past_dates_sentence([held for _day, held, _why in self.days()], self.today)
        self.preview.setText(f"{text}\n\n{past}" if past else text)
        self.preview.setStyleSheet(WARNING_STYLE if past else "")

    def check(self):
        c = Checker()
        check_pick(c, self.group, "group_id", "groups", required=True)
        c.name("title", self.title_edit.text(), "Title")
        self.end_time.check(c)
        c.web_address("online_link", self.link.text(), "Online link")
        if not self.days():
            c.add("every_months", "The rule gives no dates in that financial year")
        return c.errors

    def save(self):
        return mt.create_series(
            self.db,
            mt.SeriesFields(
                self.group.current_id(), self.title_edit.text(), self.year.currentData(),
                self.first_month.currentData(), self.every.value(), self.weekday.currentData(),
                self.nth.currentData(), self.start.value(), self.end_time.value(), self.place.text(),
                self.link.text(), self.kind.currentData(), self.standing.isChecked(),
            ),
        )


def past_dates_sentence(days: list[date], today: date) -> str:
    """How many of a new series' dates are before today, said plainly ('' for none)."""
    past = sum(1 for day in days if day < today)
    if not past:
        return ""
    if past == len(days):
        counted = "This date is" if past == 1 else f"All {past} of these dates are"
    else:
        counted = f"{past} of these {len(days)} dates " + ("is" if past == 1 else "are")
    them = "it" if past == 1 else "they"
    kind = "a planned meeting" if past == 1 else "planned meetings"
    return (f"{counted} in the past: {them} will be recorded as {kind}. "
            f"Choose a later first month or financial year to leave {'it' if past == 1 else 'them'} out.")


class StandingItemsDialog(AsksBeforeClosing, QDialog):
    """Edit a group's standing items: one per line; kinds are kept for the usual ones. Tab
    moves on to Save and Cancel; Escape asks before the lines typed are lost."""

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
        self.text = PlainPasteText(self)  # a list copied from a web page's agenda too
        self.text.setAccessibleName("Standing items, one per line")
        self.text.setPlainText("\n".join(s.title for s in self.current))
        self.text.setTabChangesFocus(True)
        self.error = plain_label("", self, wrap=True)  # quotes the item typed
        self.error.setStyleSheet("color: #b00020;")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for w in (intro, self.text, self.error, buttons):
            layout.addWidget(w)

    def shown_state(self) -> dict[str, object]:
        return {"the standing items": editor_text(self.text)}

    def items(self) -> list[StandingItem]:
        known = {s.title.casefold(): s for s in self.current}
        result = []
        for line in editor_text(self.text).splitlines():
            title = line.strip()
            if not title:
                continue
            old = known.get(title.casefold())
            result.append(StandingItem(title, old.kind if old else guess_kind(title), old.minutes_allotted if old else None))
        return result

    def _save(self) -> None:
        try:  # from the list shown: a list someone else saved since is never replaced unseen
            mt.set_standing_items(self.db, self.group_id, self.items(), base=self.current)
        except ValidationError as exc:
            if isinstance(exc, mt.StandingItemsChanged):
                self.current = exc.now  # the lines typed stay; saved again, they replace theirs
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


