"""Importing the team's existing case tracker (CSV or Excel): one row per case.

Rules (the same as every import):
* Every row is checked with the case review service's own checks (dates in order, naming both
  dates; an LCSPR's dates need an LCSPR decision; a not-notifiable case has no notification).
  If any row is bad, nothing is written and every bad row is listed with its reasons: a row refused
  for a cell that could not be read (a word not among the choices, a date that is no date, or a
  cell the file reader refused: a spreadsheet error, Excel's 29/02/1900) is checked by the
  service too, leaving out what depends on that cell (`_other_problems`). A cell the service needs
  and the row leaves blank is named by the template's heading ("Incident type is blank: choose
  Death or Serious harm"), keeping the service's reason where it adds one (`_said_blank`).
* Importing the same file again changes nothing: a row is matched to a case by its Reference
  (any capitals; a case spelt so first, and never one of two spelt otherwise). A row without a
  Reference is matched to the live case with its Alias, compared as people's names are
  (`name_key`: case, spacing and accents do not matter, so "Child Zoe" finds "Child Zoë"; a case
  spelt exactly so wins); one matching no case is a new case and is given the next reference.
  An alias that only an archived case has is a bad row: restore that case first.
* A blank cell never clears a value already held: an import adds and corrects.
* A Closed date given to a case on record that is not closed yet is refused while actions raised
  from its recommendations are still to do (as in the case's window): complete or drop them first.
* A theme that is a configured theme but for capitals or spaces is kept in the configured
  spelling (`domain.case_summary.theme_spelling`).
* Dates are dd/mm/yyyy (or as people type them: 1/4/24, 1 April 2024) or Excel date cells.
* Something that looks like a real name (two or more capitalised words) where an alias belongs
  is warned about: the case is still imported, but check it before anyone sees the tracker.
* The program's own tracker workbook's Cases sheet is this template filled in: its cases import
  back into another database with every value this import reads. Only that sheet is read: its
  Recommendations and Actions are not imported (the report names those sheets; add them in the
  program), its Deadlines are worked out again from the dates and its Rules are this database's
  own. Agencies involved are matched to the organisations on record by name, alias or short name;
  one not on record is warned about and left out (the case is still imported). A tracker written
  before its Cases sheet held the steps' dates is warned about: those dates are not in it.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from datetime import date

from bscp_desktop.domain.case_reviews import AgeBand, Decision, Harm, IncidentType, Outcome, PanelView, Sex, check_reference, looks_like_a_name, split_themes
from bscp_desktop.domain.case_summary import theme_spelling
from bscp_desktop.domain.memberships import name_key
from bscp_desktop.domain.validation import ValidationError, as_sentence, clean_text
from bscp_desktop.importers.report import ImportRejected, ImportReport
from bscp_desktop.importers.tabular import XLSX_SUFFIXES, FieldSpec, Table, cell_date, listed, normalise_header
from bscp_desktop.services import case_reviews as cr
from bscp_desktop.services.case_review_meetings import meeting_dates_in
from bscp_desktop.services.case_review_recommendations import closing_problem
from bscp_desktop.services.case_review_settings import settings_in
from bscp_desktop.services.memberships import OrganisationMatcher, organisation_matcher_in

Progress = Callable[[int, int, str], None]

#: The template's columns, in this order (an interface: other people's files use these names).
FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("reference", "Reference", ("ref", "case reference", "case ref", "case number", "case no")),
    FieldSpec("alias", "Alias", ("child alias", "case alias", "child")),
    FieldSpec("sex", "Sex", ("gender",)),
    FieldSpec("age_band", "Age band", ("age", "age group", "age range")),
    FieldSpec("incident_type", "Incident type", ("incident", "type", "type of incident", "death or serious harm")),
    FieldSpec("harm", "Harm", ("type of harm", "abuse or neglect", "harm type")),
    FieldSpec("looked_after", "Looked after", ("looked after child", "lac", "cla", "child looked after", "in care")),
    FieldSpec("incident_date", "Incident date", ("date of incident",)),
    FieldSpec("became_aware", "Became aware", ("date became aware", "date aware", "la aware", "aware",
                                               "date the local authority became aware")),
    FieldSpec("considered_on", "Considered on", ("considered", "date considered", "crg date",
                                                 "case review group date")),
    FieldSpec("outcome", "Outcome", ("notifiable", "notification decision")),
    FieldSpec("notification_sent", "Notification sent", ("notified", "date notified", "notification",
                                                         "notification date", "sin sent")),
    FieldSpec("rapid_review_sent", "Rapid review sent", ("rapid review", "rapid review date", "rr sent")),
    FieldSpec("decision", "Decision", ("lcspr decision", "review decision")),
    FieldSpec("decision_date", "Decision date", ("date of decision",)),
    FieldSpec("final_report", "Final report", ("final report date", "report completed")),
    FieldSpec("sent_to_panel_sos", "Sent to Panel and Secretary of State",
              ("sent to the panel and secretary of state", "sent to panel and sos", "sent to panel",
               "report sent to panel")),
    FieldSpec("published", "Published", ("publication date", "date published")),
    FieldSpec("closed", "Closed", ("date closed", "closed on", "case closed")),
    FieldSpec("themes", "Themes", ("theme", "key themes")),
    # the other steps' dates, after the columns the template began with (their places kept)
    FieldSpec("partners_told", "Safeguarding partners told", ("partners told", "date partners told",
                                                               "safeguarding partners notified", "partners notified")),
    FieldSpec("sos_ofsted_notified", "Secretary of State and Ofsted told",
              ("secretary of state and ofsted notified", "sos and ofsted told", "sos and ofsted notified",
               "sos ofsted told", "ofsted told", "ofsted notified")),
    FieldSpec("rapid_review_meeting", "Rapid review meeting", ("rapid review meeting date", "rr meeting",
                                                               "date of rapid review meeting")),
    FieldSpec("panel_response", "Panel response", ("panel response date", "panel responded", "date panel responded")),
    FieldSpec("tor_agreed", "Terms of reference agreed", ("tor agreed", "date tor agreed", "terms of reference agreed date")),
    FieldSpec("draft_report", "Draft report", ("draft report date",)),
    FieldSpec("planned_publication", "Planned publication", ("planned publication date", "publication planned",
                                                             "planned date of publication")),
    # the rest of what the tracker workbook's Cases sheet shows, under its headings
    FieldSpec("crg_recommendation", "Case Review Group recommended",
              ("case review group recommendation", "crg recommendation", "crg recommended")),
    FieldSpec("panel_view", "Panel's view", ("panel view", "panels view", "view of the panel")),
    FieldSpec("agencies", "Agencies involved", ("agencies", "agency", "agencies involved in the case")),
    FieldSpec("delay_reason", "Reason for delay", ("delay reason", "reason for delaying publication")),
    FieldSpec("delay_told_panel", "Panel told of the delay", ("date panel told of the delay", "panel told of delay")),
    FieldSpec("not_published_reason", "Reason not published", ("not published reason", "reason for not publishing")),
)
SHEET = "Cases"
DATE_KEYS = (
    "incident_date", "became_aware", "considered_on", "notification_sent", "partners_told", "sos_ofsted_notified",
    "rapid_review_meeting", "rapid_review_sent", "panel_response", "decision_date", "tor_agreed", "draft_report",
    "final_report", "sent_to_panel_sos", "planned_publication", "delay_told_panel", "published", "closed",
)
#: Text columns taken as written.
TEXT_KEYS = ("delay_reason", "not_published_reason")
#: The steps' dates a tracker written before its Cases sheet held them lacks (it had the others).
_STEP_KEYS = tuple(k for k in DATE_KEYS
                   if k not in ("became_aware", "considered_on", "decision_date", "planned_publication", "closed"))
LABELS = {spec.key: spec.label for spec in FIELDS}

#: The words each choice column takes, and the value each means.
CHOICES: dict[str, dict[str, object]] = {
    "sex": {s.label: s for s in Sex},
    "age_band": {a.label: a for a in AgeBand},
    "incident_type": {t.label: t for t in IncidentType},
    "harm": {h.label: h for h in Harm},
    "outcome": {o.label: o for o in Outcome},
    "decision": {d.short_label: d for d in Decision},
    "crg_recommendation": {d.short_label: d for d in Decision},
    "panel_view": {v.label: v for v in PanelView},
    "looked_after": {"Yes": True, "No": False},
}
_EXTRA_WORDS: dict[str, dict[str, object]] = {
    "sex": {"f": Sex.FEMALE, "m": Sex.MALE, "unknown": Sex.NOT_KNOWN, "not recorded": None},
    "looked_after": {"y": True, "n": False, "true": True, "false": False, "1": True, "0": False},
    "incident_type": {"serious injury": IncidentType.SERIOUS_HARM, "died": IncidentType.DEATH},
    "outcome": {"not notified": Outcome.NOT_NOTIFIABLE, "notifiable": Outcome.NOTIFIED,
                "does not meet criteria": Outcome.NOT_NOTIFIABLE},
    "decision": {"no review": Decision.NO_LCSPR, "none": Decision.NO_LCSPR},
    "crg_recommendation": {"no review": Decision.NO_LCSPR, "none": Decision.NO_LCSPR},
    "panel_view": {"agree": PanelView.AGREES, "agreed": PanelView.AGREES, "disagree": PanelView.DISAGREES,
                   "disagreed": PanelView.DISAGREES,
                   "national review": PanelView.NATIONAL_REVIEW},
}


def _key(text: str) -> str:
    text = str(text).casefold()
    for dash in "-\u2013\u2014_":  # hyphen, en and em dashes (as a spreadsheet corrects them), underscore
        text = text.replace(dash, " ")
    return " ".join(text.split())


def _lookup(field: str) -> dict[str, object]:
    words: dict[str, object] = {}
    for label, value in CHOICES[field].items():
        words[_key(label)] = value
        if hasattr(value, "value"):
            words[_key(value.value)] = value
        if hasattr(value, "label"):
            words[_key(value.label)] = value
    if field == "age_band":  # "1 to 4", "1-4", "under 1", "18+" as people write them
        for band in AgeBand:
            short = _key(band.label).replace(" years", "").replace(" year", "")
            words[short] = band
            words[short.replace(" to ", " ")] = band  # "16-17" reads as "16 17"
        words["18+"] = words["18 and over"] = AgeBand.AGE_18_PLUS
    words.update({_key(k): v for k, v in _EXTRA_WORDS.get(field, {}).items()})
    return words


_LOOKUPS = {field: _lookup(field) for field in CHOICES}


def parse_choice(field: str, text: str) -> object:
    """The value a cell's word means; ValueError naming the words the column takes."""
    found = _LOOKUPS[field].get(_key(text), ...)
    if found is ...:
        raise ValueError(
            f"{LABELS[field]} '{text}' is not one of: {', '.join(CHOICES[field])}"
        )
    return found


