"""Search what was said: the full-text index kept in step by the unit of work (issue: daily
use, point 6)."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from bscp_desktop.db import search as index
from bscp_desktop.db.database import Database
from bscp_desktop.domain.meetings import MeetingStatus
from bscp_desktop.domain.search import fts5_query, search_terms
from bscp_desktop.services import actions as al
from bscp_desktop.services import meetings as mt
from bscp_desktop.services import search as finder
from tests.meetings_world import meeting


def titles(result):
    return [(h.kind, h.record, h.title) for h in result.hits]


def test_questions_become_the_words_that_matter():
    assert search_terms("When did we last discuss neglect?") == ["neglect"]
    assert search_terms("the") == ["the"]  # nothing but small words: look for them anyway
    assert search_terms('neglect AND "toolkit" OR (x*)') == ["neglect", "toolkit", "x"]
    assert fts5_query(['say"what']) == '"say""what"*'
    assert search_terms("Zoe\u0308 Nguye\u0302\u0303n") == ["zoë", "nguyễn"]  # accents pasted apart


def test_minutes_are_found_newest_first_with_the_meeting_and_a_snippet(db, world):
    older = meeting(db, world.forum, datetime(2023, 6, 8, 10), status=MeetingStatus.HELD)
    newer = meeting(db, world.forum, datetime(2024, 3, 14, 10), status=MeetingStatus.HELD)
    a = mt.add_agenda_item(db, older.id, mt.AgendaItemFields("Partner updates"))
    mt.save_item_minutes(db, a.id, "The Forum discussed neglected children and the graded care profile.")
    b = mt.add_agenda_item(db, newer.id, mt.AgendaItemFields("Neglect strategy"))
    mt.add_agenda_item(db, newer.id, mt.AgendaItemFields("Exploitation"))
    result = finder.search(db, "When did we last discuss neglect?")
    assert result.terms == ("neglect",)
    assert titles(result) == [
        ("Agenda item", "Safeguarding Children Forum, 14/03/2024", "Item 1: Neglect strategy"),
        ("Agenda item", "Safeguarding Children Forum, 08/06/2023", "Item 1: Partner updates"),
    ]
    assert result.hits[1].snippet.count("[neglected]") == 1
    assert (result.hits[0].open_kind, result.hits[0].open_id, result.hits[0].detail_id) == ("meeting", newer.id, b.id)


def test_the_index_follows_every_change_in_the_same_transaction(db, world):
    m = meeting(db, world.forum, datetime(2024, 3, 14, 10), status=MeetingStatus.HELD)
    item = mt.add_agenda_item(db, m.id, mt.AgendaItemFields("Business"))
    assert finder.search(db, "toolkit").hits == ()
    mt.save_item_minutes(db, item.id, "A new neglect toolkit was launched.")
    assert [h.record_id for h in finder.search(db, "toolkit").hits] == [item.id]
    mt.save_item_minutes(db, item.id, "Changed our minds.")
    assert finder.search(db, "toolkit").hits == ()
    decision = mt.add_decision(db, item.id, "Adopt the toolkit")
    action = mt.add_item_action(db, item.id, al.ActionFields("Circulate the toolkit to schools", owner_person_id=world.chair.id,
                                                                   due_date=date(2024, 6, 30)))
    kinds = {h.kind for h in finder.search(db, "toolkit").hits}
    assert kinds == {"Decision", "Action"}
    assert decision.id and action.id
    # archived records drop out (and come back on request)
    mt.archive_decision(db, decision.id)
    al.archive_action(db, action.id)
    mt.save_item_minutes(db, item.id, "Neglect toolkit")
    mt.archive_agenda_item(db, item.id)  # minutes are not written into a removed item: before it
    assert "Agenda item" not in {h.kind for h in finder.search(db, "toolkit").hits}
    assert "Agenda item" in {h.kind for h in finder.search(db, "toolkit", include_archived=True).hits}


def test_a_failed_command_leaves_the_index_as_it_was(db, world):
    m = meeting(db, world.forum, datetime(2024, 3, 14, 10), status=MeetingStatus.HELD)
    item = mt.add_agenda_item(db, m.id, mt.AgendaItemFields("Business"))
    with pytest.raises(RuntimeError), db.unit_of_work() as session:
        from bscp_desktop.db.models.meetings import AgendaItem

        session.get(AgendaItem, item.id).minutes = "safeguarding toolkit"
        session.flush()
        raise RuntimeError("the officer's laptop lost power")
    assert finder.search(db, "toolkit").hits == ()


def test_search_in_one_area_and_unknown_kinds_shown_plainly(db, world):
    m = meeting(db, world.forum, datetime(2024, 3, 14, 10), title="Forum on neglect", status=MeetingStatus.HELD)
    assert {h.area for h in finder.search(db, "neglect").hits} == {"meetings"}
    assert finder.search(db, "neglect", area="case-reviews").hits == ()
    assert finder.search(db, "Morse", area="memberships").hits[0].title == "Inspector Morse"
    assert m.id


def test_the_index_is_rebuilt_when_the_declarations_change(db_path, world, db):
    m = meeting(db, world.forum, datetime(2024, 3, 14, 10), status=MeetingStatus.HELD)
    mt.add_agenda_item(db, m.id, mt.AgendaItemFields("Neglect strategy"))
    with db.engine.begin() as conn:
        conn.exec_driver_sql(f"UPDATE {index.META} SET value = 'older declarations'")
        conn.exec_driver_sql(f"DELETE FROM {index.INDEX}")
        conn.exec_driver_sql(f"DELETE FROM {index.ENTRIES}")
    assert finder.search(db, "neglect").hits == ()
    db.close()
    reopened = Database.open(db_path)
    try:
        assert len(finder.search(reopened, "neglect").hits) == 1
    finally:
        reopened.close()


def drop_the_index(db) -> None:
    """The file as without a full-text index (SQLite built without FTS5): searched by scanning."""
    with db.engine.begin() as conn:
        for table in (index.INDEX, index.ENTRIES, index.META):
            conn.exec_driver_sql(f"DROP TABLE {table}")


def test_without_a_full_text_index_the_same_hits_are_found(db, world):
    m = meeting(db, world.forum, datetime(2024, 3, 14, 10), status=MeetingStatus.HELD)
    item = mt.add_agenda_item(db, m.id, mt.AgendaItemFields("Partner updates"))
    mt.save_item_minutes(db, item.id, "Neglected children were discussed.")
    drop_the_index(db)
    result = finder.search(db, "When did we last discuss neglect?")
    assert [h.record_id for h in result.hits] == [item.id]
    assert "Neglected" in result.hits[0].snippet


def test_snippets_show_the_words_found_in_brackets():
    from bscp_desktop.domain.search import snippet

    text = " ".join(f"w{i}" for i in range(40)) + " the neglected child " + " ".join(f"x{i}" for i in range(40))
    passage = snippet(text, ["neglect"], 8)
    assert passage.startswith("… ") and passage.endswith(" …") and "[neglected]" in passage
    assert snippet("Nothing here", ["neglect"]) is None
    assert snippet("Żółć and NEGLECT", ["neglect"]) == "Żółć and [NEGLECT]"


@pytest.mark.parametrize("with_index", [True, False])
def test_a_word_of_one_or_two_letters_is_found_whole(db, world, with_index):
    m = meeting(db, world.forum, datetime(2024, 3, 14, 10), status=MeetingStatus.HELD)
    child_b = mt.add_agenda_item(db, m.id, mt.AgendaItemFields("Learning from the review of Child B"))
    mt.add_agenda_item(db, m.id, mt.AgendaItemFields("Brent Council budget"))
    if not with_index:
        drop_the_index(db)
    assert fts5_query(["b", "child"]) == '"b" AND "child"*'
    result = finder.search(db, "child b")
    assert [h.record_id for h in result.hits] == [child_b.id]
    assert "[B]" in result.hits[0].snippet and "[Brent]" not in result.hits[0].snippet


def test_an_action_found_says_where_it_came_from_as_the_action_log_does(db, world):
    from bscp_desktop.services import case_reviews as cr

    case = cr.create_case_review(db, cr.CaseReviewFields("Child A", "death", date(2024, 1, 29)))
    rec = cr.create_recommendation(db, cr.RecommendationFields(case.id, "Invite schools"))
    owned = {"owner_person_id": world.chair.id, "due_date": date(2024, 6, 30)}
    from_case = cr.add_recommendation_action(db, rec.id, al.ActionFields("Write to every headteacher", **owned))
    in_log = al.create_action(db, al.ActionFields("Ask headteacher forum for a speaker", **owned))
    al.add_progress_update(db, from_case.id, date(2024, 2, 1), "Letter to headteacher drafted")
    hits = {(h.kind, h.title): h.record for h in finder.search(db, "headteacher").hits}
    assert hits == {
        ("Action", "Action: Write to every headteacher"): f"Case review {case.reference} (Child A): recommendation 1",
        ("Action", "Action: Ask headteacher forum for a speaker"): in_log.source,
        ("Progress update", "Progress on: Write to every headteacher"): from_case.source,
    }


def test_every_searchable_record_belongs_to_a_tab():
    from bscp_desktop.areas import AREAS

    tabs = {a.key for a in AREAS}
    assert set(index.areas()) <= tabs
    assert "case-reviews" in index.areas()


def test_the_recommendations_of_an_archived_case_are_found_only_with_the_archived(db):
    from bscp_desktop.domain.case_reviews import IncidentType
    from bscp_desktop.services import case_reviews as cr

    case = cr.create_case_review(db, cr.CaseReviewFields("Child Q", IncidentType.SERIOUS_HARM, date(2024, 1, 8)))
    cr.create_recommendation(db, cr.RecommendationFields(case.id, "Teach abusive head trauma prevention"))
    assert [h.title for h in finder.search(db, "abusive head trauma").hits] == [
        "Recommendation 1: Teach abusive head trauma prevention"]
    cr.archive_case_review(db, case.id)
    assert finder.search(db, "abusive head trauma").hits == ()
    assert len(finder.search(db, "abusive head trauma", include_archived=True).hits) == 1


def _described(hits):
    return [(h.kind, h.record, h.title, h.on, h.open_kind, h.open_id) for h in hits]


@pytest.mark.both_engines  # on the test server too: the search reads the records themselves there
def test_a_case_audit_found_is_named_by_its_audit_and_dated_by_its_own_dates(db):
    from bscp_desktop.domain.audits import SharedVia
    from bscp_desktop.domain.memberships import OrganisationKind
    from bscp_desktop.services import memberships as ms
    from bscp_desktop.services.audits import case_audits as ca
    from bscp_desktop.services.audits import learning as le
    from bscp_desktop.services.audits import samples as sa

    police = ms.create_organisation(db, ms.OrganisationFields("Metropolitan Police", OrganisationKind.POLICE))
    audit = ca.create_audit(db, ca.AuditFields("Chronology audit", date(2023, 2, 1), scope="Chronology quality"))
    case = sa.add_case(db, sa.AuditCaseFields(audit.id, "Child P", summary="No chronology on file",
                                              agency_ids=(police.id,)))
    [ret] = sa.list_returns(db, audit.id)
    sa.update_return(db, ret.id, sa.ReturnFields(date(2023, 2, 2), date(2023, 2, 20), "Chronology kept up to date"))
    point = le.create_learning(db, le.LearningFields(audit.id, "Chronologies were missing", shared_via=SharedVia.BRIEFING,
                                                     shared_on=date(2023, 4, 20)))
    rec = le.create_recommendation(db, le.RecommendationFields(audit.id, "Keep a chronology for every child"))
    hits = finder.search(db, "chronolog", area="audits").hits
    named = "Case audit MAA-2023-01"
    assert _described(hits) == [  # newest first, each on its own date, not the day it was typed in
        ("Learning point", named, "Learning point: Chronologies were missing", date(2023, 4, 20), "audit_learning",
         point.id),
        ("Agency return", named, "Metropolitan Police return for Child P (MAA-2023-01-C1)", date(2023, 2, 20),
         "audit_return", ret.id),
        ("Audit case", named, "Case 1: Child P", date(2023, 2, 1), "audit_case", case.id),
        ("Audit recommendation", named, "Recommendation 1: Keep a chronology for every child", date(2023, 2, 1),
         "audit_recommendation", rec.id),
        ("Case audit", named, "Chronology audit", date(2023, 2, 1), "case_audit", audit.id),
    ]
    # what belongs to an archived audit is found only with the archived
    ca.archive_audit(db, audit.id)
    assert finder.search(db, "chronolog", area="audits").hits == ()
    assert len(finder.search(db, "chronolog", area="audits", include_archived=True).hits) == 5


@pytest.mark.both_engines  # on the test server too: the search reads the records themselves there
def test_a_section_11_answer_found_names_its_cycle_agency_and_standard(db):
    from bscp_desktop.domain.memberships import OrganisationKind
    from bscp_desktop.services import memberships as ms
    from bscp_desktop.services.audits import s11_ratings as sr
    from bscp_desktop.services.audits import section11 as s11

    orgs = [ms.create_organisation(db, ms.OrganisationFields(name, OrganisationKind.VOLUNTARY))
            for name in ("Brent Mencap", "Żółć Community Trust")]
    cycle = s11.create_cycle(db, s11.CycleFields("2024-26", date(2024, 4, 1), date(2024, 6, 28)))
    s11.add_agencies(db, cycle.id, [o.id for o in orgs])
    standards = s11.list_standards(db, cycle.id)
    returned = {"Brent Mencap": date(2024, 6, 14), "Żółć Community Trust": None}
    for part in s11.list_participants(db, cycle.id):
        s11.update_participant(db, part.id, s11.ParticipantFields(returned_on=returned[part.organisation_name]))
        for standard in standards[:2]:  # entered in the window: a return not yet dated is dated that day
            sr.save_rating(db, part.id, standard.id, sr.RatingFields("Green", evidence="Policy on the intranet"),
                           today=date(2024, 6, 20))
    dated = {"Brent Mencap": date(2024, 6, 14), "Żółć Community Trust": date(2024, 6, 20)}
    rows = {(h.record, h.title, h.on) for h in finder.search(db, "intranet", area="audits").hits}
    assert rows == {
        (f"Section 11 2024-26, {agency}", f"Standard {s.number}. {s.title}", on)
        for agency, on in dated.items() for s in standards[:2]
    }
    hit = finder.search(db, "intranet").hits[0]  # newest first: by the day each return came in
    assert (hit.on, hit.open_kind) == (date(2024, 6, 20), "s11_rating")
    s11.archive_cycle(db, cycle.id)
    assert finder.search(db, "intranet").hits == ()


@pytest.mark.parametrize("with_index", [True, False])
def test_a_case_is_found_by_its_alias_of_a_word_and_a_letter(db, world, with_index):
    from bscp_desktop.domain.case_reviews import IncidentType
    from bscp_desktop.services import case_reviews as cr

    child_a = cr.create_case_review(db, cr.CaseReviewFields("Child A", IncidentType.SERIOUS_HARM, date(2024, 1, 8)))
    cr.create_case_review(db, cr.CaseReviewFields("Child B", IncidentType.SERIOUS_HARM, date(2024, 1, 9),
                                                  summary="A child was seen by a health visitor"))
    m = meeting(db, world.forum, datetime(2024, 3, 14, 10), status=MeetingStatus.HELD)
    mt.add_agenda_item(db, m.id, mt.AgendaItemFields("A plan for every child"))
    if not with_index:
        drop_the_index(db)
    for typed in ("Child A", "child a", '"Child A"', "When did we discuss Child A?", "Child A's", "Child A’s"):
        result = finder.search(db, typed)
        assert result.terms == ("child a",), typed
        assert [(h.table, h.record_id) for h in result.hits] == [("case_review", child_a.id)], typed
    assert "[Child] [A]" in finder.search(db, "Child A").hits[0].snippet


@pytest.mark.parametrize("with_index", [True, False])
def test_a_short_name_joined_by_an_ampersand_is_searched_whole(db, world, with_index):
    """"A&E" searched for the letter E alone: "Appendix E" and a child's alias came up."""
    m = meeting(db, world.forum, datetime(2024, 3, 14, 10), status=MeetingStatus.HELD)
    ae = mt.add_agenda_item(db, m.id, mt.AgendaItemFields("Rise in A&E attendances"))
    mt.add_agenda_item(db, m.id, mt.AgendaItemFields("See Appendix E and the vitamin E study"))
    if not with_index:
        drop_the_index(db)
    result = finder.search(db, "A&E")
    assert result.terms == ("a e",)
    assert [(h.table, h.record_id) for h in result.hits] == [("agenda_item", ae.id)]


