"""The actions raised from one record (a case review or audit recommendation), as a list under
the list of those records; they are the same actions the action log shows."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from bscp_desktop.domain.kinds import RecordKind
from bscp_desktop.services import actions as al
from bscp_desktop.ui.actions.dialogs import ActionDialog
from bscp_desktop.ui.actions.log import action_columns
from bscp_desktop.ui.common.list_page import RecordListPage


class LinkedActionsPage(RecordListPage):
    """`selected()` of the owner page gives the record; `load(record, include_archived)` its
    actions; `new_action(parent, record)` the dialog for a new one (with its `create`)."""

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
        self.load_actions = load
        self.fixed_today = today
        super().__init__(
            db=db,
            noun="action",
            kinds=(RecordKind.ACTIONS, RecordKind.MEMBERSHIPS, *kinds),
            columns=action_columns(self.today),
            load=self._load,
            empty_text=empty_text,
            new_dialog=self._new_dialog,
            edit_dialog=lambda parent, row: ActionDialog(db, row, parent, reminder=reminder),
            archive=lambda row: al.archive_action(db, row.id),
            restore=lambda row: al.restore_action(db, row.id),
        )
        self.new_action_dialog = new_action

    def today(self) -> date:
        return self.fixed_today or date.today()

    def record(self):
        return self.owner.selected() if self.owner is not None else None

    def _new_dialog(self, parent):
        record = self.record()
        return None if record is None else self.new_action_dialog(parent, record)

    def on_new(self) -> None:
        if self.record() is not None:
            super().on_new()

    def _load(self, archived: bool):
        record = self.record()
        return [] if record is None else self.load_actions(record, archived)

    def _update_actions(self) -> None:
        super()._update_actions()
        self.new_action.setEnabled(self.record() is not None)
