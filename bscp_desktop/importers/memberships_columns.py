"""The columns of the people and organisations lists: the headings each column answers to, the
Archived column's rule, telling a list of one kind imported as the other, and an organisation's
Other names and Part of.

* "Other names" are written as the memberships workbook writes them, separated by "; " (or one
  a line, as the Organisation dialog takes them). They replace the ones held, checked as the
  window checks them (`check_aliases`); a blank cell keeps them.
* "Part of" names the organisation this one is part of, found as any organisation named in an
  import is (its name, another name, its short name, a name it had before a rename), or one
  another row of the file adds, before or after it (`memberships_parents`). A name not found is
  a bad row naming the column; a blank cell keeps what is held.
* "Statutory partner" is worked out by the program (from the kind, and from what an organisation
  is part of): the report says so, and the column is not read.

These columns' keys begin with "_": they are not columns of the blank template.
"""

from __future__ import annotations

from bscp_desktop.domain.dates import DateRefused, parse_date_as_typed
from bscp_desktop.domain.memberships import name_key
from bscp_desktop.importers.memberships_parents import ITSELF, FileParents
from bscp_desktop.importers.tabular import FieldSpec, ImportFileError, Table, normalise_header
from bscp_desktop.services import memberships as ms

ARCHIVED = FieldSpec("_archived", "Archived", ("archived on", "archived at"))

PEOPLE_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("name", "Name", ("full name", "person", "person name", "member", "member name",
                               "name of person", "first and last name"), required=True),
    FieldSpec("job_title", "Job title", ("job", "position", "post", "job role", "role title",
                                         "job title or role")),
    FieldSpec("organisation", "Organisation", ("organization", "org", "agency", "organisation name",
                                               "organization name", "employer", "organisation or agency")),
    FieldSpec("email", "Email", ("e-mail", "email address", "e-mail address", "mail", "work email")),
    FieldSpec("phone", "Phone", ("telephone", "phone number", "telephone number", "tel", "mobile",
                                 "mobile number", "contact number")),
    FieldSpec("notes", "Notes", ("note", "comments", "comment")),
    ARCHIVED,
)

ORGANISATION_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("name", "Name", ("organisation", "organization", "organisation name",
                               "organization name", "agency", "agency name"), required=True),
    FieldSpec("short_name", "Short name", ("abbreviation", "acronym", "initials", "short")),
    FieldSpec("kind", "Kind", ("type", "kind of organisation", "organisation type",
                               "organization type", "category", "sector")),
    FieldSpec("_part_of", "Part of", ("parent organisation", "parent organization", "parent")),
    FieldSpec("_other_names", "Other names", ("other name", "aliases", "alias", "also known as")),
    FieldSpec("_statutory_partner", "Statutory partner"),
    ARCHIVED,
)
#: Columns the memberships workbook writes that the program works out itself.
WORKED_OUT = ("_statutory_partner",)

ARCHIVED_NO = ("", "no", "n", "false", "0")
ARCHIVED_YES = ("yes", "y", "true", "1", "archived")


def archived(cells: dict[str, str]) -> tuple[bool, str | None]:
    """(whether a row (cleaned: `memberships._cleaned_rows`) is marked archived, or an error naming the Archived column)."""
    text = cells.get("_archived", "")
    word = text.casefold()
    if word in ARCHIVED_NO:
        return False, None
    if word in ARCHIVED_YES:
        return True, None
    # a date as typed (1/4/26, 1 April 2026), as the other date columns take it; an Excel date
    # cell may carry a time of day ("01/04/2026 00:00")
    day = text.rsplit(" ", 1)[0] if ":" in text.rsplit(" ", 1)[-1] else text
    try:
        parse_date_as_typed(day)
    except DateRefused as exc:
        return False, f"Archived {exc}"  # "Archived '01/01/1800' is outside the years 1900 to 2200"
    except ValueError:
        return False, (
            f"Archived '{text}' is not understood: leave it blank for a current record, or give "
            "the date it was archived (dd/mm/yyyy) or Yes to leave the row out"
        )
    return True, None


# ------------------------------------------------------------------ the other list


#: Headings a list of either kind may have: a type or a category, a person's initials.
_EITHER = ("type", "category", "initials", "short")


def _distinctive(fields: tuple[FieldSpec, ...]) -> dict[str, str]:
    """{heading as compared: column label} for the headings that mark a list as one of these,
    leaving out those a list of the other kind may have too (`_EITHER`)."""
    return {name: spec.label for spec in fields for name in spec.names() if name not in _EITHER}


PEOPLE_OWN = tuple(spec for spec in PEOPLE_FIELDS if spec.key in ("job_title", "organisation", "email", "phone"))
ORGANISATIONS_OWN = tuple(spec for spec in ORGANISATION_FIELDS if spec.key in ("short_name", "kind"))
# an organisation has an e-mail address and a telephone number too: a person's job title and
# organisation mark a list of people
PEOPLE_HEADINGS = _distinctive(tuple(spec for spec in PEOPLE_OWN if spec.key in ("job_title", "organisation")))
ORGANISATION_HEADINGS = _distinctive(ORGANISATIONS_OWN)


