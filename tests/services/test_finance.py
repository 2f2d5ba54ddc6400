"""Finance through the service layer, against a real SQLite file."""

from __future__ import annotations

import dataclasses
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import func, select, text

from bscp_desktop.db.models import ChangeRecord
from bscp_desktop.db.models.finance import Budget, Contribution, ContributionPayment, Expense, FinancialYear, OtherIncome
from bscp_desktop.domain.finance import ContributionKind, ContributionStatus, ContributorClass, Period
from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.domain.money import format_money
from bscp_desktop.domain.validation import ValidationError
from bscp_desktop.services import finance as fin
from bscp_desktop.services import memberships as ms
from tests.built_once import database_with

# Run on a database file and on the test PostgreSQL server (tests/conftest.py).
pytestmark = pytest.mark.both_engines

D = date
M = Decimal
TODAY = D(2024, 6, 1)


def build_orgs(db):
    make = lambda name, kind, short="": ms.create_organisation(db, ms.OrganisationFields(name, kind, short))  # noqa: E731
    return {
        "council": make("Brent Council", OrganisationKind.LOCAL_AUTHORITY),
        "police": make("Metropolitan Police", OrganisationKind.POLICE, "Met Police"),
        "icb": make("NHS North West London ICB", OrganisationKind.ICB, "NWL ICB"),
        "probation": make("Probation Service", OrganisationKind.RELEVANT_AGENCY),
    }


db, orgs = database_with("finance", build_orgs, records="orgs")


def cash(org, year="2023/24", agreed="5,000", **changes) -> fin.ContributionFields:
    return dataclasses.replace(fin.ContributionFields(year, org.id, ContributionKind.CASH, agreed), **changes)


def count(db, model) -> int:
    with db.unit_of_work() as s:
        return s.scalar(select(func.count()).select_from(model))


def category_id(db, name: str) -> int:
    return next(c.id for c in fin.list_categories(db) if c.name == name)


# --------------------------------------------------------------------------- contributions


def test_a_contribution_moves_from_agreed_to_received(db, orgs):
    c = fin.create_contribution(db, cash(orgs["police"]), today=TODAY)
    assert (c.agreed, c.status, c.year_label) == (M("5000.00"), ContributionStatus.AGREED, "2023/24")
    assert c.contributor_class is ContributorClass.SAFEGUARDING_PARTNER  # from the organisation's kind
    c = fin.update_contribution(db, c.id, dataclasses.replace(c.to_fields(), invoiced_on=D(2024, 5, 20)), today=TODAY)
    assert c.status is ContributionStatus.INVOICED and c.due_on == D(2024, 6, 19)
    fin.record_payment(db, fin.PaymentFields(c.id, D(2024, 5, 28), "£2,000.50"))
    c = fin.get_contribution(db, c.id, today=TODAY)
    assert (c.status, c.received, c.outstanding, c.payments) == (
        ContributionStatus.PART_PAID, M("2000.50"), M("2999.50"), 1
    )
    fin.record_payment(db, fin.PaymentFields(c.id, D(2024, 5, 30), "2999.50"))
    c = fin.get_contribution(db, c.id, today=TODAY)
    assert (c.status, c.outstanding, c.last_received_on) == (ContributionStatus.RECEIVED, M("0.00"), D(2024, 5, 30))


def test_the_largest_amount_taken_is_kept_alike_by_a_file_and_a_team_database(db, orgs):
    """£20 million, the most any amount may be, fits every money column of a team database."""
    c = fin.create_contribution(db, cash(orgs["police"], agreed="£20,000,000.00"), today=TODAY)
    fin.record_payment(db, fin.PaymentFields(c.id, D(2024, 5, 28), "20,000,000"))
    c = fin.get_contribution(db, c.id, today=TODAY)
    assert (c.agreed, c.received, c.status) == (M("20000000.00"), M("20000000.00"), ContributionStatus.RECEIVED)


def test_unpaid_invoices_become_overdue_after_the_configured_days_and_are_chased(db, orgs):
    police = fin.create_contribution(db, cash(orgs["police"], invoiced_on=D(2024, 4, 1)), today=TODAY)
    probation = fin.create_contribution(
        db, cash(orgs["probation"], agreed="3719.75", invoiced_on=D(2024, 5, 15)), today=TODAY
    )
    assert probation.contributor_class is ContributorClass.RELEVANT_AGENCY
    assert police.status is ContributionStatus.OVERDUE and police.days_overdue == 31
    assert [c.id for c in fin.chase_list(db, today=TODAY)] == [police.id]
    # a part payment leaves the rest overdue: still chased, for less
    fin.record_payment(db, fin.PaymentFields(police.id, D(2024, 5, 31), "1000"))
    chased = fin.chase_list(db, today=TODAY)
    assert [(c.id, c.status, c.outstanding) for c in chased] == [(police.id, ContributionStatus.OVERDUE, M("4000.00"))]
    # the team may allow longer before chasing
    fin.save_settings(db, fin.FinanceSettings(overdue_days=90))
    assert fin.chase_list(db, today=TODAY) == []
    assert fin.get_contribution(db, police.id, today=TODAY).status is ContributionStatus.PART_PAID
    fin.save_settings(db, fin.FinanceSettings(overdue_days=14))
    assert [c.id for c in fin.chase_list(db, today=TODAY)] == [police.id, probation.id]
    with pytest.raises(ValidationError) as error:
        fin.save_settings(db, fin.FinanceSettings(overdue_days=0))
    assert "overdue_days" in error.value.errors


