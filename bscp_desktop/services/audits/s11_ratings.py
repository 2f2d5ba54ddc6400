"""Section 11 ratings: each agency's answer per standard (its own rating, evidence and
improvement action, then the moderated rating and note), the grid of a cycle compared with the
earlier cycle, and agency actions in the shared action log.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from bscp_desktop.db.base import utcnow
from bscp_desktop.db.database import Database
from bscp_desktop.db.models import Action, Organisation
from bscp_desktop.db.models.audits import S11Agency, S11Cycle, S11Rating, S11Standard
from bscp_desktop.domain.actions import ActionStatus
from bscp_desktop.domain.kinds import RecordKind
from bscp_desktop.domain.section11 import (
    Change,
    Rating,
    RatingCounts,
    RatingScale,
    check_moderation,
    check_rating,
    compare_ratings,
    count_ratings,
    effective_rating,
    opening_problems,
    parse_rating,
    standard_key,
)
from bscp_desktop.domain.text import alphabetical
from bscp_desktop.domain.validation import Checker, ValidationError
from bscp_desktop.services import actions as action_log
from bscp_desktop.services.audits.section11 import CycleDTO, ParticipantDTO, StandardDTO, _cycle_dtos, _participants, _standard_dto, _standards
from bscp_desktop.services.common import CommandFields, assign, get_or_raise

# ---------------------------------------------------------------- ratings


@dataclass(frozen=True)
class RatingFields(CommandFields):
    self_rating: Rating | str | None = None
    not_applicable_reason: str = ""
    evidence: str = ""
    moderated_rating: Rating | str | None = None
    moderation_note: str = ""
    action: str = ""  # the agency's own improvement action (one, in the shared action log)
    action_due: date | None = None


@dataclass(frozen=True)
class RatingDTO:
    id: int | None  # None: not answered yet
    participant_id: int
    organisation_id: int
    organisation_name: str
    standard_id: int
    standard_number: int
    standard_title: str
    self_rating: Rating | None
    not_applicable_reason: str
    evidence: str
    moderated_rating: Rating | None
    moderation_note: str
    action: action_log.ActionDTO | None = None
    scale: RatingScale = RatingScale.RAG  # the cycle's: both ratings are on it

    @property
    def effective(self) -> Rating | None:
        return effective_rating(self.self_rating, self.moderated_rating)

    @property
    def moderated(self) -> bool:
        return self.moderated_rating is not None

    @property
    def name(self) -> str:
        return f"{self.organisation_name}: standard {self.standard_number}"

    def to_fields(self) -> RatingFields:
        return RatingFields(
            self.self_rating, self.not_applicable_reason, self.evidence, self.moderated_rating,
            self.moderation_note, self.action.description if self.action else "",
            self.action.due_date if self.action else None,
        )


def _parse(c: Checker, field_name: str, value, scale: RatingScale) -> Rating | None:
    try:
        return parse_rating(value, scale)
    except ValueError as exc:
        c.add(field_name, str(exc))
        return None


def unkept_reason(own: Rating | None, reason: str) -> str:
    """Why a reason given for a rating other than 'Not applicable' is refused ('' when it is not):
    only that rating keeps one, so saving would drop it."""
    if not reason or own is Rating.NOT_APPLICABLE:
        return ""
    rated = f"is {own.label}" if own is not None else "is not given"
    return (f"Why not applicable is kept only for a rating of Not applicable, and the agency's own rating {rated}: "
            "clear the reason, or set the rating to Not applicable")


def check_rating_fields(f: RatingFields, scale: RatingScale = RatingScale.RAG, *,
                        refuse_unkept_reason: bool = False) -> tuple[Checker, dict]:
    """Every check that needs no database: both ratings on the cycle's `scale`, the
    not-applicable reason, the moderation note. A reason given for another rating is not kept;
    with `refuse_unkept_reason` it is refused (`unkept_reason`) rather than dropped."""
    c = Checker()
    own = _parse(c, "self_rating", f.self_rating, scale)
    moderated = _parse(c, "moderated_rating", f.moderated_rating, scale)
    reason = c.optional("not_applicable_reason", f.not_applicable_reason, "Reason not applicable", 5000)
    note = c.optional("moderation_note", f.moderation_note, "Moderation note", 5000)
    for key, message in check_rating("not_applicable_", own, reason, "The agency's rating").items():
        c.add(key, message)
    if refuse_unkept_reason and "self_rating" not in c.errors and (problem := unkept_reason(own, reason)):
        c.add("not_applicable_reason", problem)
    if moderated is Rating.NOT_APPLICABLE and not note and own is not Rating.NOT_APPLICABLE:
        c.add("moderation_note", "The moderated rating is 'Not applicable': say why in the moderation note")
    for key, message in check_moderation(own, moderated, note).items():
        c.add(key, message)
    evidence = c.cell_text("evidence", f.evidence, "Evidence", 20000)  # one cell of the return
    action = c.optional("action", f.action, "Improvement action", 5000)
    if f.action_due is not None and not action:
        c.add("action", "Describe the improvement action, or clear its due date")
    elif action and f.action_due is None:
        c.add("action_due", "An improvement action needs a due date: fill in Action due by")
    values = {
        "self_rating": own.value if own else "",
        "not_applicable_reason": reason if own is Rating.NOT_APPLICABLE else "",
        "evidence": evidence,
        "moderated_rating": moderated.value if moderated else "",
        "moderation_note": note,
    }
    return c, {"values": values, "action": action, "action_due": f.action_due}


def agency_action(session: Session, rating_id: int) -> Action | None:
    """The agency's own improvement action for a rating: the first live one linked to it."""
    return session.scalars(
        select(Action).where(Action.s11_rating_id == rating_id, Action.archived_at.is_(None)).order_by(Action.id)
    ).first()


