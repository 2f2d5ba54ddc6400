"""A training session cannot start or end at a time UK clocks skip when they go forward in March."""

from __future__ import annotations

from datetime import datetime

import pytest

from bscp_desktop.domain.validation import ValidationError
from bscp_desktop.services.training import courses as cs


def test_a_session_starting_in_the_skipped_hour_is_refused_naming_the_start(db):
    course = cs.create_course(db, cs.CourseFields(title="Night course", topic="Neglect"))
    with pytest.raises(ValidationError) as err:
        cs.create_session(db, cs.SessionFields(course_id=course.id, starts_at=datetime(2026, 3, 29, 1, 30), capacity=10))
    assert err.value.errors == {"starts_at": "01:30 on 29/03/2026 does not exist in the UK: the clocks go forward "
                                             "from 01:00 to 02:00 that night"}
    assert cs.list_sessions(db) == []
    cs.create_session(db, cs.SessionFields(course_id=course.id, starts_at=datetime(2026, 3, 29, 2, 0), capacity=10))
    assert [s.starts_at for s in cs.list_sessions(db)] == [datetime(2026, 3, 29, 2, 0)]


def test_a_session_ending_in_the_skipped_hour_is_refused_naming_the_end(db):
    course = cs.create_course(db, cs.CourseFields(title="Night course", topic="Neglect"))
    with pytest.raises(ValidationError) as err:
        cs.create_session(db, cs.SessionFields(course_id=course.id, starts_at=datetime(2026, 3, 29, 0, 30), capacity=10,
                                               ends_at=datetime(2026, 3, 29, 1, 45)))
    assert err.value.errors == {"ends_at": "01:45 on 29/03/2026 does not exist in the UK: the clocks go forward "
                                           "from 01:00 to 02:00 that night"}
    assert cs.list_sessions(db) == []
    cs.create_session(db, cs.SessionFields(course_id=course.id, starts_at=datetime(2026, 3, 29, 0, 30), capacity=10,
                                           ends_at=datetime(2026, 3, 29, 2, 15)))
    assert [s.ends_at for s in cs.list_sessions(db)] == [datetime(2026, 3, 29, 2, 15)]