def test_in_kind_has_a_description_and_a_notional_value_that_is_never_cash(db, orgs):
    with pytest.raises(ValidationError) as error:
        fin.create_contribution(db, fin.ContributionFields("2023/24", orgs["council"].id, "In kind", "100"))
    assert set(error.value.errors) == {"in_kind_description", "agreed"}
    staff = fin.create_contribution(
        db,
        fin.ContributionFields(
            "2023/24", orgs["council"].id, "In kind", in_kind_description="Officer support", notional_value="£120,000"
        ),
        today=TODAY,
    )
    assert (staff.kind, staff.status, staff.agreed, staff.notional_value) == (
        ContributionKind.IN_KIND, ContributionStatus.IN_KIND, M("0.00"), M("120000.00")
    )
    with pytest.raises(ValidationError) as error:
        fin.record_payment(db, fin.PaymentFields(staff.id, D(2024, 1, 1), "10"))
    assert "contribution_id" in error.value.errors
    fin.create_contribution(db, cash(orgs["police"]))
    summary = fin.year_summary(db, "2023/24")
    assert summary.contributions_total == M("5000.00")
    assert [(r.organisation, r.notional_value) for r in summary.in_kind] == [("Brent Council", M("120000.00"))]
    assert fin.get_year(db, 2023).income == M("5000.00")


def test_one_contribution_of_each_kind_per_organisation_and_year(db, orgs):
    fin.create_contribution(db, cash(orgs["police"]))
    with pytest.raises(ValidationError) as error:
        fin.create_contribution(db, cash(orgs["police"], agreed="1"))
    assert "already has a cash contribution for 2023/24" in error.value.errors["organisation_id"]
    fin.create_contribution(db, cash(orgs["police"], year="2024/25"))
    assert count(db, Contribution) == 2


def test_an_archived_contribution_or_payment_comes_back_only_where_it_fits(db, orgs):
    old = fin.create_contribution(db, cash(orgs["police"], agreed="100"))
    fin.archive_contribution(db, old.id)
    new = fin.create_contribution(db, cash(orgs["police"], agreed="200"))
    with pytest.raises(ValidationError) as error:
        fin.restore_contribution(db, old.id)  # a second live cash contribution for the year
    assert "already has a cash contribution for 2023/24" in error.value.errors["organisation_id"]
    assert fin.get_contribution(db, old.id).archived
    first = fin.record_payment(db, fin.PaymentFields(new.id, D(2024, 1, 1), "150"))
    fin.archive_payment(db, first.id)
    fin.record_payment(db, fin.PaymentFields(new.id, D(2024, 2, 1), "100"))
    with pytest.raises(ValidationError) as error:
        fin.restore_payment(db, first.id)  # 250 received of 200 agreed
    assert "still owed" in error.value.errors["amount"]
    assert [x.archived for x in fin.list_payments(db, new.id, include_archived=True)] == [True, False]
    fin.archive_contribution(db, new.id)
    fin.restore_contribution(db, old.id)
    assert not fin.get_contribution(db, old.id).archived


@pytest.mark.slow
@pytest.mark.parametrize(
    "value, words",
    [
        ("-5", "cannot be negative"),
        ("12.345", "more than two decimal places"),
        ("five thousand", "is not an amount of money"),
        ("NaN", "is not an amount of money"),
        ("Infinity", "is not an amount of money"),
        ("20,000,001", "more than £20 million"),
        ("", "is required"),
        ("+44 20", "space inside the number"),
        ("0", "must be more than £0.00"),
    ],
)
def test_bad_money_is_refused_naming_the_field_and_nothing_is_saved(db, orgs, value, words):
    with pytest.raises(ValidationError) as error:
        fin.create_contribution(db, cash(orgs["police"], agreed=value))
    assert words in error.value.errors["agreed"] and error.value.errors["agreed"].startswith("Agreed amount")
    good = fin.create_contribution(db, cash(orgs["icb"]))
    with pytest.raises(ValidationError) as error:
        fin.record_payment(db, fin.PaymentFields(good.id, D(2024, 1, 2), value))
    assert words in error.value.errors["amount"] and error.value.errors["amount"].startswith("Amount received")
    with pytest.raises(ValidationError) as error:
        fin.create_expense(db, fin.ExpenseFields(D(2024, 1, 2), category_id(db, "Events"), "Hall", "Hire", value))
    assert words in error.value.errors["amount"] and error.value.errors["amount"].startswith("Amount")
    with pytest.raises(ValidationError) as error:
        fin.create_income(db, fin.IncomeFields(D(2024, 1, 2), "Charges", value))
    assert words in error.value.errors["amount"]
    if value not in ("", "0"):
        with pytest.raises(ValidationError) as error:
            fin.set_budgets(db, "2023/24", {category_id(db, "Events"): value})
        key = f"budget.{category_id(db, 'Events')}"
        assert words in error.value.errors[key] and error.value.errors[key].startswith("Budget for Events")
        with pytest.raises(ValidationError) as error:
            fin.update_year(db, fin.get_year(db, 2023).id, fin.YearFields(value, "add", "Audited figure"))
        assert words in error.value.errors["adjustment"]
    assert (count(db, Contribution), count(db, ContributionPayment), count(db, Expense), count(db, Budget)) == (1, 0, 0, 0)
    assert fin.get_year(db, 2023).adjustment == M("0.00")


@pytest.mark.sqlite_only  # the file itself
def test_money_is_stored_as_whole_pence(db, orgs):
    fin.create_contribution(db, cash(orgs["probation"], agreed="£3,719.75"))
    with db.unit_of_work() as s:
        assert s.execute(text("SELECT agreed, typeof(agreed) FROM contribution")).one() == (371975, "integer")
        history = s.scalars(select(ChangeRecord.new_value).where(ChangeRecord.field == "agreed")).all()
    assert history == ["3719.75"]