def archived_action(session: Session, rating_id: int, text: str = "", due: date | None = None) -> Action | None:
    """An improvement action of the rating the team archived: the latest, or (given `text`) one
    saying `text`, due `due`."""
    said = (Action.description == text, Action.due_date == due) if text else ()
    return session.scalars(
        select(Action).where(Action.s11_rating_id == rating_id, Action.archived_at.is_not(None), *said)
        .order_by(Action.archived_at.desc(), Action.id.desc())
    ).first()


def returned_change(session: Session, before: RatingDTO | None, checked: dict) -> str:
    """How a row of a return (checked values) compares with the answer held: "unchanged",
    "updated", or "added" (a first answer; or only a new improvement action where the team
    archived the one before). An action the team archived that the return repeats stays
    archived (see `write_rating`), so repeating it is no change."""
    if before is None or before.id is None:
        return "added" if any(checked["values"].values()) or checked["action"] else "unchanged"
    held = check_rating_fields(before.to_fields(), before.scale)[1]
    same = checked["values"] == held["values"]
    text, due = checked["action"], checked["action_due"]
    if (text, due) == (held["action"], held["action_due"]):
        return "unchanged" if same else "updated"
    if before.action is None and text:  # no live action: the return gives one
        if archived_action(session, before.id, text, due) is not None:
            return "unchanged" if same else "updated"
        if same and archived_action(session, before.id) is not None:
            return "added"
    return "updated"


def action_due_problem(due: date | None, cycle: S11Cycle) -> str | None:
    """An improvement action comes from the cycle's return: not due before the cycle opened."""
    if due is not None and due < cycle.opens_on:
        return (f"Action due by ({due:%d/%m/%Y}) cannot be before the cycle {cycle.name} opened "
                f"({cycle.opens_on:%d/%m/%Y})")
    return None


