"""Organisations: their other names (aliases), the organisations they are part of, and
finding one by any of its names for imports."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from functools import cached_property

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bscp_desktop.db.database import Database
from bscp_desktop.db.engines import decide_alone
from bscp_desktop.db.models import Membership, Organisation, OrganisationAlias, Person
from bscp_desktop.domain.memberships import OrganisationKind, clean_aliases, name_key
from bscp_desktop.domain.text import alphabetical
from bscp_desktop.domain.validation import Checker, ValidationError
from bscp_desktop.services.actions import open_actions_note
from bscp_desktop.services.common import ARCHIVED_ORGANISATION, RESTORE_ADVICE, archivers, assign, get_to_change, parent_problem, set_rows, unarchived, values_by_owner
from bscp_desktop.services.memberships.dtos import OrganisationDTO, OrganisationFields

# ---------------------------------------------------------------- organisations

ALIAS_MAX = 200


def _org_dtos(session: Session, orgs: list[Organisation]) -> list[OrganisationDTO]:
    """DTOs with parent names and aliases, in two queries whatever the number of rows."""
    ids = [o.id for o in orgs]
    aliases = values_by_owner(session, OrganisationAlias.organisation_id, OrganisationAlias.alias, ids)
    parent_ids = {o.parent_id for o in orgs if o.parent_id is not None}
    names = dict(session.execute(select(Organisation.id, Organisation.name).where(Organisation.id.in_(parent_ids))).all()) if parent_ids else {}
    return [
        OrganisationDTO(
            o.id, o.name, o.short_name, OrganisationKind(o.kind), o.parent_id,
            names.get(o.parent_id, ""), tuple(aliases.get(o.id, ())), version=o.version, archived_at=o.archived_at,
        )
        for o in orgs
    ]


def _org_dto(session: Session, o: Organisation) -> OrganisationDTO:
    return _org_dtos(session, [o])[0]


SHORT_NAME_ADVICE = ": give its full name to change it, or another name for a new organisation"
ARCHIVED_NAME_ADVICE = "which is archived: restore it on the Memberships tab first, or give another name"


class NamesIndex(dict[str, list[tuple[int, str]]]):
    """{name key: [(organisation id, why the name is taken)]} over live organisations' names,
    aliases and short names, and in `archived` {name key: [(organisation id, its name)]} over
    archived organisations' names, aliases and short names."""

    def __init__(self) -> None:
        super().__init__()
        self.archived: dict[str, list[tuple[int, str]]] = {}

    def add(self, org_id: int, name: str, short: str) -> None:
        """Note a live organisation's name and short name (an import notes each row it accepts,
        so a later row may not take them either; a row not yet saved has an id below zero)."""
        self.setdefault(name_key(name), []).append((org_id, f"An organisation called '{name}' already exists"))
        if short.strip():
            self.setdefault(name_key(short), []).append((
                org_id, f"'{short}' is the short name of {name}{SHORT_NAME_ADVICE}"))

    def archived_one(self, text: str, record_id: int | None) -> str | None:
        """The name of the archived organisation called `text` (or known by it), where the
        organisation `record_id` does not have the name already; else None."""
        key = name_key(text)
        if record_id is not None and any(org_id == record_id for org_id, _why in self.get(key, [])):
            return None
        return next((name for org_id, name in self.archived.get(key, []) if org_id != record_id), None)


def names_index_in(session: Session) -> NamesIndex:
    """The names of live organisations (imports find an organisation by its name, alias or short
    name: a second one using it would take its records) and of archived ones (a second one of
    its name would keep it from being restored). Build it once for an import and pass it to
    `check_organisation`. Until the transaction ends no other program reads it to decide (two
    officers adding one name at once would each find it free: `engines.decide_alone`)."""
    decide_alone(session, "organisation names")
    used = NamesIndex()
    for org_id, name, short, gone in session.execute(select(
            Organisation.id, Organisation.name, Organisation.short_name, Organisation.archived_at.is_not(None))):
        if gone:
            for text in (name, short):
                if text.strip():
                    used.archived.setdefault(name_key(text), []).append((org_id, name))
        else:
            used.add(org_id, name, short)
    for org_id, alias, name, gone in session.execute(
        select(Organisation.id, OrganisationAlias.alias, Organisation.name, Organisation.archived_at.is_not(None))
        .join(Organisation, Organisation.id == OrganisationAlias.organisation_id)
    ):
        if gone:
            used.archived.setdefault(name_key(alias), []).append((org_id, name))
        else:
            used.setdefault(name_key(alias), []).append((org_id, f"'{alias}' is already another name of {name}"))
    return used


