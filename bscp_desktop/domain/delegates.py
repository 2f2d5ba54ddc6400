"""Who a training booking is for: the key a booking is found by again (its delegate's e-mail
address, or the name without one), and the one rule by which a row that names a delegate (an
import, an evaluation) finds their booking on a session."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Protocol, TypeVar

from bscp_desktop.domain.memberships import name_key


def delegate_key(name: str, email: str) -> str:
    """Who a booking is for, for matching a re-imported row: the e-mail address (any case),
    or the name when there is no address."""
    email = " ".join(str(email or "").split()).casefold()
    if email:
        return f"email:{email}"
    return "name:" + " ".join(str(name or "").split()).casefold()


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