PEOPLE = ("José Álvarez", "Özlem Yılmaz", "Zoë O'Brien", "Anja Strauß", "İbrahim Çelik", "Łukasz Żółć",
          "Nguyễn Văn Đức")
TYPED = {  # what an officer types -> whom it finds
    "Jose": "José Álvarez", "josé": "José Álvarez", "Ozlem": "Özlem Yılmaz", "Yilmaz": "Özlem Yılmaz",
    "yılmaz": "Özlem Yılmaz", "Zoe": "Zoë O'Brien", "O'Brien": "Zoë O'Brien", "Brien": "Zoë O'Brien",
    "Strauß": "Anja Strauß", "Strauss": "Anja Strauß", "Anja Strauß": "Anja Strauß", "Ibrahim": "İbrahim Çelik",
    "İbrahim": "İbrahim Çelik", "Lukasz": "Łukasz Żółć", "Zolc": "Łukasz Żółć", "Nguyen": "Nguyễn Văn Đức",
    "Duc": "Nguyễn Văn Đức", "Đức": "Nguyễn Văn Đức", "Großer": "Anja Strauß", "grosser saal": "Anja Strauß",
}


@pytest.mark.both_engines  # on the test server the search reads the records themselves
def test_accents_and_case_are_ignored_alike_with_and_without_the_index(db):
    """"Jose" found nobody on a team database, and "Strauß" nobody anywhere: the text and the
    words typed are folded alike, by the index and by the search that reads the records."""
    from bscp_desktop.services.memberships import people as pp
    from bscp_desktop.services.memberships.dtos import PersonFields

    ids = {pp.create_person(db, PersonFields(name, notes="Met at Großer Saal" if "ß" in name else "")).id: name
           for name in PEOPLE}
    for typed, name in TYPED.items():
        assert [h.title for h in finder.search(db, typed, area="memberships").hits] == [name], typed
        with db.unit_of_work() as session:  # the search of a database without the index, on the same records
            scanned = index._scan(session.connection(), search_terms(typed), ["person"], False, 200)[0]
        assert [ids[m.record_id] for m in scanned] == [name], typed
    assert "[Großer]" in finder.search(db, "grosser").hits[0].snippet


