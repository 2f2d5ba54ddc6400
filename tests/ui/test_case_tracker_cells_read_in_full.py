"""The Case reviews Tracker's cells that a large font cuts short are read in full on hover: the
current stage and the status, as the next step already is."""

from __future__ import annotations

from bscp_desktop.services import case_reviews as cr
from bscp_desktop.ui.case_reviews.tab import tracker_columns


def test_every_cut_short_tracker_cell_has_its_whole_text_on_hover(demo_db):
    rows = cr.tracker(demo_db)
    columns = {c.header: c for c in tracker_columns()}
    for heading in ("Current stage", "Status"):
        column = columns[heading]
        assert column.tooltip is not None, heading
        assert all(column.tooltip(r) == column.value(r) for r in rows), heading
