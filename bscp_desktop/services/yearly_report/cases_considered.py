"""What the yearly report says of the cases of a period the Case Review Group considered.

The case reviews summary (`domain.case_summary`) counts a case on its Considered on date, else on
the date the local authority became aware, so its "Cases considered" takes in cases no one has
considered yet. The report says the group considered a case only when the case has a Considered
on date in the period; the summary's other cases of the period are said apart, for what they
are (still to be considered, closed with no outcome recorded, or an outcome recorded without the
date), and the sentence says how the summary's figure is made of them, so the report and the
summary never contradict each other. A case closed with no outcome is no longer waiting to be
considered, whenever it closed: the report speaks of the cases as they are now.
"""

from __future__ import annotations

from dataclasses import dataclass

from bscp_desktop.domain.case_reviews import Outcome
from bscp_desktop.domain.case_summary import CaseSummary
from bscp_desktop.domain.text import counted

CONSIDERED = "Cases considered"
TO_CONSIDER = "Became known in the period, still to be considered"
CLOSED_UNDECIDED = "Became known in the period, closed with no outcome recorded"


def _undated_heading(outcome_label: str) -> str:
    return f"Became known in the period, {outcome_label.lower()}, no Considered on date"


@dataclass(frozen=True)
class CasesOfThePeriod:
    considered: int  # a Considered on date in the period
    to_consider: int  # became known in the period, no Considered on date, no outcome and not closed
    closed_undecided: int  # became known in the period, no Considered on date and no outcome, but closed
    undated: tuple[tuple[str, int], ...]  # (outcome label, cases): an outcome but no Considered on date
    summary_count: int  # the summary's "Cases considered": all of the above

    @property
    def without_date(self) -> int:
        return self.summary_count - self.considered


def cases_of(summary: CaseSummary) -> CasesOfThePeriod:
    """The summary's cases of the period told apart by whether the Case Review Group considered them."""
    undated = [c for c in summary.considered if c.dates.get("considered_on") is None]
    by_outcome = ((o.label, sum(1 for c in undated if c.outcome is o)) for o in Outcome)
    undecided = [c for c in undated if c.outcome is None]
    closed = sum(1 for c in undecided if c.dates.get("closed") is not None)
    return CasesOfThePeriod(
        considered=summary.cases_considered - len(undated),
        to_consider=len(undecided) - closed,
        closed_undecided=closed,
        undated=tuple((label, m) for label, m in by_outcome if m),
        summary_count=summary.cases_considered,
    )


def figure_rows(summary: CaseSummary) -> tuple[tuple[str, str], ...]:
    """The summary's headline figures, its "Cases considered" only of cases with a Considered on
    date in the period, followed by a row for each kind of the period's other cases there are."""
    cases = cases_of(summary)
    rows: list[tuple[str, str]] = []
    for label, n in summary.headline_figures():
        if label != CONSIDERED:
            rows.append((label, str(n)))
            continue
        rows.append((CONSIDERED, str(cases.considered)))
        if cases.to_consider:
            rows.append((TO_CONSIDER, str(cases.to_consider)))
        if cases.closed_undecided:
            rows.append((CLOSED_UNDECIDED, str(cases.closed_undecided)))
        rows += [(_undated_heading(outcome), str(n)) for outcome, n in cases.undated]
    return tuple(rows)


def considered_sentences(summary: CaseSummary, period: str) -> str:
    """E.g. "Between 1 April 2026 and 31 March 2027 the Case Review Group considered no cases. 1 case
    became known in the period and is still to be considered." and how the summary counts them."""
    cases = cases_of(summary)
    n = cases.considered
    if n or cases.to_consider or cases.closed_undecided or cases.undated:
        words = [f"Between {period} the Case Review Group considered {counted(n, 'case') if n else 'no cases'}."]
    else:
        return (f"Between {period} the Case Review Group considered no cases, and no case that became "
                "known in the period is still to be considered.")
    more = "more case" if n else "case"
    if cases.to_consider:
        one = cases.to_consider == 1
        words.append(f"{counted(cases.to_consider, more)} became known in the period and "
                     f"{'is' if one else 'are'} still to be considered.")
    if cases.closed_undecided:
        m = cases.closed_undecided
        words.append(f"{counted(m, more)} became known in the period and {'was' if m == 1 else 'were'} closed "
                     "with no outcome recorded.")
    for outcome, m in cases.undated:
        words.append(f"{counted(m, more)} became known in the period and {'is' if m == 1 else 'are'} recorded as "
                     f"{outcome.lower()}, with no Considered on date.")
    if cases.without_date:
        words.append(f"(The case review summary for the period shows {counted(cases.summary_count, 'case')} considered: it "
                     "counts a case with no Considered on date on the date the local authority became aware.)")
    return " ".join(words)
