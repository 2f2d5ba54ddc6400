"""Tab on the Section 11 page goes along its row of tools as the eye reads it: the cycle, Show
archived cycles beside it, then the buttons left to right, never back from the buttons to the
tick box."""

from __future__ import annotations

from bscp_desktop.ui.audits.section11_page import Section11Page


def test_tab_follows_the_tools_row_left_to_right(qtbot, db):
    page = Section11Page(db)
    qtbot.addWidget(page)
    page.resize(1400, 700)
    page.show()
    order = [page.cycle_combo, page.show_archived, page.new_cycle, page.edit_cycle, page.archive_cycle,
             page.restore_cycle, page.standards_button, page.add_agencies, page.write_return, page.import_return]
    for here, there in zip(order, order[1:], strict=False):
        assert here.nextInFocusChain() is there or _next_focusable(here) is there


def _next_focusable(widget):
    """The next widget Tab reaches from `widget` (those that take no focus passed over)."""
    step = widget.nextInFocusChain()
    while step is not widget and not (step.focusPolicy() & step.focusPolicy().TabFocus):
        step = step.nextInFocusChain()
    return step
