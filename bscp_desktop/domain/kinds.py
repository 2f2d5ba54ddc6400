"""The kinds of record: the one vocabulary for change notices, pages and workbooks.

Every table belongs to one kind (its model says which, as `__kind__`). When a unit of work
commits, the database announces the kinds it changed; a page declares the kinds it shows and
reloads when one of them changed. An area's workbook is named by its kind
(`export xlsx --area case-reviews`).

A new area adds its kind here (one line) and names it on its models.
"""

from __future__ import annotations

import enum


class RecordKind(enum.StrEnum):
    MEMBERSHIPS = "memberships"  # organisations, people, groups, memberships, agreements
    MEETINGS = "meetings"  # meetings, series, agendas, minutes, decisions, attendance
    CASE_REVIEWS = "case-reviews"  # case reviews and their recommendations
    AUDITS = "audits"
    TRAINING = "training"
    FINANCE = "finance"
    ACTIONS = "actions"  # the one action log and its progress updates
    YEARLY_REPORT = "yearly-report"  # yearly reports and their sections
    SETTINGS = "settings"  # team settings: partnership name, deadline rules, thresholds
    HISTORY = "history"  # the change history

    @property
    def label(self) -> str:
        return self.value.replace("-", " ").capitalize()


ALL_KINDS: frozenset[RecordKind] = frozenset(RecordKind)