def test_the_count_is_of_the_records_shown(db, world):
    """An item of an archived meeting is not shown: "3 records, the newest 2 shown" was said of 2."""
    kept = [meeting(db, world.forum, datetime(2024, month, 14, 10), status=MeetingStatus.HELD) for month in (3, 4)]
    gone = meeting(db, world.forum, datetime(2024, 5, 14, 10), status=MeetingStatus.HELD)
    for m in (*kept, gone):
        mt.add_agenda_item(db, m.id, mt.AgendaItemFields("Matters arising"))
    mt.archive_meeting(db, gone.id)
    result = finder.search(db, "matters arising")
    assert (len(result.hits), result.total) == (2, 2)
    result = finder.search(db, "matters arising", limit=1)
    assert (len(result.hits), result.total) == (1, 2)
    assert result.hits[0].open_id == kept[1].id


@pytest.mark.parametrize("with_index", [True, False])
def test_the_actions_of_an_archived_case_are_found_as_the_action_log_shows_them(db, world, with_index):
    from bscp_desktop.domain.case_reviews import IncidentType
    from bscp_desktop.services import case_reviews as cr

    case = cr.create_case_review(db, cr.CaseReviewFields("Child Q", IncidentType.SERIOUS_HARM, date(2024, 1, 8)))
    rec = cr.create_recommendation(db, cr.RecommendationFields(case.id, "Teach safe sleeping"))
    action = cr.add_recommendation_action(db, rec.id, al.ActionFields(
        "Run a learning event on self-harm", owner_person_id=world.chair.id, due_date=date(2024, 6, 30)))
    al.add_progress_update(db, action.id, date(2024, 2, 1), "Self-harm event booked")
    if not with_index:
        drop_the_index(db)
    assert {h.kind for h in finder.search(db, "self-harm").hits} == {"Action", "Progress update"}
    cr.archive_case_review(db, case.id)
    # the action stays in the action log until it is done, dropped or archived there: search finds it there too
    assert action.id in {a.id for a in al.list_action_log(db)}
    assert {h.kind for h in finder.search(db, "self-harm").hits} == {"Action", "Progress update"}
    al.archive_action(db, action.id)
    result = finder.search(db, "self-harm")
    assert (result.hits, result.total) == ((), 0)