def test_payments_cannot_exceed_what_is_owed_and_agreed_cannot_drop_below_received(db, orgs):
    c = fin.create_contribution(db, cash(orgs["police"], agreed="100"))
    with pytest.raises(ValidationError) as error:
        fin.record_payment(db, fin.PaymentFields(c.id, D(2024, 1, 1), "100.01"))
    assert "more than the £100.00 still owed" in error.value.errors["amount"]
    p = fin.record_payment(db, fin.PaymentFields(c.id, D(2024, 1, 1), "60"))
    with pytest.raises(ValidationError) as error:
        fin.update_contribution(db, c.id, dataclasses.replace(c.to_fields(), agreed="50"))
    assert "less than the £60.00 already received" in error.value.errors["agreed"]
    fin.update_payment(db, p.id, fin.PaymentFields(c.id, D(2024, 1, 1), "100"))  # its own amount does not count twice
    fin.archive_payment(db, p.id)
    assert fin.get_contribution(db, c.id).received == M("0.00")
    assert [x.archived for x in fin.list_payments(db, c.id, include_archived=True)] == [True]


# --------------------------------------------------------------------------- expenditure and budgets


def test_expenses_belong_to_the_year_of_their_date(db):
    events = category_id(db, "Events")
    e = fin.create_expense(db, fin.ExpenseFields(D(2024, 3, 31), events, "Civic Centre", "Forum", "1,000"))
    f = fin.create_expense(db, fin.ExpenseFields(D(2024, 4, 1), events, "Civic Centre", "Forum", "500"))
    assert (e.year_label, f.year_label) == ("2023/24", "2024/25")
    assert [x.id for x in fin.list_expenses(db, 2023)] == [e.id]
    e = fin.update_expense(db, e.id, dataclasses.replace(e.to_fields(), spent_on=D(2024, 4, 2)))
    assert e.year_label == "2024/25"
    assert fin.payees(db) == ["Civic Centre"]


def test_money_is_recorded_as_received_once_it_is_in_not_before(db, orgs):
    from datetime import timedelta

    c = fin.create_contribution(db, cash(orgs["police"]), today=TODAY)
    tomorrow = D.today() + timedelta(days=1)
    with pytest.raises(ValidationError) as refused:
        fin.record_payment(db, fin.PaymentFields(c.id, tomorrow, "100"))
    assert refused.value.errors == {"received_on": f"Date received ({tomorrow:%d/%m/%Y}) cannot be in the future"}
    assert fin.list_payments(db, c.id) == []
    paid = fin.record_payment(db, fin.PaymentFields(c.id, D.today(), "100"))
    with pytest.raises(ValidationError, match="cannot be in the future"):
        fin.update_payment(db, paid.id, fin.PaymentFields(c.id, tomorrow, "100"))


def test_a_year_made_by_a_date_typed_wrong_can_be_removed_once_it_holds_nothing(db, orgs):
    from bscp_desktop.domain.finance import year_label, year_of

    events = category_id(db, "Events")
    ahead = year_of(D.today()) + 1  # next year, typed for the year before last
    typo = fin.create_expense(db, fin.ExpenseFields(D(ahead, 5, 2), events, "Civic Centre", "Forum", "100"))
    far = fin.get_year(db, ahead)
    with pytest.raises(ValidationError) as refused:
        fin.remove_year(db, far.id)
    assert refused.value.errors == {"financial_year": f"The financial year {year_label(ahead)} holds expenditure: "
                                                      "only a year with nothing recorded in it can be removed"}
    fin.update_expense(db, typo.id, dataclasses.replace(typo.to_fields(), spent_on=D(2024, 5, 2)))
    assert ahead in [y.start_year for y in fin.list_years(db)]
    fin.remove_year(db, far.id)
    assert [y.start_year for y in fin.list_years(db)] == [2024]
    assert fin.year_choices(db) == [("2024/25", 2024)]
    with db.unit_of_work() as s:  # the change history keeps the year and its removal
        actions = s.scalars(select(ChangeRecord.action).where(ChangeRecord.table_name == "financial_year",
                                                              ChangeRecord.record_id == far.id)).all()
    assert actions[0] == "insert" and actions[-1] == "delete"


def test_a_year_holding_anything_stays_and_the_refusal_says_what_it_holds(db, orgs):
    old = fin.create_contribution(db, cash(orgs["police"], "2021/22"), today=TODAY)
    fin.archive_contribution(db, old.id)  # archived, still the year's record
    adjusted = fin.create_year(db, "2019/20", fin.YearFields("250", fin.AdjustmentDirection.ADD, "Opening audit", "Set up"))
    for year, holds in ((fin.get_year(db, 2021), "contributions"),
                        (adjusted, "an adjustment to its opening balance and notes")):
        with pytest.raises(ValidationError, match=f"holds {holds}: only a year"):
            fin.remove_year(db, year.id)
    assert [y.start_year for y in fin.list_years(db)] == [2021, 2019]


