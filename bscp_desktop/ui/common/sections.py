"""A tab's pages, each built the first time it is shown.

    sections = Sections({"sessions": ("Sessions", lambda: SessionsPage(db)), ...}, parent)
    sections.page("sessions")          # builds it if it is not built yet

The tab bar shows every page's title at once, but a page is made only when it is first shown
(or first asked for with `page(name)`), so opening the tab costs one page, not all of them. A
page chosen in the bar is made on the next turn of the event loop (`turns.next_turn`): the bar
answers the click first, the window's own timers have their turn, then the page is made, then
painted, each its own short piece of work for the window. Moved to by the keyboard (Ctrl+Tab
from inside the page before), a page made then takes the focus on its first field.
`setCurrentWidget` takes a built page as well as its place in the bar, and `currentWidget`
gives the page in front once it is made. A page taller than the space it is given scrolls
instead of squeezing its tables and sentences (`page_scroll.PageScroller`).

A class names the pages it reaches as attributes with `section_pages`:

    @section_pages("sessions", "bookings")
    class TrainingTab(AreaTab): ...    # self.sessions is self.sections.page("sessions")
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTabWidget, QWidget

from bscp_desktop.ui.common.page_scroll import PageScroller
from bscp_desktop.ui.common.turns import next_turn


def section_pages(*names: str, of: str = "sections") -> Callable[[type], type]:
    """A class decorator: each of `names` an attribute of the class, the page of that name in its
    `Sections` (`self.sections`, or the attribute `of` names), made when first asked for."""

    def declare(cls: type) -> type:
        for name in names:
            setattr(cls, name, property(lambda self, name=name: getattr(self, of).page(name),
                                        doc=f"The page {name!r}, made when first asked for."))
        return cls

    return declare


class _Place(PageScroller):
    """Where a page goes in the bar; loading until its page is made and has read its records.
    A page taller than the space scrolls (`page_scroll`)."""

    def __init__(self, parent: QWidget):
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the page's own fields, not to the place holding them
        self.page: QWidget | None = None

    def loading(self) -> bool:
        loading = getattr(self.page, "loading", None)
        return self.page is None or (callable(loading) and loading())


class Sections(QTabWidget):
    def __init__(self, pages: dict[str, tuple[str, Callable[[], QWidget]]], parent: QWidget | None = None):
        super().__init__(parent)
        self._makers = {name: make for name, (_title, make) in pages.items()}
        self._names = list(pages)
        self._holders: dict[str, _Place] = {}
        self._built: dict[str, QWidget] = {}
        self.on_built: Callable[[str, QWidget], None] | None = None  # told of each page once it is made
        for name, (title, _make) in pages.items():
            holder = _Place(self)
            holder.setObjectName(f"{name}-place")
            self._holders[name] = holder
            self.addTab(holder, title)
        self.currentChanged.connect(self._shown)

    def page(self, name: str) -> QWidget:
        """The page `name`, made now if it was not made yet."""
        if name not in self._built:
            widget = self._makers[name]()
            self._built[name] = widget
            holder = self._holders[name]
            holder.page = widget
            holder.hold(widget)
            if holder.isVisible():
                widget.show()  # now, not on a later turn: its rows start loading as it is made
            if holder.hasFocus():  # the bar gave the empty place the focus: on to the page's first field
                _focus_first_stop(widget)
            if self.on_built is not None:
                self.on_built(name, widget)
        return self._built[name]

    def page_at(self, index: int) -> QWidget:
        """The page at `index` in the bar, made now if it was not made yet."""
        return self.page(self._names[index])

    def built_page(self, name: str) -> QWidget | None:
        """The page `name` if it is made, else None (never makes it)."""
        return self._built.get(name)

    def built(self) -> list[QWidget]:
        """The pages made so far."""
        return list(self._built.values())

    def current_name(self) -> str:
        return self._names[self.currentIndex()]

    def show_page(self, name: str) -> QWidget:
        """Bring page `name` to the front (making it first if needed)."""
        page = self.page(name)
        super().setCurrentWidget(self._holders[name])
        return page

    def setCurrentWidget(self, widget: QWidget) -> None:  # noqa: N802 - Qt API
        for name, page in self._built.items():
            if page is widget:
                widget = self._holders[name]
        super().setCurrentWidget(widget)

    def currentWidget(self) -> QWidget | None:  # noqa: N802 - Qt API
        """The page in front once it is made (else the place it will go), as `setCurrentWidget`
        takes it."""
        holder = super().currentWidget()
        return getattr(holder, "page", None) or holder

    def _shown(self, _index: int) -> None:
        if self.isVisible():
            next_turn(self, self._make_current)

    def _make_current(self) -> None:
        if self.count() and self.isVisible():
            self.page(self.current_name())

    def showEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        next_turn(self, self._make_current)


def _focus_first_stop(page: QWidget) -> None:
    """The focus to the first widget Tab reaches in `page` (a place with no name of its own keeps
    it otherwise, and a screen reader says nothing); none there, it stays where it is."""
    widget = page.nextInFocusChain()
    while widget is not page:
        if (page.isAncestorOf(widget) and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
                and widget.isVisible() and widget.isEnabled() and widget.focusProxy() is None):
            widget.setFocus(Qt.FocusReason.TabFocusReason)
            return
        widget = widget.nextInFocusChain()
