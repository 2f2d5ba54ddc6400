"""Demo memberships: the public facts of Brent's 2022-24 yearly report (October 2022 to March 2024).

Organisations, groups and memberships are those the report's tables and text give. Where the
report names no one, the person is named by role, e.g. "Corporate Director of Children and Young
People (Brent Council)"; the only person it names is the Independent Scrutineer. Memberships
start at the start of the reporting period (1 October 2022) unless the report says otherwise.
Confidentiality agreements are illustrative (the report says members must sign one, not when
they did); one Case Review Group member is left without, so the missing-agreement flag shows.

Later areas' demo modules look organisations, groups and people up by these names.
"""

from __future__ import annotations

from datetime import date

from bscp_desktop.domain.memberships import Frequency, OrganisationKind, Role
from bscp_desktop.services import memberships as ms
from bscp_desktop.services.settings import set_partnership_name

PARTNERSHIP_NAME = "Brent Safeguarding Children Partnership"
PERIOD_START = date(2022, 10, 1)
NEW_CHAIR_START = date(2023, 10, 1)  # "A new Independent Chair and Scrutineer commenced in post October 2023"
CONVENER_END = date(2023, 7, 31)  # "Outgoing Independent Convener" at the Executive Group, 26 July 2023
SOURCE = "Source: Brent Safeguarding Children Partnership yearly report, October 2022 to March 2024."

# ---------------------------------------------------------------- organisations

BRENT = "Brent Council"
ICB = "NHS North West London ICB"
POLICE = "Metropolitan Police (North West BCU)"
CLCH = "Central London Community Healthcare NHS Trust"
CNWL = "Central North West London Mental Health Foundation NHS Trust"
CAFCASS = "Children and Family Court Advisory and Support Service"
LAS = "London Ambulance Service"
LNWUHT = "London North West University Healthcare NHS Trust"
PROBATION = "Probation Service"
COLLEGE = "College of North West London (United Colleges Group)"
NEWMAN = "Newman Catholic College"
LYON_PARK = "Lyon Park Primary School"
VILLAGE = "The Village and Woodfield Special Schools"
KINGSBURY = "Kingsbury High School"
PRESTON = "Preston Manor School"
SAB = "Brent Safeguarding Adults Board"
MET = "Metropolitan Police"

ORGANISATIONS: list[tuple[str, str, OrganisationKind]] = [
    (BRENT, "", OrganisationKind.LOCAL_AUTHORITY),
    (ICB, "NWL ICB", OrganisationKind.ICB),
    (MET, "MPS", OrganisationKind.POLICE),
    (POLICE, "Met Police", OrganisationKind.POLICE),
    (CLCH, "CLCH", OrganisationKind.RELEVANT_AGENCY),
    (CNWL, "CNWL", OrganisationKind.RELEVANT_AGENCY),
    (CAFCASS, "CAFCASS", OrganisationKind.RELEVANT_AGENCY),
    (LAS, "LAS", OrganisationKind.RELEVANT_AGENCY),
    (LNWUHT, "LNWUHT", OrganisationKind.RELEVANT_AGENCY),
    (PROBATION, "", OrganisationKind.RELEVANT_AGENCY),
    (COLLEGE, "", OrganisationKind.EDUCATION),
    (NEWMAN, "", OrganisationKind.EDUCATION),
    (LYON_PARK, "", OrganisationKind.EDUCATION),
    (VILLAGE, "", OrganisationKind.EDUCATION),
    (KINGSBURY, "", OrganisationKind.EDUCATION),
    (PRESTON, "", OrganisationKind.EDUCATION),
    # The Learning and Development Group is a joint sub-group with the Adults Board.
    (SAB, "SAB", OrganisationKind.OTHER),
]

# The report's North West Basic Command Unit is part of the Metropolitan Police.
PARENTS = {POLICE: MET}
# Other names the report itself uses for these organisations (imports match them too).
ALIASES: dict[str, tuple[str, ...]] = {
    POLICE: ("North West Basic Command Unit", "North West BCU"),
    ICB: ("North West London ICB", "Brent ICB"),
    LNWUHT: ("London North West University Healthcare Trust", "London North West University Health Care NHS Trust"),
    PROBATION: ("National Probation Service",),
}

