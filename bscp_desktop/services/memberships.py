"""Organisations, people, groups, memberships and confidentiality agreements."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from bscp_desktop.db.database import Database
from bscp_desktop.db.models import (
    ConfidentialityAgreement,
    Group,
    Membership,
    Organisation,
    OrganisationAlias,
    Person,
)
from bscp_desktop.domain.memberships import (
    Frequency,
    OrganisationKind,
    Role,
    Term,
    agreement_current,
    clean_aliases,
    name_key,
)
from bscp_desktop.domain.validation import Checker, ValidationError
from bscp_desktop.services.common import get_or_raise, set_archived

# ---------------------------------------------------------------- DTOs


@dataclass(frozen=True)
class OrganisationDTO:
    id: int
    name: str
    short_name: str
    kind: OrganisationKind
    archived_at: datetime | None
    parent_id: int | None = None
    parent_name: str = ""
    aliases: tuple[str, ...] = ()

    @property
    def archived(self) -> bool:
        return self.archived_at is not None

    @property
    def display_name(self) -> str:
        return self.name

    @property
    def aliases_text(self) -> str:
        return "; ".join(self.aliases)


@dataclass(frozen=True)
class PersonDTO:
    id: int
    name: str
    job_title: str
    organisation_id: int | None
    organisation_name: str
    email: str
    phone: str
    notes: str
    archived_at: datetime | None

    @property
    def archived(self) -> bool:
        return self.archived_at is not None


@dataclass(frozen=True)
class GroupDTO:
    id: int
    name: str
    tier: int
    parent_id: int | None
    parent_name: str
    needs_agreement: bool
    frequency: Frequency | None
    purpose: str
    archived_at: datetime | None

    @property
    def archived(self) -> bool:
        return self.archived_at is not None


@dataclass(frozen=True)
class MembershipDTO:
    id: int
    person_id: int
    person_name: str
    group_id: int
    group_name: str
    role: Role
    organisation_id: int | None
    organisation_name: str
    deputy_for_id: int | None
    deputy_for_name: str
    start_date: date
    end_date: date | None
    notes: str
    archived_at: datetime | None
    needs_agreement: bool = False
    has_current_agreement: bool = True

    @property
    def archived(self) -> bool:
        return self.archived_at is not None

    @property
    def term(self) -> Term:
        return Term(self.start_date, self.end_date)

    @property
    def missing_agreement(self) -> bool:
        return self.needs_agreement and not self.has_current_agreement


@dataclass(frozen=True)
class AgreementDTO:
    id: int
    person_id: int
    person_name: str
    signed_on: date
    review_due: date | None
    notes: str
    archived_at: datetime | None

    @property
    def archived(self) -> bool:
        return self.archived_at is not None

    def current_on(self, day: date) -> bool:
        return not self.archived and agreement_current(self.signed_on, self.review_due, day)


# ---------------------------------------------------------------- inputs


@dataclass(frozen=True)
class OrganisationFields:
    name: str
    kind: OrganisationKind | str
    short_name: str = ""
    parent_id: int | None = None  # the organisation this one is part of
    aliases: tuple[str, ...] = ()  # other names it goes by (imports match them too)


@dataclass(frozen=True)
class PersonFields:
    name: str
    job_title: str = ""
    organisation_id: int | None = None
    email: str = ""
    phone: str = ""
    notes: str = ""


@dataclass(frozen=True)
class GroupFields:
    name: str
    tier: int = 3
    parent_id: int | None = None
    needs_agreement: bool = False
    frequency: Frequency | str | None = None
    purpose: str = ""


@dataclass(frozen=True)
class MembershipFields:
    person_id: int | None
    group_id: int | None
    role: Role | str
    start_date: date | None
    end_date: date | None = None
    organisation_id: int | None = None
    deputy_for_id: int | None = None
    notes: str = ""


@dataclass(frozen=True)
class AgreementFields:
    person_id: int | None
    signed_on: date | None
    review_due: date | None = None
    notes: str = ""


# ---------------------------------------------------------------- organisations

ALIAS_MAX = 200


def _org_dtos(session: Session, orgs: list[Organisation]) -> list[OrganisationDTO]:
    """DTOs with parent names and aliases, in two queries whatever the number of rows."""
    ids = [o.id for o in orgs]
    aliases: dict[int, list[str]] = {}
    if ids:
        for org_id, alias in session.execute(
            select(OrganisationAlias.organisation_id, OrganisationAlias.alias)
            .where(OrganisationAlias.organisation_id.in_(ids))
            .order_by(OrganisationAlias.id)
        ):
            aliases.setdefault(org_id, []).append(alias)
    parent_ids = {o.parent_id for o in orgs if o.parent_id is not None}
    names = dict(session.execute(select(Organisation.id, Organisation.name).where(Organisation.id.in_(parent_ids))).all()) if parent_ids else {}
    return [
        OrganisationDTO(
            o.id, o.name, o.short_name, OrganisationKind(o.kind), o.archived_at, o.parent_id,
            names.get(o.parent_id, ""), tuple(aliases.get(o.id, ())),
        )
        for o in orgs
    ]


def _org_dto(session: Session, o: Organisation) -> OrganisationDTO:
    return _org_dtos(session, [o])[0]


NamesIndex = dict[str, list[tuple[int, str]]]


def names_index_in(session: Session) -> NamesIndex:
    """{name key: [(organisation id, why the name is taken)]} over live organisations' names
    and aliases. Build it once for an import and pass it to `check_organisation`."""
    used: NamesIndex = {}
    live = Organisation.archived_at.is_(None)
    for org_id, name in session.execute(select(Organisation.id, Organisation.name).where(live)):
        used.setdefault(name_key(name), []).append((org_id, f"An organisation called '{name}' already exists"))
    for org_id, alias, name in session.execute(
        select(Organisation.id, OrganisationAlias.alias, Organisation.name)
        .join(Organisation, Organisation.id == OrganisationAlias.organisation_id)
        .where(live)
    ):
        used.setdefault(name_key(alias), []).append((org_id, f"'{alias}' is already another name of {name}"))
    return used


def _taken(index: NamesIndex, text: str, record_id: int | None) -> str | None:
    return next((why for org_id, why in index.get(name_key(text), []) if org_id != record_id), None)


def check_organisation(
    session: Session, f: OrganisationFields, record_id: int | None, index: NamesIndex | None = None
) -> dict:
    """Checked column values for an organisation (see `check_aliases` for its aliases).

    A name may not be another live organisation's name or alias (`name_key` rules)."""
    c = Checker()
    name = c.required("name", f.name, "Name")
    short = c.optional("short_name", f.short_name, "Short name", 60)
    kind = None
    try:
        kind = f.kind if isinstance(f.kind, OrganisationKind) else OrganisationKind.parse(f.kind)
    except ValueError as exc:
        c.add("kind", str(exc))
    if name:
        clash = _taken(names_index_in(session) if index is None else index, name, record_id)
        if clash:
            c.add("name", clash)
    if f.parent_id is not None:
        if record_id is not None and f.parent_id == record_id:
            c.add("parent_id", "An organisation cannot be part of itself")
        elif session.get(Organisation, f.parent_id) is None:
            c.add("parent_id", "Choose the organisation it is part of from the list")
        elif record_id is not None and _org_is_under(session, f.parent_id, record_id):
            c.add("parent_id", "It cannot be part of one of its own parts")
    c.raise_if_any()
    return {"name": name, "short_name": short, "kind": kind.value, "parent_id": f.parent_id}


