"""Recommendations raised from a record (a case review, a case audit, ...): numbered 1, 2, ...
within their record, with a lead agency (their owner: one left out is flagged in `gaps`, not
refused) and notes, and the actions raised from each in the shared action log.

An area describes its recommendations once, as a `Recommendations`, and names the commands it
offers after it (see services/case_review_recommendations.py); the steps themselves are here.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field, make_dataclass
from datetime import date
from typing import Any

from sqlalchemy import literal, select
from sqlalchemy.orm import Session, aliased

from bscp_desktop.db.database import Database
from bscp_desktop.db.models import Action, Organisation
from bscp_desktop.domain.kinds import RecordKind
from bscp_desktop.domain.validation import Checker, ValidationError
from bscp_desktop.services import actions as action_log
from bscp_desktop.services.common import ArchivedAt, CommandFields, Versioned, add_numbered, change_record, chosen, get_or_raise, only_ids, set_archived

TEXT_MAX = 10_000

#: DOMAIN.md: every recommendation needs an owner; its due dates and evidence of impact are its
#: actions'. The lead agency owns it. A recommendation may be saved before one is agreed, and is
#: flagged until it is given, as an action saved without an owner is; one with no action (none
#: live) is flagged too, as nothing then says when it is due nor what it achieved, while one can
#: still be added (not once its case or audit is closed: `RecommendationDTO.gaps`).
NEEDS_LEAD_AGENCY = "A recommendation needs an owner: choose the lead agency"
NEEDS_ACTIONS = "A recommendation needs at least one action: its due dates and evidence of impact are kept in its actions"
_GAP_WORDS = {"lead_organisation_id": "no lead agency", "actions": "no actions"}


def recommendation_gaps(lead_organisation_id: int | None, actions_total: int | None = None) -> dict[str, str]:
    """{field: message} for what a recommendation still needs (its lead agency, and with
    `actions_total`, its live actions counted, an action); empty when none."""
    gaps = {"lead_organisation_id": NEEDS_LEAD_AGENCY} if lead_organisation_id is None else {}
    if actions_total == 0:
        gaps["actions"] = NEEDS_ACTIONS
    return gaps


def recommendation_gaps_text(gaps: dict[str, str]) -> str:
    """'No lead agency' for the flag beside a recommendation; '' when complete."""
    text = ", ".join(_GAP_WORDS[key] for key in gaps)
    return text[:1].upper() + text[1:]


@dataclass(frozen=True)
class RecommendationDTO(ArchivedAt, action_log.ActionCounts, Versioned):
    """A recommendation with the record it was raised from (`parent_id`, its `reference` and
    `detail`) and how many of its actions are live, open and overdue. Each area subclasses it
    to name the record in its own words (`case_review_id`, `audit_reference`, ...)."""

    id: int
    parent_id: int
    reference: str
    detail: str
    number: int
    text: str
    lead_organisation_id: int | None
    lead_organisation_name: str
    notes: str
    #: why it is shown read-only, or "": the record it was raised from is archived ("Case review
    #: BSCP-2024-01 is archived: restore it first"); it is neither changed nor given actions then
    held: str = ""
    #: why its record takes no new action though it is live, or "": a closed case or audit ("This
    #: case is closed (01/06/2024): reopen it first, by clearing Closed, to add an action")
    record_closed: str = ""

    @property
    def name(self) -> str:
        return f"recommendation {self.number} of {self.reference}"

    @property
    def parent_archived(self) -> bool:
        """The record it was raised from (its case, its audit) is archived."""
        return bool(self.held)

    @property
    def gaps(self) -> dict[str, str]:
        """{field: message} for an owner (the lead agency) still missing, and for a live
        recommendation of a live record still open, no live action (its due dates and evidence).
        A closed case's or audit's takes no new action (`record_closed`), so none is asked of it:
        its Actions count, 0, still says that none was raised."""
        live = not self.archived and not self.held and not self.record_closed
        return recommendation_gaps(self.lead_organisation_id, self.actions_total if live else None)

    @property
    def gaps_text(self) -> str:
        """'No lead agency, no actions'; '' when complete."""
        return recommendation_gaps_text(self.gaps)

    @property
    def no_new_action(self) -> str:
        """Why no action can be added to it now ("" when one can): it, or its record, is archived,
        or its record is closed."""
        if self.archived:
            return "The recommendation is archived: restore it before adding actions."
        why = self.held or self.record_closed
        return f"{why}." if why else ""

    @property
    def label(self) -> str:
        return f"{self.reference} R{self.number}"


def fields_naming(parent_key: str, module: str) -> type[CommandFields]:
    """The fields a recommendation takes, what a form or an import row gives its area's
    `Recommendations`: the record it is raised from, named in the area's words (`parent_key`,
    first, as `Recommendations.parent_key`), its text, lead organisation and notes. `module` is
    the area's module, where the class is named `RecommendationFields`."""
    made = make_dataclass("RecommendationFields", [
        (parent_key, "int | None"), ("text", "str"),
        ("lead_organisation_id", "int | None", field(default=None)), ("notes", "str", field(default="")),
    ], bases=(CommandFields,), frozen=True)
    made.__module__ = module
    return made