@pytest.mark.slow
def test_a_year_charging_for_training_stays_while_its_charges_could_be_income(db, orgs):
    """A year whose only charge was waived was removed, then the charge was reinstated: its
    income reached the reserves carried forward from a year no longer listed."""
    from datetime import datetime

    from bscp_desktop.domain.training import ChargeRates
    from bscp_desktop.services.training import bookings as bk
    from bscp_desktop.services.training import courses as cs
    from bscp_desktop.services.training import settings as st

    st.save_charge_rates(db, [ChargeRates(2020, M("50.00"), M("25.00"))])
    year = fin.get_year(db, "2020/21")
    course = cs.create_course(db, cs.CourseFields("Neglect", topic="Neglect"))
    session = cs.create_session(db, cs.SessionFields(course.id, datetime(2020, 9, 1, 10), 10))
    booking = bk.create_booking(db, bk.BookingFields(session.id, "Dee Eve", organisation_name="Metropolitan Police",
                                                     booked_on=D(2020, 8, 1), outcome="no_show")).booking
    bk.waive_charge(db, booking.id, "Ill on the day")
    with pytest.raises(ValidationError) as refused:
        fin.remove_year(db, year.id)
    assert refused.value.errors == {"financial_year": (
        "The financial year 2020/21 holds training charges (£50.00 a no-show and £25.00 a late cancellation, "
        "set in Training > Charges per year…; 1 chargeable booking, 1 waived): only a year with nothing recorded "
        "in it can be removed")}
    bk.reinstate_charge(db, booking.id)
    years = {y.start_year: y for y in fin.list_years(db)}
    assert years[2020].other_income == M("50.00")
    fin.create_year(db, "2021/22")
    assert fin.get_year(db, "2021/22").carried_forward == M("50.00") == years[2020].closing
    st.save_charge_rates(db, [ChargeRates(2020, M("0.00"), M("0.00"))])  # the programme was free after all
    fin.remove_year(db, year.id)
    assert [y.start_year for y in fin.list_years(db)] == [2021]
    assert fin.get_year(db, "2021/22").carried_forward == M("0.00")


def test_archived_categories_cannot_take_new_expenses_and_names_are_unique(db):
    printing = fin.create_category(db, "Printing")
    with pytest.raises(ValidationError) as error:
        fin.create_category(db, "printing")
    assert "already a category called 'Printing'" in error.value.errors["name"]
    with pytest.raises(ValidationError, match="already a category called 'Printing'"):
        fin.create_category(db, "Printing ")
    e = fin.create_expense(db, fin.ExpenseFields(D(2024, 1, 5), printing.id, "Printer", "Leaflets", "80"))
    fin.archive_category(db, printing.id)
    with pytest.raises(ValidationError) as error:
        fin.create_expense(db, fin.ExpenseFields(D(2024, 1, 5), printing.id, "Printer", "Posters", "20"))
    assert "archived" in error.value.errors["category_id"]
    fin.update_expense(db, e.id, dataclasses.replace(e.to_fields(), description="Leaflets for the forum"))
    assert [c.name for c in fin.list_categories(db)][-1] == "Other"
    moved = fin.move_category(db, category_id(db, "Other"), -10)
    assert moved[0].name == "Other"
    assert fin.create_category(db, "  Room   hire ").name == "Room hire"  # spaces folded as it is saved
    with pytest.raises(ValidationError, match="already a category called 'Room hire'"):
        fin.create_category(db, "Room  hire")


def test_budgets_against_actual_with_the_variance(db):
    chair, events = category_id(db, "Independent Chair fees"), category_id(db, "Events")
    fin.create_expense(db, fin.ExpenseFields(D(2023, 9, 1), chair, "Chair", "Fees", "15,738"))
    fin.create_expense(db, fin.ExpenseFields(D(2023, 10, 1), events, "Venue", "Conference", "5036"))
    lines = fin.set_budgets(db, "2023/24", {chair: "20,000", events: "5,000"})
    by_name = {line.category: line for line in lines}
    assert (by_name["Independent Chair fees"].variance, by_name["Events"].variance) == (M("4262.00"), M("-36.00"))
    assert by_name["Practice reviews"].budget is None and by_name["Practice reviews"].variance_text == "No budget"
    fin.set_budgets(db, "2023/24", {events: ""})
    assert {line.category: line.budget for line in fin.budget_lines(db, 2023)}["Events"] is None
    assert count(db, Budget) == 1
    assert fin.get_year(db, "2023/24").budget_total == M("20000.00")


def test_a_bad_budget_saves_none_of_the_others(db):
    chair, events = category_id(db, "Independent Chair fees"), category_id(db, "Events")
    with pytest.raises(ValidationError) as error:
        fin.set_budgets(db, 2023, {chair: "20000", events: "lots"})
    assert list(error.value.errors) == [f"budget.{events}"]
    assert count(db, Budget) == 0


# --------------------------------------------------------------------------- years and reserves


def test_reserves_carry_from_year_to_year_with_adjustments(db, orgs):
    events = category_id(db, "Events")
    fin.create_contribution(db, cash(orgs["icb"], year="2023/24", agreed="45,900"))
    fin.create_expense(db, fin.ExpenseFields(D(2023, 6, 1), events, "Venue", "Forum", "900"))
    fin.create_income(db, fin.IncomeFields(D(2023, 7, 1), "Refund of a deposit", "100"))
    fin.create_contribution(db, cash(orgs["icb"], year="2025/26", agreed="1,000"))
    y2023 = fin.get_year(db, "2023/24")
    assert (y2023.opening, y2023.income, y2023.spending, y2023.closing) == (
        M("0.00"), M("46000.00"), M("900.00"), M("45100.00")
    )
    with pytest.raises(ValidationError) as error:
        fin.update_year(db, y2023.id, fin.YearFields("2,500", fin.AdjustmentDirection.ADD))
    assert "adjustment_reason" in error.value.errors
    fin.update_year(db, y2023.id, fin.YearFields("2,500", "add", "Audited reserves at 31 March 2023"))
    y2025 = fin.get_year(db, 2025)
    assert (y2025.carried_forward, y2025.closing) == (M("47600.00"), M("48600.00"))  # 2024/25 is not on record
    fin.create_year(db, "2024/25", fin.YearFields("600", fin.AdjustmentDirection.SUBTRACT, "Bank charges"))
    years = {y.label: y for y in fin.list_years(db)}
    assert [y.label for y in fin.list_years(db)] == ["2025/26", "2024/25", "2023/24"]
    assert (years["2024/25"].opening, years["2025/26"].opening) == (M("47000.00"), M("47000.00"))
    with pytest.raises(ValidationError) as error:
        fin.create_year(db, "2024/25")
    assert "already on record" in error.value.errors["financial_year"]
    with pytest.raises(ValidationError):
        fin.create_year(db, "2024/26")
    assert fin.list_years(db)[1].to_fields().direction is fin.AdjustmentDirection.SUBTRACT
    assert count(db, FinancialYear) == 3


