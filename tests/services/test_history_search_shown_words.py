"""The change log's search finds a value by the words the change log shows for it: a stored
code (`head_count`) by its word ("A number of members"), as well as by what is stored."""

from __future__ import annotations

import pytest

from bscp_desktop.db.bulk import add_new
from bscp_desktop.db.models.memberships import Group
from bscp_desktop.domain.meetings import QuorumRule
from bscp_desktop.services import history as hs
from bscp_desktop.services import memberships as ms
from bscp_desktop.services.history_search import codes_shown

# Run on a database file and on the test PostgreSQL server (tests/conftest.py).
pytestmark = pytest.mark.both_engines

NUMBER = QuorumRule.HEAD_COUNT.label  # "A number of members"


def _found(db, typed: str, **filters) -> set[tuple[str, str, str]]:
    """The quorum rules found (an import's one entry is found whole: its other fields are left
    aside here), after checking that nothing else is."""
    query = hs.ChangeQuery(search=typed, **filters)
    rows = hs.change_page(db, query).rows
    assert hs.count_changes(db, query) == len(rows)
    assert all(r.field == "quorum_rule" or r.record_name == "Imported Forum" for r in rows), typed
    return {(r.record_name, r.field, r.new_text) for r in rows if r.field == "quorum_rule"}


def test_a_code_is_found_by_the_words_the_change_log_shows_for_it(db):
    forum = ms.create_group(db, ms.GroupFields("Safeguarding Children Forum"))
    # the words of the code itself in a name, and a group whose quorum is the other rule
    ms.create_group(db, ms.GroupFields("Head Count Panel", quorum_rule=QuorumRule.STATUTORY_PARTNERS))
    with db.unit_of_work() as session:  # an import's one entry holding every field of the record
        add_new(session, Group, [{"name": "Imported Forum", "tier": 3, "quorum_rule": "head_count"},
                                 # the code's and the field's words in its text, but not the code
                                 {"name": "Imported Panel", "tier": 1, "quorum_rule": "statutory_partners",
                                  "purpose": "Its quorum rule head count was debated"}])
    shown = [(c.record_name, c.new_text) for c in hs.change_page(db, hs.ChangeQuery()).rows if c.field == "quorum_rule"]
    assert ("Safeguarding Children Forum", NUMBER) in shown and ("Imported Forum", NUMBER) in shown

    wanted = {("Safeguarding Children Forum", "quorum_rule", NUMBER), ("Imported Forum", "quorum_rule", NUMBER)}
    for typed in ("A number of members", '"a number of members"', "NUMBER members", "members"):
        assert _found(db, typed) == wanted, typed
    assert _found(db, "number of members", area="memberships") == wanted
    assert _found(db, "number members", record=("partnership_group", forum.id)) == {
        ("Safeguarding Children Forum", "quorum_rule", NUMBER)}
    assert _found(db, "number forum") == wanted  # one word in the name, the other in the value shown
    assert _found(db, '"members of a number"') == set()  # a phrase's words in their order
    assert _found(db, "number panel") == set()


def test_typed_words_are_read_as_codes_before_any_entry_is_read():
    assert codes_shown("members") == {("partnership_group", "quorum_rule"): ("head_count",),
                                             ("meeting", "approved_quorum_rule"): ("head_count",)}
    assert codes_shown("a number of members") == codes_shown("members")  # a phrase, in its order
    assert codes_shown("attended")[("attendance", "status")] == ("deputy",)
    # a code whose own words hold what was typed is found by its word as shown, never as stored
    assert codes_shown("deputy")[("attendance", "status")] == ("deputy",)
    assert ("partnership_group", "quorum_rule") not in codes_shown("head")  # head_count: "A number of members"
    assert codes_shown("zebra") == {}


def test_the_area_filter_lists_only_areas_with_a_history():
    """Who is editing what is not recorded in the change history: no area to filter by."""
    assert "editing" not in hs.area_tables()
    with pytest.raises(ValueError, match="no area called 'editing'"):
        hs.parse_area("editing")
