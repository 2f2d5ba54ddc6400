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


def test_a_ratings_history_shows_its_improvement_action_and_a_cases_its_agencies(db):
    from bscp_desktop.services.audits import case_audits as ca
    from bscp_desktop.services.audits import s11_ratings as sr
    from bscp_desktop.services.audits import samples as sa
    from bscp_desktop.services.audits import section11 as s11

    council = ms.create_organisation(db, ms.OrganisationFields("Brent Council", OrganisationKind.LOCAL_AUTHORITY))
    police = ms.create_organisation(db, ms.OrganisationFields("Metropolitan Police", OrganisationKind.POLICE))
    cycle = s11.create_cycle(db, s11.CycleFields("2024-26", date(2024, 4, 1), date(2024, 6, 28)))
    [part] = s11.add_agencies(db, cycle.id, [council.id])
    standard = s11.list_standards(db, cycle.id)[4]
    fields = sr.RatingFields("Amber", action="Bring training records up to date", action_due=date(2025, 1, 31))
    rating = sr.save_rating(db, part.id, standard.id, fields)
    sr.save_rating(db, part.id, standard.id, dataclasses.replace(fields, action="Audit training records quarterly",
                                                                 action_due=date(2025, 6, 30)))
    rows = hs.change_page(db, hs.ChangeQuery(record=("s11_rating", rating.id))).rows
    changed = {(c.record_text, c.field_label, c.old_text, c.new_text) for c in rows if c.table_name == "action"}
    assert {("Action: Audit training records quarterly", "Due date", "31/01/2025", "30/06/2025"),
            ("Action: Audit training records quarterly", "Description", "Bring training records up to date",
             "Audit training records quarterly")} <= changed
    assert any(c.new_text == "Brent Council: standard 5 (2024-26)" for c in rows if c.field == "s11_rating_id")

    audit = ca.create_audit(db, ca.AuditFields("Neglect audit", date(2024, 11, 1)))
    case = sa.add_case(db, sa.AuditCaseFields(audit.id, "Child Y", agency_ids=(council.id,)))
    sa.update_case(db, case.id, dataclasses.replace(case.to_fields(), agency_ids=(council.id, police.id)))
    rows = hs.change_page(db, hs.ChangeQuery(record=("audit_case", case.id))).rows
    returns = {(c.record_text, c.field_label, c.new_text) for c in rows if c.table_name == "audit_return"}
    assert ("Audit return: Metropolitan Police return for Child Y (MAA-2024-01-C1)", "Organisation",
            "Metropolitan Police") in returns
    assert {c.table_name for c in rows} == {"audit_case", "audit_return"}
