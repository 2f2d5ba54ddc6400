"""People, and the one-transaction helpers imports use to add and change many rows."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from bscp_desktop.db import bulk
from bscp_desktop.db.database import Database
from bscp_desktop.db.models import Organisation, Person
from bscp_desktop.domain.memberships import name_key
from bscp_desktop.domain.text import alphabetical
from bscp_desktop.domain.validation import Checker, clean_email, clean_text
from bscp_desktop.services.common import ARCHIVED_ORGANISATION, assign, chosen, get_or_raise, get_to_change, unarchived
from bscp_desktop.services.memberships.dtos import PersonDTO, PersonFields

# ---------------------------------------------------------------- people


def _people_query():
    """People as plain columns named as PersonDTO's fields (thousands of rows without an ORM
    object each)."""
    org = aliased(Organisation)
    return select(
        Person.id, Person.name, Person.job_title, Person.organisation_id,
        func.coalesce(org.name, "").label("organisation_name"),
        Person.email, Person.phone, Person.notes, Person.archived_at, Person.version,
    ).outerjoin(org, Person.organisation_id == org.id)


def _person_dto(row) -> PersonDTO:
    return PersonDTO(**row._mapping)


def check_person(session: Session, f: PersonFields, kept_organisation_id: int | None = None) -> dict:
    """Checked values of a person; an archived organisation only where the person already had it
    (`kept_organisation_id`)."""
    c = Checker()
    values = {
        "name": c.name("name", f.name, "Name"),
        "job_title": c.optional_line("job_title", f.job_title, "Job title"),
        "email": c.email("email", f.email),
        "phone": c.optional_line("phone", f.phone, "Phone", 60),
        "notes": c.optional("notes", f.notes, "Notes", 5000),
        "organisation_id": f.organisation_id,
    }
    if f.organisation_id is not None:
        chosen(c, session, Organisation, "organisation_id", f.organisation_id, "", "organisation",
               archived=ARCHIVED_ORGANISATION, kept=kept_organisation_id)
    c.raise_if_any()
    return values


def create_person(db: Database, fields: PersonFields) -> PersonDTO:
    with db.unit_of_work() as session:
        person = Person(**check_person(session, fields))
        session.add(person)
        session.flush()
        return get_person_in(session, person.id)


def update_person(db: Database, person_id: int, fields: PersonFields, version: int | None = None) -> PersonDTO:
    """Change a person; with `version` (the one the user opened), refused with RecordChanged
    if someone else has saved them since."""
    with db.unit_of_work() as session:
        person = get_to_change(session, Person, person_id, "person", version)
        assign(person, check_person(session, fields, person.organisation_id))
        session.flush()
        return get_person_in(session, person_id)


def get_person_in(session: Session, person_id: int) -> PersonDTO:
    return _person_dto(session.execute(_people_query().where(Person.id == person_id)).one())


@dataclass(frozen=True)
class SimilarPerson:
    """Someone already on record who may be the person being entered, and why."""

    person: PersonDTO
    reason: str  # "the same e-mail address", "the same name at Brent Council"
    #: the same name at another organisation (or none): perhaps someone who has moved, worth a
    #: mention but not a question before saving, as two people may share a name
    elsewhere: bool = False


class SimilarPeople:
    """The rule of `similar_people` over people already read (an import reads them once and asks
    of every row): someone with the same e-mail address, or the same name in the same
    organisation (case, spacing and accents ignored); with `elsewhere`, those of the same name
    at another organisation too (`SimilarPerson.elsewhere`)."""

    def __init__(self, people: Iterable[PersonDTO]) -> None:
        self.by_email: dict[str, list[tuple[int, PersonDTO]]] = {}
        self.by_name: dict[str, list[tuple[int, PersonDTO]]] = {}
        for at, p in enumerate(people):
            if p.email.strip():
                self.by_email.setdefault(p.email.strip().casefold(), []).append((at, p))
            self.by_name.setdefault(name_key(p.name), []).append((at, p))

    def like(self, name: str, email: str = "", organisation_id: int | None = None,
             exclude_id: int | None = None, elsewhere: bool = False) -> list[SimilarPerson]:
        """Those who may be the person being entered, in the order they were given."""
        return self.like_keys(name_key(clean_text(name)), clean_email(email).casefold(), organisation_id, exclude_id,
                              elsewhere)

    def like_keys(self, wanted_name: str, email_key: str, organisation_id: int | None,
                  exclude_id: int | None = None, elsewhere: bool = False) -> list[SimilarPerson]:
        """`like`, given the name as `name_key` has it and the email address cleaned, in lower case."""
        found: dict[int, tuple[int, SimilarPerson]] = {}
        for at, p in self.by_email.get(email_key, []) if email_key else []:
            found[p.id] = (at, SimilarPerson(p, "the same e-mail address"))
        for at, p in self.by_name.get(wanted_name, []) if wanted_name else []:
            other = p.organisation_id != organisation_id
            if (elsewhere or not other) and p.id not in found:
                where = f"at {p.organisation_name}" if p.organisation_name else "with no organisation"
                found[p.id] = (at, SimilarPerson(p, f"the same name {where}", other))
        return [similar for _at, similar in sorted(found.values(), key=lambda pair: pair[0])
                if similar.person.id != (exclude_id or 0)]


def similar_people(
    db: Database, name: str, email: str = "", organisation_id: int | None = None, exclude_id: int | None = None,
    elsewhere: bool = False,
) -> list[SimilarPerson]:
    """People on record (archived ones too) with the same e-mail address, or the same name in
    the same organisation, as the person being entered (case and spacing ignored); with
    `elsewhere`, those of the same name at another organisation too, marked so."""
    if not name_key(clean_text(name)) and not clean_email(email):
        return []
    with db.unit_of_work() as session:
        people = map(_person_dto, session.execute(_people_query().where(Person.id != (exclude_id or 0))))
        return SimilarPeople(people).like(name, email, organisation_id, elsewhere=elsewhere)


def restorable_person(session: Session, person: Person) -> None:
    """An archived person comes back only as they could be saved: not into an organisation
    archived since (the organisation is restored first, or the person moved to another)."""
    c = Checker()
    if person.organisation_id is not None:
        chosen(c, session, Organisation, "organisation_id", person.organisation_id, "", "organisation",
               archived=ARCHIVED_ORGANISATION)
    c.raise_if_any()


def list_people(db: Database, include_archived: bool = False) -> list[PersonDTO]:
    """People by name as the program lists names (`alphabetical`: "Émile" under E, on any
    database), those of one name by record number."""
    with db.unit_of_work() as session:
        q = _people_query().order_by(Person.id)
        q = unarchived(q, Person, include_archived)
        return sorted((_person_dto(row) for row in session.execute(q)), key=lambda p: alphabetical(p.name))


def person_organisations(db: Database) -> dict[int, int | None]:
    """Each live person's organisation id (None for someone with none), by person id: what a
    new membership represents until another organisation is chosen, read without the people's
    other fields."""
    with db.unit_of_work() as session:
        return dict(session.execute(select(Person.id, Person.organisation_id).where(Person.archived_at.is_(None))).all())


# ---------------------------------------------------------------- many rows in one transaction
# For importers: check each row with check_organisation / check_person, then write the
# checked values with these helpers inside the caller's one unit of work.


def people_in(session: Session, include_archived: bool = False) -> list[PersonDTO]:
    q = _people_query().order_by(Person.id)
    q = unarchived(q, Person, include_archived)
    return [_person_dto(row) for row in session.execute(q)]


def add_checked_in(session: Session, kind: str, rows: list[dict]) -> None:
    """Insert rows already checked by check_organisation / check_person (kind "organisation"
    or "person"), in bulk: the change history and the search index as for one by one."""
    model = {"organisation": Organisation, "person": Person}[kind]
    bulk.add_new(session, model, rows)


def change_checked_in(session: Session, kind: str, record_id: int, values: dict) -> None:
    """Update one record with values already checked; the change history records each field."""
    model = {"organisation": Organisation, "person": Person}[kind]
    record = get_or_raise(session, model, record_id, kind)
    assign(record, values)