# --------------------------------------------------------------------------- summaries


def _report_year(db, orgs):
    """The 2023/24 figures of the partnership's yearly report."""
    for org, amount in (("police", "5,000"), ("icb", "45,900"), ("probation", "3,719.75")):
        fin.create_contribution(db, cash(orgs[org], agreed=amount))
    for name, amount in (("Independent Chair fees", "15,738"), ("Events", "5,036")):
        fin.create_expense(db, fin.ExpenseFields(D(2024, 3, 31), category_id(db, name), "Payee", "", amount))


def test_year_summary_totals_underspend_and_reserves(db, orgs):
    _report_year(db, orgs)
    s = fin.year_summary(db, "2023/24")
    assert [p.organisation for p in s.partners] == ["Metropolitan Police", "NHS North West London ICB", "Probation Service"]
    assert (s.contributions_total, s.spending_total, s.net) == (M("54619.75"), M("20774.00"), M("33845.75"))
    assert s.net_text == "Underspend of £33,845.75"
    assert (s.reserves_start, s.reserves_end) == (M("0.00"), M("33845.75"))
    assert s.compare_years is None
    assert s.label == "2023/24" and s.contributions_heading == "Contributions for 2023/24"
    assert s.reserves_text == "The underspend of £33,845.75 is carried into the reserves."


def test_training_charges_alone_in_a_year_reach_its_reserves_and_the_next_years_opening(db, orgs):
    """A no-show charge was income in its year's summary but never reached the reserves when no
    other money made the year a record of its own."""
    from datetime import datetime

    from bscp_desktop.domain.training import ChargeRates
    from bscp_desktop.services.training import bookings as bk
    from bscp_desktop.services.training import courses as cs
    from bscp_desktop.services.training import settings as st

    st.save_all(db, st.load_settings(db), [ChargeRates(2023, M("40.00"), M("20.00"))])
    course = cs.create_course(db, cs.CourseFields("Neglect", topic="Neglect"))
    session = cs.create_session(db, cs.SessionFields(course.id, datetime(2024, 3, 28, 10), 10))
    bk.create_booking(db, bk.BookingFields(session.id, "Dee Eve", organisation_name="Metropolitan Police",
                                           booked_on=D(2024, 1, 2), outcome="no_show"))
    fin.create_contribution(db, cash(orgs["police"], year="2024/25", agreed="1,000"))
    before = fin.year_summary(db, "2023/24")
    assert (before.income_total, before.reserves_start, before.reserves_end) == (M("40.00"), M("0.00"), M("40.00"))
    after = fin.year_summary(db, "2024/25")
    assert (after.reserves_start, after.reserves_end) == (M("40.00"), M("1040.00"))
    assert fin.get_year(db, "2024/25").opening == M("40.00")
    # the year of the charges is listed, so the years' sheet adds up: its income is a row's
    years = {y.start_year: y for y in fin.list_years(db)}
    assert set(years) == {2023, 2024} and years[2023].other_income == M("40.00")
    assert [y for _label, y in fin.year_choices(db)] == [2024, 2023]


def test_period_summary_says_which_period_each_figure_is_for(db, orgs):
    _report_year(db, orgs)
    fin.create_contribution(db, cash(orgs["police"], year="2022/23", agreed="4,000"))
    fin.create_expense(db, fin.ExpenseFields(D(2022, 9, 30), category_id(db, "Events"), "Venue", "", "300"))
    fin.create_expense(db, fin.ExpenseFields(D(2022, 11, 1), category_id(db, "Events"), "Venue", "", "200"))
    s = fin.summary(db, fin.period_for(date_from=D(2022, 10, 1), date_to=D(2024, 3, 31)))
    assert s.label == "1 October 2022 to 31 March 2024"
    assert s.contributions_heading == "Contributions for 2022/23 and 2023/24"
    assert s.contributions_total == M("58619.75")
    assert s.spending_total == M("20974.00")  # the September 2022 expense is outside the period
    assert s.reserves_start_on == D(2022, 4, 1) and s.reserves_end_on == D(2024, 3, 31)
    assert s.compare_years == (2022, 2023)
    # the period's underspend is not what the reserves did: say what they did instead
    assert s.net != s.reserves_end - s.reserves_start
    assert s.reserves_text.startswith(f"The reserves went from {format_money(s.reserves_start)} to "
                                      f"{format_money(s.reserves_end)} over the period")
    police = next(r for r in s.partner_changes if r.label == "Metropolitan Police")
    assert (police.previous, police.current, police.change) == (M("4000.00"), M("5000.00"), M("1000.00"))
    events = next(r for r in s.category_changes if r.label == "Events")
    assert (events.previous, events.current) == (M("500.00"), M("5036.00"))
    with pytest.raises(ValidationError) as error:
        fin.period_for(date_from=D(2024, 3, 31), date_to=D(2023, 4, 1))
    assert "date_to" in error.value.errors
    with pytest.raises(ValidationError):
        fin.period_for("2023/24", date_from=D(2023, 4, 1))
    assert fin.period_for(date_from=D(2023, 4, 1), date_to=D(2024, 3, 31)) == Period.year(2023)