def _taken(index: NamesIndex, text: str, record_id: int | None) -> str | None:
    return next((why for org_id, why in index.get(name_key(text), []) if org_id != record_id), None)


def check_organisation(
    session: Session, f: OrganisationFields, record_id: int | None, index: NamesIndex | None = None
) -> dict:
    """Checked column values for an organisation (see `check_aliases` for its aliases).

    Its name and short name may not be another live organisation's name, alias or short name
    (`name_key` rules), and a new name may not be an archived organisation's. An archived
    organisation is not chosen as the one it is part of (as no new person or seat is given one),
    unless it already is: a change elsewhere is still saved."""
    c = Checker()
    name = c.name("name", f.name, "Name")
    short = c.optional_line("short_name", f.short_name, "Short name", 60)
    kind = None
    try:
        kind = f.kind if isinstance(f.kind, OrganisationKind) else OrganisationKind.parse(f.kind)
    except ValueError as exc:
        c.add("kind", str(exc))
    index = names_index_in(session) if index is None and (name or short) else index
    kept = session.get(Organisation, record_id) if record_id is not None else None
    for field, text in (("name", name), ("short_name", short)):
        # a name kept as saved is not checked again: two on record that only a newer rule
        # finds alike ("Café" and "Cafe") can each still be saved
        same = kept is not None and text == getattr(kept, field)
        clash = _taken(index, text, record_id) if text and not same else None
        if clash:
            c.add(field, clash)
    if name and (gone := index.archived_one(name, record_id)):
        c.add("name", f"Name '{name}' is {gone}, {ARCHIVED_NAME_ADVICE}{' for a new organisation' if record_id is None else ''}")
    if f.parent_id is not None:
        if problem := parent_problem(session, Organisation, f.parent_id, record_id, (
            "An organisation cannot be part of itself", "Choose the organisation it is part of from the list",
            "It cannot be part of one of its own parts",
        )):
            c.add("parent_id", problem)
        elif (parent := session.get(Organisation, f.parent_id)).archived_at is not None and (
                kept is None or kept.parent_id != parent.id):
            c.add("parent_id", ARCHIVED_ORGANISATION.format(name=parent.name))
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
    kept = set(session.scalars(select(OrganisationAlias.alias).where(
        OrganisationAlias.organisation_id == record_id))) if record_id is not None else set()
    for alias in aliases:
        clash = _taken(index, alias, record_id) if alias not in kept else None
        if len(alias) > ALIAS_MAX:
            c.add("aliases", f"The other name '{alias[:30]}…' is too long (at most {ALIAS_MAX} characters)")
        elif clash:
            c.add("aliases", clash.replace("already exists", "already exists, so it cannot be another name of this one"))
    c.raise_if_any()
    return aliases


def set_aliases_in(session: Session, org_id: int, aliases: list[str]) -> None:
    """Make the organisation's aliases exactly `aliases` (already checked)."""
    current = {a.alias: a for a in session.scalars(select(OrganisationAlias).where(OrganisationAlias.organisation_id == org_id))}
    set_rows(session, current, aliases, lambda text: OrganisationAlias(organisation_id=org_id, alias=text))
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


def update_organisation(db: Database, org_id: int, fields: OrganisationFields,
                        version: int | None = None) -> OrganisationDTO:
    with db.unit_of_work() as session:
        org = get_to_change(session, Organisation, org_id, "organisation", version)
        values, aliases = _check_all(session, fields, org_id)
        assign(org, values)
        session.flush()
        set_aliases_in(session, org_id, aliases)
        return _org_dto(session, org)


def _restorable_organisation(session: Session, record: Organisation) -> None:
    """An archived organisation comes back only while no live one has its name, its short name or
    one of its other names (as a save would refuse)."""
    index = names_index_in(session)
    aliases = session.scalars(select(OrganisationAlias.alias).where(OrganisationAlias.organisation_id == record.id))
    for field, text in (("name", record.name), ("short_name", record.short_name), *(("name", a) for a in aliases)):
        if text.strip() and (clash := _taken(index, text, record.id)):
            raise ValidationError({field: clash.removesuffix(SHORT_NAME_ADVICE) + RESTORE_ADVICE})


