"""A Section 11 cycle as it stood at the end of a day: the one rule the yearly report and
partner engagement follow, where the cycle's own page and its summary show it as it stands now.

A return counts as in by the day when its date returned is on or before it (however late the
date was recorded), or when the change history shows it held such a date at the end of the day
and was changed since; the date sent and the date moderated likewise. Entering an agency's
ratings makes its return (`s11_ratings.save_rating` records Returned then); a return with answers
but no date returned (ratings entered before that rule) counts as in from the day its first
answer was saved. Only the ratings of the
agencies whose return was in by then are counted (the others are not rated then). A rating
changed since (moderated, or corrected) has the value the change history gave it at the end of
the day (`history.values_on`, one query for every rating); a moderated rating of an agency whose
moderation is dated after the day was not given yet. Agencies are those taking part now.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from sqlalchemy import func, or_, select

from bscp_desktop.db.database import Database
from bscp_desktop.db.models.audits import S11Agency, S11Rating
from bscp_desktop.domain.section11 import Change, Rating, compare_ratings
from bscp_desktop.domain.validation import local_time
from bscp_desktop.services.audits.s11_ratings import Grid, GridCell, grid
from bscp_desktop.services.audits.section11 import CycleDTO, ParticipantDTO, list_cycles
from bscp_desktop.services.history import values_on

#: The dates of a return that say where it had got to.
RETURN_DATES = ("sent_on", "returned_on", "moderated_on")
#: The ratings of an answer that the counts read.
RATINGS = ("self_rating", "moderated_rating")


def cycles_in(db: Database, start: date, end: date) -> list[CycleDTO]:
    """The cycles (not archived) with something in the period, as the yearly report and partner
    engagement count them: opened or due in it, or an agency's return sent, returned or moderated
    in it (a two-year cycle's late returns and moderation come in its second year)."""
    with db.unit_of_work() as session:
        dated = [getattr(S11Agency, name) for name in RETURN_DATES]
        busy = set(session.scalars(select(S11Agency.cycle_id).distinct().where(
            S11Agency.archived_at.is_(None), or_(*(column.between(start, end) for column in dated)))))
    return [c for c in list_cycles(db) if start <= c.opens_on <= end or start <= c.due_on <= end
            or (c.id in busy and c.opens_on <= end)]


def grid_on(db: Database, cycle_id: int, day: date) -> Grid:
    """The cycle's grid (`s11_ratings.grid`) as it stood at the end of `day`: each agency's
    return dates as they were then (`ParticipantDTO.status` and `returned_on` say so), the
    cycle's `returned` counting the returns in by then, and each cell's rating as it stood
    (none for an agency whose return was not in). Each cell's change is against the earlier
    cycle as it stands."""
    return grid_as_it_stood(db, grid(db, cycle_id), day)


def grid_as_it_stood(db: Database, now: Grid, day: date) -> Grid:
    """`now` (a grid as it stands) as it stood at the end of `day` (see `grid_on`)."""
    dates = values_on(db, "s11_agency", [a.id for a in now.agencies], RETURN_DATES, day)
    answered = first_answered(db, [a.id for a in now.agencies if a.returned_on is None])
    agencies = tuple(_return_on(a, day, dates, answered.get(a.id)) for a in now.agencies)
    by_id = {a.id: (a, was) for a, was in zip(agencies, now.agencies, strict=True)}
    rated = values_on(db, "s11_rating", [c.rating.id for c in now.cells.values() if c.rating.id is not None],
                      RATINGS, day)
    cells = {}
    for key, cell in now.cells.items():
        then, was = by_id.get(cell.rating.participant_id, (None, None))
        rating = cell.rating
        if then is None or then.returned_on is None:
            rating = replace(rating, self_rating=None, moderated_rating=None)
        elif rating.id is not None:
            own = _rating(rating.self_rating, rated.get((rating.id, "self_rating"), ...))
            moderated = _rating(rating.moderated_rating, rated.get((rating.id, "moderated_rating"), ...))
            if then.moderated_on is None and was.moderated_on is not None:
                moderated = None  # moderated after the day
            rating = replace(rating, self_rating=own, moderated_rating=moderated)
        change = (compare_ratings(cell.previous, rating.effective) if now.previous_grid is not None
                  else Change.NOT_COMPARABLE)
        cells[key] = GridCell(rating, cell.previous, change)
    cycle = replace(now.cycle, agencies=len(agencies), returned=sum(a.returned_on is not None for a in agencies))
    return Grid(cycle, now.previous, now.standards, agencies, cells, now.previous_grid)


def first_answered(db: Database, participant_ids) -> dict[int, date]:
    """The day (on this computer's clock) each of these agencies' first answer was saved, for
    those with any answer held (one query)."""
    ids = sorted({int(i) for i in participant_ids})
    if not ids:
        return {}
    with db.unit_of_work() as session:
        rows = session.execute(
            select(S11Rating.s11_agency_id, func.min(S11Rating.created_at))
            .where(S11Rating.s11_agency_id.in_(ids)).group_by(S11Rating.s11_agency_id)
        ).all()
    return {agency_id: local_time(first).date() for agency_id, first in rows if first is not None}


def _return_on(agency: ParticipantDTO, day: date, stood: dict, answered: date | None = None) -> ParticipantDTO:
    """The agency with its return's dates as they were at the end of `day`; a return with
    answers but no date returned held is in from the day its first answer was saved (`answered`)."""
    then = {name: _date_on(getattr(agency, name), day, stood.get((agency.id, name), ...)) for name in RETURN_DATES}
    if then["returned_on"] is None and agency.returned_on is None and answered is not None and answered <= day:
        then["returned_on"] = answered
    return replace(agency, **then)


def _date_on(now: date | None, day: date, then) -> date | None:
    """A return's date as it was at the end of `day`: the date held now when it is on or before
    the day; else the one the history shows it held then (`then`, ... when unchanged since),
    if that was on or before the day; else none yet."""
    if now is not None and now <= day:
        return now
    if then is ... or not then:
        return None
    try:
        held = date.fromisoformat(str(then)[:10])
    except ValueError:
        return None
    return held if held <= day else None


def _rating(now: Rating | None, then) -> Rating | None:
    """A rating as it stood: `then` (from the history; ... when unchanged since), else `now`."""
    if then is ...:
        return now
    if not then:
        return None
    try:
        return Rating(then)
    except ValueError:
        return now