def test_gather_reads_everything_for_outputs(db, orgs):
    _report_year(db, orgs)
    data = fin.gather(db, today=TODAY)
    assert data.period == Period.year(2023)
    assert len(data.contributions) == 3 and len(data.expenses) == 2
    assert data.summary.income_total == M("54619.75")


# --------------------------------------------------------------------------- links to Training


@pytest.mark.slow
def test_training_charges_are_income_lines_per_organisation_and_expenses_link_to_sessions(db, orgs):
    from datetime import datetime

    from bscp_desktop.services.training import bookings, courses, settings

    course = courses.create_course(db, courses.CourseFields("ICON: babies cry, you can cope"))
    session = courses.create_session(
        db, courses.SessionFields(course.id, datetime(2023, 11, 7, 10, 0), 20, cost="450")
    )
    settings.set_charge_rate(db, 2023, M("50.00"), M("25.00"))
    for name, org in (("Ada Obi", "Probation Service"), ("Ben Ng", "Probation Service"), ("Cy Roe", "NWL ICB")):
        bookings.create_booking(
            db, bookings.BookingFields(session.id, name, organisation_name=org, booked_on=D(2023, 10, 1), outcome="no_show")
        )
    s = fin.year_summary(db, "2023/24")
    assert [(r.label, r.amount) for r in s.other_income] == [
        ("Training charges: NHS North West London ICB", M("50.00")),
        ("Training charges: Probation Service", M("100.00")),
    ]
    assert s.income_total == M("150.00")
    assert fin.get_year(db, 2023).income == M("150.00")  # and so into the reserves
    from bscp_desktop.services import yearly_report as yr

    built = yr.build_section(db, "finance", D(2023, 4, 1), D(2024, 3, 31))
    other = next(b for b in built.blocks if getattr(b, "title", "") == "Other income, 2023/24")
    assert [row[0] for row in other.rows] == [  # as on the Finance page: the organisation once
        "Training charges: NHS North West London ICB", "Training charges: Probation Service", "Total"]
    e = fin.create_expense(
        db,
        fin.ExpenseFields(D(2023, 11, 8), category_id(db, "External training facilitators"), "ICON trainer", "",
                          "450", training_session_id=session.id),
    )
    assert e.training_session.startswith("ICON: babies cry, you can cope, 7 Nov 2023")
    assert e.linked_to == e.training_session
    with pytest.raises(ValidationError) as error:
        fin.create_expense(db, dataclasses.replace(e.to_fields(), training_session_id=9999))
    assert "training_session_id" in error.value.errors


@pytest.mark.parametrize("text", ["2023/24", "2023/2024", "2023-24", "2023\u201324", "2023 to 2024", "FY2023/24", 2023])
def test_financial_years_as_finance_papers_write_them(text):
    assert fin.start_year_of(text) == 2023


@pytest.mark.parametrize("text", ["2023/25", "23/24", "2023", "2023-2025", "", True])
def test_what_is_not_a_financial_year(text):
    with pytest.raises(ValueError):
        fin.start_year_of(text)


def test_a_year_out_of_range_is_named_once_after_its_label(db):
    """"Financial year: The financial year 9998/99 ..." said its label twice."""
    with pytest.raises(ValidationError) as error:
        fin.set_budgets(db, "9998/99", {})
    assert error.value.errors == {
        "financial_year": "Financial year: 9998/99 is outside the financial years this program keeps (1900/01 to 2199/00)"
    }


def test_training_session_costs_are_offered_once_and_recorded_as_expenses_all_or_none(db):
    from datetime import datetime

    from bscp_desktop.services.training import courses

    course = courses.create_course(db, courses.CourseFields("Neglect: the graded care profile"))
    paid, free, gone = (
        courses.create_session(db, courses.SessionFields(course.id, datetime(2023, 11, day, 10, 0), 20, cost=cost,
                                                         facilitator=who))
        for day, cost, who in ((7, "450", "Dr Adaeze Okonkwo"), (8, "0", ""), (9, "300", ""))
    )
    late = courses.create_session(db, courses.SessionFields(course.id, datetime(2024, 4, 2, 10, 0), 20, cost="125.50"))
    courses.archive_session(db, gone.id)
    offered = fin.session_costs_to_record(db)
    assert [(s.session_id, s.cost, s.year_label) for s in offered] == [(paid.id, M("450.00"), "2023/24"),
                                                                       (late.id, M("125.50"), "2024/25")]
    facilitators = category_id(db, "External training facilitators")
    assert fin.default_training_category(db) == facilitators

    # one session already recorded, or none chosen: refused, nothing written
    for ids, field in (([paid.id, free.id], "training_session_id"), ([], "training_session_id"),
                       ([paid.id], "category_id")):
        with pytest.raises(ValidationError) as error:
            fin.record_session_costs(db, ids, None if field == "category_id" else facilitators)
        assert field in error.value.errors
    assert count(db, Expense) == 0

    made = fin.record_session_costs(db, [paid.id, late.id], facilitators)
    assert [(e.spent_on, e.payee, e.amount, e.category, e.training_session_id, e.year_label) for e in made] == [
        (D(2023, 11, 7), "Dr Adaeze Okonkwo", M("450.00"), "External training facilitators", paid.id, "2023/24"),
        (D(2024, 4, 2), "Training facilitator", M("125.50"), "External training facilitators", late.id, "2024/25"),
    ]
    assert made[0].description.startswith("Neglect: the graded care profile, 7 Nov 2023")
    assert fin.session_costs_to_record(db) == []  # not offered twice
    assert fin.year_summary(db, "2023/24").spending_total == M("450.00")
    with pytest.raises(ValidationError):
        fin.record_session_costs(db, [paid.id], facilitators)
    assert count(db, Expense) == 2
    fin.archive_expense(db, made[0].id)  # the expense withdrawn: the session's cost is offered again
    assert [s.session_id for s in fin.session_costs_to_record(db)] == [paid.id]


