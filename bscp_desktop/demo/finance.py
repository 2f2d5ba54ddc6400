"""Demo finance: the 2023/24 figures of the partnership's 2022-24 yearly report, exactly.

Contributions for 2023/24 (agreed at the Executive Group on 26 July 2023, "Confirmation of
partnership budget contributions 2023-24"): Metropolitan Police £5,000 and NWL ICB £45,900
(safeguarding partners), Probation Service £3,719.75 and London North West University
Healthcare NHS Trust £11,000 (relevant agencies): £65,619.75. Brent Council contributes in
kind (the officer support of the Strategic Partnerships Team), not cash.

Expenditure: Independent Chair fees £15,738; learning management system and website £2,464;
external facilitators for training £4,250; events £5,036: £27,488. The report gives these
for "the period since the last annual report" as totals; here each is one line dated at the
end of 2023/24. The underspend (£38,131.75) is carried into the reserves of 2024/25.

The report gives no invoice or payment dates, no budgets and no reserves figure: the invoice
and payment dates and the budgets below are illustrative and say so.
"""

from __future__ import annotations

from datetime import date

from bscp_desktop.demo.memberships import BRENT, ICB, LNWUHT, POLICE, PROBATION
from bscp_desktop.domain.finance import ContributionKind
from bscp_desktop.services import finance as fin
from bscp_desktop.services import memberships as ms
from bscp_desktop.services.finance import contributions as contributions_service

YEAR = 2023
ILLUSTRATIVE_DATES = "Invoice and payment dates are illustrative; the amount is the yearly report's."
AGREED_AT = (date(2023, 7, 26), "Executive Group meeting")

# organisation, agreed, invoiced on, received on (all illustrative dates)
CONTRIBUTIONS = (
    (POLICE, "5,000", date(2023, 8, 1), date(2023, 9, 14)),
    (ICB, "45,900", date(2023, 8, 1), date(2023, 10, 2)),
    (PROBATION, "3,719.75", date(2023, 8, 1), date(2023, 11, 20)),
    (LNWUHT, "11,000", date(2023, 8, 1), date(2023, 12, 18)),
)
IN_KIND = (
    "Officer support for the partnership: the Strategic Partnerships Team (a Strategic Partnerships "
    "Manager, a Strategic Partnerships Lead and a part-time Learning and Development Officer) and "
    "administration from the Governance Team"
)

# category, payee, description, amount
EXPENDITURE = (
    ("Independent Chair fees", "Independent Chair and Scrutineer",
     "Independent Chair fees (total for the period, as in the yearly report)", "15,738"),
    ("Learning management system and website", "Learning management system and website providers",
     "Learning Management System (LMS) and website contributions (total for the period)", "2,464"),
    ("External training facilitators", "External training facilitators",
     "External facilitators for training (total for the period)", "4,250"),
    ("Events", "Venues and event suppliers", "Events (total for the period)", "5,036"),
)
SPENT_ON = date(2024, 3, 31)

# Illustrative budgets for 2023/24: the report says nothing was spent on practice reviews and
# that Section 11 and quality assurance work will grow in 2024/25.
BUDGETS = {
    "Independent Chair fees": "20,000",
    "Learning management system and website": "3,000",
    "External training facilitators": "8,000",
    "Events": "6,000",
    "Practice reviews": "15,000",
    "Section 11 and quality assurance": "5,000",
}


def load(db) -> None:
    organisations = {o.name: o.id for o in ms.list_organisations(db)}
    meeting_id = _meeting(db)
    for name, agreed, invoiced_on, received_on in CONTRIBUTIONS:
        contribution = fin.create_contribution(
            db,
            fin.ContributionFields(
                YEAR,
                organisations[name],
                ContributionKind.CASH,
                agreed,
                agreed_meeting_id=meeting_id,
                invoice_reference=f"BSCP-{YEAR}-{organisations[name]:03d}",
                invoiced_on=invoiced_on,
                notes=ILLUSTRATIVE_DATES,
            ),
        )
        fin.record_payment(db, fin.PaymentFields(contribution.id, received_on, agreed, notes=ILLUSTRATIVE_DATES))
    fin.create_contribution(
        db,
        fin.ContributionFields(
            YEAR, organisations[BRENT], ContributionKind.IN_KIND, in_kind_description=IN_KIND,
            agreed_meeting_id=meeting_id,
            notes="As the yearly report says, Brent Council makes no additional financial contribution.",
        ),
    )
    categories = {c.name: c.id for c in fin.list_categories(db)}
    for category, payee, description, amount in EXPENDITURE:
        fin.create_expense(db, fin.ExpenseFields(SPENT_ON, categories[category], payee, description, amount))
    fin.set_budgets(db, YEAR, {categories[name]: amount for name, amount in BUDGETS.items()})
    year = fin.get_year(db, YEAR)
    fin.update_year(
        db,
        year.id,
        fin.YearFields(
            notes="Figures from the partnership's 2022-24 yearly report. The report gives no reserves "
            "figure for the start of the year, so the year starts from £0.00. Budgets are illustrative."
        ),
    )
    fin.create_year(
        db,
        YEAR + 1,
        fin.YearFields(notes="The 2023/24 underspend is carried into this year's reserves, as the yearly report says."),
    )


def _meeting(db) -> int | None:
    """The Executive Group meeting of 26 July 2023 that confirmed the contributions, if the
    demo has it."""
    for label, meeting_id in contributions_service.meeting_choices(db):
        if label.startswith(AGREED_AT[1]) and label.endswith("26 Jul 2023"):
            return meeting_id
    return None
