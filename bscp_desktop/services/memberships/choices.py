"""What the pickers offer: live people, organisations and groups as (label, id), one query each.

Every dialog that picks a person, an organisation or a group asks these (through
`ui/common/pickers.py`), so the lists read the same everywhere. `include` adds the one a record
already names even when it has been archived since ("Priya Shah (Brent Council) (archived)"),
so editing the record keeps it instead of emptying the field. `named_by` does the same in a
list's filter for every archived one its records still name (the action log's owners, the groups
whose meetings are listed), so those records can still be found by them.

No two choices read the same (compared as names are, `name_key`: in any case, with or without
accents or an invisible character): a picker finds what is typed by its label, and an
officer choosing between two "Jane Smith (Brent Council)" could not tell which is which. Two
that would are told apart by what differs between them: a person's job title, then e-mail
address; an organisation's short name; as a last resort the record number ("(#12)").
"""

from __future__ import annotations

from sqlalchemy import or_, select

from bscp_desktop.db.database import Database
from bscp_desktop.db.models import Action, Group, Membership, Organisation, Person
from bscp_desktop.domain.kinds import RecordKind
from bscp_desktop.domain.memberships import name_key
from bscp_desktop.domain.text import alphabetical, isolate

Choice = tuple[str, int]


ARCHIVED = " (archived)"


def _live_or(model, include: int | None, named_by: RecordKind | None = None):
    """Live ones, the one `include`, and the archived ones records of kind `named_by` name."""
    offered = [model.archived_at.is_(None)]
    if include is not None:
        offered.append(model.id == include)
    if named_by is not None:
        offered.append(model.id.in_(_named(model, named_by)))
    return or_(*offered)


def _named(model, kind: RecordKind):
    """The ids of `model` (people, organisations, groups) that records of `kind`, archived or
    not, name: the owners of actions and the group whose meeting raised one; the groups of the
    meetings; the people, organisations represented and groups of the seats."""
    own = {
        (Person, RecordKind.ACTIONS): lambda: select(Action.owner_person_id),
        (Organisation, RecordKind.ACTIONS): lambda: select(Action.owner_organisation_id),
        (Person, RecordKind.MEMBERSHIPS): lambda: select(Membership.person_id),
        (Organisation, RecordKind.MEMBERSHIPS): lambda: select(Membership.organisation_id),
        (Group, RecordKind.MEMBERSHIPS): lambda: select(Membership.group_id),
    }
    if (model, kind) in own:
        return own[(model, kind)]()
    from bscp_desktop.db.models.meetings import Meeting  # another area's records: read when asked, not at start

    return {
        (Group, RecordKind.ACTIONS): select(Meeting.group_id).join(Action, Action.meeting_id == Meeting.id),
        (Group, RecordKind.MEETINGS): select(Meeting.group_id),
    }[(model, kind)]


def person_choices(db: Database, include: int | None = None, named_by: RecordKind | None = None) -> list[Choice]:
    """Live people by name, each with their organisation: "Priya Shah (Brent Council)"; two
    of the same name there with their job titles ("Jane Smith (Brent Council) – Social worker").
    With `named_by`, the archived ones records of that kind name too (a list's filter)."""
    with db.unit_of_work() as session:
        rows = session.execute(
            select(Person.id, Person.name, Organisation.name, Person.job_title, Person.email, Person.archived_at)
            .outerjoin(Organisation, Person.organisation_id == Organisation.id)
            .where(_live_or(Person, include, named_by))
            .order_by(Person.id)
        ).all()
    rows = _by_name(rows)
    labels = _distinct([(pid, _with_organisation(name, org), (job, email)) for pid, name, org, job, email, _gone in rows])
    return [(label + (ARCHIVED if row[-1] else ""), row[0]) for label, row in zip(labels, rows, strict=True)]


def _by_name(rows: list) -> list:
    """Rows of (id, name, ...) read in the order of their ids, put in the order names are listed
    (`alphabetical`: "Émile" under E, on any database), those of one name by id."""
    return sorted(rows, key=lambda row: alphabetical(row[1]))


def _distinct(choices: list[tuple[int, str, tuple[str, ...]]]) -> list[str]:
    """The labels of (id, label, details) choices, those that would read the same as another
    (in any case) told apart by the first details that differ between them ("Jane Smith
    (Brent Council) – Social worker"), and, where that is not enough, by record number."""
    labels = [label for _id, label, _details in choices]
    for step in range(len(choices[0][2]) if choices else 0):
        clashes = _clashing(labels)
        if not clashes:
            return labels
        for rows in clashes:
            if len({choices[i][2][step].strip().casefold() for i in rows}) > 1:  # this detail tells some apart
                for i in rows:
                    if detail := choices[i][2][step].strip():
                        labels[i] += (", " if labels[i] != choices[i][1] else " – ") + detail
    for rows in _clashing(labels):
        for i in rows:
            labels[i] += f" (#{choices[i][0]})"
    return labels


def _clashing(labels: list[str]) -> list[list[int]]:
    """The places of labels that read the same as another, group by group: compared as names are
    (`name_key`: in any case, with or without accents, full stops or an invisible character)."""
    places: dict[str, list[int]] = {}
    for i, label in enumerate(labels):
        places.setdefault(name_key(label), []).append(i)
    return [rows for rows in places.values() if len(rows) > 1]


def _with_organisation(name: str, organisation: str | None) -> str:
    """"Priya Shah (Brent Council)"; a name that already ends with its organisation in brackets
    (a post recorded by its title: "Head of Service (Brent Council)") is not given it twice."""
    if not organisation or name.casefold().endswith(f"({organisation})".casefold()):
        return name
    return f"{isolate(name)} ({organisation})"


def organisation_choices(db: Database, include: int | None = None, named_by: RecordKind | None = None) -> list[Choice]:
    """Live organisations by name; with `named_by`, the archived ones records of that kind name too."""
    with db.unit_of_work() as session:
        rows = session.execute(
            select(Organisation.id, Organisation.name, Organisation.short_name, Organisation.archived_at)
            .where(_live_or(Organisation, include, named_by))
            .order_by(Organisation.id)
        ).all()
    rows = _by_name(rows)
    labels = _distinct([(oid, name, (short,)) for oid, name, short, _gone in rows])
    return [(label + (ARCHIVED if row[-1] else ""), row[0]) for label, row in zip(labels, rows, strict=True)]


def group_choices(db: Database, include: int | None = None, named_by: RecordKind | None = None) -> list[Choice]:
    """Live groups by name; with `named_by`, the archived ones records of that kind name too."""
    with db.unit_of_work() as session:
        rows = session.execute(
            select(Group.id, Group.name, Group.archived_at).where(_live_or(Group, include, named_by))
            .order_by(Group.id)
        ).all()
    rows = _by_name(rows)
    labels = _distinct([(gid, name, ()) for gid, name, _gone in rows])
    return [(label + (ARCHIVED if row[-1] else ""), row[0]) for label, row in zip(labels, rows, strict=True)]
