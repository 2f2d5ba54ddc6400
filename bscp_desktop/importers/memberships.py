"""Importing people and organisations: every row checked first, then one transaction.

Rules:
* Each row is checked with the same checks the memberships service uses when a person or
  organisation is saved in the window. If any row is bad, nothing is written and
  `ImportRejected` lists every bad row ("Row 7: Email 'x' is not a valid email address ...").
* Importing the same file twice adds nothing: a person is matched by email (any case) when the
  row has one, else by name and organisation; an organisation by its name or one of its other
  names (aliases). Names match in any case and with or without accents ("Zoe" is "Zoë",
  `name_key`). Organisations in people rows are found by name, other name or short name. A matched record is
  updated only where a value differs, so the change history shows exactly what the file changed.
* An organisation no one has the name of now is found, in either list, by a name or short name
  it had before a rename, as every import finds it (`OrganisationMatcher.find`): it keeps the
  names it has, and the report's notes name the row. One two organisations had is a bad row.
* The notes also name a row adding someone the Person dialog would ask about (the same name at
  the same organisation as someone on record, `SimilarPeople`), a row adding someone of the
  same name as a person on record (archived or not) at another organisation, who may have moved
  (added, as two people may share a name, with where the other is and how to move them
  instead), and a row renaming the person whose email address it carries.
* Where more than one person of the row's name is held (at its organisation) and no email
  address tells them apart, a row reading exactly as one of them does (every column, as the
  memberships workbook writes them) is that one, each of them described by one row at most: the
  program's own workbook imports back. Any other such row is a bad row, naming the rows of the
  file that would need an email address.
* An email address more than one person has (a shared inbox, which the Person dialog allows
  after a warning) does not say who a row is: the row is the one of them of its name (at its
  organisation, or reading exactly as one of them does, as above), and rows of that address with
  other names are other people, not repeats. A row of that address naming none of them is found
  by name among people with no email address, else added as a new person with the shared
  address, as the dialog allows, and the notes name the row and those who have the address.
* A row describing a person archived since (found as a live one would be) is a bad row: they are
  restored first, never added a second time.
* A blank cell never clears a value already held: an import adds and corrects, it does not wipe.
  An email address differing from the one held only in case is no change: the held one is kept.
* An organisation's "Other names" (separated by "; ", as the memberships workbook writes them) and
  "Part of" are checked and saved as the Organisation dialog saves them; its "Statutory partner"
  is worked out by the program, and the report says so (`memberships_columns`). A Part of may
  name an organisation another row of the file adds, before or after it: they are linked in the
  same import, and a circle of them is a bad row (`memberships_parents`).
* An "Archived" column (as in the memberships workbook) may be blank or "No" (the row is
  imported), or hold the date the record was archived or "Yes" (the row is left out). Any other
  value is a bad row: a typing slip must not quietly drop a person.
* A row repeating the headings lower down (two lists pasted one under the other) is left out by
  the table reader, and the notes name it (`headings_again`): never a person called "Name".
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from functools import cache

from bscp_desktop.domain.memberships import OrganisationKind, name_key
from bscp_desktop.domain.search import fold
from bscp_desktop.domain.validation import ValidationError, and_list, clean_email, clean_text
from bscp_desktop.importers import memberships_columns as columns
from bscp_desktop.importers.memberships_columns import ORGANISATION_FIELDS as ORGANISATION_FIELDS  # `importers` reads them here
from bscp_desktop.importers.memberships_columns import PEOPLE_FIELDS as PEOPLE_FIELDS
from bscp_desktop.importers.memberships_columns import archived, refuse_the_other_list
from bscp_desktop.importers.memberships_parents import FileParents
from bscp_desktop.importers.report import ImportRejected, ImportReport
from bscp_desktop.importers.tabular import Table
from bscp_desktop.services import memberships as ms
from bscp_desktop.services.memberships.people import SimilarPeople

Progress = Callable[[int, int, str], None]

WRITE_CHUNK = 5000


def _cleaned_rows(table: Table) -> list[tuple[int, dict[str, str]]]:
    """The file's rows with each cell cleaned once (`clean_text`), as every check reads it (`_cell`)."""
    return [(number, {key: clean_text(text) for key, text in cells.items()}) for number, cells in table.rows]