def _scanned(db, typed: str, tables: list[str]) -> list[int]:
    """The ids the search without the index finds (a team database's search): the same rule."""
    with db.unit_of_work() as session:
        return [m.record_id for m in index._scan(session.connection(), search_terms(typed), tables, False, 200)[0]]


def _items(db, typed: str) -> list[int]:
    return [h.record_id for h in finder.search(db, typed).hits if h.table == "agenda_item"]


@pytest.mark.both_engines  # on the test server the search reads the records themselves
def test_every_start_of_a_word_finds_it_and_no_other_form_of_it_does(db, world):
    """"safeguardi" found nothing while "safeguard" and "safeguarding" did (the index kept word
    stems), and "news" found "new": a word is found by its start, however much of it is typed."""
    m = meeting(db, world.forum, datetime(2024, 3, 14, 10), status=MeetingStatus.HELD)
    item = mt.add_agenda_item(db, m.id, mt.AgendaItemFields("Safeguarding week"))
    mt.save_item_minutes(db, item.id, "A new leaflet for the University was agreed at the meeting.")
    for typed in ("safeguard", "safeguardi", "safeguardin", "safeguarding", "meeti", "meeting", "universit", "leaf"):
        assert _items(db, typed) == [item.id], typed
        assert _scanned(db, typed, ["agenda_item"]) == [item.id], typed
    for typed in ("news", "universal", "safeguards", "meetings", "leafs"):
        assert _items(db, typed) == [], typed
        assert _scanned(db, typed, ["agenda_item"]) == [], typed


