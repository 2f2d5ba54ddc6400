"""The memberships service's own rules for seats, agreements, registers and deputies, run on the
team database as it is now, inside bringing back's transaction, on what bringing back would
write (`bring_back._problems`, so its plan names them too). The copy's own checks (`saving`)
know nothing of what changed on the team database meanwhile (a person archived there, a
register of a meeting the copy does not hold), so each change is held to the check saving it
there makes:

- a seat made offline, as adding it refuses (`memberships.check_membership`: a person, group or
  organisation archived there, a deputy standing in for no member there, a seat overlapping
  another; then, added, a deputy's place that never counts, `deputising_uncounted`);
- a seat changed, ended or archived offline, as changing it there refuses once it is changed
  (`memberships.update_membership`: deputies left with no member's seat to stand in for,
  `uncovered_deputies`; a register recording its member at a meeting the seat no longer
  covers, approved minutes too, `_registers_left`; a deputy left holding only a place that
  never counts, `deputising_uncounted`); one restored offline, as restoring it there refuses
  (`restoring.restorable_seat`);
- an agreement made offline, as recording it refuses, and one restored offline, as restoring it
  refuses (`_check_agreement`, `_restorable_agreement`: the person who signed archived there);
- the meeting's register as brought back (`rules.Merged`): someone added to it offline whom
  adding there refuses, a member's deputy recorded offline whom marking the register there
  refuses (`rules.register_problems`, `rules.deputy_problems`).

They run on the records as bringing back would leave them: the people, organisations and
groups it restores or archives, its seats changed and added, in a savepoint rolled back before
anything is written, so the plan and bringing back meet the same rows and neither leaves a
trace (nor announces a change). A problem the team database already has (a seat's check
refusing it there as it stands) is not the copy's. The register follows a seat bringing back
changes as it follows one changed there (`follow_seats`): an entry with nothing recorded on a
day the seat no longer covers is taken off, in the same transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from types import SimpleNamespace

from sqlalchemy.orm import Session

from bscp_desktop.db import changes
from bscp_desktop.db.models import ConfidentialityAgreement, Group, Membership, Organisation, Person
from bscp_desktop.domain.validation import ValidationError
from bscp_desktop.services.memberships.dtos import AgreementFields, MembershipFields
from bscp_desktop.services.memberships.memberships import _check_agreement, _registers_left, _restorable_agreement, check_membership, deputising_uncounted, seat_as_it_is, uncovered_deputies
from bscp_desktop.services.memberships.people import SimilarPeople, _people_query, _person_dto
from bscp_desktop.services.memberships.restoring import restorable_seat
from bscp_desktop.services.offline import copying, rules
from bscp_desktop.services.offline.naming import Names

Key = tuple[str, int, str]
OnServer = Callable[[str, int | None], int | None]
_CHANGE_AFTERWARDS = "change it in the offline copy or on the team database, then bring the copy back"
#: The records whose archiving or restoring bringing back applies before the seats are checked.
_ARCHIVABLE = {"person": Person, "organisation": Organisation, "partnership_group": Group}


@dataclass
class Written:
    """What bringing back writes, as the checks need it: the fields it writes (`writes`, by the
    copy's ids; for the plan, the removed records' restoring too), the records made offline to
    add (`new`), the team database's id of a copied record (`server_id`) and of a linked one
    (`on_server`: None for one made offline and added), and the records already refused
    (`refused`, by table and the copy's id: named once, by that refusal)."""

    rows: copying.Rows
    writes: Mapping[Key, object]
    new: Mapping[str, list[dict]]
    server_id: Callable[[str, int], int]
    on_server: OnServer
    refused: set[tuple[str, int]] = field(default_factory=set)


def problems(session: Session, w: Written, names: Names, meeting: rules.Merged | None, label: str,
             made_people: set[int]) -> list[str]:
    """Why the seats, agreements and register bringing back would write cannot stand on the team
    database (see the module's description), each named; [] when they can. `meeting` is the
    meeting as brought back (`rules.merged`), `label` its name, `made_people` the people made
    offline."""
    announced = set(session.info.get(changes.CHANGED, ()))
    savepoint = session.begin_nested()
    try:
        return _checked(session, w, names, meeting, label, made_people)
    except ValidationError as exc:  # a rule every write keeps refused the rows as they would stand
        return [f"{label}: as brought back, the team database refuses it: {exc.sentence().rstrip('.')}; "
                f"{_CHANGE_AFTERWARDS}"]
    finally:
        savepoint.rollback()
        session.info[changes.CHANGED] = announced


def _said(exc: ValidationError) -> str:
    return "; ".join(dict.fromkeys(exc.errors.values()))


def _linked(table: str, column: str, value, on_server: OnServer):
    """A written value with a link as the team database has it (None: a record made offline)."""
    referred = next((ref for col, ref in copying.links(copying.table(table)) if col == column), None)
    return value if referred is None or value is None else on_server(referred, value)


def _by_record(w: Written, table: str) -> dict[int, dict[str, object]]:
    """The fields written to each record of `table` (by the copy's id), links as the team
    database has them; a record linked to one made offline, or refused already, left out."""
    found: dict[int, dict[str, object]] = {}
    for (name, record_id, column), value in w.writes.items():
        if name == table and (table, record_id) not in w.refused:
            found.setdefault(record_id, {})[column] = value
    return {i: {c: _linked(table, c, v, w.on_server) for c, v in values.items()} for i, values in found.items()
            if not any(values[c] is not None and _linked(table, c, values[c], w.on_server) is None for c in values)}


def _checked(session: Session, w: Written, names: Names, meeting: rules.Merged | None, label: str,
             made_people: set[int]) -> list[str]:
    found: list[str] = []
    changed, restored = _seats_written(session, w)
    # what the team database's checks already refuse of those seats as they stand there
    already = {seat.id: _change_refused(session, before, seat) for before, seat, _i in changed}
    # the people, organisations and groups archived or restored as bringing back leaves them
    for (table, record_id, column), value in w.writes.items():
        if column == "archived_at" and table in _ARCHIVABLE:
            record = session.get(_ARCHIVABLE[table], w.server_id(table, record_id))
            if record is not None:
                record.archived_at = value
    for record_id, values in _by_record(w, "membership").items():
        seat = session.get(Membership, w.server_id("membership", record_id))
        if seat is not None:
            for column, value in values.items():
                setattr(seat, column, value)
    session.flush()
    for before, seat, record_id in changed:
        if (problem := _change_refused(session, before, seat)) and problem != already[seat.id]:
            found.append(_named(names, "membership", w.rows["membership"][record_id], "changed offline", problem))
    for seat, record_id in restored:
        try:
            restorable_seat(session, seat)
        except ValidationError as exc:
            found.append(_restore_refused(names, "membership", w.rows["membership"][record_id], _said(exc)))
    found += _new_seats(session, w, names)
    found += _agreements(session, w, names)
    if meeting is not None:
        found += rules.register_problems(session, meeting, names, label, made_people)
        found += rules.deputy_problems(session, meeting, names, label, made_people)
        found += rules.owner_problems(session, meeting, names, label, w.on_server)
    return found


def _seats_written(session: Session, w: Written) -> tuple[list[tuple[dict, Membership, int]],
                                                         list[tuple[Membership, int]]]:
    """The seats on the team database bringing back changes (each as it is there, the seat and
    the copy's id), and those it restores; one removed there and left removed is neither."""
    changed, restored = [], []
    for record_id, values in _by_record(w, "membership").items():
        seat = session.get(Membership, w.server_id("membership", record_id))
        if seat is None:
            continue
        if seat.archived_at is None:
            changed.append((seat_as_it_is(seat), seat, record_id))
        elif "archived_at" in values and values["archived_at"] is None:
            restored.append((seat, record_id))
    return changed, restored


def _change_refused(session: Session, before: dict, seat: Membership) -> str:
    """Why the team database refuses the seat as it now stands once changed from `before` (its
    person, group and dates as they were; the change flushed), as saving the change there does
    (`memberships.update_membership`); '' when it does not."""
    session.flush()
    after = seat_as_it_is(seat)
    for person_id, group_id in dict.fromkeys(((before["person_id"], before["group_id"]),
                                              (after["person_id"], after["group_id"]))):
        if problem := uncovered_deputies(session, person_id, group_id):
            return problem
    if seat.archived_at is not None:
        return _registers_left(session, before) or deputising_uncounted(session, before)
    return _registers_left(session, before) or deputising_uncounted(session, before) or deputising_uncounted(
        session, after)


def _new_seats(session: Session, w: Written, names: Names) -> list[str]:
    """Seats made offline as adding each on the team database refuses it: checked as
    `create_membership` checks it, then added (in the savepoint) for the checks after it."""
    found, added = [], []
    for row in w.new.get("membership", []):
        if ("membership", row["id"]) in w.refused or w.on_server("membership", row["id"]) is not None:
            continue  # refused in the copy, or the same seat there (`checks.match_new`)
        linked = {c: _linked("membership", c, row.get(c), w.on_server)
                  for c in ("person_id", "group_id", "organisation_id", "deputy_for_id")}
        if any(row.get(c) is not None and linked[c] is None for c in ("person_id", "group_id", "deputy_for_id")):
            continue  # for a person or group made offline: nothing on the team database to check against
        fields = MembershipFields(linked["person_id"], linked["group_id"], row.get("role"), row.get("start_date"),
                                  row.get("end_date"), linked["organisation_id"], linked["deputy_for_id"],
                                  row.get("notes") or "")
        try:
            values = check_membership(session, fields, None)
        except ValidationError as exc:
            found.append(_named(names, "membership", row, "given offline", _said(exc)))
            continue
        seat = Membership(**values)
        session.add(seat)
        added.append((seat, row))
    session.flush()
    for seat, row in added:
        if problem := deputising_uncounted(session, seat_as_it_is(seat)):
            found.append(_named(names, "membership", row, "given offline", problem))
    return found


def _agreements(session: Session, w: Written, names: Names) -> list[str]:
    """Agreements made offline as recording each on the team database refuses it, and those
    restored offline as restoring each there refuses it (the person who signed archived)."""
    found = []
    for row in w.new.get("confidentiality_agreement", []):
        person_id = _linked("confidentiality_agreement", "person_id", row.get("person_id"), w.on_server)
        if ("confidentiality_agreement", row["id"]) in w.refused or person_id is None:
            continue
        fields = AgreementFields(person_id, row.get("signed_on"), row.get("review_due"), row.get("notes") or "")
        try:
            _check_agreement(session, fields, None)
        except ValidationError as exc:
            found.append(_named(names, "confidentiality_agreement", row, "made offline", _said(exc)))
    for record_id, values in _by_record(w, "confidentiality_agreement").items():
        agreement = session.get(ConfidentialityAgreement, w.server_id("confidentiality_agreement", record_id))
        if agreement is None or agreement.archived_at is None or values.get("archived_at", "") is not None:
            continue
        try:
            _restorable_agreement(session, SimpleNamespace(person_id=values.get("person_id", agreement.person_id)))
        except ValidationError as exc:
            found.append(_restore_refused(names, "confidentiality_agreement",
                                          w.rows["confidentiality_agreement"][record_id], _said(exc)))
    return found


def _named(names: Names, table: str, row: dict, how: str, problem: str) -> str:
    return f"{names.label(table, row)} ({how}, as the team database stands now): {problem}; {_CHANGE_AFTERWARDS}"


def _restore_refused(names: Names, table: str, row: dict, problem: str) -> str:
    """A record removed on the team database meanwhile that keeping the offline copy's would
    restore, where restoring it there is refused (as `checks.restored_problems` words it)."""
    return (f"{names.label(table, row)}: removed on the team database after the copy was taken, and the team database "
            f"refuses restoring it: {problem}; keep the team database's (leave it removed), or put that right there "
            "first, then bring the copy back")


#: The fields of a seat whose change moves the days it covers (`follow_seats`).
_COVERING = ("person_id", "group_id", "start_date", "end_date", "archived_at")


def seats_before(session: Session, writes: Mapping[Key, object], server_id: Callable[[str, int], int]) -> list[dict]:
    """The seats on the team database whose days bringing back changes, each as it is there
    before (`seat_as_it_is`), for `follow_seats`."""
    ids = dict.fromkeys(server_id(t, i) for t, i, c in writes if t == "membership" and c in _COVERING)
    seats = (session.get(Membership, i) for i in ids)
    return [seat_as_it_is(seat) for seat in seats if seat is not None and seat.archived_at is None]


def follow_seats(session: Session, befores: Iterable[dict]) -> None:
    """The registers follow the seats bringing back changed (`befores`: each as it was; the
    change written), as they follow a seat changed on the team database: an entry with nothing
    recorded, of minutes not approved, on a day its seat no longer covers is taken off
    (`memberships._registers_left`). What else those checks find was named before anything was
    written (`problems`), or was there already."""
    for before in befores:
        _registers_left(session, before)
    session.flush()


def like_people_there(session: Session, new: Mapping[str, list[dict]], taken: Iterable[int],
                      organisation: OnServer) -> list[str]:
    """The people made offline whom the team database has someone like, by the rule the New
    person window warns with (`memberships.SimilarPeople`: the same e-mail address, or the same
    name in the same organisation), but for those the copy holds (`taken`: the window in the
    copy warned of them): each pair named. Both are kept, as two people may share a name; the
    officer decides (`organisation`: a linked organisation's id on the team database)."""
    made = new.get("person", [])
    if not made:
        return []
    held = set(taken)
    there = SimilarPeople(p for p in map(_person_dto, session.execute(_people_query())) if p.id not in held)
    named = []
    for row in made:
        org = organisation("organisation", row.get("organisation_id"))
        if org is None and row.get("organisation_id") is not None:
            org = -1  # an organisation made offline and added: no one there is in it yet
        for similar in there.like(row.get("name") or "", row.get("email") or "", org):
            named.append(f"{row.get('name')} was added in the offline copy, and the team database has "
                         f"{similar.person.name}{' (archived)' if similar.person.archived_at else ''} with "
                         f"{similar.reason}: both are kept, as two people; if they are one person, record what "
                         "is recorded of them on one and archive the other on the team database")
    return named
