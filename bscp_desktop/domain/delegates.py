"""Who a training booking is for: the key a booking is found by again (its delegate's e-mail
address, or the name without one), the longest such key a record keeps, and the one rule by
which a row that names a delegate (an import, an evaluation) finds their booking on a session."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Protocol, TypeVar

from bscp_desktop.domain.memberships import name_key
from bscp_desktop.domain.validation import ValidationError

KEY_LONGEST = 260  # the longest key a booking or an evaluation keeps (the length of its column)


def delegate_key(name: str, email: str) -> str:
    """Who a booking is for, for matching a re-imported row: the e-mail address (any case),
    or the name when there is no address. Raises ValidationError (`key_problem`) for a name or
    address whose key is longer than a record keeps."""
    key = _key(name, email)
    if len(key) > KEY_LONGEST:
        raise ValidationError(key_problem(name, email))
    return key


def email_of_key(key: str) -> str:
    """The address a delegate key holds ('' for a key made from a name, or anonymous)."""
    return key.removeprefix("email:") if key.startswith("email:") else ""


def _key(name: str, email: str) -> str:
    email = " ".join(str(email or "").split()).casefold()
    if email:
        return f"email:{email}"
    return "name:" + " ".join(str(name or "").split()).casefold()


def key_problem(name: str, email: str, name_label: str = "Delegate's name", email_label: str = "Email") -> dict[str, str]:
    """Why a delegate cannot be matched again, by the field to shorten ({} when they can): a name
    (or address) within its own length can still be too long once compared in any case, as
    some letters then count as two or three ("ß" is compared as "ss")."""
    key = _key(name, email)
    if len(key) <= KEY_LONGEST:
        return {}
    field, label, what = ("email", email_label, "addresses") if key.startswith("email:") else ("delegate_name", name_label, "names")
    text = " ".join(str((email if field == "email" else name) or "").split())
    prefix = len(key.partition(":")[0]) + 1
    counted, room = len(key) - prefix, KEY_LONGEST - prefix
    wide = next((ch for ch in text if len(ch.casefold()) > 1), None)
    shown = text if len(text) <= 20 else text[:20] + "…"
    why = (f": letters such as '{wide}' count as {len(wide.casefold())} when {what} are compared, so it counts as "
           f"{counted:,} characters, and at most {room:,} can be matched" if wide else
           f" ({counted:,} characters; at most {room:,} can be matched)")
    return {field: f"{label} '{shown}' is too long to be matched with the delegate's other records{why}; shorten it"}


class NamedBooking(Protocol):
    delegate_key: str
    delegate_name: str
    email: str


class NamingRow(Protocol):
    name: str
    email: str


B = TypeVar("B", bound=NamedBooking)
R = TypeVar("R", bound=NamingRow)


def matching_booking(bookings: Iterable[B], name: str, email: str) -> B | None:
    """The booking, of one session's, that a delegate named on a row (an import, an evaluation)
    is: the same e-mail address, else the same name (`name_key`: any case, accents and spacing)
    where one of the two has no address and only one booking has that name."""
    bookings = list(bookings)
    key = delegate_key(name, email)
    found = next((b for b in bookings if b.delegate_key == key), None)
    if found is not None:
        return found
    wanted = name_key(name)  # as people's names are compared: "jose alvarez" is "José Álvarez"
    same = [b for b in bookings if wanted and name_key(b.delegate_name) == wanted
            and (not str(email or "").strip() or not b.email)]
    return same[0] if len(same) == 1 else None


def rows_sharing_a_booking(rows: Iterable[R], booking_of: Callable[[R], B | None]) -> list[tuple[R, R, B]]:
    """Rows, in the order given, naming two different delegates (by `delegate_key`) that match
    one booking (two of one name, and the booking has no address): each later row, with the
    first row that matched that booking and the booking."""
    first: dict[int, R] = {}
    shared = []
    for row in rows:
        booking = booking_of(row)
        if booking is None:
            continue
        earlier = first.setdefault(id(booking), row)
        if earlier is not row and delegate_key(earlier.name, earlier.email) != delegate_key(row.name, row.email):
            shared.append((earlier, row, booking))
    return shared
