"""Search what was said and who was named: agenda items, minutes, decisions, actions, case reviews,
people, training courses, sessions and bookings, registers, notes.

`search(db, "When did we last discuss neglect?")` returns hits newest first, each with the
record as officers know it (the meeting by group and date and the item, a case or an audit
by its reference, a Section 11 answer by its cycle and agency, a training booking or a register
entry by the name typed on it: `services.search_names`) and a snippet with the words found in
[brackets]. The index itself is `db.search`; which fields of which records are searched is
declared on the models. Records that can hold a name but are not searched are named when nothing
is found (`unsearched_sentence`), so that "no records" is never said of records not looked in.

How a hit is shown is worked out here, one query per kind of record for all its hits. A kind
without a describer below is still found and shown by its own title (the first declared field),
so a new area's records are searchable from the moment it declares them. A hit shows the date
the index orders it by and finds it by (`services.search_hits`).

A hit found only because archived records were asked for says so: "(archived)" after the name
of what was archived, the hit itself or what it belongs to ("Case BSCP-2022-01 (archived)",
"Jane Smith (archived)"; a withdrawn decision "(withdrawn)"), read in the describer's one query.
On a team database what the login may not read is left out, and named (`SearchResult.left_out`).
A hit from a confidential agenda item, its own or a decision or action raised under it (or progress
on that action), is marked "(confidential item)" after its title (`SearchHit.shown_title`), so the window and the command line both say it.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Select, null, select
from sqlalchemy.orm import Session

from bscp_desktop.areas import AREAS
from bscp_desktop.db import search as index
from bscp_desktop.db.database import Database
from bscp_desktop.db.models import Action, ActionUpdate, ConfidentialityAgreement, Group, Membership, Organisation, Person
from bscp_desktop.db.models.audits import AuditCase, AuditLearning, AuditRecommendation, AuditReturn, CaseAudit, S11Agency, S11Cycle, S11Rating, S11Standard
from bscp_desktop.db.models.case_reviews import CaseReview, Recommendation
from bscp_desktop.db.models.meetings import AgendaItem, Decision, Meeting
from bscp_desktop.domain.dates import format_date
from bscp_desktop.domain.search import search_terms, terms_not_searched
from bscp_desktop.domain.text import first_line
from bscp_desktop.domain.validation import local_time
from bscp_desktop.services import actions as action_log
from bscp_desktop.services.audits.samples import case_reference
from bscp_desktop.services.search_hits import DESCRIBERS, HIDDEN, HIT_LINE, Described, Describer, SearchHit, SearchResult, describes, hidden_with, newest_first
from bscp_desktop.services.search_hits import chunks as _chunks
from bscp_desktop.services.search_hits import marked as _marked
from bscp_desktop.services.search_names import unsearched_sentence  # noqa: F401 - its describers registered, and what is not searched

DEFAULT_LIMIT = 200


def _hidden(session: Session, tables: list[str] | None, include_archived: bool, refused) -> dict[str, set[int]]:
    """Table -> the ids of its records hidden with what they belong to (`HIDDEN`), for the tables
    searched (none when archived records are asked for too); what the team database's grants
    keep from the user (`refused`) is not asked about."""
    if include_archived:
        return {}
    found: dict[str, set[int]] = {}
    for table, hiders in HIDDEN.items():
        if tables is not None and table not in tables:
            continue
        for hider in hiders:
            if refused.isdisjoint((table, *hider.reads)):
                found.setdefault(table, set()).update(session.scalars(hider.query()))
    return {table: ids for table, ids in found.items() if ids}


def _left_out(tables: list[str] | None, refused: frozenset[str]) -> tuple[tuple[str, ...], bool]:
    """The records of `tables` (None: all) the grants keep from the login, by the kind the others
    belong to ("case reviews", in tab order), and whether that is every table searched."""
    models, order = index.searchable_models(), [a.key for a in AREAS]
    scope = list(models) if tables is None else tables
    closed = [models[t] for t in scope if t in refused]
    tops = sorted((spec for model, spec in closed if not refused & {k.column.table.name for k in model.__table__.foreign_keys}), key=lambda spec: order.index(spec.area))
    return tuple(f"{spec.noun[:1].lower()}{spec.noun[1:]}s" for spec in tops), bool(scope) and len(closed) == len(scope)


def areas() -> dict[str, list[str]]:
    """Area -> searched tables (for the search box's scope)."""
    return index.areas()


def search(
    db: Database,
    text: str,
    area: str | None = None,
    limit: int = DEFAULT_LIMIT,
    include_archived: bool = False,
) -> SearchResult:
    """Hits for what was typed, newest first by the date each shows. `area` narrows to one tab.
    The words typed beyond the most looked for are named (`SearchResult.not_searched`); when
    nothing is found outside archived records, how many archived records mention it is counted
    (`SearchResult.archived`, one more query, only then)."""
    terms = search_terms(text)
    if not terms:
        return SearchResult(text, (), (), 0)
    not_searched = tuple(terms_not_searched(text))
    tables = None if area is None else index.areas().get(area, [])
    models = index.searchable_models()
    archived = 0
    with db.unit_of_work() as session:
        connection = session.connection()
        refused = index.unreadable_tables(connection)  # a team database's grants: left out, and said
        # a record of an archived meeting or case is neither found nor counted, unless asked for
        hidden = _hidden(session, tables, include_archived, refused)
        chosen, found = index.find(connection, terms, tables, include_archived, limit, hidden)
        by_table: dict[str, list[int]] = {}
        for m in chosen:
            by_table.setdefault(m.table, []).append(m.record_id)
        described: dict[tuple[str, int], Described] = {}
        for table, ids in by_table.items():
            describe = DESCRIBERS.get(table) or _plain(table, models[table][0], models[table][1])
            for record_id, d in describe(session, ids).items():
                described[(table, record_id)] = d
        shown = [m for m in chosen if (m.table, m.record_id) in described]
        total, chosen = found - (len(chosen) - len(shown)), shown
        passages = index.snippets(connection, terms, chosen)
        if not chosen and not include_archived:  # what archived records (and what belongs to them) hold
            archived = max(index.find(connection, terms, tables, True, 0, {})[1] - found, 0)
    hits = []
    for m in chosen:
        d = described[(m.table, m.record_id)]
        _model, spec = models[m.table]
        hits.append(
            SearchHit(
                spec.area, spec.noun, m.table, m.record_id, d.record, d.title, d.on,
                passages.get((m.table, m.record_id), ""), d.open_kind, d.open_id, d.detail_id, d.dated_as,
                d.confidential,
            )
        )
    return SearchResult(text, tuple(terms), tuple(newest_first(hits)), total, *_left_out(tables, refused),
                        not_searched=not_searched, archived=archived)


def _plain(table: str, model, spec: index.Searchable) -> Describer:
    """A kind without its own describer: its first field, its creation date."""

    def describe(session: Session, ids: list[int]) -> dict[int, Described]:
        title_column = getattr(model, spec.fields[0])
        gone = getattr(model, "archived_at", null())
        rows = session.execute(select(model.id, title_column, model.created_at, gone).where(model.id.in_(ids)))
        return {
            rid: Described(spec.noun, _marked(first_line(str(title or ""), HIT_LINE), archived),
                           local_time(created).date() if created else None, table, rid)
            for rid, title, created, archived in rows
        }

    return describe


def _meeting_label(group: str, starts_at: datetime, archived: datetime | None = None) -> str:
    """"Executive Group, 21/03/2024"; "... (archived)" for an archived meeting (found only when
    archived records are asked for)."""
    return _marked(f"{group}, {format_date(starts_at.date())}", archived)


# ---------------------------------------------------------------- meetings


@describes("meeting")
def _meetings(session: Session, ids: list[int]) -> dict[int, Described]:
    result = {}
    for part in _chunks(ids):
        q = select(Meeting.id, Meeting.title, Meeting.starts_at, Group.name, Meeting.archived_at).join(
            Group, Meeting.group_id == Group.id)
        for mid, title, starts, group, gone in session.execute(q.where(Meeting.id.in_(part))):
            result[mid] = Described(_meeting_label(group, starts, gone), title, starts.date(), "meeting", mid)
    return result


# An archived meeting opens read-only, its minutes shown: with archived records asked for, its
# items and decisions are found as the meeting is, named "(archived)" with it.


@hidden_with("agenda_item", ("meeting",))
def _items_of_archived_meetings() -> Select:
    return select(AgendaItem.id).join(Meeting, AgendaItem.meeting_id == Meeting.id).where(Meeting.archived_at.is_not(None))


@hidden_with("decision", ("meeting",))
def _decisions_of_archived_meetings() -> Select:
    return select(Decision.id).join(Meeting, Decision.meeting_id == Meeting.id).where(Meeting.archived_at.is_not(None))


@describes("agenda_item")
def _agenda_items(session: Session, ids: list[int]) -> dict[int, Described]:
    result = {}
    for part in _chunks(ids):
        q = (
            select(AgendaItem.id, AgendaItem.position, AgendaItem.title, AgendaItem.archived_at, AgendaItem.confidential,
                   Meeting.id, Meeting.starts_at, Group.name, Meeting.archived_at)
            .join(Meeting, AgendaItem.meeting_id == Meeting.id)
            .join(Group, Meeting.group_id == Group.id)
            .where(AgendaItem.id.in_(part))
        )
        for iid, position, title, archived, secret, mid, starts, group, gone in session.execute(q):
            item = f"Item {position}: {title}" if archived is None else f"Removed item: {title}"
            result[iid] = Described(_meeting_label(group, starts, gone), item, starts.date(), "meeting", mid, iid,
                                    confidential=secret)
    return result


@describes("decision")
def _decisions(session: Session, ids: list[int]) -> dict[int, Described]:
    result = {}
    for part in _chunks(ids):
        q = (
            select(Decision.id, Decision.text, Decision.archived_at, AgendaItem.id, AgendaItem.position,
                   AgendaItem.confidential, Meeting.id, Meeting.starts_at, Group.name, Meeting.archived_at)
            .join(AgendaItem, Decision.agenda_item_id == AgendaItem.id)
            .join(Meeting, Decision.meeting_id == Meeting.id)
            .join(Group, Meeting.group_id == Group.id)
            .where(Decision.id.in_(part))
        )
        for did, text, withdrawn, iid, position, secret, mid, starts, group, gone in session.execute(q):
            title = _marked(f"Decision on item {position}: {first_line(text, HIT_LINE)}", withdrawn, word="withdrawn")
            result[did] = Described(_meeting_label(group, starts, gone), title, starts.date(), "meeting", mid, iid,
                                    confidential=secret)
    return result


# An action raised from a record archived since stays in the action log (done, dropped or
# archived there), so search finds it as the log shows it; only an action itself archived, and
# its progress, go with it.


@hidden_with("action_update", ("action",))
def _progress_on_archived_actions() -> Select:
    return select(ActionUpdate.id).join(Action, ActionUpdate.action_id == Action.id).where(Action.archived_at.is_not(None))


@describes("action")
def _actions(session: Session, ids: list[int]) -> dict[int, Described]:
    """An action is dated as the index dates it (`models.actions`): its meeting's day, else the
    day it is due ("due 31/03/2024"), else the day it was added ("added 05/01/2024"); the source
    it was raised from (a case review's recommendation, say) is named as the action log names it."""
    result = {}
    for part in _chunks(ids):
        # Where each action came from, as the action log says it (every area's describer).
        sources = {a.id: a.origin for a in action_log.actions_in(session, part)}
        for aid, text, met, due, created, gone, secret in session.execute(
            select(Action.id, Action.description, Meeting.starts_at, Action.due_date, Action.created_at, Action.archived_at,
                   AgendaItem.confidential)
            .outerjoin(Meeting, Action.meeting_id == Meeting.id)
            .outerjoin(AgendaItem, Action.agenda_item_id == AgendaItem.id)  # raised under a confidential item: marked
            .where(Action.id.in_(part))
        ):
            on, dated_as = (met.date(), "") if met else (due, "due") if due else (local_time(created).date(), "added")
            result[aid] = Described(
                sources[aid].label, _marked(f"Action: {first_line(text, HIT_LINE)}", gone), on, "action", aid,
                dated_as=dated_as, confidential=bool(secret),
            )
    return result


@describes("action_update")
def _action_updates(session: Session, ids: list[int]) -> dict[int, Described]:
    result = {}
    for part in _chunks(ids):
        rows = session.execute(
            select(ActionUpdate.id, ActionUpdate.on, Action.id, Action.description, Action.archived_at,
                   AgendaItem.confidential)
            .join(Action, ActionUpdate.action_id == Action.id)
            .outerjoin(AgendaItem, Action.agenda_item_id == AgendaItem.id)
            .where(ActionUpdate.id.in_(part))
        ).all()
        sources = {a.id: a.origin for a in action_log.actions_in(session, list({r[2] for r in rows}))}
        for uid, on, aid, text, gone, secret in rows:
            title = _marked(f"Progress on: {first_line(text, HIT_LINE)}", gone)
            result[uid] = Described(sources[aid].label, title, on, "action", aid, confidential=bool(secret))
    return result


# ---------------------------------------------------------------- case reviews


@describes("case_review")
def _case_reviews(session: Session, ids: list[int]) -> dict[int, Described]:
    result = {}
    for part in _chunks(ids):
        for cid, reference, alias, aware, gone in session.execute(
            select(CaseReview.id, CaseReview.reference, CaseReview.alias, CaseReview.became_aware, CaseReview.archived_at)
            .where(CaseReview.id.in_(part))
        ):
            result[cid] = Described(_marked(f"Case {reference}", gone), alias, aware, "case_review", cid)
    return result


@hidden_with("recommendation", ("case_review",))
def _recommendations_of_archived_cases() -> Select:
    return select(Recommendation.id).join(CaseReview, Recommendation.case_review_id == CaseReview.id).where(
        CaseReview.archived_at.is_not(None))


@describes("recommendation")
def _recommendations(session: Session, ids: list[int]) -> dict[int, Described]:
    result = {}
    for part in _chunks(ids):
        for rid, number, text, archived, cid, reference, aware, gone in session.execute(
            select(Recommendation.id, Recommendation.number, Recommendation.text, Recommendation.archived_at,
                   CaseReview.id, CaseReview.reference, CaseReview.became_aware, CaseReview.archived_at)
            .join(CaseReview, Recommendation.case_review_id == CaseReview.id)
            .where(Recommendation.id.in_(part))
        ):
            result[rid] = Described(
                _marked(f"Case {reference}", gone), _marked(f"Recommendation {number}: {first_line(text, HIT_LINE)}", archived),
                aware, "case_review", cid, rid,
            )
    return result


# ---------------------------------------------------------------- memberships


@describes("person")
def _people(session: Session, ids: list[int]) -> dict[int, Described]:
    result = {}
    for part in _chunks(ids):
        for pid, name, gone, org in session.execute(
            select(Person.id, Person.name, Person.archived_at, Organisation.name)
            .outerjoin(Organisation, Person.organisation_id == Organisation.id)
            .where(Person.id.in_(part))
        ):
            result[pid] = Described(org or "People", _marked(name, gone), None, "person", pid)
    return result


@describes("organisation")
def _organisations(session: Session, ids: list[int]) -> dict[int, Described]:
    return {
        oid: Described("Organisations", _marked(name, gone), None, "organisation", oid)
        for part in _chunks(ids)
        for oid, name, gone in session.execute(
            select(Organisation.id, Organisation.name, Organisation.archived_at).where(Organisation.id.in_(part)))
    }


@describes("partnership_group")
def _groups(session: Session, ids: list[int]) -> dict[int, Described]:
    return {
        gid: Described("Groups", _marked(name, gone), None, "group", gid)
        for part in _chunks(ids)
        for gid, name, gone in session.execute(select(Group.id, Group.name, Group.archived_at).where(Group.id.in_(part)))
    }


@describes("membership")
def _memberships(session: Session, ids: list[int]) -> dict[int, Described]:
    result = {}
    for part in _chunks(ids):
        for mid, person, group, start, gone in session.execute(
            select(Membership.id, Person.name, Group.name, Membership.start_date, Membership.archived_at)
            .join(Person, Membership.person_id == Person.id)
            .join(Group, Membership.group_id == Group.id)
            .where(Membership.id.in_(part))
        ):
            result[mid] = Described(group, _marked(f"Membership: {person}", gone), start, "membership", mid)
    return result


@describes("confidentiality_agreement")
def _agreements(session: Session, ids: list[int]) -> dict[int, Described]:
    result = {}
    for part in _chunks(ids):
        for aid, person, signed, gone in session.execute(
            select(ConfidentialityAgreement.id, Person.name, ConfidentialityAgreement.signed_on,
                   ConfidentialityAgreement.archived_at)
            .join(Person, ConfidentialityAgreement.person_id == Person.id)
            .where(ConfidentialityAgreement.id.in_(part))
        ):
            result[aid] = Described("Confidentiality agreements", _marked(f"Agreement signed by {person}", gone), signed,
                                    "agreement", aid)
    return result


# ---------------------------------------------------------------- audits
# Each hit is named by its audit ("Case audit MAA-2023-01") or its Section 11 cycle and agency,
# dated as the index orders it (`models.audits`), and opened on its own page (`open_kind` is the
# table: the Audits tab finds the audit or the answer from it).


def _audit_label(reference: str, archived: datetime | None = None) -> str:
    return _marked(f"Case audit {reference}", archived)


@describes("case_audit")
def _case_audits(session: Session, ids: list[int]) -> dict[int, Described]:
    return {
        aid: Described(_audit_label(reference, gone), title, on, "case_audit", aid)
        for part in _chunks(ids)
        for aid, reference, title, on, gone in session.execute(
            select(CaseAudit.id, CaseAudit.reference, CaseAudit.title, CaseAudit.audit_date, CaseAudit.archived_at)
            .where(CaseAudit.id.in_(part))
        )
    }


@hidden_with("audit_case", ("case_audit",))
def _cases_of_archived_audits() -> Select:
    return select(AuditCase.id).join(CaseAudit, AuditCase.audit_id == CaseAudit.id).where(CaseAudit.archived_at.is_not(None))


@hidden_with("audit_return", ("audit_case", "case_audit"))
def _returns_of_archived_cases() -> Select:
    return (
        select(AuditReturn.id)
        .join(AuditCase, AuditReturn.audit_case_id == AuditCase.id)
        .join(CaseAudit, AuditCase.audit_id == CaseAudit.id)
        .where(AuditCase.archived_at.is_not(None) | CaseAudit.archived_at.is_not(None))
    )


@hidden_with("audit_learning", ("case_audit",))
def _learning_of_archived_audits() -> Select:
    return select(AuditLearning.id).join(CaseAudit, AuditLearning.audit_id == CaseAudit.id).where(
        CaseAudit.archived_at.is_not(None))


@hidden_with("audit_recommendation", ("case_audit",))
def _recommendations_of_archived_audits() -> Select:
    return select(AuditRecommendation.id).join(CaseAudit, AuditRecommendation.audit_id == CaseAudit.id).where(
        CaseAudit.archived_at.is_not(None))


@describes("audit_case")
def _audit_cases(session: Session, ids: list[int]) -> dict[int, Described]:
    result = {}
    for part in _chunks(ids):
        for cid, number, alias, archived, reference, on, gone in session.execute(
            select(AuditCase.id, AuditCase.number, AuditCase.alias, AuditCase.archived_at, CaseAudit.reference,
                   CaseAudit.audit_date, CaseAudit.archived_at)
            .join(CaseAudit, AuditCase.audit_id == CaseAudit.id)
            .where(AuditCase.id.in_(part))
        ):
            result[cid] = Described(
                _audit_label(reference, gone), _marked(f"Case {number}: {alias}", archived), on, "audit_case", cid
            )
    return result


@describes("audit_return")
def _audit_returns(session: Session, ids: list[int]) -> dict[int, Described]:
    result = {}
    for part in _chunks(ids):
        for rid, received, requested, archived, agency, number, alias, dropped, reference, gone in session.execute(
            select(AuditReturn.id, AuditReturn.received_on, AuditReturn.requested_on, AuditReturn.archived_at,
                   Organisation.name, AuditCase.number, AuditCase.alias, AuditCase.archived_at, CaseAudit.reference,
                   CaseAudit.archived_at)
            .join(Organisation, AuditReturn.organisation_id == Organisation.id)
            .join(AuditCase, AuditReturn.audit_case_id == AuditCase.id)
            .join(CaseAudit, AuditCase.audit_id == CaseAudit.id)
            .where(AuditReturn.id.in_(part))
        ):
            title = f"{agency} return for {alias} ({case_reference(reference, number)})"
            result[rid] = Described(
                _audit_label(reference, gone), _marked(title, archived, dropped), received or requested, "audit_return", rid,
            )
    return result


@describes("audit_learning")
def _audit_learning(session: Session, ids: list[int]) -> dict[int, Described]:
    result = {}
    for part in _chunks(ids):
        for lid, text, shared, archived, reference, on, gone in session.execute(
            select(AuditLearning.id, AuditLearning.text, AuditLearning.shared_on, AuditLearning.archived_at,
                   CaseAudit.reference, CaseAudit.audit_date, CaseAudit.archived_at)
            .join(CaseAudit, AuditLearning.audit_id == CaseAudit.id)
            .where(AuditLearning.id.in_(part))
        ):
            result[lid] = Described(
                _audit_label(reference, gone), _marked(f"Learning point: {first_line(text, HIT_LINE)}", archived),
                shared or on, "audit_learning", lid,
            )
    return result


@describes("audit_recommendation")
def _audit_recommendations(session: Session, ids: list[int]) -> dict[int, Described]:
    result = {}
    for part in _chunks(ids):
        for rid, number, text, archived, reference, on, gone in session.execute(
            select(AuditRecommendation.id, AuditRecommendation.number, AuditRecommendation.text,
                   AuditRecommendation.archived_at, CaseAudit.reference, CaseAudit.audit_date, CaseAudit.archived_at)
            .join(CaseAudit, AuditRecommendation.audit_id == CaseAudit.id)
            .where(AuditRecommendation.id.in_(part))
        ):
            result[rid] = Described(
                _audit_label(reference, gone), _marked(f"Recommendation {number}: {first_line(text, HIT_LINE)}", archived),
                on, "audit_recommendation", rid,
            )
    return result


@hidden_with("s11_rating", ("s11_agency", "s11_cycle"))
def _answers_of_archived_agencies() -> Select:
    """Answers of an agency taken out of its cycle, or of an archived cycle."""
    return (
        select(S11Rating.id)
        .join(S11Agency, S11Rating.s11_agency_id == S11Agency.id)
        .join(S11Cycle, S11Agency.cycle_id == S11Cycle.id)
        .where(S11Agency.archived_at.is_not(None) | S11Cycle.archived_at.is_not(None))
    )


@describes("s11_rating")
def _s11_ratings(session: Session, ids: list[int]) -> dict[int, Described]:
    """"Section 11 2024-26, Brent Council" and "Standard 3. Safer recruitment", dated by the
    agency's return; "(archived)" after the first for an archived cycle or an agency taken out."""
    result = {}
    for part in _chunks(ids):
        for rid, cycle, agency, number, title, returned, gone, out in session.execute(
            select(S11Rating.id, S11Cycle.name, Organisation.name, S11Standard.number, S11Standard.title,
                   S11Agency.returned_on, S11Cycle.archived_at, S11Agency.archived_at)
            .join(S11Agency, S11Rating.s11_agency_id == S11Agency.id)
            .join(S11Cycle, S11Agency.cycle_id == S11Cycle.id)
            .join(Organisation, S11Agency.organisation_id == Organisation.id)
            .join(S11Standard, S11Rating.standard_id == S11Standard.id)
            .where(S11Rating.id.in_(part))
        ):
            result[rid] = Described(
                _marked(f"Section 11 {cycle}, {agency}", gone, out), f"Standard {number}. {title}", returned,
                "s11_rating", rid,
            )
    return result
