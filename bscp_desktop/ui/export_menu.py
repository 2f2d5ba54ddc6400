"""File > Export: every tab's outputs, then the outputs no one area owns (the change history,
everything in one workbook, partner engagement), all built from the job registry (`jobs`).

Each tab offers its area's outputs (`export_actions`); the shared jobs (`areas.SHARED_JOBS`)
follow them, one entry per output they declare, written in a child process with its progress
like any other (`ui.common.outputs`). A shared job that needs a record chosen first (a yearly
report, a partner's workbook) is offered by its own window (the Reports menu) instead.
"""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QTabWidget, QWidget


def shared_actions(parent: QWidget, db) -> list[QAction]:
    """One entry per output of each job that belongs to no area, as the registry declares it."""
    from bscp_desktop.ui.common.outputs import area_actions

    return area_actions(parent, db, None)


def fill_export_menu(menu: QMenu, tabs: QTabWidget, pending: set[int], window: QWidget, db) -> None:
    """Fill File > Export: the outputs of every tab built (not those in `pending`), then the
    shared ones. Their saving, progress and 'Saved' boxes belong to `window`; the entries made
    here belong to the menu, so they are let go when it is next filled."""
    menu.clear()
    for i in range(tabs.count()):
        if i in pending:
            continue
        for action in getattr(tabs.widget(i), "export_actions", lambda: [])():
            menu.addAction(action)
    shared = shared_actions(window, db) if db is not None else []
    if shared and not menu.isEmpty():
        menu.addSeparator()
    for action in shared:
        action.setParent(menu)
        menu.addAction(action)