# ---------------------------------------------------------------- groups

EXECUTIVE = "Executive Group"
FORUM = "Safeguarding Children Forum"
CASE_REVIEW = "Case Review Group"
AUDIT = "Multi-agency Audit Group"
LEARNING = "Learning and Development Group"

# name, tier, parent, needs agreement, usual frequency, purpose
GROUPS: list[tuple[str, int, str | None, bool, Frequency, str]] = [
    (
        EXECUTIVE, 1, None, False, Frequency.QUARTERLY,
        "High-level strategic leadership group of the three safeguarding partners: agrees the "
        "strategic vision and local priorities, holds the Safeguarding Forum to account, agrees "
        "and reviews the arrangements, monitors serious child safeguarding cases, identifies new "
        "issues and emerging threats, and provides for independent scrutiny.",
    ),
    (
        FORUM, 2, EXECUTIVE, False, Frequency.QUARTERLY,
        "Wider partnership forum, accountable to the Executive Group and led by the Independent "
        "Chair: drives delivery of the local priorities, seeks assurance that partners fulfil "
        "their safeguarding responsibilities, monitors attendance of relevant agencies, and "
        "oversees learning and development. Has two lay members.",
    ),
    (
        CASE_REVIEW, 3, FORUM, True, Frequency.QUARTERLY,
        "Led by the Independent Chair: considers all serious incident cases, recommends to the "
        "safeguarding partners whether a case meets the criteria to refer to the National Panel, "
        "and commissions local child safeguarding practice reviews. Every member signs a "
        "confidentiality agreement.",
    ),
    (
        AUDIT, 3, FORUM, False, Frequency.QUARTERLY,
        "Chaired by Brent Council's Head of Safeguarding and Quality Assurance: a programme of "
        "multi-agency audits, recommendations and learning, and monitoring of Section 11 "
        "compliance. Set up after a decision in February 2022.",
    ),
    (
        LEARNING, 3, FORUM, False, Frequency.EVERY_TWO_MONTHS,
        "Joint sub-group of the Safeguarding Children Partnership and Brent Safeguarding Adults "
        "Board (agreed September 2022), led by two co-chairs: steers the multi-agency learning and "
        "development programme and its evaluation. Met eight times in the reporting period.",
    ),
]

# ---------------------------------------------------------------- people
# key: (name, job title, organisation or None)

INDEPENDENT_CHAIR = ("Keith Makin", "Independent Chair and Scrutineer", None)
CONVENER = ("Independent Convener (until 2023)", "Independent Convener", None)
CORPORATE_DIRECTOR = (
    "Corporate Director of Children and Young People (Brent Council)",
    "Corporate Director of Children and Young People", BRENT,
)
LEADER = ("Leader of Brent Council", "Leader of the Council", BRENT)
CABINET_MEMBER = (
    "Cabinet Member for Children, Young People and Schools (Brent Council)",
    "Cabinet Member for Children, Young People and Schools", BRENT,
)
LEAD_MEMBER = (
    "Statutory Lead Member for Children's Services (Brent Council)",
    "Statutory Lead Member for Children's Services (Safeguarding, Early Help and Social Care)", BRENT,
)
ICB_DIRECTOR = (
    "Director of Quality, Nursing and Safeguarding (NWL ICB)",
    "Director of Quality, Nursing and Safeguarding", ICB,
)
SUPERINTENDENT = (
    "Superintendent, Public Protection (North West BCU)",
    "Superintendent (Public Protection - Safeguarding Lead, North West BCU)", POLICE,
)
DESIGNATED = (
    "Designated Safeguarding Children Professionals for Brent (NWL ICB)",
    "Designated Safeguarding Children Professionals", ICB,
)
NAMED_GP = ("Named GP for Safeguarding, Brent (NWL ICB)", "Named GP for Safeguarding Children", ICB)
CYP = ("Children and Young People representative (Brent Council)", "Children and Young People", BRENT)
HOUSING = ("Housing Needs representative (Brent Council)", "Housing Needs", BRENT)
ADULTS = ("Safeguarding Adults representative (Brent Council)", "Safeguarding Adults", BRENT)
PUBLIC_HEALTH = ("Public Health representative (Brent Council)", "Public Health", BRENT)
COMMUNITY_SAFETY = ("Community Safety representative (Brent Council)", "Community Safety", BRENT)
LEGAL = ("Legal Services representative (Brent Council)", "Legal Services", BRENT)
HEAD_OF_QA = (
    "Head of Safeguarding and Quality Assurance (Brent Council)",
    "Head of Safeguarding and Quality Assurance", BRENT,
)
PUBLIC_PROTECTION = (
    "Public Protection representative (North West BCU)",
    "North West Basic Command Unit (BCU) Public Protection", POLICE,
)
SP_MANAGER = ("Strategic Partnerships Manager (Brent Council)", "Strategic Partnerships Manager", BRENT)
SP_LEAD = ("Strategic Partnerships Lead (Brent Council)", "Strategic Partnerships Lead", BRENT)
SP_LD_OFFICER = (
    "Strategic Partnerships Learning and Development Officer (Brent Council)",
    "Strategic Partnerships Learning and Development Officer", BRENT,
)
LAY_1 = ("Lay member 1", "Lay member", None)
LAY_2 = ("Lay member 2", "Lay member", None)
LD_CO_CHAIR_1 = ("Learning and Development co-chair 1", "Co-chair, Learning and Development Group", None)
LD_CO_CHAIR_2 = ("Learning and Development co-chair 2", "Co-chair, Learning and Development Group", None)
DSL_PRESTON = (
    "Designated Safeguarding Lead (Preston Manor School)", "Designated Safeguarding Lead", PRESTON,
)


