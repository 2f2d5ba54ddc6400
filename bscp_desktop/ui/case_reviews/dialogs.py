"""Add and edit dialogs for case reviews, recommendations and their actions."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QCheckBox, QFormLayout, QLabel, QLineEdit, QListWidget, QListWidgetItem, QSizePolicy, QWidget

from bscp_desktop.domain.case_review_clocks import working_days_late_text
from bscp_desktop.domain.case_reviews import ALIAS_REMINDER, STAGE_BY_KEY, STAGE_KEYS, AgeBand, Decision, Harm, IncidentType, Outcome, PanelView, Sex, closing_cleared, not_notifiable_conflicts
from bscp_desktop.domain.dates import format_date
from bscp_desktop.domain.deadlines import DeadlineStatus
from bscp_desktop.services import case_reviews as cr
from bscp_desktop.services import memberships as ms
from bscp_desktop.ui.case_reviews.closing_check import ClosingCheck
from bscp_desktop.ui.common.autosave import editor_text
from bscp_desktop.ui.common.dialog_fit import fit_to_screen
from bscp_desktop.ui.common.editors import DateEdit, RecordCombo, enum_combo, text_box
from bscp_desktop.ui.common.empty_choices import offer_to_add_first
from bscp_desktop.ui.common.form import FormDialog
from bscp_desktop.ui.common.labels import ERROR_COLOUR, HINT_COLOUR, plain_label, tinted
from bscp_desktop.ui.common.messages import explain
from bscp_desktop.ui.common.name_warning import NameWarning
from bscp_desktop.ui.common.pickers import new_organisation
from bscp_desktop.ui.common.worker import LatestRead

DUE_COLOUR = "#1a4d80"



class CheckList(QListWidget):
    """A list of checkable items (themes, agencies)."""

    def __init__(self, items: list[tuple[str, object]], checked, height: int = 120):
        super().__init__()
        checked = set(checked)
        for text, data in items:
            item = QListWidgetItem(text, self)
            item.setData(Qt.ItemDataRole.UserRole, data)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if data in checked else Qt.CheckState.Unchecked)
        self.setFixedHeight(height)

    def checked(self) -> list:
        return [
            self.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.count())
            if self.item(i).checkState() == Qt.CheckState.Checked
        ]

    def set_checked(self, data, on: bool = True) -> None:
        for i in range(self.count()):
            if self.item(i).data(Qt.ItemDataRole.UserRole) == data:
                self.item(i).setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)


class ScrollingFormDialog(FormDialog):
    """A FormDialog with section headings, its rows never wrapped (its fields scroll, as every
    form's do when taller than the screen)."""

    def __init__(self, title: str, parent: QWidget | None = None, **kwargs: Any):
        super().__init__(title, parent, **kwargs)
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)

    def section(self, title: str, note: str = "") -> None:
        heading = QLabel(title)
        font = heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.1)
        heading.setFont(font)
        heading.setContentsMargins(0, 10, 0, 2)
        self.form.addRow(heading)
        if note:
            label = QLabel(note)
            label.setWordWrap(True)
            tinted(label, HINT_COLOUR)
            self.form.addRow(label)

    def show_errors(self, errors: dict[str, str]) -> None:
        super().show_errors(errors)
        first = next((self.fields[n] for n in errors if n in self.fields), None)
        if first is not None:
            self.fields_area.ensureWidgetVisible(first)


def unknown_meeting(combo: RecordCombo, label: str) -> str | None:
    """Why a meeting picker cannot be saved as typed: its text names no meeting in the list
    (saving would drop the link silently). None when it names one or is empty."""
    if not combo.has_unknown_text():
        return None
    return (f"{label}: '{combo.currentText().strip()}' is not in the list of meetings; choose the "
            "meeting from the list, or clear it")