def _cell(cells: dict[str, str], key: str) -> str:
    """A cell of a row of `_cleaned_rows` ("" where the file has no such column)."""
    return cells.get(key, "")


def _spelling(given: str, held: str) -> str:
    """The name a record found by its name keeps: the file's spelling, which corrects case,
    spacing and full stops, but not where the file leaves out accents the record has ("Zoe
    Adebayo" for "Zoë Adebayo", as a file saved without them has it)."""
    if held and fold(given) == given.casefold() and fold(held) != held.casefold() and name_key(given) == name_key(held):
        return held  # the file's is plain, the record's has accents, and they are one name
    return given


def _person_spelling(given: str, held: str) -> str:
    """A person's name as `_spelling` keeps it, but not changed where the file's differs only in
    case and is all in lower case or all in capitals ("mary-jane smith-jones" for "Mary-Jane
    Smith-Jones"): such a file says nothing of which letters are capitals."""
    if given.casefold() == held.casefold() and given in (given.lower(), given.upper()):
        return held
    return _spelling(given, held)


def _check_progress(progress: Progress, i: int, total: int) -> None:
    if i % 500 == 0:
        progress(i, total, f"Checking row {i + 1:,} of {total:,}…")


# ------------------------------------------------------------------ organisations


def import_organisations(db, table: Table, report: ImportReport, dry_run: bool, progress: Progress) -> None:
    refuse_the_other_list(table, columns.ORGANISATIONS_OWN, columns.PEOPLE_HEADINGS, "organisations", "people")
    if note := columns.worked_out_note(table):
        report.notes.append(note)
    total = len(table.rows)
    cleaned = _cleaned_rows(table)
    in_file = FileParents([(number, cells) for number, cells in cleaned if not archived(cells)[0]])
    with db.unit_of_work() as session:
        matcher = ms.organisation_matcher_in(session)
        index = ms.names_index_in(session)
        renamed: list[str] = []  # the rows naming an organisation by a name it had before a rename
        seen: dict[str, int] = {}
        claimed: dict[int, int] = {}  # organisation id -> the row that changes it
        new_rows: list[dict] = []
        changes: list[tuple[int, dict]] = []
        other_names: list[tuple[int | str, list[str]]] = []  # (id, or the name of a new one, its other names)
        for i, (number, cells) in enumerate(cleaned):
            _check_progress(progress, i, total)
            is_archived, problem = archived(cells)
            if problem:
                report.refuse_row(number, [problem])
                continue
            if is_archived:
                report.skipped += 1
                continue
            errors: list[str] = []
            name = _cell(cells, "name")
            key = name_key(name)
            repeated = bool(name) and key in seen
            if repeated:
                errors.append(f"Repeats row {seen[key]} (the same organisation name '{name}')")
            elif name:
                seen[key] = number
            # matched by its name or by one of its other names (then the name it has is kept), else
            # by a name it had before a rename (the name it has is kept, and the report says so)
            by_name = matcher.by_name.get(key, []) if name else []
            found = by_name or (matcher.by_alias.get(key, []) if name else [])
            match = found[0] if len(found) == 1 else None
            if len(found) > 1:
                errors.append(f"'{name}' is another name of more than one organisation ({', '.join(o.name for o in found)})")
            was = matcher.former(name) if name and not found else []
            if was:
                _org_id, problem = matcher.find(name, number, renamed)
                if problem:
                    errors.append(problem)
                else:
                    match = was[0]
            gone = matcher.archived_named(name) if name and match is None and not found else None
            if gone is not None and not was:  # a second of its name would keep it from being restored
                errors.append(f"'{name}' is {gone.name}, which is archived: restore it on the Memberships tab first, "
                              "or give another name for a new organisation")
            if match is not None and claimed.setdefault(match.id, number) != number:  # one row changes it, not two
                errors.append(f"Describes the same organisation as row {claimed[match.id]} ({match.name})")
            kind_text = _cell(cells, "kind")
            short = _cell(cells, "short_name")
            if was and match is not None and short and matcher.had(match.id, short):
                short = ""  # the short name it had before: the one it has now is kept, as its name is
            held = match.name if match else ""
            parent_id, parent_row, problem = columns.part_of(cells, match, matcher, number, renamed, in_file)
            if problem:
                errors.append(problem)
            fields = ms.OrganisationFields(  # as the Organisation dialog gives them, checked as it checks them
                name=held if match is not None and not by_name else _spelling(name, held),
                kind=kind_text or (match.kind if match else OrganisationKind.OTHER),
                short_name=short or (match.short_name if match else ""),
                parent_id=parent_id,
                aliases=columns.other_names(cells, match),
            )
            record_id = match.id if match else None
            problems: dict[str, str] = {}
            try:
                values = ms.check_organisation(session, fields, record_id, index)
            except ValidationError as exc:
                problems.update(exc.errors)
            try:
                aliases = ms.check_aliases(session, fields, record_id, index)
            except ValidationError as exc:
                problems.update(exc.errors)
            errors.extend(columns.column_problem(field, m, cells) for field, m in problems.items()
                          if not (field == "name" and (repeated or gone is not None)))  # said above
            if errors:
                report.refuse_row(number, errors)
                continue
            # a later row may not take its name, short name or other names either, as the window would refuse
            index.add(record_id or -number, values["name"], values["short_name"])
            columns.note_other_names(index, record_id or -number, values["name"], aliases)
            current = None if match is None else {
                "name": match.name, "short_name": match.short_name, "kind": match.kind.value,
                "parent_id": match.parent_id,
            }
            if changed := columns.aliases_changed(aliases, match):
                other_names.append((record_id or values["name"], aliases))
            in_file.note(number, record_id, values, _cell(cells, "_part_of"), parent_row)
            _tally(report, values, match, current, new_rows, changes, changed or parent_row is not None)
        report.bad_rows += in_file.circles(session)
        if report.bad_rows:
            raise ImportRejected(report)
        _add_notes(report, renamed, " an organisation by a name it had before a rename")
        if not dry_run:
            _write(session, "organisation", new_rows, changes, progress, lambda rows: in_file.in_order(session, rows))
            in_file.link_held(session)
            columns.save_other_names(session, other_names)