def adds_an_action(session: Session, rating_id: int | None, text: str, due: date | None, returned: bool) -> bool:
    """Whether saving the improvement action `text` (due `due`) on the rating `rating_id` (None:
    a first answer) adds a new action to the log, as `write_rating` does."""
    if not text or rating_id is None:
        return bool(text)
    if agency_action(session, rating_id) is not None:
        return False
    return not (returned and archived_action(session, rating_id, text, due) is not None)


def archived_agency(session: Session, participant: S11Agency) -> str:
    """Why the agency cannot be given a new improvement action: its organisation was archived on
    the Memberships tab while it takes part in the cycle (an action needs an owner on record);
    "" when it can."""
    org = session.get(Organisation, participant.organisation_id)
    if org is None or org.archived_at is None:
        return ""
    return (f"{org.name} is archived on the Memberships tab, so it cannot be given a new improvement action: "
            "restore it there first")


def write_rating(
    session: Session, participant: S11Agency, standard: S11Standard, checked: dict, *, returned: bool = False
) -> tuple[S11Rating, bool]:
    """Save checked values (from `check_rating_fields`) inside the caller's unit of work.

    Returns the rating and whether anything changed. The improvement action is created,
    updated or (when cleared) archived in the shared action log, owned by the agency. From an
    agency's return (`returned`), an action the team archived that the return repeats (the
    same words and due date) stays archived rather than coming back as a new one.
    """
    rating = session.scalars(
        select(S11Rating).where(S11Rating.s11_agency_id == participant.id, S11Rating.standard_id == standard.id)
    ).first()
    if adds_an_action(session, rating and rating.id, checked["action"], checked["action_due"], returned) and (
            why := archived_agency(session, participant)):
        raise ValidationError({"action": why})
    changed = False
    if rating is None:
        if not any(checked["values"].values()) and not checked["action"]:
            return None, False  # type: ignore[return-value]
        rating = S11Rating(s11_agency_id=participant.id, standard_id=standard.id, **checked["values"])
        session.add(rating)
        session.flush()
        changed = True
    else:
        changed = assign(rating, checked["values"])
    action = agency_action(session, rating.id)
    text, due = checked["action"], checked["action_due"]
    if text and action is None and returned and archived_action(session, rating.id, text, due) is not None:
        pass  # the team archived this very action: the return repeating it brings nothing back
    elif text and action is None:
        action_log.add_action(
            session,
            action_log.ActionFields(text, owner_organisation_id=participant.organisation_id, due_date=due),
            links={"s11_rating_id": rating.id},
        )
        changed = True
    elif text and (action.description != text or action.due_date != due):
        action.description, action.due_date = text, due
        changed = True
    elif not text and action is not None:
        action.archived_at = utcnow()
        changed = True
    session.flush()
    return rating, changed


def save_rating(db: Database, participant_id: int, standard_id: int, fields: RatingFields, *,
                today: date | None = None) -> RatingDTO:
    """Record (or change) one agency's answer for one standard, in one transaction; both
    ratings on the cycle's scale. A not-applicable reason with another rating is refused, not
    dropped. An answer entered for an agency whose return has no date returned makes its
    return: Returned is recorded as `today`, as importing its return workbook does, so the
    cycle's page, its summary, the yearly report and the chase list agree."""
    with db.unit_of_work() as session:
        participant = get_or_raise(session, S11Agency, participant_id, "agency in the cycle")
        standard = get_or_raise(session, S11Standard, standard_id, "standard")
        if standard.cycle_id != participant.cycle_id:
            raise ValidationError({"standard_id": "That standard belongs to another cycle"})
        if participant.archived_at is not None:
            raise ValidationError({"participant_id": "This agency was removed from the cycle: add it again first"})
        if standard.archived_at is not None:
            raise ValidationError({"standard_id": "This standard was removed from the cycle"})
        cycle = session.get(S11Cycle, participant.cycle_id)
        if cycle.archived_at is not None:
            raise ValidationError({"participant_id": f"The cycle {cycle.name} is archived: restore it first"})
        checker, checked = check_rating_fields(fields, RatingScale(cycle.rating_scale), refuse_unkept_reason=True)
        checker.raise_if_any()
        if problem := action_due_problem(checked["action_due"], cycle):
            raise ValidationError({"action_due": problem})
        answered = any(checked["values"].values())
        returned_on = (today or date.today()) if participant.returned_on is None and answered else None
        if problem := opening_problems(cycle.opens_on, returned_on=returned_on).get("returned_on"):
            agency = session.get(Organisation, participant.organisation_id).name
            raise ValidationError({"self_rating": f"Entering a rating records {agency}'s return as returned today. {problem}"})
        write_rating(session, participant, standard, checked)
        if returned_on is not None:
            participant.returned_on = returned_on
        return _ratings(session, participant.cycle_id, participant_ids=[participant_id], standard_ids=[standard_id])[0]


