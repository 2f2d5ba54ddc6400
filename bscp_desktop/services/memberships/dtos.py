"""What the memberships services take and give: input fields and frozen DTOs."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from bscp_desktop.domain.meetings import QuorumRule
from bscp_desktop.domain.memberships import Frequency, OrganisationKind, Role, Term, agreement_current
from bscp_desktop.domain.validation import local_time
from bscp_desktop.services.common import ArchivedAt, CommandFields, Versioned

# ---------------------------------------------------------------- DTOs

#: An agreement replaced by a newer one of the same person: not a gap to follow up.
AGREEMENT_RENEWED = "Renewed"
#: An agreement of a person archived since (they have left): nothing to renew or follow up.
AGREEMENT_PERSON_ARCHIVED = "Not needed: person archived"
#: An agreement of a person whose seats on the groups whose members sign one have all ended:
#: nothing to renew while they sit on none.
AGREEMENT_SEATS_ENDED = "Not needed: no longer on a group that needs one"


def seat_last_day(end_date: date | None, group_archived_at: datetime | None) -> date:
    """The last day a seat runs: its End date, or the day before its group was archived if that
    came first (a group archived has no seat in force from that day, `group_current_on`);
    `date.max` while neither."""
    archived = date.max if group_archived_at is None else local_time(group_archived_at).date()
    gone = archived - timedelta(days=1) if archived > date.min else date.min  # a far date a file may hold
    return min(end_date or date.max, gone)


def agreement_needed_until(needs_agreement: bool, end_date: date | None, group_archived_at: datetime | None) -> date:
    """The last day a seat asks its person for a current confidentiality agreement: its last day
    (`seat_last_day`) while its group's "Members must sign a confidentiality agreement" box is
    ticked; `date.min` (never) once it is not, whatever the seat's dates. The one rule of who needs
    an agreement: the Memberships list and sheet judge a seat's agreement on this day once it has
    passed (`MembershipDTO.has_current_agreement`), and the agreements list and sheet read a
    person's need from the latest of their seats' (`AgreementDTO.seats_end`)."""
    return seat_last_day(end_date, group_archived_at) if needs_agreement else date.min


@dataclass(frozen=True)
class OrganisationDTO(ArchivedAt, Versioned):
    id: int
    name: str
    short_name: str
    kind: OrganisationKind
    parent_id: int | None = None
    parent_name: str = ""
    aliases: tuple[str, ...] = ()

    @property
    def display_name(self) -> str:
        return self.name

    @property
    def aliases_text(self) -> str:
        return "; ".join(self.aliases)


@dataclass(frozen=True)
class PersonDTO(ArchivedAt, Versioned):
    id: int
    name: str
    job_title: str
    organisation_id: int | None
    organisation_name: str
    email: str
    phone: str
    notes: str


@dataclass(frozen=True)
class GroupDTO(ArchivedAt, Versioned):
    id: int
    name: str
    tier: int
    parent_id: int | None
    parent_name: str
    needs_agreement: bool
    frequency: Frequency | None
    purpose: str
    quorum: int | None = None  # members needed, for a head-count quorum
    quorum_rule: QuorumRule = QuorumRule.HEAD_COUNT


@dataclass(frozen=True)
class MembershipDTO(ArchivedAt, Versioned):
    id: int
    person_id: int
    person_name: str
    group_id: int
    group_name: str
    role: Role
    organisation_id: int | None
    organisation_name: str
    deputy_for_id: int | None
    deputy_for_name: str
    start_date: date
    end_date: date | None
    notes: str
    #: whether the group's members sign a confidentiality agreement (its box, as it is now)
    needs_agreement: bool = False
    #: whether the person had a current agreement on the day the seat is judged on: the day
    #: asked about, or the seat's last day if that came first (`agreement_needed_until`)
    has_current_agreement: bool = True

    @property
    def name(self) -> str:
        return f"{self.person_name}'s membership of the {self.group_name}"

    @property
    def term(self) -> Term:
        return Term(self.start_date, self.end_date)

    @property
    def missing_agreement(self) -> bool:
        return self.needs_agreement and not self.has_current_agreement


@dataclass(frozen=True)
class AgreementDTO(ArchivedAt):
    id: int
    person_id: int
    person_name: str
    signed_on: date
    review_due: date | None
    notes: str
    #: when the person signed a newer agreement (the next one on record, not archived); None
    #: while this is their latest
    renewed_on: date | None = None
    #: when the person who signed it was archived (they have left); None while they are current
    person_archived_at: datetime | None = None
    #: the last day one of the person's seats (not archived, seats to come included) asks for an
    #: agreement (`agreement_needed_until`): `date.max` while one on a group whose members sign
    #: one has no end, `date.min` when every seat is on a group whose members sign none; None
    #: when they have no seat on record, so nothing says they have left
    seats_end: date | None = None

    @property
    def name(self) -> str:
        return f"{self.person_name}'s agreement signed on {self.signed_on:%d/%m/%Y}"

    def current_on(self, day: date) -> bool:
        return not self.archived and agreement_current(self.signed_on, self.review_due, day)

    def renewed_by(self, day: date) -> bool:
        """Whether a newer agreement of the same person was signed by `day`: this one is then
        replaced, whatever its own review date says."""
        return self.renewed_on is not None and self.renewed_on <= day

    def person_left_by(self, day: date) -> bool:
        """Whether the person who signed it had been archived by `day` (the day they were
        archived included): an agreement of someone who has left needs no renewal."""
        return self.person_archived_at is not None and local_time(self.person_archived_at).date() <= day

    def seats_ended_by(self, day: date) -> bool:
        """Whether no seat of the person asks for an agreement on `day` or later (every seat on a
        group whose members sign one ended before it, the group archived by then, or the group's
        box unticked): they no longer sit where one is needed."""
        return self.seats_end is not None and self.seats_end < day

    def needed_on(self, day: date) -> bool:
        """Whether the person needs a current agreement on `day`: not archived by then, and
        sitting that day or later where one is needed (or with no seat on record at all)."""
        return not self.person_left_by(day) and not self.seats_ended_by(day)

    def standing_on(self, day: date) -> str:
        """Where the agreement stands on `day`, as the agreements list and workbook say it:
        "Yes" (current), "Renewed" (replaced by a newer one), "Not needed: person archived" (its
        person has left), "Not needed: no longer on a group that needs one" (their seats on
        such groups have ended), or "No: ..." with the reason."""
        if self.renewed_by(day):
            return AGREEMENT_RENEWED
        if self.current_on(day):
            return "Yes"
        if not self.needed_on(day):
            return AGREEMENT_PERSON_ARCHIVED if self.person_left_by(day) else AGREEMENT_SEATS_ENDED
        if self.archived:
            return "No: archived"
        if day < self.signed_on:
            return "No: not signed yet"
        return "No: review overdue"

    def needs_attention_on(self, day: date) -> bool:
        """True when the person, still current and still sitting on a group whose members sign
        one, has no current agreement from this one and no newer one."""
        return self.standing_on(day).startswith("No:")  # not "Not needed: ..."


# ---------------------------------------------------------------- inputs


@dataclass(frozen=True)
class OrganisationFields(CommandFields):
    name: str
    kind: OrganisationKind | str
    short_name: str = ""
    parent_id: int | None = None  # the organisation this one is part of
    aliases: tuple[str, ...] = ()  # other names it goes by (imports match them too)


@dataclass(frozen=True)
class PersonFields(CommandFields):
    name: str
    job_title: str = ""
    organisation_id: int | None = None
    email: str = ""
    phone: str = ""
    notes: str = ""


@dataclass(frozen=True)
class GroupFields(CommandFields):
    name: str
    tier: int = 3
    parent_id: int | None = None
    needs_agreement: bool = False
    frequency: Frequency | str | None = None
    purpose: str = ""
    # The quorum: None leaves it as it is (a new executive, tier 1, group starts with each of the
    # three safeguarding partners represented, any other with a head count); 0 members: no number.
    quorum_rule: QuorumRule | str | None = None
    quorum: int | None = None


@dataclass(frozen=True)
class MembershipFields(CommandFields):
    person_id: int | None
    group_id: int | None
    role: Role | str
    start_date: date | None
    end_date: date | None = None
    organisation_id: int | None = None
    deputy_for_id: int | None = None
    notes: str = ""


@dataclass(frozen=True)
class AgreementFields(CommandFields):
    person_id: int | None
    signed_on: date | None
    review_due: date | None = None
    notes: str = ""


