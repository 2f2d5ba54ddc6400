"""The change history shows what was typed into a text field, and a user's name, exactly as
saved: only a field holding a vocabulary's codes shows them by their words, only a date field
shows dd/mm/yyyy, only a date-and-time field a moment (by the models' column types)."""

from __future__ import annotations

from bscp_desktop.db.bulk import add_new
from bscp_desktop.db.models.memberships import Person
from bscp_desktop.services import history as hs
from bscp_desktop.services import memberships as ms
from bscp_desktop.services.history_values import column_kind, value_text


def test_text_typed_like_a_code_or_a_date_is_shown_as_saved():
    # a person's job title and notes, an action's evidence: whatever was typed
    assert value_text("dsl_lead", "person", "job_title") == "dsl_lead"
    assert value_text("2024-03-01", "person", "notes") == "2024-03-01"
    assert value_text("2024-03-01 09:30:00", "action", "evidence") == "2024-03-01 09:30:00"
    # who took a meeting offline and who ended it: user names, as the Who column shows them
    assert value_text("bscp_test", "meeting_offline", "taken_by") == "bscp_test"
    assert value_text("bscp_test", "meeting_offline", "ended_by") == "bscp_test"
    # a field the models do not have (a retired table's): as stored
    assert value_text("in_progress", "retired_table", "status") == "in_progress"
    assert value_text("2024-03-01", "", "") == "2024-03-01"


def test_codes_dates_and_moments_are_shown_in_words_only_in_fields_of_those_types():
    assert (column_kind("action", "status"), column_kind("action", "due_date"), column_kind("person", "archived_at"),
            column_kind("person", "job_title")) == ("choice", "date", "moment", "")
    assert value_text("in_progress", "action", "status") == "In progress"
    assert value_text("head_count", "partnership_group", "quorum_rule") == "A number of members"
    assert value_text("no_such_code", "action", "status") == "no such code"  # a code outside its vocabulary, as words
    assert value_text("2024-03-01", "action", "due_date") == "01/03/2024"
    assert value_text("2024-03-01 10:00:00", "meeting", "starts_at") == "01/03/2024 10:00"
    assert value_text("soon", "action", "due_date") == "soon"  # not a date: as stored
    assert value_text("introduction", "yearly_report_section", "key") == "Introduction"  # a section by its title


def test_a_person_saved_or_imported_reads_in_the_change_log_as_typed(db):
    person = ms.create_person(db, ms.PersonFields(name="Jo Bloggs", job_title="dsl_lead", notes="2024-03-01"))
    with db.unit_of_work() as session:  # an import's one entry holding every field of the record
        [imported] = add_new(session, Person, [{"name": "Al Imported", "job_title": "lado_officer", "notes": "2023-12-31"}])
    for record_id, wanted in ((person.id, ("dsl_lead", "2024-03-01")), (imported, ("lado_officer", "2023-12-31"))):
        rows = hs.change_page(db, hs.ChangeQuery(record=("person", record_id))).rows
        shown = {r.field_label: r.new_text for r in rows}
        assert (shown["Job title"], shown["Notes"]) == wanted
