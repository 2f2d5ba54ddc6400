"""The yearly report's finance section says, as the finance summary does, when training
sessions of the period have a cost not in the expenditure yet: its expenditure and balance leave
it out, so a published underspend is not silently too high. Once recorded, it says nothing."""

from __future__ import annotations

from datetime import date

from bscp_desktop.domain.finance import Period
from bscp_desktop.domain.yearly_report import Para
from bscp_desktop.services import finance as fin
from bscp_desktop.services import yearly_report as yr

START, END = date(2023, 4, 1), date(2024, 3, 31)


def _said(section) -> list[str]:
    return [b.text for b in section.blocks if isinstance(b, Para)]


def test_the_finance_section_names_the_session_costs_the_finance_summary_names(demo_db):
    data = fin.gather(demo_db, Period(START, END))
    summary_words = fin.costs_not_recorded_sentence(data.costs_not_recorded)
    assert data.costs_not_recorded and summary_words.startswith(f"{len(data.costs_not_recorded)} training session")
    section = yr.build_section(demo_db, "finance", START, END, today=date(2026, 12, 7))
    assert summary_words in _said(section)
    assert section.draft.endswith(summary_words)  # the words the team starts from say it too

    category = fin.list_categories(demo_db)[0]
    fin.record_session_costs(demo_db, [c.session_id for c in data.costs_not_recorded], category.id,
                             today=date(2026, 12, 7))
    recorded = yr.build_section(demo_db, "finance", START, END, today=date(2026, 12, 7))
    assert not [t for t in _said(recorded) if "training session" in t] and "training session" not in recorded.draft
