"""The budgets dialog lists an archived category that has a budget or spending that year (the
service keeps it there), marked as archived; a new budget for it is refused in the dialog as
typed, naming the category and how to restore it, rather than only once Save is pressed. Its
budget may still be cleared, and the other categories' budgets saved."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt

from bscp_desktop.services import finance as fin
from bscp_desktop.ui.finance.dialogs import BudgetsDialog

ARCHIVED = "Events is archived: restore it (Finance settings) to budget for it"


def _dialog(qtbot, db):
    categories = {c.name: c.id for c in fin.list_categories(db)}
    fin.set_budgets(db, "2024/25", {categories["Events"]: "1,000", categories["Practice reviews"]: "500"})
    fin.archive_category(db, categories["Events"])
    dialog = BudgetsDialog(db, 2024)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog, categories


def test_a_new_budget_for_an_archived_category_is_refused_as_typed(qtbot, db):
    dialog, categories = _dialog(qtbot, db)
    events = f"budget.{categories['Events']}"
    assert dialog.labels[events] == "Budget for Events (archived)"
    assert dialog.labels[f"budget.{categories['Practice reviews']}"] == "Budget for Practice reviews"
    box = dialog.fields[events]
    box.clear()
    qtbot.keyClicks(box, "2,000")
    assert dialog.check() == {events: ARCHIVED}
    assert not dialog.save_button.isEnabled()
    dialog.show_errors(dialog.check())
    assert dialog.error_labels[events].text() == ARCHIVED


def test_the_archived_categorys_budget_may_be_kept_or_cleared(qtbot, db):
    dialog, categories = _dialog(qtbot, db)
    assert dialog.check() == {}  # kept as it is
    dialog.fields[f"budget.{categories['Events']}"].clear()
    reviews = dialog.fields[f"budget.{categories['Practice reviews']}"]
    reviews.clear()
    qtbot.keyClicks(reviews, "750")
    assert dialog.check() == {}
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == dialog.DialogCode.Accepted
    budgets = {line.category: line.budget for line in fin.budget_lines(db, 2024)}
    assert "Events" not in budgets  # cleared, with no spending: no longer listed
    assert budgets["Practice reviews"] == Decimal("750.00")