def fill_from_meeting(combo: RecordCombo, day: DateEdit, held: Callable[[int], tuple[str, date] | None],
                      filled: str = "") -> None:
    """When a meeting is chosen, its date fills in the stage's date if that is empty or was
    filled in for the officer (`filled`: the text put there on opening, or by an earlier
    meeting chosen); a date the officer typed is kept. The service does the same on saving."""
    auto = {"", filled}

    def chosen(*_args) -> None:
        meeting_id = combo.current_id()
        found = held(meeting_id) if meeting_id is not None else None
        if found is not None and day.text() in auto:
            day.set_value(found[1])
            auto.add(day.text())

    combo.currentIndexChanged.connect(chosen)
    combo.editTextChanged.connect(chosen)  # a meeting's name typed in full


class MeetingsRead:
    """Fills a dialog's meeting pickers with every meeting, read in a worker thread: ten years
    are two thousand meetings, too many to read and list while the dialog opens. Until they
    arrive each picker holds the meeting the record links (its name is in the record); what
    the officer chose or typed meanwhile is kept."""

    def __init__(self, dialog: FormDialog, combos: list[RecordCombo], linked: list[int]):
        """Made once every field of `dialog` is: a quick read is shown before this returns."""
        self.dialog, self.combos = dialog, combos
        self.read = LatestRead(dialog, "meetings to link", self._arrived, self._failed)
        db = dialog.db
        self.read.start(lambda: cr.meeting_choices(db, linked), wait_ms=0)

    def loading(self) -> bool:
        return self.read.loading()

    def _arrived(self, meetings: list[tuple[str, int]]) -> None:
        kept = [(combo.current_id(), combo.currentText()) for combo in self.combos]
        first = self.combos[0]
        first.blockSignals(True)
        first.set_items(meetings)  # listed once; the other pickers show the same list
        for combo, (chosen, typed) in zip(self.combos, kept, strict=True):
            combo.blockSignals(True)
            if combo is not first:
                combo.setModel(first.model())
            combo.set_current_id(chosen)
            if chosen is None and typed != (combo.blank or ""):
                combo.setEditText(typed)
            combo.blockSignals(False)
        self.dialog.revalidate()

    def _failed(self, exc: Exception) -> None:
        self.dialog.standing_note = f"The list of meetings could not be read: {explain(exc)}"
        self.dialog.status.setText(self.dialog.standing_note)  # kept there while nothing else is said


