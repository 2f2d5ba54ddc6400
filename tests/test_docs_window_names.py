"""The window's menus and buttons as README.md and the officers' pages in docs/ name them: each
"Menu > Entry" is an entry of that menu in the window, written exactly as the menu shows it, and
each name written with "…" (the window's sign that a dialog or a question follows) is a text the
window shows, "…" and all. A name written with "..." is never the window's."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from bscp_desktop.ui.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[1]
#: The pages officers and the council's IT team read (ARCHITECTURE.md and ADDING_AN_AREA.md are
#: for developers, and name the code).
OFFICERS_DOCS = [ROOT / "README.md", *(path for path in sorted((ROOT / "docs").glob("*.md"))
                                       if path.name not in ("ARCHITECTURE.md", "ADDING_AN_AREA.md"))]
MENUS = ("File", "Reports", "View", "Help")


def shown(text: str) -> str:
    """A menu's or button's text as the window shows it: "&" marks the mnemonic ("&&" is one
    "&"), and a tab puts the shortcut on the right."""
    return re.sub(r"&(.)", r"\1", text).split("\t")[0]


def prose(path: Path) -> str:
    """A page's words, code blocks and `code` left out, each run of spaces and line breaks one
    space (a name may run over a line)."""
    text = re.sub(r"```.*?```", " ", path.read_text(encoding="utf-8"), flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"`[^`]*`", "CODE", text))


def ui_texts() -> set[str]:
    """Every text written in the window's code (a button's, an action's, a menu entry's among
    them), as shown."""
    texts = set()
    for path in (ROOT / "bscp_desktop" / "ui").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                texts.add(shown(node.value))
    return texts


def menu_entries(menu) -> dict[str, object]:
    """Each entry of `menu` as shown, with its own menu (None for an action)."""
    return {shown(a.text()): a.menu() for a in menu.actions() if not a.isSeparator()}


def menu_path_problems(text: str, menus: dict[str, object]) -> list[str]:
    """Each "Menu > Entry" of `text` whose entry is not written exactly as the window's menu
    shows it (a longer entry counts first: "Open recent" before "Open")."""
    problems = []
    for found in re.finditer(rf"\b({'|'.join(MENUS)}) > ", text):
        entries, at = menu_entries(menus[found.group(1)]), found.end()
        while True:
            match = next((e for e in sorted(entries, key=len, reverse=True) if text.startswith(e, at)
                          and not re.match(r"[\w…]|\.\.\.", text[at + len(e):at + len(e) + 3])), None)
            if match is None:
                problems.append(f"{text[found.start():at + 40]!r}: the {found.group(1)} menu shows "
                                f"{sorted(entries)}")
                break
            at += len(match)
            if entries[match] is None or not text.startswith(" > ", at):
                break
            entries, at = menu_entries(entries[match]), at + 3
    return problems


def ellipsis_problems(text: str, names: set[str]) -> list[str]:
    """Each name written with "…" that the window does not show (any stretch of words ending at
    the "…" may be the name), and every "..." after a word. A "…" after a space stands for words
    left out, and one inside "double quotes" ends a message the window shows, not a name."""
    problems = [f"{text[max(0, m.start() - 40):m.end()]!r}: the window writes …, not ..."
                for m in re.finditer(r"\w\.\.\.", text)]
    quoted = [m.span() for m in re.finditer(r'"[^"]*"', text)]
    for found in re.finditer("…", text):
        end = found.end()
        if end < 2 or text[end - 2] == " " or any(a < found.start() < b for a, b in quoted):
            continue
        before = text[max(0, end - 80):end]
        starts = [i for i in range(len(before)) if i == 0 or before[i - 1] in " (“"]
        if not any(before[i:] in names for i in starts):
            problems.append(f"{before[-40:]!r} is not a name the window shows")
    return problems


@pytest.fixture(scope="module")
def window_names(qapp):
    window = MainWindow(None, lambda *a, **k: None, opening="records.sqlite3")
    try:
        menus = {shown(a.text()): a.menu() for a in window.menuBar().actions()}
        names = ui_texts() | {name for menu in menus.values() for name in menu_entries(menu)}
        yield menus, names
    finally:
        window.close()
        window.deleteLater()
        qapp.processEvents()


def test_the_officers_pages_are_checked():
    assert [p.name for p in OFFICERS_DOCS] == ["README.md", "TEAM_DATABASE.md"]


@pytest.mark.parametrize("path", OFFICERS_DOCS, ids=lambda p: p.name)
def test_menu_entries_are_named_as_the_window_shows_them(window_names, path):
    menus, _ = window_names
    assert set(MENUS) <= set(menus)
    assert menu_path_problems(prose(path), menus) == []


@pytest.mark.parametrize("path", OFFICERS_DOCS, ids=lambda p: p.name)
def test_names_written_with_an_ellipsis_are_the_windows(window_names, path):
    _, names = window_names
    assert ellipsis_problems(prose(path), names) == []


def test_a_name_written_otherwise_than_the_window_shows_it_is_found(window_names):
    """The checks themselves: the wordings these pages once had are each found."""
    menus, names = window_names
    assert menu_path_problems("Help > About shows the folders.", menus)
    assert menu_path_problems("(File > New database, File > Open database)", menus)
    assert len(menu_path_problems("(File > New database…, File > Open database…)", menus)) == 0
    assert menu_path_problems("File > Restore from a backup lists them", menus)
    assert menu_path_problems("File > Back up now… asks where", menus)
    assert not menu_path_problems("File > Export lists every output; View > Reload (F5)", menus)
    assert ellipsis_problems("File > Connect to team database... keeps", names)
    assert ellipsis_problems("(New…, Edit, Archive, Restore, Import…)", names) == [
        "'(New…' is not a name the window shows"]
    assert not ellipsis_problems('Reload or Compare… and "Connecting to <server>…" with … left out', names)
