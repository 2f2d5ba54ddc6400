"""Search (Ctrl+K, `bscp-desktop search`) by what officers type as they see it in the program: a
case reference or a date as one piece, a meeting by its date, an organisation by its other names."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import select

from bscp_desktop.db import search as index
from bscp_desktop.db.database import Database
from bscp_desktop.domain.meetings import MeetingStatus
from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.services import meetings as mt
from bscp_desktop.services import memberships as ms
from bscp_desktop.services import search as finder
from tests.meetings_world import meeting


def drop_the_index(db) -> None:
    """The file as without a full-text index (SQLite built without FTS5): searched by scanning."""
    with db.engine.begin() as conn:
        for table in (index.INDEX, index.ENTRIES, index.META):
            conn.exec_driver_sql(f"DROP TABLE {table}")


EXECUTIVE = "Executive Group meeting"  # titled by its group, as the demo meetings are


def found(db, typed: str) -> set[tuple[str, int]]:
    return {(h.table, h.record_id) for h in finder.search(db, typed).hits}


@pytest.mark.slow
@pytest.mark.parametrize("with_index", [True, False])
def test_a_case_reference_or_a_date_typed_is_looked_for_as_written(db, world, with_index):
    """"BSCP-2022-01" listed the cases of 2024 and 2023 first: the reference was cut into bscp,
    2022 and 01, each found anywhere. The same with a date typed 14/03/2024."""
    m = meeting(db, world.forum, datetime(2024, 5, 9, 10), status=MeetingStatus.HELD)
    wanted = mt.add_agenda_item(db, m.id, mt.AgendaItemFields("Learning from BSCP-2022-01"))
    mt.add_agenda_item(db, m.id, mt.AgendaItemFields("BSCP-2023-01 was published in 2022 with 01 appendix"))
    dated = mt.add_agenda_item(db, m.id, mt.AgendaItemFields("Training held 14/03/2024 for schools"))
    mt.add_agenda_item(db, m.id, mt.AgendaItemFields("Course 14 (21/03/2024)"))
    under = mt.add_agenda_item(db, m.id, mt.AgendaItemFields("Chronology SCR_2023_01 filed"))
    if not with_index:
        drop_the_index(db)
    assert finder.search(db, "BSCP-2022-01").terms == ("bscp 2022 01",)
    assert found(db, "BSCP-2022-01") == {("agenda_item", wanted.id)}
    assert found(db, "14/03/2024") == {("agenda_item", dated.id)}
    assert found(db, "SCR_2023_01") == {("agenda_item", under.id)}
    assert found(db, "scr.2023.01") == {("agenda_item", under.id)}


@pytest.mark.slow
@pytest.mark.both_engines  # on the test server the search reads the records themselves
def test_a_meeting_is_found_by_its_date_as_the_program_shows_it(db, world):
    """"Executive Group 21/03/2024", as the hit names the meeting and as --meeting takes it, found
    nothing: a record's date is searched as dd/mm/yyyy and as its month and year."""
    march = meeting(db, world.executive, datetime(2024, 3, 21, 10), EXECUTIVE, status=MeetingStatus.HELD)
    meeting(db, world.executive, datetime(2024, 2, 1, 10), EXECUTIVE, status=MeetingStatus.HELD)
    forum = meeting(db, world.forum, datetime(2024, 3, 14, 10), status=MeetingStatus.HELD)
    for with_index in (True, False) if db.engine.dialect.name == "sqlite" else (False,):
        if not with_index and db.engine.dialect.name == "sqlite":
            drop_the_index(db)
        hits = finder.search(db, "Executive Group 21/03/2024").hits
        assert [(h.table, h.record_id, h.record) for h in hits] == [("meeting", march.id, "Executive Group, 21/03/2024")]
        assert found(db, "Executive Group, 21/03/2024") == {("meeting", march.id)}
        assert found(db, "21/03/2024") == {("meeting", march.id)}
        assert found(db, "Executive March 2024") == {("meeting", march.id)}
        assert found(db, "Forum 14/03/2024") == {("meeting", forum.id)}
        assert found(db, "March 2024") == {("meeting", march.id), ("meeting", forum.id)}