def test_an_index_made_by_an_earlier_version_is_made_again_as_this_version_splits_words(db_path, world, db):
    """An index that kept word stems stays that way if only emptied and filled again: it is
    made again when the file is opened."""
    m = meeting(db, world.forum, datetime(2024, 3, 14, 10), status=MeetingStatus.HELD)
    item = mt.add_agenda_item(db, m.id, mt.AgendaItemFields("Safeguarding week"))
    with db.engine.begin() as conn:  # the index as an earlier version made it
        conn.exec_driver_sql(f"DROP TABLE {index.INDEX}")
        conn.exec_driver_sql(f"CREATE VIRTUAL TABLE {index.INDEX} USING fts5(title, body, "
                             "tokenize = 'porter unicode61 remove_diacritics 2')")
        conn.exec_driver_sql(f"DELETE FROM {index.ENTRIES}")
        conn.exec_driver_sql(f"UPDATE {index.META} SET value = 'folded-1|declarations'")
    db.close()
    reopened = Database.open(db_path)
    try:
        with reopened.engine.connect() as conn:
            made = conn.exec_driver_sql("SELECT sql FROM sqlite_master WHERE name = ?", (index.INDEX,)).scalar()
        assert "porter" not in made and index.TOKENIZER in made
        assert _items(reopened, "safeguardi") == [item.id]
    finally:
        reopened.close()