def import_case_reviews(db, table: Table, report: ImportReport, dry_run: bool, progress: Progress) -> None:
    """Check every row and write them all in one transaction, or none (see the module notes).
    A dry run does everything a real import does, then rolls it back."""
    try:
        _import(db, table, report, dry_run, progress)
    except _DryRun:
        pass


def _import(db, table: Table, report: ImportReport, dry_run: bool, progress: Progress) -> None:
    if not {"reference", "alias"} & set(table.columns):
        report.bad_rows.append(
            "The file has neither a Reference nor an Alias column: its first row should name the "
            "columns (" + ", ".join(spec.label for spec in FIELDS) + ")."
        )
        raise ImportRejected(report)
    _warn_of_a_tracker_without_step_dates(table, report)
    _say_which_sheets_are_not_imported(table, report)
    # a row the file reader refused for a cell it could not read is checked too, for its other cells
    refused = {row.number: (row, said) for row, said in zip(table.refused_rows, table.refused, strict=True)}
    every_row = sorted([*table.rows, *((row.number, row.cells) for row, _said in refused.values())], key=lambda row: row[0])
    total = len(every_row)
    abbreviations = cr.known_abbreviations(db)  # the organisations' short names in capitals are no surnames
    with db.unit_of_work() as session:
        existing = cr.cases_by_reference_in(session)
        known_themes = cr.known_themes_in(session)
        spelt = theme_spelling(settings_in(session).themes)
        organisations = organisation_matcher_in(session)
        unmatched: dict[str, list[int]] = {}  # a sentence about an agency name on record nowhere: its rows
        # references the file gives are kept for their rows: a row without one is given the next after them
        given = [clean_text(cells.get("reference", "")) for _n, cells in every_row]
        given = [r for r in given if r and check_reference(r) is None]
        by_alias = _cases_by_alias(existing.values())
        seen_refs: dict[str, int] = {}
        seen_aliases: dict[tuple[bool, str], tuple[int, str]] = {}
        seen_cases: dict[int, int] = {}
        for i, (number, cells) in enumerate(every_row):
            if i % 200 == 0:
                progress(i, total, f"Checking row {i + 1:,} of {total:,}…")
            errors: list[str] = []
            # the columns whose cell could not be read: by the file reader, then below by the import
            unreadable: set[str] = set(refused[number][0].unreadable) if number in refused else set()
            text = {k: clean_text(cells.get(k, "")) for k in LABELS}
            reference = text["reference"]
            match = None
            repeated = False
            if reference:
                problem = check_reference(reference)
                if problem:
                    errors.append(problem)
                ref_key = reference.casefold()
                repeated = ref_key in seen_refs
                if repeated:
                    errors.append(f"Repeats row {seen_refs[ref_key]} (the same reference '{reference}')")
                seen_refs.setdefault(ref_key, number)
                named = cr.reference_matches(reference, existing)  # spelt so first, else whatever the capitals
                if len(named) > 1:
                    errors.append(f"The reference {reference} could be case {' or '.join(sorted(named))}: give it "
                                  "with its capitals as held")
                match = existing[named[0]] if len(named) == 1 else None
            elif text["alias"] and "reference" not in unreadable:  # a Reference that could not be read may name another case
                match = _by_alias(by_alias, text["alias"])
            if match is not None and match.archived:
                errors.append(f"Case {match.reference} ({match.alias}) is archived: restore it in the Case reviews "
                              "tab first")
            elif match is not None and match.id in seen_cases and not repeated:
                errors.append(f"Repeats row {seen_cases[match.id]} (the same case {match.reference})")
                repeated = True
            if match is not None:
                seen_cases.setdefault(match.id, number)
            base = match.to_fields() if match is not None else cr.CaseReviewFields("", None, None)
            changes: dict[str, object] = {}
            for field in CHOICES:
                if text[field]:
                    try:
                        changes[field] = parse_choice(field, text[field])
                    except ValueError as exc:
                        errors.append(str(exc))
                        unreadable.add(field)
            for field in DATE_KEYS:
                if text[field]:
                    try:
                        changes[field] = cell_date(text[field])
                    except ValueError as exc:
                        errors.append(f"{LABELS[field]}: {exc}")
                        unreadable.add(field)
            if text["alias"] and (reference or match is None):  # a case found by its alias keeps it as held
                changes["alias"] = text["alias"]
            if text["themes"]:
                changes["themes"] = tuple(map(spelt, split_themes(text["themes"], known_themes)))  # as configured
                known_themes.extend(changes["themes"])  # a later row's commas may separate them
            changes.update({field: text[field] for field in TEXT_KEYS if text[field]})
            if text["agencies"]:
                held = dict(zip(map(name_key, match.agency_names), match.agency_ids, strict=True)) if match else {}
                agency_ids, missing = _agencies(text["agencies"], organisations, held)
                if agency_ids:
                    changes["agency_ids"] = tuple(agency_ids)
                for problem in missing:
                    unmatched.setdefault(problem, []).append(number)
            fields = dataclasses.replace(base, **changes)
            alias = " ".join(fields.alias.split())
            clash = None
            if alias and "reference" not in unreadable:  # else which case the row is cannot be told
                clash = _same_alias(seen_aliases, alias, number, known=bool(reference) or match is not None)
                if clash and not repeated:
                    errors.append(clash)
            if alias and text["alias"] and looks_like_a_name(alias, abbreviations):
                report.notes.append(
                    f"Row {number}: the Alias '{alias}' looks like a real name (two or more capitalised "
                    "words). Use an alias such as Child A, never a child's name."
                )
            if not errors and number not in refused:
                try:
                    if match is None:
                        cr.create_case_in(session, fields, reference=reference or None, reserved=given)
                        report.added += 1
                    elif cr.update_case_in(session, match.id, fields):
                        report.updated += 1
                    else:
                        report.unchanged += 1
                except ValidationError as exc:
                    errors.extend(_named(exc.errors, _blank(text, unreadable, fields), table.columns))
            else:  # refused already: the service's checks of its other cells too, so all its problems are listed at once
                said = unreadable | ({"alias"} if clash or repeated or "reference" in unreadable else set())  # a repeated row's alias is its own
                errors.extend(_named(_other_problems(session, fields, match, unreadable, said),
                                     _blank(text, unreadable, fields), table.columns))
            if number in refused:  # the file reader's words for it first, then the rest
                read_as = refused[number][1]
                line = " ".join([read_as, *map(as_sentence, errors)])
                if read_as in report.bad_rows:
                    report.bad_rows[report.bad_rows.index(read_as)] = line
                else:
                    report.bad_rows.append(line)
            elif errors:
                report.refuse_row(number, errors)
        for problem, numbers in unmatched.items():
            rows = f"Row {numbers[0]}" if len(numbers) == 1 else "Rows " + listed([str(n) for n in numbers], 20)
            one, held = len(numbers) == 1, bool(report.bad_rows) or dry_run  # nothing is imported: "would be"
            cases = f"The case{'' if one else 's'} {'would be' if held else 'is' if one else 'are'}"
            report.notes.append(f"{rows}: {as_sentence(problem)} {cases} imported without that agency; add the "
                                "organisation and import the file again to link it.")
        if report.bad_rows:
            raise ImportRejected(report)
        if dry_run:
            raise _DryRun  # checked exactly as a real import would be; rolled back
        progress(total, total, "Saving…")


