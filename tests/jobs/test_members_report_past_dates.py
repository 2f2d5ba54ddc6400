"""The members report for a past date lists the groups of that date, archived since or not, and
the people who had left since; the memberships workbook's "In force today" says what the report says today."""

from __future__ import annotations

from datetime import date, timedelta

from openpyxl import load_workbook

from bscp_desktop.domain.memberships import Role
from bscp_desktop.jobs.memberships import build_workbook, members_by_group
from bscp_desktop.services import memberships as ms


def _listed(db, on: date) -> dict[str, list[str]]:
    return {g.name: [m.person_name for m in members] for g, members in members_by_group(db, on)}


def test_a_past_date_lists_a_group_and_a_person_archived_since(db, world):
    task = ms.create_group(db, ms.GroupFields("Neglect Task Group", 3))
    ms.create_membership(db, ms.MembershipFields(world.nurse.id, task.id, Role.CHAIR, date(2024, 1, 1),
                                                 date(2025, 6, 30), organisation_id=world.icb.id))
    on = date(2025, 3, 31)
    before = _listed(db, on)
    ms.archive_person(db, world.inspector.id, end_memberships_on=date.today())  # left: seats ended today
    ms.archive_group(db, task.id)  # the task group closed
    assert _listed(db, on) == before
    assert before["Neglect Task Group"] == [world.nurse.name]
    assert world.inspector.name in before["Safeguarding Children Forum"]
    assert "Neglect Task Group" not in _listed(db, date.today())  # archived by then
    tomorrow = _listed(db, date.today() + timedelta(days=1))
    assert world.inspector.name not in tomorrow["Safeguarding Children Forum"]  # left today


def test_in_force_today_in_the_workbook_is_who_the_members_report_lists_today(db, world, tmp_path):
    old = ms.create_group(db, ms.GroupFields("Old Group", 3))
    ms.create_membership(db, ms.MembershipFields(world.head.id, old.id, Role.MEMBER, date(2024, 1, 1),
                                                 organisation_id=world.school.id))
    ms.archive_group(db, old.id)
    ms.archive_person(db, world.nurse.id)  # "Archive only": the seat is left open
    today = date.today()
    sheet = load_workbook(build_workbook(db, today=today).save(tmp_path / "m.xlsx"))["Memberships"]
    header = [c.value for c in sheet[1]]
    rows = [dict(zip(header, r, strict=True)) for r in sheet.iter_rows(min_row=2, values_only=True)]
    in_force = {(r["Group"], r["Person"]) for r in rows if r["In force today"] == "Yes"}
    assert in_force == {(g.name, m.person_name) for g, members in members_by_group(db, today) for m in members}
    assert ("Safeguarding Children Forum", world.nurse.name) in in_force  # held up to the day they were archived
    tomorrow = {m.person_name for g, members in members_by_group(db, today + timedelta(days=1)) for m in members}
    assert world.nurse.name not in tomorrow
    assert ("Old Group", world.head.name) not in in_force
    assert ("Safeguarding Children Forum", world.head.name) in in_force
