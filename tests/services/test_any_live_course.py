"""Whether a course a session can be added to is on record: what the Sessions page asks when
it has nothing to list, to say "add a course first" rather than "press New session"."""

from __future__ import annotations

from bscp_desktop.services.training import courses as cs


def test_a_new_database_has_no_course_to_add_sessions_to(db):
    assert cs.any_live_course(db) is False


def test_a_course_added_counts_and_one_archived_does_not(db):
    course = cs.create_course(db, cs.CourseFields(title="Neglect: recognising and responding", topic="Neglect"))
    assert cs.any_live_course(db) is True
    cs.archive_course(db, course.id)
    assert cs.any_live_course(db) is False
    cs.restore_course(db, course.id)
    assert cs.any_live_course(db) is True
