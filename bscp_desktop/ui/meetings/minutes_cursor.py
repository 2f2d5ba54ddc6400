"""Where the cursor goes when someone else's save replaces the minutes on screen.

The officer's cursor stays at the same point of their own words: between the words that were
before it and those that were after it, wherever the other officer's words now put them. Qt
counts a cursor's position in UTF-16 units (an emoji is two), Python's strings in characters;
the positions given and returned here are Qt's.
"""

from __future__ import annotations

from difflib import SequenceMatcher


def _units(text: str) -> int:
    """The length of `text` as Qt counts it (UTF-16 units)."""
    return len(text.encode("utf-16-le")) // 2


def _index(text: str, units: int) -> int:
    """The character of `text` at Qt's position `units` (inside an emoji: the emoji's start)."""
    return len(text.encode("utf-16-le")[: 2 * max(units, 0)].decode("utf-16-le", errors="ignore"))


def kept_position(old: str, new: str, position: int) -> int:
    """Qt's cursor `position` in `old`, moved to the same point of the same words in `new`."""
    at = _index(old, position)
    same_start = 0
    for a, b in zip(old, new, strict=False):
        if a != b:
            break
        same_start += 1
    same_end, most = 0, min(len(old), len(new)) - same_start
    while same_end < most and old[-1 - same_end] == new[-1 - same_end]:
        same_end += 1
    if at <= same_start and (at > 0 or same_end < len(old)):  # the words before it are unchanged
        moved = at
    elif len(old) - at <= same_end:  # the words after it are unchanged
        moved = len(new) - (len(old) - at)
    else:  # both ends changed: find the words around it in what changed
        old_mid, new_mid = old[same_start:len(old) - same_end], new[same_start:len(new) - same_end]
        inside = at - same_start
        moved = same_start + len(new_mid)
        for tag, i1, i2, j1, j2 in SequenceMatcher(None, old_mid, new_mid, autojunk=False).get_opcodes():
            if tag == "equal" and i1 <= inside <= i2:
                moved = same_start + j1 + inside - i1
                break
            if i1 <= inside < i2:  # in words the other officer changed: at the end of theirs
                moved = same_start + j2
                break
    return _units(new[:moved])
