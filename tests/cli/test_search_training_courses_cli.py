"""`bscp-desktop search Coercive` answered "No record searched mentions Coercive. Not searched:
... trainers' names ..." although a course "Coercive and controlling behaviour" was on record:
it prints the course now, `--area training` finds a course by a word of its learning outcomes, and
the sentence said when nothing is found names only what is still not searched."""

from __future__ import annotations

from datetime import datetime

from bscp_desktop.cli import main
from bscp_desktop.db.database import Database
from bscp_desktop.services.training import courses as cs


def _courses(db_path) -> None:
    with Database.open(db_path) as db:
        cs.create_course(db, cs.CourseFields(title="Coercive and controlling behaviour", topic="Domestic abuse",
                                             learning_outcomes=("Recognise coercive control",)))
        neglect = cs.create_course(db, cs.CourseFields(
            title="Neglect: recognising and responding", topic="Neglect",
            learning_outcomes=("Use the Graded Care Profile", "Recognise self-neglect and hoarding")))
        cs.create_session(db, cs.SessionFields(course_id=neglect.id, starts_at=datetime(2023, 3, 14, 9, 30),
                                               capacity=20, venue="Brent Civic Centre"))


def _lines(capsys) -> list[list[str]]:
    said = capsys.readouterr()
    assert said.err == ""
    return [line.split("\t")[:4] for line in said.out.splitlines()]


def test_search_prints_courses_and_sessions(db_path, capsys):
    _courses(db_path)
    assert main(["search", "Coercive", "--db", str(db_path)]) == 0
    assert _lines(capsys) == [["", "Course", "Training courses", "Course: Coercive and controlling behaviour"]]
    for words in (["neglect"], ["Graded", "Care"], ["hoarding"]):
        assert main(["search", *words, "--area", "training", "--db", str(db_path)]) == 0
        assert ["", "Course", "Training courses", "Course: Neglect: recognising and responding"] in _lines(capsys)
    assert main(["search", "Civic", "Centre", "--db", str(db_path)]) == 0
    assert _lines(capsys) == [["14/03/2023", "Session", "Training sessions",
                               "Session: Neglect: recognising and responding on 14/03/2023 at Brent Civic Centre"]]


def test_finding_nothing_in_training_names_only_the_evaluations(db_path, capsys):
    _courses(db_path)
    assert main(["search", "Zzyzx", "--area", "training", "--db", str(db_path)]) == 0
    said = capsys.readouterr()
    assert said.out == "" and said.err == "No record searched mentions Zzyzx. Not searched: training evaluations.\n"