def check_aliases(
    session: Session, f: OrganisationFields, record_id: int | None, index: NamesIndex | None = None
) -> list[str]:
    """The organisation's other names, cleaned; ValidationError on the field "aliases" when one
    is too long or is another organisation's name or alias."""
    c = Checker()
    aliases = clean_aliases(f.aliases, f.name)
    if aliases and index is None:
        index = names_index_in(session)
    for alias in aliases:
        clash = _taken(index, alias, record_id)
        if len(alias) > ALIAS_MAX:
            c.add("aliases", f"The other name '{alias[:30]}…' is too long (at most {ALIAS_MAX} characters)")
        elif clash:
            c.add("aliases", clash.replace("already exists", "already exists, so it cannot be another name of this one"))
    c.raise_if_any()
    return aliases


def _org_is_under(session: Session, candidate: int, ancestor: int) -> bool:
    parents = dict(session.execute(select(Organisation.id, Organisation.parent_id)).all())
    seen: set[int] = set()
    node: int | None = candidate
    while node is not None and node not in seen:
        if node == ancestor:
            return True
        seen.add(node)
        node = parents.get(node)
    return False


def set_aliases_in(session: Session, org_id: int, aliases: list[str]) -> None:
    """Make the organisation's aliases exactly `aliases` (already checked)."""
    current = {a.alias: a for a in session.scalars(select(OrganisationAlias).where(OrganisationAlias.organisation_id == org_id))}
    for text, row in current.items():
        if text not in aliases:
            session.delete(row)
    for text in aliases:
        if text not in current:
            session.add(OrganisationAlias(organisation_id=org_id, alias=text))
    session.flush()


