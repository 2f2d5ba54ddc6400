"""The questions about decisions typed on the Minutes page's New decision line but not yet
added, asked as the officer leaves the meeting (or circulates or approves its minutes): each
decision is listed with its item, as "Item 2. Neglect strategy: “Agreed the strategy”".

A decision whose item is still on the agenda can still be added: the officer stays to add it,
or discards it. One whose item was taken off the agenda since can no longer be added there:
the officer copies it (to paste where it belongs) or discards it, and goes on."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QWidget

from bscp_desktop.ui.common.messages import choose

TITLE = "Decision not added"


def listed(typed: list[tuple[str, str]]) -> str:
    """Each (item label, decision typed) on a line of its own."""
    return "\n".join(f"Item {label}: \u201c{text.strip()}\u201d" for label, text in typed)


def stay_to_add(parent: QWidget, typed: list[tuple[str, str]], how: str) -> bool:
    """True when the officer stays to add them (`how`: "press Enter on the New decision
    line"), False when they are discarded."""
    it = "it" if len(typed) == 1 else "them"
    return choose(parent, TITLE, f"{'A decision is' if it == 'it' else 'Decisions are'} typed but not yet added:"
                  f"\n\n{listed(typed)}\n\nStay to add {it} ({how}), or discard {it} and go on?",
                  f"Stay with {it}", f"Discard {it}", warning=True, escape_first=True)


def copy_or_discard(parent: QWidget, typed: list[tuple[str, str]]) -> None:
    """Decisions typed for items since taken off the agenda: said so, then copied to the
    clipboard (one a line) or let go, as the officer chooses."""
    one = len(typed) == 1
    it = "it" if one else "them"
    if choose(parent, TITLE, f"{'A decision was' if one else 'Decisions were'} typed but not added, for "
              f"{'an item' if one else 'items'} since removed from the agenda:\n\n{listed(typed)}\n\n"
              f"{'It' if one else 'They'} can no longer be added there. Copy {it} to paste where "
              f"{'it belongs' if one else 'they belong'}, or discard {it}, and go on?",
              f"Copy {it}", f"Discard {it}", warning=True, escape_first=True):
        QApplication.clipboard().setText("\n".join(text.strip() for _label, text in typed))
