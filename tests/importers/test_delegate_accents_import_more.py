"""The training imports on a delegate named with accents and without: two rows with no address
are refused in words naming both spellings (no e-mail address differs), and an evaluation of a
delegate with no booking is one delegate's however the name is spelt, in the file and against
the evaluation on record, as the window finds it (`matching_booking`)."""

from __future__ import annotations

from datetime import datetime

import pytest

from bscp_desktop.domain.training import Outcome
from bscp_desktop.importers import ImportRejected, run_import, template_columns
from bscp_desktop.services.training import bookings as bk
from bscp_desktop.services.training import courses as cs
from bscp_desktop.services.training import evaluations as ev
from tests.importers.test_training_import import write_csv

COURSE, START = "Neglect basics", "15/04/2024 10:00"
RAN = datetime(2024, 4, 15, 10, 0)


@pytest.fixture
def session(db):
    course = cs.create_course(db, cs.CourseFields(title=COURSE, topic="Neglect"))
    return cs.create_session(db, cs.SessionFields(course_id=course.id, starts_at=RAN, capacity=5))


def _booking_row(name, email=""):
    return [COURSE, START, "5", name, email, "Nurse", "", "01/03/2024", "Attended", ""]


def _evaluation_row(name, email="", comments=""):
    return [COURSE, START, name, email, "", "2", "4", comments, "", ""]


def _bad_rows(db, tmp_path, kind, rows) -> list[str]:
    header = template_columns(kind)
    with pytest.raises(ImportRejected) as err:
        run_import(db, kind, write_csv(tmp_path / f"{kind}.csv", rows, header=header))
    return err.value.report.bad_rows


def test_two_booking_rows_spelling_a_name_with_accents_and_without_say_so(db, tmp_path):
    assert _bad_rows(db, tmp_path, "bookings", [_booking_row("José Álvarez"), _booking_row("jose alvarez")]) == [
        "Row 3: Repeats row 2 on the same session: 'jose alvarez' on row 3 is the same delegate as 'José Álvarez' "
        "on row 2 (case, spacing and accents do not matter): give the delegate one row."]
    assert bk.list_bookings(db) == []


def test_two_evaluation_rows_of_one_booking_spelt_with_accents_and_without_say_so(db, tmp_path, session):
    jose = bk.create_booking(db, bk.BookingFields(session_id=session.id, delegate_name="José Álvarez")).booking
    bk.mark_register(db, session.id, {jose.id: Outcome.ATTENDED})
    rows = [_evaluation_row("José Álvarez"), _evaluation_row("jose alvarez")]
    assert _bad_rows(db, tmp_path, "evaluations", rows) == [
        "Row 3: 'jose alvarez' on row 3 is the same delegate as 'José Álvarez' on row 2 (case, spacing and accents "
        "do not matter): spell the name the same way on both rows."]


def test_a_delegate_with_no_booking_spelt_two_ways_in_one_file_is_one_delegate(db, tmp_path, session):
    rows = [_evaluation_row("José Álvarez"), _evaluation_row("jose alvarez")]
    assert _bad_rows(db, tmp_path, "evaluations", rows) == [
        "Row 3: 'jose alvarez' on row 3 is the same delegate as 'José Álvarez' on row 2 (case, spacing and accents "
        "do not matter): spell the name the same way on both rows."]
    rows = [_evaluation_row("José Álvarez", "jose@brent.gov.uk"), _evaluation_row("José  Álvarez")]
    assert _bad_rows(db, tmp_path, "evaluations", rows) == [
        "Row 3: Names the same delegate as row 2 (José Álvarez), once with an e-mail address and once without: give "
        "the address on both rows or on neither."]
    assert ev.list_evaluations(db) == []
    # two delegates of one name told apart by their addresses are two evaluations
    rows = [_evaluation_row("José Álvarez", "jose@brent.gov.uk"), _evaluation_row("Jose Alvarez", "ja@nhs.net")]
    report = run_import(db, "evaluations", write_csv(tmp_path / "two.csv", rows, header=template_columns("evaluations")))
    assert report.added == 2


def test_a_delegate_with_no_booking_spelt_another_way_updates_their_evaluation_on_record(db, tmp_path, session):
    jose = ev.create_evaluation(db, ev.EvaluationFields(session_id=session.id, delegate_name="José Álvarez"))
    rows = [_evaluation_row("jose alvarez", comments="Very useful")]
    report = run_import(db, "evaluations", write_csv(tmp_path / "e.csv", rows, header=template_columns("evaluations")))
    assert (report.added, report.updated) == (0, 1)
    [evaluation] = ev.list_evaluations(db)
    assert (evaluation.id, evaluation.delegate_name, evaluation.comments) == (jose.id, "José Álvarez", "Very useful")


def test_two_delegates_of_one_name_never_both_update_the_evaluation_on_record_without_an_address(db, tmp_path, session):
    ev.create_evaluation(db, ev.EvaluationFields(session_id=session.id, delegate_name="jose alvarez"))
    rows = [_evaluation_row("José Álvarez", "jose@brent.gov.uk"), _evaluation_row("José Álvarez", "ja@nhs.net")]
    assert _bad_rows(db, tmp_path, "evaluations", rows) == [
        "Row 3: This delegate (ja@nhs.net) and the one on row 2 (jose@brent.gov.uk) both match the evaluation by "
        "jose alvarez, which has no e-mail address: give that evaluation its delegate's address in the Training tab, "
        "then import again."]