class CaseReviewDialog(ScrollingFormDialog):
    """A case from referral to closing. The case and its consideration are built as the dialog
    opens; the notification and rapid review, then the LCSPR and closing (together about half
    of its widgets), each a turn later (`FormDialog.build_later`)."""

    def saved_record(self):
        """The whole case as saved now (Reload after another officer's save: its themes and
        agencies too)."""
        return cr.get_case_review(self.db, self.record.id)

    history_table = "case_review"
    _now: list | None = None  # while revalidating: the fields, read once (`_fields_now`)
    later_names = frozenset({
        "notification_sent", "partners_told", "sos_ofsted_notified", "rapid_review_meeting_link",
        "rapid_review_meeting", "rapid_review_sent", "panel_response", "crg_recommendation", "decision",
        "decision_date", "panel_view", "reviewer", "tor_agreed", "family_involvement", "draft_report",
        "final_report", "sent_to_panel_sos", "planned_publication", "published", "delay_reason",
        "delay_told_panel", "not_published_reason", "closed", "meetings",
    })

    def __init__(self, db, record: cr.CaseReviewDTO | None = None, parent=None, today: date | None = None):
        super().__init__(f"Edit case {record.reference}" if record else "New case review", parent, db=db, record=record)
        self.today = today or date.today()
        self.settings = cr.load_settings(db)
        self.abbreviations = cr.known_abbreviations(db)  # capitals that are no surname (the name check)
        self.closing = ClosingCheck(db, record)  # not closed while an action of its recommendations is open
        fit_to_screen(self, QSize(720, 760))
        r = record

        self.section("The case", ALIAS_REMINDER)
        self.reference = plain_label(  # the team's prefix, as typed in the settings
            r.reference if r else f"Given when you save, e.g. {self.settings.reference_prefix}-{self.today.year}-01"
        )
        self.reference.setToolTip("Given when the case is saved: the year the local authority became aware, then the next "
                                  "number in that year. It stays the same if that date is corrected later.")
        self.reference.setAccessibleName("Reference")
        self.form.addRow("Reference:", self.reference)
        alias = QLineEdit(r.alias if r else "")
        alias.setPlaceholderText("Child A")
        alias.setMaxLength(cr.ALIAS_MAX)
        self.alias = self.add_field("alias", "Alias", alias, "An alias such as Child A. There is no field for a name.")
        self.incident_type = self.add_field(
            "incident_type", "Incident type", enum_combo(IncidentType, r.incident_type if r else None, blank="Choose…")
        )
        self.harm = self.add_field("harm", "Harm", enum_combo(Harm, r.harm if r else None, blank="(not recorded)"))
        self.harm.setToolTip("The abuse or neglect known or suspected")
        self.age_band = self.add_field(
            "age_band", "Age band", enum_combo(AgeBand, r.age_band if r else None, blank="(not recorded)")
        )
        self.sex = self.add_field("sex", "Sex", enum_combo(Sex, r.sex if r else None, blank="(not recorded)"))
        self.sex.setToolTip("As on the Panel's notification form")
        self.looked_after = self.add_field(
            "looked_after", "Looked-after child", QCheckBox("The child was looked after by a local authority"),
            "The death of a looked-after child is also notified to the Secretary of State and Ofsted.",
        )
        self.looked_after.setChecked(bool(r and r.looked_after))
        self.incident_date = self.add_field("incident_date", "Incident date", DateEdit(value=r.incident_date if r else None))
        self.became_aware = self.add_field(
            "became_aware", STAGE_BY_KEY["became_aware"].label, DateEdit(value=r.became_aware if r else None),
            "Day 0: the notification clock starts here.",
        )
        known = cr.known_themes(db, self.settings)  # the settings read once
        for theme in (r.themes if r else ()):
            if theme not in known:
                known.append(theme)
        self.themes = self.add_field(
            "themes", "Themes", CheckList([(t, t) for t in known], r.themes if r else ()),
            "The list of themes is kept in Deadline rules and settings.",
        )
        orgs = ms.organisation_choices(db)
        have = {org_id for _, org_id in orgs}
        if r:
            orgs += [(name, org_id) for name, org_id in zip(r.agency_names, r.agency_ids, strict=True) if org_id not in have]
        self.agencies = self.add_field("agency_ids", "Agencies involved", CheckList(orgs, r.agency_ids if r else ()))
        offer_to_add_first(
            self, "agency_ids", None, "No organisations yet: add the agencies involved first.",
            "Add an organisation…", new_organisation(db),
            is_empty=lambda: self.agencies.count() == 0, added=self._agency_added,
        )
        self.summary = self.add_field(
            "summary", "Summary", text_box(r.summary if r else "", 80, "Use the alias, never a name"), ALIAS_REMINDER
        )

        self.due_labels: dict[str, QLabel] = {}
        self.section(
            "Considering the referral",
            "The Case Review Group considers every referral. A case found not notifiable is closed "
            "with no clocks.",
        )
        self.outcome = self.add_field(
            "outcome", "Outcome", enum_combo(Outcome, r.outcome if r else None, blank="(not considered yet)")
        )
        self._date_field("considered_on")
        self.considered_meeting = self.add_field(
            "considered_meeting_id", "Considered at",
            self._meeting_combo(r.considered_meeting_id if r else None, r.considered_meeting_title if r else ""),
            "The meeting that considered it; its date fills in the date above.",
        )
        self._meetings_held: dict[int, tuple[str, date]] = {}  # the meetings chosen: title, day held
        fill_from_meeting(self.considered_meeting, self.considered_on, self._meeting_held)

        self.themes.itemChanged.connect(lambda _i: self._list_changed("themes"))
        self.agencies.itemChanged.connect(lambda _i: self._list_changed("agency_ids"))
        # A gentle warning where a real name may have been typed (never a refusal).
        self.confirmed_warnings: list[str] = []
        self.name_warning = NameWarning(self, "Case records")
        self.name_note = self.name_warning.note
        self._ready = True
        self.touched.clear()
        self.build_later(self._notification_and_rapid_review, self._lcspr_and_closing)

    def _notification_and_rapid_review(self) -> None:
        r = self.record
        self.section("Notification and rapid review")
        for key in ("notification_sent", "partners_told", "sos_ofsted_notified"):
            self._date_field(key)
        self.rapid_review_meeting_link = self.add_field(
            "rapid_review_meeting_id", "Rapid review held at",
            self._meeting_combo(r.rapid_review_meeting_id if r else None, r.rapid_review_meeting_title if r else ""),
        )
        for key in ("rapid_review_meeting", "rapid_review_sent", "panel_response"):
            self._date_field(key)
        fill_from_meeting(self.rapid_review_meeting_link, self.rapid_review_meeting, self._meeting_held)
        self.crg_recommendation = self.add_field(
            "crg_recommendation", "Case Review Group recommends",
            enum_combo(Decision, r.crg_recommendation if r else None, blank="(no recommendation yet)"),
        )
        self.decision = self.add_field(
            "decision", "Partners' decision", enum_combo(Decision, r.decision if r else None, blank="(not decided yet)")
        )
        self._date_field("decision_date")
        self.panel_view = self.add_field(
            "panel_view", "Panel's view", enum_combo(PanelView, r.panel_view if r else None, blank="(not given yet)")
        )

    def _lcspr_and_closing(self) -> None:
        """The LCSPR and closing; then the meetings to link are read."""
        r = self.record
        self.section(
            "Local child safeguarding practice review (LCSPR)",
            "Only when the decision is to hold an LCSPR.",
        )
        self.reviewer = self.add_field("reviewer", "Reviewer", QLineEdit(r.reviewer if r else ""), "The independent reviewer.")
        self._date_field("tor_agreed")
        self.family_involvement = self.add_field(
            "family_involvement", "Family involvement",
            text_box(r.family_involvement if r else "", 60, "Use the alias, never a name"), ALIAS_REMINDER,
        )
        for key in ("draft_report", "final_report", "sent_to_panel_sos", "planned_publication", "published"):
            self._date_field(key)
        self.delay_reason = self.add_field(
            "delay_reason", "Reason for delay",
            text_box(r.delay_reason if r else "", 50, "For example criminal proceedings"),
            "Why publication is later than due; shown beside the clock and told to the Panel.",
        )
        self._date_field("delay_told_panel")
        self.not_published_reason = self.add_field(
            "not_published_reason", "Reason not published",
            text_box(r.not_published_reason if r else "", 60, "Use the alias, never a name"),
            "If the review is not published, say why. " + ALIAS_REMINDER,
        )

        self.section("Closing")
        self._date_field("closed")
        linked = [m for m in (r.considered_meeting_id, r.rapid_review_meeting_id) if m] if r else []
        self.meetings = MeetingsRead(self, [self.considered_meeting, self.rapid_review_meeting_link], linked)

    def _agency_added(self, organisation) -> None:
        if organisation is not None:
            item = QListWidgetItem(organisation.name, self.agencies)
            item.setData(Qt.ItemDataRole.UserRole, organisation.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)

    def _date_field(self, key: str) -> DateEdit:
        stage = STAGE_BY_KEY[key]
        value = getattr(self.record, key) if self.record else None
        hint = ""
        met = [rule for rule in self.settings.rules if rule.met_by == key]
        if met:
            hint = " "  # a placeholder line, filled with the due date as the dates change
        widget = self.add_field(key, stage.label, DateEdit(value=value), hint)
        setattr(self, key, widget)
        if met:
            box = widget.parentWidget()
            label = next(x for x in box.findChildren(QLabel) if x.text() == " ")
            tinted(label, DUE_COLOUR)
            label.setAccessibleName(f"{stage.label} due date")
            self.due_labels[key] = label
        return widget

    def _meeting_combo(self, current: int | None, title: str) -> RecordCombo:
        """A meeting picker holding, until the list of meetings arrives, the meeting linked."""
        combo = RecordCombo(blank="(no meeting recorded)")
        combo.set_items([(title, current)] if current and title else [], current)
        combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        return combo

    def _meeting_held(self, meeting_id: int) -> tuple[str, date] | None:
        """A meeting chosen: its title and the day it was held, read once."""
        if meeting_id not in self._meetings_held:
            held = cr.meeting_held(self.db, meeting_id)
            if held is None:
                return None
            self._meetings_held[meeting_id] = held
        return self._meetings_held[meeting_id]

    def loading(self) -> bool:
        """True until every section is built and the meeting pickers hold every meeting."""
        return not self.whole() or self.meetings.loading()

    def _list_changed(self, name: str) -> None:
        self.touched.add(name)
        self.revalidate()

    # -- values
    def _dates(self, errors: dict[str, str]) -> dict[str, date | None]:
        return {key: self.date_value(key, errors) for key in STAGE_KEYS}

    def current_fields(self, errors: dict[str, str] | None = None) -> cr.CaseReviewFields:
        errors = {} if errors is None else errors
        dates = self._dates(errors)
        return cr.CaseReviewFields(
            alias=self.alias.text(),
            incident_type=self.incident_type.currentData(),
            became_aware=dates["became_aware"],
            age_band=self.age_band.currentData(),
            looked_after=self.looked_after.isChecked(),
            summary=editor_text(self.summary),
            decision=self.decision.currentData(),
            sex=self.sex.currentData(),
            harm=self.harm.currentData(),
            outcome=self.outcome.currentData(),
            considered_meeting_id=self.considered_meeting.current_id(),
            rapid_review_meeting_id=self.rapid_review_meeting_link.current_id(),
            crg_recommendation=self.crg_recommendation.currentData(),
            panel_view=self.panel_view.currentData(),
            delay_reason=editor_text(self.delay_reason),
            reviewer=self.reviewer.text(),
            family_involvement=editor_text(self.family_involvement),
            not_published_reason=editor_text(self.not_published_reason),
            themes=tuple(self.themes.checked()),
            agency_ids=tuple(self.agencies.checked()),
            **{k: v for k, v in dates.items() if k != "became_aware"},
        )

    def _fields_now(self) -> tuple[cr.CaseReviewFields, dict[str, str]]:
        """The fields as typed and the dates that are not dates: read once per check (the lists of
        themes and agencies are read item by item)."""
        if self._now is None:
            return self._read_fields()
        if not self._now:
            self._now.append(self._read_fields())
        return self._now[0]

    def _read_fields(self) -> tuple[cr.CaseReviewFields, dict[str, str]]:
        """The fields, with a date left empty filled from the meeting chosen for it, as saving
        does, and the dates that are not dates or not the meeting's."""
        errors: dict[str, str] = {}
        f = self.current_fields(errors)
        f, meeting_errors = cr.fill_meeting_dates(f, self._meetings_held)
        for key, message in meeting_errors.items():
            errors.setdefault(key, message)
        return f, errors

    def check(self) -> dict[str, str]:
        f, read = self._fields_now()
        errors = dict(read)
        checker, _ = cr.check_case_fields(f)
        for key, message in [*checker.errors.items(), *cr.publication_delay_problem(f, self.settings).items()]:
            errors.setdefault(key, message)
        if self.record and (problem := closing_cleared(self.record.outcome, self.record.closed, f.outcome, f.closed)):
            errors.setdefault("closed", problem)  # as the service refuses it, from the case as opened
        if "closed" not in errors and (problem := self.closing.problem(f.closed)):
            errors["closed"] = problem
        for key, combo in (("considered_meeting_id", self.considered_meeting),
                           ("rapid_review_meeting_id", self.rapid_review_meeting_link)):
            if problem := unknown_meeting(combo, self.labels[key]):
                errors[key] = problem
        return errors

    def revalidate(self) -> bool:
        if not getattr(self, "_ready", False):  # still adding fields
            return False
        self._now = []  # the fields are read once for the check, the due dates and the names
        try:
            ok = super().revalidate()
            if self.whole():  # else checked once the later sections are built
                self._show_due_dates()
                self._show_name_warnings()
        finally:
            self._now = None
        return ok

    def name_warnings(self) -> list[str]:
        return cr.case_name_warnings(self._fields_now()[0], self.abbreviations)

    def _show_name_warnings(self) -> list[str]:
        return self.name_warning.show(self.name_warnings())

    def _on_save(self) -> None:
        self.complete()  # pressed before the later sections were built: every field is saved
        warnings = self._show_name_warnings() if self.revalidate() else []
        self.confirmed_warnings = []
        if not self.name_warning.saved_anyway(warnings, "If you do, this warning is kept with the case."):
            return
        self.confirmed_warnings = warnings
        super()._on_save()

    def _show_due_dates(self) -> None:
        f = self._fields_now()[0]
        clocks: dict[str, list] = {}
        for clock in cr.case_clocks(f, self.settings, self.today):
            clocks.setdefault(clock.met_by, []).append(clock)
        for met_by, label in self.due_labels.items():
            met = clocks.get(met_by, [])
            lines = [_due_text(clock) for clock in met] or ["No clock for this case."]
            if len(met) > 1:  # each named: two rules met by the same date
                lines = [f"{clock.label}: {line[0].lower()}{line[1:]}" for clock, line in zip(met, lines, strict=True)]
            label.setText("\n".join(lines))

    def save(self):
        f = self.current_fields()
        if self.record:
            return cr.update_case_review(self.db, self.record.id, f, confirmed_warnings=self.confirmed_warnings)
        return cr.create_case_review(self.db, f, confirmed_warnings=self.confirmed_warnings)


