"""The change log view's queries: newest first, filters, search, paging and readable names."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import update

from bscp_desktop.db.models import ChangeRecord
from bscp_desktop.domain.memberships import OrganisationKind, Role
from bscp_desktop.services import history as hs
from bscp_desktop.services import memberships as ms
from bscp_desktop.services.audits import s11_ratings as sr
from bscp_desktop.services.audits import section11 as s11
from tests.built_once import database_with

# Run on a database file and on the test PostgreSQL server (tests/conftest.py).
pytestmark = pytest.mark.both_engines


def build_filled(db):
    council = ms.create_organisation(db, ms.OrganisationFields("Brent Council", OrganisationKind.LOCAL_AUTHORITY))
    person = ms.create_person(db, ms.PersonFields("Żółć Nowak", "Nurse", council.id))
    group = ms.create_group(db, ms.GroupFields("Safeguarding Children Forum"))
    ms.create_membership(db, ms.MembershipFields(person.id, group.id, Role.MEMBER, date(2023, 1, 1),
                                                organisation_id=council.id))
    cycle = s11.create_cycle(db, s11.CycleFields("2024-26", date(2024, 4, 1), date(2024, 6, 28)))
    [part] = s11.add_agencies(db, cycle.id, [council.id])
    standard = s11.list_standards(db, cycle.id)[0]
    sr.save_rating(db, part.id, standard.id, sr.RatingFields("Amber"))
    sr.save_rating(db, part.id, standard.id, sr.RatingFields("Green"))
    return {"council": council, "person": person, "cycle": cycle, "part": part, "standard": standard}


db, filled = database_with("change-log", build_filled, records="filled")


def test_newest_first_with_readable_names(db, filled):
    rows = hs.change_page(db, hs.ChangeQuery()).rows
    assert [r.id for r in rows] == sorted((r.id for r in rows), reverse=True)
    newest = rows[0]
    assert (newest.table_name, newest.field, newest.old_value, newest.new_value) == ("s11_rating", "self_rating", "amber", "green")
    assert (newest.old_text, newest.new_text) == ("Amber", "Green")  # a rating by the word the window uses
    assert newest.record_name == "Brent Council: standard 1 (2024-26)"
    membership = next(r for r in rows if r.table_name == "membership")
    assert membership.record_name == "Żółć Nowak in Safeguarding Children Forum"


def test_filters(db, filled):
    audits = hs.change_page(db, hs.ChangeQuery(area="audits")).rows
    assert audits and {hs.area_of_table(r.table_name) for r in audits} == {"audits"}
    record = hs.change_page(db, hs.ChangeQuery(record=("person", filled["person"].id))).rows
    assert {r.record_name for r in record} == {"Żółć Nowak"}
    assert hs.count_changes(db, hs.ChangeQuery(record=("person", filled["person"].id))) == len(record)
    [person] = hs.people(db)
    assert hs.count_changes(db, hs.ChangeQuery(person=person)) == hs.count_changes(db, hs.ChangeQuery())
    assert hs.change_page(db, hs.ChangeQuery(person="somebody else")).rows == ()
    today = date.today()
    assert hs.count_changes(db, hs.ChangeQuery(date_from=today, date_to=today)) == hs.count_changes(db, hs.ChangeQuery())
    assert hs.change_page(db, hs.ChangeQuery(date_to=today - timedelta(days=1))).rows == ()
    assert hs.change_page(db, hs.ChangeQuery(date_from=today + timedelta(days=1))).rows == ()


def test_search_finds_words_and_starts_of_words(db, filled):
    found = hs.change_page(db, hs.ChangeQuery(search="żółć")).rows
    assert found and all("Żółć" in (r.record_name + (r.new_value or "")) for r in found)
    assert hs.change_page(db, hs.ChangeQuery(search="Safeguard Forum")).rows
    assert hs.change_page(db, hs.ChangeQuery(search="gree", area="audits")).rows[0].new_value == "green"
    [person] = hs.people(db)
    with_person = hs.change_page(db, hs.ChangeQuery(person=person, search="gree")).rows
    assert with_person and with_person == hs.change_page(db, hs.ChangeQuery(search="gree")).rows
    own = hs.change_page(db, hs.ChangeQuery(record=("person", filled["person"].id), search="nurse")).rows
    assert [(r.field, r.new_value) for r in own] == [("job_title", "Nurse")]
    assert hs.change_page(db, hs.ChangeQuery(search='"; DROP TABLE change_record; --')).rows == ()
    assert hs.count_changes(db, hs.ChangeQuery(search="nothing-like-this")) == 0
    # the same rule as every search in the program: words that say nothing are left out
    assert hs.change_page(db, hs.ChangeQuery(search="when was the Safeguard Forum")).rows == \
        hs.change_page(db, hs.ChangeQuery(search="Safeguard Forum")).rows


def test_paging_by_keyset(db, filled):
    everything = hs.change_page(db, hs.ChangeQuery(), limit=1000).rows
    seen, cursor = [], None
    while True:
        page = hs.change_page(db, hs.ChangeQuery(), cursor, limit=7)
        seen += page.rows
        if page.cursor is None:
            break
        cursor = page.cursor
    assert [r.id for r in seen] == [r.id for r in everything]
    assert [r.id for r in hs.iter_changes(db, hs.ChangeQuery(area="audits"), batch=3)] == [
        r.id for r in everything if hs.area_of_table(r.table_name) == "audits"]


@pytest.mark.sqlite_only  # the file itself
def test_date_filter_uses_local_days(db, filled):
    """Times are stored in UTC; a date filter means the day on this computer's clock."""
    stamp = datetime(2024, 3, 31, 23, 30)
    local_day = stamp.replace(tzinfo=UTC).astimezone().date()
    with db.engine.begin() as conn:
        conn.exec_driver_sql("DROP TRIGGER IF EXISTS change_record_no_update")
        conn.execute(update(ChangeRecord).values(changed_at=stamp))
    total = hs.count_changes(db, hs.ChangeQuery())
    assert hs.count_changes(db, hs.ChangeQuery(local_day, local_day)) == total
    assert hs.count_changes(db, hs.ChangeQuery(local_day + timedelta(days=1), local_day + timedelta(days=1))) == 0
    assert hs.count_changes(db, hs.ChangeQuery(local_day - timedelta(days=1), local_day - timedelta(days=1))) == 0


