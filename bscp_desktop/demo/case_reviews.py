"""Illustrative case reviews consistent with the partnership's 2022-24 yearly report.

The report mentions a rapid review after a teenager's attempted suicide (Safeguarding Forum,
2 March 2023; Case Review Group, 9 March 2023), a case learning discussion about a suspected
sexual abuse case of a young child (Case Review Group, 6 December 2022), consolidation of the
learning from a recent rapid review (Executive Group, 8 December 2023) and a possible thematic
issue of abusive head trauma in children under one, with the ICON programme as the health
response (Case Review Group, 22 February 2024). It also says no money was spent on child
safeguarding practice reviews, so no case here became an LCSPR, and it lists a course on
safeguarding practice reviews as still in development for 2024-25. Nothing here says more than
the report does: the abusive head trauma theme is "possible", not a review agreed.

A case is closed only once every action of its recommendations is done or dropped (the program
refuses to close one sooner): Child A's case closed when its briefing was done; the cases of
Child B and Child C stay open while their last actions (the training programme, the borough
launch of ICON, outstanding at the Case Review Group of 22 February 2024) run on.

Every case is an invented illustration: aliases only, dates made up to fit the meetings above,
and each record says so in its summary.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from bscp_desktop.domain.actions import ActionStatus
from bscp_desktop.domain.case_reviews import AgeBand, Decision, Harm, IncidentType, Outcome, PanelView, Sex
from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.services import actions as action_log
from bscp_desktop.services import case_reviews as cr
from bscp_desktop.services import memberships as ms

ILLUSTRATIVE = (
    "ILLUSTRATIVE RECORD for the demo database: not a real case. It is made up to match themes "
    "in the Brent Safeguarding Children Partnership yearly report 2022-24."
)

BRENT = "Brent Council"
ICB = "NHS North West London ICB"
POLICE = "Metropolitan Police (North West BCU)"
CLCH = "Central London Community Healthcare NHS Trust"
CNWL = "Central North West London Mental Health Foundation NHS Trust"
LNWUHT = "London North West University Healthcare NHS Trust"
LAS = "London Ambulance Service"

# (fields, [(recommendation, lead, [(action, owner, due, status, completed, evidence)])])
CASES: list[tuple[dict, list[tuple[str, str, list[tuple]]]]] = [
    (
        {
            "alias": "Child A",
            "incident_type": IncidentType.SERIOUS_HARM,
            "harm": Harm.ABUSE,
            "sex": Sex.NOT_KNOWN,
            "outcome": Outcome.NOTIFIED,
            "crg_recommendation": Decision.NO_LCSPR,
            "panel_view": PanelView.AGREES,
            "age_band": AgeBand.AGE_1_TO_4,
            "themes": ("Sexual abuse", "Voice of the child"),
            "agencies": (BRENT, POLICE, CLCH, LNWUHT),
            "incident_date": date(2022, 11, 10),
            "became_aware": date(2022, 11, 14),
            "considered_on": date(2022, 11, 18),
            "notification_sent": date(2022, 11, 18),
            "partners_told": date(2022, 11, 18),
            "rapid_review_meeting": date(2022, 12, 1),
            "rapid_review_sent": date(2022, 12, 8),
            "panel_response": date(2023, 1, 12),
            "decision": Decision.NO_LCSPR,
            "decision_date": date(2022, 12, 6),
            "closed": date(2023, 3, 9),
            "summary": "Suspected sexual abuse of a young child (Child A). The Case Review Group held "
            "a case learning discussion on the multi-agency response on 6 December 2022.",
        },
        [
            (
                "Partners to check that practitioners know how to share concerns about possible "
                "sexual abuse of pre-verbal children promptly with children's social care.",
                BRENT,
                [
                    ("Practice briefing on recognising and referring concerns of sexual abuse in young "
                     "children", BRENT, date(2023, 3, 31), ActionStatus.DONE, date(2023, 3, 9),
                     "Briefing circulated to all partners and discussed at the Case Review Group on 9 March 2023."),
                ],
            ),
        ],
    ),
    (
        {
            "alias": "Child B",
            "incident_type": IncidentType.SERIOUS_HARM,
            "harm": Harm.OTHER,
            "sex": Sex.NOT_KNOWN,
            "outcome": Outcome.NOTIFIED,
            "crg_recommendation": Decision.OTHER_LEARNING_REVIEW,
            "panel_view": PanelView.AGREES,
            "age_band": AgeBand.AGE_14_TO_15,
            "themes": ("Suicide and self-harm", "Voice of the child"),
            "agencies": (BRENT, ICB, POLICE, CNWL, LAS, LNWUHT),
            "incident_date": date(2023, 1, 9),
            "became_aware": date(2023, 1, 10),
            "considered_on": date(2023, 1, 13),
            "notification_sent": date(2023, 1, 13),
            "partners_told": date(2023, 1, 13),
            "rapid_review_meeting": date(2023, 1, 26),
            "rapid_review_sent": date(2023, 2, 2),
            "panel_response": date(2023, 3, 1),
            "decision": Decision.OTHER_LEARNING_REVIEW,
            "decision_date": date(2023, 2, 2),
            "summary": "A teenager (Child B) attempted suicide. The Safeguarding Forum heard on 2 March "
            "2023 that this was one of several such cases across London boroughs; over forty "
            "practitioners attended the learning event.",
        },
        [
            (
                "Rapid reviews to include the agencies that can best represent the voice of the child, "
                "such as the child's school.",
                BRENT,
                [
                    ("Invite the school's designated safeguarding lead to every rapid review about a "
                     "child of school age", BRENT, date(2023, 6, 30), ActionStatus.DONE, date(2023, 6, 12),
                     "Schools took part in the rapid reviews held since June 2023."),
                ],
            ),
            (
                "Share the learning about attempted suicide among teenagers with practitioners across "
                "the partnership.",
                ICB,
                [
                    ("Multi-agency learning event on self-harm and suicide prevention", ICB, date(2023, 3, 31),
                     ActionStatus.DONE, date(2023, 2, 28), "Over forty practitioners attended."),
                    ("Add the learning to the multi-agency training programme", BRENT, date(2025, 3, 31),
                     ActionStatus.IN_PROGRESS, None,
                     "A course on safeguarding practice reviews is in development for the 2024-25 programme."),
                ],
            ),
        ],
    ),
    (
        {
            "alias": "Child C",
            "incident_type": IncidentType.SERIOUS_HARM,
            "harm": Harm.ABUSE,
            "sex": Sex.NOT_KNOWN,
            "outcome": Outcome.NOTIFIED,
            "crg_recommendation": Decision.NO_LCSPR,
            "panel_view": PanelView.AGREES,
            "age_band": AgeBand.UNDER_1,
            "themes": ("Abusive head trauma",),
            "agencies": (BRENT, ICB, POLICE, CLCH, LNWUHT),
            "incident_date": date(2023, 11, 3),
            "became_aware": date(2023, 11, 6),
            "considered_on": date(2023, 11, 10),
            "notification_sent": date(2023, 11, 10),
            "partners_told": date(2023, 11, 10),
            "rapid_review_meeting": date(2023, 11, 21),
            "rapid_review_sent": date(2023, 11, 29),
            "panel_response": date(2023, 12, 20),
            "decision": Decision.NO_LCSPR,
            "decision_date": date(2023, 11, 29),
            "summary": "A baby under one (Child C) suffered a head injury. The Executive Group discussed "
            "consolidating the learning from this rapid review on 8 December 2023.",
        },
        [
            (
                "Health partners to give every parent and carer of a new baby information about infant "
                "crying and how to cope (the ICON programme).",
                ICB,
                [
                    ("Train health professionals in Brent to deliver ICON", ICB, date(2024, 3, 31),
                     ActionStatus.DONE, date(2024, 2, 22),
                     "Training of health professionals in Brent complete (presented to the Case Review Group, 22 February 2024)."),
                    ("Borough launch of ICON with all partners", ICB, date(2024, 9, 30), ActionStatus.IN_PROGRESS,
                     None, ""),
                ],
            ),
        ],
    ),
    (
        {
            "alias": "Child D",
            "incident_type": IncidentType.SERIOUS_HARM,
            "harm": Harm.ABUSE,
            "sex": Sex.NOT_KNOWN,
            "outcome": Outcome.NOTIFIED,
            "crg_recommendation": Decision.NO_LCSPR,
            "age_band": AgeBand.UNDER_1,
            "themes": ("Abusive head trauma", "Parental mental health"),
            "agencies": (BRENT, ICB, POLICE, LNWUHT),
            "incident_date": date(2024, 1, 30),
            "became_aware": date(2024, 2, 1),
            "considered_on": date(2024, 2, 7),
            "notification_sent": date(2024, 2, 7),
            "partners_told": date(2024, 2, 7),
            "rapid_review_meeting": date(2024, 2, 20),
            "rapid_review_sent": date(2024, 2, 28),
            "decision": Decision.NO_LCSPR,
            "decision_date": date(2024, 2, 28),
            "summary": "A second baby under one (Child D) with a head injury. On 22 February 2024 the Case "
            "Review Group noted that recent serious incidents raised a possible thematic issue of "
            "abusive head trauma in children under one.",
        },
        [
            (
                "Consider whether the possible theme of abusive head trauma in children under one needs "
                "a thematic review.",
                BRENT,
                [
                    ("Scope whether a thematic review of abusive head trauma in children under one is "
                     "needed, with health and police partners", BRENT, date(2024, 4, 30), ActionStatus.OPEN,
                     None, ""),
                ],
            ),
        ],
    ),
]


def load(db) -> None:
    orgs = {o.name: o.id for o in ms.list_organisations(db)}
    # every action needs an owner: an owning organisation the demo's memberships did not add
    # (this module loaded on its own) is added here
    owners = {owner for _fields, recommendations in CASES for _t, _l, actions in recommendations
              for _d, owner, *_rest in actions if owner and owner not in orgs}
    for name in sorted(owners):
        orgs[name] = ms.create_organisation(db, ms.OrganisationFields(name, OrganisationKind.OTHER)).id
    for fields, recommendations in CASES:
        values = dict(fields)
        agencies = tuple(orgs[name] for name in values.pop("agencies") if name in orgs)
        values["summary"] = f"{values['summary']}\n\n{ILLUSTRATIVE}"
        closed = values.pop("closed", None)  # closed once its actions are done, as a team would
        case = cr.create_case_review(db, cr.CaseReviewFields(agency_ids=agencies, **values))
        for text, lead, actions in recommendations:
            rec = cr.create_recommendation(
                db, cr.RecommendationFields(case.id, text, orgs.get(lead), notes=ILLUSTRATIVE)
            )
            for description, owner, due, status, completed, evidence in actions:
                cr.add_recommendation_action(
                    db,
                    rec.id,
                    action_log.ActionFields(
                        f"(Illustrative) {description}",  # it also shows in the shared action log
                        owner_organisation_id=orgs.get(owner),
                        due_date=due,
                        status=status,
                        completed_on=completed,
                        evidence=evidence,
                    ),
                )
        if closed is not None:
            cr.update_case_review(db, case.id, replace(cr.get_case_review(db, case.id).to_fields(), closed=closed))
