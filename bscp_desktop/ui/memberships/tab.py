"""The Memberships tab: organisations, people, groups, memberships, confidentiality agreements."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QHBoxLayout, QMessageBox

from bscp_desktop.domain.kinds import RecordKind
from bscp_desktop.domain.text import counted
from bscp_desktop.domain.validation import local_time_if_any
from bscp_desktop.services import actions as al
from bscp_desktop.services import memberships as ms
from bscp_desktop.ui.common.area_tab import AreaTab, area_sections_made_when_shown, tab_shortcuts
from bscp_desktop.ui.common.editors import DateEdit
from bscp_desktop.ui.common.labels import ERROR_COLOUR, ERROR_STYLE, plain_label, tinted
from bscp_desktop.ui.common.list_page import Filter, PageSpec, RecordListPage
from bscp_desktop.ui.common.messages import show_error
from bscp_desktop.ui.common.sections import section_pages
from bscp_desktop.ui.common.table_model import WARNING_BACKGROUND, Column, attribute_columns
from bscp_desktop.ui.memberships import import_export, moving
from bscp_desktop.ui.memberships.dialogs import AgreementDialog, GroupDialog, MembershipDialog, OrganisationDialog, PersonDialog

SHOWS = (RecordKind.MEMBERSHIPS,)
# an archived group's seats stay listed: it is offered too, marked archived
GROUP_FILTER = Filter("group_id", "Group:", lambda db: ms.group_choices(db, named_by=RecordKind.MEMBERSHIPS), "All groups")

ORGANISATIONS = PageSpec(
    noun="organisation",
    kinds=SHOWS,
    columns=[
        *attribute_columns(
            ("Name", "name"), ("Short name", "short_name"), ("Kind", "kind"),
            ("Part of", "parent_name"),
        ),
        Column("Other names", lambda o: o.aliases_text, tooltip=lambda o: o.aliases_text),
        Column("Archived", lambda o: local_time_if_any(o.archived_at)),
    ],
    load=lambda db, q: ms.list_organisations(db, include_archived=q.include_archived),
    empty_text="No organisations yet: press New organisation, or import a list.",
    dialog=OrganisationDialog,
    archive=ms.archive_organisation,
    restore=ms.restore_organisation,
    archive_note=ms.organisation_archive_note,
)

PEOPLE = PageSpec(
    noun="person",
    kinds=SHOWS,
    columns=[
        *attribute_columns(
            ("Name", "name"), ("Job title", "job_title"), ("Organisation", "organisation_name"),
            ("Email", "email"), ("Phone", "phone"),
        ),
        Column("Archived", lambda p: local_time_if_any(p.archived_at)),
    ],
    load=lambda db, q: ms.list_people(db, include_archived=q.include_archived),
    empty_text="No people yet: press New person, or import a list.",
    dialog=PersonDialog,
    archive=ms.archive_person,
    restore=ms.restore_person,
    archive_note=lambda db, person_id: person_archive_note(db, person_id),
)


def person_archive_note(db, person_id: int, on: date | None = None) -> str:
    """What archiving a person leaves behind, asked first: the planned meetings they are to chair
    or take the minutes of, and the open actions they own ('' for nothing)."""
    return " ".join(filter(None, (ms.planned_meetings_note(db, person_id, on),
                                  al.open_actions_note(db, "owner_person_id", [person_id]))))


GROUPS = PageSpec(
    noun="group",
    kinds=SHOWS,
    columns=[
        *attribute_columns(
            ("Name", "name"), ("Tier", "tier"), ("Reports to", "parent_name"),
            ("Agreement needed", "needs_agreement"), ("Usual frequency", "frequency"),
        ),
        Column("Purpose", lambda g: g.purpose.replace("\n", " ")),
    ],
    load=lambda db, q: ms.list_groups(db, include_archived=q.include_archived),
    empty_text="No groups yet: press New group to add the partnership's groups.",
    dialog=GroupDialog,
    archive=ms.archive_group,
    restore=ms.restore_group,
    archive_note=ms.archive_note,
)

AGREEMENTS = PageSpec(
    noun="confidentiality agreement",
    kinds=SHOWS,
    columns=lambda today: [
        *attribute_columns(
            ("Person", "person_name"), ("Signed on", "signed_on"), ("Review due", "review_due"),
        ),
        Column(
            "Current",
            lambda a: a.standing_on(today()),
            background=lambda a: WARNING_BACKGROUND if a.needs_attention_on(today()) else None,
            tooltip=lambda a: f"Renewed: {a.person_name} signed a newer agreement on {a.renewed_on:%d/%m/%Y}"
            if a.renewed_by(today()) else "",
        ),
        Column("Notes", lambda a: a.notes.replace("\n", " ")),
    ],
    load=lambda db, q: ms.list_agreements(db, include_archived=q.include_archived),
    empty_text="No confidentiality agreements yet: press New confidentiality agreement when a member signs one.",
    dialog=AgreementDialog,
    archive=ms.archive_agreement,
    restore=ms.restore_agreement,
)

MEMBERSHIPS = PageSpec(
    noun="membership",
    kinds=SHOWS,
    columns=[
        *attribute_columns(
            ("Person", "person_name"), ("Group", "group_name"), ("Role", "role"),
            ("Representing", "organisation_name"), ("Deputy for", "deputy_for_name"), ("Start", "start_date"),
            ("End", "end_date"),
        ),
        Column(
            "Agreement",
            lambda m: ("Missing" if m.missing_agreement else "Signed") if m.needs_agreement else "Not needed",
            tooltip=lambda m: "This group needs a signed confidentiality agreement and this "
            "member has no current one." if m.missing_agreement else "",
            background=lambda m: WARNING_BACKGROUND if m.missing_agreement else None,
        ),
    ],
    load=lambda db, q: ms.list_memberships(db, on=q["as_on"], group_id=q["group_id"], include_archived=q.include_archived),
    empty_text="No memberships yet: press New membership to say who sits on which group.",
    dialog=MembershipDialog,
    archive=ms.archive_membership,
    restore=ms.restore_membership,
    filters=(GROUP_FILTER,),
)


@section_pages("memberships", "people", "organisations", "groups", "agreements")
class MembershipsTab(AreaTab):
    def __init__(self, db, parent=None):
        super().__init__(db, parent)
        self.sections = area_sections_made_when_shown(self, {
            "memberships": ("Memberships", lambda: MembershipsPage(db, self)),
            "people": ("People", lambda: PeoplePage(db, self)),
            "organisations": ("Organisations", lambda: OrganisationsPage(db, self)),
            "groups": ("Groups", lambda: RecordListPage(db, GROUPS, self)),
            "agreements": ("Confidentiality agreements", lambda: RecordListPage(db, AGREEMENTS, self)),
        })
        # after an import, the list of what was imported ("people" or "organisations")
        self.import_bar = import_export.ImportBar(db, self, on_imported=self.sections.show_page)
        # on its own row above the sections, as on the Training tab: beside the section tabs it
        # would take their room, and at a large font cut their names short
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addStretch(1)
        row.addWidget(self.import_bar)
        self.layout().insertLayout(0, row)
        tab_shortcuts(self, lambda: self.output("memberships"), lambda: self.output("members"))

    def make_outputs(self) -> list[QAction]:
        return import_export.export_actions(self, self.db, self._as_on)

    def _as_on(self) -> date | None:
        """The Memberships page's 'As on' date, if the page is made and one is given."""
        page = self.sections.built_page("memberships")
        return page.as_on_date() if page is not None else None

    def show_record(self, kind: str, record_id: int, detail_id: int | None = None) -> None:
        """Show a record (from a search hit): its section, with the record selected."""
        name = {
            "person": "people", "organisation": "organisations", "group": "groups",
            "membership": "memberships", "agreement": "agreements",
        }.get(kind)
        if name is None:
            return
        self.sections.show_page(name).show_record(record_id)  # search and filters cleared: the record is listed