def test_areas_and_their_names():
    tables = hs.area_tables()
    assert "s11_rating" in tables["audits"] and "case_review" in tables["case_reviews"]
    assert hs.parse_area("case-reviews") == "case_reviews" and hs.parse_area("Audits") == "audits"
    with pytest.raises(ValueError, match="There is no area called 'nowhere'"):
        hs.parse_area("nowhere")
    assert hs.describe(hs.ChangeQuery(date(2024, 4, 1), date(2024, 6, 30), "jo", "audits", None, "neglect")) == (
        "from 01/04/2024 to 30/06/2024, Audits, by jo, containing 'neglect'")


def test_a_register_entry_is_named_with_its_meetings_day_on_either_database(db, filled):
    """The names of register entries and audits' meetings were made with SQLite's strftime: on
    a team database the change log, and every list of changes, stopped with a server error."""
    from bscp_desktop.domain.meetings import MeetingStatus
    from bscp_desktop.services import attendance as at
    from bscp_desktop.services import meetings as mt

    group = next(g for g in ms.list_groups(db) if g.name == "Safeguarding Children Forum")
    m = mt.create_meeting(db, mt.MeetingFields(group.id, "Forum", datetime(2024, 1, 11, 10), status=MeetingStatus.HELD))
    at.prefill_attendance(db, m.id)
    names = {c.record_name for c in hs.list_changes(db, "attendance")}
    assert names == {"Żółć Nowak at Forum (11/01/2024)"}
    shown = [r for r in hs.change_page(db, hs.ChangeQuery()).rows if r.table_name == "attendance"]
    assert shown and all("Żółć Nowak at Forum (11/01/2024)" in r.record_label for r in shown)


def test_search_folds_accents_and_letters_as_the_program_wide_search(db, filled):
    """Accents, ß and letters such as ł, đ and ı do not matter, on a file and on a team
    database, whichever way the name was written or typed ("Strauss" finds "Strauß")."""
    names = {"Anja Strauß": "anja", "Łukasz Kowalski": "lukasz", "Đức Nguyễn": "duc", "Ayşe Yılmaz": "yilmaz",
             "José Peña": "jose", "Hans Strauss": "hans"}
    people = {name: ms.create_person(db, ms.PersonFields(name, "Officer")).id for name in names}

    def found(typed: str) -> set[str]:
        rows = hs.change_page(db, hs.ChangeQuery(search=typed)).rows
        assert hs.count_changes(db, hs.ChangeQuery(search=typed)) == len(rows)
        return {r.record_name for r in rows if r.table_name == "person" and r.field == "name"}

    for typed, wanted in [("Strauss", {"Anja Strauß", "Hans Strauss"}), ("Strauß", {"Anja Strauß", "Hans Strauss"}),
                          ("strau", {"Anja Strauß", "Hans Strauss"}), ("Lukasz", {"Łukasz Kowalski"}),
                          ("Duc", {"Đức Nguyễn"}), ("Nguyen", {"Đức Nguyễn"}), ("Yilmaz", {"Ayşe Yılmaz"}),
                          ("ayse", {"Ayşe Yılmaz"}), ("Jose", {"José Peña"}), ("JOSÉ PENA", {"José Peña"}),
                          ('"Anja Strauss"', {"Anja Strauß"}), ("Łukasz", {"Łukasz Kowalski"})]:
        assert found(typed) == wanted, typed
    own = hs.change_page(db, hs.ChangeQuery(record=("person", people["Anja Strauß"]), search="strauss")).rows
    assert own and own == hs.change_page(db, hs.ChangeQuery(record=("person", people["Anja Strauß"]))).rows
    assert found("Straussen") == set()


