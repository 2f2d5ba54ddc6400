"""Bringing a meeting back from its offline copy to the team database, in one transaction.

For every copied record and field there are three values: as it was taken (kept in the copy),
as the copy has it now, and as the team database has it now. A field changed only offline is
written; one changed only on the team database is kept as it is there; one changed on both to
different values is a conflict, shown side by side (`plan_bring_back`), and written only as the
officer chooses, field by field (`bring_back(..., keep={key: "server" | "offline"})`). Records
made offline (a new agenda item, decision, register entry, action or person) are added, with
their links to each other; one apart from every meeting that nothing of the meeting refers to
(a person made by mistake, then archived) is left out and named (`checks.left_out`). Items
added or moved in both places merge as one agenda with any other business last (an item moved
after it on purpose stays there). Everything is written in one unit of work, so the change
history names the officer for each change, and the mark is ended in the same transaction: a
program stopped part-way leaves the team database with nothing of it. A meeting moved to another
day offline takes the stage dates case reviews take from it with it, in that transaction, or is
refused naming the case whose rules would refuse the new day (`saving.moves`), as moving it does.
The seats, agreements, register and deputies it would write are held to the memberships
service's own rules on the team database as it stands, in that transaction (`people_checks`: a
seat moved off an earlier meeting's register, someone archived there meanwhile), and the registers
follow the seats it changes as they follow a seat changed there.
Minutes approved on the team database after the copy was taken stay as approved (`compare`):
what the copy changed in them is listed, and written only if the copy's own approval is kept.
Minutes approved there before the copy was taken (the team database's history says which, never
the copy) change only by an amendment made offline with its reason
(`checks.approved_minutes_problems`). Minutes approved in the copy whose record the team database
changed meanwhile are not approved by bringing it back (`approved_offline`); a person made offline
like one there is named, both kept (`people_checks.like_people_there`). A record removed on the team database
meanwhile that the copy changed is a conflict too (restore it with the changes, or leave it
removed and them behind); an amendment made offline to another meeting's minutes is left
behind with what it records (`behind`), named, and the rest comes back; so is one made to the
meeting's own minutes recording a change not written, the team database's value kept instead.
"""

from __future__ import annotations

import dataclasses
import errno
import sqlite3
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from sqlalchemy.orm import Session

from bscp_desktop import paths
from bscp_desktop.db import migrate, stored_values
from bscp_desktop.db.backup import connect_read_only
from bscp_desktop.db.base import Base, utcnow
from bscp_desktop.db.database import Database, DatabaseInUse, inspect_file, plain_error
from bscp_desktop.db.models import load_all
from bscp_desktop.db.models.meetings import AgendaItem
from bscp_desktop.db.models.offline import OfflineCopy
from bscp_desktop.db.offline_guard import local_time, officer
from bscp_desktop.domain.meetings import ItemKind
from bscp_desktop.domain.validation import ValidationError
from bscp_desktop.paths import given_path
from bscp_desktop.services.meetings.agenda import end_of_kind
from bscp_desktop.services.meetings.common import live_items, renumber
from bscp_desktop.services.offline import approved_offline, checks, copying, holdable, people_checks, rules, saving
from bscp_desktop.services.offline.behind import left_with_their_values
from bscp_desktop.services.offline.compare import ADDED, Conflict, Key, Work, compare
from bscp_desktop.services.offline.marks import BROUGHT_BACK, OfflineMarkDTO, _refuse_unless_team_database, brought_back_after_release, copy_origin, end_brought_back, mark_dto, origin_in
from bscp_desktop.services.offline.naming import Names

SERVER = "server"
OFFLINE = "offline"