def test_a_meeting_moved_to_another_day_is_found_by_its_new_date(db, world):
    m = meeting(db, world.executive, datetime(2024, 3, 21, 10), EXECUTIVE, status=MeetingStatus.HELD)
    with db.unit_of_work() as session:
        from bscp_desktop.db.models.meetings import Meeting

        session.get(Meeting, m.id).starts_at = datetime(2024, 4, 18, 10)
    assert found(db, "21/03/2024") == set()
    assert found(db, "Executive 18/04/2024") == {("meeting", m.id)}


def test_an_index_filled_without_the_dates_is_filled_again_when_the_file_is_opened(db_path, world, db):
    m = meeting(db, world.executive, datetime(2024, 3, 21, 10), status=MeetingStatus.HELD)
    with db.engine.begin() as conn:  # the index as the version before filled it
        conn.exec_driver_sql(f"UPDATE {index.INDEX} SET body = ''")
        conn.exec_driver_sql(f"UPDATE {index.META} SET value = replace(value, '{index.FOLDED}', 'folded-3')")
    assert found(db, "21/03/2024") == set()
    db.close()
    reopened = Database.open(db_path)
    try:
        assert found(reopened, "21/03/2024") == {("meeting", m.id)}
    finally:
        reopened.close()


@pytest.mark.both_engines  # on the test server the search reads the records themselves
def test_an_organisation_is_found_by_its_other_names(db):
    """"Northwick Park" found the trust in the Organisations list's own search box, and nothing
    in Ctrl+K: the other names were not searched."""
    trust = ms.create_organisation(db, ms.OrganisationFields(
        "London North West University Healthcare NHS Trust", OrganisationKind.RELEVANT_AGENCY,
        aliases=("Northwick Park Hospital", "LNWUHT")))
    ms.create_organisation(db, ms.OrganisationFields("Brent Council", OrganisationKind.LOCAL_AUTHORITY))
    for with_index in (True, False) if db.engine.dialect.name == "sqlite" else (False,):
        if not with_index and db.engine.dialect.name == "sqlite":
            drop_the_index(db)
        hits = finder.search(db, "Northwick Park").hits
        assert [(h.kind, h.title, h.open_kind, h.open_id) for h in hits] == [
            ("Organisation", "London North West University Healthcare NHS Trust", "organisation", trust.id)]
        assert "[Northwick] [Park]" in hits[0].snippet
        assert found(db, "lnwuht") == {("organisation", trust.id)}


def test_the_other_names_added_changed_or_removed_are_searched_as_they_are_now(db):
    fields = ms.OrganisationFields("Probation Service", OrganisationKind.RELEVANT_AGENCY)
    org = ms.create_organisation(db, fields)
    assert found(db, "National Probation") == set()
    ms.update_organisation(db, org.id, ms.OrganisationFields(fields.name, fields.kind, aliases=("National Probation Service",)))
    assert found(db, "National Probation") == {("organisation", org.id)}
    ms.update_organisation(db, org.id, ms.OrganisationFields(fields.name, fields.kind, aliases=("NPS London",)))
    assert found(db, "National Probation") == set() and found(db, "NPS London") == {("organisation", org.id)}
    ms.update_organisation(db, org.id, fields)
    assert found(db, "NPS") == set()


def test_another_name_moved_to_another_organisation_or_added_in_bulk_finds_that_one(db):
    from bscp_desktop.db import bulk
    from bscp_desktop.db.models import OrganisationAlias

    first = ms.create_organisation(db, ms.OrganisationFields("Brent Council", OrganisationKind.LOCAL_AUTHORITY,
                                                             aliases=("Civic Centre",)))
    second = ms.create_organisation(db, ms.OrganisationFields("Harrow Council", OrganisationKind.LOCAL_AUTHORITY))
    with db.unit_of_work() as session:
        alias = session.scalars(select(OrganisationAlias).where(OrganisationAlias.organisation_id == first.id)).one()
        alias.organisation_id = second.id
    assert found(db, "Civic Centre") == {("organisation", second.id)}
    with db.unit_of_work() as session:
        bulk.add_new(session, OrganisationAlias, [{"organisation_id": first.id, "alias": "Wembley Offices"}])
    assert found(db, "Wembley Offices") == {("organisation", first.id)}
