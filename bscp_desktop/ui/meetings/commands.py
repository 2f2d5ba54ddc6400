"""Running a command from the Meetings tab: errors shown plainly, amendments asked for."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QWidget

from bscp_desktop.domain.validation import ValidationError
from bscp_desktop.ui.common.messages import show_error
from bscp_desktop.ui.meetings.dialogs import ask_reason

FAILED = object()
_VOWELS = "aeiou"


def doing(what: str) -> str:
    """A command's title ("Move an agenda item") as the doing of it ("Moving an agenda item"),
    as the question asking for an amendment's reason names it."""
    verb, space, rest = what.partition(" ")
    word = verb.lower()
    if word.endswith("e") and not word.endswith(("ee", "ye", "oe")):  # move: moving
        stem = verb[:-1]
    elif len(word) == 3 and word[0] not in _VOWELS and word[1] in _VOWELS and word[2] not in _VOWELS + "wxy":
        stem = verb + verb[-1]  # set: setting
    else:
        stem = verb
    return f"{stem}ing{space}{rest}"


def run(parent: QWidget | None, what: str, command: Callable[[str | None], Any]) -> Any:
    """Run `command(reason)`. If approved minutes refuse it, ask for the amendment reason and
    try again with it. Returns the command's result, or FAILED (after telling the user).
    `what` is the command's title ("Add a decision"): "Could not add a decision"."""
    try:
        result = command(None)
    except ValidationError as exc:
        if "reason" not in exc.errors:
            show_error(parent, f"Could not {what.lower()}", exc)
            return FAILED
        reason = ask_reason(parent, doing(what))  # "Adding a decision is an amendment"
        if reason is None:
            return FAILED
        try:
            result = command(reason)
        except Exception as again:  # a second refusal: tell the user
            show_error(parent, f"Could not {what.lower()}", again)
            return FAILED
    except Exception as exc:  # anything else a user can act on
        show_error(parent, f"Could not {what.lower()}", exc)
        return FAILED
    return result
