"""Search said one thing and did another.

An action raised from a case review is ordered, and found by a date typed, by the day it is due
(`models.actions`), but its hit showed the case review's day: "ICON" listed two actions shown as
06/11/2023 above an agenda item of 22/02/2024 "newest first", "31/03/2024" found an action shown
as 06/11/2023 and "06/11/2023" did not find it. A hit now shows the date it is ordered and found
by, saying which it is ("due 31/03/2024").

Words after the twelfth were dropped without a word: thirteen words found a record that did not
hold the thirteenth. They are now named as not searched for.

The window searched no archived records and said "Check the spelling" of a case reference that
was only archived: when nothing else is found, the archived records mentioning it are counted.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from bscp_desktop.db.models import Action
from bscp_desktop.domain.dates import format_date
from bscp_desktop.domain.meetings import MeetingStatus
from bscp_desktop.domain.search import MAX_TERMS, search_terms, terms_not_searched
from bscp_desktop.services import actions as action_log
from bscp_desktop.services import case_reviews as cr
from bscp_desktop.services import meetings as mt
from bscp_desktop.services import search as finder
from bscp_desktop.services.search_names import unsearched_sentence
from tests.built_once import database_with
from tests.meetings_world import build_world, meeting

AWARE = date(2023, 11, 6)  # the case review's day, its recommendation's
TWELVE = "forum graded care profile kingsbury high cafe lait spots noted partners para"

NOT_SEARCHED = unsearched_sentence()  # the records that can hold a name and are not searched


@dataclass(frozen=True)
class Made:
    meeting_action: int
    launch: int  # due 30/09/2024
    train: int  # due 31/03/2024
    undated: int  # no due date: dated by the day it was added
    item: int
    archived_case: str  # its reference


def build(db) -> Made:
    world = build_world(db)
    m = meeting(db, world.forum, datetime(2024, 2, 22, 10), status=MeetingStatus.HELD)
    item = mt.add_agenda_item(db, m.id, mt.AgendaItemFields("ICON training"))
    mt.save_item_minutes(db, item.id, f"The {TWELVE} were noted.")
    fields = lambda text, due: action_log.ActionFields(text, owner_person_id=world.chair.id, due_date=due)  # noqa: E731
    at_meeting = mt.add_item_action(db, item.id, fields("Share the ICON leaflet", date(2024, 5, 1)))
    case = cr.create_case_review(db, cr.CaseReviewFields("Child C", "serious_harm", AWARE))
    rec = cr.create_recommendation(db, cr.RecommendationFields(case.id, "Teach ICON to every parent"))
    launch = cr.add_recommendation_action(db, rec.id, fields("Borough launch of ICON", date(2024, 9, 30)))
    train = cr.add_recommendation_action(db, rec.id, fields("Train health visitors to deliver ICON", date(2024, 3, 31)))
    undated = action_log.create_action(db, fields("Order ICON posters", date(2024, 4, 1)))
    with db.unit_of_work() as session:  # an action saved before a due date was asked for
        session.get(Action, undated.id).due_date = None
    gone = cr.create_case_review(db, cr.CaseReviewFields("Child Z", "serious_harm", date(2022, 11, 14)))
    cr.archive_case_review(db, gone.id)
    return Made(at_meeting.id, launch.id, train.id, undated.id, item.id, gone.reference)


db, made = database_with("search-terms-and-action-dates", build, records="made")


def _newest_first(hits) -> bool:
    days = [h.on for h in hits]
    return days == sorted(days, reverse=True)


def test_an_action_shows_the_date_it_is_ordered_and_found_by(db, made):
    hits = finder.search(db, "ICON").hits
    assert [(h.table, h.record_id, h.date_shown) for h in hits] == [
        ("action", made.undated, f"added {format_date(date.today())}"),  # no due date: the day it was added
        ("action", made.launch, "due 30/09/2024"),  # raised from a case review: the day it is due
        ("action", made.train, "due 31/03/2024"),
        ("action", made.meeting_action, "22/02/2024"),  # raised at a meeting: its meeting's day
        ("agenda_item", made.item, "22/02/2024"),
        ("recommendation", hits[-1].record_id, "06/11/2023"),
    ]
    assert _newest_first(hits) and hits[2].line.startswith("due 31/03/2024\tAction\t")
    # a date typed finds the records showing it, and only those
    for typed, day in (("31/03/2024", date(2024, 3, 31)), ("06/11/2023", AWARE), ("30/09/2024", date(2024, 9, 30))):
        found = finder.search(db, typed).hits
        assert found and all(h.on == day for h in found), (typed, [(h.kind, h.date_shown) for h in found])
    assert [(h.table, h.record_id) for h in finder.search(db, "31/03/2024").hits] == [("action", made.train)]
    assert ("action", made.train) not in {(h.table, h.record_id) for h in finder.search(db, "06/11/2023").hits}


def test_the_words_after_the_twelfth_are_named_as_not_searched_for():
    assert len(search_terms(TWELVE)) == MAX_TERMS and terms_not_searched(TWELVE) == []
    typed = f"{TWELVE} xyzzyplugh Zoë"
    assert search_terms(typed) == search_terms(TWELVE) and terms_not_searched(typed) == ["xyzzyplugh", "zoë"]
    assert terms_not_searched(f"{TWELVE} the") == []  # a small word is dropped, as ever


def test_a_search_of_more_than_twelve_words_says_which_were_not_looked_for(db, made):
    result = finder.search(db, f"{TWELVE} xyzzyplugh")
    assert [h.record_id for h in result.hits] == [made.item]  # found by its first twelve words
    assert result.not_searched == ("xyzzyplugh",)
    assert result.not_searched_sentence == ("Only the first 12 words are looked for: 'xyzzyplugh' was not searched "
                                            "for, so the records found may not mention it.")
    many = finder.search(db, f"{TWELVE} " + " ".join(f"word{n}" for n in range(8)))
    assert "'word0', 'word1', 'word2', 'word3', 'word4' and 3 more were not searched for" in many.not_searched_sentence
    assert finder.search(db, TWELVE).not_searched == () and finder.search(db, TWELVE).not_searched_sentence == ""


def test_archived_records_mentioning_what_was_not_found_are_counted(db, made):
    result = finder.search(db, made.archived_case)
    assert result.hits == () and result.archived == 1
    assert result.archived_mention == "1 archived record mentions it"
    found = finder.search(db, made.archived_case, include_archived=True)
    assert [h.record for h in found.hits] == [f"Case {made.archived_case} (archived)"] and found.archived == 0
    assert finder.search(db, made.archived_case, area="meetings").archived == 0  # only where it searched
    assert finder.search(db, "zzyzx").archived == 0
    assert finder.search(db, "ICON").archived == 0  # found: not counted


def test_the_command_line_says_the_date_the_words_not_searched_and_the_archived(db, made, db_path, capsys):
    from bscp_desktop.cli import main

    assert main(["search", "31/03/2024", "--db", str(db_path)]) == 0
    out = capsys.readouterr()
    assert out.out.startswith("due 31/03/2024\tAction\t") and out.err == ""
    assert main(["search", made.archived_case, "--db", str(db_path)]) == 0
    out = capsys.readouterr()
    assert out.out == "" and out.err == (f"No record searched mentions {made.archived_case}. 1 archived record mentions it: "
                                         f"add --archived to include archived records. {NOT_SEARCHED}\n")
    assert main(["search", *TWELVE.split(), "xyzzyplugh", "--db", str(db_path)]) == 0
    out = capsys.readouterr()
    assert len(out.out.splitlines()) == 1 and "'xyzzyplugh' was not searched for" in out.err


def test_when_nothing_is_found_the_words_left_out_are_named_without_doubting_records_found(db, made):
    result = finder.search(db, "grumblewort " + " ".join(f"word{n}" for n in range(12)))
    assert result.hits == ()
    assert result.not_searched_sentence == "Only the first 12 words are looked for: 'word11' was not searched for."