# ------------------------------------------------------------------ people


_PERSON_KEYS = ("name", "job_title", "email", "phone", "notes")


def _person_key(name: str) -> str:
    """How a person's name is matched: as the window finds someone who may already be on record
    (`name_key`): case, accents, spacing (two spaces, a non-breaking space) and full stops do
    not matter ("Zoe Adebayo" is "Zoë Adebayo")."""
    return name_key(name)


def _named(name: str, email: str, org_id: int | None, org_given: bool,
           by_name: dict[str, list[ms.PersonDTO]]) -> list[ms.PersonDTO]:
    """The people of the row's name it describes, found by name: at its organisation when it
    names one; for a row with an email, only those held without one (the row adds it)."""
    return [p for p in by_name.get(_person_key(name), [])
            if (not email or not p.email) and (not org_given or p.organisation_id == org_id)]


def _match_person(
    name: str, email: str, org_id: int | None, org_given: bool,
    by_email: dict[str, list[ms.PersonDTO]], by_name: dict[str, list[ms.PersonDTO]],
) -> tuple[ms.PersonDTO | None, list[ms.PersonDTO]]:
    """The existing person this row describes, or None for a new person. Where more than one
    could be the one (of the row's name, and no email address tells them apart), them as the
    second value, for the caller to tell which (`_reads_as`) or to say why not (`_alike_problem`).
    An address several people have is theirs by name, then organisation; a row naming none of
    them is found by name as a row without the address would be."""
    if email:
        found = by_email.get(email.casefold(), [])
        if len(found) == 1:
            return found[0], []
        named = [p for p in found if _person_key(p.name) == _person_key(name)]
        named = [p for p in named if p.organisation_id == org_id] if org_given and len(named) > 1 else named
        if len(named) > 1:
            return None, named
        if named:
            return named[0], []
    candidates = _named(name, email, org_id, org_given, by_name)
    if len(candidates) > 1:
        return None, candidates
    return (candidates[0] if candidates else None), []


