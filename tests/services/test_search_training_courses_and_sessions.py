"""The search said no record mentioned "Coercive" although a course of that title was on record:
courses (title, topic, learning outcomes, description, trainer) and sessions (venue, trainer,
notes) are searched now, each hit named plainly, an archived one marked, and the sentence said
when nothing is found no longer calls trainers' names unsearched."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

from bscp_desktop.services import search as finder
from bscp_desktop.services.search_names import unsearched, unsearched_sentence
from bscp_desktop.services.training import courses as cs

COERCIVE = cs.CourseFields(title="Coercive and controlling behaviour", topic="Domestic abuse",
                           learning_outcomes=("Recognise coercive control", "Know the local pathway"),
                           facilitator_name="Priya Raman")
NEGLECT = cs.CourseFields(title="Neglect: recognising and responding", topic="Neglect",
                          learning_outcomes=("Use the Graded Care Profile", "Recognise self-neglect and hoarding"),
                          description="For practitioners new to the partnership")


def _programme(db):
    coercive = cs.create_course(db, COERCIVE)
    neglect = cs.create_course(db, NEGLECT)
    held = cs.create_session(db, cs.SessionFields(course_id=neglect.id, starts_at=datetime(2023, 3, 14, 9, 30),
                                                  capacity=20, venue="Willesden Green Library Centre",
                                                  facilitator="Dawit Bekele"))
    online = cs.create_session(db, cs.SessionFields(course_id=coercive.id, starts_at=datetime(2024, 2, 19, 10),
                                                    capacity=30, online=True, venue="https://meet.example.org/abc",
                                                    notes="Recorded for those on the waiting list"))
    return coercive, neglect, held, online


def _titles(result) -> list[tuple[str, str, str, date | None]]:
    return [(h.kind, h.record, h.shown_title, h.on) for h in result.hits]


def test_a_course_is_found_by_its_title_topic_learning_outcomes_and_trainer(db):
    coercive, neglect, _held, _online = _programme(db)
    found = finder.search(db, "Coercive")
    assert _titles(found) == [("Course", "Training courses", "Course: Coercive and controlling behaviour", None)]
    assert (found.hits[0].open_kind, found.hits[0].open_id, found.hits[0].area) == ("training_course", coercive.id,
                                                                                    "training")
    for words in ("Graded Care", "hoarding", "practitioners new", "neglect"):
        hits = finder.search(db, words, area="training").hits
        assert [h.shown_title for h in hits if h.kind == "Course"] == ["Course: Neglect: recognising and responding"], words
        assert hits[0].open_id == neglect.id
    assert [h.shown_title for h in finder.search(db, "Priya Raman").hits] == ["Course: Coercive and controlling behaviour"]


def test_a_session_is_found_by_its_venue_trainer_and_notes_dated_by_its_day(db):
    _coercive, _neglect, held, online = _programme(db)
    [hit] = finder.search(db, "Willesden Green").hits
    assert (hit.kind, hit.record, hit.shown_title, hit.date_shown) == (
        "Session", "Training sessions",
        "Session: Neglect: recognising and responding on 14/03/2023 at Willesden Green Library Centre", "14/03/2023")
    assert (hit.open_kind, hit.open_id) == ("training_session", held.id)
    assert [h.open_id for h in finder.search(db, "Dawit Bekele").hits] == [held.id]
    [hit] = finder.search(db, "waiting list").hits
    assert hit.shown_title == "Session: Coercive and controlling behaviour on 19/02/2024, online"
    assert hit.open_id == online.id
    assert [h.open_id for h in finder.search(db, "14/03/2023").hits] == [held.id]  # its day, as officers type it


def test_a_change_to_a_course_is_searched_at_once(db):
    coercive, *_ = _programme(db)
    cs.update_course(db, coercive.id, replace(COERCIVE, title="Controlling behaviour in families"))
    assert finder.search(db, "families").hits[0].shown_title == "Course: Controlling behaviour in families"


def test_archived_courses_and_sessions_are_found_only_when_asked_for_and_say_so(db):
    coercive, _neglect, held, _online = _programme(db)
    cs.archive_course(db, coercive.id)
    cs.archive_session(db, held.id)
    nothing = finder.search(db, "Coercive")
    assert nothing.hits == () and nothing.archived_mention == "1 archived record mentions it"
    assert _titles(finder.search(db, "Coercive", include_archived=True)) == [
        ("Course", "Training courses", "Course: Coercive and controlling behaviour (archived)", None)]
    assert [h.shown_title for h in finder.search(db, "Willesden", include_archived=True).hits] == [
        "Session: Neglect: recognising and responding on 14/03/2023 at Willesden Green Library Centre (archived)"]


def test_finding_nothing_no_longer_names_trainers_names_as_unsearched(db):
    _programme(db)
    assert finder.search(db, "Zzyzx", area="training").hits == ()
    assert unsearched("training") == ("training evaluations",)
    assert unsearched_sentence("training") == "Not searched: training evaluations."
    assert "trainer" not in unsearched_sentence()
