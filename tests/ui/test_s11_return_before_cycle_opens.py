"""Write an agency's return… before its Section 11 cycle opens: the workbook is saved (a return
may be prepared early), its Sent date is not recorded, and the window says why and what to do."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.services import memberships as ms
from bscp_desktop.services.audits import section11 as s11
from bscp_desktop.ui.audits.tab import AuditsTab
from tests.ui.helpers import shown_tab

TODAY = date(2024, 10, 1)


@pytest.mark.slow
def test_a_return_written_before_the_cycle_opens_is_saved_and_not_recorded_as_sent(qtbot, db, tmp_path, monkeypatch):
    police = ms.create_organisation(db, ms.OrganisationFields("Metropolitan Police", OrganisationKind.POLICE))
    cycle = s11.create_cycle(db, s11.CycleFields("2024-26", date(2024, 11, 1), date(2025, 1, 31)))
    [part] = s11.add_agencies(db, cycle.id, [police.id])
    tab = shown_tab(qtbot, AuditsTab(db, None, today=TODAY), (1280, 800))
    qtbot.waitUntil(lambda: tab.section11.grid_data is not None)
    out = tmp_path / "return.xlsx"
    said: list[str] = []
    refused: list[tuple[str, str]] = []
    monkeypatch.setattr("bscp_desktop.ui.audits.section11_page.choose_agency", lambda parent, title, agencies: police.id)
    monkeypatch.setattr("bscp_desktop.ui.audits.returns.choose_save_path", lambda *args: out)
    monkeypatch.setattr("bscp_desktop.ui.audits.returns.tell", lambda parent, text: said.append(text))
    monkeypatch.setattr("bscp_desktop.ui.common.messages.show_error",
                        lambda parent, title, exc: refused.append((title, getattr(exc, "sentence", lambda: exc)())))
    qtbot.mouseClick(tab.section11.write_return, Qt.MouseButton.LeftButton)
    assert out.exists()
    assert s11.get_participant(db, part.id).sent_on is None
    assert refused == [(
        "Could not record the date the return was sent",
        "Sent (01/10/2024) cannot be before the cycle opens (01/11/2024): a return goes out once the cycle has "
        "opened; if it opened sooner, move its Opens date earlier (Audits tab, Section 11: Edit cycle…). Metropolitan "
        "Police's return is not recorded as sent: record Sent on its row once it goes out.")]
    assert said == [f"The Section 11 return of Metropolitan Police was saved to {out}. Send it to the agency; import it "
                    "when it comes back."]


def test_the_return_dialog_says_as_it_is_typed_that_sent_is_before_the_cycle_opens(qtbot, db):
    from bscp_desktop.ui.audits.s11_dialogs import ParticipantDialog

    police = ms.create_organisation(db, ms.OrganisationFields("Metropolitan Police", OrganisationKind.POLICE))
    cycle = s11.create_cycle(db, s11.CycleFields("2024-26", date(2024, 11, 1), date(2025, 1, 31)))
    [part] = s11.add_agencies(db, cycle.id, [police.id])
    dialog = ParticipantDialog(db, s11.get_participant(db, part.id), today=TODAY)
    qtbot.addWidget(dialog)
    dialog.sent_on.set_value(date(2024, 9, 30))
    assert dialog.check()["sent_on"].startswith("Sent (30/09/2024) cannot be before the cycle opens (01/11/2024)")
    dialog.sent_on.set_value(None)
    assert "sent_on" not in dialog.check()