def _reads_as(given: dict[str, str], org_id: int | None, person: ms.PersonDTO) -> bool:
    """Whether a row's cells (`given`) and organisation are exactly what the memberships
    workbook writes of `person`: the row is then that person, and changes nothing."""
    return person.organisation_id == org_id and all(
        given[k] == clean_text(getattr(person, k)) for k in _PERSON_KEYS)


def _alike_problem(name: str, email: str, alike: list[ms.PersonDTO], org_given: bool, rows: list[int]) -> str:
    """Why a row cannot say which of the people of its name (`alike`) it is; `rows`: the rows
    of the file of that name and organisation."""
    orgs = {p.organisation_id for p in alike}
    at = f" at {alike[0].organisation_name}" if alike[0].organisation_name and len(orgs) == 1 else ""
    if email and all(p.email.casefold() == email.casefold() for p in alike):  # their shared address
        if not org_given and len(orgs) > 1:
            return (f"{len(alike)} people called '{name}' have the email address '{email}': add the organisation to "
                    "say which one this row is")
        return (f"{len(alike)} people called '{name}'{at} have the email address '{email}', and nothing in the row "
                "says which one it is: give each their own email address on the Memberships tab, or archive the "
                "duplicate, then import the file again")
    if not org_given and len(orgs) > 1:  # the organisation tells them apart
        return (f"{len(alike)} people called '{name}' are already in the database; add an email address (or the "
                "organisation) to say which one this row is")
    return (f"{len(alike)} people called '{name}'{at} are already in the database, and only an email address can "
            f"tell them apart: add each one's on the Memberships tab and in their row ({_rows_named(rows)}) to say "
            "which one each row is")


def _rows_named(rows: list[int]) -> str:
    """"row 2", "rows 2 and 3"."""
    return f"row {rows[0]}" if len(rows) == 1 else f"rows {and_list([str(n) for n in rows])}"


def _rows_by_name(cleaned: list[tuple[int, dict[str, str]]]) -> dict[tuple[str, str], list[int]]:
    """(name, organisation as written) -> the rows of the file (`_cleaned_rows`) giving them, archived ones left out."""
    rows: dict[tuple[str, str], list[int]] = defaultdict(list)
    for number, cells in cleaned:
        if not archived(cells)[0]:
            rows[_person_key(_cell(cells, "name")), name_key(_cell(cells, "organisation"))].append(number)
    return rows


def _kept_organisation(
    organisations: ms.OrganisationMatcher, org_text: str, name: str, email: str,
    by_email: dict[str, list[ms.PersonDTO]], by_name: dict[str, list[ms.PersonDTO]],
) -> int | None:
    """The archived organisation a row names, where the person the row describes already has it
    (as a save in the window keeps it, so the program's own workbook imports again); else None."""
    gone = organisations.archived_named(org_text)
    if gone is None or not name:
        return None
    person, alike = _match_person(name, email, gone.id, True, by_email, by_name)
    return gone.id if alike or (person is not None and person.organisation_id == gone.id) else None


