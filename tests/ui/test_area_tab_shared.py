"""What every area's tab shares (`area_tab.AreaTab`, `sections.section_pages`), the Save and
Cancel of every form and settings dialog (`closing.save_and_cancel`), the windows kept open
beside the main one (`dialog_fit.open_beside`) and an output's button (`area_tab.output_button`)."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout

from bscp_desktop.ui.common.area_tab import AreaTab, area_sections_made_when_shown, output_button
from bscp_desktop.ui.common.closing import save_and_cancel
from bscp_desktop.ui.common.dialog_fit import open_beside
from bscp_desktop.ui.common.sections import section_pages


class Page(QLabel):
    def __init__(self, name: str, made: list[str]):
        super().__init__(name)
        made.append(name)
        self.refreshed = 0

    def refresh(self) -> None:
        self.refreshed += 1


@section_pages("one", "two")
class Tab(AreaTab):
    def __init__(self, made: list[str]):
        super().__init__(db=None)
        self.asked = 0
        self.sections = area_sections_made_when_shown(self, {
            "one": ("One", lambda: Page("one", made)),
            "two": ("Two", lambda: Page("two", made)),
        })

    def make_outputs(self) -> list[QAction]:
        self.asked += 1
        entry = QAction("Workbook…", self)
        entry.setObjectName("workbook/0")
        return [entry]


def test_each_page_is_an_attribute_made_when_first_asked_for(qtbot):
    made: list[str] = []
    tab = Tab(made)
    qtbot.addWidget(tab)
    assert made == []
    assert tab.two.text() == "two" and made == ["two"]
    assert tab.two is tab.sections.page("two") and made == ["two"]


def test_outputs_are_made_once_when_first_asked_for(qtbot):
    tab = Tab([])
    qtbot.addWidget(tab)
    assert tab.asked == 0
    assert [a.text() for a in tab.export_actions()] == ["Workbook…"]
    assert tab.output("workbook") is tab.export_actions()[0]
    assert tab.asked == 1
    tab.export_actions().clear()  # a copy: the tab's own list is kept
    assert len(tab.export_actions()) == 1


def test_reload_refreshes_the_pages_made_only_and_flush_holds_nothing(qtbot):
    made: list[str] = []
    tab = Tab(made)
    qtbot.addWidget(tab)
    page = tab.one
    tab.reload()
    tab.flush()
    assert page.refreshed == 1 and made == ["one"]


def test_save_and_cancel(qtbot):
    dialog = QDialog()
    qtbot.addWidget(dialog)
    saved: list[bool] = []
    field = QLineEdit(dialog)
    buttons = save_and_cancel(dialog, lambda: saved.append(True))
    layout = QVBoxLayout(dialog)
    layout.addWidget(field)
    layout.addWidget(buttons)
    save = buttons.button(QDialogButtonBox.StandardButton.Save)
    assert save.toolTip() == "Save (Ctrl+S)"
    save.click()
    assert saved == [True]
    dialog.show()
    dialog.activateWindow()
    field.setFocus()
    qtbot.waitUntil(lambda: field.hasFocus())
    qtbot.keyClick(field, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)  # anywhere in the dialog
    assert saved == [True, True]
    buttons.button(QDialogButtonBox.StandardButton.Cancel).click()
    assert dialog.result() == QDialog.DialogCode.Rejected and not dialog.isVisible()


def test_a_window_open_beside_the_main_one(qtbot):
    window = QDialog()
    qtbot.addWidget(window)
    open_beside(window, "Search", QSize(300, 200))
    assert window.windowTitle() == "Search" and not window.isModal()
    assert window.size() == QSize(300, 200)


def test_an_output_button_presses_its_entry_and_is_named_as_it(qtbot):
    entry = QAction("Finance summary (PDF)…")
    pressed: list[bool] = []
    entry.triggered.connect(lambda: pressed.append(True))
    button = output_button(entry, None, "Summary (PDF)…")
    qtbot.addWidget(button)
    assert button.text() == "Summary (PDF)…" and button.accessibleName() == "Finance summary (PDF)"
    assert output_button(entry, button).text() == "Finance summary (PDF)…"
    button.click()
    assert pressed == [True]
