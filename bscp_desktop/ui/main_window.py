"""The main window: six tabs, File and Help menus, remembered geometry and recent files.

The window can be shown before its database is open (`MainWindow(None, opener)`): its frame,
menus and six tabs are painted at once, each tab saying the file is being opened, while the
file is checked, backed up and upgraded off the window's thread (see `app.run_gui`); `attach(db)`
then builds the tabs, which load what they show. At start only the tab on screen is built: each
other tab is built when first shown (or when File > Export first opens, which lists every
tab's outputs). This module imports no database code itself, so the frame comes up before
SQLAlchemy and the areas are loaded.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QEventLoop, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QDialog, QMainWindow, QMessageBox, QProgressDialog, QTabWidget, QToolButton, QVBoxLayout, QWidget

from bscp_desktop import APP_NAME
from bscp_desktop.ui import backups_menu, database_choice, recent_files
from bscp_desktop.ui.about_box import show_about
from bscp_desktop.ui.common.area_tab import FrontTabKeys, SubTabKeys, named_pages, new_from_the_tab_bar
from bscp_desktop.ui.common.dialog_fit import fit_to_screen
from bscp_desktop.ui.common.labels import ElidedLabel, MessageBar, as_typed
from bscp_desktop.ui.common.layout import tall_enough_for_its_text
from bscp_desktop.ui.common.messages import StatusBar, explain, show_error
from bscp_desktop.ui.common.notices import notices
from bscp_desktop.ui.tabs import TABS, NotBuiltTab, build_tab
from bscp_desktop.ui.team import LAST_KEY

if TYPE_CHECKING:
    from bscp_desktop.ui.search import SearchDialog
    from bscp_desktop.ui.setup_checklist import SetupChecklist

SEARCH_BUTTON = "Search… (Ctrl+K)"
DB_FILTER = backups_menu.DB_FILTER


class MainWindow(QMainWindow):
    """`opener(path, create, check_later=False)` opens a database (raising with a plain message
    if it cannot; `check_later`: app.open_database).
    `db` None shows the frame only, until `attach(db)` (see the module's description)."""

    closing = Signal()  # the window is being closed

    def __init__(self, db, opener: Callable[[Path, bool], object], parent: QWidget | None = None,
                 opening: str = ""):
        super().__init__(parent)
        self.db = None
        self.db_name = ""  # a team database's connection name (File > Connect to team database)
        self.opener = opener
        self._opening = False  # another file is being opened off the window's thread (`switch_to`)
        self.settings = QSettings()
        self.setProperty("keepsItsActions", True)  # its menus are never refused (ui/common/permissions.py)
        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName("Areas")
        self.tabs.tabBar().setAccessibleName("Areas")
        central = QWidget(self)
        self.central_layout = QVBoxLayout(central)
        self.central_layout.setContentsMargins(0, 0, 0, 0)
        self.central_layout.addWidget(self.tabs, 1)
        self.said_in_full = tall_enough_for_its_text(MessageBar(central))  # a message too long for the status bar
        self.central_layout.addWidget(self.said_in_full)
        self.setStatusBar(StatusBar(self.said_in_full, self))
        self.setCentralWidget(central)
        self.checklist: SetupChecklist | None = None
        self.started = False  # the tab on screen at start has shown its records (app.fill_window)
        self.db_label = ElidedLabel(self)  # a file's path or a server's address, as chosen; its middle left out if long
        self.statusBar().addPermanentWidget(self.db_label)
        self._build_menus()
        self.tabs.setCornerWidget(self.search_button, Qt.Corner.TopRightCorner)
        self._pending: set[int] = set()  # tabs not built yet (see `attach`)
        self.tabs.currentChanged.connect(self._build_pending_tab)
        new_from_the_tab_bar(self.tabs.tabBar(), self.tabs.currentWidget)
        SubTabKeys(self.tabs)  # Ctrl+Tab: the page's sub-tabs, from the row of tabs too
        self._restore_geometry()
        if db is not None:
            self.attach(db)
        else:
            self._build_frame(opening)

    def _build_frame(self, opening: str) -> None:
        """The six tabs, each saying the database is being opened; nothing that needs it works."""
        sentence = f"Opening {opening}…" if opening else "Opening the database…"
        for spec in TABS:
            self.tabs.addTab(NotBuiltTab(sentence, self.tabs), spec.title)
        self.tabs.setCurrentIndex(self._saved_tab())
        self._database_actions(False)
        self.export_menu.setEnabled(False)
        self.setWindowTitle(APP_NAME)
        self.db_label.setText(sentence)

    def _database_actions(self, enabled: bool) -> None:
        for action in self._needs_database:
            action.setEnabled(enabled)
        on_server = self.db is not None and self.db.path is None
        self.restore_action.setEnabled(enabled and not on_server)
        self.restore_action.setToolTip(
            "A team database is restored by the council's IT team from the server's own backups "
            "(Back up now writes a copy of it to a file)" if on_server else "")
        self.backup_action.setEnabled(True)  # a team database's login that may not back it up is told why
        backups_menu.offer_backup(self.backup_action, self.db if enabled else None)
        self.search_button.setText(SEARCH_BUTTON)  # a changed action gives the button its own text back

    def attach(self, db, at_once: bool = True) -> None:
        """Show `db`, now open, in the window: the tabs are built and load what they show.
        With `at_once` False only the tab on screen is built now; each other tab is built when
        first shown, and the set-up checklist once the rest of the program's code is loaded
        (`rest_loaded`; see the module's description)."""
        self.db = db
        _guard(db)
        if at_once:
            self._build_tabs()
        else:
            self._pending = set(range(self.tabs.count()))
            self._build_pending_tab(self.tabs.currentIndex())
            self.export_menu.setEnabled(True)  # filled when first opened
            self._show_database_name()
        self._database_actions(True)
        self._remember(db.path)

    # ------------------------------------------------------------ building
    def _build_menus(self) -> None:
        self._needs_database: list[QAction] = []
        file_menu = self.menuBar().addMenu("&File")
        self._add(file_menu, "&New database…", self.new_database)
        self._add(file_menu, "&Open database…", self.open_database, QKeySequence.StandardKey.Open)
        self.recent_menu = file_menu.addMenu("Open &recent")
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        self.connect_action = self._add(file_menu, "Connect to &team database…", self.connect_team_database)
        self.name_action = self._add(file_menu, "&Your name in the history…", self.ask_name)
        file_menu.addSeparator()
        self.backup_action = self._add(file_menu, "&Back up now", self.backup_now)
        self.restore_action = self._add(file_menu, "Re&store from a backup…", self.restore_backup)
        file_menu.setToolTipsVisible(True)  # a File action not offered says why
        file_menu.addSeparator()
        self.export_menu = file_menu.addMenu("&Export")
        self.export_menu.aboutToShow.connect(self._export_menu_opening)
        self._export_filled = False  # the Export menu lists the outputs of every tab built
        self.front_keys = FrontTabKeys(self.tabs, file_menu, self)  # Ctrl+E, Ctrl+P: the tab in front's
        file_menu.addSeparator()
        self._add(file_menu, "&Quit", self.close, QKeySequence.StandardKey.Quit)

        reports_menu = self.menuBar().addMenu("&Reports")
        self.yearly_action = self._add(reports_menu, "&Yearly report…", self.open_yearly_report,
                                       QKeySequence("Ctrl+Shift+Y"))
        self.yearly_window = None
        self.engagement_action = self._add(reports_menu, "&Partner engagement…", self.open_engagement)

        view_menu = self.menuBar().addMenu("&View")
        self._add(view_menu, "&Reload", lambda: notices().announce(self.db), QKeySequence(Qt.Key.Key_F5))
        self.checklist_action = self._add(view_menu, "Set-up &checklist", self.show_checklist)
        view_menu.addSeparator()
        self._needs_database = [a for menu in (file_menu, reports_menu, view_menu) for a in menu.actions()
                                if a.text() != "&Quit" and not a.isSeparator() and a.menu() is None]
        self.search_tab_action = self._add(view_menu, "&Search this tab…", self.search_this_tab,
                                           QKeySequence.StandardKey.Find)
        self.search_all_action = self._add(view_menu, "Search &everything…", self.search_everything,
                                           QKeySequence("Ctrl+K"))
        self._needs_database += [self.search_tab_action, self.search_all_action]
        view_menu.addSeparator()  # from anywhere in the window, as Ctrl+Tab moves only the sub-tabs of the page in use
        for text, step, keys in (("&Next tab", 1, "Ctrl+PgDown"), ("&Previous tab", -1, "Ctrl+PgUp")):
            self._add(view_menu, text, lambda _=False, step=step: self.tabs.setCurrentIndex(
                (self.tabs.currentIndex() + step) % max(1, self.tabs.count())), QKeySequence(keys))
        self.search_button = QToolButton(self)
        self.search_button.setDefaultAction(self.search_all_action)
        self.search_button.setText(SEARCH_BUTTON)
        self.search_button.setToolTip("Find words in agenda items, minutes, decisions, actions, case reviews and "
                                      "notes (Ctrl+F: this tab only)")
        self.search_button.setAutoRaise(True)
        self.search_dialog: SearchDialog | None = None

        help_menu = self.menuBar().addMenu("&Help")
        self._add(help_menu, f"&About {APP_NAME}", self.about)

    def _add(self, menu, text: str, slot, shortcut=None) -> QAction:
        action = QAction(text, self)
        action.triggered.connect(slot)
        if shortcut is not None:
            action.setShortcut(shortcut)
        menu.addAction(action)
        return action

    def _build_tabs(self) -> None:
        _guard(self.db)  # what the login may not change is not offered
        current = self.tabs.currentIndex()
        while self.tabs.count():
            widget = self.tabs.widget(0)
            self.tabs.removeTab(0)
            widget.deleteLater()
        self._pending = set()
        for spec in TABS:
            self.tabs.addTab(named_pages(build_tab(spec, self.db, self.tabs), spec.title), spec.title)
        self.tabs.setCurrentIndex(max(current, 0) if current >= 0 else self._saved_tab())
        self._fill_export_menu()
        self._build_checklist()
        if self.search_dialog is not None:  # it searched the database the tabs showed
            self.search_dialog.close()
            self.search_dialog.deleteLater()
            self.search_dialog = None
        self._show_database_name()

    def _show_database_name(self) -> None:
        shown = self.db.path.name if self.db.path else self.db_name or self.db.label
        self.setWindowTitle(f"{APP_NAME}: {shown}")
        self.db_label.setText(database_status(self.db, self.db_name))
        self.db_label.setToolTip(as_typed(self.db.label))  # the address (never the password) or the path, as written

    def _build_pending_tab(self, index: int) -> None:
        """Put the real tab in place of its placeholder, keeping the tab on screen."""
        if index not in self._pending or self.db is None:
            return
        self._pending.discard(index)
        spec = TABS[index]
        widget = named_pages(build_tab(spec, self.db, self.tabs), spec.title)
        placeholder = self.tabs.widget(index)
        self.tabs.blockSignals(True)
        try:  # inserted after, then the placeholder removed: no other tab is shown meanwhile
            self.tabs.insertTab(index + 1, widget, spec.title)
            if self.tabs.currentIndex() == index:
                self.tabs.setCurrentIndex(index + 1)
            self.tabs.removeTab(index)
        finally:
            self.tabs.blockSignals(False)
        placeholder.deleteLater()
        self._export_filled = False

    def _export_menu_opening(self) -> None:
        """File > Export lists every tab's outputs: the tabs not built yet are built first."""
        if self.db is None:
            return
        for index in sorted(self._pending):
            self._build_pending_tab(index)
        if not self._export_filled:
            self._fill_export_menu()

    def _fill_export_menu(self) -> None:
        from bscp_desktop.ui.export_menu import fill_export_menu

        fill_export_menu(self.export_menu, self.tabs, self._pending, self, self.db)  # every tab's, then the shared
        self._export_filled = True
        self.export_menu.setEnabled(not self.export_menu.isEmpty() or bool(self._pending))

    def tab(self, title: str) -> QWidget:
        for i in range(self.tabs.count()):
            if self.tabs.tabText(i) == title:
                self._build_pending_tab(i)
                return self.tabs.widget(i)
        raise KeyError(title)

    # ------------------------------------------------------------ first run
    def rest_loaded(self) -> None:
        """At start, once the tab on screen shows its records and the other areas' code is
        loaded (in a worker): the set-up checklist, which asks whether each kind of record
        exists (meetings included), joins it."""
        if self.db is not None and self.checklist is None:
            self._build_checklist()

    def _build_checklist(self) -> None:
        from bscp_desktop.ui.setup_checklist import SetupChecklist

        if self.checklist is not None:
            self.central_layout.removeWidget(self.checklist)
            self.checklist.deleteLater()
        self.checklist = tall_enough_for_its_text(SetupChecklist(self.db, self._show_tab, self))  # a step on two lines keeps both
        self.central_layout.insertWidget(0, self.checklist)
        self.checklist.setVisible(self.checklist.should_show())

    def show_checklist(self) -> None:
        if self.checklist is not None:
            self.checklist.show_again()

    def _show_tab(self, area: str) -> QWidget | None:
        for i, spec in enumerate(TABS):
            if spec.area == area and i < self.tabs.count():
                self.tabs.setCurrentIndex(i)
                return self.tabs.widget(i)
        return None

    # ------------------------------------------------------------ search
    def current_area(self) -> str | None:
        index = self.tabs.currentIndex()
        return TABS[index].area if 0 <= index < len(TABS) else None

    def search(self, area: str | None, text: str = "") -> SearchDialog:
        from bscp_desktop.ui.search import SearchDialog

        if self.search_dialog is None:
            self.search_dialog = SearchDialog(self.db, {spec.area: spec.title for spec in TABS}, self)
            self.search_dialog.open_hit.connect(self.open_hit)
        self.search_dialog.start(area, text)
        return self.search_dialog

    def search_this_tab(self) -> SearchDialog:
        return self.search(self.current_area())

    def search_everything(self) -> SearchDialog:
        return self.search(None)

    def open_hit(self, hit) -> None:
        """Show a search hit's record in its tab."""
        tab = self._show_tab(hit.area)
        show = getattr(tab, "show_record", None)
        if show is not None:
            show(hit.open_kind, hit.open_id, hit.detail_id)

    # ------------------------------------------------------------ settings
    def _saved_tab(self) -> int:
        """The tab on screen when the window last closed; a value it could not have saved (changed
        by hand, or by another program) is passed over for the usual first tab."""
        try:
            tab = int(self.settings.value("window/tab", 1))
        except (TypeError, ValueError):
            return 1
        return tab if 0 <= tab < len(TABS) else 1

    def _restore_geometry(self) -> None:
        geometry = self.settings.value("window/geometry")  # only what saveGeometry wrote is read back
        if not isinstance(geometry, QByteArray | bytes) or not self.restoreGeometry(geometry):
            self.resize(1200, 760)
        fit_to_screen(self)  # a size saved on a larger screen, or the first one, fits this screen

    def recent_files(self) -> list[str]:
        return recent_files.recent_files()

    def _remember(self, path: Path | None) -> None:
        recent_files.remember_opened(path)

    def _fill_recent(self) -> None:
        recent_files.fill_menu(self.recent_menu, self.recent_files(), self.db.path if self.db is not None else None,
                               lambda path: self.switch_to(path, create=False))

    def open_yearly_report(self):
        """The yearly report window (one per database), in front."""
        from bscp_desktop.ui.yearly_report.window import YearlyReportWindow

        if self.yearly_window is None or self.yearly_window.db is not self.db:
            self._close_yearly_report()
            self.yearly_window = YearlyReportWindow(self.db, self)
        self.yearly_window.show()
        self.yearly_window.raise_()
        self.yearly_window.activateWindow()
        return self.yearly_window

    def open_engagement(self, organisation_id: int | None = None):
        from bscp_desktop.ui.yearly_report.engagement import open_engagement

        return open_engagement(self, self.db, organisation_id if isinstance(organisation_id, int) else None)

    def _close_yearly_report(self) -> None:
        if self.yearly_window is not None:
            self.yearly_window.flush()
            self.yearly_window.close()
            self.yearly_window.deleteLater()
            self.yearly_window = None

    def running_writes(self) -> list:
        """This window's work still writing to its database in the background (an import),
        each task's `writes` naming it."""
        from bscp_desktop.ui.common.worker import BackgroundTask

        return [task for task in self.findChildren(BackgroundTask) if getattr(task, "writes", "") and not task.ended]

    def writes_ended(self) -> bool:
        """Nothing left writing to the database: work still under way (an import) is waited
        for if the officer chooses, and what it shows as it ends (an import's summary or its
        refused rows) is read before the window goes on. False when they choose to stay."""
        running = self.running_writes()
        if not running or self.db is None:
            return True
        names = " and ".join(task.writes for task in running)
        where = self.db.path.name if self.db.path is not None else self.db_name or "the team database"
        box = QMessageBox(QMessageBox.Icon.Question, "Still saving to the database",
                          f"{names} {'is' if len(running) == 1 else 'are'} still under way in {where}. "
                          "This database can be closed once it has finished: wait for it, then go on, "
                          "or stay?", parent=self)
        box.setTextFormat(Qt.TextFormat.PlainText)  # the file's name, as chosen
        wait = box.addButton("Wait, then go on", QMessageBox.ButtonRole.AcceptRole)
        box.addButton("Stay", QMessageBox.ButtonRole.RejectRole)
        box.exec()
        if box.clickedButton() is not wait:
            return False
        before = {id(d) for d in self.findChildren(QDialog) if d.isVisible()}
        loop = QEventLoop()
        timer = QTimer(loop, interval=50)
        timer.timeout.connect(lambda: None if self.running_writes() else loop.quit())
        for task in running:
            if task.dialog is not None and not task.ended:
                task.dialog.show()  # its progress, over the window, while the officer waits
        timer.start()
        loop.exec()
        timer.stop()
        for dialog in self.findChildren(QDialog):  # an import's summary: read before the window goes on
            if id(dialog) not in before and dialog.isVisible() and not isinstance(dialog, QProgressDialog):
                dialog.exec()
        return True

    def ready_to_leave(self) -> bool:
        """Every word typed saved, or let go by the officer where it could not be, and nothing
        still writing to the database (`writes_ended`): False when they choose to stay with
        words not saved (minutes, a yearly report section) or work still under way."""
        if not self.writes_ended():
            return False
        for i in range(self.tabs.count()):
            ask = getattr(self.tabs.widget(i), "flush_or_ask", None)
            if ask is not None and not ask():
                return False
        ask = getattr(self.yearly_window, "flush_or_ask", None)
        return ask is None or ask()

    def may_close(self) -> bool:
        """Whether the window, and the program with it, may close: ready to leave the database
        (`ready_to_leave`), then its outputs still being written waited for or stopped, as the
        officer chooses. False when they choose to stay."""
        from bscp_desktop.ui.common.outputs import outputs_end_before_quitting

        return self.ready_to_leave() and outputs_end_before_quitting(self)

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt API
        if not self.may_close():  # words not saved, work or an output under way: the officer may stay
            event.ignore()
            return
        self.closing.emit()
        self._close_yearly_report()
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/tab", self.tabs.currentIndex())
        for i in range(self.tabs.count()):
            flush = getattr(self.tabs.widget(i), "flush", None)
            if flush:
                flush()
        super().closeEvent(event)

    # ------------------------------------------------------------ databases
    def switch_to(self, path: Path | str, create: bool, name: str = "", secret: str | None = None,
                  then: Callable[[bool], None] | None = None) -> bool:
        """Open a file in place of the current one (True once shown), or connect to a team
        database by its `postgresql://` address (shown as `name`; `secret`, the password, never
        appears in an error shown). Connecting runs in the background (`connect_address`): True
        means it has started, and `then(ok)` is called when it ends."""
        if self.db is None:  # still opening the first one
            return False
        if isinstance(path, str) and "://" in path:
            return self.ready_to_leave() and self.connect_address(path, name, secret, then) is not None
        path = Path(path)
        if self.db.path and _same_file(path, self.db.path):  # however its path is spelt
            return True
        if self._opening or not self.ready_to_leave():  # another file is being opened already
            return False
        from bscp_desktop.ui.opening import open_off_the_window

        self.flush_all()
        self._opening = True
        try:  # a file on this computer, off the window's thread as at start (ui/opening.py)
            new_db = open_off_the_window(self, path, create)
        except Exception as exc:
            if not recent_files.offer_to_remove(self, path, explain(exc)):  # a recent file gone: off the list?
                show_error(self, recent_files.TITLE, explain(exc))
            return False
        finally:
            self._opening = False
        if new_db is None:  # the window was closed meanwhile
            return False
        self._show_instead(new_db)
        return self.db is new_db

    def flush_all(self) -> None:
        """Before the database closes: what is typed saved, and the windows showing it closed."""
        from bscp_desktop.ui.yearly_report.engagement import EngagementWindow

        for i in range(self.tabs.count()):
            flush = getattr(self.tabs.widget(i), "flush", None)
            if flush:
                flush()
        self._close_yearly_report()
        for window in self.findChildren(EngagementWindow):
            window.close()

    def _show_instead(self, new_db, name: str = "") -> None:
        """Show `new_db`, open and ready, in place of the current database, which closes; not
        if the officer stays with words typed meanwhile that could not be saved."""
        from bscp_desktop.ui.opening import check_when_shown, close_unseen

        if not self.ready_to_leave():
            close_unseen(new_db)
            return
        self.flush_all()  # typing done while another database was being opened is kept
        old = self.db
        self.db = new_db
        self.db_name = name
        if new_db.path is not None:  # a file chosen: the next start opens it, not a team database
            self.settings.remove(LAST_KEY)
        self._build_tabs()
        close_unseen(old)
        self._remember(new_db.path)
        check_when_shown(self, new_db)  # its later checks, or a backup not written: as at start

    def connect_address(self, address: str, name: str = "", secret: str | None = None,
                        then: Callable[[bool], None] | None = None):
        """Connect to a team database in the background, "Connecting to …" with Cancel showing
        over the window (or the dialog that asked): the current database stays open until the
        new one is ready, then the window shows it. `then(ok)` is called at the end (False after
        a failure, said in one sentence, or Cancel). The task, or None while the window is still
        opening its first database."""
        if self.db is None:
            return None
        from bscp_desktop.ui.team.connecting import connect_in_background

        parent = QApplication.activeModalWidget() or self
        return connect_in_background(parent, lambda target: self.opener(target, False), address, name, secret,
                                     on_open=lambda db: self._show_instead(db, name), on_end=then)

    def connect_team_database(self) -> None:
        """File > Connect to team database…: the saved connections; Connect opens one here."""
        from bscp_desktop.ui.team.connect import ConnectDialog

        ConnectDialog(self.settings, self.connect_to, self).exec()

    def ask_name(self) -> str | None:
        """Your name, as the change history of a database file records your changes."""
        from bscp_desktop.ui.team.your_name import YourNameDialog

        dialog = YourNameDialog(self.settings, self)
        if dialog.exec() != YourNameDialog.DialogCode.Accepted:
            return None
        if self.db is not None and self.db.path is not None:
            self.db.user = dialog.result_value
        return dialog.result_value

    def connect_to(self, connection, password: str | None, then: Callable[[bool], None] | None = None):
        """Connect to a saved connection in the background (`connect_address`); once connected
        the next start connects to it again."""
        from bscp_desktop.services.connections import address

        def ended(ok: bool) -> None:
            if ok:
                self.settings.setValue(LAST_KEY, connection.name)
            if then is not None:
                then(ok)

        return self.connect_address(address(connection, password), connection.name, password, ended)

    def new_database(self) -> None:
        path = database_choice.ask_new_database_path(self)  # checked: never another file's place
        if path is not None:
            self.switch_to(path, create=True)

    def open_database(self) -> None:
        chosen = database_choice.ask_open_path(self)
        if chosen is not None:
            self.switch_to(chosen, create=False)  # a file, or a postgresql:// address

    def backup_now(self) -> None:
        backups_menu.backup_now(self)

    def restore_backup(self) -> None:
        backups_menu.restore_backup(self)

    def about(self) -> None:
        show_about(self, self.db.label if self.db is not None else "opening…")


def _same_file(one: Path, other: Path) -> bool:
    """Whether two paths name one file (through "..", a link, or another spelling)."""
    try:
        return one.resolve() == Path(other).resolve()
    except (OSError, RuntimeError):  # RuntimeError: a shortcut leading round in a circle
        return one.absolute() == Path(other).absolute()


def _guard(db) -> None:
    """What the login may not change is not offered (ui/common/permissions.py; it loads the
    database code, so it is loaded once a database is open, never for the frame)."""
    from bscp_desktop.ui.common.permissions import guard_database

    guard_database(db)


def database_status(db, name: str = "") -> str:
    """The status bar's words for the open database: a file's path, or a team database's name,
    address (never its password), who is connected, and what they may not do."""
    if db.path is not None:
        return f"Database: {db.label}"
    access = db.access
    words = f"Team database {name}" if name else f"Team database: {db.label}"
    if access is not None:
        words += f"; connected as {access.person}"
        if not access.can_change:
            words += " (read only)"
    return words
