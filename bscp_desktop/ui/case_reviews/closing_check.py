"""The case dialog's check of the date typed in Case closed: a case is not closed while an action
raised from its recommendations is still open. Said under the field as the date is typed, as the
dialog's other refusals are, instead of only after Save."""

from __future__ import annotations

from datetime import date

from bscp_desktop.services.case_review_closing import closing_refusal


class ClosingCheck:
    """Whether the case a dialog edits may be closed on a date. Each date typed is looked up once
    (not on every change to the dialog); a new case, or one already closed when the dialog opened,
    is never refused here (the service refuses only closing a case not closed)."""

    def __init__(self, db, record) -> None:
        self.db = db
        self.case_id = record.id if record is not None and record.closed is None else None
        self.found: dict[date, str] = {}

    def problem(self, closed: date | None) -> str:
        """Why the case may not be closed on `closed`, or ""."""
        if self.case_id is None or closed is None:
            return ""
        if closed not in self.found:
            self.found[closed] = closing_refusal(self.db, self.case_id, closed)
        return self.found[closed]
