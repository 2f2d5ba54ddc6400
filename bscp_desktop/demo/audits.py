"""Illustrative audits consistent with the partnership's 2022-24 yearly report.

The report says the Multi-agency Audit Group tests compliance with Section 11 of the Children
Act 2004, that the Case Review Group heard case audit learning outcomes on 9 March 2023, and that
the Audit Group reviewed the multi-agency learning logs of the February 2023 audit on
20 April 2023; Section 11 audits were discussed again in February and March 2024. The report
gives no ratings, themes or cases: everything below is invented to show how the Audits tab
works, and each record says so. Cases carry aliases only.
"""

from __future__ import annotations

from datetime import date

from bscp_desktop.domain.actions import ActionStatus
from bscp_desktop.domain.audits import AuditStatus, MeetingRole, SharedVia
from bscp_desktop.services import actions as action_log
from bscp_desktop.services import memberships as ms
from bscp_desktop.services.audits import case_audits as ca
from bscp_desktop.services.audits import learning as le
from bscp_desktop.services.audits import s11_ratings as sr
from bscp_desktop.services.audits import samples as sa
from bscp_desktop.services.audits import section11 as s11
from bscp_desktop.services.meetings import meeting_choices

ILLUSTRATIVE = (
    "ILLUSTRATIVE RECORD for the demo database: not a real assessment or case. It is made up to match the "
    "Brent Safeguarding Children Partnership yearly report 2022-24, which gives no ratings or cases."
)

BRENT = "Brent Council"
ICB = "NHS North West London ICB"
POLICE = "Metropolitan Police (North West BCU)"
CLCH = "Central London Community Healthcare NHS Trust"
CNWL = "Central North West London Mental Health Foundation NHS Trust"
LNWUHT = "London North West University Healthcare NHS Trust"
PRESTON = "Preston Manor School"

AGENCIES = (BRENT, ICB, POLICE, CLCH, CNWL, LNWUHT, PRESTON)

#: The earlier cycle's ratings (R, A, G per standard 1-8) for each agency.
EARLIER = {
    BRENT: "GGGAAGGA",
    ICB: "GGGAGGGG",
    POLICE: "AGAAAGAA",
    CLCH: "GAGRAGAG",
    CNWL: "AAGAAGGA",
    LNWUHT: "GGAAGGAG",
    PRESTON: "GAGAGGAR",
}
#: This cycle's self-assessed ratings ("-" for not answered, "N" for not applicable).
CURRENT = {
    BRENT: "GGGAGGGG",
    ICB: "GGGGGGGG",
    POLICE: "GGAAGGAA",  # returned late
    CLCH: "GAGAGGGG",
    CNWL: "AAGAGGGA",  # moderated: training down from green to amber
    LNWUHT: "--------",  # sent, not returned
    PRESTON: "--------",  # not sent yet
}
LETTERS = {"R": "Red", "A": "Amber", "G": "Green", "N": "Not applicable"}

RETURNS = {  # agency: (sent, returned, moderated)
    BRENT: (date(2024, 4, 2), date(2024, 6, 14), None),
    ICB: (date(2024, 4, 2), date(2024, 6, 21), None),
    POLICE: (date(2024, 4, 2), date(2024, 7, 12), None),
    CLCH: (date(2024, 4, 2), date(2024, 6, 27), None),
    CNWL: (date(2024, 4, 2), date(2024, 6, 26), date(2024, 9, 19)),
    LNWUHT: (date(2024, 4, 2), None, None),
    PRESTON: (None, None, None),
}

ACTIONS = {  # (agency, standard number): (action, due, status, completed, evidence)
    (BRENT, 4): ("Add a young people's panel to the review of early help services", date(2025, 3, 31),
                 ActionStatus.IN_PROGRESS, None, ""),
    (POLICE, 3): ("Name a public protection lead for safeguarding children in each BCU team", date(2024, 12, 31),
                  ActionStatus.DONE, date(2024, 11, 15), "Leads named and listed on the intranet."),
    (POLICE, 8): ("Refresh information sharing guidance for response officers", date(2025, 6, 30),
                  ActionStatus.OPEN, None, ""),
    (CNWL, 5): ("Bring safeguarding children training records up to date for all clinical staff", date(2025, 1, 31),
                ActionStatus.OPEN, None, ""),
}


