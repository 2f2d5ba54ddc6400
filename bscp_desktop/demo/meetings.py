"""Demo meetings: the fourteen meetings of the 2022-24 yearly report's activity table
(7 November 2022 to 21 March 2024), with their key areas of focus as agenda items.

What comes from the report: the dates, the groups, the kind of meeting, and each key area of
focus (its words are the item's summary and minute). What is illustrative, and says so: times
(10:00 to 12:00), the attendance registers (the report does not say who attended), the
approval of minutes at each group's next meeting, and the handful of actions, whose
descriptions start "(Illustrative)". Runs after `demo.memberships` and finds groups, people and
organisations by name; a meeting whose group is missing is left out.
"""

from __future__ import annotations

from datetime import date, datetime, time

from bscp_desktop.domain.actions import ActionStatus
from bscp_desktop.domain.meetings import AttendanceStatus, MeetingKind, MeetingStatus
from bscp_desktop.domain.memberships import Role
from bscp_desktop.services import actions as al
from bscp_desktop.services import attendance as at
from bscp_desktop.services import meetings as mt
from bscp_desktop.services import memberships as ms

EXECUTIVE = "Executive Group"
FORUM = "Safeguarding Children Forum"
CASE_REVIEW = "Case Review Group"
AUDIT = "Multi-agency Audit Group"

SOURCE = "Source: Brent Safeguarding Children Partnership yearly report 2022-24, partnership activity table."
ILLUSTRATIVE = (
    "Times, attendance and the approval of these minutes are illustrative: the report gives the date, "
    "the meeting and its key areas of focus."
)
START, END = time(10, 0), time(12, 0)

# (title of the item, the report's words: summary and minute, confidential)
Item = tuple[str, str, bool]

PARTNER_UPDATES = (
    "1. Brent CYP - Annual evaluation meeting from Ofsted had been successful\n"
    "2. Police - Highlighted an uplift across staff bands. However, it was proving slower to recruit to "
    "Police Conference Liaison Officers.\n"
    "3. NWL ICB - are currently going through a consultation but that this would not impact on safeguarding "
    "arrangements.\n"
    "4. Central London Community Healthcare NHS Trust - Roll out of 'Its ok to cry' ICON Training.\n"
    "5. Education - DSLs are seeing an increase in referrals of sexualised behaviour.\n"
    "6. London North West University Healthcare NHS Trust - asked the Forum to consider how partners were "
    "supporting children from Muslim and Jewish communities in response to the on-going conflict in Gaza and "
    "Israel."
)