def _check_all(session: Session, f: OrganisationFields, record_id: int | None) -> tuple[dict, list[str]]:
    errors: dict[str, str] = {}
    values: dict = {}
    aliases: list[str] = []
    index = names_index_in(session)
    try:
        values = check_organisation(session, f, record_id, index)
    except ValidationError as exc:
        errors.update(exc.errors)
    try:
        aliases = check_aliases(session, f, record_id, index)
    except ValidationError as exc:
        errors.update(exc.errors)
    if errors:
        raise ValidationError(errors)
    return values, aliases


def create_organisation(db: Database, fields: OrganisationFields) -> OrganisationDTO:
    with db.unit_of_work() as session:
        values, aliases = _check_all(session, fields, None)
        org = Organisation(**values)
        session.add(org)
        session.flush()
        set_aliases_in(session, org.id, aliases)
        return _org_dto(session, org)


def update_organisation(db: Database, org_id: int, fields: OrganisationFields) -> OrganisationDTO:
    with db.unit_of_work() as session:
        org = get_or_raise(session, Organisation, org_id, "organisation")
        values, aliases = _check_all(session, fields, org_id)
        for key, value in values.items():
            setattr(org, key, value)
        session.flush()
        set_aliases_in(session, org_id, aliases)
        return _org_dto(session, org)


def archive_organisation(db: Database, org_id: int) -> None:
    set_archived(db, Organisation, org_id, "organisation", True)


def restore_organisation(db: Database, org_id: int) -> None:
    set_archived(db, Organisation, org_id, "organisation", False)


def list_organisations(db: Database, include_archived: bool = False) -> list[OrganisationDTO]:
    with db.unit_of_work() as session:
        q = select(Organisation).order_by(func.lower(Organisation.name))
        if not include_archived:
            q = q.where(Organisation.archived_at.is_(None))
        return _org_dtos(session, list(session.scalars(q)))


class OrganisationMatcher:
    """Finds an organisation by its name, one of its aliases or its short name (in that order
    of preference), with `name_key` rules: case, spacing, full stops and '&' do not matter.

    Build it once (`organisation_matcher_in(session)`) and call `find` for every row of an
    import; `match` returns the organisation itself.
    """

    def __init__(self, organisations: list[OrganisationDTO]):
        self.by_name: dict[str, list[OrganisationDTO]] = {}
        self.by_alias: dict[str, list[OrganisationDTO]] = {}
        self.by_short: dict[str, list[OrganisationDTO]] = {}
        for o in organisations:
            self.by_name.setdefault(name_key(o.name), []).append(o)
            for alias in o.aliases:
                self.by_alias.setdefault(name_key(alias), []).append(o)
            if o.short_name:
                self.by_short.setdefault(name_key(o.short_name), []).append(o)

    def candidates(self, text: str) -> list[OrganisationDTO]:
        key = name_key(text)
        if not key:
            return []
        for index in (self.by_name, self.by_alias, self.by_short):
            found = list({o.id: o for o in index.get(key, [])}.values())
            if found:
                return found
        return []

    def match(self, text: str) -> OrganisationDTO | None:
        """The one organisation `text` names, or None (unknown, or more than one)."""
        found = self.candidates(text)
        return found[0] if len(found) == 1 else None

    def find(self, text: str) -> tuple[int | None, str | None]:
        """(organisation id, None), or (None, a sentence saying why not) for import reports."""
        found = self.candidates(text)
        if len(found) == 1:
            return found[0].id, None
        if found:
            names = ", ".join(sorted(o.name for o in found))
            return None, f"Organisation '{text}' could mean more than one organisation ({names}); use the full name"
        return None, (
            f"Organisation '{text}' is not in the database; add it (or import organisations) "
            "first, or correct the name"
        )