def import_people(db, table: Table, report: ImportReport, dry_run: bool, progress: Progress) -> None:
    refuse_the_other_list(table, columns.PEOPLE_OWN, columns.ORGANISATION_HEADINGS, "people", "organisations")
    total = len(table.rows)
    with db.unit_of_work() as session:
        organisations = ms.organisation_matcher_in(session)
        by_email: dict[str, list[ms.PersonDTO]] = defaultdict(list)
        by_name: dict[str, list[ms.PersonDTO]] = defaultdict(list)
        archived_emails: dict[str, list[ms.PersonDTO]] = defaultdict(list)
        archived_names: dict[str, list[ms.PersonDTO]] = defaultdict(list)
        everyone = ms.people_in(session, include_archived=True)
        similar = SimilarPeople(everyone)  # as the window's Person dialog warns of a possible duplicate
        renamed: list[str] = []  # the rows naming an organisation by a name it had before a rename
        alike_notes: list[str] = []  # the rows adding someone the window would ask about, or renaming someone
        for p in everyone:
            if p.archived:  # only to say so: a second person of the address or name would be a silent duplicate
                if p.email:
                    archived_emails[p.email.casefold()].append(p)
                archived_names[_person_key(p.name)].append(p)
                continue
            if p.email:
                by_email[p.email.casefold()].append(p)
            by_name[_person_key(p.name)].append(p)
        seen: dict[tuple, int] = {}
        seen_named: dict[tuple, tuple[int, bool]] = {}  # (name, organisation) -> (first row, it had an email)
        claimed: dict[int, int] = {}  # existing person id -> the row that matched it
        cleaned = _cleaned_rows(table)
        named_rows = cache(lambda: _rows_by_name(cleaned))  # worked out only for a row that needs them
        new_rows: list[dict] = []
        changes: list[tuple[int, dict]] = []
        for i, ((number, cells), (_number, read)) in enumerate(zip(cleaned, table.rows, strict=True)):
            _check_progress(progress, i, total)
            is_archived, problem = archived(cells)
            if problem:
                report.refuse_row(number, [problem])
                continue
            if is_archived:
                report.skipped += 1
                continue
            errors: list[str] = []
            name, email = _cell(cells, "name"), clean_email(read.get("email", ""))  # as read: `clean_email` cleans it
            name_as_matched = _person_key(name)
            org_text = _cell(cells, "organisation")
            org_id = None
            if org_text:
                org_id, problem = organisations.find(org_text, number, renamed)
                if problem and (kept := _kept_organisation(organisations, org_text, name, email, by_email, by_name)):
                    org_id, problem = kept, None
                if problem:
                    errors.append(problem)
            match, alike = None, []
            if name and not errors:
                match, alike = _match_person(name, email, org_id, bool(org_text), by_email, by_name)
            given = {k: _cell(cells, k) for k in _PERSON_KEYS}
            if alike:  # one of several of the name, no email to tell them apart: the one it reads exactly as
                same = [p for p in alike if _reads_as(given, org_id, p)]
                match = next((p for p in same if p.id not in claimed), None)
                if match is None and same:  # each of them described by a row before
                    told = sorted(claimed[p.id] for p in same)
                    errors.append(f"Repeats row {told[0]} (the same name, organisation and details: the database holds "
                                  f"{len(same)} such {'person' if len(same) == 1 else 'people'}, described by "
                                  f"{_rows_named(told)})")
                elif match is None:
                    errors.append(_alike_problem(name, email, alike, bool(org_text), named_rows()[name_as_matched, name_key(org_text)]))
            shared = bool(email) and len(by_email.get(email.casefold(), [])) > 1  # told apart by name
            gone = None
            if match is None and not errors:  # found as a live person would be, by email or else by name
                held = [p for p in archived_emails.get(email.casefold(), []) if not shared or
                        _person_key(p.name) == name_as_matched] if email else []
                gone = next(iter(held), None) or next(
                    iter(_named(name, email, org_id, bool(org_text), archived_names)), None)
            if gone is not None:
                which = f" ({gone.email or gone.organisation_name})" if gone.email or gone.organisation_name else ""
                errors.append(f"{gone.name}{which} is archived: restore them on the Memberships tab first, or leave "
                              "the row out")
            base = {k: getattr(match, k) for k in _PERSON_KEYS} if match else dict.fromkeys(_PERSON_KEYS, "")
            merged = {k: given[k] or base[k] for k in _PERSON_KEYS}
            merged["name"] = _person_spelling(given["name"], base["name"])  # a blank name is an error, never "keep"
            try:
                # organisation_id is resolved above from the same transaction's organisations
                values = ms.check_person(session, ms.PersonFields(**merged, organisation_id=None))
            except ValidationError as exc:
                errors.extend(exc.errors.values())
                values = {}
            values["organisation_id"] = org_id if org_text else (match.organisation_id if match else None)
            key = ("name", name_as_matched, values["organisation_id"]) if not email else (
                ("email", email.casefold(), name_as_matched) if shared else ("email", email.casefold()))
            named = ("name", name_as_matched, values["organisation_id"])
            # one of several of the name held is told apart as it reads, or said why not (above)
            repeatable = bool(name) and not alike
            if repeatable and key in seen:
                what = (f"the same {'name and ' if shared else ''}email address '{email}'" if email
                        else "the same name and organisation")
                errors.insert(0, f"Repeats row {seen[key]} ({what})")
            elif repeatable and named in seen_named and not (email and seen_named[named][1]):
                # a row without an email is the same person as one of that name there, as an import matches them
                errors.insert(0, f"Repeats row {seen_named[named][0]} (the same name and organisation, one without "
                                 "an email address)")
            elif repeatable:
                seen[key] = number
                seen_named.setdefault(named, (number, bool(email)))
            if match is not None and not errors:
                if match.id in claimed:
                    errors.append(f"Describes the same person as row {claimed[match.id]} ({match.name})")
                else:
                    claimed[match.id] = number
            if errors:
                report.refuse_row(number, errors)
                continue
            if match is not None and values["email"].casefold() == match.email.casefold():
                values["email"] = match.email  # a difference only in case changes nothing
            current = None if match is None else {k: getattr(match, k) for k in values}
            if note := _person_note(number, values, match, similar, dry_run, organisations, org_text):
                alike_notes.append(note)
            _tally(report, values, match, current, new_rows, changes)
        if report.bad_rows:
            raise ImportRejected(report)
        _add_notes(report, renamed, " an organisation by a name it had before a rename")
        _add_notes(report, alike_notes, " someone already on record")
        if not dry_run:
            _write(session, "person", new_rows, changes, progress)