# date, group, title, kind, items
MEETINGS: list[tuple[date, str, str, MeetingKind, list[Item]]] = [
    (date(2022, 11, 7), EXECUTIVE, "Executive Group meeting", MeetingKind.ORDINARY, [
        ("Annual report to the Community Wellbeing and Scrutiny Committee",
         "Preparation for the sign off on the annual report to the Community Wellbeing and Scrutiny Committee. "
         "Focus on lines of enquiry around multiagency training and implementation of learning from Rapid Reviews.",
         False),
        ("Panel briefing: multi-agency safeguarding and domestic abuse",
         "Discussion around Child Safeguarding Practice Review Panel Briefing September 2022 – Multi-agency "
         "safeguarding and domestic abuse. The Safeguarding Children Forum to have a dedicated a focus on domestic "
         "abuse to assure themselves around how partners responded to domestic abuse.", False),
        ("Safeguarding Forum update", "Safeguarding Forum update – consideration of recent Rapid Review", False),
    ]),
    (date(2022, 12, 1), FORUM, "Safeguarding Children Forum meeting", MeetingKind.ORDINARY, [
        ("Cost-of-living crisis and safeguarding",
         "Discussion on the impact of the cost-of-living crisis on safeguarding children and young people.", False),
        ("Draft Community Safety Strategy",
         "Discussion regarding Safeguarding Children and the Draft Community Safety Strategy.", False),
    ]),
    (date(2022, 12, 6), CASE_REVIEW, "Case Review Group meeting", MeetingKind.ORDINARY, [
        ("Case learning discussion",
         "Case learning discussion regarding multi-agency response to a suspected sexual abuse case of a young child.",
         True),
        ("Other boroughs' cases involving Brent",
         "Two other borough cases involving Brent discussed. One other borough’s final report to be signed off "
         "December 2022 and planned to be published early 2023.", True),
        ("Learning from the death of a child and housing disrepair",
         "Local safeguarding partnership response to learning from death of a child and links to housing disrepair "
         "cases.", False),
    ]),
    (date(2023, 3, 2), FORUM, "Safeguarding Children Forum meeting", MeetingKind.ORDINARY, [
        ("Damp and mould in homes",
         "Brent response to concerns of damp and mould in homes, health highlighted that they have seen families "
         "being moved quicker as a result of damp and mould in the home.", False),
        ("Serious Violence Duty",
         "Presentation on implications of the Serious Violence Duty for Safeguarding Partners.", False),
        ("Ofsted inspection of children's services",
         "The Forum received an update on the full Ofsted inspection of local authority services for children in "
         "Brent that took place from 13 February to 24 February 2023. Initial verbal judgement was positive.", False),
        ("Rapid Review update",
         "The Forum were also updated on a recent Rapid Review for a teenager who had attempted suicide. Over forty "
         "practitioners attended. The Convener highlighted that this was one of several cases involving attempted "
         "suicide in different London boroughs, and observed it was an increasing issue.", False),
    ]),
    (date(2023, 3, 9), CASE_REVIEW, "Case Review Group meeting", MeetingKind.ORDINARY, [
        ("Case audit learning outcomes",
         "Head of Safeguarding and Quality Assurance presented on case audit learning outcomes.", False),
        ("Learning from a recent Rapid Review", "Update on learning from a recent Rapid Review", True),
        ("Convener and Business Manager roles", "Update on changes to the Convener and Business Manager Roles", False),
    ]),
    (date(2023, 4, 20), AUDIT, "Multi-agency Audit Group meeting", MeetingKind.ORDINARY, [
        ("Joint Targeted Area Inspections",
         "Joint Targeted Area Inspections discussed looking at partner experience feedback from recent neighbouring "
         "borough’s JTAI", False),
        ("Current and upcoming audit themes", "Exploration of current and upcoming themes.", False),
        ("Learning logs from the February 2023 audit",
         "Review of Multiagency Learning Logs from February 2023 Audit.", False),
    ]),
    (date(2023, 5, 17), EXECUTIVE, "Executive Group meeting", MeetingKind.ORDINARY, [
        ("Changes to partnership roles",
         "Key changes to partnership roles discussed; Independent Chair and Strategic Partnerships Manager.", False),
        ("National Review: children with complex health needs and disabilities",
         "Discussion around the National Review - Safeguarding Children with complex health needs and disabilities "
         "placed in residential settings.", False),
        ("Police response to the Baroness Casey Review",
         "Discussion on the Police response to the Baroness Casey Review.", False),
    ]),
    (date(2023, 7, 26), EXECUTIVE, "Executive Group meeting", MeetingKind.ORDINARY, [
        ("Independent Chair and Scrutineer recruitment",
         "Update on key partnership roles - Independent Chair/Scrutineer recruitment.", False),
        ("Partnership achievements",
         "Outgoing Independent Convener highlighted Brent Safeguarding Children Partnership Achievements.", False),
        ("Budget contributions 2023/24", "Confirmation of partnership budget contributions 2023-24", False),
        ("Working Together 2023 consultation",
         "Discussion on DfE Consultation on Statutory Guidance - Working Together to Safeguard Children 2023.", False),
        ("CHSCP Child Q update report", "Discussion on the publication of CHSCP Child Q update report.", False),
    ]),
    (date(2023, 12, 8), EXECUTIVE, "Executive Group meeting", MeetingKind.ORDINARY, [
        ("Partnership arrangements and Working Together 2023",
         "Discussion regarding the current partnership arrangements in line with the predicted Working Together 2023 "
         "publication.", False),
        ("Learning from a recent Brent Rapid Review",
         "Discussion on consolidation of learning from recent Brent Rapid Review.", False),
        ("HMICFRS child exploitation inspection",
         "Police shared HMICFRS Child Exploitation which was embargoed. Child exploitation and missing persons are to "
         "remain an on-going agenda item while improvements were made.", True),
    ]),
    (date(2023, 12, 14), FORUM, "Safeguarding Children Forum meeting", MeetingKind.ORDINARY, [
        ("Partnership arrangements and Working Together 2023",
         "Discussion and Review of partnership arrangements in line with the Working Together 2023 proposals", False),
        ("Right Care, Right Person", "Presentation from Police on 'Right Care , Right Person'", False),
        ("Changes to Brent Child Protection Conferences",
         "Presentation on changes to Brent Child Protection Conferences", False),
        ("Updates from partners", "Updates from partners", False),
    ]),
    (date(2024, 2, 1), EXECUTIVE, "Interim Workshop of the Executive Group", MeetingKind.WORKSHOP, [
        ("Working Together 2023: initial feedback and compliance",
         "Independent Chair/Scrutineer presented a report on initial feedback on Working Together 2023 , current "
         "Brent Multiagency Safeguarding Arrangements and ensuring compliance by December 2024.", False),
        ("Areas for development",
         "Areas for development including the voice of children, young people and families and lay membership and "
         "the wider voluntary and community sector.", False),
        ("Section 11 audits and the Safeguarding Adults Board",
         "Discussion on Section 11 Audits, and engagement with the Safeguarding Adults Board.", False),
    ]),
    (date(2024, 2, 22), CASE_REVIEW, "Case Review Group meeting", MeetingKind.ORDINARY, [
        ("Last Rapid Review and outstanding action", "Update on last Rapid Review and outstanding action.", True),
        ("Cases of concern: abusive head trauma",
         "Cases of concern - recent serious incidents raised a possible thematic issue around Abusive Head Trauma in "
         "children under the age of one.", True),
        ("ICON training", "Presentation from Health on ICON training", False),
        ("Child Death Overview update", "Update from Child Death Overview Meeting", False),
        ("Learning and Development update", "Learning and Development update", False),
    ]),
    (date(2024, 3, 14), FORUM, "Safeguarding Children Forum meeting", MeetingKind.ORDINARY, [
        ("Working Together 2023 update", "Working Together 2023 update.", False),
        ("DSL conference", "Presentation from CYP on DSL conference", False),
        ("Perinatal services and carers' mental health",
         "Presentation from Perinatal Services and engagement with wider partners around mental health of carers",
         False),
        ("Learning and Development update", "Learning and Development update", False),
    ]),
    (date(2024, 3, 21), EXECUTIVE, "Executive Group meeting", MeetingKind.ORDINARY, [
        ("Working Together 2023 update", "Working Together 2023 update", False),
        ("A joint executive group with the Safeguarding Adults Board",
         "Proposals for a possible joint executive group for Safeguarding Children’s Partnership and Safeguarding "
         "Adults Board", False),
        ("Quality assurance: Section 11 audit and Health Check Tool kit",
         "Discussion on quality assurance - Section 11 Audit and Health Check Tool kit", False),
        ("Draft annual report", "Initial feedback on the draft Annual Report", False),
        ("HMICFRS update", "HMICFRS update", False),
    ]),
]