@pytest.mark.parametrize("with_index", [True, False])
def test_a_decisions_evidence_of_impact_is_searched_as_an_actions_is(db, world, with_index):
    m = meeting(db, world.forum, datetime(2024, 3, 14, 10), status=MeetingStatus.HELD)
    item = mt.add_agenda_item(db, m.id, mt.AgendaItemFields("Neglect strategy", confidential=True))
    owned = {"owner_person_id": world.chair.id, "due_date": date(2024, 6, 30)}
    decision = mt.add_decision(db, item.id, mt.DecisionFields("Adopt the strategy", evidence="Fewer repeat plans", **owned))
    if not with_index:
        drop_the_index(db)
    result = finder.search(db, "repeat plans")
    assert [(h.kind, h.record_id) for h in result.hits] == [("Decision", decision.id)]
    assert result.hits[0].title == "Decision on item 1: Adopt the strategy"
    assert "[repeat] [plans]" in result.hits[0].snippet
    mt.update_decision(db, decision.id, mt.DecisionFields("Adopt the strategy", evidence="Audit of plans", **owned))
    assert finder.search(db, "repeat").hits == ()
    assert [h.record_id for h in finder.search(db, "audit").hits] == [decision.id]
    mt.archive_meeting(db, m.id)  # hidden with its meeting, whichever of its words was found
    assert finder.search(db, "audit").hits == () and finder.search(db, "adopt").hits == ()


