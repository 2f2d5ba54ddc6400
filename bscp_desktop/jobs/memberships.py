"""The memberships workbook: organisations, people, groups, memberships and agreements.

Every field is exported, archived records included (with the date they were archived), so the
workbook is a complete copy the team can send to partners or keep. The People and
Organisations sheets use the import column headings, so an edited sheet can be imported back.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from bscp_desktop.jobs import Progress, no_progress, xlsx_area
from bscp_desktop.reports.xlsx import Column, WorkbookBuilder
from bscp_desktop.services import memberships as ms


def _archived(record) -> object:
    return record.archived_at


ARCHIVED = Column("Archived", "date")


def build_workbook(db, today: date | None = None, progress: Progress = no_progress) -> WorkbookBuilder:
    today = today or date.today()
    wb = WorkbookBuilder(title="Memberships", subject="Organisations, people, groups and memberships")
    progress(0, 5, "Organisations…")
    wb.add_sheet(
        "Organisations",
        [Column("Name"), Column("Short name"), Column("Kind"), Column("Statutory partner", "bool"), ARCHIVED],
        (
            [o.name, o.short_name, o.kind, o.kind.is_statutory_partner, _archived(o)]
            for o in ms.list_organisations(db, include_archived=True)
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
         Column("Usual frequency"), Column("Purpose"), ARCHIVED],
        (
            [g.name, g.tier, g.parent_name, g.needs_agreement, g.frequency, g.purpose, _archived(g)]
            for g in ms.list_groups(db, include_archived=True)
        ),
    )
    progress(3, 5, "Memberships…")
    memberships = sorted(
        ms.list_memberships(db, include_archived=True, today=today),
        key=lambda m: (m.group_name.casefold(), list(type(m.role)).index(m.role), m.person_name.casefold(), m.start_date),
    )
    wb.add_sheet(
        "Memberships",
        [Column("Group"), Column("Person"), Column("Role"), Column("Representing"), Column("Deputy for"),
         Column("Start", "date"), Column("End", "date"), Column("In force today", "bool"),
         Column("Agreement"), Column("Notes"), ARCHIVED],
        (
            [
                m.group_name, m.person_name, m.role, m.organisation_name, m.deputy_for_name,
                m.start_date, m.end_date, m.term.covers(today) and not m.archived,
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
         Column("Current today", "bool"), Column("Notes"), ARCHIVED],
        (
            [a.person_name, a.signed_on, a.review_due, a.current_on(today), a.notes, _archived(a)]
            for a in ms.list_agreements(db, include_archived=True)
        ),
    )
    return wb


@xlsx_area("memberships", "Memberships workbook")
def export_memberships(db, out: Path, progress: Progress = no_progress) -> Path:
    wb = build_workbook(db, progress=progress)
    progress(5, 5, "Saving…")
    return wb.save(out)