class OrganisationsPage(RecordListPage):
    """Organisations, with the chosen one's engagement (and its own workbook) a click away."""

    def __init__(self, db, parent=None):
        super().__init__(db, ORGANISATIONS, parent)
        self.engagement_action = QAction("Engagement and workbook…", self)
        self.engagement_action.setToolTip("What this organisation took part in over a period, and its own workbook")
        self.engagement_action.triggered.connect(self.show_engagement)
        self.engagement_action.setEnabled(False)
        self.toolbar.addAction(self.engagement_action)

    def update_actions(self, row) -> None:
        self.offer_tool(self.engagement_action, "" if row is not None else "Choose an organisation first.")

    def show_engagement(self):
        from bscp_desktop.ui.yearly_report.engagement import open_engagement

        row = self.selected()
        if row is not None:
            return open_engagement(self, self.db, row.id)
        return None


class PeoplePage(RecordListPage):
    """People: archiving someone offers to end their memberships on the same day."""

    def __init__(self, db, parent=None):
        super().__init__(db, PEOPLE, parent)

    def on_archive(self) -> None:
        row = self.selected()
        if row is None or row.archived:
            return
        today = self.fixed_today or date.today()
        try:
            running = ms.open_memberships_of(self.db, row.id, today)
            left = person_archive_note(self.db, row.id, today) if running else ""  # their planned meetings and open actions
        except Exception as exc:
            show_error(self, "Could not archive the person", exc)
            return
        if not running:
            super().on_archive()
            return
        listed = "; ".join(f"{m.group_name} ({m.role.label.lower()})" if m.person_id == row.id
                           else f"{m.group_name} ({m.person_name}, their deputy)" for m in running[:6])
        if len(running) > 6:
            listed += f"; and {len(running) - 6} more"
        deputies = "; ".join(dict.fromkeys(f"{m.person_name} on {m.group_name}" for m in running if m.person_id != row.id))
        deputies_end = (f" “Archive only” leaves their own memberships as they are, but still ends their deputies' "
                        f"seats for them ({deputies}) on {today:%d/%m/%Y}: a deputy stands in only while the member "
                        "sits on the group.") if deputies else ""
        box = QMessageBox(
            QMessageBox.Icon.Question, "Archive person",
            f"Archive {row.name}? They have {counted(len(running), 'current membership')}: {listed}.{' ' + left if left else ''}\n\n"
            f"End them on {today:%d/%m/%Y} too? Either way they count as a member up to {today:%d/%m/%Y}, and are "
            f"added to no attendance register of a meeting after it.{deputies_end}",
            parent=self,
        )
        box.setTextFormat(Qt.TextFormat.PlainText)  # names of people and groups, as typed
        end = box.addButton("Archive and end memberships", QMessageBox.ButtonRole.AcceptRole)
        only = box.addButton("Archive only", QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(end)
        box.exec()
        clicked = box.clickedButton()
        if clicked is end:
            self.run_command(lambda: ms.archive_person(self.db, row.id, end_memberships_on=today))
        elif clicked is only:
            self.run_command(lambda: ms.archive_person(self.db, row.id))

    def on_restore(self) -> None:
        """Restore the person, and the seats archiving them ended; any seat that could not be put
        back is named, with why and what brings it back (the service's sentences), so the officer
        can see to it."""
        row = self.selected()
        if row is None:
            return
        left: list[str] = []
        if not self.run_command(lambda: left.extend(ms.restore_person(self.db, row.id))) or not left:
            return
        box = QMessageBox(
            QMessageBox.Icon.Warning, "Person restored",
            f"{row.name} is restored, but {counted(len(left), 'membership')} that ended when they were archived "
            f"{'was' if len(left) == 1 else 'were'} not put back:\n\n" + "\n\n".join(left),
            parent=self,
        )
        box.setTextFormat(Qt.TextFormat.PlainText)  # names of people and groups, as typed
        box.exec()


class MembershipsPage(RecordListPage):
    """Who sits on which group: filter by group and by 'as on' date; flags missing agreements."""

    def __init__(self, db, parent=None):
        super().__init__(db, MEMBERSHIPS, parent)
        self.group_filter = self.filters["group_id"]
        self.as_on = DateEdit()
        self.as_on.setAccessibleName("As on date")
        self.as_on.setToolTip("Show only memberships in force on this date (dd/mm/yyyy); empty shows all")
        self.add_filter_widget(self.as_on, "As on:")
        self.as_on.changed.connect(self._as_on_changed)
        self._as_on_shown: date | None = None  # the last date typed that is one: what the list shows
        self.as_on_problem = tinted(plain_label("", self, wrap=True, name="As on date problem"), ERROR_COLOUR)
        self.as_on_problem.hide()
        self.layout().insertWidget(2, self.as_on_problem)
        self.move_action = self.add_tool(moving.MOVE_TEXT, self.move_seat, moving.MOVE_TIP)

    def update_actions(self, row) -> None:
        self.offer_tool(self.move_action, moving.why_not_moved(row, self.fixed_today or date.today()))

    def move_seat(self) -> None:
        """Move the chosen membership to another organisation or role from a date; the new one is
        then chosen in the list."""
        row = self.selected()
        if row is None or moving.why_not_moved(row, self.fixed_today or date.today()):
            return
        dialog = moving.MoveSeatDialog(self.db, row, self, today=self.fixed_today)
        if dialog.exec() and dialog.result_value is not None:
            self.show_saved(dialog.result_value)

    def filters_set(self) -> bool:
        return super().filters_set() or self.as_on_date() is not None

    def clear_filters(self, record=None) -> None:
        """The search, the group and the 'As on' date cleared (one read of the list after, not
        one for each): for a search hit, and for a membership saved that they leave out."""
        super().clear_filters(record)
        self.as_on.blockSignals(True)
        self.as_on.set_value(None)
        self.as_on.blockSignals(False)
        self.as_on.line.setStyleSheet("")
        self._as_on_shown = None
        self.as_on_problem.hide()

    def new_dialog(self, parent):
        return MembershipDialog(self.db, None, parent, group_id=self.group_filter.currentData())

    def query(self):
        q = super().query()
        q.filters["as_on"] = self.as_on_date()
        return q

    def _as_on_changed(self) -> None:
        try:
            day = self.as_on.value()  # None when emptied: every membership
        except ValueError as exc:  # not a date (yet): the list stays as it was, and says so
            self.as_on.line.setStyleSheet(ERROR_STYLE)
            shown = f"as on {self._as_on_shown:%d/%m/%Y}" if self._as_on_shown else "of every date"
            self.as_on_problem.setText(f"As on: {exc}. Still showing the memberships {shown}.")
            self.as_on_problem.show()
            return
        self.as_on.line.setStyleSheet("")
        self.as_on_problem.hide()
        self._as_on_shown = day
        self.reload()

    def as_on_date(self) -> date | None:
        """The date the list is shown as on (the last one typed that is a date), None for all."""
        return self._as_on_shown
