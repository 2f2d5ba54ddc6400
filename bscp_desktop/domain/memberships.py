"""Memberships rules: organisation kinds, roles, terms of membership, agreements."""

from __future__ import annotations

import enum
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache, lru_cache

from bscp_desktop.domain.search import fold
from bscp_desktop.domain.validation import local_time, one_line, without_invisible


class OrganisationKind(enum.StrEnum):
    LOCAL_AUTHORITY = "local_authority"
    ICB = "icb"
    POLICE = "police"
    RELEVANT_AGENCY = "relevant_agency"
    EDUCATION = "education"
    VOLUNTARY = "voluntary"
    OTHER = "other"

    @property
    def label(self) -> str:
        return _KIND_LABELS[self]

    @property
    def is_statutory_partner(self) -> bool:
        return self in (OrganisationKind.LOCAL_AUTHORITY, OrganisationKind.ICB, OrganisationKind.POLICE)

    @classmethod
    def parse(cls, text: str) -> OrganisationKind:
        """Accepts the stored value, the label, the short label or a common spelling, any case
        ("Police", "statutory partner: police", "Integrated Care Board", "ICB", "School")."""
        key = _kind_key(str(text))
        for kind in cls:
            if key in _spellings(kind):
                return kind
        raise ValueError(
            f"'{text}' is not a kind of organisation; use one of: "
            + ", ".join(k.label for k in cls)
        )


def _kind_key(text: str) -> str:
    """A kind as compared: any case, "&" for "and", punctuation and extra spaces left out
    ("Statutory partner - Police" is "statutory partner police")."""
    text = text.strip().lower().replace("&", " and ")
    for mark in "_-:()/,.'’–—":
        text = text.replace(mark, " ")
    return " ".join(text.split())


@cache
def _spellings(kind: OrganisationKind) -> frozenset[str]:
    """Every way a kind is written that `parse` accepts, as `_kind_key` has them: a statutory
    partner's with "Statutory partner:" before them too ("Statutory partner: ICB")."""
    names = {_kind_key(t) for t in (kind.value, kind.label, *_SHORT_LABELS[kind])}
    if kind.is_statutory_partner:
        names |= {f"statutory partner {n}" for n in names if not n.startswith("statutory partner")}
    return frozenset(names)


_KIND_LABELS = {
    OrganisationKind.LOCAL_AUTHORITY: "Statutory partner: local authority",
    OrganisationKind.ICB: "Statutory partner: Integrated Care Board",
    OrganisationKind.POLICE: "Statutory partner: police",
    OrganisationKind.RELEVANT_AGENCY: "Relevant agency",
    OrganisationKind.EDUCATION: "Education",
    OrganisationKind.VOLUNTARY: "Voluntary and community",
    OrganisationKind.OTHER: "Other",
}
#: The short label of each kind (its label without "Statutory partner:") and common spellings.
_SHORT_LABELS: dict[OrganisationKind, tuple[str, ...]] = {
    OrganisationKind.LOCAL_AUTHORITY: ("local authority", "LA", "council", "local council"),
    OrganisationKind.ICB: ("Integrated Care Board", "ICB", "NHS ICB", "NHS Integrated Care Board",
                           "Integrated Care Board (ICB)"),
    OrganisationKind.POLICE: ("police", "police force", "police service"),
    OrganisationKind.RELEVANT_AGENCY: ("relevant agency", "relevant agencies"),
    OrganisationKind.EDUCATION: ("education", "school", "schools", "college", "academy",
                                 "education provider", "education setting", "schools and colleges"),
    OrganisationKind.VOLUNTARY: ("voluntary and community", "voluntary", "voluntary sector",
                                 "voluntary and community sector", "community and voluntary",
                                 "community and voluntary sector", "VCS", "VCSE", "third sector"),
    OrganisationKind.OTHER: ("other",),
}


class Role(enum.StrEnum):
    """A seat on a group. Working Together 2023 adds the lead safeguarding partners (the council
    and ICB chief executives and the chief officer of police), the delegated safeguarding
    partners they appoint, the partnership chair and the independent scrutineer. Lay members
    sit without an organisation but their attendance is still monitored. The secretariat and
    advisers support a group: they never count as attendance or toward quorum."""

    CHAIR = "chair"
    VICE_CHAIR = "vice_chair"
    PARTNERSHIP_CHAIR = "partnership_chair"
    INDEPENDENT_SCRUTINEER = "independent_scrutineer"
    LEAD_SAFEGUARDING_PARTNER = "lead_safeguarding_partner"
    DELEGATED_SAFEGUARDING_PARTNER = "delegated_safeguarding_partner"
    MEMBER = "member"
    DEPUTY = "deputy"
    LAY_MEMBER = "lay_member"
    ADVISER = "adviser"
    SECRETARIAT = "secretariat"

    @property
    def label(self) -> str:
        return self.value.replace("_", "-" if self is Role.VICE_CHAIR else " ").capitalize()

    @property
    def counts_for_attendance(self) -> bool:
        """Whether the seat counts in attendance rates and toward quorum."""
        return self not in NON_COUNTING_ROLES

    @property
    def has_organisation(self) -> bool:
        """A lay member represents no organisation."""
        return self is not Role.LAY_MEMBER


NON_COUNTING_ROLES = frozenset({Role.ADVISER, Role.SECRETARIAT})
GUEST_ROLE = "guest"  # a register row added by hand for a visitor: never counts