def _other_problems(session, fields: cr.CaseReviewFields, match, unreadable: set[str], said: set[str]) -> dict[str, str]:
    """The service's own checks of a row the import refuses for other reasons ({field: message}), as
    saving it would make them: `cr.check_case_fields` on the dates of the meetings a case on record is
    linked to, and an alias another case on record has. Left out: the columns in `said` (named
    already), and a problem that depends on a cell that could not be read (`unreadable`, left as held
    or empty): one that goes away for some value that cell might have meant (`_might_mean`), such as
    "Choose the incident type" for a misspelt type or an LCSPR's date for a misspelt decision."""
    fields, meeting_problems = meeting_dates_in(session, fields)
    checker, checked = cr.check_case_fields(fields)
    found = {key: message for key, message in checker.errors.items() if key not in said}
    for column, value in ((k, v) for k in unreadable & {*CHOICES, *DATE_KEYS} for v in _might_mean(k, getattr(fields, k))):
        if not found:
            break
        other, _values = cr.check_case_fields(dataclasses.replace(fields, **{column: value}))
        found = {k: message for k, message in found.items() if k in other.errors}
    found.update({k: m for k, m in meeting_problems.items() if k not in said and k not in checker.errors})
    if not unreadable & {*CHOICES, *DATE_KEYS}:  # a late publication, when every date and choice it counts from was read
        found.update({k: m for k, m in cr.publication_delay_problem(fields, cr.settings_in(session)).items()
                      if k not in said and k not in found})
    if match is not None and "closed" not in said | set(found) and (
            problem := closing_problem(session, match.id, checked["values"]["closed"])):
        found["closed"] = problem  # its actions still to do
    alias = checked["values"]["alias"]
    if alias and "alias" not in said | set(found):
        if problem := cr.CASE_ALIAS.problem(session, match.id if match else None, alias,
                                            advice="; choose another (for example Child B)"):
            found["alias"] = problem
    return found