def test_search_finds_words_and_their_starts_not_letters_inside_words_on_either_database(db, filled):
    """The one rule for searches, on a file and on a team database: a word found as a word or
    the start of one, a word of one or two letters whole, a phrase's words one after another."""
    for name in ("Hans Strauss", "Jo Ann-Marie Lee", "Kassim Ali", "Леся Українка"):
        ms.create_person(db, ms.PersonFields(name, "Officer"))

    def found(typed: str) -> set[str]:
        rows = hs.change_page(db, hs.ChangeQuery(search=typed)).rows
        return {r.record_name for r in rows if r.table_name == "person" and r.field == "name"}

    for typed, wanted in [("auss", set()), ("strau", {"Hans Strauss"}), ("ass", set()), ("kass", {"Kassim Ali"}),
                          ("li", set()), ("ali", {"Kassim Ali"}), ("jo", {"Jo Ann-Marie Lee"}), ("o", set()),
                          ("marie", {"Jo Ann-Marie Lee"}), ('"ann marie"', {"Jo Ann-Marie Lee"}),
                          ('"jo marie"', set()), ("країнка", set()), ("укр", {"Леся Українка"})]:
        assert found(typed) == wanted, typed


@pytest.mark.sqlite_only  # a file opened to read only (an output written in another process)
def test_search_folds_letters_on_a_file_opened_to_read_only(db, filled):
    from bscp_desktop.db.database import Database

    ms.create_person(db, ms.PersonFields("Anja Strauß", "Officer"))
    reader = Database.open_reader(db.path)
    try:
        assert {r.record_name for r in hs.iter_changes(reader, hs.ChangeQuery(search="strauss"))} == {"Anja Strauß"}
        with reader.engine.connect() as conn:  # still read-only, and nothing added to the file
            assert conn.exec_driver_sql("PRAGMA query_only").scalar() == 1
    finally:
        reader.close()
    with db.engine.connect() as conn:
        assert not conn.exec_driver_sql("SELECT 1 FROM sqlite_master WHERE name LIKE '%words%'").first()


def test_a_search_with_no_words_lists_nothing(db, filled):
    """Punctuation only ("%", "£") is no word to look for: nothing is listed, not every change."""
    for typed in ("%", "£", "?", " - ", '""'):
        query = hs.ChangeQuery(search=typed)
        assert hs.no_words(query), typed
        assert hs.change_page(db, query).rows == () and hs.count_changes(db, query) == 0
        assert list(hs.iter_changes(db, query)) == []
    assert not hs.no_words(hs.ChangeQuery()) and not hs.no_words(hs.ChangeQuery(search="the"))


@pytest.mark.slow  # a meeting and its register added, and a dozen searches
def test_a_change_is_found_by_the_name_the_change_log_shows_for_its_record(db, filled):
    """Memberships and register entries have no name of their own: the change log names them
    ("Żółć Nowak in Safeguarding Children Forum"), and a search finds them by those words, with
    the entry's own words too, on a file and on a team database, by the record's name as it is now."""
    from bscp_desktop.domain.meetings import MeetingStatus
    from bscp_desktop.services import attendance as at
    from bscp_desktop.services import meetings as mt

    group = next(g for g in ms.list_groups(db) if g.name == "Safeguarding Children Forum")
    meeting = mt.create_meeting(db, mt.MeetingFields(group.id, "Probe", datetime(2024, 6, 10, 10), status=MeetingStatus.HELD))
    at.prefill_attendance(db, meeting.id)
    [membership] = ms.list_memberships(db)

    def found(typed: str, **query) -> list[hs.ChangeDTO]:
        rows = list(hs.iter_changes(db, hs.ChangeQuery(search=typed, **query), batch=3))
        assert hs.count_changes(db, hs.ChangeQuery(search=typed, **query)) == len(rows), typed
        assert len({(r.id, r.field) for r in rows}) == len(rows), typed  # each change once
        return rows

    for typed in ("Żółć Nowak", "Nowak", "zolc"):
        assert {"person", "membership", "attendance"} <= {r.table_name for r in found(typed)}, typed
    assert "membership" in {r.table_name for r in found("Safeguarding Children Forum")}
    assert {r.record_name for r in found("Probe") if r.table_name == "attendance"} == {"Żółć Nowak at Probe (10/06/2024)"}
    assert [r.field for r in found("Nowak member") if r.table_name == "membership"] == ["role"]  # a word of the name, one of the entry
    assert found("Nowak Straussen") == []
    own = found("Forum", record=("membership", membership.id))
    assert own and {r.table_name for r in own} == {"membership"}
    assert {r.table_name for r in found("Nowak", area="memberships")} == {"person", "membership"}
    ms.update_person(db, filled["person"].id, ms.PersonFields("Żółć Kowalska", "Nurse", filled["council"].id))
    assert "membership" in {r.table_name for r in found("Kowalska")}  # the name as it is now
