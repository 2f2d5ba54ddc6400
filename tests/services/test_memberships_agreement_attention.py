"""An agreement of someone who no longer sits on any group whose members sign one needs no
renewal: it reads "Not needed: no longer on a group that needs one" and is not flagged, in the
agreements list, in what saving one returns and in the workbook, as the Memberships tab says
"Not needed" of their remaining seats. A seat still running, or one to come, on such a group
keeps a lapsed agreement flagged."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from openpyxl import load_workbook

from bscp_desktop import jobs
from bscp_desktop.domain.memberships import Role
from bscp_desktop.services import memberships as ms

NOT_NEEDED = "Not needed: no longer on a group that needs one"


@pytest.fixture
def groups(db):
    crg = ms.create_group(db, ms.GroupFields("Case Review Group", tier=3, needs_agreement=True))
    forum = ms.create_group(db, ms.GroupFields("Forum", tier=2, needs_agreement=False))
    return db, crg, forum


def _seated(db, name: str, seats: list[tuple[int, date, date | None]], review_due: date) -> int:
    person = ms.create_person(db, ms.PersonFields(name))
    for group_id, start, end in seats:
        ms.create_membership(db, ms.MembershipFields(person.id, group_id, Role.MEMBER, start, end))
    ms.create_agreement(db, ms.AgreementFields(person.id, date(2023, 1, 1), review_due))
    return person.id


@pytest.mark.slow
def test_an_agreement_of_someone_whose_seats_needing_one_ended_is_not_flagged(groups):
    db, crg, forum = groups
    _seated(db, "Lee Left", [(crg.id, date(2023, 1, 1), date(2024, 3, 31)), (forum.id, date(2023, 1, 1), None)],
            date(2024, 3, 31))
    _seated(db, "Mo Stays", [(crg.id, date(2023, 1, 1), None)], date(2024, 3, 31))
    _seated(db, "Nia Later", [(crg.id, date(2023, 1, 1), date(2024, 3, 31)), (crg.id, date(2024, 9, 1), None)],
            date(2024, 3, 31))
    _seated(db, "Una Unseated", [], date(2024, 3, 31))  # no seat on record: nothing says they have left
    agreements = {a.person_name: a for a in ms.list_agreements(db)}
    on = date(2024, 4, 1)
    assert {name: (a.standing_on(on), a.needs_attention_on(on)) for name, a in agreements.items()} == {
        "Lee Left": (NOT_NEEDED, False),
        "Mo Stays": ("No: review overdue", True),
        "Nia Later": ("No: review overdue", True),  # back on the group in September
        "Una Unseated": ("No: review overdue", True),
    }
    assert agreements["Lee Left"].standing_on(date(2024, 3, 31)) == "Yes"  # the seat's last day
    assert agreements["Nia Later"].standing_on(date(2030, 1, 1)) == "No: review overdue"
    seats = {m.group_name: m for m in ms.list_memberships(db, today=on) if m.person_name == "Lee Left"}
    assert not seats["Case Review Group"].missing_agreement and not seats["Forum"].needs_agreement


def test_a_group_archived_ends_its_seats_and_a_saved_agreement_says_so_at_once(groups):
    db, crg, _forum = groups
    lee = _seated(db, "Lee Left", [(crg.id, date(2023, 1, 1), None)], date(2024, 3, 31))
    today = date.today()
    assert ms.list_agreements(db)[0].needs_attention_on(today)
    ms.archive_group(db, crg.id)
    assert ms.list_agreements(db)[0].standing_on(today) == NOT_NEEDED
    saved = ms.create_agreement(db, ms.AgreementFields(lee, today - timedelta(days=400), today - timedelta(days=1)))
    assert (saved.standing_on(today), saved.needs_attention_on(today)) == (NOT_NEEDED, False)


@pytest.mark.slow
def test_the_workbook_says_not_needed_as_the_list_does(groups, tmp_path):
    db, crg, forum = groups
    ended = date.today() - timedelta(days=10)
    _seated(db, "Lee Left", [(crg.id, date(2023, 1, 1), ended), (forum.id, date(2023, 1, 1), None)], ended)
    _seated(db, "Mo Stays", [(crg.id, date(2023, 1, 1), None)], ended)
    out = jobs.export_workbook(db, "memberships", tmp_path / "m.xlsx")
    sheet = load_workbook(out)["Confidentiality agreements"]
    header = [c.value for c in sheet[1]]
    rows = [dict(zip(header, r, strict=True)) for r in sheet.iter_rows(min_row=2, values_only=True)]
    assert [(r["Person"], r["Current today"]) for r in rows] == [
        ("Lee Left", NOT_NEEDED), ("Mo Stays", "No: review overdue")]