def test_the_charges_finance_counts_are_the_training_tabs_charges(db, orgs):
    from datetime import datetime

    from bscp_desktop.services.training import bookings, courses, settings
    from bscp_desktop.services.training.charges import charges_report

    course = courses.create_course(db, courses.CourseFields("Safer sleep"))
    settings.set_charge_rate(db, 2023, M("60.00"), M("30.00"))
    settings.set_charge_rate(db, 2024, M("75.00"), M("35.00"))
    made = []
    for when in (datetime(2023, 5, 3, 10), datetime(2024, 3, 28, 10), datetime(2024, 4, 9, 10)):
        session = courses.create_session(db, courses.SessionFields(course.id, when, 30))
        for name, org, outcome in (("Ada Obi", "Probation Service", "no_show"), ("Cy Roe", "NWL ICB", "no_show"),
                                   ("Di Wu", "Met Police", "attended")):
            made.append(bookings.create_booking(db, bookings.BookingFields(
                session.id, name, organisation_name=org, booked_on=when.date().replace(day=1), outcome=outcome)))
    bookings.waive_charge(db, made[0].booking.id, "Family emergency")
    for start_year in (2023, 2024):
        s = fin.year_summary(db, start_year)
        report = charges_report(db, D(start_year, 4, 1), D(start_year + 1, 3, 31))
        by_partner = {r.label.removeprefix("Training charges: "): r.amount for r in s.other_income
                      if r.label.startswith("Training charges: ")}
        assert by_partner == {st.organisation: st.total_due for st in report.statements if st.total_due}
        assert sum(by_partner.values(), M("0")) == report.total_due
    assert report.total_due == M("150.00")  # 2024/25: two no-shows at £75
    assert fin.year_summary(db, 2023).other_income_total == M("180.00")  # one of four waived


def test_dates_of_money_typed_a_century_out_are_refused_naming_the_field(db, orgs):
    from bscp_desktop.domain.finance import year_of

    events = category_id(db, "Events")
    last = D(year_of(D.today()) + 2, 3, 31)  # the end of next financial year
    with pytest.raises(ValidationError) as refused:
        fin.create_expense(db, fin.ExpenseFields(D(2150, 12, 31), events, "Future Ltd", "Hire", "50"))
    assert refused.value.errors == {"spent_on": f"Date (31/12/2150) is after the end of next financial year "
                                                f"({last:%d/%m/%Y}): check the year"}
    assert fin.create_expense(db, fin.ExpenseFields(last, events, "Civic Centre", "Booked ahead", "50")).spent_on == last
    with pytest.raises(ValidationError) as refused:
        fin.create_expense(db, fin.ExpenseFields(D(1900, 1, 1), events, "Hall", "Hire", "50"))
    assert refused.value.errors == {"spent_on": "Date (01/01/1900) is before the 2000/01 financial year, which began "
                                                "on 01/04/2000: check the year"}
    tomorrow = D.fromordinal(D.today().toordinal() + 1)
    with pytest.raises(ValidationError) as refused:
        fin.create_income(db, fin.IncomeFields(tomorrow, "Refund", "10"))
    assert refused.value.errors == {"received_on": f"Date received ({tomorrow:%d/%m/%Y}) cannot be in the future"}
    assert count(db, OtherIncome) == 0


def test_a_contributions_invoice_and_payments_are_not_dated_years_before_it(db, orgs):
    with pytest.raises(ValidationError) as refused:
        fin.create_contribution(db, cash(orgs["police"], "2024/25", invoiced_on=D(2001, 5, 1)), today=TODAY)
    assert refused.value.errors == {"invoiced_on": "Invoice date (01/05/2001) is more than a year before 2024/25 "
                                                   "begins: check the year"}
    tomorrow = D.fromordinal(D.today().toordinal() + 1)
    with pytest.raises(ValidationError, match="cannot be in the future"):
        fin.create_contribution(db, cash(orgs["police"], "2024/25", invoiced_on=tomorrow), today=TODAY)
    c = fin.create_contribution(db, cash(orgs["police"], "2024/25", invoiced_on=D(2024, 3, 1)), today=TODAY)  # ahead
    with pytest.raises(ValidationError) as refused:
        fin.record_payment(db, fin.PaymentFields(c.id, D(2001, 1, 1), "10"))
    assert refused.value.errors == {"received_on": "Date received (01/01/2001) is more than a year before 2024/25 "
                                                   "begins: check the year"}
    assert fin.record_payment(db, fin.PaymentFields(c.id, D(2023, 4, 1), "10")).received_on == D(2023, 4, 1)


def test_an_archived_categorys_budget_may_be_cleared_but_not_set(db):
    events = category_id(db, "Events")
    fin.set_budgets(db, "2023/24", {events: "6,000"})
    fin.archive_category(db, events)
    with pytest.raises(ValidationError) as refused:
        fin.set_budgets(db, "2023/24", {events: "7,000"})
    assert refused.value.errors == {f"budget.{events}": "Events is archived: restore it (Finance settings) to budget "
                                                        "for it"}
    fin.set_budgets(db, "2023/24", {events: "6,000"})  # as it was: nothing changes
    fin.set_budgets(db, "2023/24", {events: None})  # cleared
    assert all(line.budget is None for line in fin.budget_lines(db, 2023) if line.category == "Events")


