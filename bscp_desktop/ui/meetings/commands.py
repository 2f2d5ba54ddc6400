"""Running a command from the Meetings tab: errors shown plainly, amendments asked for."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QWidget

from bscp_desktop.domain.validation import ValidationError
from bscp_desktop.ui.common.messages import show_error
from bscp_desktop.ui.meetings.dialogs import ask_reason

FAILED = object()


def run(parent: QWidget | None, what: str, command: Callable[[str | None], Any]) -> Any:
    """Run `command(reason)`. If approved minutes refuse it, ask for the amendment reason and
    try again with it. Returns the command's result, or FAILED (after telling the user)."""
    try:
        result = command(None)
    except ValidationError as exc:
        if "reason" not in exc.errors:
            show_error(parent, f"Could not {what.lower()}", exc)
            return FAILED
        reason = ask_reason(parent, what)
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