# Decisions the report records (meeting date, item title, decision), each with the owner, due
# date and evidence of impact every decision needs (illustrative: the report names none):
# (owner person name, owner organisation name, due, evidence)
DECISIONS = [
    (date(2022, 11, 7), "Panel briefing: multi-agency safeguarding and domestic abuse",
     "The Safeguarding Children Forum to have a dedicated focus on domestic abuse, to assure itself of how partners "
     "respond to domestic abuse.",
     ("Independent Convener (until 2023)", None, date(2023, 3, 2),
      "(Illustrative) The Forum held a session on domestic abuse on 2 March 2023.")),
    (date(2023, 7, 26), "Budget contributions 2023/24", "Partnership budget contributions for 2023/24 confirmed.",
     (None, "Brent Council", date(2023, 9, 30),
      "(Illustrative) Every partner's contribution for 2023/24 was invoiced by September 2023.")),
    (date(2023, 12, 8), "HMICFRS child exploitation inspection",
     "Child exploitation and missing persons to remain an on-going agenda item while improvements are made.",
     ("Strategic Partnerships Manager (Brent Council)", None, date(2024, 12, 31),
      "(Illustrative) Child exploitation and missing persons was on the agenda of each Executive Group meeting "
      "in 2024.")),
]

# (meeting date, item title, description, owner person name, owner organisation name, due, status, completed)
ACTIONS = [
    (date(2022, 11, 7), "Panel briefing: multi-agency safeguarding and domestic abuse",
     "(Illustrative) Plan a Safeguarding Children Forum session on how partners respond to domestic abuse.",
     "Independent Convener (until 2023)", None, date(2023, 3, 2), ActionStatus.DONE, date(2023, 3, 2),
     "(Illustrative) The Forum's session on domestic abuse was held on 2 March 2023."),
    (date(2023, 3, 2), "Damp and mould in homes",
     "(Illustrative) Report back to the Forum on families moved because of damp and mould.",
     None, "Brent Council", date(2023, 6, 30), ActionStatus.DONE, date(2023, 6, 28),
     "(Illustrative) Reported to the Forum; families' housing moves were followed up by their social workers."),
    (date(2023, 12, 8), "HMICFRS child exploitation inspection",
     "(Illustrative) Bring progress on child exploitation and missing persons to each Executive Group meeting.",
     None, "Metropolitan Police (North West BCU)", date(2024, 6, 30), ActionStatus.IN_PROGRESS, None, ""),
    (date(2024, 2, 22), "Cases of concern: abusive head trauma",
     "(Illustrative) Scope a thematic review of abusive head trauma in children under one.",
     None, "NHS North West London ICB", date(2024, 5, 31), ActionStatus.OPEN, None, ""),
    (date(2024, 3, 14), "Learning and Development update",
     "(Illustrative) Partners to promote the 2024/25 multi-agency training programme to their staff.",
     "Strategic Partnerships Learning and Development Officer (Brent Council)", None, date(2024, 6, 30),
     ActionStatus.OPEN, None, ""),
    (date(2024, 3, 21), "Draft annual report",
     "(Illustrative) Send comments on the draft annual report to the Strategic Partnerships Team.",
     "Strategic Partnerships Manager (Brent Council)", None, date(2024, 4, 30), ActionStatus.OPEN, None, ""),
]


