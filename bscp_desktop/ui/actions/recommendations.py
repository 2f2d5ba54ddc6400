"""Recommendations raised from a record (a case review, a case audit, ...) in the window: one
dialog and one page, the recommendations with their action counts and, below them, the
actions of the selected one (the same actions the action log shows).

An area describes how its recommendations look with a `RecommendationsView` (the record they
come from, its columns and its words) over its service's `Recommendations`
(services/recommendations.py):

    VIEW = RecommendationsView(
        cr.RECOMMENDATIONS, "Case", (Column("Case", lambda r: r.case_reference), ...),
        cr.case_choices, "All cases", ALIAS_REMINDER, "No recommendations yet: ...",
    )
    page = RecommendationsPage(db, VIEW, parent)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget

from bscp_desktop.domain.case_reviews import name_warnings
from bscp_desktop.domain.kinds import RecordKind
from bscp_desktop.domain.validation import Checker
from bscp_desktop.services import actions as al
from bscp_desktop.services import memberships as ms
from bscp_desktop.services.case_reviews import known_abbreviations
from bscp_desktop.services.recommendations import TEXT_MAX, RecommendationDTO, Recommendations, recommendation_gaps
from bscp_desktop.ui.actions.dialogs import ActionDialog
from bscp_desktop.ui.actions.log import missing_column
from bscp_desktop.ui.actions.pages import LinkedActionsPage
from bscp_desktop.ui.common.autosave import editor_text
from bscp_desktop.ui.common.editors import RecordCombo, text_box
from bscp_desktop.ui.common.empty_choices import offer_to_add_first
from bscp_desktop.ui.common.form import FormDialog
from bscp_desktop.ui.common.labels import as_typed
from bscp_desktop.ui.common.list_page import Filter, PageSpec, RecordListPage
from bscp_desktop.ui.common.name_warning import NameWarning
from bscp_desktop.ui.common.pickers import check_pick, new_organisation, organisation_picker
from bscp_desktop.ui.common.table_model import WARNING_BACKGROUND, Column


@dataclass(frozen=True)
class RecommendationsView:
    book: Recommendations  # the area's recommendations in its service
    record_label: str  # "Case", "Audit": the record they come from, as the dialog and filter name it
    record_columns: Sequence[Column]  # the record's own columns, first in the list
    choices: Callable[[Any, Iterable[int]], list[tuple[str, int]]]  # choices(db, ids to keep): live records
    everything: str  # the filter's first entry: "All cases"
    reminder: str  # under the text boxes: use the alias, never a name
    empty_text: str
    #: the dialog adding a record they come from (new_record(db, parent)): offered in a new
    #: recommendation's dialog while there is none to choose
    new_record: Callable[[Any, QWidget], Any] | None = None

    @property
    def filter_name(self) -> str:
        return self.book.parent_key

    def spec(self) -> PageSpec:
        return PageSpec(
            noun="recommendation",
            kinds=(self.book.kind, RecordKind.ACTIONS, RecordKind.MEMBERSHIPS),
            columns=[
                *self.record_columns,
                Column("No.", lambda r: r.number, align_right=True),
                Column("Lead agency", lambda r: r.lead_organisation_name),
                missing_column(),
                Column("Actions", lambda r: r.actions_total, align_right=True),
                Column("Open", lambda r: r.actions_open, align_right=True),
                Column("Overdue", lambda r: r.actions_overdue, align_right=True,
                       background=lambda r: WARNING_BACKGROUND if r.actions_overdue else None),
                Column("Recommendation", lambda r: r.text.replace("\n", " "), tooltip=lambda r: r.text),
            ],
            load=lambda db, q: self.book.list(db, q[self.filter_name], q.include_archived, q.today),
            empty_text=self.empty_text,
            dialog=lambda db, record, parent: RecommendationDialog(db, self, record, parent),
            archive=self.book.archive,
            restore=self.book.restore,
            archive_note=lambda db, rec_id: al.open_actions_note(db, self.book.link, [rec_id]),
            filters=(Filter(self.filter_name, f"{self.record_label}:", self.choices, self.everything),),
        )


def open_actions_of_record(book: Recommendations) -> Callable[[Any, int], str]:
    """The note in the archive question of a record recommendations are raised from (a case
    audit): how many open actions its recommendations leave in the action log."""
    return lambda db, record_id: al.open_actions_note(db, book.link, [record_id], through=(book.parent_key,))


class RecommendationDialog(FormDialog):
    """A recommendation: the record it comes from (chosen for a new one, fixed after), its
    text, lead agency and notes. Its actions are added under the list of recommendations."""

    def __init__(self, db, view: RecommendationsView, record: RecommendationDTO | None = None, parent=None,
                 record_id: int | None = None):
        super().__init__(f"Edit {record.label}" if record else "New recommendation", parent, db=db, record=record)
        self.view = view
        self.book = view.book
        self.history_table = view.book.table
        r = record
        noun = view.book.parent_noun
        kept = [r.parent_id] if r else []
        raised_from = RecordCombo(blank=None if r else f"(choose the {noun})", source=lambda: view.choices(db, kept))
        raised_from.set_items(raised_from.source(), r.parent_id if r else record_id)
        raised_from.setEnabled(r is None)
        raised_from.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        raised_from.setToolTip(as_typed(raised_from.currentText()))  # a long audit title in full
        raised_from.currentTextChanged.connect(lambda text: raised_from.setToolTip(as_typed(text)))
        self.raised_from = self.add_field(view.book.parent_key, view.record_label, raised_from)
        if r is None and view.new_record is not None:
            plural = view.everything.removeprefix("All ")  # "cases", "audits"
            article = "an" if noun[:1] in "aeiou" else "a"
            offer_to_add_first(self, view.book.parent_key, raised_from, f"No {plural} yet: add the {noun} first.",
                               f"Add {article} {noun}…", lambda parent: view.new_record(db, parent),
                               lambda: view.choices(db, []))
        self.text = self.add_field(
            "text", "Recommendation", text_box(r.text if r else "", 110, "Use the alias, never a name"), view.reminder
        )
        self.lead = self.add_field(
            "lead_organisation_id", "Lead agency",
            organisation_picker(db, r.lead_organisation_id if r else None),
        )
        offer_to_add_first(self, "lead_organisation_id", self.lead, "No organisations yet: add the lead agency first.",
                           "Add an organisation…", new_organisation(db), lambda: ms.organisation_choices(db))
        # a warning, not a refusal: it may be saved before the lead agency is agreed
        self.lead_warning = QLabel(self)
        self.lead_warning.setWordWrap(True)
        self.lead_warning.setStyleSheet("color: #8a4b00;")
        self.lead_warning.setAccessibleName("What this recommendation is missing")
        self.lead.parentWidget().layout().addWidget(self.lead_warning)
        self.notes = self.add_field("notes", "Notes", text_box(r.notes if r else "", 60), view.reminder)
        # a warning where a real name may have been typed, as the case dialog gives it (never a refusal)
        self.abbreviations = known_abbreviations(db)  # the organisations' short names are no surnames
        self.name_warning = NameWarning(self, "Recommendations")
        self.name_note = self.name_warning.note
        self._show_gaps()
        self._show_name_warnings()

    def revalidate(self) -> bool:
        ok = super().revalidate()
        if hasattr(self, "name_note"):
            self._show_gaps()
            self._show_name_warnings()
        return ok

    def name_warnings(self) -> list[str]:
        """Where the recommendation or its notes mention what looks like a real name."""
        return name_warnings("", {"Recommendation": editor_text(self.text), "Note": editor_text(self.notes)},
                             self.abbreviations)

    def _show_name_warnings(self) -> list[str]:
        return self.name_warning.show(self.name_warnings())

    def _on_save(self) -> None:
        """Saved as typed once the officer confirms a name warning; Go back leaves the dialog open."""
        if self.name_warning.saved_anyway(self._show_name_warnings() if self.revalidate() else []):
            super()._on_save()

    def _show_gaps(self) -> None:
        """Beside the lead agency while none is chosen: it can be saved, flagged as missing."""
        gaps = recommendation_gaps(self.lead.current_id())
        self.lead_warning.setText(
            "; ".join(gaps.values()) + ". You can save without it: it is shown as missing until one is chosen."
            if gaps else ""
        )
        self.lead_warning.setVisible(bool(gaps))

    def check(self) -> dict[str, str]:
        c = Checker()
        if self.raised_from.has_unknown_text() or self.raised_from.current_id() is None:
            c.add(self.book.parent_key, f"Choose the {self.book.parent_noun} the recommendation comes from")
        c.required("text", editor_text(self.text), "Recommendation", TEXT_MAX)
        check_pick(c, self.lead, "lead_organisation_id", "organisations", required=False)
        return c.errors

    def save(self):
        f = self.book.fields(
            self.raised_from.current_id(), editor_text(self.text), self.lead.current_id(), editor_text(self.notes)
        )
        if self.record:
            return self.book.update(self.db, self.record.id, f)
        return self.book.create(self.db, f)


class RecommendationsPage(RecordListPage):
    """Recommendations with their action counts; the selected one's actions below."""

    def __init__(self, db, view: RecommendationsView, parent=None, today: date | None = None):
        super().__init__(db, view.spec(), parent, today=today)
        self.view = view
        self.record_filter = self.filters[view.filter_name]
        book = view.book
        self.actions = LinkedActionsPage(
            db, self, kinds=(book.kind,), today=today, reminder=view.reminder,
            load=lambda rec, archived: book.actions(db, rec.id, include_archived=archived),
            new_action=lambda parent, rec: ActionDialog(
                db, None, parent, source=f"{book.from_text(rec)}. {rec.text}",
                owner_organisation_id=rec.lead_organisation_id, reminder=view.reminder,
                create=lambda fields: book.add_action(db, rec.id, fields),
            ),
        )
        heading = QLabel("Actions for the selected recommendation (they also appear in the action log):")
        heading.setWordWrap(True)
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(heading)
        lower_layout.addWidget(self.actions)
        self.splitter = self.show_below(lower)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self.actions.refresh())
        self.new_action.setToolTip(view.reminder)

    def new_dialog(self, parent):
        """A new recommendation starts with the record the list is filtered to."""
        return RecommendationDialog(self.db, self.view, None, parent, self.record_filter.currentData())

    def update_actions(self, row: RecommendationDTO | None) -> None:
        """A recommendation of an archived case or audit is read-only: Edit, Archive and Restore
        are greyed, saying why (as New action is below)."""
        if row is not None and row.held:
            for action in (self.edit_action, self.archive_action, self.restore_action):
                self.offer_tool(action, f"{row.held}.")

    def edit_dialog(self, parent, row: RecommendationDTO):
        return None if row.held else super().edit_dialog(parent, row)