@pytest.mark.both_engines
def test_a_soft_hyphen_or_a_joiner_in_a_word_is_not_read_as_a_break(db, world):
    """Minutes pasted from a document with a soft hyphen in "Platy-pus" were not found by
    "platypus"; a zero-width space still separates two words."""
    m = meeting(db, world.forum, datetime(2024, 3, 14, 10), status=MeetingStatus.HELD)
    item = mt.add_agenda_item(db, m.id, mt.AgendaItemFields("Partner updates"))
    mt.save_item_minutes(db, item.id, "Concerns about PLATY\u00adPUS and safe\u2060guard\u200dING, WOMBAT\u200bKANGAROO")
    for typed in ("platypus", "platy", "safeguarding", "wombat", "kangaroo", "platy\u00adpus"):
        assert _items(db, typed) == [item.id], typed
        assert _scanned(db, typed, ["agenda_item"]) == [item.id], typed
    assert _items(db, "pus") == []
    assert "[PLATY\u00adPUS]" in finder.search(db, "platypus").hits[0].snippet


INDIC_NAMES = ("प्रिया शर्मा", "ગીતા પટેલ", "ஸ்ரீநிவாசன் ராமன்")


@pytest.mark.both_engines  # on the test server the search reads the records themselves
def test_a_name_in_hindi_gujarati_or_tamil_is_found_as_typed(db):
    """"प्रिया" found nobody (the index and the words typed were cut at each vowel sign and
    virama, each its own way): a word's marks are part of the word, in the index and as typed."""
    from bscp_desktop.services.memberships import people as pp
    from bscp_desktop.services.memberships.dtos import PersonFields

    ids = {pp.create_person(db, PersonFields(name, job_title="Designated nurse")).id: name for name in INDIC_NAMES}
    pp.create_person(db, PersonFields("Priya Sharma"))
    for name in INDIC_NAMES:
        first, last = name.split(" ")
        for typed in (first, last, first[:4], name):
            assert [h.title for h in finder.search(db, typed, area="memberships").hits] == [name], typed
            assert [ids[i] for i in _scanned(db, typed, ["person"])] == [name], typed
    assert finder.search(db, "पर", area="memberships").hits == ()  # not the letters of "प्रिया"
    assert "[शर्मा]" in finder.search(db, "शर्मा").hits[0].snippet


def test_an_index_that_cut_words_at_their_vowel_signs_is_made_again(db_path, db):
    """An index made before split "प्रिया" into प, र and य, so the letter "प" found it: it is made again
    when the file is opened."""
    from bscp_desktop.services.memberships import people as pp
    from bscp_desktop.services.memberships.dtos import PersonFields

    person = pp.create_person(db, PersonFields("प्रिया शर्मा"))
    stored = index.signature().replace(index.FOLDED, "folded-2").replace(index.TOKENIZER, "unicode61 remove_diacritics 2")
    with db.engine.begin() as conn:  # the index as the version before made it
        conn.exec_driver_sql(f"DROP TABLE {index.INDEX}")
        conn.exec_driver_sql(f"CREATE VIRTUAL TABLE {index.INDEX} USING fts5(title, body, "
                             "tokenize = 'unicode61 remove_diacritics 2')")
        conn.exec_driver_sql(f"INSERT INTO {index.INDEX} (rowid, title, body) SELECT id, ?, '' FROM {index.ENTRIES} "
                             "WHERE table_name = 'person'", ("प्रिया शर्मा",))
        conn.exec_driver_sql(f"UPDATE {index.META} SET value = ?", (stored,))
    assert [h.record_id for h in finder.search(db, "प").hits] == [person.id]  # a letter of it, as a word
    db.close()
    reopened = Database.open(db_path)
    try:
        with reopened.engine.connect() as conn:
            made = conn.exec_driver_sql("SELECT sql FROM sqlite_master WHERE name = ?", (index.INDEX,)).scalar()
        assert index.TOKENIZER in made
        assert [h.record_id for h in finder.search(reopened, "प्रिया").hits] == [person.id]
        assert finder.search(reopened, "प").hits == ()
    finally:
        reopened.close()