# Illustrative deputies: (meeting date, group) -> (organisation of the member, who deputised)
DEPUTIES = {
    (date(2024, 3, 14), FORUM): ("Metropolitan Police (North West BCU)", "Detective Sergeant, Public Protection (illustrative)"),
    (date(2023, 12, 8), EXECUTIVE): ("NHS North West London ICB", "Deputy Director of Nursing (illustrative)"),
}


# Illustrative: every member from one organisation sent apologies, while the team that
# supports the group (the secretariat, employed by the same council) was there: the
# organisation did not attend. (meeting date, group) -> organisation
ALL_APOLOGIES = {
    (date(2024, 2, 22), CASE_REVIEW): "Brent Council",
}


def _status(meeting_no: int, person_no: int, role: Role) -> AttendanceStatus:
    """An illustrative, repeatable pattern: mostly present, some apologies, a few absences."""
    if role in (Role.CHAIR, Role.SECRETARIAT):
        return AttendanceStatus.PRESENT
    pick = (meeting_no * 7 + person_no * 3) % 13
    if pick == 0:
        return AttendanceStatus.ABSENT
    if pick in (1, 5):
        return AttendanceStatus.APOLOGIES
    return AttendanceStatus.PRESENT


def load(db) -> None:
    groups = {g.name: g.id for g in ms.list_groups(db)}
    people = {p.name: p.id for p in ms.list_people(db)}
    orgs = {o.name: o.id for o in ms.list_organisations(db)}
    made: dict[date, int] = {}
    items: dict[tuple[date, str], int] = {}
    by_group: dict[str, list[int]] = {}
    for number, (day, group, title, kind, entries) in enumerate(MEETINGS):
        group_id = groups.get(group)
        if group_id is None:
            continue
        meeting = mt.create_meeting(
            db,
            mt.MeetingFields(
                group_id, title, datetime.combine(day, START), datetime.combine(day, END), kind,
                status=MeetingStatus.HELD, notes=f"{SOURCE}\n{ILLUSTRATIVE}",
            ),
            standing_items=True,
        )
        made[day] = meeting.id
        by_group.setdefault(group, []).append(meeting.id)
        before_aob = len(mt.list_agenda(db, meeting.id))  # any other business stays last
        for title_, words, confidential in entries:
            item = mt.add_agenda_item(
                db, meeting.id,
                mt.AgendaItemFields(title_, confidential=confidential, key_focus=True, key_focus_summary=words),
                position=before_aob,
            )
            before_aob += 1
            items[(day, title_)] = item.id
            mt.save_item_minutes(db, item.id, PARTNER_UPDATES if title_ == "Updates from partners" else words)
        # attendance: the group's members on the day, marked to an illustrative pattern
        at.prefill_attendance(db, meeting.id)
        register = at.list_attendance(db, meeting.id)
        marks: dict[AttendanceStatus, list[int]] = {}
        sent_apologies = ALL_APOLOGIES.get((day, group))
        for person_no, row in enumerate(register):
            role = Role(row.role) if row.role in Role._value2member_map_ else Role.MEMBER
            status = _status(number, person_no, role)
            if row.organisation_name == sent_apologies and role.counts_for_attendance:
                status = AttendanceStatus.APOLOGIES
            marks.setdefault(status, []).append(row.id)
        for status, ids in marks.items():
            at.set_attendance(db, ids, status)
        if (day, group) in DEPUTIES:
            organisation, deputy = DEPUTIES[(day, group)]
            row = next((r for r in register if r.organisation_name == organisation and r.expected), None)
            if row is not None:
                at.set_attendance(db, [row.id], AttendanceStatus.DEPUTY, deputy_name=deputy)
        chair = next((r.person_id for r in register if r.role == Role.CHAIR.value), None)
        taker = next((r.person_id for r in register if r.role == Role.SECRETARIAT.value), None)
        if chair or taker:
            m = mt.get_meeting(db, meeting.id)
            mt.update_meeting(
                db, m.id,
                mt.MeetingFields(m.group_id, m.title, m.starts_at, m.ends_at, m.kind, m.place, m.online_link,
                                 m.status, chair, taker, m.notes, key_focus=m.key_focus),
            )

    for day, item_title, text, (person, org, due, evidence) in DECISIONS:
        if (day, item_title) in items:
            mt.add_decision(
                db, items[(day, item_title)],
                mt.DecisionFields(text, people.get(person) if person else None, orgs.get(org) if org else None,
                                  due, evidence),
            )
    for day, item_title, text, person, org, due, status, completed, evidence in ACTIONS:
        if (day, item_title) not in items:
            continue
        action = mt.add_item_action(
            db, items[(day, item_title)],
            al.ActionFields(text, people.get(person) if person else None, orgs.get(org) if org else None, due),
        )
        if status is not ActionStatus.OPEN:
            al.update_action(
                db, action.id,
                al.ActionFields(text, action.owner_person_id, action.owner_organisation_id, due, status, completed,
                                evidence),
            )

    # Illustrative: each meeting's minutes approved at the group's next meeting; the last one circulated.
    for ids in by_group.values():
        for earlier, later in zip(ids, ids[1:], strict=False):
            mt.approve_minutes(db, earlier, later)
        mt.circulate_minutes(db, ids[-1], mt.get_meeting(db, ids[-1]).date)
