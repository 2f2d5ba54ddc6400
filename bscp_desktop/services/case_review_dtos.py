"""Case reviews' inputs and DTOs: what a command takes (`CaseReviewFields`), a case as the
window and the outputs see it (`CaseReviewDTO`), and a row of the tracker (`TrackerRow`).
Importable from `services.case_reviews` as well."""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date

from bscp_desktop.domain.case_review_clocks import Clock, next_step
from bscp_desktop.domain.case_reviews import STAGE_KEYS, AgeBand, CaseKind, Decision, Harm, IncidentType, Outcome, PanelView, Sex, case_kind
from bscp_desktop.services.common import ArchivedAt, CommandFields, Versioned, same_as


@dataclass(frozen=True)
class CaseReviewFields(CommandFields):
    alias: str
    incident_type: IncidentType | str | None
    became_aware: date | None
    age_band: AgeBand | str | None = None
    looked_after: bool = False
    summary: str = ""
    incident_date: date | None = None
    notification_sent: date | None = None
    partners_told: date | None = None
    rapid_review_meeting: date | None = None
    rapid_review_sent: date | None = None
    panel_response: date | None = None
    decision: Decision | str | None = None
    decision_date: date | None = None
    reviewer: str = ""
    tor_agreed: date | None = None
    family_involvement: str = ""
    draft_report: date | None = None
    final_report: date | None = None
    sent_to_panel_sos: date | None = None
    published: date | None = None
    not_published_reason: str = ""
    closed: date | None = None
    themes: tuple[str, ...] = ()
    agency_ids: tuple[int, ...] = ()
    sex: Sex | str | None = None
    harm: Harm | str | None = None
    outcome: Outcome | str | None = None  # empty while not yet considered
    considered_on: date | None = None
    considered_meeting_id: int | None = None
    sos_ofsted_notified: date | None = None
    rapid_review_meeting_id: int | None = None
    crg_recommendation: Decision | str | None = None  # the Case Review Group's recommendation
    panel_view: PanelView | str | None = None
    planned_publication: date | None = None
    delay_reason: str = ""
    delay_told_panel: date | None = None

    def stage_dates(self) -> dict[str, date | None]:
        return {key: getattr(self, key) for key in STAGE_KEYS}


@dataclass(frozen=True)
class CaseReviewDTO(ArchivedAt, Versioned):
    id: int
    reference: str
    alias: str
    age_band: AgeBand | None
    incident_type: IncidentType
    looked_after: bool
    summary: str
    incident_date: date | None
    became_aware: date
    notification_sent: date | None
    partners_told: date | None
    rapid_review_meeting: date | None
    rapid_review_sent: date | None
    panel_response: date | None
    decision: Decision | None
    decision_date: date | None
    reviewer: str
    tor_agreed: date | None
    family_involvement: str
    draft_report: date | None
    final_report: date | None
    sent_to_panel_sos: date | None
    published: date | None
    not_published_reason: str
    closed: date | None
    themes: tuple[str, ...]
    agency_ids: tuple[int, ...]
    agency_names: tuple[str, ...]
    sex: Sex | None = None
    harm: Harm | None = None
    outcome: Outcome | None = None
    considered_on: date | None = None
    considered_meeting_id: int | None = None
    considered_meeting_title: str = ""
    sos_ofsted_notified: date | None = None
    rapid_review_meeting_id: int | None = None
    rapid_review_meeting_title: str = ""
    crg_recommendation: Decision | None = None
    panel_view: PanelView | None = None
    planned_publication: date | None = None
    delay_reason: str = ""
    delay_told_panel: date | None = None
    name_warnings: str = ""  # warnings of real names an officer confirmed, one a line

    @property
    def kind(self) -> CaseKind | None:
        return case_kind(self.incident_type, self.looked_after, self.age_band)

    @property
    def not_notifiable(self) -> bool:
        return self.outcome is Outcome.NOT_NOTIFIABLE

    @property
    def name(self) -> str:
        return f"{self.reference} ({self.alias})"

    def stage_dates(self) -> dict[str, date | None]:
        return {key: getattr(self, key) for key in STAGE_KEYS}

    def to_fields(self) -> CaseReviewFields:
        """The record as input for `update_case_review` (for edits of one field)."""
        names = {f.name for f in fields(CaseReviewFields)}
        return CaseReviewFields(**{n: getattr(self, n) for n in names})


@dataclass(frozen=True)
class TrackerRow:
    """One row of the tracker: the case, its current stage and its clocks on a given day, and how
    many actions raised from its recommendations are still to do (`open_actions`)."""

    case: CaseReviewDTO
    stage: str
    clocks: tuple[Clock, ...]
    next: Clock | None
    today: date
    open_actions: int = 0

    # the row protocol: the case's
    id = same_as("case.id")
    archived = same_as("case.archived")
    name = same_as("case.name")

    @property
    def next_step(self) -> str:
        """What the case waits for, in words (said when no statutory clock is running): a step
        of the route is waited for only when its case has a clock for it, as the rules say; once
        every step is done, its action plan while any of its actions is still to do."""
        case = self.case
        clocked = frozenset(c.met_by for c in self.clocks) if self.clocks else None
        return next_step(case.stage_dates(), case.decision, case.not_published_reason, case.outcome, clocked,
                         open_actions=self.open_actions)

    @property
    def next_text(self) -> str:
        """The next deadline, or when none is running, the next step in words."""
        return self.next.label if self.next is not None else self.next_step