def organisation_matcher_in(session: Session) -> OrganisationMatcher:
    """A matcher over the live organisations, inside the caller's unit of work."""
    return OrganisationMatcher(organisations_in(session))


def find_organisation(db: Database, text: str) -> OrganisationDTO | None:
    """The live organisation called `text`, or known by it as an alias or short name; None if
    there is none or more than one."""
    with db.unit_of_work() as session:
        return organisation_matcher_in(session).match(text)


# ---------------------------------------------------------------- people


def _people_query():
    org = aliased(Organisation)
    return select(Person, org.name).outerjoin(org, Person.organisation_id == org.id)


def _person_dto(p: Person, org_name: str | None) -> PersonDTO:
    return PersonDTO(
        p.id, p.name, p.job_title, p.organisation_id, org_name or "", p.email, p.phone, p.notes,
        p.archived_at,
    )


def check_person(session: Session, f: PersonFields) -> dict:
    c = Checker()
    values = {
        "name": c.required("name", f.name, "Name"),
        "job_title": c.optional("job_title", f.job_title, "Job title"),
        "email": c.email("email", f.email),
        "phone": c.optional("phone", f.phone, "Phone", 60),
        "notes": c.optional("notes", f.notes, "Notes", 5000),
        "organisation_id": f.organisation_id,
    }
    if f.organisation_id is not None and session.get(Organisation, f.organisation_id) is None:
        c.add("organisation_id", "Choose an organisation from the list")
    c.raise_if_any()
    return values


def create_person(db: Database, fields: PersonFields) -> PersonDTO:
    with db.unit_of_work() as session:
        person = Person(**check_person(session, fields))
        session.add(person)
        session.flush()
        return get_person_in(session, person.id)


def update_person(db: Database, person_id: int, fields: PersonFields) -> PersonDTO:
    with db.unit_of_work() as session:
        person = get_or_raise(session, Person, person_id, "person")
        for key, value in check_person(session, fields).items():
            setattr(person, key, value)
        session.flush()
        return get_person_in(session, person_id)


def get_person_in(session: Session, person_id: int) -> PersonDTO:
    row = session.execute(_people_query().where(Person.id == person_id)).one()
    return _person_dto(*row)


def archive_person(db: Database, person_id: int) -> None:
    set_archived(db, Person, person_id, "person", True)


def restore_person(db: Database, person_id: int) -> None:
    set_archived(db, Person, person_id, "person", False)


def list_people(db: Database, include_archived: bool = False) -> list[PersonDTO]:
    with db.unit_of_work() as session:
        q = _people_query().order_by(func.lower(Person.name))
        if not include_archived:
            q = q.where(Person.archived_at.is_(None))
        return [_person_dto(p, org) for p, org in session.execute(q)]


# ---------------------------------------------------------------- many rows in one transaction
# For importers: check each row with check_organisation / check_person, then write the
# checked values with these helpers inside the caller's one unit of work.


def organisations_in(session: Session, include_archived: bool = False) -> list[OrganisationDTO]:
    q = select(Organisation).order_by(Organisation.id)
    if not include_archived:
        q = q.where(Organisation.archived_at.is_(None))
    return _org_dtos(session, list(session.scalars(q)))


def people_in(session: Session, include_archived: bool = False) -> list[PersonDTO]:
    q = _people_query().order_by(Person.id)
    if not include_archived:
        q = q.where(Person.archived_at.is_(None))
    return [_person_dto(p, org) for p, org in session.execute(q)]


def add_checked_in(session: Session, kind: str, rows: list[dict]) -> None:
    """Insert rows already checked by check_organisation / check_person (kind "organisation"
    or "person")."""
    model = {"organisation": Organisation, "person": Person}[kind]
    session.add_all([model(**values) for values in rows])
    session.flush()


