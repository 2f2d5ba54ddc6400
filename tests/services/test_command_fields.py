"""What a command is given is made plain before it is checked: a wrong type in a date, a date and
time, a record's id or a list is a message beside the field, never a Python error, and nothing
is saved; a datetime given for a date, a date for a date and time, or a date typed as text is
read as the field means it."""

from __future__ import annotations

import importlib
import pkgutil
from dataclasses import MISSING, fields
from datetime import UTC, date, datetime

import pytest

import bscp_desktop.services
from bscp_desktop.domain.validation import NotFoundError, ValidationError
from bscp_desktop.services import case_reviews as cr
from bscp_desktop.services import memberships as ms
from bscp_desktop.services.audits import case_audits as ca
from bscp_desktop.services.common import CommandFields, _plan
from bscp_desktop.services.training import bookings as bk
from bscp_desktop.services.training import courses as cs

pytestmark = pytest.mark.both_engines


def _all_fields_classes() -> list[type]:
    for module in pkgutil.walk_packages(bscp_desktop.services.__path__, "bscp_desktop.services."):
        importlib.import_module(module.name)
    found, todo = [], list(CommandFields.__subclasses__())
    while todo:
        cls = todo.pop()
        found.append(cls)
        todo.extend(cls.__subclasses__())
    return sorted(found, key=lambda c: (c.__module__, c.__qualname__))


def test_every_commands_fields_are_made_plain():
    """Every Fields of a command is a CommandFields; each of its date, date-and-time, id and
    list fields refuses a value of no sensible type by naming the field."""
    classes = _all_fields_classes()
    assert len(classes) >= 30
    for module in pkgutil.walk_packages(bscp_desktop.services.__path__, "bscp_desktop.services."):
        for name, value in vars(importlib.import_module(module.name)).items():
            if name.endswith("Fields") and isinstance(value, type) and value.__module__ == module.name:
                assert issubclass(value, CommandFields), f"{module.name}.{name}"
    for cls in classes:
        blank = {f.name: (None if f.default is MISSING and f.default_factory is MISSING else getattr(cls, f.name, None))
                 for f in fields(cls) if f.init}
        blank = {k: (() if isinstance(v, tuple) else v) for k, v in blank.items()}
        for name, _plain in _plan(cls):
            with pytest.raises(ValidationError) as error:
                cls(**{**blank, name: object()})
            assert name in error.value.errors, f"{cls.__qualname__}.{name}"


def test_dates_given_as_datetimes_or_text_are_read_as_dates(db, london_clock):
    case = cr.create_case_review(db, cr.CaseReviewFields("Child A", "death", "29/01/2024", incident_date=datetime(2024, 1, 27, 23, 50)))
    assert case.became_aware == date(2024, 1, 29) and case.incident_date == date(2024, 1, 27)
    course = cs.create_course(db, cs.CourseFields(title="Neglect", learning_outcomes=None))
    session = cs.create_session(db, cs.SessionFields(course.id, date(2024, 3, 11), 20))
    assert session.starts_at == datetime(2024, 3, 11, 0, 0)
    moment = datetime(2024, 6, 11, 9, 30, tzinfo=UTC)  # a time with its zone: as this computer's clock shows it
    later = cs.create_session(db, cs.SessionFields(course.id, moment, 20))
    assert later.starts_at == datetime(2024, 6, 11, 10, 30)
    booking = bk.create_booking(db, bk.BookingFields(session.id, "Amina Yusuf", booked_on=datetime(2024, 3, 1, 9, 15)))
    assert booking.booking.booked_on == date(2024, 3, 1)


def test_wrong_types_name_the_field_and_save_nothing(db):
    with pytest.raises(ValidationError) as error:
        cr.create_case_review(db, cr.CaseReviewFields("Child A", "death", "2024-13-01"))
    assert error.value.errors["became_aware"] == "Became aware '2024-13-01' is not a date (there is no 13th month); use dd/mm/yyyy"
    with pytest.raises(ValidationError) as error:
        cr.create_case_review(db, cr.CaseReviewFields("Child A", "death", 20240129, agency_ids=5))
    assert error.value.errors == {"became_aware": "Became aware must be a date", "agency_ids": "Agency must be a list"}
    for wrong in (2**63, 2**31, True, "3", 1.5, -1):
        with pytest.raises(ValidationError) as error:
            ms.create_person(db, ms.PersonFields("Amina Yusuf", organisation_id=wrong))
        assert error.value.errors["organisation_id"].startswith("Organisation is not one of the records here")
    with pytest.raises(ValidationError) as error:
        ca.create_audit(db, ca.AuditFields("Neglect audit", date(2024, 2, 1), questions=5, meetings=((None,), ("x",))))
    assert set(error.value.errors) == {"questions", "meetings"}
    assert cr.list_case_reviews(db) == [] and ms.list_people(db) == [] and ca.list_audits(db) == []


def test_a_record_asked_for_by_a_number_larger_than_a_database_holds_is_not_found(db):
    """A file's driver refused to send such a number with a Python error; a server looks and
    finds nothing. Both say there is no such record."""
    for command in (ms.archive_group, ms.restore_person, cr.get_case_review, ca.get_audit):
        with pytest.raises(NotFoundError):
            command(db, 2**63)
    with pytest.raises(NotFoundError, match="larger than any a database holds"):
        ms.archive_group(db, 10**30)


def test_a_whole_number_is_a_whole_number(db):
    """A count a spreadsheet gives as 20.0 is 20; text or a fraction is refused beside the field."""
    course = cs.create_course(db, cs.CourseFields(title="Neglect", length_minutes=90.0))
    assert course.length_minutes == 90
    for wrong in ("twenty", 20.5, True):
        with pytest.raises(ValidationError) as error:
            cs.create_session(db, cs.SessionFields(course.id, datetime(2024, 3, 11, 9, 30), wrong))
        assert error.value.errors == {"capacity": "Capacity must be a whole number"}
    assert cs.list_sessions(db) == []


def test_scores_that_are_not_scores_of_an_outcome_are_refused(db):
    from bscp_desktop.services.training import evaluations as ev

    course = cs.create_course(db, cs.CourseFields(title="Neglect"))
    session = cs.create_session(db, cs.SessionFields(course.id, datetime(2024, 3, 11, 9, 30), 20))
    for scores in (("x",), (ev.ScoreFields(None, 2, 4),)):
        with pytest.raises(ValidationError) as error:
            ev.create_evaluation(db, ev.EvaluationFields(session.id, "Amina Yusuf", scores=scores))
        assert error.value.errors == {"scores": "Each score needs the learning outcome it rates"}
    assert ev.list_evaluations(db) == []