def _might_mean(key: str, held: object) -> list[object]:
    """The values other than `held` that a cell of column `key` which could not be read might have
    meant: each of its choices or none; for a date, none or a date (today's)."""
    options = [None, *CHOICES[key].values()] if key in CHOICES else [None, date.today()]
    return [value for value in dict.fromkeys(options) if value != held]


def _is_a_tracker(table: Table) -> bool:
    """Whether the rows are the Cases sheet of the program's case review tracker (the columns it
    alone writes are there, unread)."""
    return {"current stage", "next deadline"} <= {normalise_header(h) for h in table.ignored_headers}


def _say_which_sheets_are_not_imported(table: Table, report: ImportReport) -> None:
    """The program's tracker workbook: only its Cases sheet is read. Name the sheets that are not,
    so no one takes the recommendations and actions to have come across with the cases."""
    if _is_a_tracker(table) and table.source.lower().endswith(XLSX_SUFFIXES):
        report.notes.append(
            "Sheets not imported: Recommendations, Actions — these are not read by this import; add them in "
            "the program (the Recommendations and actions page of the Case reviews tab). Only the Cases sheet is read: "
            "the Deadlines sheet is worked out again from the cases' dates, and the Rules sheet is not read "
            "(this database keeps its own deadline rules and closure days)."
        )


