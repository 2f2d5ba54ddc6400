"""Other income that reads as a training charge the Training tab already counts as income.

The Training tab's no-show and late-cancellation charges count as income in Finance by
themselves (`summaries.training_charges_in`), on the day of each session, per organisation.
Their payment entered again as other income would count the money twice, so the income
dialog warns, without refusing (the line may be other money), when its description reads as a
training charge (`domain.finance.reads_as_training_charge`) and the organisation chosen has
charges counted in the financial year of the date received or the year before (a charge is
often invoiced and paid after its year has ended). Saving is the same whoever saves: the
service neither warns nor refuses.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from bscp_desktop.db.database import Database
from bscp_desktop.domain.finance import Period, reads_as_training_charge, year_label, year_of
from bscp_desktop.domain.money import format_money, total
from bscp_desktop.domain.validation import and_list
from bscp_desktop.services.training.charges import charge_lines_in

#: What the income dialog and the Other income page always say.
CHARGES_COUNT_BY_THEMSELVES = (
    "Training charges (no-shows and late cancellations) are counted as income from the Training tab "
    "by themselves: do not enter their payment here."
)


@dataclass(frozen=True)
class ChargesCounted:
    """An organisation's training charges counted as income, by financial year."""

    organisation: str
    by_year: tuple[tuple[int, Decimal], ...]  # (start year, amount), oldest first, each more than £0.00

    @property
    def warning(self) -> str:
        amounts = and_list([f"{format_money(amount)} for {year_label(year)}" for year, amount in self.by_year])
        return (f"{self.organisation}'s training charges of {amounts} are already counted as income from the "
                "Training tab: save this line as well only if it is other money.")


def charges_counted(db: Database, organisation_id: int | None, received_on: date | None) -> ChargesCounted | None:
    """The training charges of the organisation counted as income in the financial year of
    `received_on` and the year before; None with no organisation or date, or no charges."""
    if organisation_id is None or received_on is None:
        return None
    years = (year_of(received_on) - 1, year_of(received_on))
    with db.unit_of_work() as session:
        lines = [line for line in charge_lines_in(session, Period.year(years[0]).start, Period.year(years[1]).end,
                                                  organisation_id) if line.due]
    by_year = tuple((year, amount) for year in years
                    if (amount := total(line.due for line in lines if year_of(line.session_day) == year)))
    return ChargesCounted(lines[0].organisation, by_year) if by_year else None


def double_count_warning(description: str, counted: ChargesCounted | None) -> str:
    """The warning before an income line is saved ('' for none): its description reads as a
    training charge and its organisation's charges are already counted (`charges_counted`)."""
    return counted.warning if counted is not None and reads_as_training_charge(description) else ""
