"""The columns the training imports read, and the team's choices of them for another system's files.

* `fields_for(kind, saved)`: the mapping saved for files from another LMS ({heading: field})
  adds to the headings each field already answers to; a saved heading wins over another field's
  own headings (the team mapped 'Title' to Job title, not Course).
* `chosen_fields(kind, chosen)`: the columns chosen for one file in "Match the columns" are
  final: a field chosen reads that heading only (its own headings no longer compete: a login
  'User' column beside the 'Full name' chosen for Delegate), and a field not chosen ("not in
  this file") reads no column at all.
* `remembered(saved, chosen, headings)`: the saved mapping once the choices for a file are
  remembered: a field's new heading replaces the ones saved for it before.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from bscp_desktop.importers.tabular import FieldSpec, normalise_header
from bscp_desktop.importers.training_evaluations import EVALUATION_FIELDS, REGISTRATION_FIELDS, SESSION_STARTS, SESSION_TIME

AS_BOOKED = FieldSpec("_as_booked", "Organisation (as booked)")  # the training workbook's organisation as given
BOOKING_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("course", "Course", ("course title", "course name", "event", "event name", "learning item",
                                   "activity", "training", "title"), required=True),
    FieldSpec("start", "Session start", ("start", "session date", "start date", "date", "event date", "session",
                                         "date and time", "start date and time", SESSION_STARTS), required=True),
    FieldSpec("capacity", "Capacity", ("places", "max places", "maximum places", "spaces", "max attendees",
                                       "maximum attendees", "session capacity")),
    FieldSpec("delegate", "Delegate", ("name", "delegate name", "learner", "learner name", "attendee",
                                       "full name", "participant", "user"), required=True),
    FieldSpec("email", "Email", ("e-mail", "email address", "e-mail address", "work email", "user email")),
    FieldSpec("job_title", "Job title", ("role", "job role", "position", "job")),
    FieldSpec("organisation", "Organisation", ("organization", "employer", "agency", "organisation name",
                                               "organization name", "company")),
    AS_BOOKED,
    FieldSpec("booked_on", "Booked on", ("booking date", "date booked", "registered on", "enrolled on",
                                         "booked", "registration date", "enrolment date")),
    FieldSpec("outcome", "Outcome", ("status", "attendance", "booking status", "result", "attendance status")),
    FieldSpec("cancelled_on", "Cancelled on", ("cancellation date", "date cancelled", "cancelled date")),
    SESSION_TIME,
)

FIELDS = {"bookings": BOOKING_FIELDS, "evaluations": EVALUATION_FIELDS, "registrations": REGISTRATION_FIELDS}


def fields_for(kind: str, mapping: Mapping[str, str]) -> tuple[FieldSpec, ...]:
    """The kind's fields, each also answering to the headings saved for it in `mapping`, which win
    over another field's own headings (the team mapped 'Title' to Job title, not Course)."""
    extra: dict[str, list[str]] = {}
    for heading, key in mapping.items():
        extra.setdefault(key, []).append(heading)
    taken = {normalise_header(h) for h in mapping}
    return tuple(FieldSpec(f.key, f.label, tuple(a for a in f.aliases if normalise_header(a) not in taken), f.required,
                           tuple(extra.get(f.key, ()))) for f in FIELDS[kind])


@dataclass(frozen=True)
class ChosenField(FieldSpec):
    """A field whose column the team chose for this file: it answers to that heading only."""

    def names(self) -> set[str]:
        return {normalise_header(n) for n in self.mapped}


def chosen_fields(kind: str, chosen: Mapping[str, str]) -> tuple[FieldSpec, ...]:
    """The kind's fields as chosen for one file ({heading: field}): each field chosen reads its
    heading only; a field not chosen is left out, so no column of the file is read as it."""
    headings: dict[str, list[str]] = {}
    for heading, key in chosen.items():
        headings.setdefault(key, []).append(heading)
    return tuple(ChosenField(f.key, f.label, (), f.required, tuple(headings[f.key]))
                 for f in FIELDS[kind] if f.key in headings)


def found_in(fields: Sequence[FieldSpec], headings: Sequence[str]) -> dict[str, str | None]:
    """Which heading each field would be read from ({field key: heading or None}): a heading the
    team mapped is read as the field it was mapped to only, and first for that field."""
    mapped = {normalise_header(h): spec.key for spec in fields for h in spec.mapped}
    found: dict[str, str | None] = {}
    for spec in fields:
        names = spec.names()
        candidates = [h for h in headings if normalise_header(h) in names
                      and mapped.get(normalise_header(h), spec.key) == spec.key]
        found[spec.key] = next((h for h in candidates if normalise_header(h) in mapped), None) or next(iter(candidates), None)
    return found


def remembered(saved: Mapping[str, str], chosen: Mapping[str, str], headings: Sequence[str]) -> dict[str, str]:
    """The saved mapping once the columns chosen for a file are remembered: the heading chosen for
    a field replaces any saved for it before, and a heading of this file saved before but not
    chosen now (the team saw it and chose otherwise, or "not in this file") is forgotten.
    Headings saved for other fields, from other files, are kept."""
    seen = {normalise_header(h) for h in (*chosen, *headings)}
    replaced = set(chosen.values())
    kept = {h: key for h, key in saved.items() if key not in replaced and normalise_header(h) not in seen}
    return {**kept, **chosen}
