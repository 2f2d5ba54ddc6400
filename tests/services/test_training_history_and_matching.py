"""Training: linking an organisation name keeps each booking's change history, a name of an
archived organisation still counts for it, and a delegate's evaluation is found by their
booking, however the delegate is named."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from bscp_desktop.domain.validation import ValidationError
from bscp_desktop.services import history
from bscp_desktop.services import memberships as ms
from bscp_desktop.services.training import bookings as bk
from bscp_desktop.services.training import courses as cs
from bscp_desktop.services.training import evaluations as ev
from bscp_desktop.services.training import figures as fg
from bscp_desktop.services.training import settings as st

# Run on a database file and on the test PostgreSQL server (tests/conftest.py).
pytestmark = pytest.mark.both_engines


def _session(db, capacity=10):
    course = cs.create_course(db, cs.CourseFields(title="Neglect basics", topic="Neglect"))
    return cs.create_session(db, cs.SessionFields(course_id=course.id, starts_at=datetime(2024, 3, 11, 9, 30),
                                                  capacity=capacity))


def _book(db, session, name, **kw):
    return bk.create_booking(db, bk.BookingFields(session_id=session.id, delegate_name=name,
                                                  booked_on=date(2024, 2, 1), **kw)).booking


def _organisation_changes(db, booking_id):
    return [(c.old_value, c.new_value) for c in history.list_changes(db, "training_booking")
            if c.record_id == booking_id and c.field == "organisation_id" and c.action != "insert"]


def test_linking_an_organisation_name_records_each_bookings_change_in_the_history(db):
    nhs = ms.create_organisation(db, ms.OrganisationFields(name="NHS North West London", kind="icb"))
    session = _session(db)
    first = _book(db, session, "A", organisation_name="NWL ICB")
    second = _book(db, session, "B", organisation_name="nwl  icb")
    other = _book(db, session, "C", organisation_name="Somewhere else")
    assert st.map_organisation_name(db, "NWL ICB", nhs.id) == 2
    for booking in (first, second):
        assert bk.get_booking(db, booking.id).organisation_id == nhs.id
        assert _organisation_changes(db, booking.id) == [(None, str(nhs.id))]
    assert _organisation_changes(db, other.id) == []
    (alias,) = st.list_aliases(db)
    assert st.remove_alias(db, alias.id) == 2  # forgetting the name unlinks its bookings, each in the history
    for booking in (first, second):
        assert bk.get_booking(db, booking.id).organisation_id is None
        assert _organisation_changes(db, booking.id) == [(None, str(nhs.id)), (str(nhs.id), None)]
    assert _organisation_changes(db, other.id) == []


def test_a_delegate_named_without_their_address_edits_the_evaluation_they_already_gave(db):
    session = _session(db)
    ann = _book(db, session, "Ann Able", email="ann@x.org")
    bk.mark_register(db, session.id, {ann.id: "attended"})
    first = ev.create_evaluation(db, ev.EvaluationFields(session.id, "Ann Able", "ann@x.org", comments="Useful"))
    assert first.booking_id == ann.id
    with pytest.raises(ValidationError) as err:  # the same booking, named without the address
        ev.create_evaluation(db, ev.EvaluationFields(session.id, "Ann  Able", "", comments="Again"))
    assert err.value.errors == {"delegate_name": "Ann Able has already evaluated this session; edit that evaluation"}
    with pytest.raises(ValidationError, match="already evaluated"):  # or chosen from the bookings
        ev.create_evaluation(db, ev.EvaluationFields(session.id, booking_id=ann.id, comments="Again"))
    assert [e.id for e in ev.list_evaluations(db)] == [first.id]
    edited = ev.update_evaluation(db, first.id, ev.EvaluationFields(session.id, "Ann Able", "",
                                                                    delegate_follow_up="Uses the toolkit"))
    assert (edited.id, edited.booking_id, edited.delegate_follow_up) == (first.id, ann.id, "Uses the toolkit")


def test_a_booking_naming_an_archived_organisation_counts_for_it_in_one_row_of_the_figures(db):
    college = ms.create_organisation(db, ms.OrganisationFields(name="Newman Catholic College", kind="education",
                                                               aliases=("Newman College",)))
    session = _session(db)
    earlier = _book(db, session, "Ann Able", organisation_name="Newman Catholic College")
    ms.archive_organisation(db, college.id)
    by_name = _book(db, session, "Bob Best", organisation_name="newman catholic college")
    by_other_name = _book(db, session, "Cy Cole", organisation_name="Newman College")
    assert {bk.get_booking(db, b.id).organisation_id for b in (earlier, by_name, by_other_name)} == {college.id}
    report = fg.figures_report(db, date(2023, 4, 1), date(2024, 3, 31))
    rows = [(r.label, r.detail, r.figures.bookings) for r in report.by_organisation]
    assert rows == [("Newman Catholic College", "Education", 3)]
    assert st.unmatched_organisation_names(db) == []


def test_a_live_organisation_is_matched_before_an_archived_one_of_the_same_name(db):
    old = ms.create_organisation(db, ms.OrganisationFields(name="Brent Youth Service", kind="local_authority"))
    ms.archive_organisation(db, old.id)
    new = ms.create_organisation(db, ms.OrganisationFields(name="Brent Youth Service (new)", kind="local_authority"))
    from bscp_desktop.db.models import Organisation

    with db.unit_of_work() as session:  # as saved before a new name could not be an archived one's
        session.get(Organisation, new.id).name = "Brent Youth Service"
    booking = _book(db, _session(db), "Ann Able", organisation_name="Brent Youth Service")
    assert bk.get_booking(db, booking.id).organisation_id == new.id