def _person_note(number: int, values: dict, match: ms.PersonDTO | None, similar: SimilarPeople,
                 dry_run: bool, organisations: ms.OrganisationMatcher, org_text: str) -> str | None:
    """What the report says of a good row, where it is worth a look: a new person the Person
    dialog would warn of (someone of the same name at the same organisation), a new person of
    the same name as someone at another organisation (`_moved_note`, naming the row's
    organisation, `org_text`, as on record), or a person found by their email address whose
    name the row changes."""
    name = values["name"]
    if match is not None:
        if _person_key(match.name) == _person_key(name):
            return None
        return (f"Row {number}: the person with email {match.email} was called {match.name}; "
                f"{'would be renamed' if dry_run else 'renamed'} to {name}.")
    found = similar.like_keys(_person_key(name), values["email"].casefold(), values["organisation_id"], elsewhere=True)
    alike = [s.person for s in found if not s.elsewhere]
    if not alike:
        held = organisations.match(org_text) if found else None
        return _moved_note(number, [s.person for s in found], held.name if held is not None else org_text, dry_run)
    if holders := [p for p in alike if values["email"] and p.email.casefold() == values["email"].casefold()]:
        who = and_list([f"{p.name}{' (archived)' if p.archived else ''}" for p in holders])
        return (f"Row {number}: {name} {'would be' if dry_run else 'is'} added as a new person with the email address "
                f"{values['email']}, which {who} {'has' if len(holders) == 1 else 'have'} too: if the row means one "
                "of them, give their name as it is on record.")
    where = f"at {alike[0].organisation_name}" if alike[0].organisation_name else "with no organisation"
    held = [f"{p.email or 'no email'}{', archived' if p.archived else ''}" for p in alike]
    if len(alike) == 1:
        who = f"{'an archived' if alike[0].archived else 'a'} {alike[0].name} is already there with "
        who += f"another email ({alike[0].email})" if alike[0].email else "no email"
    else:
        who = f"{len(alike)} people called {name} are already there ({'; '.join(held)})"
    return (f"Row {number}: {name} {where} {'would be' if dry_run else 'is'} added as a new person, though {who}: "
            "if this is the same person, put the email on record in the row to change it.")


