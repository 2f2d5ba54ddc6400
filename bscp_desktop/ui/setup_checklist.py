"""A first run that leads: a short set-up checklist above the tabs of a new database.

Six steps, each a button that opens the dialog it needs, each ticked when done: the
partnership's name, organisations, people, groups, memberships, the first meeting. It shows
while a database is not set up (unless the officer hides it, remembered per database) and goes
away by itself when every step is done; View > Set-up checklist shows it again.

On a small screen the steps scroll inside the checklist (`StepsArea`), which takes no more than
about a third of the window's height, so the tab under it still shows several rows.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, QSettings, QSize, Qt, Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QScrollArea, QStyle, QVBoxLayout, QWidget

from bscp_desktop.domain.kinds import RecordKind
from bscp_desktop.domain.validation import Checker
from bscp_desktop.services import settings as team_settings
from bscp_desktop.services.setup import SetupProgress, setup_progress
from bscp_desktop.ui.common.form import FormDialog
from bscp_desktop.ui.common.layout import when_resized
from bscp_desktop.ui.common.notices import ReloadsWhenShown
from bscp_desktop.ui.common.settings_dialog import ShowsSettings

DONE = "✓"
TO_DO = "○"
HIDDEN_KEY = "setup/hidden"
WINDOW_SHARE = 1 / 3  # the most of the window's height the checklist takes (its steps scroll beyond)


@dataclass(frozen=True)
class Step:
    key: str
    text: str
    button: str
    again: str  # the button once the step is done


STEPS = (
    Step("partnership", "Name the partnership: it is printed on every paper", "Set the name…", "Change the name…"),
    Step("organisations", "Add the partner organisations", "Add an organisation…", "Add another…"),
    Step("people", "Add the people who sit on the groups", "Add a person…", "Add another…"),
    Step("groups", "Add the partnership's groups (the Executive, the Forum, sub-groups)", "Add a group…",
         "Add another…"),
    Step("memberships", "Say who sits on which group", "Add a membership…", "Add another…"),
    Step("meeting", "Plan the first meeting", "Plan a meeting…", "Plan another…"),
)


class StepsArea(QScrollArea):
    """The steps, as tall as they need at the checklist's width, up to what leaves the checklist
    within `WINDOW_SHARE` of its window's height (never less than one step), scrolling beyond."""

    def __init__(self, checklist: SetupChecklist):
        super().__init__(checklist)
        self.checklist = checklist
        self.setObjectName("setupSteps")
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes from step to step; the area follows it
        self.viewport().setAutoFillBackground(False)  # the checklist's own colour behind the steps
        body = QWidget(self)
        body.setObjectName("setupStepsBody")
        body.setAutoFillBackground(False)
        self.setWidget(body)
        policy = self.sizePolicy()
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def _bar(self) -> int:
        return self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, self)

    def _steps_height(self, width: int) -> int:
        layout = self.widget().layout()
        if layout is not None and layout.hasHeightForWidth():
            return layout.totalHeightForWidth(width)
        return self.widget().sizeHint().height()

    def _most(self) -> int:
        """The height the window leaves the steps: its share less the checklist's heading."""
        window = self.checklist.window()
        if window is self.checklist or not window.isVisible():
            return 1 << 20
        one_step = self._steps_height(max(1, self.width())) // max(1, len(STEPS))
        return max(one_step, int(window.height() * WINDOW_SHARE) - self.checklist.heading_height())

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt API
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt API
        whole = self._steps_height(width)
        most = self._most()
        return whole if whole <= most else min(most, self._steps_height(width - self._bar()))

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        hint = self.widget().sizeHint()
        return QSize(hint.width() + self._bar(), min(hint.height(), self._most()))

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return QSize(self.widget().minimumSizeHint().width() + self._bar(), min(self.widget().minimumSizeHint().height(), self._most()))


