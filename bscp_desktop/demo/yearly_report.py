"""The demo's yearly report: 1 October 2022 to 31 March 2024, as in the partnership's public
report. The built sections come from the other areas' demo records (the fourteen meetings from
7 November 2022 to 21 March 2024; contributions of £65,619.75 and expenditure of £27,488); the
narrative sections are the reference report's, in short."""

from __future__ import annotations

from datetime import date

from bscp_desktop.db.database import Database
from bscp_desktop.services import yearly_report as yr

PERIOD = (date(2022, 10, 1), date(2024, 3, 31))
TITLE = "Brent Safeguarding Children Partnership yearly report, October 2022 to March 2024"

NARRATIVE = {
    "foreword": (
        "*Foreword by the Independent Scrutineer of the Safeguarding Children Partnership.*\n\n"
        "The partners agreed to report on an **eighteen-month period**. The partnership has been through "
        "significant change since the last annual report, including vacancies in key roles; since October 2023 "
        "a new Partnership Lead and a new Independent Scrutineer are in post. Moving the reporting year to April "
        "to March also brings it into line with the Safeguarding Adults Board.\n\n"
        "Working Together 2023 was published in December 2023. The partnership held an interim workshop with "
        "the Executive Group in February 2024 to make sure it is compliant before the December 2024 deadline."
    ),
    "introduction": (
        "Local organisations and agencies have a duty to safeguard and promote the welfare of children. "
        "The strategic oversight rests with the three safeguarding partners:\n\n"
        "- the local authority\n- the Integrated Care Board\n- the police\n\n"
        "They must agree how to co-ordinate their safeguarding services, act as a strategic leadership group, "
        "and implement local and national learning, including from serious child safeguarding incidents."
    ),
    "arrangements": (
        "Brent's arrangements were published in June 2019, implemented on 30 September 2019 and reviewed in "
        "November 2021. They have three tiers:\n\n"
        "- **Tier 1, the Executive Group**: high-level strategic leadership\n"
        "- **Tier 2, the Brent Safeguarding Children Forum**: the wider partnership, led by the Independent Chair, "
        "with two lay members\n"
        "- **Tier 3, sub-groups**: the Case Review Group, the Multi-agency Audit Group and the joint Learning and "
        "Development Group\n\n"
        "The Strategic Partnerships Team in Brent Council co-ordinates the arrangements."
    ),
    "scrutiny": (
        "The Safeguarding Forum is led by an Independent Chair, who is also the Independent Scrutineer. A new "
        "Independent Chair and Scrutineer started in October 2023. The role includes challenging partner "
        "agencies, overseeing the timeliness of case reviews, and chairing rapid reviews and overseeing their "
        "recommendations."
    ),
    "partner_activity": (
        "**Integrated Care Board**\n\n"
        "Delivered a comprehensive safeguarding training programme, commissioned safeguarding supervision "
        "training, and began rolling out the *ICON* programme on infant crying across North West London.\n\n"
        "**Police**\n\n"
        "Responded to the HMICFRS report on child exploitation: more than 1,200 child protection officers trained, "
        "stronger exploitation investigation teams and 64 additional posts in MASH and referral teams.\n\n"
        "**Brent Council Children and Young People**\n\n"
        "Ofsted judged Brent's children's services *Good* in February 2023. A robust improvement plan followed, "
        "with impact seen within six months."
    ),
    "feedback": (
        "The Case Review Group involves children, young people and families in local child safeguarding practice "
        "reviews where possible. A CYP Participation Strategy now promotes work with children and young people in "
        "individual, representative and strategic spaces."
    ),
    "impact": (
        "Ofsted found that the Brent Family Front Door delivers the right response for children at the earliest "
        "time. In training, no-shows fell by 9% and cancellations by 10% compared with 2022-23 after reminder "
        "notifications were introduced."
    ),
    "little_progress": (
        "Police attendance at the multi-agency training programme was low; the North West BCU training unit is "
        "preparing inputs for around 1,500 officers instead. Feedback from children and families is not yet "
        "visible enough in the partnership's reports."
    ),
    "priorities": (
        "Embedding Working Together 2023, with education as a fourth partner, before December 2024.\n\n"
        "- **Safeguarding conference** with the Safeguarding Adults Board, December 2024: Under way\n"
        "- **Data collection, use and analysis**, including Section 11 with the voice of children: Under way\n"
        "- **Community engagement**: the voice of the child in reports from 2025: Not started\n"
        "- **Neurodiversity**: early identification and safeguarding impact: Not started"
    ),
}


def load(db: Database) -> None:
    report = yr.create_report(db, yr.ReportFields(TITLE, *PERIOD))
    for key, text in NARRATIVE.items():
        yr.save_section_text(db, report.id, key, text)
    yr.refresh_all(db, report.id)