def _ratings(
    session: Session, cycle_id: int, participant_ids: Sequence[int] | None = None,
    standard_ids: Sequence[int] | None = None, *, live: tuple[Sequence, Sequence] | None = None,
) -> list[RatingDTO]:
    """One RatingDTO per live (agency, standard) of the cycle, answered or not (`live`: the
    cycle's live agencies and standards, when the caller has read them already)."""
    if live is not None and participant_ids is None and standard_ids is None:
        parts, standards = live
    else:
        parts = _participants(session, cycle_id=cycle_id, ids=participant_ids,
                              include_archived=participant_ids is not None)
        standards = [s for s in _standards(session, cycle_id, include_archived=standard_ids is not None)
                     if standard_ids is None or s.id in standard_ids]
    stored, actions = _stored_ratings(session, [p.id for p in parts])
    scale = RatingScale(session.scalar(select(S11Cycle.rating_scale).where(S11Cycle.id == cycle_id)) or "rag")
    return _rating_dtos(parts, standards, stored, actions, scale)


def _stored_ratings(session: Session, participant_ids: Sequence[int]) -> tuple[dict, dict]:
    """The answers stored for these agencies in the cycle, by (agency, standard), and each
    answer's own improvement action by rating id (three queries however many agencies)."""
    m = S11Rating
    stored = {  # plain columns: a ten-year file has thousands of ratings
        (row.s11_agency_id, row.standard_id): row
        for row in session.execute(
            select(m.id, m.s11_agency_id, m.standard_id, m.self_rating, m.not_applicable_reason, m.evidence,
                   m.moderated_rating, m.moderation_note)
            .where(m.s11_agency_id.in_(list(participant_ids) or [0]))
        )
    }
    rating_ids = [r.id for r in stored.values()]
    actions: dict[int, action_log.ActionDTO] = {}
    if rating_ids:
        linked = session.execute(
            select(Action.id, Action.s11_rating_id)
            .where(Action.s11_rating_id.in_(rating_ids), Action.archived_at.is_(None))
            .order_by(Action.id)
        ).all()
        first: dict[int, int] = {}
        for action_id, rating_id in linked:
            first.setdefault(rating_id, action_id)
        by_id = {a.id: a for a in action_log.actions_in(session, list(first.values()))}
        actions = {rating_id: by_id[action_id] for rating_id, action_id in first.items()}
    return stored, actions


def _rating_dtos(parts: Sequence, standards: Sequence, stored: dict, actions: dict,
                 scale: RatingScale) -> list[RatingDTO]:
    """One RatingDTO per agency and standard, answered or not."""
    result = []
    for p in parts:
        for s in standards:
            r = stored.get((p.id, s.id))
            result.append(
                RatingDTO(
                    r.id if r else None, p.id, p.organisation_id, p.organisation_name, s.id, s.number, s.title,
                    Rating(r.self_rating) if r and r.self_rating else None,
                    r.not_applicable_reason if r else "", r.evidence if r else "",
                    Rating(r.moderated_rating) if r and r.moderated_rating else None,
                    r.moderation_note if r else "", actions.get(r.id) if r else None, scale,
                )
            )
    return result


