"""A change log saved as shown with a search listed an entry of a confidential item's minutes
with its words left out, under "containing 'Vole'": the file told whoever read it that the
hidden minutes hold that word. An entry found only by words the file leaves out is no longer
listed, and the file says such entries are not listed whatever was found (a count would say it
again). The window's own change log, read by the officer, still finds them."""

from __future__ import annotations

from datetime import datetime

import openpyxl
import pypdf
import pytest

from bscp_desktop import jobs
from bscp_desktop.domain.meetings import MeetingStatus
from bscp_desktop.jobs.audits import NOT_LISTED_WHEN_SEARCHED
from bscp_desktop.services import history as hs
from bscp_desktop.services import meetings as mt
from tests.meetings_world import meeting

HIDDEN = "(confidential item: not exported)"


@pytest.fixture
def minutes(db, world):
    m = meeting(db, world.forum, datetime(2024, 3, 14, 10), status=MeetingStatus.HELD)
    secret = mt.add_agenda_item(db, m.id, mt.AgendaItemFields("Staffing matter", confidential=True))
    public = mt.add_agenda_item(db, m.id, mt.AgendaItemFields("Vole project"))
    mt.save_item_minutes(db, secret.id, "Dr Harriet Vole suspended pending LADO referral.")
    mt.save_item_minutes(db, public.id, "The Vole project reported.")
    mt.add_decision(db, secret.id, "Refer Dr Vole to the LADO")
    return db


def _sheet(path, name: str) -> list[tuple]:
    return [tuple(v for v in row if v is not None)
            for row in openpyxl.load_workbook(path, read_only=True)[name].iter_rows(values_only=True)]


def test_an_entry_found_only_by_hidden_words_is_not_listed_and_the_file_says_so(minutes, tmp_path):
    window = hs.change_page(minutes, hs.ChangeQuery(search="Harriet")).rows
    assert [c.new_value for c in window] == ["Dr Harriet Vole suspended pending LADO referral."]  # the officer's view

    path = jobs.write_report(minutes, "change-log", tmp_path / "log.xlsx", search="Harriet", xlsx=True)
    rows = _sheet(path, "Change log")[1:]
    assert rows == []
    about = "\n".join(" ".join(map(str, row)) for row in _sheet(path, "About"))
    assert f"containing 'Harriet' ({NOT_LISTED_WHEN_SEARCHED})." in about

    vole = _sheet(jobs.write_report(minutes, "change-log", tmp_path / "vole.xlsx", search="Vole", xlsx=True),
                  "Change log")[1:]
    text = "\n".join(" ".join(map(str, row)) for row in vole)
    assert "Harriet" not in text and "Refer Dr Vole" not in text and HIDDEN not in text
    assert "The Vole project reported." in text and "Agenda item: Vole project" in text


def test_an_entry_found_by_what_the_file_shows_is_listed_with_its_words_left_out(minutes, tmp_path):
    path = jobs.write_report(minutes, "change-log", tmp_path / "log.xlsx", search="Staffing", xlsx=True)
    rows = _sheet(path, "Change log")[1:]
    minutes_rows = [row for row in rows if "Minutes" in row]
    assert minutes_rows and all(HIDDEN in row for row in minutes_rows)
    assert "Harriet" not in "\n".join(" ".join(map(str, row)) for row in rows)


@pytest.mark.slow  # a PDF
def test_the_pdf_leaves_them_out_too(minutes, tmp_path):
    path = jobs.write_report(minutes, "change-log", tmp_path / "log.pdf", search="LADO")
    text = " ".join(" ".join((page.extract_text() or "").split()) for page in pypdf.PdfReader(str(path)).pages)
    assert "0 changes" in text and "not listed" in text and "No changes match." in text


def test_an_unsearched_log_or_one_of_an_area_without_such_words_says_nothing_of_it(minutes, tmp_path):
    plain = jobs.write_report(minutes, "change-log", tmp_path / "plain.xlsx", xlsx=True)
    training = jobs.write_report(minutes, "change-log", tmp_path / "training.xlsx", area="training",
                                 search="Vole", xlsx=True)
    for path in (plain, training):
        assert NOT_LISTED_WHEN_SEARCHED not in "\n".join(" ".join(map(str, row)) for row in _sheet(path, "About"))
