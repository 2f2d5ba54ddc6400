"""The memberships workbook: organisations, people, groups, memberships and agreements.

Every field is exported, archived records included (with the date they were archived), so the
workbook is a complete copy the team can send to partners or keep. The People and
Organisations sheets use the import column headings, so an edited sheet can be imported back,
an organisation's Part of and Other names with it (`importers.memberships_columns`); its
Statutory partner is worked out by the program, and the import says it is not imported.
Statutory partner is the partner an organisation counts as toward a quorum, its own kind's or a
body's it is part of (`partner_kinds`).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from bscp_desktop.domain.dates import format_date_long
from bscp_desktop.domain.kinds import RecordKind
from bscp_desktop.domain.meetings import QuorumRule
from bscp_desktop.domain.memberships import Role, group_current_on
from bscp_desktop.domain.text import alphabetical, isolate
from bscp_desktop.domain.validation import local_time_if_any
from bscp_desktop.jobs import Output, Progress, no_progress, report, workbook
from bscp_desktop.reports.xlsx_cells import Column
from bscp_desktop.services import memberships as ms
from bscp_desktop.services.attendance_as_it_stood import partner_kinds
from bscp_desktop.services.common import read
from bscp_desktop.services.settings import partnership_name

if TYPE_CHECKING:
    from bscp_desktop.reports.xlsx import WorkbookBuilder

# The partnership's name as printed on PDFs (a team setting; the demo sets Brent's).


def _archived(record) -> object:
    return local_time_if_any(record.archived_at)  # the day on this computer's clock


ARCHIVED = Column("Archived", "date")


def _partners(organisations: list[ms.OrganisationDTO], kinds: dict) -> dict[int, str]:
    """{organisation id: the statutory partner it counts as toward a quorum}, by the quorum's own
    rule (`kinds`, from `partner_kinds`: its own kind, else that of a body it is part of):
    "Police", "Police (part of Metropolitan Police Service)"; "No" for none."""
    by_id = {o.id: o for o in organisations}
    said = {}
    for org in organisations:
        kind = kinds.get(org.id)
        if kind is None:
            said[org.id] = "No"
            continue
        words = kind.label.partition(": ")[2]
        seen, body = {org.id}, org
        while body.kind is not kind and body.parent_id in by_id and body.parent_id not in seen:
            seen.add(body.parent_id)
            body = by_id[body.parent_id]
        said[org.id] = words[:1].upper() + words[1:] + ("" if body is org else f" (part of {body.name})")
    return said


def _groups_in_order(groups: list[ms.GroupDTO]) -> list[ms.GroupDTO]:
    """Groups by tier, then by name as names are listed (`alphabetical`: accents as search reads them)."""
    return sorted(groups, key=lambda g: (g.tier, alphabetical(g.name)))


def build_workbook(db, today: date | None = None, progress: Progress = no_progress) -> WorkbookBuilder:
    from bscp_desktop.reports.xlsx import WorkbookBuilder
    today = today or date.today()
    wb = WorkbookBuilder(title="Memberships", subject="Organisations, people, groups and memberships")
    progress(0, 5, "Organisations…")
    organisations = sorted(ms.list_organisations(db, include_archived=True), key=lambda o: alphabetical(o.name))
    partners = _partners(organisations, read(db, partner_kinds))  # as a quorum counts them
    wb.add_sheet(
        "Organisations",
        [Column("Name"), Column("Short name"), Column("Kind"), Column("Part of"), Column("Other names"),
         Column("Statutory partner"), ARCHIVED],
        (
            [o.name, o.short_name, o.kind, o.parent_name, o.aliases_text, partners[o.id], _archived(o)]
            for o in organisations
        ),
    )
    progress(1, 5, "People…")
    wb.add_sheet(
        "People",
        [Column("Name"), Column("Job title"), Column("Organisation"), Column("Email"),
         Column("Phone"), Column("Notes"), ARCHIVED],
        (
            [p.name, p.job_title, p.organisation_name, p.email, p.phone, p.notes, _archived(p)]
            for p in ms.list_people(db, include_archived=True)
        ),
    )
    progress(2, 5, "Groups…")
    wb.add_sheet(
        "Groups",
        [Column("Name"), Column("Tier", "int"), Column("Reports to"), Column("Agreement needed", "bool"),
         Column("Usual frequency"), Column("Purpose"), ARCHIVED, Column("Quorum")],
        (
            [g.name, g.tier, g.parent_name, g.needs_agreement, g.frequency, g.purpose, _archived(g), _quorum(g)]
            for g in _groups_in_order(ms.list_groups(db, include_archived=True))
        ),
    )
    progress(3, 5, "Memberships…")
    held = {m.id for _group, seats in members_by_group(db, today) for m in seats}  # as the members report has it
    memberships = sorted(
        ms.list_memberships(db, include_archived=True, today=today),
        key=lambda m: (alphabetical(m.group_name), list(type(m.role)).index(m.role), alphabetical(m.person_name),
                       m.start_date),
    )
    wb.add_sheet(
        "Memberships",
        [Column("Group"), Column("Person"), Column("Role"), Column("Representing"), Column("Deputy for"),
         Column("Start", "date"), Column("End", "date"), Column("In force today", "bool"),
         Column("Agreement"), Column("Notes"), ARCHIVED],
        (
            [
                m.group_name, m.person_name, m.role, m.organisation_name, m.deputy_for_name,
                m.start_date, m.end_date, m.id in held,
                ("Missing" if m.missing_agreement else "Signed") if m.needs_agreement else "Not needed",
                m.notes, _archived(m),
            ]
            for m in memberships
        ),
    )
    progress(4, 5, "Confidentiality agreements…")
    wb.add_sheet(
        "Confidentiality agreements",
        [Column("Person"), Column("Signed on", "date"), Column("Review due", "date"),
         Column("Current today"), Column("Renewed on", "date"), Column("Notes"), ARCHIVED],
        (
            [a.person_name, a.signed_on, a.review_due, a.standing_on(today), a.renewed_on, a.notes, _archived(a)]
            for a in sorted(ms.list_agreements(db, include_archived=True), key=lambda a: alphabetical(a.person_name))
        ),
    )
    return wb


@workbook(RecordKind.MEMBERSHIPS, "Memberships workbook",
          outputs=(Output("Memberships workbook…", "Memberships.xlsx"),))
def memberships_workbook(db, progress: Progress = no_progress) -> WorkbookBuilder:
    return build_workbook(db, progress=progress)


# ---------------------------------------------------------------- members PDF

def members_by_group(db, on: date) -> list[tuple[ms.GroupDTO, list[ms.MembershipDTO]]]:
    """Each group current on `on` (`group_current_on`: not archived by then; one archived later
    is listed, as the yearly report lists it) with the seats held that day, chair first, as a
    register is filled (`seat_held`: people who left since are kept for the days before they left)."""
    groups = [g for g in _groups_in_order(ms.list_groups(db, include_archived=True)) if group_current_on(g.archived_at, on)]
    order = {role: i for i, role in enumerate(Role)}
    by_group: dict[int, list[ms.MembershipDTO]] = {g.id: [] for g in groups}
    for m in ms.list_memberships(db, on=on, seated=True):  # as a register is filled
        if m.group_id in by_group:
            by_group[m.group_id].append(m)
    return [
        (g, sorted(by_group[g.id], key=lambda m: (order[m.role], alphabetical(m.person_name))))
        for g in groups
    ]


@report("members", "Members of each group", options=("date_from",),
        outputs=(Output("Members of each group (PDF)…", "Members of each group.pdf"),))
def members_report(db, out: Path, progress: Progress = no_progress, date_from: date | None = None) -> Path:
    """Who sits on each group on a date (default today), with missing agreements flagged."""
    from bscp_desktop.reports.pdf import DocumentBuilder
    on = date_from or date.today()
    progress(0, 2, "Reading memberships…")
    groups = members_by_group(db, on)
    titles = {p.id: p.job_title for p in ms.list_people(db, include_archived=True)}
    name = partnership_name(db)
    title = f"Members of each group on {format_date_long(on)}"
    progress(1, 2, "Laying out the report…")
    doc = DocumentBuilder(out, title=title, partnership_name=name, subject="Group memberships")
    doc.heading(title, 1)
    doc.para(
        f"{name}: the members of each group on {format_date_long(on)}, by role. Deputies are "
        "listed with the member they stand in for."
    )
    if not groups:
        doc.para("There are no groups yet: add them in the Memberships tab.")
    for group, members in groups:  # each name isolated (`isolate`): a line it starts still reads left to right
        doc.heading(f"{isolate(group.name)} (tier {group.tier})", 2)
        facts = []
        if group.parent_name:
            facts.append(f"Reports to the {isolate(group.parent_name)}.")
        if group.frequency:
            facts.append(f"Usually meets: {group.frequency.label.lower()}.")
        if group.needs_agreement:
            facts.append("Members must sign a confidentiality agreement.")
        if group.quorum_rule is QuorumRule.STATUTORY_PARTNERS or group.quorum:
            quorum = _quorum(group)
            facts.append(f"Quorum: {quorum[:1].lower()}{quorum[1:]}.")
        if facts:
            doc.para(" ".join(facts), "small")
        if not members:
            doc.para("No members on this date.")
            continue
        headers = ["Role", "Name", "Job title", "Representing", "Since"]
        if group.needs_agreement:
            headers.append("Agreement")
        rows = []
        for m in members:
            role = m.role.label + (f" for {isolate(m.deputy_for_name)}" if m.deputy_for_name else "")
            row = [role, m.person_name, titles.get(m.person_id, ""), m.organisation_name, m.start_date]
            if group.needs_agreement:
                row.append("MISSING" if m.missing_agreement else "Signed")
            rows.append(row)
        doc.table(headers, rows)
        missing = sum(1 for m in members if m.missing_agreement)
        if missing:
            doc.para(
                f"{missing} member{'s have' if missing != 1 else ' has'} no current confidentiality "
                "agreement.", "small",
            )
    progress(2, 2, "Saving…")
    return doc.build()


def _quorum(group) -> str:
    """'Each of the three safeguarding partners represented', '5 members', 'No number set'."""
    if group.quorum_rule is QuorumRule.STATUTORY_PARTNERS:
        return group.quorum_rule.label
    return f"{group.quorum} member{'s' if group.quorum != 1 else ''}" if group.quorum else "No number set"