def change_checked_in(session: Session, kind: str, record_id: int, values: dict) -> None:
    """Update one record with values already checked; the change history records each field."""
    model = {"organisation": Organisation, "person": Person}[kind]
    record = get_or_raise(session, model, record_id, kind)
    for key, value in values.items():
        if getattr(record, key) != value:
            setattr(record, key, value)


# ---------------------------------------------------------------- groups


def _check_group(session: Session, f: GroupFields, record_id: int | None) -> dict:
    c = Checker()
    name = c.required("name", f.name, "Name")
    if not isinstance(f.tier, int) or not 1 <= f.tier <= 5:
        c.add("tier", "Tier must be a whole number from 1 to 5")
    frequency = ""
    if f.frequency:
        try:
            frequency = Frequency(f.frequency).value
        except ValueError:
            c.add("frequency", f"'{f.frequency}' is not a meeting frequency")
    if f.parent_id is not None:
        if record_id is not None and f.parent_id == record_id:
            c.add("parent_id", "A group cannot be its own parent group")
        elif session.get(Group, f.parent_id) is None:
            c.add("parent_id", "Choose a parent group from the list")
        elif record_id is not None and _is_descendant(session, f.parent_id, record_id):
            c.add("parent_id", "The parent group cannot be one of this group's own sub-groups")
    if name:
        clash = session.scalar(
            select(Group.id).where(
                func.lower(Group.name) == name.lower(),
                Group.archived_at.is_(None),
                Group.id != (record_id or 0),
            )
        )
        if clash:
            c.add("name", f"A group called '{name}' already exists")
    c.raise_if_any()
    return {
        "name": name,
        "tier": f.tier,
        "parent_id": f.parent_id,
        "needs_agreement": bool(f.needs_agreement),
        "frequency": frequency,
        "purpose": c.optional("purpose", f.purpose, "Purpose", 5000),
    }


def _is_descendant(session: Session, candidate: int, ancestor: int) -> bool:
    parents = dict(session.execute(select(Group.id, Group.parent_id)).all())
    seen = set()
    node: int | None = candidate
    while node is not None and node not in seen:
        if node == ancestor:
            return True
        seen.add(node)
        node = parents.get(node)
    return False


def _group_dto(g: Group, parent_name: str | None) -> GroupDTO:
    return GroupDTO(
        g.id, g.name, g.tier, g.parent_id, parent_name or "", g.needs_agreement,
        Frequency(g.frequency) if g.frequency else None, g.purpose, g.archived_at,
    )


def _groups_query():
    parent = aliased(Group)
    return select(Group, parent.name).outerjoin(parent, Group.parent_id == parent.id)


def create_group(db: Database, fields: GroupFields) -> GroupDTO:
    with db.unit_of_work() as session:
        group = Group(**_check_group(session, fields, None))
        session.add(group)
        session.flush()
        return _group_dto(*session.execute(_groups_query().where(Group.id == group.id)).one())


def update_group(db: Database, group_id: int, fields: GroupFields) -> GroupDTO:
    with db.unit_of_work() as session:
        group = get_or_raise(session, Group, group_id, "group")
        for key, value in _check_group(session, fields, group_id).items():
            setattr(group, key, value)
        session.flush()
        return _group_dto(*session.execute(_groups_query().where(Group.id == group_id)).one())


def archive_group(db: Database, group_id: int) -> None:
    set_archived(db, Group, group_id, "group", True)


def restore_group(db: Database, group_id: int) -> None:
    set_archived(db, Group, group_id, "group", False)


def list_groups(db: Database, include_archived: bool = False) -> list[GroupDTO]:
    with db.unit_of_work() as session:
        q = _groups_query().order_by(Group.tier, func.lower(Group.name))
        if not include_archived:
            q = q.where(Group.archived_at.is_(None))
        return [_group_dto(g, p) for g, p in session.execute(q)]


# ---------------------------------------------------------------- memberships