@dataclass(frozen=True)
class BringBackPlan:
    origin: OfflineMarkDTO
    changed: int  # fields changed offline that will be written
    added: int  # records made offline that will be added
    kept: int  # fields changed on the team database meanwhile, kept as they are
    conflicts: tuple[Conflict, ...]
    matched: tuple[str, ...] = ()  # records made offline already on the team database (theirs is used)
    problems: tuple[str, ...] = ()  # why it cannot be brought back as it stands
    left: tuple[str, ...] = ()  # changed in the copy, but not of the records bringing back copies
    behind: tuple[str, ...] = ()  # amendments made offline to another meeting's minutes, with what they record
    approval_left: str = ""  # the copy's approval of the minutes, not brought back, and why (`approved_offline`)
    if_kept: tuple[str, ...] = ()  # problems only one side's choice for records removed there would cause
    like: tuple[str, ...] = ()  # people made offline whom the team database has someone like, both kept

    @property
    def summary(self) -> str:
        parts = [
            f"{self.changed} change{'s' if self.changed != 1 else ''} made offline",
            f"{self.added} new record{'s' if self.added != 1 else ''}",
        ]
        text = f"{self.origin.meeting}: {' and '.join(parts)} to bring back"
        if self.kept:
            text += f"; {self.kept} change{'s' if self.kept != 1 else ''} made on the team database meanwhile kept"
        locked = [c for c in self.conflicts if c.locked]
        removed = [c for c in self.conflicts if c.removed and not c.locked]
        if n := len(self.conflicts) - len(locked) - len(removed):
            text += f"; {n} field{'s' if n != 1 else ''} changed in both places: choose which to keep"
        if n := len(removed):
            text += (f"; {n} record{'s' if n != 1 else ''} changed offline {'were' if n != 1 else 'was'} removed on the "
                     "team database meanwhile: choose whether to restore each with the offline changes or leave it "
                     "removed")
        if locked:
            n = len(locked)
            text += (f"; {n} change{'s' if n != 1 else ''} made offline to the minutes, which were approved on the "
                     f"team database on {locked[0].locked} after this copy was taken: the approved minutes are kept "
                     "(amend them there, giving the reason, if they should change)")
        return text + "." + self.approval_left + "".join(f" {p}." for p in self.if_kept) + _notes(
            self.matched, self.left, self.behind, self.like) + (" It cannot be brought back until this is put right: " + " ".join(f"{p}." for p in self.problems)
            if self.problems else "")


def _notes(matched, left, behind=(), like=()) -> str:
    """What bringing back says of records already on the team database, of people made offline
    like someone there, and of changes it cannot bring back."""
    text = "".join(f" {p}." for p in like)
    if behind:
        text += f" Left behind: {_some(behind)}; make {'it' if len(behind) == 1 else 'them'} on the team database."
    if matched:
        text += (f" Already on the team database, so the record there is used rather than a second one: "
                 f"{_some(matched)}.")
    if left:
        text += (f" Changed in the offline copy but not brought back (bringing back takes only the meeting and "
                 f"the records it holds; make these changes on the team database): {_some(left)}.")
    return text


def _some(names) -> str:
    listed = "; ".join(names[:10])
    return listed + (f" and {len(names) - 10} more" if len(names) > 10 else "")


@dataclass(frozen=True)
class BringBackResult:
    meeting_id: int
    written: int
    added: int
    kept: int
    kept_offline: int
    kept_server: int
    not_approved: int = 0  # changes made offline to minutes approved on the team database meanwhile
    approved: str = ""  # dd/mm/yyyy: when they were approved
    matched: tuple[str, ...] = ()  # records made offline already on the team database (theirs was used)
    left: tuple[str, ...] = ()  # changed in the copy, but not of the records bringing back copies
    copy_note: str = ""  # the copy could not be marked as brought back: what the officer does with it
    behind: tuple[str, ...] = ()  # left behind: another meeting's amendments, records kept removed, with the changes
    meeting: str = ""  # "Safeguarding Children Forum 14/03/2024: March forum"
    approval_left: str = ""  # the copy's approval of the minutes, not brought back, and why (`approved_offline`)
    like: tuple[str, ...] = ()  # people added offline whom the team database has someone like, both kept

    @property
    def sentence(self) -> str:
        text = (f"Brought back {self.written} change{'s' if self.written != 1 else ''} and "
                f"{self.added} new record{'s' if self.added != 1 else ''}" + (f" of {self.meeting}" if self.meeting else ""))
        if self.kept:
            text += f"; {self.kept} change{'s' if self.kept != 1 else ''} made on the team database meanwhile kept"
        if self.kept_offline or self.kept_server:
            text += (f"; of the fields changed in both places, {self.kept_offline} took the offline value "
                     f"and {self.kept_server} kept the team database's")
        if self.not_approved:
            n = self.not_approved
            text += (f"; {n} change{'s' if n != 1 else ''} made offline to the minutes approved on the team database "
                     f"on {self.approved} {'were' if n != 1 else 'was'} not written: the approved minutes are kept "
                     "(amend them there, giving the reason, if they should change; the offline copy keeps them to read)")
        return text + "." + self.approval_left + _notes(self.matched, self.left, self.behind, self.like) + (
            f" {self.copy_note}" if self.copy_note else "")


