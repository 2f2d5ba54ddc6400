"""How one Section 11 cycle follows another: the later cycle that compares with an earlier
cycle's ratings (a return for the earlier one would change that comparison once the later one
has opened), and the improvement actions an earlier cycle still has open when the next one
starts (they stay in the action log under the earlier cycle)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from bscp_desktop.db.database import Database
from bscp_desktop.db.models.audits import S11Cycle
from bscp_desktop.domain.section11 import RatingScale
from bscp_desktop.services.audits import s11_ratings as sr
from bscp_desktop.services.audits import section11 as s11


def later_cycle_opened(session: Session, cycle: S11Cycle, today: date) -> S11Cycle | None:
    """The live cycle compared with `cycle` (the one after it) that has opened by `today`, on the
    same scale (so its ratings are weighed as improved, same or declined against `cycle`'s); the
    earliest of them if several; None when none has."""
    return session.scalars(select(S11Cycle).where(
        S11Cycle.compare_with_id == cycle.id, S11Cycle.id != cycle.id, S11Cycle.archived_at.is_(None),
        S11Cycle.rating_scale == cycle.rating_scale, S11Cycle.opens_on <= today)
        .order_by(S11Cycle.opens_on, S11Cycle.id).limit(1)).first()


def open_actions_left(db: Database, cycle_id: int) -> int:
    """How many of the cycle's improvement actions are still open (neither done nor dropped;
    archived ones left out)."""
    return sr.open_action_count(sr.cycle_actions(db, cycle_id))


def open_actions_sentence(cycle_name: str, count: int) -> str:
    """'2024-26 has 3 improvement actions still open: …' ('' for none)."""
    if not count:
        return ""
    many = count != 1
    return (f"{cycle_name} has {count} improvement action{'s' if many else ''} still open: "
            f"{'they stay' if many else 'it stays'} in the action log under {cycle_name}.")


def new_cycle_note(db: Database, opens_on: date | None, compare_with_id: int | None,
                   scale: RatingScale | str) -> str:
    """What a new cycle opening on `opens_on` should be told of the earlier cycle it will be
    compared with (the one chosen, else the latest before it on the same scale, as
    `create_cycle` picks it): its improvement actions still open, '' when none are."""
    if opens_on is None and compare_with_id is None:
        return ""
    scale = RatingScale(scale.value if isinstance(scale, RatingScale) else scale)
    with db.unit_of_work() as session:
        earlier, compared = s11.starts_from(session, compare_with_id, opens_on or date.max, scale.value)
        if not compared:
            return ""
        earlier_id, earlier_name = earlier.id, earlier.name
    return open_actions_sentence(earlier_name, open_actions_left(db, earlier_id))


def opened_after(db: Database, cycle_id: int, today: date) -> str:
    """The name of the live cycle compared with cycle `cycle_id` that has opened by `today`
    (`later_cycle_opened`), after which a return for `cycle_id` is never imported; '' when none has."""
    with db.unit_of_work() as session:
        cycle = session.get(S11Cycle, cycle_id)
        later = later_cycle_opened(session, cycle, today) if cycle is not None else None
        return later.name if later is not None else ""


def no_return_after(cycle_name: str, later: str) -> str:
    """Why no return is written for `cycle_name` once `later`, compared with its ratings, has opened."""
    return (f"{later} has opened and compares with {cycle_name}'s ratings, so a {cycle_name} return could no longer "
            f"be imported: choose {later} to write an agency's return, and change a {cycle_name} rating on this grid.")


def not_to_chase(cycle_name: str, later: str, waiting: list[str]) -> str:
    """What the chase list of `cycle_name` says once `later`, compared with its ratings, has opened:
    the agencies named in `waiting` (each with how far its return got) are not chased for a return
    that could no longer be imported."""
    return (f"Nothing to chase: {later} has opened and compares with {cycle_name}'s ratings, so a {cycle_name} "
            f"return could no longer be imported. Not returned: {'; '.join(waiting)}. Ask them for their {later} "
            f"return instead (choose {later}), and change a {cycle_name} rating on this grid.")


def no_return_written(cycle_name: str, later: str) -> str:
    """Why no return for `cycle_name` is written (from the window or the command line) once `later`,
    compared with its ratings, has opened."""
    return (f"{later} has opened and compares with {cycle_name}'s ratings, so a {cycle_name} return could no longer be "
            f"imported: write the {later} return instead (Audits tab, Section 11: choose {later}, then Write an agency's "
            f"return…; or bscp-desktop template s11 --cycle {later}), and change a {cycle_name} rating in the Audits "
            f"tab (Section 11, {cycle_name}).")
