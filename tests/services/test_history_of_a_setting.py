"""A setting's history is its own changes, not every setting's: every setting is recorded with
the number 0 and its key as the field, so its history is found by its key, and it is named by
the words the window uses for it ("Partnership name"), as the change log's rows name it."""

from __future__ import annotations

import pytest

from bscp_desktop.services import history as hs
from bscp_desktop.services import settings as st


@pytest.mark.slow
def test_a_settings_history_holds_only_its_own_changes(db):
    st.set_partnership_name(db, "Brent SCP")
    st.set_setting(db, "training.illustrative", False)
    st.set_partnership_name(db, "Brent Safeguarding Children Partnership")
    rows = hs.change_page(db, hs.ChangeQuery()).rows
    [changed] = [r for r in rows if r.field == "partnership_name" and r.action == "update"]
    assert changed.record == ("setting", 0, "partnership_name") and changed.shown_name == "Partnership name"

    query = hs.ChangeQuery(record=changed.record)
    own = hs.change_page(db, query).rows
    assert {r.field for r in own} == {"partnership_name"} and len(own) == 2
    assert hs.count_changes(db, query) == 2
    assert hs.describe(query, "partnership_name") == "Setting: Partnership name"
    # the change history workbook names it so too, without a number it does not have
    assert changed.record_label == "Partnership name"


@pytest.mark.slow
def test_a_settings_history_saved_as_a_file_is_its_own(db, tmp_path):
    import openpyxl

    from bscp_desktop import jobs

    st.set_partnership_name(db, "Brent SCP")
    st.set_setting(db, "training.illustrative", False)
    path = jobs.write_report(db, "change-log", tmp_path / "log.xlsx", record=["setting", 0, "partnership_name"])
    book = openpyxl.load_workbook(path)
    rows = list(book["Change log"].iter_rows(values_only=True))[1:]
    assert [r[3] for r in rows if r[0]] == ["Setting: Partnership name"]
    assert book["About"]["A1"].value.endswith(": Setting: Partnership name.")