def _refuse_unreadable(path: Path) -> None:
    """A copy changed by another program (a value no record of this version can hold, such as
    'bogus' as a meeting's status) is not brought back: it would stop every officer's lists and
    outputs on the team database."""
    if not path.is_file():
        return  # opening it says there is no database file there (reading it would make an empty one)
    try:
        con = connect_read_only(path)
    except sqlite3.Error:
        return  # opening it says what is wrong
    try:
        problem = stored_values.values_problem(con)
    except sqlite3.Error:
        return
    finally:
        con.close()
    if problem:
        raise ValidationError({"file": (
            f"{path.name} holds values this version cannot read ({problem}): it was changed by another program, "
            "so it is not brought back; release the meeting on the team database and minute it there"
        )})


def _refuse_unholdable(session: Session, rows: copying.Rows, path: Path) -> None:
    """A copy changed by another program so that it holds a value the team database cannot
    (`holdable`: a NUL character, a text longer than its field, a link to no record) is not
    brought back: writing it would stop part-way, saying only that the database could not be
    changed."""
    if problem := holdable.unholdable(session, rows):
        raise ValidationError({"file": (
            f"{path.name} holds values the team database cannot hold ({problem}): it was changed by another "
            "program, so it is not brought back; release the meeting on the team database and minute it there"
        )})


def _read_copy(path: Path, writing: bool = False) -> tuple[OfflineMarkDTO, dict, copying.Rows, list[str],
                                                          list[saving.Refusal]]:
    """The copy's origin, the values as taken, every copied table's rows now, the records
    changed in it that bringing back does not copy (`checks.left_behind`), and those changed or
    made in it that a check made on saving them refuses (`saving.refusals`, run in the copy). Only to
    compare may it be read while a window has it open: bringing it back then would leave that
    window taking words that reach nowhere (the copy cannot be marked brought back)."""
    _refuse_unreadable(path)
    if copy_origin(path) is None:  # read as it is: a file that is not a copy is left untouched
        raise ValidationError({"file": f"{Path(path).name} is not an offline copy of a meeting"})
    behind = inspect_file(path, must_exist=True, integrity=False).version != migrate.head_revision()
    try:  # a copy made by an earlier version is backed up, then upgraded, as opening it would
        local = Database.open(path, create=False, backup_folder=paths.backup_dir() if behind else None)
    except DatabaseInUse as exc:  # open in a window
        if writing:
            raise ValidationError({"file": (
                f"{Path(path).name} is open in a window: close it there first, so nothing typed in it after "
                "bringing it back is lost"
            )}) from exc
        local = Database.open_reader(path)
    try:
        with local.unit_of_work() as session:
            origin = origin_in(session)
            if origin is None:
                raise ValidationError({"file": f"{Path(path).name} is not an offline copy of a meeting"})
            dto = mark_dto(session, origin)
            try:
                base = copying.read_base(origin.base)
            except (ValueError, TypeError, AttributeError) as exc:
                raise ValidationError({"file": (
                    f"{Path(path).name} is damaged: what its records held when they were taken cannot be read"
                )}) from exc
            conn = session.connection()
            rows = {t.name: copying.read_rows(conn, t.name) for t in copying.copied_tables()}
            left = checks.left_behind(session, origin.taken_at)
            refused = saving.refusals(session, base, rows)
    finally:
        local.close()
    return dto, base, rows, left, refused


def _server_mark(session: Session, origin: OfflineMarkDTO) -> OfflineCopy:
    mark = session.get(OfflineCopy, origin.id, with_for_update=True)
    if (mark is None or mark.server or mark.meeting_id != origin.meeting_id
            or mark.taken_at != origin.taken_at or mark.taken_by != origin.taken_by):
        raise ValidationError({"file": (
            f"This offline copy is not recorded on this team database: it came from {origin.server}, "
            "or taking it offline did not finish"
        )})
    back = (mark.ended_by, mark.ended_at) if mark.ended_how == BROUGHT_BACK else brought_back_after_release(session, mark)
    if back is not None:
        raise ValidationError({"file": (
            f"This offline copy of {origin.meeting} was already brought back, by {back[0]} on {local_time(back[1])}"
        )})
    return mark