def _org_ids(db) -> dict[str, int]:
    return {o.name: o.id for o in ms.list_organisations(db)}


def _load_section11(db, orgs: dict[str, int]) -> None:
    agencies = [name for name in AGENCIES if name in orgs]
    earlier = s11.create_cycle(db, s11.CycleFields("2021-23", date(2021, 10, 1), date(2022, 1, 31), notes=ILLUSTRATIVE))
    current = s11.create_cycle(db, s11.CycleFields("2024-26", date(2024, 4, 1), date(2024, 6, 28),
                                                   compare_with_id=earlier.id, notes=ILLUSTRATIVE))
    for cycle, ratings in ((earlier, EARLIER), (current, CURRENT)):
        parts = {p.organisation_name: p for p in s11.add_agencies(db, cycle.id, [orgs[a] for a in agencies])}
        standards = s11.list_standards(db, cycle.id)
        for name in agencies:
            part = parts[name]
            if cycle is earlier:
                s11.update_participant(db, part.id, s11.ParticipantFields(
                    "", date(2021, 10, 1), date(2022, 1, 21), date(2022, 3, 10), ILLUSTRATIVE))
            else:
                sent, returned, moderated = RETURNS[name]
                s11.update_participant(db, part.id, s11.ParticipantFields(
                    "Safeguarding lead (illustrative)" if returned else "", sent, returned, moderated, ILLUSTRATIVE))
            for standard, letter in zip(standards, ratings[name], strict=False):
                if letter == "-":
                    continue
                action = ACTIONS.get((name, standard.number)) if cycle is current else None
                moderated_rating, note = None, ""
                if cycle is current and name == CNWL and standard.number == 5:
                    moderated_rating = "Amber"
                    note = ("(Illustrative) Moderated down at the challenge meeting: training records for clinical "
                            "staff were incomplete.")
                sr.save_rating(db, part.id, standard.id, sr.RatingFields(
                    LETTERS[letter], evidence=f"(Illustrative) Evidence for standard {standard.number}.",
                    moderated_rating=moderated_rating, moderation_note=note,
                    action=f"(Illustrative) {action[0]}" if action else "", action_due=action[1] if action else None,
                ))
                if action and action[2] is not ActionStatus.OPEN:
                    saved = sr.get_rating(db, part.id, standard.id).action
                    action_log.update_action(db, saved.id, action_log.ActionFields(
                        saved.description, owner_organisation_id=saved.owner_organisation_id, due_date=saved.due_date,
                        status=action[2], completed_on=action[3], evidence=action[4]))


SAMPLE = [  # alias, age band, agencies, the agency gradings in order, agreed grading
    ("Child P", "1_to_4", (BRENT, POLICE, CLCH), ("Good", "Requires improvement", "Good"), "Good"),
    ("Child V", "10_to_13", (BRENT, POLICE, PRESTON), ("Requires improvement", "Requires improvement", "Good"),
     "Requires improvement"),
    ("Child R", "5_to_9", (BRENT, CLCH, LNWUHT), ("Good", "Good", "Outstanding"), "Good"),
    ("Child S", "14_to_15", (BRENT, POLICE, CNWL, PRESTON),
     ("Requires improvement", "Inadequate", "Requires improvement", "Good"), "Requires improvement"),
]

LEARNING = [  # text, theme, shared via, meeting date or None, detail
    ("Chronologies were missing or out of date in half of the cases: keep a multi-agency chronology from the "
     "first strategy discussion.", "Neglect", SharedVia.MEETING, date(2023, 4, 20), ""),
    ("The child's daily lived experience was recorded well by schools and health visitors but rarely reached "
     "the child protection plan.", "Voice of the child", SharedVia.MEETING, date(2023, 4, 20), ""),
    ("Escalation between agencies was used too late when a plan was drifting.", "Neglect", SharedVia.BRIEFING, None,
     "Designated Safeguarding Leads network briefing"),
    ("Use the neglect toolkit at the first sign of cumulative harm.", "Neglect", SharedVia.TRAINING, None,
     "Multi-agency neglect course 2023/24"),
]


