"""Ratings entered in the window for an agency make its return: Returned is recorded on the day
they are saved (in the change history), so the cycle's page, its summary PDF, the yearly report
and the chase list count them alike; a file whose ratings were entered before then, with no date
returned, counts the return as in from the day its first answer was saved."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import text

from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.domain.section11 import Rating, count_ratings
from bscp_desktop.domain.validation import ValidationError
from bscp_desktop.jobs.audits import cycle_report
from bscp_desktop.services import history as hs
from bscp_desktop.services import memberships as ms
from bscp_desktop.services import yearly_report as yr
from bscp_desktop.services.audits import s11_ratings as sr
from bscp_desktop.services.audits import section11 as s11
from tests.built_once import database_with

D = date
OPENS = D(2024, 4, 1)


def build_cycle(db):
    for name, kind in (("Brent Council", OrganisationKind.LOCAL_AUTHORITY),
                       ("Central and North West London NHS Foundation Trust", OrganisationKind.RELEVANT_AGENCY),
                       ("Metropolitan Police", OrganisationKind.POLICE),
                       ("Brent Community Trust", OrganisationKind.VOLUNTARY)):
        ms.create_organisation(db, ms.OrganisationFields(name, kind))
    cycle = s11.create_cycle(db, s11.CycleFields("2024-26", OPENS, D(2024, 6, 28)))
    s11.add_agencies(db, cycle.id, [o.id for o in ms.list_organisations(db)])
    return {"cycle": cycle}


db, built = database_with("s11-ratings-entered-make-the-return", build_cycle, records="built")


def _parts(db, built):
    cycle = built["cycle"]
    parts = {p.organisation_name.split()[0]: p for p in s11.list_participants(db, cycle.id)}
    return parts, s11.list_standards(db, cycle.id)


def _yearly_counts(db, end: date) -> tuple[str, tuple]:
    section = yr.build_section(db, "audits", OPENS, end, today=end)
    [table] = [b for b in section.blocks if getattr(b, "title", "").startswith("Section 11: 2024-26")]
    return table.title, tuple(table.rows[0][1:])


def _counts(counts) -> tuple[int, int, int, int]:
    return counts.green, counts.amber, counts.red, counts.not_rated


@pytest.mark.slow
def test_ratings_entered_in_the_window_count_alike_everywhere_and_are_not_chased(db, built):
    parts, standards = _parts(db, built)
    today = date.today()
    s11.update_participant(db, parts["Metropolitan"].id, s11.ParticipantFields(sent_on=D(2024, 4, 2),
                                                                                returned_on=D(2024, 6, 20)))
    sr.save_rating(db, parts["Metropolitan"].id, standards[0].id, sr.RatingFields(Rating.GREEN))
    sr.save_rating(db, parts["Brent"].id, standards[0].id, sr.RatingFields(Rating.GREEN))  # as the grid's dialog does
    sr.save_rating(db, parts["Central"].id, standards[0].id, sr.RatingFields(Rating.AMBER))

    held = {p.organisation_name.split()[0]: p for p in s11.list_participants(db, built["cycle"].id)}
    assert held["Brent"].returned_on == today and held["Central"].returned_on == today
    assert held["Metropolitan"].returned_on == D(2024, 6, 20)  # a date held stands

    page = sr.grid(db, built["cycle"].id)
    assert _counts(page.counts_for_standard(standards[0].id)) == (2, 1, 0, 1)
    summary = cycle_report(db, built["cycle"].id, today)
    assert _counts(count_ratings(row[0].effective for row in summary.cells)) == (2, 1, 0, 1)
    assert _yearly_counts(db, today) == (
        f"Section 11: 2024-26 (3 of 4 returns in by {today.day} {today:%B %Y})", ("2", "1", "0", "1"))
    assert [p.organisation_name for p in s11.chase_list(db, built["cycle"].id, today)] == ["Brent Community Trust"]

    returned = [c for c in hs.list_changes(db, "s11_agency") if c.field == "returned_on"
                and c.record_id in (parts["Brent"].id, parts["Central"].id)]
    assert sorted(c.record_id for c in returned) == sorted((parts["Brent"].id, parts["Central"].id))
    assert {c.new_value[:10] for c in returned} == {today.isoformat()}


def test_a_rating_saved_after_the_return_came_back_keeps_its_date(db, built):
    parts, standards = _parts(db, built)
    sr.save_rating(db, parts["Brent"].id, standards[0].id, sr.RatingFields(Rating.GREEN), today=D(2024, 5, 3))
    sr.save_rating(db, parts["Brent"].id, standards[0].id, sr.RatingFields(Rating.AMBER), today=D(2024, 5, 9))
    [brent] = [p for p in s11.list_participants(db, built["cycle"].id) if p.id == parts["Brent"].id]
    assert brent.returned_on == D(2024, 5, 3)


def test_an_answer_with_nothing_in_it_does_not_make_a_return(db, built):
    parts, standards = _parts(db, built)
    sr.save_rating(db, parts["Brent"].id, standards[0].id, sr.RatingFields())
    assert [p.organisation_name for p in s11.chase_list(db, built["cycle"].id)][0:1] == ["Brent Community Trust"]
    assert all(p.returned_on is None for p in s11.list_participants(db, built["cycle"].id))


def test_a_rating_entered_before_the_cycle_opens_is_refused_naming_the_reason(db, built):
    parts, standards = _parts(db, built)
    with pytest.raises(ValidationError) as refused:
        sr.save_rating(db, parts["Brent"].id, standards[0].id, sr.RatingFields(Rating.GREEN), today=D(2024, 3, 20))
    message = refused.value.errors["self_rating"]
    assert "Brent Council's return as returned today" in message
    assert "Returned (20/03/2024) cannot be before the cycle opens (01/04/2024)" in message
    assert sr.grid(db, built["cycle"].id).counts_for_standard(standards[0].id).green == 0


@pytest.mark.slow
def test_ratings_held_without_a_date_returned_count_from_the_day_the_first_was_saved(db, built):
    parts, standards = _parts(db, built)
    sr.save_rating(db, parts["Brent"].id, standards[0].id, sr.RatingFields(Rating.GREEN))
    sr.save_rating(db, parts["Brent"].id, standards[1].id, sr.RatingFields(Rating.RED))
    with db.unit_of_work() as session:  # as a file saved before entering ratings recorded the return
        session.execute(text("UPDATE s11_agency SET returned_on = NULL"))
        session.execute(text("UPDATE s11_rating SET created_at = :at WHERE standard_id = :s"),
                        {"at": datetime(2024, 5, 10, 12), "s": standards[0].id})
        session.execute(text("UPDATE s11_rating SET created_at = :at WHERE standard_id = :s"),
                        {"at": datetime(2024, 8, 1, 12), "s": standards[1].id})
    assert _yearly_counts(db, D(2024, 4, 30)) == (
        "Section 11: 2024-26 (0 of 4 returns in by 30 April 2024)", ("0", "0", "0", "4"))
    assert _yearly_counts(db, D(2024, 6, 30)) == (
        "Section 11: 2024-26 (1 of 4 returns in by 30 June 2024)", ("1", "0", "0", "3"))