def _representative(org: str, short: str = "") -> tuple[str, str, str]:
    return (f"Representative ({short or org})", "Safeguarding representative", org)


CLCH_REP = _representative(CLCH, "CLCH")
CNWL_REP = _representative(CNWL, "CNWL")
CAFCASS_REP = _representative(CAFCASS, "CAFCASS")
LAS_REP = _representative(LAS, "LAS")
LNWUHT_REP = _representative(LNWUHT, "LNWUHT")
PROBATION_REP = _representative(PROBATION)
COLLEGE_REP = _representative(COLLEGE, "College of North West London")
NEWMAN_REP = _representative(NEWMAN)
LYON_PARK_REP = _representative(LYON_PARK)
VILLAGE_REP = _representative(VILLAGE)
KINGSBURY_REP = _representative(KINGSBURY)

# ---------------------------------------------------------------- memberships
# (person, role, start, end, notes); the representing organisation is the person's own.

Entry = tuple[tuple[str, str, str | None], Role, date, date | None, str]

CONVENER_NOTE = (
    "The report names an outgoing Independent Convener at the Executive Group on 26 July 2023; "
    "the end date is illustrative."
)
CHAIR_NOTE = "The new Independent Chair and Scrutineer began in October 2023."
TEAM_NOTE = (
    "Illustrative: the report says the Strategic Partnerships Team coordinates the arrangements."
)
LEAD_NOTE = "The report says a new Partnership Lead was appointed from October 2023."


def _standard(people, role=Role.MEMBER) -> list[Entry]:
    return [(p, role, PERIOD_START, None, "") for p in people]


