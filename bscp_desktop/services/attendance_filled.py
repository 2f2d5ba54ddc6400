"""What filling a meeting's register from the group's members did (`attendance.prefill_attendance`),
and the sentence the window and the command line say it in."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from bscp_desktop.domain.validation import and_list


@dataclass(frozen=True)
class RegisterFilled:
    """What filling a register from the members did: how many members it added, and the names
    of those it took off (expected, not members on the day, nothing recorded for them)."""

    day: date
    added: int = 0
    taken_off: tuple[str, ...] = ()
    #: "Name (Secretariat)": people on the register whose row now follows their seat that day
    corrected: tuple[str, ...] = ()
    deputies: tuple[str, ...] = ()  #: deputies who now never count (`deputies_not_counting`)
    no_members: bool = False  #: the group had no members (nor deputies) on the meeting date
    #: "Name (Brent Council)": people whose row now stands for the organisation their seat represents
    reorganised: tuple[str, ...] = ()
    #: (the group's name, the day it was archived) when that was on or before the meeting date
    group_archived: tuple[str, date] | None = None

    @property
    def sentence(self) -> str:
        """What the window says it did, such as 'Added 2 members of the group on 13/06/2024. Took
        1 person off the register who was not a member of the group on 13/06/2024 and had nothing
        recorded: Jane Smith.'"""
        when = f"{self.day:%d/%m/%Y}"
        said = [] if self.added or self.taken_off or self.corrected or self.reorganised else [
            f"{self.group_archived[0]} was archived on {self.group_archived[1]:%d/%m/%Y}, so no one is expected at a "
            "meeting on or after that day: restore it on the Memberships tab (Groups, Show archived) to fill this "
            "register." if self.group_archived else
            f"The group had no members on {when}: a member counts from the start date of their "
            "membership, so check the start dates on the Memberships tab." if self.no_members else
            "Everyone who was a member on the meeting date is already on the register."]
        if self.added:
            said.append(f"Added {self.added} member{'s' if self.added != 1 else ''} of the group on {when}.")
        if self.corrected:
            n = len(self.corrected)
            said.append(f"Gave {n} {'person' if n == 1 else 'people'} on the register the role of "
                        f"{'their seat' if n == 1 else 'their seats'} on the group on {when}: "
                        f"{and_list(_named(self.corrected))}.")
        if self.reorganised:
            n = len(self.reorganised)
            said.append(f"Gave {n} {'person' if n == 1 else 'people'} on the register the organisation "
                        f"{'their seat' if n == 1 else 'their seats'} represented on the group on {when}: "
                        f"{and_list(_named(self.reorganised))}.")
        if self.taken_off:
            n = len(self.taken_off)
            who = "person" if n == 1 else "people"
            were = "was not a member" if n == 1 else "were not members"
            said.append(f"Took {n} {who} off the register who {were} of the group on {when} and had nothing "
                        f"recorded: {and_list(_named(self.taken_off))}.")
        said += [f"The deputy recorded for {deputy}." for deputy in self.deputies]
        return " ".join(said)


_NAMED = 10  # the most people taken off or corrected on the register named one by one


def _named(names: Sequence[str]) -> list[str]:
    shown = list(names[:_NAMED])
    if len(names) > _NAMED:
        shown.append(f"{len(names) - _NAMED} more")
    return shown
