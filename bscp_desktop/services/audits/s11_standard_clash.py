"""Section 11 standards that may not stand side by side in one cycle: two in use (not removed)
with one number, or with one title (`standard_key`: capitals and spaces aside). Adding, editing
and restoring a standard make the same check; a refused restore says how to get past it in the
Standards window, where a standard in use can be edited but a removed one cannot."""

from __future__ import annotations

from collections.abc import Sequence

from bscp_desktop.db.models.audits import S11Standard
from bscp_desktop.domain.section11 import standard_key


def same_number(live: Sequence[S11Standard], number: int | None, record_id: int | None) -> S11Standard | None:
    """The standard in use, other than `record_id`, numbered `number`; None when there is none."""
    return next((s for s in live if number is not None and s.number == number and s.id != record_id), None)


def same_title(live: Sequence[S11Standard], title: str, record_id: int | None) -> S11Standard | None:
    """The standard in use, other than `record_id`, with the title `title` (`standard_key`); None
    when there is none."""
    key = standard_key(title)
    return next((s for s in live if title and standard_key(s.title) == key and s.id != record_id), None)


def _short(s: S11Standard) -> str:
    return s.title if len(s.title) <= 60 else s.title[:59] + "…"


def _named(s: S11Standard) -> str:
    return f"standard {s.number} “{_short(s)}”"


def restore_problems(live: Sequence[S11Standard], standard: S11Standard) -> dict[str, str]:
    """Why the removed `standard` cannot come back beside the standards in use (`live`), by field,
    each naming the standard in the way and what to do about it; {} when it can come back."""
    errors: dict[str, str] = {}
    if (other := same_number(live, standard.number, standard.id)) is not None:
        errors["number"] = (f"Standard {standard.number} cannot be restored: {_named(other)}, in use, has its "
                            f"number. Give “{_short(other)}” another number first (choose it and press Edit), "
                            "then restore this one")
    if (other := same_title(live, standard.title, standard.id)) is not None:
        errors["title"] = (f"Standard {standard.number} cannot be restored: {_named(other)}, in use, has the "
                           f"same title. Rename or remove standard {other.number} first (choose it and press "
                           "Edit or Remove), then restore this one")
    return errors