def _load_case_audit(db, orgs: dict[str, int]) -> None:
    meetings = {label[-11:-1]: meeting_id for label, meeting_id in meeting_choices(db)}  # "Title (dd/mm/yyyy)"
    links = tuple(
        (meetings[day], role)
        for day, role in (("09/03/2023", MeetingRole.DISCUSSED), ("20/04/2023", MeetingRole.FOLLOW_UP))
        if day in meetings
    )
    audit = ca.create_audit(db, ca.AuditFields(
        "February 2023 multi-agency case audit (illustrative)", date(2023, 2, 1), theme="Neglect",
        scope="Four children open to children's social care on a child protection plan for neglect, chosen at random. "
        + ILLUSTRATIVE,
        returns_due=date(2023, 2, 24), meetings=links,
    ))
    cases = []
    for alias, band, agencies, _gradings, _agreed in SAMPLE:
        ids = tuple(orgs[a] for a in agencies if a in orgs)
        cases.append(sa.add_case(db, sa.AuditCaseFields(audit.id, alias, band, summary=ILLUSTRATIVE, agency_ids=ids)))
    sa.request_returns(db, audit.id, date(2023, 2, 2))
    for case, (_alias, _band, agencies, gradings, _agreed) in zip(cases, SAMPLE, strict=True):
        grading_for = dict(zip(agencies, gradings, strict=True))
        for ret in sa.get_case(db, case.id).returns:
            sa.update_return(db, ret.id, sa.ReturnFields(
                date(2023, 2, 2), date(2023, 2, 22), "(Illustrative) Timely home visits; the child was seen alone.",
                "(Illustrative) Record the child's views and share the chronology.", grading_for[ret.organisation_name],
            ))
    ca.set_status(db, audit.id, AuditStatus.RETURNS_IN)
    for case, (alias, band, _agencies, _gradings, agreed) in zip(cases, SAMPLE, strict=True):
        sa.update_case(db, case.id, sa.AuditCaseFields(
            audit.id, alias, band, ILLUSTRATIVE, sa.get_case(db, case.id).agency_ids, agreed,
            "(Illustrative) Agreed at the joint discussion.",
        ))
    fields = ca.get_audit(db, audit.id).to_fields()
    ca.update_audit(db, audit.id, ca.AuditFields(**{
        **fields.__dict__, "status": AuditStatus.DISCUSSED, "discussed_on": date(2023, 3, 9),
        "findings": "(Illustrative) Practice was good in two cases and required improvement in two. Agencies saw "
        "children regularly, but plans drifted where chronologies were not shared and escalation came late.",
    }))
    for text, theme, via, day, detail in LEARNING:
        meeting = meetings.get(day.strftime("%d/%m/%Y")) if day else None
        le.create_learning(db, le.LearningFields(audit.id, f"(Illustrative) {text}", theme, via, day, meeting, detail))
    recommendations = [
        ("Every child on a plan for neglect has a shared multi-agency chronology.", BRENT,
         [("Add the chronology to the core group agenda template", BRENT, date(2023, 6, 30), ActionStatus.DONE,
           date(2023, 6, 5), "Template updated; used at every core group since June 2023.")]),
        ("Partners use the escalation procedure when a plan drifts.", ICB,
         [("Remind practitioners of the escalation procedure through the DSL network and health bulletins", ICB,
           date(2023, 9, 30), ActionStatus.IN_PROGRESS, None, "")]),
    ]
    for text, lead, actions in recommendations:
        rec = le.create_recommendation(db, le.RecommendationFields(audit.id, f"(Illustrative) {text}", orgs.get(lead),
                                                                   notes=ILLUSTRATIVE))
        for description, owner, due, status, completed, evidence in actions:
            le.add_recommendation_action(db, rec.id, action_log.ActionFields(
                f"(Illustrative) {description}", owner_organisation_id=orgs.get(owner), due_date=due,
                status=status, completed_on=completed, evidence=evidence,
            ))


def load(db) -> None:
    orgs = _org_ids(db)
    _load_section11(db, orgs)
    _load_case_audit(db, orgs)