def _moved_note(number: int, others: list[ms.PersonDTO], now_at: str, dry_run: bool) -> str | None:
    """Of a row adding someone at `now_at` where `others` of their name are on record at another
    organisation (or none): perhaps the same person, who has moved."""
    if not others or not now_at:
        return None
    places = and_list(list(dict.fromkeys(
        (f"at {p.organisation_name}" if p.organisation_name else "with no organisation")
        + (" (archived)" if p.archived else "") for p in others)))
    moved = "has moved to" if all(p.organisation_name for p in others) else "is now at"
    if all(p.archived for p in others):
        action = "restore them and change their organisation on the Memberships tab"
    elif any(p.archived for p in others):
        action = "change their organisation on the Memberships tab (restoring them first if archived)"
    else:
        action = "change their organisation on the Memberships tab"
    tail = "this import would add them as a new record" if dry_run else "the new record this import added can be archived"
    return (f"Row {number}: {others[0].name} is already on record {places}: if this is the same person, who {moved} {now_at}, "
            f"{action} instead of importing them again ({tail}).")


#: At most this many notes of one kind about single rows; then how many more there are.
_NOTES_AT_MOST = 20


def _add_notes(report: ImportReport, notes: list[str], what: str) -> None:
    """The first `_NOTES_AT_MOST` notes about rows, then how many more rows name `what`."""
    report.notes += notes[:_NOTES_AT_MOST]
    if len(notes) > _NOTES_AT_MOST:
        more = len(notes) - _NOTES_AT_MOST
        report.notes.append(f"{more:,} more row{'s' if more != 1 else ''} name{'' if more != 1 else 's'}{what}.")


def _tally(report, values: dict, match, current: dict | None, new_rows: list, changes: list,
           changed_too: bool = False) -> None:
    """Count a good row as added, updated (only the values that differ, or `changed_too`: what it
    changes that is saved apart, an organisation's other names) or unchanged."""
    if match is None:
        new_rows.append(values)
        report.added += 1
        return
    diff = {k: v for k, v in values.items() if v != current[k]}
    if diff:
        changes.append((match.id, diff))
    if diff or changed_too:
        report.updated += 1
    else:
        report.unchanged += 1


def _write(session, kind: str, new_rows: list[dict], changes: list[tuple[int, dict]], progress: Progress,
           in_order: Callable[[list[dict]], Iterable[list[dict]]] | None = None) -> None:
    """All inside the caller's one unit of work: it commits at the end or not at all. `in_order`
    gives the new rows a batch at a time, each saved before the next is asked for (organisations
    part of one the import adds: `FileParents.in_order`)."""
    total = len(new_rows) + len(changes)
    done = 0
    for batch in (in_order(new_rows) if in_order is not None else [new_rows]):
        for start in range(0, len(batch), WRITE_CHUNK):
            chunk = batch[start:start + WRITE_CHUNK]
            ms.add_checked_in(session, kind, chunk)
            done += len(chunk)
            progress(done, total, f"Saving {done:,} of {total:,}…")
    for record_id, diff in changes:
        ms.change_checked_in(session, kind, record_id, diff)
        done += 1
        if done % WRITE_CHUNK == 0:
            progress(done, total, f"Saving {done:,} of {total:,}…")
    progress(total, total, "Saving…")
