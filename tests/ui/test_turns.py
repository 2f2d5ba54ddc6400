"""Work left for a later turn lets the window's other timers run first (issue: fast at ten years
of records, point 3): a chain of parts, and a page made after the click that chose it."""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel

from bscp_desktop.ui.common.sections import Sections
from bscp_desktop.ui.common.turns import next_turn


def busy(ms: float) -> None:
    """The window's thread held, as building a long part holds it."""
    end = time.perf_counter() + ms / 1000
    while time.perf_counter() < end:
        pass


def heartbeat(log: list[str]) -> QTimer:
    """A 5 ms timer on the window's thread, as the window's clock or autosave."""
    beat = QTimer()
    beat.setInterval(5)
    beat.timeout.connect(lambda: log.append("tick"))
    beat.start()
    return beat


def test_the_window_has_a_turn_between_each_part_of_a_chain(qtbot):
    log: list[str] = []
    beat = heartbeat(log)

    def part(n: int) -> None:
        log.append(f"part {n}")
        busy(8)  # longer than the heartbeat's interval: it is due again after each part
        if n < 4:
            next_turn(None, lambda: part(n + 1))

    qtbot.wait(20)
    log.clear()
    next_turn(None, lambda: part(0))
    qtbot.waitUntil(lambda: "part 4" in log)
    beat.stop()
    parts = [i for i, entry in enumerate(log) if entry.startswith("part")]
    assert all("tick" in log[a + 1:b] for a, b in zip(parts, parts[1:], strict=False)), log


def test_nothing_runs_for_an_owner_deleted_before_its_turn(qtbot):
    owner = QLabel()
    ran = []
    next_turn(owner, lambda: ran.append(True))
    owner.deleteLater()
    qtbot.wait(20)
    assert ran == []


def test_a_page_chosen_in_the_bar_is_made_after_the_window_has_had_a_turn(qtbot):
    log: list[str] = []

    def make(name: str):
        def made() -> QLabel:
            log.append(f"made {name}")
            return QLabel(name)
        return made

    sections = Sections({"one": ("One", make("one")), "two": ("Two", make("two"))})
    qtbot.addWidget(sections)
    sections.show()
    qtbot.waitUntil(lambda: sections.built_page("one") is not None)
    beat = heartbeat(log)
    qtbot.wait(20)
    busy(8)  # the click comes while the window's timer is due
    log.clear()
    sections.setCurrentIndex(1)  # the click
    assert sections.built_page("two") is None  # made on a later turn
    qtbot.waitUntil(lambda: sections.built_page("two") is not None)
    beat.stop()
    assert log.index("tick") < log.index("made two"), log


def test_parts_run_one_per_turn_and_a_new_run_drops_the_old_ones_parts(qtbot):
    from bscp_desktop.ui.common.turns import PartByPart

    owner = QLabel()
    log: list[str] = []
    beat = heartbeat(log)
    showing = PartByPart(owner)

    def part(name: str):
        return lambda: (log.append(name), busy(8))

    qtbot.wait(20)
    log.clear()
    showing.run([part("old 1"), part("old 2"), part("old 3")], then=lambda: log.append("old done"))
    assert log == ["old 1"] and showing.busy()  # the first part at once, the rest later
    showing.run([part("new 1"), part("new 2")], then=lambda: log.append("new done"))  # newer figures
    qtbot.waitUntil(lambda: not showing.busy())
    beat.stop()
    parts = [entry for entry in log if entry != "tick"]
    assert parts == ["old 1", "new 1", "new 2", "new done"]
    assert "tick" in log[log.index("new 1") + 1:log.index("new 2")]  # the window had a turn between them


def test_a_part_that_fails_leaves_nothing_waiting(qtbot):
    from bscp_desktop.ui.common.turns import PartByPart

    showing = PartByPart(QLabel())

    def fails():
        raise ValueError("a broken part")

    with pytest.raises(ValueError):
        showing.run([fails, lambda: None])
    assert not showing.busy()
