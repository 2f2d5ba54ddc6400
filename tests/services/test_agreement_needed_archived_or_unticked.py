"""Whether a person needs a confidentiality agreement follows one rule on the Memberships list,
the agreements list and the workbook: a seat asks for one while its group's "Members must sign
a confidentiality agreement" box is ticked, up to its last day, and a group archived ends its
seats the day before. Unticking the box leaves nothing to renew ("Not needed: no longer on a
group that needs one", as when the seats end); a seat on an archived group is judged on the
day before the group was archived, as a seat that has ended is judged on its last day."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from openpyxl import load_workbook

from bscp_desktop import jobs
from bscp_desktop.domain.memberships import Role
from bscp_desktop.services import memberships as ms

NOT_NEEDED = "Not needed: no longer on a group that needs one"
OVERDUE = "No: review overdue"


def _seated(db, name: str, group_id: int, review_due: date, end: date | None = None) -> int:
    person = ms.create_person(db, ms.PersonFields(name))
    ms.create_membership(db, ms.MembershipFields(person.id, group_id, Role.MEMBER, date(2023, 1, 1), end))
    ms.create_agreement(db, ms.AgreementFields(person.id, date(2023, 1, 1), review_due))
    return person.id


def _agreement_column(m: ms.MembershipDTO) -> str:
    """The Agreement column of the Memberships list and workbook sheet."""
    return ("Missing" if m.missing_agreement else "Signed") if m.needs_agreement else "Not needed"


def _both(db, on: date) -> dict[str, tuple[str, str]]:
    """{person: (the Memberships list's Agreement column, the agreements list's Current)}."""
    seats = {m.person_name: _agreement_column(m) for m in ms.list_memberships(db, today=on)}
    return {a.person_name: (seats.get(a.person_name, ""), a.standing_on(on)) for a in ms.list_agreements(db)}


@pytest.mark.slow
def test_unticking_the_box_leaves_a_lapsed_agreement_not_needed(db):
    forum = ms.create_group(db, ms.GroupFields("Forum", tier=2, needs_agreement=True))
    crg = ms.create_group(db, ms.GroupFields("Case Review Group", tier=3, needs_agreement=True))
    _seated(db, "Una Unticked", forum.id, date(2024, 3, 31))
    mo = _seated(db, "Mo Both", forum.id, date(2024, 3, 31))
    ms.create_membership(db, ms.MembershipFields(mo, crg.id, Role.MEMBER, date(2023, 1, 1)))
    person = ms.create_person(db, ms.PersonFields("Nia Noseat"))
    ms.create_agreement(db, ms.AgreementFields(person.id, date(2023, 1, 1), date(2024, 3, 31)))
    on = date(2025, 1, 1)
    assert _both(db, on)["Una Unticked"] == ("Missing", OVERDUE)
    ms.update_group(db, forum.id, ms.GroupFields("Forum", tier=2, needs_agreement=False))
    agreements = {a.person_name: a for a in ms.list_agreements(db)}
    assert {name: (a.standing_on(on), a.needs_attention_on(on)) for name, a in agreements.items()} == {
        "Mo Both": (OVERDUE, True),  # still on the Case Review Group, which needs one
        "Nia Noseat": (OVERDUE, True),  # no seat on record: nothing says they have left
        "Una Unticked": (NOT_NEEDED, False),
    }
    assert _both(db, on)["Una Unticked"] == ("Not needed", NOT_NEEDED)
    assert agreements["Una Unticked"].standing_on(date(2024, 1, 1)) == "Yes"
    saved = ms.update_agreement(db, agreements["Una Unticked"].id,
                                ms.AgreementFields(agreements["Una Unticked"].person_id, date(2023, 1, 1), date(2024, 3, 30)))
    assert saved.standing_on(on) == NOT_NEEDED  # what saving one returns says so too


@pytest.mark.slow
def test_a_seat_on_an_archived_group_is_judged_the_day_before_the_group_was_archived(db):
    crg = ms.create_group(db, ms.GroupFields("Case Review Group", tier=3, needs_agreement=True))
    other = ms.create_group(db, ms.GroupFields("Practice Review Group", tier=3, needs_agreement=True))
    today = date.today()
    _seated(db, "Cara Covered", crg.id, today - timedelta(days=1))  # current until the group was archived
    _seated(db, "Lee Lapsed", crg.id, date(2024, 3, 31))  # lapsed while the seat ran
    _seated(db, "Eve Ended", other.id, date(2024, 3, 31), end=today - timedelta(days=1))  # the same, by its end date
    ms.archive_group(db, crg.id)
    assert _both(db, today) == {
        "Cara Covered": ("Signed", NOT_NEEDED),
        "Eve Ended": ("Missing", NOT_NEEDED),
        "Lee Lapsed": ("Missing", NOT_NEEDED),  # as a seat ended that day reads
    }
    on_a_day = {m.person_name: m.missing_agreement for m in ms.list_memberships(db, on=today - timedelta(days=1))}
    assert on_a_day == {"Cara Covered": False, "Eve Ended": True, "Lee Lapsed": True}


@pytest.mark.slow
def test_a_running_seat_is_flagged_exactly_when_its_agreement_needs_attention(db):
    """The one rule, read both ways: a seat in force today on a group that needs one is flagged
    on the Memberships list when, and only when, the agreements list flags its person."""
    forum = ms.create_group(db, ms.GroupFields("Forum", tier=2, needs_agreement=True))
    crg = ms.create_group(db, ms.GroupFields("Case Review Group", tier=3, needs_agreement=True))
    today = date.today()
    _seated(db, "Ann Current", crg.id, today + timedelta(days=30))
    _seated(db, "Bo Lapsed", crg.id, today - timedelta(days=30))
    _seated(db, "Una Unticked", forum.id, today - timedelta(days=30))
    ms.update_group(db, forum.id, ms.GroupFields("Forum", tier=2, needs_agreement=False))
    flagged = {m.person_name: m.missing_agreement for m in ms.list_memberships(db, on=today)}
    attention = {a.person_name: a.needs_attention_on(today) for a in ms.list_agreements(db)}
    assert flagged == attention == {"Ann Current": False, "Bo Lapsed": True, "Una Unticked": False}


@pytest.mark.slow
def test_the_workbook_reads_both_sheets_by_the_same_rule(db, tmp_path):
    forum = ms.create_group(db, ms.GroupFields("Forum", tier=2, needs_agreement=True))
    crg = ms.create_group(db, ms.GroupFields("Case Review Group", tier=3, needs_agreement=True))
    today = date.today()
    _seated(db, "Cara Covered", crg.id, today - timedelta(days=1))
    _seated(db, "Una Unticked", forum.id, date(2024, 3, 31))
    ms.archive_group(db, crg.id)
    ms.update_group(db, forum.id, ms.GroupFields("Forum", tier=2, needs_agreement=False))
    book = load_workbook(jobs.export_workbook(db, "memberships", tmp_path / "m.xlsx"))

    def rows(name: str) -> list[dict]:
        sheet = book[name]
        header = [c.value for c in sheet[1]]
        return [dict(zip(header, r, strict=True)) for r in sheet.iter_rows(min_row=2, values_only=True)]

    assert {r["Person"]: (r["In force today"], r["Agreement"]) for r in rows("Memberships")} == {
        "Cara Covered": ("No", "Signed"), "Una Unticked": ("Yes", "Not needed")}
    assert {r["Person"]: r["Current today"] for r in rows("Confidentiality agreements")} == {
        "Cara Covered": NOT_NEEDED, "Una Unticked": NOT_NEEDED}