#: A clock with no due date because the date it counts from is not filled in yet: the rule says
#: what that date is, so it is not named again.
NO_DUE_DATE_YET = "No due date until the date it counts from is filled in."
DELAYED = "Delayed: "  # how a clock's note gives the reason publication is delayed (`case_review_clocks`)


def _due_text(clock) -> str:
    """One clock beside the date that meets it: its due date, rule and status. With no due date
    yet, the rule, then why in a sentence of its own (no brackets inside brackets)."""
    if clock.due is None:
        if clock.status is DeadlineStatus.NOT_APPLICABLE:  # its note only names what it counts from
            _start, delayed, delay = clock.note.partition(DELAYED)
            why = NO_DUE_DATE_YET + (f" {_ended(DELAYED + delay)}" if delayed else "")
        else:
            why = _ended(clock.note) if clock.note else ""
        return f"Rule: {clock.rule_text}. {why}".strip()
    return f"Due {format_date(clock.due)}: {clock.rule_text}. {_ended(_status_text(clock).rstrip('.'))}"


def _ended(text: str) -> str:
    """A sentence with its full stop; none after a reason for delay cut short with "…"."""
    return text if text.endswith("…") else f"{text}."


def _status_text(clock) -> str:
    """The status of a clock with a due date, said once: "Due soon: 2 working days left", "Due
    today", "Overdue by 3 working days", "Met 2 working days late", then any note; a note that
    already says the status ("Missed: due ...", "Stopped: the case was closed ...", "Not needed:
    ...", or "Not counted: ..." for a date before the one the clock counts from) on its own."""
    status, note, left = clock.status, clock.note, clock.working_days_left
    if clock.open and left is not None:
        if left < 0:
            text = f"Overdue by {-left} working day{'s' if left != -1 else ''}"
        elif left > 0:
            text = f"{status.label}: {clock.left_text}"
        elif clock.last_working_day:  # due on a weekend or bank holiday, today the last working day before it
            text = f"{status.label}: today is the last working day before {clock.due:%A} {format_date(clock.due)}"
        elif clock.on is not None and clock.due > clock.on:  # a day off before it
            text = f"{status.label}: no working day left before {clock.due:%A} {format_date(clock.due)}"
        else:
            text = "Due today"
    elif status is DeadlineStatus.MET_LATE and clock.working_days_late:
        text = f"Met {working_days_late_text(clock.working_days_late)}"
    elif note.startswith(f"{status.label}:") or (status is DeadlineStatus.NOT_REQUIRED and note.startswith("Not ")):
        return note
    elif status is DeadlineStatus.NOT_APPLICABLE and note:  # dated before the date it counts from: met by nothing
        return note
    else:
        text = status.label
    return f"{text}. {note}" if note else text