def _warn_of_a_tracker_without_step_dates(table: Table, report: ImportReport) -> None:
    """A case review tracker written before its Cases sheet held the steps' dates: say that
    they are not in it (a new case would show its steps as not done)."""
    if _is_a_tracker(table) and not set(_STEP_KEYS) & set(table.columns):
        report.notes.append(
            "This case review tracker has no columns for the steps' dates (" + ", ".join(LABELS[k] for k in _STEP_KEYS)
            + "): it was written before the tracker held them, so those dates are not imported and a new case "
            "shows its steps as not done. Write the tracker again from the database it came from and import "
            "that one, or add the columns and their dates."
        )


def _agencies(text: str, organisations: OrganisationMatcher, held: dict[str, int]) -> tuple[list[int], list[str]]:
    """The organisations a cell of Agencies involved names (separated by ; or new lines, or by
    commas where each part names one on record), and a sentence for each name matching none.
    ``held``: the case's own agencies by `name_key`, matched first (one since archived included)."""

    def known(name: str) -> bool:
        return name_key(name) in held or bool(organisations.candidates(name))

    ids: list[int] = []
    problems: list[str] = []
    for piece in text.replace("\n", ";").split(";"):
        piece = " ".join(piece.split())
        if not piece:
            continue
        parts = [piece] if known(piece) else [p.strip() for p in piece.split(",")]
        start = 0
        while start < len(parts):  # the longest run of parts that names an organisation, else one part
            end = next((e for e in range(len(parts), start, -1) if known(", ".join(parts[start:e]))), start + 1)
            name = ", ".join(parts[start:end])
            start = end
            if not name:
                continue
            found, problem = (held[name_key(name)], None) if name_key(name) in held else organisations.find(name)
            if found is None:
                problems.append(f"Agencies involved: {problem}")
            elif found not in ids:
                ids.append(found)
    return ids, problems


