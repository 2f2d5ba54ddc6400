"""The change history of rows saved with a record (a case review's themes and agencies, an
organisation's other names): what a deletion keeps, and the record's own history showing them."""

from __future__ import annotations

import dataclasses
from datetime import date

from bscp_desktop.db.history import verify_chain
from bscp_desktop.domain.case_reviews import IncidentType
from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.services import case_reviews as cr
from bscp_desktop.services import history as hs
from bscp_desktop.services import memberships as ms


def _case(db):
    council = ms.create_organisation(db, ms.OrganisationFields("Brent Council", OrganisationKind.LOCAL_AUTHORITY))
    police = ms.create_organisation(db, ms.OrganisationFields("Metropolitan Police", OrganisationKind.POLICE))
    fields = cr.CaseReviewFields(alias="Child A", incident_type=IncidentType.SERIOUS_HARM, became_aware=date(2024, 1, 29),
                                 age_band="14_to_15", themes=("Neglect", "Voice of the child"),
                                 agency_ids=(council.id, police.id))
    case = cr.create_case_review(db, fields)
    cr.update_case_review(db, case.id, dataclasses.replace(fields, themes=("Neglect",), agency_ids=(council.id,)))
    return case


def test_a_deleted_row_keeps_its_values_and_names_what_it_was(db):
    case = _case(db)
    deleted = [c for c in hs.change_page(db, hs.ChangeQuery()).rows if c.action == "delete"]
    agency = {(c.field, c.old_text) for c in deleted if c.table_name == "case_review_agency"}
    assert agency == {("organisation_id", "Metropolitan Police"), ("case_review_id", case.reference)}
    assert {c.record_name for c in deleted if c.table_name == "case_review_agency"} == {
        f"{case.reference}, Metropolitan Police"}
    theme = [c for c in deleted if c.table_name == "case_review_theme" and c.field == "theme"]
    assert [(c.old_value, c.record_name) for c in theme] == [("Voice of the child", "Voice of the child")]
    with db.engine.connect() as connection:
        assert verify_chain(connection.connection.dbapi_connection)[0] is None


def test_a_records_history_shows_the_rows_saved_with_it_deleted_ones_too(db):
    case = _case(db)
    rows = hs.change_page(db, hs.ChangeQuery(record=("case_review", case.id))).rows
    tables = {(c.table_name, c.action) for c in rows}
    assert {("case_review_theme", "insert"), ("case_review_theme", "delete"), ("case_review_agency", "insert"),
            ("case_review_agency", "delete"), ("case_review", "insert")} <= tables
    assert hs.count_changes(db, hs.ChangeQuery(record=("case_review", case.id))) == len(rows)
    other = _other_case(db)
    assert all(c.record_id != other or c.table_name != "case_review" for c in rows)
    org = ms.list_organisations(db)[0]
    ms.update_organisation(db, org.id, ms.OrganisationFields(org.name, org.kind, aliases=("LBB",)))
    mine = hs.change_page(db, hs.ChangeQuery(record=("organisation", org.id))).rows
    assert any(c.table_name == "organisation_alias" and c.new_value == "LBB" for c in mine)


def _other_case(db) -> int:
    return cr.create_case_review(db, cr.CaseReviewFields(
        alias="Child B", incident_type=IncidentType.SERIOUS_HARM, became_aware=date(2024, 2, 1), age_band="14_to_15",
        themes=("Neglect",))).id