def get_rating(db: Database, participant_id: int, standard_id: int) -> RatingDTO:
    with db.unit_of_work() as session:
        participant = get_or_raise(session, S11Agency, participant_id, "agency in the cycle")
        get_or_raise(session, S11Standard, standard_id, "standard")
        return _ratings(session, participant.cycle_id, [participant_id], [standard_id])[0]


def list_ratings(db: Database, cycle_id: int) -> list[RatingDTO]:
    with db.unit_of_work() as session:
        get_or_raise(session, S11Cycle, cycle_id, "Section 11 cycle")
        return _ratings(session, cycle_id)


# ---------------------------------------------------------------- the grid and its comparison


@dataclass(frozen=True)
class GridCell:
    rating: RatingDTO
    previous: Rating | None = None  # the earlier cycle's effective rating, if comparable
    change: Change = Change.NOT_COMPARABLE


@dataclass(frozen=True)
class Grid:
    """Agencies (rows) by standards (columns) with each cell's rating and its change."""

    cycle: CycleDTO
    previous: CycleDTO | None
    standards: tuple[StandardDTO, ...]
    agencies: tuple[ParticipantDTO, ...]
    cells: dict[tuple[int, int], GridCell] = field(default_factory=dict)  # (participant id, standard id)
    previous_grid: Grid | None = None

    def cell(self, participant_id: int, standard_id: int) -> GridCell:
        return self.cells[(participant_id, standard_id)]

    @property
    def scale(self) -> RatingScale:
        """The cycle's rating scale: red, amber, green, or a score from 0 to 3."""
        return self.cycle.rating_scale

    def counts_for_standard(self, standard_id: int) -> RatingCounts:
        return count_ratings(self.cells[(a.id, standard_id)].rating.effective for a in self.agencies)

    def counts_for_agency(self, participant_id: int) -> RatingCounts:
        return count_ratings(self.cells[(participant_id, s.id)].rating.effective for s in self.standards)

    def change_counts(self) -> dict[Change, int]:
        tally = dict.fromkeys(Change, 0)
        for cell in self.cells.values():
            tally[cell.change] += 1
        return tally


def _grid_parts(session: Session, cycle_id: int, memo: dict | None) -> tuple:
    """A cycle's record, standards, agencies and ratings; read once per `memo`."""
    if memo is not None and cycle_id in memo:
        return memo[cycle_id]
    cycle = memo.get(("cycle", cycle_id)) if memo is not None else None
    standards = tuple(_standard_dto(s) for s in _standards(session, cycle_id))
    agencies = tuple(_participants(session, cycle_id=cycle_id, include_archived=False))
    parts = (
        cycle or _cycle_dtos(session, [cycle_id])[0], standards, agencies,
        _ratings(session, cycle_id, live=(agencies, standards)),
    )
    if memo is not None:
        memo[cycle_id] = parts
    return parts


def _read_grid_parts(session: Session, cycle_ids: Sequence[int], memo: dict) -> None:
    """`_grid_parts` of several cycles into `memo`, each part read once for all of them."""
    wanted = [c for c in dict.fromkeys(cycle_ids) if c not in memo]
    if not wanted:
        return
    standards: dict[int, list[StandardDTO]] = {c: [] for c in wanted}
    for s in _standards(session, wanted):
        standards[s.cycle_id].append(_standard_dto(s))
    agencies: dict[int, list[ParticipantDTO]] = {c: [] for c in wanted}
    for p in _participants(session, cycle_ids=wanted, include_archived=False):
        agencies[p.cycle_id].append(p)
    stored, actions = _stored_ratings(session, [p.id for ps in agencies.values() for p in ps])
    missing = [c for c in wanted if ("cycle", c) not in memo]
    for cycle in _cycle_dtos(session, missing) if missing else ():
        memo[("cycle", cycle.id)] = cycle
    for c in wanted:
        memo[c] = (memo[("cycle", c)], tuple(standards[c]), tuple(agencies[c]),
                   _rating_dtos(agencies[c], standards[c], stored, actions, memo[("cycle", c)].rating_scale))