def _check_membership(session: Session, f: MembershipFields, record_id: int | None) -> dict:
    c = Checker()
    role = None
    try:
        role = Role(f.role)
    except ValueError:
        c.add("role", "Choose a role from the list")
    person = session.get(Person, f.person_id) if f.person_id is not None else None
    group = session.get(Group, f.group_id) if f.group_id is not None else None
    if person is None:
        c.add("person_id", "Choose the person from the list")
    if group is None:
        c.add("group_id", "Choose the group from the list")
    if f.start_date is None:
        c.add("start_date", "Start date is required")
    c.date_order("end_date", f.start_date, f.end_date, "Start date", "End date")
    if f.organisation_id is not None and session.get(Organisation, f.organisation_id) is None:
        c.add("organisation_id", "Choose the organisation from the list")
    if f.deputy_for_id is not None:
        if f.deputy_for_id == f.person_id:
            c.add("deputy_for_id", "A person cannot be their own deputy")
        elif session.get(Person, f.deputy_for_id) is None:
            c.add("deputy_for_id", "Choose the person deputised for from the list")
    if person and group and role and f.start_date and "end_date" not in c.errors:
        term = Term(f.start_date, f.end_date)
        others = session.scalars(
            select(Membership).where(
                Membership.person_id == person.id,
                Membership.group_id == group.id,
                Membership.role == role.value,
                Membership.archived_at.is_(None),
                Membership.id != (record_id or 0),
            )
        )
        for other in others:
            if term.overlaps(Term(other.start_date, other.end_date)):
                until = f"to {other.end_date:%d/%m/%Y}" if other.end_date else "with no end date"
                c.add(
                    "start_date",
                    f"{person.name} is already {role.label.lower()} of {group.name} from "
                    f"{other.start_date:%d/%m/%Y} {until}; the dates overlap",
                )
                break
    c.raise_if_any()
    return {
        "person_id": f.person_id,
        "group_id": f.group_id,
        "role": role.value,
        "organisation_id": f.organisation_id,
        "deputy_for_id": f.deputy_for_id,
        "start_date": f.start_date,
        "end_date": f.end_date,
        "notes": c.optional("notes", f.notes, "Notes", 5000),
    }


def _memberships_query():
    person = aliased(Person)
    deputy_for = aliased(Person)
    org = aliased(Organisation)
    group = aliased(Group)
    return (
        select(Membership, person.name, group.name, org.name, deputy_for.name, group.needs_agreement)
        .join(person, Membership.person_id == person.id)
        .join(group, Membership.group_id == group.id)
        .outerjoin(org, Membership.organisation_id == org.id)
        .outerjoin(deputy_for, Membership.deputy_for_id == deputy_for.id)
    )


def _membership_dto(row, agreement_people: set[int] | None = None) -> MembershipDTO:
    m, person_name, group_name, org_name, deputy_name, needs = row
    return MembershipDTO(
        m.id, m.person_id, person_name, m.group_id, group_name, Role(m.role), m.organisation_id,
        org_name or "", m.deputy_for_id, deputy_name or "", m.start_date, m.end_date, m.notes,
        m.archived_at, bool(needs),
        True if agreement_people is None else m.person_id in agreement_people,
    )


def _people_with_current_agreement(session: Session, on: date) -> set[int]:
    rows = session.execute(
        select(ConfidentialityAgreement.person_id, ConfidentialityAgreement.signed_on,
               ConfidentialityAgreement.review_due)
        .where(ConfidentialityAgreement.archived_at.is_(None))
    )
    return {pid for pid, signed, due in rows if agreement_current(signed, due, on)}


def create_membership(db: Database, fields: MembershipFields) -> MembershipDTO:
    with db.unit_of_work() as session:
        m = Membership(**_check_membership(session, fields, None))
        session.add(m)
        session.flush()
        return _membership_dto(session.execute(_memberships_query().where(Membership.id == m.id)).one())


def update_membership(db: Database, membership_id: int, fields: MembershipFields) -> MembershipDTO:
    with db.unit_of_work() as session:
        m = get_or_raise(session, Membership, membership_id, "membership")
        for key, value in _check_membership(session, fields, membership_id).items():
            setattr(m, key, value)
        session.flush()
        return _membership_dto(
            session.execute(_memberships_query().where(Membership.id == membership_id)).one()
        )


