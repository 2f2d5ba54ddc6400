"""A date changed by another program into one that is not (30/02/2024) no longer stops the
search index being built again at opening: before, the file "could not be upgraded" and was
left unopened. The rest is found as before; `check` names the bad value."""

from __future__ import annotations

import sqlite3
from datetime import datetime

from sqlalchemy import text

from bscp_desktop.db.database import Database
from bscp_desktop.services import search as finder
from bscp_desktop.services.training import courses as cs


def test_a_file_with_an_impossible_session_date_opens_and_its_index_is_built_again(db_file):
    db = Database.open(db_file)
    course = cs.create_course(db, cs.CourseFields(title="Neglect basics", topic="Neglect"))
    cs.create_session(db, cs.SessionFields(course_id=course.id, starts_at=datetime(2024, 3, 12, 9, 30), capacity=20,
                                           venue="Willesden Green Library"))
    db.close()
    con = sqlite3.connect(db_file)
    con.execute("UPDATE training_session SET starts_at = '2024-02-30 09:30:00.000000'")
    con.execute("UPDATE search_meta SET value = 'an earlier version' WHERE key = 'signature'")  # built again at opening
    con.commit()
    con.close()

    db = Database.open(db_file)
    try:
        [hit] = finder.search(db, "Neglect basics", area="training").hits
        assert (hit.table, hit.record_id) == ("training_course", course.id)
        with db.unit_of_work() as session:  # the session is in the index built again, undated
            assert session.execute(text("SELECT dated FROM search_entry WHERE table_name = 'training_session'")).all() == [(None,)]
    finally:
        db.close()
