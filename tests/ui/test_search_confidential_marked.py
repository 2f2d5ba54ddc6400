"""The search window listed a confidential agenda item's minutes like any other hit; its title
now says "(confidential item)", as the minutes editor says "(confidential)"."""

from __future__ import annotations

from datetime import datetime

from bscp_desktop.domain.meetings import MeetingStatus
from bscp_desktop.services import meetings as mt
from tests.meetings_world import meeting


def test_the_search_window_marks_a_confidential_items_hits(db, world, qtbot):
    from bscp_desktop.app import make_application
    from bscp_desktop.ui.search import SearchDialog

    m = meeting(db, world.forum, datetime(2024, 3, 14, 10), status=MeetingStatus.HELD)
    secret = mt.add_agenda_item(db, m.id, mt.AgendaItemFields("Staffing matter", confidential=True))
    mt.save_item_minutes(db, secret.id, "Dr Harriet Vole suspended pending LADO referral.")
    make_application()
    dialog = SearchDialog(db, {"meetings": "Meetings"})
    qtbot.addWidget(dialog)
    dialog.start(None, "LADO Vole")
    qtbot.waitUntil(lambda: dialog.result is not None and not dialog.loading(), timeout=5000)
    proxy = dialog.proxy
    rows = [[proxy.index(r, c).data() for c in range(proxy.columnCount())] for r in range(proxy.rowCount())]
    assert [row[3] for row in rows] == ["Item 1: Staffing matter (confidential item)"]
    assert "suspended pending" in rows[0][4]  # the officer searching still reads the words found
    dialog.close()