archive_organisation, restore_organisation = archivers(Organisation, "organisation", _restorable_organisation)


def organisation_archive_note(db: Database, org_id: int, on: date | None = None) -> str:
    """What still hangs on an organisation about to be archived, in words ('' for nothing): its
    current people and the seats representing it that run on `on` (or start later), its delegates'
    training bookings on sessions from `on` on, and the open actions it owns in the action log.
    They keep it: the officer archiving it is told, to move, end, cancel or hand them on too."""
    # the training tables load only when an organisation is about to be archived
    from bscp_desktop.services.training.organisation_bookings import bookings_to_come_note

    on = on or date.today()
    with db.unit_of_work() as session:
        people = session.scalar(select(func.count()).select_from(Person).where(
            Person.organisation_id == org_id, Person.archived_at.is_(None)))
        seats = session.scalar(select(func.count()).select_from(Membership).where(
            Membership.organisation_id == org_id, Membership.archived_at.is_(None),
            Membership.end_date.is_(None) | (Membership.end_date >= on)))
        training = bookings_to_come_note(session, org_id, on)
    held = [f"{n} {word}" for n, word in (
        (people, "current person" if people == 1 else "current people"),
        (seats, "current seat on a group representing it" if seats == 1 else "current seats on groups representing it"),
    ) if n]
    actions = open_actions_note(db, "owner_organisation_id", [org_id])
    said = [f"It has {' and '.join(held)}: {'it keeps' if people + seats == 1 else 'they keep'} it, but no new "
            "person or seat can be given it until it is restored (if it has closed, move the people to another "
            "organisation and end the seats too)."] if held else []
    return " ".join(part for part in (*said, training, actions) if part)


def list_organisations(db: Database, include_archived: bool = False) -> list[OrganisationDTO]:
    """Organisations by name as the program lists names (`alphabetical`: "École" under E, on any
    database), those of one name by record number."""
    with db.unit_of_work() as session:
        q = unarchived(select(Organisation).order_by(Organisation.id), Organisation, include_archived)
        return _org_dtos(session, sorted(session.scalars(q), key=lambda o: alphabetical(o.name)))


