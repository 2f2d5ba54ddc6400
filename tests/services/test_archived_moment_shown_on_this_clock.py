"""A record archived at 00:30 in British Summer Time (23:30 UTC the evening before) was archived
that day: the memberships workbook dates it that day, as the change history does (the pages:
tests/ui/test_archived_moment_on_this_clock.py)."""

from __future__ import annotations

from datetime import datetime

import openpyxl
import pytest

from bscp_desktop import jobs
from bscp_desktop.services import common
from bscp_desktop.services import memberships as ms
from bscp_desktop.services.memberships import leaving

HALF_PAST_MIDNIGHT = datetime(2026, 3, 31, 23, 30)  # UTC: 00:30 on 1 April 2026, British Summer Time


@pytest.fixture
def archived_after_midnight(db, london_clock, monkeypatch):
    monkeypatch.setattr(common, "utcnow", lambda: HALF_PAST_MIDNIGHT)
    monkeypatch.setattr(leaving, "utcnow", lambda: HALF_PAST_MIDNIGHT)
    org = ms.create_organisation(db, ms.OrganisationFields("Brent Voluntary Hub", "voluntary"))
    person = ms.create_person(db, ms.PersonFields("Jane Smith"))
    ms.archive_organisation(db, org.id)
    ms.archive_person(db, person.id)
    return db


def test_the_memberships_workbook_dates_the_archive_that_day(archived_after_midnight, tmp_path):
    out = jobs.export_workbook(archived_after_midnight, "memberships", tmp_path / "m.xlsx")
    book = openpyxl.load_workbook(out)
    for sheet in ("Organisations", "People"):
        rows = list(book[sheet].iter_rows(values_only=True))
        at = rows[0].index("Archived")
        assert [r[at].date().isoformat() if hasattr(r[at], "date") else r[at] for r in rows[1:]] == ["2026-04-01"]