class NotNotifiableDialog(FormDialog):
    """Close a case the Case Review Group considered and found not notifiable: its clocks stop."""


    def __init__(self, db, record: cr.CaseReviewDTO, parent=None, today: date | None = None):
        super().__init__(f"Close {record.reference} as not notifiable", parent, db=db, record=record)
        dates = record.stage_dates()
        #: dates the case has that only a notified case has: while it has them, it cannot be closed here
        self.notified_dates = [f"{STAGE_BY_KEY[key].label} ({format_date(dates[key])})"
                               for key in not_notifiable_conflicts(Outcome.NOT_NOTIFIABLE, dates)]
        about = plain_label(
            f"{record.reference} ({record.alias}) was considered and does not meet the criteria for a "
            "serious incident notification. Closing it stops every clock; it still counts as a "
            "case considered."
        )
        if self.notified_dates:
            about.setText(
                f"{record.reference} ({record.alias}) cannot be closed as not notifiable yet: it has "
                f"dates that only a notified case has: {', '.join(self.notified_dates)}. If it was not "
                "notified after all, press Cancel, then Edit, clear those dates and save; then close it here."
            )
            tinted(about, ERROR_COLOUR)
        about.setWordWrap(True)
        self.form.addRow(about)
        self.considered_on = self.add_field(
            "considered_on", "Considered on", DateEdit(value=record.considered_on or today or date.today())
        )
        prefilled = "" if record.considered_on else self.considered_on.text()  # today: replaced by a meeting's date
        meeting = RecordCombo(blank="(no meeting recorded)")
        linked = record.considered_meeting_id
        meeting.set_items([(record.considered_meeting_title, linked)] if linked and record.considered_meeting_title else [],
                          linked)
        meeting.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.meeting = self.add_field(
            "considered_meeting_id", "Considered at", meeting, "Choosing the meeting puts its date in Considered on."
        )
        self.closed = self.add_field(
            "closed", "Closed on", DateEdit(value=record.closed), "Leave empty to close it on the day it was considered."
        )
        fill_from_meeting(meeting, self.considered_on, lambda meeting_id: cr.meeting_held(db, meeting_id), prefilled)
        self.meetings = MeetingsRead(self, [meeting], [linked] if linked else [])  # last: it may fill in at once

    def loading(self) -> bool:
        return self.meetings.loading()

    def revalidate(self) -> bool:
        valid = super().revalidate()
        if self.notified_dates:  # said above the fields; nothing here can clear them
            self.save_button.setEnabled(False)
        return valid and not self.notified_dates

    def check(self):
        errors: dict[str, str] = {}
        considered = self.date_value("considered_on", errors)
        self.date_value("closed", errors)
        if problem := unknown_meeting(self.meeting, self.labels["considered_meeting_id"]):
            errors["considered_meeting_id"] = problem
        if considered is None and self.meeting.current_id() is None and "considered_on" not in errors:
            errors["considered_on"] = "Enter the date the case was considered"
        return errors

    def save(self):
        return cr.close_as_not_notifiable(
            self.db, self.record.id, self.considered_on.value(), self.meeting.current_id(), self.closed.value()
        )
