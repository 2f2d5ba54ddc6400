"""Shared setup for the meetings tests (no tests here): a small partnership with members."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from bscp_desktop.domain.meetings import MeetingStatus
from bscp_desktop.domain.memberships import OrganisationKind, Role
from bscp_desktop.services import meetings as mt
from bscp_desktop.services import memberships as ms


@dataclass
class World:
    council: ms.OrganisationDTO
    police: ms.OrganisationDTO
    icb: ms.OrganisationDTO
    school: ms.OrganisationDTO
    chair: ms.PersonDTO
    officer: ms.PersonDTO
    inspector: ms.PersonDTO
    sergeant: ms.PersonDTO
    nurse: ms.PersonDTO
    head: ms.PersonDTO
    forum: ms.GroupDTO
    executive: ms.GroupDTO


def build_world(db) -> World:
    org = lambda name, kind: ms.create_organisation(db, ms.OrganisationFields(name, kind))  # noqa: E731
    council = org("Brent Council", OrganisationKind.LOCAL_AUTHORITY)
    police = org("Metropolitan Police", OrganisationKind.POLICE)
    icb = org("NWL Integrated Care Board", OrganisationKind.ICB)
    school = org("Kilburn Park School", OrganisationKind.EDUCATION)
    person = lambda name, o: ms.create_person(db, ms.PersonFields(name, organisation_id=o.id))  # noqa: E731
    chair = person("Αλέξης Παπαδόπουλος", council)
    officer = person("Priya <Officer> & Co", council)
    inspector = person("Inspector Morse", police)
    sergeant = person("Sergeant Lewis", police)
    nurse = person("Nurse 王芳", icb)
    head = person("Dr Żaneta Kowalska", school)
    forum = ms.create_group(db, ms.GroupFields("Safeguarding Children Forum", 2))
    executive = ms.create_group(db, ms.GroupFields("Executive Group", 1))
    start = date(2022, 4, 1)
    for p, role, o in (
        (chair, Role.CHAIR, council),
        (officer, Role.SECRETARIAT, council),
        (inspector, Role.MEMBER, police),
        (nurse, Role.MEMBER, icb),
        (head, Role.MEMBER, school),
    ):
        ms.create_membership(db, ms.MembershipFields(p.id, forum.id, role, start, organisation_id=o.id))
    ms.create_membership(
        db, ms.MembershipFields(sergeant.id, forum.id, Role.DEPUTY, start, organisation_id=police.id,
                                deputy_for_id=inspector.id)
    )
    ms.create_membership(db, ms.MembershipFields(chair.id, executive.id, Role.CHAIR, start, organisation_id=council.id))
    return World(council, police, icb, school, chair, officer, inspector, sergeant, nurse, head, forum, executive)


def meeting(db, group, when: datetime, title: str = "Forum meeting", **kw) -> mt.MeetingDTO:
    return mt.create_meeting(db, mt.MeetingFields(group.id, title, when, kw.pop("ends_at", None), **kw))


def meeting_fields(m: mt.MeetingDTO, **changes) -> mt.MeetingFields:
    """The fields of the meeting `m` as the window would send them back, with `changes`."""
    base = mt.MeetingFields(m.group_id, m.title, m.starts_at, m.ends_at, m.kind, m.place, m.online_link, m.status)
    return mt.MeetingFields(**{**base.__dict__, **changes})


def minutes_with_a_confidential_item(db, world: World) -> tuple[mt.AgendaItemDTO, mt.AgendaItemDTO]:
    """A held Forum meeting whose item 1 is open and item 2 confidential, each with minutes and a
    decision naming Dr Vole and the LADO: (open item, confidential item)."""
    m = meeting(db, world.forum, datetime(2024, 3, 14, 10), status=MeetingStatus.HELD)
    public = mt.add_agenda_item(db, m.id, mt.AgendaItemFields("Vole project update"))
    secret = mt.add_agenda_item(db, m.id, mt.AgendaItemFields("Staffing matter", confidential=True))
    mt.save_item_minutes(db, public.id, "The Vole project reported on LADO training.")
    mt.save_item_minutes(db, secret.id, "Dr Harriet Vole suspended pending LADO referral.")
    mt.add_decision(db, secret.id, "Refer Dr Vole to the LADO")
    mt.add_decision(db, public.id, "Extend the Vole project")
    return public, secret
