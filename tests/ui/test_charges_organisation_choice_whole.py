"""Training > Charges: the Organisation drop-down widens to the organisation chosen, as every
other filter drop-down does, and narrows again to 'All organisations'. (It stayed at 24
characters: 'Central North West London Ment' with the rest of its row empty.)"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from PySide6.QtWidgets import QComboBox, QStyle, QStyleOptionComboBox

from bscp_desktop.domain.training import Outcome
from bscp_desktop.services import memberships as ms
from bscp_desktop.services.training import bookings as bk
from bscp_desktop.services.training import courses as cs
from bscp_desktop.ui.training.charges import ChargesPage

LONG = "Central North West London Mental Health Foundation NHS Trust"


def _room(combo: QComboBox) -> int:
    """The width the drop-down has for the text of its choice."""
    option = QStyleOptionComboBox()
    combo.initStyleOption(option)
    return combo.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, option,
                                        QStyle.SubControl.SC_ComboBoxEditField, combo).width() - 2


@pytest.mark.slow  # the charges read in a worker
def test_the_organisation_chosen_shows_whole(qtbot, db):
    course = cs.create_course(db, cs.CourseFields(title="Neglect basics", topic="Neglect"))
    ran = cs.create_session(db, cs.SessionFields(course.id, datetime.combine(date.today() - timedelta(days=3),
                                                                             time(9, 30)), 10))

    def no_show(name: str, organisation: str) -> None:
        bk.create_booking(db, bk.BookingFields(ran.id, name, organisation_name=organisation,
                                               booked_on=date.today() - timedelta(days=30), outcome=Outcome.NO_SHOW))

    ms.create_organisation(db, ms.OrganisationFields(LONG, ms.OrganisationKind.RELEVANT_AGENCY))
    no_show("Ada Obi", LONG)
    no_show("Ben Roe", "Brent Council")
    no_show("Cara Lee", "Kingsbury High School")
    page = ChargesPage(db)
    qtbot.addWidget(page)
    page.resize(911, 512)  # a 1366x768 screen at 150%
    page.show()
    qtbot.waitUntil(lambda: not page.loading() and page.report is not None, timeout=5000)
    combo = page.organisation
    combo.setCurrentIndex(combo.findText(LONG))
    qtbot.waitUntil(lambda: _room(combo) >= combo.fontMetrics().horizontalAdvance(LONG), timeout=2000)

    combo.setCurrentIndex(0)  # back to every organisation: as narrow as that
    assert combo.width() < combo.fontMetrics().horizontalAdvance(LONG)
