"""The change history's values as the window says them: a vocabulary's words, money in pounds,
settings as text, field names as the window writes them, bookings named by their delegate."""

from __future__ import annotations

import dataclasses
from datetime import date

from bscp_desktop.db.history import record_label
from bscp_desktop.db.models.training import TrainingBooking
from bscp_desktop.domain.case_reviews import IncidentType
from bscp_desktop.services import case_reviews as cr
from bscp_desktop.services import history as hs
from bscp_desktop.services.history_names import field_label, value_text


def test_codes_money_and_settings_read_as_the_window_says_them():
    assert value_text("1_to_4", "case_review", "age_band") == "1 to 4 years"
    assert value_text("no_lcspr", "case_review", "crg_recommendation") == "No LCSPR"
    assert field_label("crg_recommendation", "case_review") == "CRG recommendation"
    assert value_text("11000.00", "contribution_payment", "amount") == "£11,000.00"
    assert value_text("-250.5", "budget", "amount") == "-£250.50"
    assert value_text('["Neglect", "Voice of the child"]', "setting", "case_reviews.themes") == "Neglect; Voice of the child"
    assert value_text('"LSCP"', "setting", "case_reviews.reference_prefix") == "LSCP"
    assert field_label("case_reviews.themes", "setting") == "Case reviews: themes"


def test_a_booking_is_named_by_its_delegate_so_a_search_for_them_finds_it():
    assert record_label(TrainingBooking(delegate_name="Gurpreet Okafor", job_title="Social worker")) == "Gurpreet Okafor"


def test_a_case_reviews_changed_age_band_reads_in_words(db):
    fields = cr.CaseReviewFields(alias="Child A", incident_type=IncidentType.SERIOUS_HARM,
                                 became_aware=date(2024, 1, 29), age_band="1_to_4")
    case = cr.create_case_review(db, fields)
    cr.update_case_review(db, case.id, dataclasses.replace(fields, age_band="14_to_15"))
    [change] = [c for c in hs.change_page(db, hs.ChangeQuery()).rows if c.action == "update"]
    assert (change.field_label, change.old_text, change.new_text) == ("Age band", "1 to 4 years", "14 to 15 years")


def test_a_recommendation_linked_is_named_by_its_case_and_number_and_a_year_as_people_write_it(db):
    from bscp_desktop.services.history_names import record_names

    fields = cr.CaseReviewFields(alias="Child A", incident_type=IncidentType.SERIOUS_HARM, became_aware=date(2024, 1, 29))
    case = cr.create_case_review(db, fields)
    first = cr.create_recommendation(db, cr.RecommendationFields(case.id, "Share the safety plan"))
    second = cr.create_recommendation(db, cr.RecommendationFields(case.id, "Audit the referrals"))
    with db.unit_of_work() as session:
        names = record_names(session, "recommendation", {first.id, second.id})
    assert names == {first.id: f"{case.reference} recommendation 1", second.id: f"{case.reference} recommendation 2"}
    assert value_text("2022", "training_charge_rate", "financial_year") == "2022/23"


def test_deadline_rules_and_closure_days_read_as_words_not_as_stored():
    import json

    from bscp_desktop.domain.deadlines import DEFAULT_RULES, rules_to_dict

    rules = value_text(json.dumps(rules_to_dict(DEFAULT_RULES)), "setting", "case_reviews.deadline_rules")
    assert rules.startswith("Serious incident notification to the Panel: 5 working days after became aware; ")
    assert "{" not in rules and "working_days" not in rules
    closures = json.dumps([{"date": "2026-12-29", "reason": "Christmas closure"}, {"date": "2026-12-30", "reason": ""}])
    assert value_text(closures, "setting", "closure_days") == "29/12/2026 Christmas closure; 30/12/2026"


def test_a_setting_changed_is_named_as_the_window_names_it(db):
    from bscp_desktop.services.settings import set_partnership_name

    set_partnership_name(db, "Brent Safeguarding Children Partnership")
    [change] = [c for c in hs.change_page(db, hs.ChangeQuery()).rows if c.table_name == "setting"]
    assert change.record_text == "Setting: Partnership name"
