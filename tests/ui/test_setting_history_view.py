"""Double-clicking one setting's change in the change log shows that setting's history alone,
named as its rows name it ("Partnership name"), not by its key."""

from __future__ import annotations

from bscp_desktop.services import settings as st
from bscp_desktop.ui.common.history import ChangeLogView


def test_double_clicking_a_settings_change_shows_only_that_setting(qtbot, db):
    st.set_partnership_name(db, "Brent SCP")
    st.set_setting(db, "training.illustrative", False)
    view = ChangeLogView(db)
    qtbot.addWidget(view)
    view.reload()
    qtbot.waitUntil(lambda: not view.loading() and view.model.rowCount() == 2, timeout=10000)
    row = next(i for i, r in enumerate(view.model.rows) if r.field == "partnership_name")
    view.show_changed_record(row)
    qtbot.waitUntil(lambda: not view.loading() and view._count is not None, timeout=10000)
    assert view.record_label.text() == "Showing only the history of setting Partnership name."
    assert [r.field for r in view.model.rows] == ["partnership_name"]
    assert view.status.text() == "Changes 1 to 1 of 1, newest first: Setting: Partnership name."
