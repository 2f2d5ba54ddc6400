"""The yearly report's Section 11 tables say how the cycle stood at the period's end: the
returns in by then, the ratings of those agencies only, a rating moderated since as it was
before; a section built before is out of date only when that changes."""

from __future__ import annotations

from datetime import date

import pytest

from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.domain.section11 import Rating
from bscp_desktop.services import memberships as ms
from bscp_desktop.services import yearly_report as yr
from bscp_desktop.services.audits import s11_ratings as sr
from bscp_desktop.services.audits import section11 as s11
from tests.built_once import database_with

D = date
YEAR = (D(2024, 4, 1), D(2025, 3, 31))


def build_cycle(db):
    for name, kind in (("Brent Council", OrganisationKind.LOCAL_AUTHORITY),
                       ("Metropolitan Police", OrganisationKind.POLICE),
                       ("Brent Community Trust", OrganisationKind.VOLUNTARY)):
        ms.create_organisation(db, ms.OrganisationFields(name, kind))
    cycle = s11.create_cycle(db, s11.CycleFields("2024-26", D(2024, 4, 1), D(2024, 6, 28)))
    s11.add_agencies(db, cycle.id, [o.id for o in ms.list_organisations(db)])
    return {"cycle": cycle}


db, built = database_with("yearly-s11-as-it-stood", build_cycle, records="built")


def _cycle(db, built):
    cycle = built["cycle"]
    parts = {p.organisation_name: p for p in s11.list_participants(db, cycle.id)}
    return parts, s11.list_standards(db, cycle.id)


def _returned(db, part, on: date, moderated_on: date | None = None) -> None:
    s11.update_participant(db, part.id, s11.ParticipantFields(sent_on=D(2024, 4, 2), returned_on=on,
                                                              moderated_on=moderated_on))


def _s11_table(db, start: date, end: date):
    section = yr.build_section(db, "audits", start, end, today=D(2025, 6, 1))
    [table] = [b for b in section.blocks if getattr(b, "title", "").startswith("Section 11: 2024-26")]
    return table


@pytest.mark.slow
def test_returns_in_after_the_period_ended_are_not_counted_nor_their_ratings(db, built):
    parts, standards = _cycle(db, built)
    _returned(db, parts["Brent Council"], D(2024, 6, 20))
    _returned(db, parts["Metropolitan Police"], D(2024, 7, 10))
    sr.save_rating(db, parts["Brent Council"].id, standards[0].id, sr.RatingFields(Rating.GREEN))
    sr.save_rating(db, parts["Metropolitan Police"].id, standards[0].id, sr.RatingFields(Rating.RED))
    june = _s11_table(db, D(2024, 4, 1), D(2024, 6, 30))
    assert june.title == "Section 11: 2024-26 (1 of 3 returns in by 30 June 2024)"
    assert june.rows[0][1:] == ("1", "0", "0", "2")  # green, amber, red, not rated: the police's came in later
    may = _s11_table(db, D(2024, 4, 1), D(2024, 5, 31))
    assert may.title == "Section 11: 2024-26 (0 of 3 returns in by 31 May 2024)"
    assert may.rows[0][1:] == ("0", "0", "0", "3")
    year = _s11_table(db, *YEAR)
    assert year.title == "Section 11: 2024-26 (2 of 3 returns in by 31 March 2025)"
    assert year.rows[0][1:] == ("1", "0", "1", "1")


def test_a_rating_moderated_after_the_period_ended_counts_as_it_stood(db, built):
    parts, standards = _cycle(db, built)
    council = parts["Brent Council"]
    _returned(db, council, D(2024, 6, 20))
    sr.save_rating(db, council.id, standards[0].id, sr.RatingFields(Rating.GREEN))
    sr.save_rating(db, council.id, standards[0].id, sr.RatingFields(  # today: after the year ended
        Rating.GREEN, moderated_rating=Rating.RED, moderation_note="No training records seen"))
    assert sr.grid(db, built["cycle"].id).counts_for_standard(standards[0].id).red == 1  # the cycle's page: as now
    assert _s11_table(db, *YEAR).rows[0][1:] == ("1", "0", "0", "2")


@pytest.mark.slow
def test_a_moderation_dated_after_the_period_ended_is_not_counted_in_it(db, built):
    parts, standards = _cycle(db, built)
    council = parts["Brent Council"]
    _returned(db, council, D(2024, 6, 20), moderated_on=D(2025, 5, 1))
    sr.save_rating(db, council.id, standards[0].id, sr.RatingFields(
        Rating.GREEN, moderated_rating=Rating.AMBER, moderation_note="Partly met"))
    assert _s11_table(db, *YEAR).rows[0][1:] == ("1", "0", "0", "2")
    assert _s11_table(db, D(2024, 4, 1), D(2025, 6, 30)).rows[0][1:] == ("0", "1", "0", "2")


@pytest.mark.slow
def test_a_built_section_is_out_of_date_only_when_what_it_stood_at_changed(db, built):
    parts, standards = _cycle(db, built)
    _returned(db, parts["Brent Council"], D(2024, 6, 20))
    sr.save_rating(db, parts["Brent Council"].id, standards[0].id, sr.RatingFields(Rating.GREEN))
    report = yr.create_report(db, yr.ReportFields("Yearly report 2024/25", *YEAR))
    yr.refresh_section(db, report.id, "audits", today=D(2025, 6, 1))

    def out_of_date() -> bool:
        kept = next(s for s in yr.get_report(db, report.id).sections if s.key == "audits")
        return yr.out_of_date(kept, yr.build_section(db, "audits", *YEAR, today=D(2025, 6, 1)))

    _returned(db, parts["Metropolitan Police"], D(2025, 4, 20))  # in after the year ended
    sr.save_rating(db, parts["Metropolitan Police"].id, standards[0].id, sr.RatingFields(Rating.RED))
    sr.save_rating(db, parts["Brent Council"].id, standards[0].id, sr.RatingFields(
        Rating.GREEN, moderated_rating=Rating.AMBER, moderation_note="Partly met"))  # moderated today
    assert not out_of_date()
    _returned(db, parts["Brent Community Trust"], D(2025, 3, 20))  # in during the year, recorded late
    assert out_of_date()