def _grid(session: Session, cycle_id: int, depth: int = 1, memo: dict | None = None) -> Grid:
    cycle, standards, agencies, ratings = _grid_parts(session, cycle_id, memo)
    previous_grid = None
    if depth and cycle.compare_with_id is not None:
        previous_grid = _grid(session, cycle.compare_with_id, depth - 1, memo)
    earlier: dict[tuple[int, str], Rating | None] = {}
    if previous_grid is not None:
        before = {s.id: standard_key(s.title) for s in previous_grid.standards}
        for cell in previous_grid.cells.values():
            r = cell.rating
            earlier[(r.organisation_id, before[r.standard_id])] = r.effective
    keys = {s.id: standard_key(s.title) for s in standards}
    cells = {}
    for r in ratings:
        key = (r.organisation_id, keys[r.standard_id])
        previous = earlier.get(key)
        change = compare_ratings(previous, r.effective) if previous_grid is not None else Change.NOT_COMPARABLE
        cells[(r.participant_id, r.standard_id)] = GridCell(r, previous, change)
    return Grid(cycle, previous_grid.cycle if previous_grid else None, standards, agencies, cells, previous_grid)


def grid(db: Database, cycle_id: int) -> Grid:
    """The cycle's grid, each cell compared with the same agency and standard in the earlier
    cycle (standards matched by title)."""
    with db.unit_of_work() as session:
        get_or_raise(session, S11Cycle, cycle_id, "Section 11 cycle")
        return _grid(session, cycle_id)


def grids(db: Database, cycle_ids: Sequence[int]) -> dict[int, Grid]:
    """Each cycle's grid (as `grid` gives it), in one transaction, each cycle's ratings read
    once however many of the cycles compare with it."""
    memo: dict = {}
    with db.unit_of_work() as session:
        for cycle in _cycle_dtos(session):  # every cycle's record in one reading
            memo[("cycle", cycle.id)] = cycle
        compared = [memo[("cycle", c)].compare_with_id for c in cycle_ids if ("cycle", c) in memo]
        _read_grid_parts(session, [c for c in (*cycle_ids, *compared) if ("cycle", c) in memo], memo)
        return {cycle_id: _grid(session, cycle_id, memo=memo) for cycle_id in cycle_ids}


# ---------------------------------------------------------------- agency actions


@dataclass(frozen=True)
class AgencyActionRow(action_log.OfAction):
    action: action_log.ActionDTO
    organisation_name: str
    standard_number: int
    standard_title: str


def cycle_actions(db: Database, cycle_id: int, include_archived: bool = False) -> list[AgencyActionRow]:
    """Every improvement action agencies recorded in this cycle (from the shared action log)."""
    return every_cycle_actions(db, [cycle_id], include_archived)[cycle_id]


def _rating_actions(*columns):
    """A query of `columns` of the actions raised from Section 11 ratings, joined to the rating,
    its agency, the agency's organisation and the standard rated."""
    return (
        select(*columns)
        .join(S11Rating, S11Rating.id == Action.s11_rating_id)
        .join(S11Agency, S11Agency.id == S11Rating.s11_agency_id)
        .join(Organisation, Organisation.id == S11Agency.organisation_id)
        .join(S11Standard, S11Standard.id == S11Rating.standard_id)
    )


