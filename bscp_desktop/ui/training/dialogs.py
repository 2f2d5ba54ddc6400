"""Add and edit dialogs for courses, series and sessions."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLineEdit, QMessageBox, QSpinBox, QWidget

from bscp_desktop.domain.money import MoneyError, format_plain, parse_money
from bscp_desktop.domain.training import Audience, CourseFormat, Facilitator
from bscp_desktop.domain.validation import Checker
from bscp_desktop.services.training import courses as cs
from bscp_desktop.services.training import sessions as ts
from bscp_desktop.services.training import settings as st
from bscp_desktop.ui.common.autosave import editor_text
from bscp_desktop.ui.common.conflict import ComparedField, saved_value
from bscp_desktop.ui.common.editors import DateEdit, TimeEdit, day_note, enum_combo, text_box
from bscp_desktop.ui.common.empty_choices import offer_to_add_first
from bscp_desktop.ui.common.form import FormDialog
from bscp_desktop.ui.common.labels import as_typed
from bscp_desktop.ui.common.pickers import check_pick, picker

HINT = "color: #555555;"


def _money_box(value: Decimal | None) -> QLineEdit:
    box = QLineEdit(format_plain(value) if value else "")
    box.setPlaceholderText("0.00")
    return box


def _check_money(c: Checker, box: QLineEdit, field: str, label: str) -> None:
    try:
        parse_money(box.text(), label, required=False)
    except MoneyError as exc:
        c.add(field, str(exc))


def _required_text(c: Checker, box: QLineEdit, field: str, label: str) -> None:
    c.required(field, box.text(), label)


# ---------------------------------------------------------------- courses


class CourseDialog(FormDialog):
    history_table = "training_course"

    def __init__(self, db, record: cs.CourseDTO | None = None, parent: QWidget | None = None):
        super().__init__(f"Edit course: {record.title}" if record else "New course", parent, db=db, record=record)
        r = record
        self.title_box = self.add_field("title", "Title", QLineEdit(r.title if r else ""))
        topic = QComboBox()
        topic.setEditable(True)
        topic.addItems(st.known_topics(db))
        topic.setCurrentText(r.topic if r else "")
        self.topic = self.add_field("topic", "Topic", topic, "Choose from the list or type a new topic.")
        self.audience = self.add_field("audience", "Audience", enum_combo(Audience, r.audience if r else Audience.CHILDREN))
        self.format = self.add_field("format", "Format", enum_combo(CourseFormat, r.format if r else CourseFormat.VIRTUAL))
        length = QSpinBox()
        length.setRange(0, 60 * 24 * 5)
        length.setSingleStep(15)
        length.setSuffix(" minutes")
        length.setSpecialValueText("(not recorded)")
        length.setValue(r.length_minutes or 0 if r else 0)
        self.length = self.add_field("length_minutes", "Length", length)
        self.outcomes = self.add_field(
            "learning_outcomes", "Learning outcomes",
            text_box("\n".join(r.learning_outcomes) if r else "", 90, "One a line"),
            "One a line. Evaluations score confidence before and after for each.",
        )
        self.facilitator = self.add_field(
            "facilitator", "Facilitator", enum_combo(Facilitator, r.facilitator if r else Facilitator.INTERNAL))
        self.facilitator_name = self.add_field("facilitator_name", "Facilitated by",
                                               QLineEdit(r.facilitator_name if r else ""))
        self.cost = self.add_field("cost", "Cost", _money_box(r.cost if r else None),
                                   "What the course costs the partnership (for example an external trainer's fee).")
        self.description = self.add_field("description", "Description", text_box(r.description if r else "", 70))

    def fields_value(self) -> cs.CourseFields:
        return cs.CourseFields(
            title=self.title_box.text(), topic=self.topic.currentText(), audience=self.audience.currentData(),
            format=self.format.currentData(), length_minutes=self.length.value() or None,
            learning_outcomes=cs.outcomes_from_text(editor_text(self.outcomes)),
            facilitator=self.facilitator.currentData(), facilitator_name=self.facilitator_name.text(),
            cost=self.cost.text(), description=editor_text(self.description),
        )

    def check(self) -> dict[str, str]:
        c = Checker()
        _required_text(c, self.title_box, "title", "Title")
        _check_money(c, self.cost, "cost", "Cost")
        return c.errors

    def save(self):
        if self.record is None:
            return cs.create_course(self.db, self.fields_value())
        return cs.update_course(self.db, self.record.id, self.fields_value())


class SeriesDialog(FormDialog):
    history_table = "training_series"

    def __init__(self, db, record: cs.SeriesDTO | None = None, parent: QWidget | None = None):
        super().__init__(f"Edit series: {record.title}" if record else "New series", parent, db=db, record=record)
        self.title_box = self.add_field("title", "Title", QLineEdit(record.title if record else ""),
                                        "For example: Serious Violence Series")
        self.description = self.add_field("description", "Description", text_box(record.description if record else "", 70))

    def check(self) -> dict[str, str]:
        c = Checker()
        _required_text(c, self.title_box, "title", "Title")
        return c.errors

    def save(self):
        fields = cs.SeriesFields(self.title_box.text(), editor_text(self.description))
        if self.record is None:
            return cs.create_series(self.db, fields)
        return cs.update_series(self.db, self.record.id, fields)


# ---------------------------------------------------------------- sessions


def _proposed_end(start: time) -> time:
    """The end a session starting at `start` is given to begin with: three hours later, or the
    end of the day where that would be the next day."""
    later = datetime.combine(date.min, start) + timedelta(hours=3)
    return later.time() if later.date() == date.min else time(23, 59)


class SessionDialog(FormDialog):
    history_table = "training_session"
    error_places = {"starts_at": "day"}  # the day and the time make the start
    moved_note = ""  # what moving (or re-costing) the session did, once saved: cancellations, its cost in Finance
    moved = False  # whether the save moved it to another day or time

    def __init__(self, db, record: cs.SessionDTO | None = None, parent: QWidget | None = None,
                 course_id: int | None = None):
        super().__init__(f"Edit session: {record.name}" if record else "New session", parent, db=db, record=record)
        r = record
        self.course = self.add_field("course_id", "Course", picker(
            cs.course_choices(db, include=[r.course_id] if r else []), r.course_id if r else course_id, "Choose…"))
        offer_to_add_first(self, "course_id", self.course, "No courses yet: add the course first.", "Add a course…",
                           lambda parent: CourseDialog(db, None, parent), lambda: cs.course_choices(db))
        self.day = self.add_field("day", "Date", DateEdit(value=r.day if r else None))
        self.day_note = day_note(self.day)  # a bank holiday or a weekend, as a meeting's: never refused
        self.start = self.add_field("start", "Starts at", TimeEdit(r.starts_at.time() if r else time(9, 30)))
        self._add_end(r)
        capacity = QSpinBox()
        capacity.setRange(0, cs.MAX_CAPACITY)
        capacity.setSpecialValueText("Choose…")
        capacity.setValue(r.capacity if r else 25)
        self.capacity = self.add_field("capacity", "Places (capacity)", capacity,
                                       "Bookings beyond the places go on the waiting list.")
        online = QCheckBox("Held online")
        online.setChecked(bool(r.online) if r else False)  # before it is watched: the form is not complete yet
        self.online = self.add_field("online", "Online", online)
        self.venue = self.add_field("venue", "Venue or link", QLineEdit(r.venue if r else ""))
        self.facilitator = self.add_field("facilitator", "Facilitator", QLineEdit(r.facilitator if r else ""))
        self.series = self.add_field("series_id", "Series", picker(
            cs.series_choices(db, include=[r.series_id] if r and r.series_id else []),
            r.series_id if r else None, "(not part of a series)"))
        self.cost = self.add_field("cost", "Cost", _money_box(r.cost if r else None),
                                   "What this session costs (venue, trainer); Finance can record it as spending.")
        self.notes = self.add_field("notes", "Notes", text_box(r.notes if r else "", 60))

    def _add_end(self, r: cs.SessionDTO | None) -> None:
        """Ends at: a time once "Known" is ticked. A new session is given one (three hours after
        it starts, as most sessions run); a saved session without one (as a bookings import adds
        them) stays without one until the officer ticks "Known" and gives it."""
        known = r is None or r.ends_at is not None
        end = r.ends_at.time() if r and r.ends_at else _proposed_end(r.starts_at.time() if r else time(9, 30))
        self.ends = self.add_field("ends_at", "Ends at", TimeEdit(end),
                                   "Tick Known to give the end time; leave it unticked when the end time is not known.")
        box = self.ends.parentWidget()
        self.end_known = QCheckBox("Known", box)
        self.end_known.setAccessibleName("End time known")
        self.end_known.setChecked(known)
        inner = box.layout()
        inner.removeWidget(self.ends)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.end_known)
        row.addWidget(self.ends)
        row.addStretch(1)
        inner.insertLayout(0, row)
        QWidget.setTabOrder(self.end_known, self.ends)  # as they are seen: the tick, then the time
        keeps_room = self.ends.sizePolicy()
        keeps_room.setRetainSizeWhenHidden(True)  # ticking Known moves nothing below it
        self.ends.setSizePolicy(keeps_room)
        self.ends.setVisible(known)
        self.end_known.toggled.connect(self._end_known_changed)

    def _end_known_changed(self, known: bool) -> None:
        self.ends.setVisible(known)
        if known and self.ends.value() <= self.start.value():  # not an end for this start: a likely one
            self.ends.set_value(_proposed_end(self.start.value()))
        self.touched.add("ends_at")
        self.revalidate()

    def _starts_at(self, errors: dict[str, str]) -> datetime | None:
        day = self.date_value("day", errors)
        if day is None:
            return None
        return datetime.combine(day, self.start.value())

    def check(self) -> dict[str, str]:
        errors: dict[str, str] = {}
        c = Checker()
        check_pick(c, self.course, "course_id", "courses", required=True)
        starts = self._starts_at(errors)
        if starts is None and "day" not in errors:
            errors["day"] = "Enter the date of the session"
        if self.capacity.value() < 1:
            c.add("capacity", "Enter the number of places")
        if starts is not None and self.end_known.isChecked() and self.ends.value() <= starts.time():
            c.add("ends_at", "The session must end after it starts")
        _check_money(c, self.cost, "cost", "Cost")
        return {**c.errors, **errors}

    def fields_value(self) -> cs.SessionFields:
        starts = self._starts_at({})
        return cs.SessionFields(
            course_id=self.course.current_id(), starts_at=starts, capacity=self.capacity.value(),
            ends_at=datetime.combine(starts.date(), self.ends.value()) if starts and self.end_known.isChecked() else None,
            venue=self.venue.text(), online=self.online.isChecked(), facilitator=self.facilitator.text(),
            cost=self.cost.text(), series_id=self.series.current_id(), notes=editor_text(self.notes),
        )

    # the end time counts as changed, compared and reloaded with its Known tick: no time when unticked
    def shown_state(self) -> dict[str, object]:
        state = super().shown_state()
        if not self.end_known.isChecked():
            state["ends_at"] = None
        return state

    def compared(self, refusal) -> list[ComparedField]:
        rows = super().compared(refusal)
        if self.end_known.isChecked():
            return rows
        label = self.labels["ends_at"]
        return [replace(row, yours="") if row.label == label else row for row in rows]

    def reload_saved(self, refusal) -> None:
        known = (self._opened or {}).get("ends_at") is not None
        saved = saved_value(refusal, "ends_at")
        super().reload_saved(refusal)
        said = self.status.text()  # "Reloaded: …", which ticking or unticking would replace
        self.end_known.setChecked(bool(saved) if saved is not None else known)
        self.remember_shown()
        self.status.setText(said)

    def save(self):
        if self.record is None:
            return cs.create_session(self.db, self.fields_value())
        saved = ts.save_session_saying(self.db, self.record.id, self.fields_value())
        self.moved_note = saved.note
        self.moved = saved.session.starts_at != self.record.starts_at
        return saved.session

    def accept(self) -> None:
        """Once saved: a session moved to another day says which cancellations were marked again
        as late or in time and how their charges changed (warning when an earlier year's did); one
        moved or re-costed, that its cost recorded in Finance no longer matches."""
        if self.moved_note:
            title = "Session moved" if self.moved else "Session saved"
            QMessageBox.information(self, title, as_typed(self.moved_note))  # names delegates
        super().accept()