def _either(labels: list[str], word: str) -> str:
    return labels[0] if len(labels) == 1 else f"{', '.join(labels[:-1])} {word} {labels[-1]}"


def refuse_the_other_list(table: Table, own: tuple[FieldSpec, ...], other: dict[str, str], this: str,
                          that: str) -> None:
    """Refuse, in one sentence, a file that is plainly the other list (`that`) imported as this
    one (`this`): none of this list's own columns (`own`) and some of the other's (`other`), as
    the program's own template of that list has."""
    if any(spec.key in table.columns for spec in own):
        return
    theirs = list(dict.fromkeys(other[normalise_header(h)] for h in table.ignored_headers
                                if normalise_header(h) in other))
    if theirs:
        raise ImportFileError(
            f"{table.source} looks like a list of {that}, not of {this}: it has {'' if len(theirs) > 1 else 'a '}"
            f"{_either(theirs, 'and')} column{'s' if len(theirs) > 1 else ''} and no {_either([s.label for s in own], 'or')} column; "
            f"import it as {that}, or choose the list of {this}.")



# ------------------------------------------------------------------ an organisation's other names and parent


def worked_out_note(table: Table) -> str | None:
    """The report's note naming the columns of the file the program works out itself, or None."""
    labels = [spec.label for spec in ORGANISATION_FIELDS if spec.key in WORKED_OUT and spec.key in table.columns]
    if not labels:
        return None
    return f"Column{'s' if len(labels) > 1 else ''} worked out by the program, not imported: {', '.join(labels)}."


def other_names(cells: dict[str, str], match: ms.OrganisationDTO | None) -> tuple[str, ...]:
    """The other names a row gives (a cleaned row: `memberships._cleaned_rows`), separated by ";"
    as the memberships workbook writes them, or one a line; those held where the cell is blank
    or reads as the workbook writes the ones held."""
    text = cells.get("_other_names", "")
    held = match.aliases if match is not None else ()
    if not text or (match is not None and text == match.aliases_text):
        return held
    return tuple(part for line in text.splitlines() for part in line.split(";"))


def aliases_changed(aliases: list[str], match: ms.OrganisationDTO | None) -> bool:
    """Whether the checked other names of a row (`check_aliases`) differ from those held (in any order)."""
    return set(aliases) != set(match.aliases if match is not None else ())


def part_of(cells: dict[str, str], match: ms.OrganisationDTO | None, matcher: ms.OrganisationMatcher,
            number: int, renamed: list[str], in_file: FileParents) -> tuple[int | None, int | None, str | None]:
    """(the organisation a row says it is part of, or the one held where the cell is blank or
    names one the file adds; the row of the file adding the organisation it names, where that
    is not on record (`FileParents`, which links them); the problem, naming the column, where the
    name is not found). Found as `OrganisationMatcher.find` finds any organisation an import names
    (by a name it had before a rename, the note is added to `renamed`); the one held, archived
    since or not, by any name it has."""
    text = cells.get("_part_of", "")
    held = match.parent_id if match is not None else None
    if not text or (held is not None and matcher.is_called(held, text)):
        return held, None, None
    found, problem = matcher.find(text)
    if problem is None:
        if was := matcher.former(text):
            renamed.append(f"Row {number}: Part of '{text}' is now called '{was[0].name}'; it is taken as that one.")
        return found, None, None
    row = in_file.row_naming(text)
    if row is not None and not matcher.known(text):
        return (held, None, f"Part of '{text}': {ITSELF}") if row == number else (held, row, None)
    return held, None, "Part of" + problem.removeprefix("Organisation")


def column_problem(field: str, message: str, cells: dict[str, str]) -> str:
    """A check's message on an organisation (`check_organisation`, `check_aliases`) naming its column."""
    if field == "kind":  # the kind's message quotes the value without its column
        return f"Kind {message}"
    if field == "parent_id":
        text = cells.get("_part_of", "")
        return f"Part of '{text}': {message}" if text else f"Part of: {message}"
    if field == "aliases":
        return f"Other names: {message}"
    return message


def note_other_names(index: ms.NamesIndex, org_id: int, name: str, aliases: list[str]) -> None:
    """Note the other names a row gives in `index`, so a later row may not take them either, as
    the window would refuse (a row not yet saved has an id below zero)."""
    for alias in aliases:
        index.setdefault(name_key(alias), []).append((org_id, f"'{alias}' is already another name of {name}"))


def save_other_names(session, given: list[tuple[int | str, list[str]]]) -> None:
    """Give each organisation its other names as the Organisation dialog saves them
    (`set_aliases_in`, recorded in the change history): (id, or the name of one this import
    added, other names)."""
    if not given:
        return
    added = {name_key(o.name): o.id for o in ms.organisations_in(session)} if any(
        isinstance(org, str) for org, _aliases in given) else {}
    for org, aliases in given:
        ms.set_aliases_in(session, added[name_key(org)] if isinstance(org, str) else org, aliases)
