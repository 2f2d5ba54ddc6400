"""Finance at scale: ten financial years, 60 organisations contributing every year (600
contributions, 1,200 payments) and 30,000 expenses in the seven categories, with budgets.
Times the queries the Finance tab makes (years, contributions, expenditure, chase list, the
summary for a year and for a five-year period) and the outputs (finance workbook and report).

Run: `python -m benchmarks finance` (add `--keep` to keep the database and print its path).
"""

from __future__ import annotations

import os
import random
import shutil
import sys
import tempfile
import time
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from benchmarks import tenyear
from benchmarks.results import Figure

YEARS = range(2015, 2025)
ORGANISATIONS = 60
EXPENSES = int(os.environ.get("BSCP_BENCH_EXPENSES", "30000"))
LIMIT_MS = 100  # what the window waits for on the UI thread (lists and summaries)


def build(path: Path, expenses: int = EXPENSES, organisations: int = ORGANISATIONS) -> None:
    """Ten years through the finance services (one transaction for the load); fewer `expenses`
    and `organisations` for a smaller data set."""
    from bscp_desktop.db.database import Database
    from bscp_desktop.domain.memberships import OrganisationKind
    from bscp_desktop.services import finance as fin
    from bscp_desktop.services import memberships as ms

    rng = random.Random(20240401)
    with Database.open(path) as db:
        org_ids = [
            ms.create_organisation(db, ms.OrganisationFields(f"Partner organisation {n:02d}", OrganisationKind.RELEVANT_AGENCY)).id
            for n in range(organisations)
        ]
        categories = [c.id for c in fin.list_categories(db)]
        with db.unit_of_work() as session:  # one transaction for the whole load
            for year in YEARS:
                for org in org_ids:
                    agreed = Decimal(rng.randrange(100_00, 50_000_00)) / 100
                    invoiced = date(year, 6, 1) + timedelta(days=rng.randrange(60))
                    c = fin.add_contribution_in(
                        session, fin.ContributionFields(year, org, "cash", agreed, invoiced_on=invoiced)
                    )
                    first = (agreed / 2).quantize(Decimal("0.01"))
                    fin.add_payment_in(session, fin.PaymentFields(c.id, invoiced + timedelta(days=20), first))
                    if rng.random() < 0.9:
                        fin.add_payment_in(session, fin.PaymentFields(c.id, invoiced + timedelta(days=50), agreed - first))
            start = date(YEARS[0], 4, 1)
            days = (date(YEARS[-1] + 1, 3, 31) - start).days
            for n in range(expenses):
                fin.add_expense_in(
                    session,
                    fin.ExpenseFields(
                        start + timedelta(days=rng.randrange(days)), categories[n % len(categories)],
                        f"Supplier {n % 400}", f"Invoice {n}", Decimal(rng.randrange(1_00, 2_000_00)) / 100,
                    ),
                )
        for year in YEARS:
            fin.set_budgets(db, year, {c: Decimal(rng.randrange(10_000, 90_000)) for c in categories})


FIGURES: list[Figure] = []  # what this run measured, for benchmarks/RESULTS.md


def _time(label: str, fn, limit_ms: float | None = None):
    started = time.perf_counter()
    result = fn()
    ms_taken = (time.perf_counter() - started) * 1000
    verdict = "" if limit_ms is None else ("  ok" if ms_taken <= limit_ms else f"  over {limit_ms:.0f} ms")
    print(f"{label:<52} {ms_taken:>9.1f} ms{verdict}", flush=True)
    FIGURES.append(Figure(label, ms_taken, "ms", limit_ms))
    return result


def main(argv: list[str] | None = None) -> list[Figure]:
    argv = sys.argv[1:] if argv is None else argv
    FIGURES.clear()
    from bscp_desktop import jobs
    from bscp_desktop.db.database import Database
    from bscp_desktop.services import finance as fin

    folder = Path(tempfile.mkdtemp(prefix="bscp-bench-"))
    os.environ.setdefault("BSCP_DATA_DIR", str(folder / "data"))
    path = folder / "finance-bench.sqlite3"
    started = time.perf_counter()
    tenyear.or_build(path, argv, build)
    print(f"built {len(YEARS)} years, {len(YEARS) * ORGANISATIONS:,} contributions and {EXPENSES:,} expenses "
          f"in {time.perf_counter() - started:.1f} s")
    latest = YEARS[-1]
    with Database.open(path) as db:
        _time("years with reserves (list_years)", lambda: fin.list_years(db), LIMIT_MS)
        _time("contributions of one year", lambda: fin.list_contributions(db, latest), LIMIT_MS)
        _time("every contribution", lambda: fin.list_contributions(db))
        _time("expenditure of one year", lambda: fin.list_expenses(db, latest), LIMIT_MS)
        _time("every expense", lambda: fin.list_expenses(db))
        _time("chase list", lambda: fin.chase_list(db, today=date(YEARS[-1] + 1, 3, 1)))
        _time("budget against actual, one year", lambda: fin.budget_lines(db, latest), LIMIT_MS)
        _time("summary of one year", lambda: fin.year_summary(db, latest))
        _time("summary of five years", lambda: fin.summary(db, fin.period_for(date_from=date(2019, 10, 1),
                                                                               date_to=date(2024, 3, 31))))
        _time("finance workbook (every record)", lambda: jobs.export_workbook(db, "finance", folder / "f.xlsx"))
        _time("finance report PDF (one year)", lambda: jobs.write_report(db, "finance", folder / "f.pdf",
                                                                          year=latest))
    if "--keep" in argv:
        print(f"kept {path}")
    else:
        shutil.rmtree(folder, ignore_errors=True)
    return list(FIGURES)


if __name__ == "__main__":
    main()
