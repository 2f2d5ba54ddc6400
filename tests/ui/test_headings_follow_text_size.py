"""Headings and the sentence shown in place of an empty list are larger than the text around them
at any text size: with a large system font (14 points) the Finance summary's "Contributions for
2023/24", a session register's course title and an empty tab's sentence are still larger than
the text under them, not a fixed 11 or 12 points smaller than it. At the usual text size they
keep the sizes they always had."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from PySide6.QtWidgets import QApplication, QLabel

from bscp_desktop.services import finance as fin
from bscp_desktop.services.training import bookings as bk
from bscp_desktop.services.training import courses as cs
from bscp_desktop.ui.common.labels import EMPTY_STATE, HEADING, SECTION_HEADING, TITLE, heading_label
from bscp_desktop.ui.finance.summary import HEADING_STYLE, SummaryPage
from bscp_desktop.ui.tabs import NotBuiltTab
from bscp_desktop.ui.training.register import RegisterDialog

TODAY = date(2024, 6, 3)


def points(label: QLabel) -> float:
    label.ensurePolished()  # a style sheet's font is the label's once polished
    return label.font().pointSizeF()


def finance_headings(qtbot, db) -> tuple[list[QLabel], QLabel]:
    """The Finance summary of 2023/24, shown: its headings and the text of a note under one."""
    events = next(c.id for c in fin.list_categories(db) if c.name == "Events")
    fin.create_expense(db, fin.ExpenseFields(date(2023, 9, 1), events, "Civic Centre", "Forum", "100"))
    page = SummaryPage(db, None, today=TODAY)
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.show()  # reads the figures
    for _ in range(2):  # and again, told of the expense above: the last figures shown are kept
        qtbot.waitUntil(lambda: page.summary is not None and not page.loading(), timeout=30_000)
        qtbot.wait(100)
    labels = [page.left.itemAt(i).widget() for i in range(page.left.count())]
    labels = [w for w in labels if isinstance(w, QLabel)]
    headings = [w for w in labels if w.styleSheet() == HEADING_STYLE]
    body = next(w for w in labels if w.styleSheet() != HEADING_STYLE)
    return headings, body


def register(qtbot, db) -> RegisterDialog:
    course = cs.create_course(db, cs.CourseFields(title="Neglect basics", topic="Neglect"))
    starts = datetime.combine(date.today() + timedelta(days=30), datetime.min.time()).replace(hour=9, minute=30)
    session = cs.create_session(db, cs.SessionFields(course_id=course.id, starts_at=starts, capacity=5,
                                                     venue="Civic Centre"))
    bk.create_booking(db, bk.BookingFields(session_id=session.id, delegate_name="Ama Mensah",
                                           booked_on=date.today() - timedelta(days=5)))
    dialog = RegisterDialog(db, session.id)
    qtbot.addWidget(dialog)
    return dialog


def course_and_when(dialog: RegisterDialog) -> tuple[QLabel, QLabel]:
    labels = dialog.findChildren(QLabel)
    title = next(w for w in labels if w.accessibleName() == "Course")
    when = next(w for w in labels if w.text().startswith(dialog.session.times))
    return title, when


def test_at_a_14_point_text_size_headings_and_empty_sentences_are_larger_than_the_text(qtbot, db, text_size):
    text_size(14)

    headings, note = finance_headings(qtbot, db)
    assert "Contributions for 2023/24" in [h.text() for h in headings]
    assert points(note) == pytest.approx(14)
    for heading in headings:
        assert points(heading) > points(note)
        assert points(heading) == pytest.approx(14 * SECTION_HEADING)
        assert heading.font().bold()

    dialog = register(qtbot, db)
    title, when = course_and_when(dialog)
    assert title.text() == "Neglect basics"
    assert points(when) == pytest.approx(14)
    assert points(title) > points(when)

    empty = NotBuiltTab("Training is not open to your login.")
    qtbot.addWidget(empty)
    assert points(empty.sentence) > 14
    assert points(empty.sentence) == pytest.approx(14 * EMPTY_STATE)


def test_at_the_usual_text_size_they_keep_the_sizes_they_had(qtbot, db, text_size):
    body = QApplication.font().pointSizeF()

    headings, note = finance_headings(qtbot, db)
    assert headings and points(note) == pytest.approx(body)
    assert all(points(h) == pytest.approx(body * SECTION_HEADING) for h in headings)
    assert all(points(h) > body for h in headings)
    dialog = register(qtbot, db)
    title, when = course_and_when(dialog)
    assert points(title) == pytest.approx(body * HEADING)
    assert points(title) > points(when)
    empty = NotBuiltTab("Not built yet.")
    qtbot.addWidget(empty)
    assert points(empty.sentence) == pytest.approx(body * EMPTY_STATE)

    text_size(9)  # the usual size, 9 points: 11, 12 and 13 points as before
    assert [round(points(w), 1) for w in (headings[0], title, empty.sentence)] == [11.0, 12.0, 12.0]
    assert round(9 * TITLE, 1) == 13.0


def test_a_heading_follows_the_text_size_changed_after_it_is_shown(qtbot, text_size):
    text_size(9)
    heading = heading_label(None, name="Agenda item")
    qtbot.addWidget(heading)
    heading.show()
    assert points(heading) == pytest.approx(12)
    text_size(16)
    assert points(heading) == pytest.approx(16 * HEADING)
    assert heading.font().bold()


def test_a_heading_is_larger_where_the_text_size_is_given_in_pixels(qtbot, qapp):
    """A system font sized in pixels (no point size) still gives a larger heading, not an error."""
    before = QApplication.font()
    font = QApplication.font()
    font.setPixelSize(18)
    QApplication.setFont(font)
    try:
        label = heading_label()
        qtbot.addWidget(label)
        assert label.font().pixelSize() == round(18 * HEADING)
    finally:
        QApplication.setFont(before)
