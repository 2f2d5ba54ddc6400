"""The notes of a return's import naming each answer held that a row leaves blank, and so keeps
(a blank never clears one), where the row answers something else: a Section 11 return's
(`s11_blanks_kept`) and a case audit return's (`audit_blanks_kept`), worded alike (`_kept`)."""

from __future__ import annotations

from bscp_desktop.db.models.audits import AuditReturn
from bscp_desktop.domain.audits import Grading
from bscp_desktop.domain.section11 import Rating
from bscp_desktop.domain.text import first_line


def rating_label(value) -> str:
    """A Section 11 rating as a return's notes name it: "Amber", or "not rated"."""
    return Rating(value).label if value else "not rated"


#: The cells of a Section 11 return's row that answer its standard (No. and Standard only name it).
_S11_ANSWERS = ("rating", "reason if not applicable", "evidence", "your improvement action", "action due by")


def answers_in(cells: dict[str, str]) -> bool:
    """Whether the return's row itself answers its standard (answers already held aside)."""
    return any(cells.get(key) for key in _S11_ANSWERS)


def _kept(where: str, blank: str, held: str) -> str:
    """The note of an answer held that a row of a return leaves blank, and so keeps: "Standard 3:
    your return leaves the evidence blank; the evidence recorded earlier is kept (...)"."""
    return (f"{where}: your return leaves the {blank} blank; {held} recorded earlier is kept (change it in the "
            "window, Audits tab, if it is no longer right).")


def s11_blanks_kept(number: int, cells: dict[str, str], before, checked: dict) -> list[str]:
    """A note for each answer held that the row leaves blank, and so keeps (a blank never clears
    one), where the row answers something else: a return correcting a standard says what stays
    as it was. A row left wholly blank is not answered, so says nothing; nor does an improvement
    action already done or dropped."""
    if before is None or before.id is None or not answers_in(cells):
        return []
    values, notes = checked["values"], []
    where = f"Standard {number}"
    if not cells.get("rating") and values["self_rating"]:
        notes.append(_kept(where, "rating", f"the rating {rating_label(values['self_rating'])}"))
    if not cells.get("reason if not applicable") and values["not_applicable_reason"]:
        notes.append(_kept(where, "reason if not applicable", "the reason"))
    if not cells.get("evidence") and values["evidence"]:
        notes.append(_kept(where, "evidence", "the evidence"))
    action = before.action
    if not cells.get("your improvement action") and action is not None and not action.status.closed:
        notes.append(f"Standard {number}: your return leaves the improvement action blank; the action "
                     f"'{first_line(action.description)}' recorded earlier is kept (close or archive it in the "
                     "window, Audits tab, if it is no longer needed).")
    return notes


def audit_blanks_kept(where: str, given: dict[str, str], ret: AuditReturn) -> list[str]:
    """A note for each answer of an agency's return held that the row leaves blank, and so keeps
    (a blank never clears one), where the row answers something else; a row left wholly blank
    says nothing."""
    if not any(given.values()):
        return []
    notes = [_kept(where, column, f"the answer '{first_line(held, 60)}'")
             for column, held in (("good practice", ret.good_practice),
                                  ("areas for development", ret.areas_for_development))
             if not given[column] and held]
    if not given["grading"] and ret.grading:
        notes.append(_kept(where, "grading", f"the grading {Grading(ret.grading).label}"))
    return notes