def every_cycle_actions(db: Database, cycle_ids: Sequence[int],
                        include_archived: bool = False) -> dict[int, list[AgencyActionRow]]:
    """`cycle_actions` of several cycles, by cycle id, read in one go."""
    found: dict[int, list[AgencyActionRow]] = {c: [] for c in cycle_ids}
    with db.unit_of_work() as session:
        rows = sorted(session.execute(  # by agency as names are listed (`alphabetical`), then by standard
            _rating_actions(Action.id, Organisation.name, S11Standard.number, S11Standard.title, S11Agency.cycle_id)
            .where(S11Agency.cycle_id.in_(list(cycle_ids) or [0]),
                   *(() if include_archived else (Action.archived_at.is_(None),)))
            .order_by(S11Standard.number, Action.id)
        ).all(), key=lambda row: alphabetical(row[1]))
        by_id = {a.id: a for a in action_log.actions_in(session, [r[0] for r in rows])}
        for action_id, org, number, title, cycle_id in rows:
            found[cycle_id].append(AgencyActionRow(by_id[action_id], org, number, title))
    return found


def open_action_count(actions: Iterable[AgencyActionRow]) -> int:
    return sum(1 for a in actions if a.action.status not in (ActionStatus.DONE, ActionStatus.DROPPED))


def _rating_held(session: Session, action: Action) -> str:
    """Why an agency's archived improvement action stays archived: its cycle, agency or standard
    is archived, or the rating has another action now (a rating has one)."""
    rating = session.get(S11Rating, action.s11_rating_id)
    if rating is None:
        return ""
    participant = session.get(S11Agency, rating.s11_agency_id)
    cycle = session.get(S11Cycle, participant.cycle_id)
    if cycle.archived_at is not None:
        return f"The cycle {cycle.name} is archived: restore it first"
    if problem := action_due_problem(action.due_date, cycle):
        return f"{problem}, so this action cannot be restored: change its due date, then restore it"
    if action.completed_on is not None and action.completed_on < cycle.opens_on:
        return (f"Completed on ({action.completed_on:%d/%m/%Y}) cannot be before the cycle {cycle.name} opened "
                f"({cycle.opens_on:%d/%m/%Y}), so this action cannot be restored: change the date it was "
                "completed on, then restore it")
    if participant.archived_at is not None:
        return "This agency was removed from the cycle: add it again first"
    if session.get(S11Standard, rating.standard_id).archived_at is not None:
        return "This standard was removed from the cycle"
    if agency_action(session, rating.id) is not None:
        return "The agency has another improvement action for this standard now; change that one instead"
    return ""


@action_log.describes_actions(RecordKind.AUDITS, "s11_rating_id", held=_rating_held)
def rating_sources(session: Session, actions: Sequence[action_log.ActionDTO]) -> dict[int, action_log.ActionSource]:
    """'Section 11 2023/24, standard 3. Title (Brent Council)' for actions from a rating (one query),
    '… (archived)' once its cycle is archived, or its agency or standard removed from the cycle,
    raised on the day the cycle opened: the action log refuses a due date before it, as the rating
    does (`action_due_problem`)."""
    rows = session.execute(
        _rating_actions(Action.id, S11Cycle.name, S11Cycle.opens_on, S11Standard.number, S11Standard.title,
                        Organisation.name, S11Cycle.archived_at, S11Agency.archived_at, S11Standard.archived_at)
        .join(S11Cycle, S11Agency.cycle_id == S11Cycle.id)
        .where(Action.id.in_([a.id for a in actions]))
    )
    return {
        action_id: action_log.ActionSource(
            RecordKind.AUDITS, f"Section 11 {cycle}, standard {number}. {title} ({agency})"
            + (" (archived)" if any(on is not None for on in archived) else ""), on=opens_on
        )
        for action_id, cycle, opens_on, number, title, agency, *archived in rows
    }


def rating_place(db: Database, rating_id: int) -> tuple[int, int, int] | None:
    """Where an answer sits in the grid: (cycle id, agency taking part, standard); None if gone."""
    with db.unit_of_work() as session:
        row = session.execute(
            select(S11Agency.cycle_id, S11Rating.s11_agency_id, S11Rating.standard_id)
            .join(S11Agency, S11Agency.id == S11Rating.s11_agency_id)
            .where(S11Rating.id == rating_id)
        ).first()
        return tuple(row) if row is not None else None