class SetupChecklist(ReloadsWhenShown, QFrame):
    """`show_tab(area)` brings a tab to the front (the window supplies it) and returns it."""

    hidden_by_user = Signal()

    def __init__(self, db, show_tab: Callable[[str], QWidget | None], parent: QWidget | None = None):
        super().__init__(parent)
        self.db = db
        self.show_tab = show_tab
        self.progress: SetupProgress | None = None
        self.setObjectName("setupChecklist")
        self.setAccessibleName("Set-up checklist")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet("#setupChecklist { background: #f3f7fb; border: 1px solid #b9cde3; }"
                           " #setupSteps, #setupStepsBody { background: transparent; }")
        title = QLabel("Getting started: set up this database in six steps", self)
        font = title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        title.setFont(font)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName("Set-up progress")
        hide = QPushButton("Hide the checklist", self)
        hide.setToolTip("View > Set-up checklist shows it again")
        hide.clicked.connect(self.hide_by_user)
        head = QHBoxLayout()
        head.addWidget(title, 1)
        head.addWidget(hide)
        self.head = head

        self.steps_area = StepsArea(self)
        body = self.steps_area.widget()
        grid = QGridLayout(body)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setColumnStretch(1, 1)
        self.marks: dict[str, QLabel] = {}
        self.buttons: dict[str, QPushButton] = {}
        for row, step in enumerate(STEPS):
            mark = QLabel(TO_DO, body)
            mark.setAccessibleName(f"Step {row + 1}")
            text = QLabel(f"{row + 1}. {step.text}", body)
            text.setWordWrap(True)
            button = QPushButton(step.button, body)
            button.setAccessibleName(step.button.rstrip("…"))
            button.clicked.connect(lambda _c=False, key=step.key: self.open_step(key))
            grid.addWidget(mark, row, 0)
            grid.addWidget(text, row, 1)
            grid.addWidget(button, row, 2)
            self.marks[step.key] = mark
            self.buttons[step.key] = button
            button.installEventFilter(self)  # Tab on to a step out of view scrolls to it
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(self.summary)
        layout.addWidget(self.steps_area)
        self.watch(db, RecordKind.MEMBERSHIPS, RecordKind.MEETINGS, RecordKind.SETTINGS)
        self._stale = True  # filled when first shown
        self._watched_window: QWidget | None = None

    def heading_height(self) -> int:
        """The checklist's height less its steps: its title, its progress line and margins."""
        layout = self.layout()
        margins = layout.contentsMargins()
        width = max(1, self.width() - margins.left() - margins.right())
        summary = self.summary.heightForWidth(width) if self.summary.text() else 0
        return (margins.top() + margins.bottom() + self.head.sizeHint().height() + max(0, summary)
                + 2 * max(0, layout.spacing()) + 2 * self.frameWidth())

    def showEvent(self, event) -> None:  # noqa: N802 - Qt API
        window = self.window()
        if window is not self and window is not self._watched_window:
            self._watched_window = window
            # the steps asked for their height again when the window's height changes
            when_resized(window, self.steps_area.updateGeometry, self.steps_area, height=True)
        self.steps_area.updateGeometry()
        super().showEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.FocusIn and isinstance(watched, QWidget):
            self.steps_area.ensureWidgetVisible(watched)
        return super().eventFilter(watched, event)

    # ------------------------------------------------------------ state
    def _settings_key(self) -> str:
        return f"{HIDDEN_KEY}/{self.db.label}".replace("\\", "/")

    def hidden(self) -> bool:
        return QSettings().value(self._settings_key(), False, type=bool)

    def reload(self) -> None:
        was_complete = self.progress is not None and self.progress.complete
        try:
            self.progress = setup_progress(self.db)
        except Exception:  # a database that cannot be read says so elsewhere
            return
        steps = self.progress.steps
        for step in STEPS:
            done = steps[step.key]
            mark = self.marks[step.key]
            mark.setText(DONE if done else TO_DO)
            mark.setStyleSheet("color: #1b5e20; font-weight: bold;" if done else "color: #8a4b00;")
            mark.setToolTip("Done" if done else "To do")
            self.buttons[step.key].setText(step.again if done else step.button)
        done = sum(steps.values())
        next_step = next((s for s in STEPS if not steps[s.key]), None)
        self.summary.setText(
            f"{done} of {len(STEPS)} done. Next: {_first_lower(next_step.text.split(':')[0])}." if next_step
            else "Every step is done."
        )
        if next_step is not None:  # the next step in view, however far the steps scroll
            self.steps_area.ensureWidgetVisible(self.buttons[next_step.key])
        if self.progress.complete and not was_complete and self.isVisible():
            self.hide()  # the last step was just done

    def should_show(self) -> bool:
        """Shown while the database is not set up, unless the officer hid it."""
        self.reload()
        return self.progress is not None and not self.progress.complete and not self.hidden()

    def hide_by_user(self) -> None:
        QSettings().setValue(self._settings_key(), True)
        self.hide()
        self.hidden_by_user.emit()

    def show_again(self) -> None:
        QSettings().remove(self._settings_key())
        self.show()
        self.reload()

    # ------------------------------------------------------------ steps
    def open_step(self, key: str) -> None:
        """Open the dialog a step needs, on the tab (and section) where its records are listed."""
        from bscp_desktop.ui.meetings.dialogs import MeetingDialog  # loaded when first asked for, not at start
        from bscp_desktop.ui.memberships.dialogs import GroupDialog, MembershipDialog, OrganisationDialog, PersonDialog

        if key == "partnership":
            self.ask_partnership_name()
        elif key == "meeting":
            self.show_tab("meetings")
            MeetingDialog(self.db, None, self.window()).exec()
        else:
            section, dialog = {
                "organisations": ("organisations", OrganisationDialog),
                "people": ("people", PersonDialog),
                "groups": ("groups", GroupDialog),
                "memberships": ("memberships", MembershipDialog),
            }[key]
            tab = self.show_tab("memberships")
            if tab is not None and hasattr(tab, section):
                tab.sections.setCurrentWidget(getattr(tab, section))
            dialog(self.db, None, self.window()).exec()
        self.reload()

    def ask_partnership_name(self) -> None:
        PartnershipNameDialog(self.db, self).exec()  # the change notice reloads what shows the name


class PartnershipNameDialog(ShowsSettings, FormDialog):
    """The partnership's name, printed in the footer of every paper (a save after someone else
    set it is refused: `ShowsSettings`)."""

    def __init__(self, db, parent: QWidget | None = None):
        super().__init__("The partnership's name", parent, db=db)
        self.name = self.add_field(
            "partnership_name", "Name", QLineEdit(self._read()),
            "As it should be printed at the foot of every paper, e.g. Brent Safeguarding Children Partnership.",
        )

    def _read(self) -> str:
        key = team_settings.PARTNERSHIP_NAME_KEY
        self.opened = team_settings.opened_settings(self.db, (key,))  # read first: a change after it is refused
        return team_settings.get_setting(self.db, key, "") or ""

    def show_settings(self) -> None:
        self.name.setText(self._read())

    def check(self) -> dict[str, str]:
        c = Checker()
        c.required("partnership_name", self.name.text(), "The partnership's name", 200)
        return c.errors

    def save(self) -> str:
        return team_settings.set_partnership_name(self.db, self.name.text(), self.opened)


def _first_lower(text: str) -> str:
    """`text` run on after "Next: ", its first letter small, its names ("the Executive") kept."""
    return text[:1].lower() + text[1:]
