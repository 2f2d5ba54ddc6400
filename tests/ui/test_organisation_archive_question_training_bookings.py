"""The question asked before archiving an organisation on the Memberships tab says how many
training bookings its delegates hold on sessions still to come."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest

from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.services import memberships as ms
from bscp_desktop.services.training import bookings as bk
from bscp_desktop.services.training import courses as cs
from bscp_desktop.ui.common import list_page
from bscp_desktop.ui.memberships.tab import MembershipsTab
from tests.ui.helpers import shown_tab


@pytest.fixture
def asked(monkeypatch) -> list[str]:
    """The words of each archive question a list asks, answered No."""
    seen: list[str] = []
    monkeypatch.setattr(list_page, "confirm", lambda _parent, _title, text: seen.append(text) or False)
    return seen


def test_the_archive_question_names_the_training_bookings_still_to_come(qtbot, db, asked):
    nursery = ms.create_organisation(db, ms.OrganisationFields("Little Acorns Nursery", OrganisationKind.EDUCATION))
    course = cs.create_course(db, cs.CourseFields(title="Neglect basics", topic="Neglect"))
    session = cs.create_session(db, cs.SessionFields(
        course_id=course.id, starts_at=datetime.combine(date.today() + timedelta(days=20), time(9, 30)), capacity=5))
    bk.create_booking(db, bk.BookingFields(session_id=session.id, delegate_name="Ann Lee", organisation_id=nursery.id,
                                           booked_on=date.today()))
    tab = shown_tab(qtbot, MembershipsTab(db))
    organisations = tab.organisations
    tab.sections.setCurrentWidget(organisations)
    organisations.reload()
    organisations.select_id(nursery.id)
    organisations.on_archive()

    assert asked == [
        "Archive Little Acorns Nursery? Its delegates hold 1 training booking on a session still to come: it keeps "
        "the organisation and still counts for it in the training figures (cancel it on the Training tab's Bookings "
        "page if the delegate will not attend).\n\nIt stays in the records and the history, and can be restored "
        "with 'Show archived'."
    ]
    assert nursery.id in [o.id for o in ms.list_organisations(db)]  # answered No: still live
