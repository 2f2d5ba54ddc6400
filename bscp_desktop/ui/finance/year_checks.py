"""The financial year of money typed into a Finance dialog: the year typed checked, and a
question before money goes into a year earlier than every year on record."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from bscp_desktop.domain.finance import year_label, year_of
from bscp_desktop.domain.validation import Checker, and_list
from bscp_desktop.services import finance as fin
from bscp_desktop.ui.common.form import FormDialog
from bscp_desktop.ui.common.messages import confirm


def year_check(c: Checker, text: str, field: str = "financial_year") -> int | None:
    if not text.strip():
        c.add(field, "Financial year is required (for example 2023/24)")
        return None
    try:
        return fin.start_year_of(text)
    except ValueError as exc:
        c.add(field, f"Financial year: {exc}")
        return None


def before_every_year(dialog: FormDialog, name: str | None = None, *, start_year: int | None = None,
                      days: Iterable[date] = ()) -> bool:
    """True to go on saving. Money put in a financial year before every year on record (2003
    typed for 2023) makes an older year and changes the reserves carried into every later one:
    the service keeps it (old records are entered too), so the dialog asks first, No by default.
    The money's year is that of the date in field `name`, the year typed (`start_year`), or
    those of the `days` (the training sessions whose costs are recorded)."""
    if name is not None:
        try:
            day = dialog.fields[name].value()
        except ValueError:
            return True  # the form names the date that is not one
        days = [day] if day is not None else []
    years = [y for _label, y in fin.year_choices(dialog.db)]
    if not years:
        return True  # the first year of all: nothing to be before
    earliest = min(years)
    early = sorted({d for d in days if year_of(d) < earliest})
    if start_year is not None and start_year < earliest:
        where, it = f"Financial year {year_label(start_year)} is", "it"
    elif early:
        dated = and_list([f"{d:%d/%m/%Y}" for d in early])
        labels = and_list(sorted({year_label(year_of(d)) for d in early}))
        if name is not None:
            where, it = f"{dated} is in {labels},", "it"
        elif len(early) == 1:
            where, it = f"The session of {dated} is in {labels},", "its cost"
        else:
            where, it = f"The sessions of {dated} are in {labels},", "their costs"
    else:
        return True
    return confirm(dialog, "A year before any on record",
                   f"{where} before any other year on record (the earliest is {year_label(earliest)}): save {it} "
                   "there? The reserves carried into every later year would change.")