def plan_bring_back(db: Database, path: Path | str) -> BringBackPlan:
    """What bringing back the copy at `path` would do, and the fields changed in both places."""
    _refuse_unless_team_database(db, "Bringing a meeting back")
    origin, base, rows, left, refused = _read_copy(Path(path))
    with db.unit_of_work() as session:
        mark = _server_mark(session, origin)
        _refuse_unholdable(session, rows, Path(path))
        work = compare(session, origin, base, rows)
        approved_offline.hold_back(session, origin, base, rows, work)
        new, out = _leave_out(session, origin, base, rows, work, work.new)
        matched = checks.match_new(session, new)
        if_kept: list[str] = []
        problems = _problems(session, mark, origin, base, rows, work, work.updates, new, matched, refused,
                             [c.key for c in work.conflicts], if_kept)
        like = _like_there(session, base, new, matched)
    added = sum(map(len, new.values())) - sum(map(len, matched.ids.values()))
    return BringBackPlan(origin, len(work.updates), added, work.kept, tuple(work.conflicts),
                         (*matched.named, *work.same_named), tuple(problems), (*out, *left), tuple(work.behind_named),
                         work.approval_left.words() if work.approval_left else "", tuple(if_kept), tuple(like))


def _like_there(session: Session, base: dict, new: Mapping[str, list[dict]], matched: checks.Matched) -> list[str]:
    """The people made offline whom the team database has someone like (`people_checks.like_people_there`)."""
    new_ids = {t: {r["id"] for r in found} for t, found in new.items()}
    return people_checks.like_people_there(session, new, base.get("person", {}), partial(checks.on_server, matched, new_ids))


def _made(work: Work, new: Mapping[str, list[dict]]) -> dict[str, list[dict]]:
    """The records made offline: those to add (`new`) and those added offline to minutes
    approved meanwhile, written or not (they are the meeting's either way)."""
    made = {t: [*found, *(r for r in work.held_new.get(t, []) if r not in found)] for t, found in new.items()}
    return made | {t: found for t, found in work.held_new.items() if t not in made}


def _leave_out(session: Session, origin: OfflineMarkDTO, base: dict, rows: copying.Rows, work: Work,
               new: Mapping[str, list[dict]]) -> tuple[dict[str, list[dict]], list[str]]:
    """The records made offline to add, without those bringing back leaves out as no part of
    the meeting (`checks.left_out`), and those named."""
    ids, named = checks.left_out(session, origin.meeting_id, base, rows, _made(work, new), work.own)
    return {t: [r for r in found if r["id"] not in ids.get(t, ())] for t, found in new.items()}, named


def _problems(session: Session, mark: OfflineCopy, origin: OfflineMarkDTO, base: dict, rows: copying.Rows,
              work: Work, writes: Mapping[Key, object], new: Mapping[str, list[dict]], matched: checks.Matched,
              refused: list[saving.Refusal], conflicts: list[Key] | None = None,
              if_kept: list[str] | None = None) -> list[str]:
    """Why the copy cannot be brought back with these writes and new records (`checks`), and
    what of them a check made on saving refuses (`refused`, `saving`). For the plan (`conflicts`
    given), an agenda problem only one side's choice for the records removed there causes is
    not the copy's: it goes to `if_kept`, saying which choice."""
    problems = []
    keys = [*writes, *(conflicts or ())]
    if problem := checks.officer_problem(session, mark, officer(session), origin.meeting_id, rows, keys, new):
        problems.append(problem)
    problems += saving.problems(refused, keys, new)
    names = Names(session.connection(), rows)
    problems += saving.moved_cases_problems(saving.moves(session, rows, writes, keys), session, names, rows)
    problems += checks.placement_problems(session, origin.meeting_id, base, rows, _made(work, new), work.own, work.behind)
    meeting = rules.merged(session, origin.meeting_id, writes, new, work.server_id)
    problems += checks.meeting_problems(session, origin.meeting, meeting, names) + matched.problems
    new_ids = {t: {r["id"] for r in found} for t, found in new.items()}
    linked = partial(checks.on_server, matched, new_ids)  # a linked record's id on the team database
    removed = [c for c in work.conflicts if c.removed]
    if conflicts is None:  # bringing back: the records removed there that the officer chose to restore
        restoring, written = [c.key[:2] for c in removed if writes.get(c.key, "") is None], writes
    else:  # its plan: each restored with the offline copy's changes, were the offline copy's kept
        restoring = [c.key[:2] for c in removed]
        written = {**writes, **{k: v for c in removed for k, v in work.offline_values[c.key].items()}}
    problems += rules.person_problems(session, rows, written, new, linked)
    copy_refused = {(r.table, r.record_id) for r in refused}
    changed = rules.changed_problems(session, rows, writes, names, work.server_id, linked, copy_refused)
    problems += changed.values()
    made = {r["id"] for r in new.get("person", [])}
    problems += people_checks.problems(
        session, people_checks.Written(rows, written, new, work.server_id, linked, copy_refused | set(changed)),
        names, meeting, origin.meeting, made)
    problems += checks.approved_minutes_problems(session, origin.meeting_id, rows, writes, new, work.approved_before)
    problems += checks.restored_problems(session, origin.meeting_id, rows, restoring, names)
    agenda = checks.agenda_problems(session, origin.meeting_id, rows, writes, new)
    if conflicts is None or not removed:
        return problems + agenda
    restored = checks.agenda_problems(session, origin.meeting_id, rows, written, new)
    for side, found, other in ((SERVER, agenda, restored), (OFFLINE, restored, agenda)):
        (if_kept if if_kept is not None else problems).extend(
            f"If you keep {_SIDES[side]}: {p}" for p in found if p not in other)
    return problems + [p for p in agenda if p in restored]


