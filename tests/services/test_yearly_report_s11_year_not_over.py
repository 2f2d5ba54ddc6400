"""A yearly report of a year not over speaks of its Section 11 cycles as they stand so far: the
returns in by today (never by the year's last day, still to come), none dated ahead by mistake
counted; and of learning not shared by today."""

from __future__ import annotations

from datetime import date

from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.domain.section11 import Rating
from bscp_desktop.domain.yearly_report import Table
from bscp_desktop.services import memberships as ms
from bscp_desktop.services.audits import case_audits as ca
from bscp_desktop.services.audits import learning as le
from bscp_desktop.services.audits import s11_ratings as sr
from bscp_desktop.services.audits import section11 as s11
from bscp_desktop.services.yearly_report import sections

D = date
YEAR = (D(2026, 4, 1), D(2027, 3, 31))
TODAY = D(2026, 12, 7)


def _cycle(db, cycle_name: str = "2026-28", opens: date = YEAR[0]):
    for name, kind in (("Brent Council", OrganisationKind.LOCAL_AUTHORITY),
                       ("Metropolitan Police", OrganisationKind.POLICE),
                       ("Brent Community Trust", OrganisationKind.VOLUNTARY)):
        ms.create_organisation(db, ms.OrganisationFields(name, kind))
    cycle = s11.create_cycle(db, s11.CycleFields(cycle_name, opens, opens.replace(month=6, day=30)))
    s11.add_agencies(db, cycle.id, [o.id for o in ms.list_organisations(db)])
    return {p.organisation_name: p for p in s11.list_participants(db, cycle.id)}, s11.list_standards(db, cycle.id)


def _returned(db, part, on: date) -> None:
    s11.update_participant(db, part.id, s11.ParticipantFields(sent_on=on.replace(day=2), returned_on=on))


def _s11_table(built) -> Table:
    [table] = [b for b in built.blocks if isinstance(b, Table) and b.title.startswith("Section 11: ")]
    return table


def test_a_year_not_over_counts_the_returns_in_by_today_not_by_its_last_day(db):
    parts, standards = _cycle(db)
    _returned(db, parts["Brent Council"], D(2026, 6, 20))
    sr.save_rating(db, parts["Brent Council"].id, standards[0].id, sr.RatingFields(Rating.GREEN))
    built = sections.audits(db, *YEAR, today=TODAY)
    assert _s11_table(built).title == "Section 11: 2026-28 (1 of 3 returns in by 7 December 2026)"
    assert "31 March 2027" not in _s11_table(built).title


def test_a_return_dated_after_the_day_the_report_is_built_is_not_counted_in_a_year_not_over(db):
    parts, standards = _cycle(db, "2024-26", D(2024, 4, 1))
    _returned(db, parts["Brent Council"], D(2024, 6, 20))
    _returned(db, parts["Metropolitan Police"], D(2025, 1, 20))  # after the day the report is built
    sr.save_rating(db, parts["Brent Council"].id, standards[0].id, sr.RatingFields(Rating.GREEN))
    sr.save_rating(db, parts["Metropolitan Police"].id, standards[0].id, sr.RatingFields(Rating.RED))
    year = (D(2024, 4, 1), D(2025, 3, 31))
    table = _s11_table(sections.audits(db, *year, today=D(2024, 12, 7)))
    assert table.title == "Section 11: 2024-26 (1 of 3 returns in by 7 December 2024)"
    assert table.rows[0][1:] == ("1", "0", "0", "2")  # green, amber, red, not rated: the police's not in then
    ended = _s11_table(sections.audits(db, *year, today=D(2025, 6, 1)))  # the year over: to its last day
    assert ended.title == "Section 11: 2024-26 (2 of 3 returns in by 31 March 2025)"
    assert ended.rows[0][1:] == ("1", "0", "1", "1")


def test_learning_not_shared_yet_in_a_year_not_over_says_so_by_today(db):
    audit = ca.create_audit(db, ca.AuditFields("Neglect audit", D(2026, 9, 1), theme="Neglect"))
    le.create_learning(db, le.LearningFields(audit.id, "Escalation came late", "Neglect"))
    built = sections.audits(db, *YEAR, today=TODAY)
    [learning] = [b for b in built.blocks if isinstance(b, Table) and b.title == "Learning"]
    assert learning.rows[0][2] == "Not shared by 7 December 2026"