def archive_membership(db: Database, membership_id: int) -> None:
    set_archived(db, Membership, membership_id, "membership", True)


def restore_membership(db: Database, membership_id: int) -> None:
    set_archived(db, Membership, membership_id, "membership", False)


def list_memberships(
    db: Database,
    on: date | None = None,
    group_id: int | None = None,
    include_archived: bool = False,
    today: date | None = None,
) -> list[MembershipDTO]:
    """Memberships, optionally only those in force on `on`; flags missing agreements.

    The agreement flag is judged on `on` if given, else on `today` (default: the real today).
    """
    with db.unit_of_work() as session:
        q = _memberships_query()
        if not include_archived:
            q = q.where(Membership.archived_at.is_(None))
        if group_id is not None:
            q = q.where(Membership.group_id == group_id)
        if on is not None:
            q = q.where(Membership.start_date <= on).where(
                (Membership.end_date.is_(None)) | (Membership.end_date >= on)
            )
        q = q.order_by(Membership.group_id, Membership.role, Membership.start_date)
        with_agreement = _people_with_current_agreement(session, on or today or date.today())
        return [_membership_dto(row, with_agreement) for row in session.execute(q)]


def members_on(db: Database, group_id: int, on: date) -> list[MembershipDTO]:
    """The members of a group on a date (used to pre-fill attendance registers)."""
    rows = list_memberships(db, on=on, group_id=group_id)
    order = {role: i for i, role in enumerate(Role)}
    return sorted(rows, key=lambda m: (order[m.role], m.person_name.lower()))


# ---------------------------------------------------------------- agreements


def _check_agreement(session: Session, f: AgreementFields) -> dict:
    c = Checker()
    if f.person_id is None or session.get(Person, f.person_id) is None:
        c.add("person_id", "Choose the person who signed from the list")
    if f.signed_on is None:
        c.add("signed_on", "Signed on is required")
    c.date_order("review_due", f.signed_on, f.review_due, "Signed on", "Review due")
    c.raise_if_any()
    return {
        "person_id": f.person_id,
        "signed_on": f.signed_on,
        "review_due": f.review_due,
        "notes": c.optional("notes", f.notes, "Notes", 5000),
    }


def _agreements_query():
    return select(ConfidentialityAgreement, Person.name).join(
        Person, ConfidentialityAgreement.person_id == Person.id
    )


def _agreement_dto(a: ConfidentialityAgreement, person_name: str) -> AgreementDTO:
    return AgreementDTO(a.id, a.person_id, person_name, a.signed_on, a.review_due, a.notes, a.archived_at)


def create_agreement(db: Database, fields: AgreementFields) -> AgreementDTO:
    with db.unit_of_work() as session:
        a = ConfidentialityAgreement(**_check_agreement(session, fields))
        session.add(a)
        session.flush()
        return _agreement_dto(*session.execute(_agreements_query().where(ConfidentialityAgreement.id == a.id)).one())


def update_agreement(db: Database, agreement_id: int, fields: AgreementFields) -> AgreementDTO:
    with db.unit_of_work() as session:
        a = get_or_raise(session, ConfidentialityAgreement, agreement_id, "confidentiality agreement")
        for key, value in _check_agreement(session, fields).items():
            setattr(a, key, value)
        session.flush()
        return _agreement_dto(
            *session.execute(_agreements_query().where(ConfidentialityAgreement.id == agreement_id)).one()
        )


def archive_agreement(db: Database, agreement_id: int) -> None:
    set_archived(db, ConfidentialityAgreement, agreement_id, "confidentiality agreement", True)


def restore_agreement(db: Database, agreement_id: int) -> None:
    set_archived(db, ConfidentialityAgreement, agreement_id, "confidentiality agreement", False)


def list_agreements(db: Database, include_archived: bool = False) -> list[AgreementDTO]:
    with db.unit_of_work() as session:
        q = _agreements_query().order_by(func.lower(Person.name), ConfidentialityAgreement.signed_on)
        if not include_archived:
            q = q.where(ConfidentialityAgreement.archived_at.is_(None))
        return [_agreement_dto(a, n) for a, n in session.execute(q)]