def _alias_key(alias: str) -> str:
    """How an alias finds its case: as people's names are compared (case, spacing and accents do
    not matter: "Child Zoë" is "child  zoe")."""
    return name_key(alias)


def _as_saved(alias: str) -> str:
    """An alias as the service keeps one live case per alias: case and spacing do not matter."""
    return " ".join(alias.split()).casefold()


def _same_alias(seen: dict[tuple[bool, str], tuple[int, str]], alias: str, number: int, known: bool) -> str | None:
    """The sentence saying an earlier row of the file uses this row's alias, or None; `seen` (the
    rows before, by key) learns this one. A new case named by its alias alone compares aliases as
    `_alias_key` does (a second spelling would be a second case); a row with a Reference or found
    on record (`known`) as the service keeps live aliases apart."""
    keys = {True: _as_saved(alias), False: _alias_key(alias)}
    earlier = seen.get((known, keys[known]))
    for kind, key in keys.items():
        seen.setdefault((kind, key), (number, alias))
    if earlier is None or earlier[0] == number:
        return None
    row, spelt = earlier
    said = f"Uses the same alias '{alias}' as row {row}"
    if spelt == alias:
        return said
    ignored = "case and spacing" if known else "case, spacing and accents"
    return said + f" ('{spelt}': {ignored} do not matter)"


def _cases_by_alias(cases) -> dict[str, list]:
    """{alias key: cases} for a row without a Reference (see `_by_alias`)."""
    found: dict[str, list] = {}
    for case in cases:
        found.setdefault(_alias_key(case.alias), []).append(case)
    return found


def _by_alias(cases_by_alias: dict[str, list], alias: str):
    """The case a row without a Reference names by its alias: a live case before an archived one
    (to say it is archived), and one spelt as the row spells it (accents too) before another."""
    return min(cases_by_alias.get(_alias_key(alias), ()), default=None,
               key=lambda c: (c.archived, _as_saved(c.alias) != _as_saved(alias)))