def role_counts(role: str | None, expected: bool = True) -> bool:
    """Whether a register row with this stored role counts as attendance and toward quorum:
    an expected member's seat, not the secretariat's, an adviser's or a guest's."""
    if not expected or not role or role == GUEST_ROLE:
        return False
    try:
        return Role(role).counts_for_attendance
    except ValueError:
        return True  # a role kept from elsewhere: counted, like a member


def deputy_role_problem(role: Role | None, deputy_for_id: int | None) -> str | None:
    """A deputy seat names the member it stands in for, and only a deputy seat does."""
    if role is Role.DEPUTY and deputy_for_id is None:
        return "Choose the member this deputy stands in for"
    if role is not None and role is not Role.DEPUTY and deputy_for_id is not None:
        return (f"Only a deputy stands in for someone, and this seat's role is {role.label}: choose Deputy as "
                "the role, or set Deputy for to (nobody)")
    return None


class Frequency(enum.StrEnum):
    MONTHLY = "monthly"
    EVERY_TWO_MONTHS = "every_two_months"
    QUARTERLY = "quarterly"
    SIX_MONTHLY = "six_monthly"
    YEARLY = "yearly"
    AS_NEEDED = "as_needed"

    @property
    def label(self) -> str:
        return {
            "monthly": "Monthly",
            "every_two_months": "Every two months",
            "quarterly": "Quarterly",
            "six_monthly": "Every six months",
            "yearly": "Yearly",
            "as_needed": "As needed",
        }[self.value]


@dataclass(frozen=True)
class Term:
    """A period from `start` to `end` inclusive; `end=None` means open-ended."""

    start: date
    end: date | None

    def covers(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)

    def overlaps(self, other: Term) -> bool:
        self_end = self.end or date.max
        other_end = other.end or date.max
        return self.start <= other_end and other.start <= self_end


def group_current_on(archived_at: datetime | None, on: date) -> bool:
    """Whether a group archived at `archived_at` (UTC, as the database keeps it; None: never)
    was still current on `on`. One archived on or before that day was not, and no seat on it is
    in force that day: the Memberships list "as on" it, the members report and the workbook's
    "In force today" alike leave its seats out (one archived later is listed)."""
    return archived_at is None or local_time(archived_at).date() > on


def seat_held(person_archived_at: datetime | None, on: date) -> bool:
    """Whether a seat in force on `on` (by its dates) was held that day by its person. An
    archived person held it up to the day they were archived and not after, whether its end
    date was set when they were archived or it was left open ("Archive only"): the register of
    a meeting they sat at is filled with them, whenever it is filled, and the Memberships list
    and the registers agree."""
    if person_archived_at is None:
        return True
    return on <= local_time(person_archived_at).date()


def archived_seat_end_problem(person_name: str, person_archived_at: datetime, end_date: date | None) -> str:
    """Why a seat of a person archived at `person_archived_at` cannot be given `end_date`: it
    would run past the day they were archived (or have no end), and they would be listed as a
    member on days no register or report counts them (`seat_held`); '' when it ends by then."""
    left = local_time(person_archived_at).date()
    if end_date is not None and end_date <= left:
        return ""
    why = (f"End date is required: {person_name} was archived on {left:%d/%m/%Y}" if end_date is None else
           f"End date ({end_date:%d/%m/%Y}) cannot be after {left:%d/%m/%Y}, the day {person_name} was archived")
    return (f"{why}, and an archived person's seat ends by the day they were archived; restore them first "
            "to keep them on the group longer")


def agreement_current(signed_on: date, review_due: date | None, on: date) -> bool:
    """A confidentiality agreement counts from signing until its review date (inclusive)."""
    return signed_on <= on and (review_due is None or on <= review_due)


# --------------------------------------------------------------------------- organisation names

_NAME_PUNCTUATION = str.maketrans({".": "", ",": " ", "\u2019": "'", "\u2018": "'", "&": " and "})


def name_key(text: str) -> str:
    """How organisation names and aliases (and people's names, when two may be the same
    person) are compared: case, accents, spacing, full stops, commas, curly apostrophes and '&'
    against 'and' do not matter ("St. Mary's  R.C. & Co" matches "st mary's rc and co",
    "Kilburn Café" matches "Kilburn Cafe"), as they do not in a search (`search.fold`); nor do
    the invisible characters that carry nothing in a name ("Brent Coun\u200bcil" matches "Brent
    Council", `validation.without_invisible`), which a search reads as a space."""
    return _name_key(str(text or ""))


@lru_cache(maxsize=1 << 16)  # an import compares each row's names several times, against every name on record
def _name_key(text: str) -> str:
    folded = unicodedata.normalize("NFKC", without_invisible(text)).translate(_NAME_PUNCTUATION)
    return " ".join(fold(folded).split())


def clean_aliases(aliases, own_name: str = "") -> list[str]:
    """Aliases as a name on one line is saved (`validation.one_line`), blank-free, without
    repeats (by `name_key`) or the organisation's own name; the first spelling is kept."""
    seen = {name_key(own_name)} if own_name else set()
    result: list[str] = []
    for alias in aliases or ():
        text = one_line(str(alias))
        key = name_key(text)
        if key and key not in seen:
            seen.add(key)
            result.append(text)
    return result