class OrganisationMatcher:
    """Finds an organisation by its name, one of its aliases or its short name (in that order
    of preference), with `name_key` rules: case, spacing, full stops and '&' do not matter;
    where none has the name now, by a name or short name one had before a rename (its change
    history: `former_names`, read the first time it is needed).

    Build it once (`organisation_matcher_in(session)`) and call `find` for every row of an
    import; `match` returns the organisation itself (by a name it has now).
    """

    def __init__(self, organisations: list[OrganisationDTO], archived: list[OrganisationDTO] | None = None,
                 former_names: Callable[[], Iterable[tuple[int, str]]] | None = None):
        #: the archived ones, matched the same way only to say so (`find`, `archived_match`)
        self.archived = OrganisationMatcher(archived) if archived else None
        self.by_name: dict[str, list[OrganisationDTO]] = {}
        self.by_alias: dict[str, list[OrganisationDTO]] = {}
        self.by_short: dict[str, list[OrganisationDTO]] = {}
        self._former_names = former_names
        self._every = {o.id: o for o in (*organisations, *(archived or ()))}
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

    def find(self, text: str, number: int = 0, notes: list[str] | None = None) -> tuple[int | None, str | None]:
        """(organisation id, None), or (None, a sentence saying why not) for import reports. Found
        by a name it had before a rename, the sentence saying so is added to `notes` for row
        `number` (`renamed_note`)."""
        found = self.candidates(text)
        if len(found) == 1:
            return found[0].id, None
        if found:
            names = ", ".join(sorted(o.name for o in found))
            return None, f"Organisation '{text}' could mean more than one organisation ({names}); use the full name"
        gone = self.archived_match(text)
        if gone is not None:
            return None, (f"Organisation '{text}' is {gone.name}, which is archived: restore it on the Memberships "
                          "tab first, or correct the name")
        was = self.former(text)
        if len(was) > 1:
            return None, (f"Organisation '{text}' was the name of more than one organisation before a rename "
                          f"({', '.join(sorted(o.name for o in was))}): use the name it has now")
        if was and was[0].archived:
            return None, (f"Organisation '{text}' is now called {was[0].name}, which is archived: restore it on the "
                          "Memberships tab first, or correct the name")
        if was:
            if notes is not None:
                notes.append(renamed_note(number, text, was[0].name))
            return was[0].id, None
        return None, (
            f"Organisation '{text}' is not in the database; add it (or import organisations) "
            "first, or correct the name"
        )

    def archived_match(self, text: str) -> OrganisationDTO | None:
        """The archived organisation `text` names, where no live one does."""
        return self.archived.match(text) if self.archived is not None and not self.candidates(text) else None

    def archived_named(self, text: str) -> OrganisationDTO | None:
        """The archived organisation `text` names (`archived_match`), or, where none has the name
        now, the one archived organisation that had it before a rename."""
        gone = self.archived_match(text)
        if gone is None and len(was := self.former(text)) == 1 and was[0].archived:
            gone = was[0]
        return gone

    def known(self, text: str) -> bool:
        """Whether `find` finds an organisation `text` names, or says why not (an archived one, one
        it could mean of several, a name it had before a rename): not a name new to the database."""
        return bool(self.candidates(text) or self.archived_match(text) or self.former(text))

    def former(self, text: str) -> list[OrganisationDTO]:
        """The organisations (archived ones too) that had `text` as their name or short name
        before a rename, by record number, where none is called or known by it now."""
        if not name_key(text) or self._now(text):
            return []
        return [o for _id, o in sorted(self._former.get(name_key(text), {}).items())]

    def had(self, org_id: int, text: str) -> bool:
        """Whether the organisation `org_id` has had `text` as its name or short name."""
        return org_id in self._former.get(name_key(text), {})

    def is_called(self, org_id: int, text: str) -> bool:
        """Whether `text` names the organisation `org_id` (live or archived): by its name, an alias
        or its short name, or a name or short name it had before a rename."""
        key = name_key(text)
        now = (self, self.archived) if self.archived is not None else (self,)
        return any(o.id == org_id for m in now for index in (m.by_name, m.by_alias, m.by_short)
                   for o in index.get(key, [])) or self.had(org_id, text)

    def _now(self, text: str) -> bool:
        return bool(self.candidates(text) or (self.archived is not None and self.archived.candidates(text)))

    @cached_property
    def _former(self) -> dict[str, dict[int, OrganisationDTO]]:
        """{name key: {id: organisation}} of every name and short name the organisations have had."""
        former: dict[str, dict[int, OrganisationDTO]] = {}
        for org_id, value in (self._former_names() if self._former_names is not None else ()):
            if (o := self._every.get(org_id)) is not None and (key := name_key(value)):
                former.setdefault(key, {})[org_id] = o
        return former


def renamed_note(number: int, text: str, name: str) -> str:
    """The report's note on a row naming an organisation by a name it had before a rename."""
    return f"Row {number}: '{text}' is now called '{name}'; the row is matched to it."


def former_names_in(session: Session) -> list[tuple[int, str]]:
    """(organisation id, a name or short name it has had) as the change history keeps them, in
    one query (`history.values_held_in`)."""
    from bscp_desktop.services.history import values_held_in  # the history's names read the memberships

    return values_held_in(session, Organisation.__tablename__, ("name", "short_name"))


def organisation_matcher_in(session: Session) -> OrganisationMatcher:
    """A matcher over the live organisations, inside the caller's unit of work (it knows the
    archived ones too, to say so of a name that is one of theirs, and reads the names they had
    before a rename only when a name matches none now)."""
    every = organisations_in(session, include_archived=True)
    return OrganisationMatcher([o for o in every if not o.archived], [o for o in every if o.archived],
                               lambda: former_names_in(session))


def find_organisation(db: Database, text: str) -> OrganisationDTO | None:
    """The live organisation called `text`, or known by it as an alias or short name; None if
    there is none or more than one."""
    with db.unit_of_work() as session:
        return organisation_matcher_in(session).match(text)


def organisations_in(session: Session, include_archived: bool = False) -> list[OrganisationDTO]:
    q = select(Organisation).order_by(Organisation.id)
    q = unarchived(q, Organisation, include_archived)
    return _org_dtos(session, list(session.scalars(q)))