_SIDES = {SERVER: "the team database's side, leaving what was removed there removed",
          OFFLINE: "the offline copy's side, restoring what was removed there"}


def _models() -> dict[str, type]:
    load_all()
    return {m.local_table.name: m.class_ for m in Base.registry.mappers}


def _add_new(session: Session, new: dict[str, list[dict]],
             matched: Mapping[str, Mapping[int, int]] | None = None) -> dict[str, dict[int, int]]:
    """Add the records made offline, each after those it links to, except those `matched` to a
    record already on the team database (links to them go to that one); returns their ids."""
    models = _models()
    ids: dict[str, dict[int, int]] = {t: dict(found) for t, found in (matched or {}).items()}
    for t in copying.copied_tables():
        pending = sorted((r for r in new.get(t.name, []) if r["id"] not in ids.get(t.name, {})), key=lambda r: r["id"])
        links = copying.links(t)
        while pending:  # links within one table (an organisation's parent): the linked one first
            ready = [r for r in pending if not any(
                ref == t.name and r[col] in {p["id"] for p in pending} and r[col] != r["id"]
                for col, ref in links)]
            for row in ready or pending[:1]:
                values = {k: v for k, v in row.items() if k not in copying.skipped(t.name)}
                for column, referred in links:
                    values[column] = ids.get(referred, {}).get(values[column], values[column])
                obj = models[t.name](**values)
                session.add(obj)
                session.flush()
                ids.setdefault(t.name, {})[row["id"]] = obj.id
            done = {id(r) for r in (ready or pending[:1])}
            pending = [r for r in pending if id(r) not in done]
    return ids


def _choices(work: Work, keep: Mapping[Key, str], prefer: str | None) -> dict[Key, str | None]:
    """Each conflict's choice. In minutes approved on the team database meanwhile (unless the
    copy's own approval is kept) only the team database's value is kept, and asking for the
    copy's is refused; a change made only offline to them is written when the copy's approval
    is kept, unless the officer keeps the team database's."""
    approval_kept_offline = work.approval is not None and work.offline_approved and (
        keep.get(work.approval) or prefer) == OFFLINE
    locked = bool(work.approved) and not approval_kept_offline
    choices: dict[Key, str | None] = {}
    refused = []
    for c in work.conflicts:
        if c.locked and locked:
            if keep.get(c.key) == OFFLINE:
                refused.append(c)
            choices[c.key] = SERVER
        elif c.key in work.held or c.key[2] == ADDED:
            choices[c.key] = keep.get(c.key) or OFFLINE
        else:
            choices[c.key] = keep.get(c.key) or prefer
    if refused:
        raise ValidationError({"conflicts": (
            f"The minutes were approved on the team database on {work.approved} after this copy was taken: "
            f"{_listed(refused)} can only keep the team database's approved minutes (to change them, amend them "
            "there and give the reason)"
        )})
    return choices