class _DryRun(Exception):
    """Ends a dry run: the unit of work rolls back everything it was about to write."""


def _named(errors: dict[str, str], blank: set[str], columns: list[str]) -> list[str]:
    """Service messages, each naming its column when the message does not already say it; one
    asking for a value the row leaves blank (`blank`) names the column as the template heads it
    (`_said_blank`). `columns`: the keys of the file's columns."""
    result = []
    for field, message in errors.items():
        label = LABELS.get(field)
        if field in blank and (said := _said_blank(field, message, field in columns)):
            result.append(said)
        else:
            result.append(message if label is None or label.casefold() in message.casefold() else f"{label}: {message}")
    return result


#: The start of a service message saying a value is missing, in the service's words ("Alias is
#: required", "Notification sent to the Panel cannot be left empty while …", "The date the local
#: authority became aware is required: …", "Closed on is empty, so …").
_MISSING = re.compile(r"[A-Z][^:;,]*? (?:cannot be left empty|is empty|is required)\b")
#: The service's words asking for a value ("Enter the date of the decision").
_ASKING = ("Choose ", "Enter ", "Give ")


def _blank(text: dict[str, str], unreadable: set[str], fields: cr.CaseReviewFields) -> set[str]:
    """The columns a row leaves blank (a cell that could not be read is not blank) and the case
    holds no value for either."""
    return {key for key, cell in text.items()
            if not cell and key not in unreadable and getattr(fields, key, None) in (None, "", ())}


def _said_blank(field: str, message: str, in_file: bool) -> str:
    """A service message asking for the value of a column the row leaves blank, naming the column
    by its heading ("Incident type is blank: choose Death or Serious harm"; "Became aware is blank:
    the clocks start from it"), with the service's reason where it adds one; '' for any other message."""
    label = LABELS[field]
    said = f"{label} is blank" if in_file else f"{label} is blank (the file has no {label} column)"
    if missing := _MISSING.match(message):
        return said + message[missing.end():]
    if not message.startswith(_ASKING):
        return ""
    if message.casefold() == f"choose the {label.casefold()}":  # says no more than the heading does
        return f"{said}: choose {' or '.join(CHOICES[field])}" if field in CHOICES else said
    return f"{said}: {message[:1].lower()}{message[1:]}"


TEMPLATE_NOTES = [
    "Case reviews: one row per case, with the alias only (Child A), never a child's name.",
    "Reference: leave empty for a new case to be given the next reference; importing the file "
    "again matches each row to its case by Reference (or, where Reference is empty, by Alias), so "
    "nothing is added twice.",
    "Sex: Female, Male or Not known (may be empty). Age band: " + ", ".join(a.label for a in AgeBand)
    + " (may be empty).",
    "Incident type: Death or Serious harm. Harm: Abuse, Neglect, Both or Other. Looked after: Yes or No.",
    "Outcome: Notified or Not notifiable (a case not notifiable is closed on the date it was "
    "considered unless Closed says otherwise).",
    "Decision and Case Review Group recommended: LCSPR, No LCSPR, National review or Other learning "
    "review. Panel's view: Agrees, Disagrees or Will take a national review.",
    "Agencies involved: the organisations' names as on the Memberships tab, separated by ; "
    "(semicolons). A name not on record is left out, with a warning.",
    "Dates: dd/mm/yyyy, or Excel dates. A date before the one it follows is refused, naming both. "
    "Every step's date is the day it was done, so none may be in the future; only Planned "
    "publication may be.",
    "Safeguarding partners told, Secretary of State and Ofsted told, Rapid review meeting, Panel "
    "response, Terms of reference agreed and Draft report: the day each step was done, as the "
    "case window records them. Rapid review meeting and Panel response are only for a notified "
    "case; Terms of reference agreed, Draft report and Planned publication need the decision LCSPR.",
    "Reason for delay, Panel told of the delay and Reason not published: only for an LCSPR; a "
    "reason not published is only for a review with no Published date.",
    "Themes: separated by ; (semicolons).",
    "A blank cell never clears a value already held. If any row has a problem, nothing is "
    "imported and every problem is listed by row number.",
]
