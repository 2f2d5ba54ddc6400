"""A row deleted while it was the newest of its table (a theme taken off a case, an organisation's
other name) never hands its number to the next row added, so a record's History… shows its own
rows only; and a file saved before, where a number was given twice, shows each record the rows
that were its own (`db/record_ids.py`)."""

from __future__ import annotations

import dataclasses
from datetime import date

from sqlalchemy import func, select

from bscp_desktop.db import record_ids
from bscp_desktop.db.models import ChangeRecord
from bscp_desktop.domain.case_reviews import IncidentType
from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.services import case_reviews as cr
from bscp_desktop.services import history as hs
from bscp_desktop.services import memberships as ms


def _cases(db):
    def case(alias, aware, themes):
        fields = cr.CaseReviewFields(alias=alias, incident_type=IncidentType.SERIOUS_HARM, became_aware=aware,
                                     age_band="14_to_15", themes=themes)
        return cr.create_case_review(db, fields), fields

    return case("Child A", date(2024, 1, 29), ("Neglect",)), case("Child D", date(2024, 2, 5), ("Neglect", "Parental mental health"))


def _theme_rows(db, case_id: int) -> set[tuple[str, str, str]]:
    rows = hs.change_page(db, hs.ChangeQuery(record=("case_review", case_id))).rows
    assert hs.count_changes(db, hs.ChangeQuery(record=("case_review", case_id))) == len(rows)
    return {(c.action, c.field, c.old_value or c.new_value) for c in rows if c.table_name == "case_review_theme"}


def _take_off_and_add(db):
    """Child D's newest theme taken off, then a theme added to Child A: (the cases, the number
    the theme taken off had, the number the new theme got)."""
    (a, a_fields), (d, d_fields) = _cases(db)
    with db.unit_of_work() as s:
        newest = s.scalar(select(func.max(ChangeRecord.record_id)).where(ChangeRecord.table_name == "case_review_theme"))
    cr.update_case_review(db, d.id, dataclasses.replace(d_fields, themes=("Neglect",)))
    cr.update_case_review(db, a.id, dataclasses.replace(a_fields, themes=("Neglect", "Online harm")))
    with db.unit_of_work() as s:
        added = s.scalar(select(func.max(ChangeRecord.record_id)).where(ChangeRecord.table_name == "case_review_theme"))
    return a, d, newest, added


def _each_case_shows_its_own(db, a, d) -> None:
    mine_a, mine_d = _theme_rows(db, a.id), _theme_rows(db, d.id)
    assert ("insert", "theme", "Online harm") in mine_a
    assert not {r for r in mine_a if r[2] in ("Parental mental health", d.reference)}
    assert {("insert", "theme", "Parental mental health"), ("delete", "theme", "Parental mental health")} <= mine_d
    assert not {r for r in mine_d if r[2] in ("Online harm", a.reference)}


def test_a_row_added_after_the_newest_was_deleted_takes_a_new_number(db):
    a, d, taken_off, added = _take_off_and_add(db)
    assert added > taken_off
    _each_case_shows_its_own(db, a, d)


def test_an_organisations_history_shows_only_its_own_other_names(db):
    council = ms.create_organisation(db, ms.OrganisationFields("Brent Council", OrganisationKind.LOCAL_AUTHORITY))
    trust = ms.create_organisation(db, ms.OrganisationFields("LNWH NHS Trust", OrganisationKind.RELEVANT_AGENCY, aliases=("Northwick Park",)))
    ms.update_organisation(db, trust.id, ms.OrganisationFields(trust.name, trust.kind))
    ms.update_organisation(db, council.id, ms.OrganisationFields(council.name, council.kind, aliases=("Brent CYP",)))
    def other_names(organisation) -> dict[int, set[str]]:
        rows = hs.change_page(db, hs.ChangeQuery(record=("organisation", organisation.id))).rows
        found: dict[int, set[str]] = {}
        for c in rows:
            if c.table_name == "organisation_alias" and c.field == "alias":
                found.setdefault(c.record_id, set()).add(c.old_value or c.new_value)
        return found

    assert list(other_names(council).values()) == [{"Brent CYP"}]
    assert list(other_names(trust).values()) == [{"Northwick Park"}]
    assert not set(other_names(council)) & set(other_names(trust))  # each its own number


def test_a_file_that_gave_a_number_twice_shows_each_record_its_own_rows(db, monkeypatch):
    # numbered as files were before: one after the table's highest row now
    monkeypatch.setattr(record_ids, "next_id", lambda connection, table: (connection.scalar(select(func.max(table.c.id))) or 0) + 1)
    a, d, taken_off, added = _take_off_and_add(db)
    assert added == taken_off  # the number was given twice
    _each_case_shows_its_own(db, a, d)