@dataclass(frozen=True)
class Recommendations:
    """One area's recommendations.

    `detail` is the parent's column shown in brackets after its reference ("Case review
    BSCP-2024-01 (Child A): recommendation 2" in the action log's From column). The area's
    fields name the record as `parent_key` does.
    """

    model: type  # the recommendations' table
    parent: type  # the table of the records they are raised from (with `reference`)
    parent_key: str  # the recommendation's column naming its record, also the fields' name for it
    parent_noun: str  # "case", "audit": in messages
    link: str  # the action's column naming the recommendation it was raised from
    kind: RecordKind
    source: str  # "Case review", "Case audit": how the action log names the record
    detail: Any  # a column of `parent`
    order: tuple  # columns of `parent` to list the recommendations of many records by
    moved: str  # why a recommendation cannot move to another record
    dto: type[RecommendationDTO]  # the area's subclass
    fields: type  # the area's fields (`fields_naming(parent_key, __name__)`)
    #: why the record (a row of `parent`) takes nothing new now ("This audit is closed: ... to add an
    #: action"; the second argument is what is being done, "add an action"), or ""
    takes_no_action: Callable[[Any, str], str] | None = None
    #: why an action raised from the record (a row of `parent`) may not be reopened or restored
    #: still to do ("Case audit MAA-2023-01 this action was raised from is closed: ..."), or ""
    takes_no_open_action: Callable[[Any, str], str] | None = None

    def __post_init__(self) -> None:
        # The action log asks every area where its actions came from, and the day each was raised on.
        action_log.describes_actions(self.kind, self.link, held=self.archived_source,
                                     open_held=self._open_held if self.takes_no_open_action else None)(self.sources)

    def _open_held(self, session: Session, action: Any, doing: str) -> str:
        """The action log's `open_held`: `takes_no_open_action` of the record the action's
        recommendation was raised from ("" when there is none)."""
        rec = session.get(self.model, getattr(action, self.link))
        record = session.get(self.parent, getattr(rec, self.parent_key)) if rec is not None else None
        return "" if record is None else self.takes_no_open_action(record, doing)

    @property
    def table(self) -> str:
        """The recommendations' table (whose change history a dialog offers)."""
        return self.model.__tablename__

    @property
    def raised_on(self) -> Any:
        """The column of `parent` holding the day its recommendations' actions are raised on at
        the earliest: the day the record dates its recommendations by (the model's `__searchable__`
        dates them "case_review_id.became_aware": a case's, the day the local authority became
        aware of it). An action cannot be due nor done before it. None where none is declared."""
        for dated in getattr(getattr(self.model, "__searchable__", None), "dated", ()):
            link, _, column = dated.partition(".")
            if link == self.parent_key and column:
                return getattr(self.parent, column)
        return None

    def raised_on_of(self, record: Any) -> date | None:
        """The day the actions of `record` (a row of `parent`) are raised on at the earliest (`raised_on`)."""
        column = self.raised_on
        return None if column is None or record is None else getattr(record, column.key)

    def from_text(self, rec: RecommendationDTO) -> str:
        """Where an action raised from `rec` comes from, as the action log's From column says it."""
        return f"{self.source} {rec.reference} ({rec.detail}): recommendation {rec.number}"

    # ------------------------------------------------------------ commands

    def archived_parent(self, record: Any) -> str:
        """Why an archived record (a row of `parent`) takes no new recommendation or action, or ""."""
        return "" if record is None else self._archived(record.reference, record.archived_at)

    def _archived(self, reference: str, archived_at: Any) -> str:
        return "" if archived_at is None else f"{self.source} {reference} is archived: restore it first"

    def takes_nothing_new(self, record: Any, doing: str = "add an action") -> str:
        """Why the record (a row of `parent`) takes no new recommendation nor action: it is
        archived, or it takes no new action now (`takes_no_action`: a closed audit, whose new
        recommendation could never be given one); "" when it takes both. `doing` ends the
        sentence: what the officer is doing ("add a recommendation")."""
        if why := self.archived_parent(record):
            return why
        if record is None or self.takes_no_action is None:
            return ""
        return self.takes_no_action(record, doing)

    def archived_source(self, session: Session, action: Any) -> str:
        """Why an archived action raised from a recommendation stays archived: the recommendation
        or its record is archived ("" when neither is)."""
        rec = session.get(self.model, getattr(action, self.link))
        if rec is None:
            return ""
        if why := self.archived_parent(session.get(self.parent, getattr(rec, self.parent_key))):
            return why
        if rec.archived_at is not None:
            return f"Recommendation {rec.number} this action was raised from is archived: restore it first"
        return ""

    def check(self, session: Session, fields: Any, kept: int | None = None) -> dict[str, Any]:
        """Checked values; a new recommendation (`kept` None) is refused on a record that takes
        nothing new (archived, or closed), while a change to one it already has (`kept`, its
        record's id) is saved."""
        c = Checker()
        text = c.required("text", fields.text, "Recommendation", TEXT_MAX)
        parent_id = getattr(fields, self.parent_key)
        parent = chosen(c, session, self.parent, self.parent_key, parent_id,
                        f"Choose the {self.parent_noun} the recommendation comes from", self.parent_noun)
        if parent is not None and parent.id != kept and (why := self.takes_nothing_new(parent, "add a recommendation")):
            c.add(self.parent_key, why)
        lead = fields.lead_organisation_id
        if lead is not None and session.get(Organisation, lead) is None:
            c.add("lead_organisation_id", "Choose the lead agency from the list of organisations")
        notes = c.optional("notes", fields.notes, "Notes", TEXT_MAX)
        c.raise_if_any()
        return {self.parent_key: parent_id, "text": text, "lead_organisation_id": lead, "notes": notes}

    def create(self, db: Database, fields: Any):
        with db.unit_of_work() as session:
            rec = add_numbered(session, self.model, self.parent_key, self.check(session, fields))
            return self.dtos_in(session, ids=[rec.id])[0]

    def update(self, db: Database, recommendation_id: int, fields: Any, version: int | None = None):
        """Change a recommendation; with `version` (the one the user opened), refused with
        RecordChanged if someone else has saved it since."""
        with db.unit_of_work() as session:
            held = session.get(self.model, recommendation_id)
            values = self.check(session, fields, kept=getattr(held, self.parent_key, None))
            change_record(session, self.model, recommendation_id, "recommendation", values, self.parent_key,
                          self.moved, version)
            return self.dtos_in(session, ids=[recommendation_id])[0]

    def archive(self, db: Database, recommendation_id: int) -> None:
        set_archived(db, self.model, recommendation_id, "recommendation", True)

    def restore(self, db: Database, recommendation_id: int) -> None:
        """Bring a recommendation back; not while the record it comes from is archived."""
        def parent_live(session: Session, rec: Any) -> None:
            if why := self.archived_parent(session.get(self.parent, getattr(rec, self.parent_key))):
                raise ValidationError({self.parent_key: why})

        set_archived(db, self.model, recommendation_id, "recommendation", False, parent_live)

    def add_action(self, db: Database, recommendation_id: int, fields: action_log.ActionFields) -> action_log.ActionDTO:
        """A new action in the shared action log, linked to the recommendation (one transaction);
        refused, as a meeting's is, when due or done before the day it is raised on (`raised_on`)."""
        def refuse(session: Session, rec: Any) -> str:
            record = session.get(self.parent, getattr(rec, self.parent_key))
            if why := self.takes_nothing_new(record):
                return why
            action_log.check_action(session, fields, self.raised_on_of(record))  # raises its refusals
            return ""

        return action_log.add_linked_action(db, self.model, self.link, recommendation_id, "recommendation", fields,
                                            refuse)

    # ------------------------------------------------------------ queries

    def dtos_in(self, session: Session, *, parent_id: int | None = None, ids: Sequence[int] | None = None,
                include_archived: bool = True, today: date | None = None) -> list:
        """Recommendations with their action counts on `today`, in record then number order, each
        `held` (read-only) while its record is archived. Listing every record's without archived
        ones also leaves out archived records'."""
        model, parent = self.model, self.parent
        org = aliased(Organisation)
        q = (
            select(model, parent, self.detail, org.name)
            .join(parent, parent.id == getattr(model, self.parent_key))
            .outerjoin(org, org.id == model.lead_organisation_id)
            .order_by(*self.order, model.number)
        )
        q = only_ids(q, model, ids)
        if parent_id is not None:
            q = q.where(getattr(model, self.parent_key) == parent_id)
        if not include_archived:
            q = q.where(model.archived_at.is_(None))
            if parent_id is None and ids is None:
                q = q.where(parent.archived_at.is_(None))
        rows = session.execute(q).all()
        tallies = action_log.tallies_in(session, self.link, [r[0].id for r in rows], today or date.today())
        return [
            self.dto(rec.id, getattr(rec, self.parent_key), record.reference, detail or "", rec.number, rec.text,
                     rec.lead_organisation_id, lead or "", rec.notes, self._archived(record.reference, record.archived_at),
                     self.takes_no_action(record, "add an action") if self.takes_no_action else "",
                     version=rec.version, archived_at=rec.archived_at, **asdict(tallies.get(rec.id, action_log.ActionCounts())))
            for rec, record, detail, lead in rows
        ]

    def list(self, db: Database, parent_id: int | None = None, include_archived: bool = False,
             today: date | None = None) -> list:
        with db.unit_of_work() as session:
            return self.dtos_in(session, parent_id=parent_id, include_archived=include_archived, today=today)

    def get(self, db: Database, recommendation_id: int):
        with db.unit_of_work() as session:
            get_or_raise(session, self.model, recommendation_id, "recommendation")
            return self.dtos_in(session, ids=[recommendation_id])[0]

    def actions(self, db: Database, recommendation_id: int, include_archived: bool = False) -> list[action_log.ActionDTO]:
        """The actions raised from one recommendation."""
        return action_log.linked_actions(db, self.link, recommendation_id, include_archived)

    def actions_of(self, db: Database, parent_id: int | None = None, include_archived: bool = False,
                   today: date | None = None) -> list[action_log.LinkedAction]:
        """Every action raised from a recommendation (of one record, if given), in record and
        recommendation order; each row's `recommendation` is its recommendation. Without archived
        ones, the open actions of an archived recommendation are listed all the same (its
        `archived` says so): they are still to do, and count as open for the record (an audit is
        not closed while one is), so a report's action plan lists every action counted open."""
        recs = {r.id: r for r in self.list(db, parent_id, include_archived=True, today=today)}
        rows = action_log.actions_of_records(db, self.link, recs, include_archived)
        if include_archived:
            return rows
        return [row for row in rows if (parent_id is not None or not row.recommendation.parent_archived)  # as `list`
                and (not row.recommendation.archived or not row.action.status.closed)]

    def sources(self, session: Session, actions: Sequence[action_log.ActionDTO]) -> dict[int, action_log.ActionSource]:
        """'Case review BSCP-2024-01 (Child A): recommendation 2' for each action ('… recommendation 2
        (archived)' once it, or the record it was raised from, is archived), with the day it was
        raised on (`raised_on`: its due date and completion cannot come before it), in one query."""
        model, parent = self.model, self.parent
        day = self.raised_on if self.raised_on is not None else literal(None)
        rows = session.execute(
            select(Action.id, parent.reference, self.detail, model.number, day, model.archived_at, parent.archived_at)
            .join(model, getattr(Action, self.link) == model.id)
            .join(parent, getattr(model, self.parent_key) == parent.id)
            .where(Action.id.in_([a.id for a in actions]))
        )
        return {  # an archived source said so: its open actions are still in the log, it is in no list
            action_id: action_log.ActionSource(
                self.kind, f"{self.source} {ref} ({detail}): recommendation {number}"
                + (" (archived)" if archived is not None or parent_archived is not None else ""), on=on)
            for action_id, ref, detail, number, on, archived, parent_archived in rows
        }