def test_a_new_contribution_of_an_archived_organisation_is_refused_an_existing_one_stays_editable(db, orgs):
    kept = fin.create_contribution(db, cash(orgs["probation"], "2023/24"), today=TODAY)
    ms.archive_organisation(db, orgs["probation"].id)
    with pytest.raises(ValidationError) as refused:
        fin.create_contribution(db, cash(orgs["probation"], "2024/25"), today=TODAY)
    assert refused.value.errors == {"organisation_id": "Probation Service is archived: restore it on the Memberships "
                                                       "tab first, or choose a current organisation"}
    assert count(db, Contribution) == 1
    changed = fin.update_contribution(db, kept.id, dataclasses.replace(kept.to_fields(), agreed="6,000"), today=TODAY)
    assert changed.agreed == M("6000.00") and changed.organisation_name == "Probation Service"
    with pytest.raises(ValidationError, match="Probation Service is archived"):  # not moved onto it either
        other = fin.create_contribution(db, cash(orgs["police"], "2023/24"), today=TODAY)
        fin.update_contribution(db, other.id, dataclasses.replace(other.to_fields(), organisation_id=orgs["probation"].id))


def test_other_income_from_an_archived_organisation_is_refused_a_line_already_from_it_stays_editable(db, orgs):
    probation, police = orgs["probation"].id, orgs["police"].id
    kept = fin.create_income(db, fin.IncomeFields(D(2024, 1, 2), "Refund", "50", probation))
    ms.archive_organisation(db, probation)
    with pytest.raises(ValidationError) as refused:
        fin.create_income(db, fin.IncomeFields(D(2024, 1, 3), "Charges", "40", probation))
    assert refused.value.errors == {"organisation_id": "Probation Service is archived: restore it on the Memberships "
                                                       "tab first, or choose a current organisation"}
    assert [i.description for i in fin.list_income(db)] == ["Refund"]
    changed = fin.update_income(db, kept.id, fin.IncomeFields(D(2024, 1, 2), "Refund of a deposit", "50", probation))
    assert changed.description == "Refund of a deposit" and changed.organisation_name == "Probation Service"
    other = fin.create_income(db, fin.IncomeFields(D(2024, 1, 4), "Grant", "500", police))
    with pytest.raises(ValidationError, match="Probation Service is archived"):  # not moved onto it either
        fin.update_income(db, other.id, fin.IncomeFields(D(2024, 1, 4), "Grant", "500", probation))
    with pytest.raises(ValidationError) as unknown:
        fin.create_income(db, fin.IncomeFields(D(2024, 1, 4), "Grant", "500", 9999))
    assert unknown.value.errors == {"organisation_id": "Choose the organisation from the list"}
    assert not fin.create_income(db, fin.IncomeFields(D(2024, 1, 5), "Grant", "500")).organisation_name


def test_a_contribution_year_typed_decades_ahead_is_refused(db, orgs):
    from bscp_desktop.domain.finance import year_label, year_of

    this_year = year_of(D.today())
    last = D(this_year + 2, 3, 31)  # the end of next financial year
    typo = year_label(this_year + 27)
    with pytest.raises(ValidationError) as refused:
        fin.create_contribution(db, cash(orgs["police"], typo), today=TODAY)
    assert refused.value.errors == {"financial_year": f"Financial year {typo} begins after the end of next financial "
                                                      f"year ({last:%d/%m/%Y}): check the year"}
    assert count(db, Contribution) == 0 and count(db, FinancialYear) == 0
    ahead = fin.create_contribution(db, cash(orgs["police"], year_label(this_year + 1)), today=TODAY)  # agreed ahead
    assert ahead.start_year == this_year + 1
    with pytest.raises(ValidationError, match="begins after the end of next financial year"):
        fin.update_contribution(db, ahead.id, dataclasses.replace(ahead.to_fields(), financial_year=this_year + 2))


def test_a_year_or_its_budgets_typed_decades_ahead_are_refused(db):
    from bscp_desktop.domain.finance import year_label, year_of

    typo = year_label(year_of(D.today()) + 27)
    for call in (lambda: fin.create_year(db, typo), lambda: fin.set_budgets(db, typo, {})):
        with pytest.raises(ValidationError) as refused:
            call()
        assert refused.value.errors["financial_year"].startswith(f"Financial year {typo} begins after the end of next")
    assert count(db, FinancialYear) == 0
    assert fin.create_year(db, year_label(year_of(D.today()) + 1)).start_year == year_of(D.today()) + 1


def test_a_paid_contribution_is_not_moved_to_a_year_its_payments_are_long_before(db, orgs):
    from bscp_desktop.domain.finance import year_label, year_of

    later = year_of(D.today()) + 1  # a year the contribution may be moved to, its payments long before it
    c = fin.create_contribution(db, cash(orgs["council"], "2023/24", "1,000"), today=TODAY)
    fin.record_payment(db, fin.PaymentFields(c.id, D(2023, 5, 10), "600"))
    fin.record_payment(db, fin.PaymentFields(c.id, D(2023, 6, 10), "400"))
    label = year_label(later)
    with pytest.raises(ValidationError) as refused:
        fin.update_contribution(db, c.id, dataclasses.replace(c.to_fields(), financial_year=later), today=TODAY)
    assert refused.value.errors == {"financial_year": f"Financial year {label}: this contribution has payments "
                                                      f"received on 10/05/2023, 10/06/2023, more than a year before "
                                                      f"{label} begins: check the year (or archive those payments "
                                                      "first)"}
    assert fin.get_contribution(db, c.id, today=TODAY).start_year == 2023
    assert fin.update_contribution(db, c.id, dataclasses.replace(c.to_fields(), financial_year=2024),
                                   today=TODAY).start_year == 2024  # a year its payments are not long before
