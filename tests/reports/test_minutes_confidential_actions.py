"""The Actions section of the minutes: the version for circulation says how many actions it
leaves out with their confidential agenda items, and says no actions were recorded only when
there were none; the full minutes list every action."""

from __future__ import annotations

import unicodedata
from datetime import date, datetime

import pypdf
import pytest

from bscp_desktop import jobs
from bscp_desktop.domain.meetings import MeetingStatus
from bscp_desktop.reports.minutes import ActionLine, MinutesDocument, MinutesItem, write_minutes
from bscp_desktop.services import actions as al
from bscp_desktop.services import meetings as mt
from tests.meetings_world import meeting

NONE_RECORDED = "No actions were recorded at this meeting."
ONE_LEFT_OUT = "1 action raised under a confidential agenda item is left out of this version for circulation."
TWO_LEFT_OUT = "2 actions raised under confidential agenda items are left out of this version for circulation."


def _actions_section(path) -> str:
    """The words of the minutes from the Actions heading to the end, on one line."""
    reader = pypdf.PdfReader(str(path))
    text = " ".join(" ".join(unicodedata.normalize("NFKC", p.extract_text() or "").split()) for p in reader.pages)
    return text[text.rindex("Actions "):]


def _doc(*items: MinutesItem) -> MinutesDocument:
    return MinutesDocument("Brent Safeguarding Children Partnership", "Safeguarding Children Forum", "Forum",
                           datetime(2024, 3, 14, 10), None, "Brent Civic Centre", "Draft", False, items=items)


def _item(number: int, title: str, *actions: str, confidential: bool = False) -> MinutesItem:
    return MinutesItem(number, title, confidential=confidential, minutes=f"Minutes of {title}.",
                       actions=tuple(ActionLine(a, "Brent Council", date(2024, 6, 1), "Open") for a in actions))


ONLY_CONFIDENTIAL = (_item(1, "Open item"), _item(2, "Case of Child A", "Write to the school", confidential=True))
TWO_CONFIDENTIAL = (_item(1, "Open item"), _item(2, "Case of Child A", "Write to the school", confidential=True),
                    _item(3, "Case of Child B", "Refer Child B", confidential=True))
MIXED = (_item(1, "Open item", "Share the briefing pack"),
         _item(2, "Case of Child A", "Write to the school", confidential=True))
NONE_AT_ALL = (_item(1, "Open item"), _item(2, "Case of Child A", confidential=True))


@pytest.mark.slow
@pytest.mark.parametrize(("items", "said", "not_said", "listed"), [
    pytest.param(ONLY_CONFIDENTIAL, ONE_LEFT_OUT, NONE_RECORDED, None, id="only-confidential"),
    pytest.param(TWO_CONFIDENTIAL, TWO_LEFT_OUT, NONE_RECORDED, None, id="two-confidential"),
    pytest.param(MIXED, ONE_LEFT_OUT, NONE_RECORDED, "Share the briefing pack", id="mixed"),
    pytest.param(NONE_AT_ALL, NONE_RECORDED, "left out of this version for circulation.", None, id="none-at-all"),
])
def test_the_circulated_minutes_say_how_many_actions_are_left_out(tmp_path, items, said, not_said, listed):
    section = _actions_section(write_minutes(_doc(*items), tmp_path / "c.pdf", circulation=True))
    assert said in section
    assert not_said not in section
    assert "Write to the school" not in section and "Refer Child B" not in section
    if listed:
        assert listed in section


@pytest.mark.slow
@pytest.mark.parametrize("items", [ONLY_CONFIDENTIAL, MIXED], ids=["only-confidential", "mixed"])
def test_the_full_minutes_list_the_actions_of_confidential_items(tmp_path, items):
    section = _actions_section(write_minutes(_doc(*items), tmp_path / "f.pdf"))
    assert "Write to the school" in section
    assert NONE_RECORDED not in section and "left out" not in section


@pytest.mark.slow
def test_the_minutes_report_of_a_meeting_whose_only_action_is_confidential(db, world, tmp_path):
    m = meeting(db, world.forum, datetime(2024, 3, 14, 10), status=MeetingStatus.HELD)
    mt.add_agenda_item(db, m.id, mt.AgendaItemFields("Open item one"))
    secret = mt.add_agenda_item(db, m.id, mt.AgendaItemFields("Case of Child A", confidential=True))
    mt.add_item_action(db, secret.id, al.ActionFields("Write to the school", owner_organisation_id=world.council.id,
                                                      due_date=date(2024, 6, 1)))
    circulated = _actions_section(jobs.write_report(db, "minutes", tmp_path / "c.pdf", meeting=m.id, circulation=True))
    assert ONE_LEFT_OUT in circulated
    assert NONE_RECORDED not in circulated and "Write to the school" not in circulated
    full = _actions_section(jobs.write_report(db, "minutes", tmp_path / "f.pdf", meeting=m.id))
    assert "Write to the school" in full and "left out" not in full