def _kept_there(work: Work, choices: Mapping[Key, str | None]) -> set[Key]:
    """The fields changed offline whose conflicts kept the team database's value (those kept as
    one, or a record left removed, with each of their fields)."""
    kept: set[Key] = set()
    for c in work.conflicts:
        if choices[c.key] == SERVER and c.key[2] != ADDED:
            kept |= set(work.offline_values[c.key]) if c.key in work.units else {c.key}
    return kept


def _listed(conflicts: list) -> str:
    """The first five conflicts by record and field, and how many more."""
    listed = "; ".join(f"{c.record}, {c.field}" for c in conflicts[:5])
    return listed + (f" and {len(conflicts) - 5} more" if len(conflicts) > 5 else "")


def bring_back(
    db: Database, path: Path | str, keep: Mapping[Key, str] | None = None, prefer: str | None = None,
) -> BringBackResult:
    """Write the offline copy at `path` back to the team database in one transaction, and end
    the meeting's mark. Each conflict needs a choice in `keep` (or `prefer` for all of them):
    otherwise nothing is written and a ValidationError lists them."""
    _refuse_unless_team_database(db, "Bringing a meeting back")
    path = given_path(path).absolute()
    origin, base, rows, left, refused = _read_copy(path, writing=True)
    keep = dict(keep or {})
    with db.unit_of_work() as session:
        mark = _server_mark(session, origin)
        _refuse_unholdable(session, rows, path)
        work = compare(session, origin, base, rows, lock=True)
        approved_offline.hold_back(session, origin, base, rows, work)
        choices = _choices(work, keep, prefer)
        undecided = [c for c in work.conflicts if choices[c.key] not in (SERVER, OFFLINE)]
        if undecided:
            raise ValidationError({"conflicts": (
                f"{len(undecided)} field{'s were' if len(undecided) != 1 else ' was'} changed both on the team "
                f"database and offline ({_listed(undecided)}): choose which value to keep for each"
            )})
        writes, new = dict(work.updates), dict(work.new)
        kept_offline = kept_server = not_written = released = 0
        behind = list(work.behind_named)
        for c in work.conflicts:
            offline = choices[c.key] == OFFLINE
            if c.removed and not offline:
                behind.append(f"{c.record}, removed on the team database after the copy was taken and left removed: "
                              f"{c.offline_text[:1].lower()}{c.offline_text[1:]}")
            if c.key[2] == ADDED:
                if offline:
                    for table, held in work.held_new.items():
                        new[table] = [*new.get(table, []), *held]
                else:
                    not_written += sum(map(len, work.held_new.values()))
            elif c.key in work.held:
                if offline:
                    writes[c.key] = work.held[c.key]
                    released += 1
                else:
                    not_written += 1
            elif offline:
                kept_offline += 1
                value = work.offline_values[c.key]
                writes.update(value if c.key in work.units else {c.key: value})
            else:
                kept_server += 1
        # an amendment made offline goes with the value it records: left behind with it where that was not kept
        new, unmade = left_with_their_values(origin.meeting_id, base, rows, new, writes, _kept_there(work, choices),
                                             Names(session.connection(), rows))
        behind += unmade
        new, out = _leave_out(session, origin, base, rows, work, new)
        matched = checks.match_new(session, new)
        if problems := _problems(session, mark, origin, base, rows, work, writes, new, matched, refused):
            raise ValidationError({"records": " ".join(f"{p}." for p in problems)})
        like = _like_there(session, base, new, matched)  # before the people made offline are added
        past_there, past_copy = _placed_past_aob(session, origin.meeting_id, rows)
        moved = saving.moves(session, rows, writes, writes)  # the case reviews' dates follow, as moving it does
        seats = people_checks.seats_before(session, writes, work.server_id)  # the registers follow them
        ids = _add_new(session, new, matched.ids)
        models = _models()
        for (name, record_id, column), value in writes.items():
            for col, referred in copying.links(copying.table(name)):
                if col == column:
                    value = ids.get(referred, {}).get(value, value)
            setattr(session.get(models[name], work.server_id(name, record_id)), column, value)
        saving.follow_moves(moved, session)
        end_brought_back(session, mark, path)  # a mark released meanwhile keeps its release
        session.flush()
        people_checks.follow_seats(session, seats)
        # items added or moved in both places merge as one agenda, numbered from 1 without a gap,
        # any other business last
        added = {r["id"] for r in new.get("agenda_item", [])}
        on_server = ids.get("agenda_item", {})
        past = past_there | {on_server[i] if i in added else i for i in past_copy if i not in added or i in on_server}
        renumber(_aob_last(live_items(session, origin.meeting_id), past))
        session.flush()
        result = BringBackResult(
            origin.meeting_id, len(work.updates) + released + kept_offline,
            sum(len(v) for v in ids.values()) - sum(map(len, matched.ids.values())),
            work.kept, kept_offline, kept_server, not_written, work.approved, (*matched.named, *work.same_named),
            (*out, *left), behind=tuple(behind), meeting=origin.meeting,
            approval_left=work.approval_left.words(done=True) if work.approval_left else "", like=tuple(like),
        )
        by = officer(session)
    # everything is on the team database now: marking the copy can only add a note, never fail it
    if note := _mark_copy_brought_back(path, by):
        result = dataclasses.replace(result, copy_note=note)
    return result


