"""The minutes PDF's "Amendments after approval" names the agenda item each amendment changed,
by its number and title as the minutes number the items, from the amendment's record."""

from __future__ import annotations

from datetime import date, datetime

import pypdf

from bscp_desktop import jobs
from bscp_desktop.domain.meetings import ApprovalMethod
from bscp_desktop.domain.validation import local_time
from bscp_desktop.jobs.meetings import minutes_document
from bscp_desktop.services import meetings as mt
from tests.meetings_world import meeting, meeting_fields


def _text(path) -> str:
    return " ".join(" ".join(p.extract_text() or "" for p in pypdf.PdfReader(str(path)).pages).split())


def test_each_amendment_names_its_item_as_the_minutes_number_it(db, world, tmp_path):
    m = meeting(db, world.executive, datetime(2026, 10, 8, 10), "Executive Group meeting")
    welcome = mt.add_agenda_item(db, m.id, mt.AgendaItemFields("Welcome"))
    budget = mt.add_agenda_item(db, m.id, mt.AgendaItemFields("Budget update"))
    ofsted = mt.add_agenda_item(db, m.id, mt.AgendaItemFields("Ofsted action plan"))
    mt.save_item_minutes(db, ofsted.id, "Plan agreed.")
    mt.approve_minutes(db, m.id, None, date(2026, 10, 20), method=ApprovalMethod.EMAIL, approved_by="Chair")
    mt.amend_minutes(db, ofsted.id, "Plan agreed with one change.", "Correction requested by the chair")
    mt.archive_agenda_item(db, budget.id, reason="Not discussed")
    mt.update_meeting(db, m.id, meeting_fields(mt.get_meeting(db, m.id), place="Brent Civic Centre"),
                      reason="Place corrected")
    assert [i.id for i in mt.list_agenda(db, m.id)] == [welcome.id, ofsted.id]
    day = local_time(mt.list_amendments(db, m.id)[0].made_at).strftime("%d/%m/%Y")

    lines = [a.text for a in minutes_document(db, m.id).amendments]
    assert lines == [
        f"{day}, item 2 (Ofsted action plan): Correction requested by the chair",  # numbered as the minutes now are
        f"{day}, item taken off the agenda (Budget update): Not discussed",
        f"{day}: Place corrected",
    ]
    text = _text(jobs.write_report(db, "minutes", tmp_path / "minutes.pdf", meeting=m.id))
    section = text[text.index("Amendments after approval"):]
    assert f"{day}, item 2 (Ofsted action plan): Correction requested by the chair" in section