MEMBERSHIPS: dict[str, list[Entry]] = {
    EXECUTIVE: [
        *_standard([CORPORATE_DIRECTOR, LEADER, CABINET_MEMBER, ICB_DIRECTOR, SUPERINTENDENT]),
        (CONVENER, Role.MEMBER, PERIOD_START, CONVENER_END, CONVENER_NOTE),
        (INDEPENDENT_CHAIR, Role.INDEPENDENT_SCRUTINEER, NEW_CHAIR_START, None, CHAIR_NOTE),
        (SP_MANAGER, Role.SECRETARIAT, PERIOD_START, None, TEAM_NOTE),
    ],
    FORUM: [
        (CONVENER, Role.CHAIR, PERIOD_START, CONVENER_END, CONVENER_NOTE),
        (INDEPENDENT_CHAIR, Role.CHAIR, NEW_CHAIR_START, None, CHAIR_NOTE),
        *_standard([
            DESIGNATED, NAMED_GP, LEAD_MEMBER, CYP, HOUSING, ADULTS, PUBLIC_HEALTH,
            COMMUNITY_SAFETY, PUBLIC_PROTECTION, COLLEGE_REP, NEWMAN_REP, LYON_PARK_REP,
            VILLAGE_REP, KINGSBURY_REP, DSL_PRESTON, CLCH_REP, CNWL_REP, CAFCASS_REP, LAS_REP,
            LNWUHT_REP, PROBATION_REP,
        ]),
        *_standard([LAY_1, LAY_2], Role.LAY_MEMBER),
        (SP_MANAGER, Role.SECRETARIAT, PERIOD_START, None, TEAM_NOTE),
    ],
    CASE_REVIEW: [
        (CONVENER, Role.CHAIR, PERIOD_START, CONVENER_END, CONVENER_NOTE),
        (INDEPENDENT_CHAIR, Role.CHAIR, NEW_CHAIR_START, None, CHAIR_NOTE),
        *_standard([
            DESIGNATED, NAMED_GP, CYP, COMMUNITY_SAFETY, LEGAL, PUBLIC_PROTECTION, CLCH_REP,
            CNWL_REP, LNWUHT_REP,
        ]),
        (SP_LEAD, Role.SECRETARIAT, NEW_CHAIR_START, None, LEAD_NOTE + " " + TEAM_NOTE),
    ],
    AUDIT: [
        (HEAD_OF_QA, Role.CHAIR, PERIOD_START, None, ""),
        *_standard([
            DESIGNATED, NAMED_GP, CYP, PUBLIC_PROTECTION, CLCH_REP, CNWL_REP, LNWUHT_REP,
            DSL_PRESTON,
        ]),
    ],
    LEARNING: [
        *_standard([LD_CO_CHAIR_1, LD_CO_CHAIR_2], Role.CHAIR),
        (SP_LD_OFFICER, Role.SECRETARIAT, PERIOD_START, None,
         "Supports the group and leads on identifying its multi-agency membership and work plan."),
    ],
}

# Case Review Group members who have signed (illustrative dates). The Legal Services
# representative is deliberately left without one, so the missing-agreement flag shows.
WITHOUT_AGREEMENT = LEGAL
AGREEMENT_NOTE = "Illustrative: the report says every Case Review Group member signs one."


def load(db) -> None:
    """Add the demo organisations, people, groups, memberships and agreements through the
    memberships service (so the change history records every one)."""
    set_partnership_name(db, PARTNERSHIP_NAME)  # printed on every PDF
    org_ids: dict[str, int] = {}
    for name, short, kind in ORGANISATIONS:
        org_ids[name] = ms.create_organisation(
            db, ms.OrganisationFields(name, kind, short, org_ids.get(PARENTS.get(name, "")), ALIASES.get(name, ()))
        ).id

    group_ids: dict[str, int] = {}
    for name, tier, parent, needs, frequency, purpose in GROUPS:
        group_ids[name] = ms.create_group(
            db,
            ms.GroupFields(
                name, tier, group_ids[parent] if parent else None, needs, frequency,
                purpose + "\n\n" + SOURCE,
            ),
        ).id

    person_ids: dict[tuple, int] = {}

    def person(key: tuple[str, str, str | None]) -> int:
        if key not in person_ids:
            name, title, org = key
            notes = "Named in the report." if key == INDEPENDENT_CHAIR else "Named by role: the report names no one."
            person_ids[key] = ms.create_person(
                db, ms.PersonFields(name, title, org_ids[org] if org else None, notes=notes)
            ).id
        return person_ids[key]

    for group, entries in MEMBERSHIPS.items():
        for key, role, start, end, notes in entries:
            org = key[2]
            ms.create_membership(
                db,
                ms.MembershipFields(
                    person(key), group_ids[group], role, start, end,
                    org_ids[org] if org else None, notes=notes,
                ),
            )

    for key, _role, start, _end, _notes in MEMBERSHIPS[CASE_REVIEW]:
        if key == WITHOUT_AGREEMENT:
            continue
        ms.create_agreement(
            db, ms.AgreementFields(person_ids[key], signed_on=start, notes=AGREEMENT_NOTE)
        )