def _past_aob(items: Iterable[tuple[int, str]]) -> set[int]:
    """The ids of the items of an agenda, `items` as (id, kind) in its order, that come after
    its any other business (moved there on purpose)."""
    past, seen = set(), False
    for item_id, kind in items:
        if kind == ItemKind.AOB.value:
            seen = True
        elif seen:
            past.add(item_id)
    return past


def _placed_past_aob(session: Session, meeting_id: int, rows: copying.Rows) -> tuple[set[int], set[int]]:
    """The items placed after any other business on the team database's agenda of the meeting
    (their ids there) and on the offline copy's (the copy's ids), before bringing back."""
    there = _past_aob((i.id, i.kind) for i in live_items(session, meeting_id))
    copied = sorted((r for r in rows["agenda_item"].values()
                     if r.get("meeting_id") == meeting_id and r.get("archived_at") is None),
                    key=lambda r: (r["position"], r["id"]))
    return there, _past_aob((r["id"], r["kind"]) for r in copied)


def _aob_last(items: list[AgendaItem], past: set[int]) -> list[AgendaItem]:
    """The merged agenda `items` with any other business after every item but those placed after
    it on purpose in the copy or on the team database (`past`): an item that merging put after
    it goes at the end of the agenda before it, where adding an item puts it (`agenda.end_of_kind`)."""
    first = next((n for n, i in enumerate(items) if i.kind == ItemKind.AOB.value), None)
    if first is None:
        return items
    late = [i for i in items[first:] if i.kind != ItemKind.AOB.value and i.id not in past]
    kept = [i for i in items if all(i is not other for other in late)]
    for item in late:
        last = max(n for n, i in enumerate(kept) if i.kind == ItemKind.AOB.value)
        kept.insert(end_of_kind(kept[:last + 1], item.kind), item)
    return kept


def _mark_copy_brought_back(path: Path, by: str) -> str:
    """Note in the copy that it went back (by the officer as the team database knows them), so
    it is not changed further. The team database has already committed everything and ended its
    mark (it refuses to take the copy twice), so a copy that cannot be noted (another program
    holding the file, a full disk, the file gone) is not an error: what is returned says so, and
    what the officer should do with the copy ('' once noted)."""
    try:
        with Database.open(path, create=False) as local, local.unit_of_work() as session:
            origin = origin_in(session)
            if origin is not None and origin.ended_at is None:
                origin.ended_at = utcnow()
                origin.ended_how = BROUGHT_BACK
                origin.ended_by = by
    except Exception as exc:  # whatever it is, the meeting is already back on the team database
        return (f"{path.name} could not be marked as brought back ({_why_not_marked(exc)}): it still opens as an "
                "offline copy, but nothing changed in it now can be brought back, so do not minute in it again; "
                "delete it, or keep it only to read.")
    return ""


def _why_not_marked(exc: BaseException) -> str:
    """Why the copy could not be noted as brought back, in a few words."""
    if isinstance(exc, DatabaseInUse):
        return "it is open in another BSCP Desktop window"
    reason = plain_error(exc)
    if any(words in reason.lower() for words in ("is locked", "is busy")):
        return "another program, such as a backup or sync tool, was using the file"
    if "disk is full" in reason or getattr(exc, "errno", None) == errno.ENOSPC:
        return "the disk holding it is full"
    return reason
