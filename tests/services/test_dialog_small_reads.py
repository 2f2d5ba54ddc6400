"""The small reads the New expense and New membership dialogs make in place of whole lists
(every session with its bookings tallied, every person as a record) give the answers the
whole lists gave."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.services import finance as fin
from bscp_desktop.services import memberships as ms
from bscp_desktop.services.training import courses


def test_the_cost_of_one_training_session_is_read_alone_archived_or_not(db):
    course = courses.create_course(db, courses.CourseFields("ICON: babies cry, you can cope"))
    paid = courses.create_session(db, courses.SessionFields(course.id, datetime(2023, 11, 7, 10, 0), 20, cost="450"))
    free = courses.create_session(db, courses.SessionFields(course.id, datetime(2023, 11, 8, 10, 0), 20))
    courses.archive_session(db, paid.id)
    assert fin.session_cost(db, paid.id) == Decimal("450.00")
    assert fin.session_cost(db, free.id) == Decimal("0.00")
    assert fin.session_cost(db, free.id + paid.id + 1) is None  # no such session
    assert {s.id: s.cost for s in courses.list_sessions(db, include_archived=True)} == {
        paid.id: fin.session_cost(db, paid.id), free.id: fin.session_cost(db, free.id)}


def test_each_live_persons_organisation_is_read_by_their_id(db):
    brent = ms.create_organisation(db, ms.OrganisationFields("Brent Council", OrganisationKind.LOCAL_AUTHORITY))
    harrow = ms.create_organisation(db, ms.OrganisationFields("Harrow Council", OrganisationKind.LOCAL_AUTHORITY))
    ada = ms.create_person(db, ms.PersonFields("Ada Obi", "", brent.id))
    ben = ms.create_person(db, ms.PersonFields("Ben Ng"))
    gone = ms.create_person(db, ms.PersonFields("Cy Roe", "", harrow.id))
    ms.archive_person(db, gone.id)
    assert ms.person_organisations(db) == {ada.id: brent.id, ben.id: None}
    assert ms.person_organisations(db) == {p.id: p.organisation_id for p in ms.list_people(db)}
