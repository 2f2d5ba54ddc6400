"""Which standard of a Section 11 cycle a row of an agency's returned workbook answers (by its
number and title now, or ones it has had; one removed from the cycle named as removed), and
what the import says of standards the return leaves without a rating."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

from bscp_desktop.db.models.audits import S11Cycle, S11Standard
from bscp_desktop.domain.section11 import cycle_is_open, standard_key
from bscp_desktop.domain.validation import and_list
from bscp_desktop.services.history import values_held

#: A standard's number in the No. cell as typed: "3", "3.0", "3.", "3)", "Standard 3", "S3", "No. 3" ("1.5" names none).
STANDARD_NO = re.compile(r"(?:(?:standard|std\.?|s)\s*)?(?:(?:no\.?|number|#)\s*)?([0-9]+)(?:\.([0-9]*))?\s*[.):]?")


def held_before(session, standards: list[S11Standard]) -> dict[S11Standard, tuple[set[str], set[str | int]]]:
    """The titles (by `standard_key`) and numbers each standard has had, its own now among them."""
    table = S11Standard.__tablename__
    return {s: ({standard_key(s.title)} | {standard_key(v) for v in values_held(session, table, s.id, "title")},
                {s.number} | {int(v) if v.strip().isdigit() else v for v in values_held(session, table, s.id, "number")})
            for s in standards}


def named_before(held: dict, title: str, number: int | None, by_title: dict) -> S11Standard | None:
    """The standard a row names by a title it has had (its own first), with no number or one it has
    had; None when no one standard was ever so titled and numbered."""
    named = [by_title[title]] if title in by_title else [s for s, (titles, _n) in held.items() if title in titles]
    fits = [s for s in named if number is None or number in held[s][1]]
    return fits[0] if len(fits) == 1 else None


def removed_standard(removed: list[S11Standard], number: int | None, title: str) -> S11Standard | None:
    """The standard removed from the cycle a row names: by its title where the row gives one
    (with its number where both match), else by its number; None when it names none of them."""
    if title:
        named = [s for s in removed if standard_key(s.title) == standard_key(title)]
        return next((s for s in named if s.number == number), named[0] if named else None)
    return next((s for s in removed if number is not None and s.number == number), None)


def removed_problem(standard: S11Standard, cycle: S11Cycle, today: date) -> str:
    """Why a row answering a standard removed from the cycle is refused, and what to do."""
    restore = "" if cycle_is_open(cycle.opens_on, today) else (
        "restore the standard first (Audits tab, Section 11: choose the cycle, press Standards…, tick Show removed "
        "standards, choose it and press Restore), or ")
    return (f"Standard {standard.number} ('{standard.title[:60]}') was removed from the cycle {cycle.name}, so this "
            f"row's answers cannot be imported: {restore}clear the row's answers (moving anything still needed into "
            "the Evidence of a standard still in the cycle), then import the return again")


def unrated_note(agency: str, unrated: Iterable[S11Standard]) -> str:
    """What the import says of the standards a return leaves without the agency's own rating,
    naming each by number and title ("" when every one is rated). The return is recorded as
    returned all the same: an agency may send it back in part, and the grid shows each such
    standard as Not rated."""
    named = [f"{s.number} ({s.title[:60]})" for s in sorted(unrated, key=lambda s: s.number)]
    if not named:
        return ""
    many = len(named) > 1
    return (f"Not rated: {agency}'s return gives no rating for standard{'s' if many else ''} {and_list(named)}. "
            f"The return is recorded as returned all the same, and the grid shows "
            f"{'them' if many else 'it'} as Not rated: ask the agency for the rating{'s' if many else ''}, then "
            f"enter {'them' if many else 'it'} on the grid or import the return again.")
