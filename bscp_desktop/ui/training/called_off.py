"""Calling a training session off, on the Sessions page: "Call off session…" asks the reason
(`CallOffDialog`) and `services.training.called_off` records it; "Reinstate session" puts the
bookings back before the session starts. The Register column says a session was called off,
with the reason as its tooltip."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox, QWidget

from bscp_desktop.domain.validation import Checker
from bscp_desktop.services.training import bookings as bk
from bscp_desktop.services.training import called_off as co
from bscp_desktop.services.training import courses as cs
from bscp_desktop.ui.common.autosave import editor_text
from bscp_desktop.ui.common.editors import text_box
from bscp_desktop.ui.common.form import FormDialog
from bscp_desktop.ui.common.labels import as_typed, plain_label
from bscp_desktop.ui.training.pages import SessionsPage, offer_the_place

CALLED_OFF_BACKGROUND = QColor("#eeeeee")  # as a cancelled booking is shown


class CallOffDialog(FormDialog):
    """Call a session off, giving the reason (kept in the session's notes)."""

    def __init__(self, db, record: cs.SessionDTO, parent: QWidget | None = None):
        super().__init__(f"Call off {record.name}", parent, db=db, record=record)
        about = plain_label(
            "Every delegate booked or on the waiting list is marked as called off by the partnership: no one is "
            "charged, and the session is left out of the training figures. Reinstate it before it starts if it "
            "goes ahead after all.", wrap=True)
        self.form.addRow(about)
        self.reason = self.add_field("reason", "Reason", text_box("", 70, "For example: the facilitator is ill"),
                                     "Kept in the session's notes.")
        self.save_button.setText("Call off the session")
        # beside "Call off the session", a plain "Cancel" reads as the same thing: say what it does
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Keep the session")

    def check(self) -> dict[str, str]:
        c = Checker()
        c.required("reason", editor_text(self.reason), "The reason the session was called off", co.REASON_LONGEST)
        return c.errors

    def save(self):
        return co.call_off_session(self.db, self.record.id, editor_text(self.reason))


def _called_off(row) -> co.CalledOff | None:
    return getattr(row, "called_off", None)


class SessionsCallOffPage(SessionsPage):
    """The Sessions page, with calling a session off and reinstating it."""

    def __init__(self, db, parent: QWidget | None = None):
        super().__init__(db, parent)
        period_sessions = self.spec.load
        self.spec = replace(self.spec, load=lambda db, q: co.with_called_off(db, period_sessions(db, q)))  # called off?
        columns = self.model.columns
        at = next(i for i, column in enumerate(columns) if column.header == "Register")
        register = columns[at]
        columns[at] = replace(
            register,
            value=lambda s: called.text if (called := _called_off(s)) else register.value(s),
            tooltip=lambda s: called.sentence if (called := _called_off(s)) else "",
            background=lambda s: CALLED_OFF_BACKGROUND if _called_off(s) else
            register.background(s) if register.background else None,
        )
        at = next(i for i, column in enumerate(columns) if column.header == "Places left")
        places = columns[at]  # no place is left on a session that will not run: none offered, none shown full
        columns[at] = replace(
            places,
            value=lambda s: None if _called_off(s) else places.value(s),
            background=lambda s: None if _called_off(s) else places.background(s),
            tooltip=lambda s: "Called off: no places are offered." if _called_off(s) else "",
        )
        self.call_off_action = self.add_tool("Call off session…", self.call_off,
                                             "Record that the partnership called off the selected session, and why: "
                                             "its bookings are not charged or counted")
        self.reinstate_action = self.add_tool("Reinstate session", self.reinstate,
                                              "Put the bookings of the selected session back, before it starts")

    def update_actions(self, row) -> None:
        super().update_actions(row)
        called = _called_off(row)
        if row is None:
            call_off = reinstate = "Choose a session first."
        elif row.archived:
            call_off = reinstate = "The session is archived: restore it first."
        else:
            call_off = (f"{called.text}: reinstate it instead." if called else
                        f"The session was on {row.day:%d/%m/%Y}: only a session still to run is called off."
                        if row.day < self.today else
                        "No one is booked or waiting on it: archive the session if it will not run."
                        if not (row.still_booked or row.waitlisted) else "")
            reinstate = ("The session is not called off." if not called else
                         "The session has started: it is reinstated only before it starts."
                         if row.starts_at <= datetime.now() else "")
        self.offer_tool(self.call_off_action, call_off)
        self.offer_tool(self.reinstate_action, reinstate)

    def call_off(self) -> None:
        row = self.selected()
        if row is not None and not _called_off(row):
            CallOffDialog(self.db, row, self).exec()

    def reinstate(self) -> None:
        row = self.selected()
        if row is None or not _called_off(row):
            return
        said: list[co.Reinstated] = []
        if self.run_command(lambda: said.append(co.reinstate_session(self.db, row.id))):
            QMessageBox.information(self, "Session reinstated", as_typed(said[0].sentence))
            # places raised while it was called off: each free place is offered to the first waiting
            while offer_the_place(self, self.db, bk.waitlist_offer(self.db, row.id)):
                pass
