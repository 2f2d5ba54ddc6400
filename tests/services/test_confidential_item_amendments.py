"""An amendment to approved minutes about a confidential agenda item is recorded against that
item, however it is made (adding the item, copying the last agenda with it, reordering the
agenda round it, editing, moving, archiving or restoring it), so the minutes for circulation
leave its reason out and count it; the full minutes give it. An item made confidential after
an amendment was recorded against it takes that amendment out of the circulation copy too."""

from __future__ import annotations

import unicodedata
from datetime import date, datetime

import pypdf
import pytest

from bscp_desktop import jobs
from bscp_desktop.domain.meetings import ApprovalMethod, MeetingStatus
from bscp_desktop.domain.validation import ValidationError
from bscp_desktop.services import meetings as mt
from tests.meetings_world import meeting

pytestmark = pytest.mark.slow  # approved minutes, amended several times


def _approved(db, world, *titles: str, group=None) -> mt.MeetingDTO:
    m = meeting(db, group or world.forum, datetime(2024, 3, 14, 10), status=MeetingStatus.HELD)
    for title in titles:
        mt.add_agenda_item(db, m.id, mt.AgendaItemFields(title))
    return mt.approve_minutes(db, m.id, None, date(2024, 3, 20), method=ApprovalMethod.EMAIL, approved_by="Chair")


def _amendment(db, meeting_id: int, reason: str) -> mt.AmendmentDTO:
    return next(a for a in mt.list_amendments(db, meeting_id) if a.reason == reason)


def _text(path) -> str:
    return " ".join(" ".join(unicodedata.normalize("NFKC", p.extract_text() or "").split())
                    for p in pypdf.PdfReader(str(path)).pages)


def test_a_confidential_item_added_to_approved_minutes_holds_its_amendment(db, world):
    m = _approved(db, world, "Budget")
    before = [i.id for i in mt.list_agenda(db, m.id)]
    with pytest.raises(ValidationError) as refused:  # no reason: refused, and nothing is added
        mt.add_agenda_item(db, m.id, mt.AgendaItemFields("Child L: strategy discussion", confidential=True))
    assert set(refused.value.errors) == {"agenda", "reason"}
    assert [i.id for i in mt.list_agenda(db, m.id)] == before and mt.list_amendments(db, m.id) == []
    item = mt.add_agenda_item(db, m.id, mt.AgendaItemFields("Child L: strategy discussion", confidential=True),
                              reason="Child L strategy discussion omitted in error")
    amendment = _amendment(db, m.id, "Child L strategy discussion omitted in error")
    assert (amendment.agenda_item_id, amendment.new_text) == (item.id, "Child L: strategy discussion")


def test_an_agenda_copied_with_a_confidential_item_holds_its_amendment_on_that_item(db, world):
    earlier = meeting(db, world.forum, datetime(2024, 1, 11, 10))
    mt.add_agenda_item(db, earlier.id, mt.AgendaItemFields("Neglect strategy"))
    mt.add_agenda_item(db, earlier.id, mt.AgendaItemFields("Child M: rapid review", confidential=True))
    m = _approved(db, world, "Budget")
    assert mt.copy_last_agenda(db, m.id, reason="Child M review left off the agenda")[0] == 2
    secret = next(i for i in mt.list_agenda(db, m.id) if i.title == "Child M: rapid review")
    assert _amendment(db, m.id, "Child M review left off the agenda").agenda_item_id == secret.id
    # a copy with no confidential item holds it on no item
    earlier = meeting(db, world.executive, datetime(2024, 1, 11, 10))
    mt.add_agenda_item(db, earlier.id, mt.AgendaItemFields("Neglect strategy"))
    m = _approved(db, world, "Budget", group=world.executive)
    mt.copy_last_agenda(db, m.id, reason="Agenda was missing")
    assert _amendment(db, m.id, "Agenda was missing").agenda_item_id is None


def test_an_agenda_reordered_round_a_confidential_item_holds_its_amendment_on_that_item(db, world):
    m = _approved(db, world, "Budget", "Training")
    secret = mt.add_agenda_item(db, m.id, mt.AgendaItemFields("Child N: case discussion", confidential=True),
                                reason="Omitted in error")
    ids = [i.id for i in mt.list_agenda(db, m.id)]
    mt.reorder_agenda(db, m.id, [secret.id] + [i for i in ids if i != secret.id], reason="Child N taken first")
    assert _amendment(db, m.id, "Child N taken first").agenda_item_id == secret.id
    budget, training = (i for i in mt.list_agenda(db, m.id) if not i.confidential)
    order = [i.id for i in mt.list_agenda(db, m.id)]
    swapped = [training.id if i == budget.id else budget.id if i == training.id else i for i in order]
    mt.reorder_agenda(db, m.id, swapped, reason="Training before the budget")  # the confidential item stays put
    assert _amendment(db, m.id, "Training before the budget").agenda_item_id is None


def test_no_reason_given_about_a_confidential_item_reaches_the_minutes_for_circulation(db, world, tmp_path):
    earlier = meeting(db, world.forum, datetime(2024, 1, 11, 10))
    mt.add_agenda_item(db, earlier.id, mt.AgendaItemFields("Child M: rapid review", confidential=True))
    m = _approved(db, world, "Budget", "Training")
    budget, training = mt.list_agenda(db, m.id)
    secret = mt.add_agenda_item(db, m.id, mt.AgendaItemFields("Child L: strategy discussion", confidential=True),
                                reason="Child L strategy discussion omitted in error")
    mt.copy_last_agenda(db, m.id, reason="Child M review left off the agenda")
    mt.reorder_agenda(db, m.id, [secret.id] + [i.id for i in mt.list_agenda(db, m.id) if i.id != secret.id],
                      reason="Child L discussed first")
    mt.move_agenda_item(db, secret.id, 1, reason="Child L discussed second")
    mt.update_agenda_item(db, secret.id, mt.AgendaItemFields("Child L: strategy", confidential=True),
                          reason="Child L title shortened")
    mt.archive_agenda_item(db, secret.id, reason="Child L was not discussed")
    mt.restore_agenda_item(db, secret.id, reason="Child L was discussed after all")
    mt.amend_minutes(db, training.id, "Training on Child P's case.", "Child P training minuted")
    mt.update_agenda_item(db, training.id, mt.AgendaItemFields("Training", confidential=True),
                          reason="Training named a child")  # made confidential after its amendment
    mt.amend_minutes(db, budget.id, "Budget agreed.", "Budget figure corrected")
    secret_reasons = ["Child L strategy discussion omitted in error", "Child M review left off the agenda",
                      "Child L discussed first", "Child L discussed second", "Child L title shortened",
                      "Child L was not discussed", "Child L was discussed after all", "Child P training minuted",
                      "Training named a child"]
    circulated = _text(jobs.write_report(db, "minutes", tmp_path / "c.pdf", meeting=m.id, circulation=True))
    assert [r for r in secret_reasons if r in circulated] == []
    assert "Budget figure corrected" in circulated
    assert "9 amendments to confidential items are left out of this version for circulation" in circulated
    full = _text(jobs.write_report(db, "minutes", tmp_path / "f.pdf", meeting=m.id))
    assert [r for r in secret_reasons + ["Budget figure corrected"] if r not in full] == []
    assert "left out of this version" not in full
