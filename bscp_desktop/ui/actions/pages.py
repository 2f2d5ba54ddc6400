"""The actions raised from one record (a case review or audit recommendation), as a list under
the list of those records; they are the same actions the action log shows. New action is greyed,
saying why, while the record, or the case or audit it was raised from, is archived (the services
refuse it too)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from bscp_desktop.domain.kinds import RecordKind
from bscp_desktop.services import actions as al
from bscp_desktop.ui.actions.dialogs import ActionDialog
from bscp_desktop.ui.actions.log import action_columns
from bscp_desktop.ui.common.list_page import PageSpec, RecordListPage


class LinkedActionsPage(RecordListPage):
    """`owner.selected()` gives the record; `load(record, include_archived)` its actions;
    `new_action(parent, record)` the dialog for a new one (with its `create`)."""

    def __init__(
        self,
        db,
        owner: RecordListPage,
        *,
        kinds: Sequence[RecordKind],
        load: Callable[[object, bool], list[al.ActionDTO]],
        new_action: Callable[[object, object], ActionDialog],
        reminder: str = "",
        today: date | None = None,
        empty_text: str = "Select a recommendation to see its actions; press New action to add one.",
    ):
        self.owner = owner
        self.new_action_dialog = new_action
        spec = PageSpec(
            noun="action",
            kinds=(RecordKind.ACTIONS, RecordKind.MEMBERSHIPS, *kinds),
            columns=action_columns,
            load=lambda _db, q: [] if q["record"] is None else load(q["record"], q.include_archived),
            empty_text=empty_text,
            dialog=lambda db, record, parent: ActionDialog(db, record, parent, reminder=reminder),
            archive=al.archive_action,
            restore=al.restore_action,
        )
        super().__init__(db, spec, today=today)

    def record(self):
        return self.owner.selected()

    def query(self):
        """The query, with the record chosen above read here, on the window's thread: the actions
        are read in a worker thread, which touches no widget (and reads them for that record, even
        if another is chosen meanwhile; its own read follows)."""
        q = super().query()
        q.filters["record"] = self.record()
        return q

    @property
    def empty_text(self) -> str:
        """What the empty list says: to choose a record while none is chosen; else that the record
        chosen has no actions, and how to add one or why none can be added now."""
        if self.record() is None:
            return self._choose_text
        noun = self.owner.spec.noun
        why = self.why_no_new_action()
        return f"No actions for this {noun}. {why}" if why else \
            f"No actions for this {noun} yet: press New action to add one."

    @empty_text.setter
    def empty_text(self, text: str) -> None:
        self._choose_text = text

    def why_no_new_action(self) -> str:
        """Why no action can be added now ("" when one can): no record chosen, or the chosen one
        (or the record it was raised from) is archived (its `no_new_action`)."""
        record = self.record()
        if record is None:
            return f"Choose a {self.owner.spec.noun} first."
        return getattr(record, "no_new_action", "")

    def new_dialog(self, parent):
        record = self.record()
        return None if record is None or self.why_no_new_action() else self.new_action_dialog(parent, record)

    def update_actions(self, row) -> None:
        self.offer_tool(self.new_action, self.why_no_new_action())
