"""A login a team database keeps case audits from gets no audit return figures in partner
engagement: not available, with why, in the window and the workbooks, never a false 0."""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal

import pytest

from bscp_desktop.cli import main
from bscp_desktop.db.database import Database
from bscp_desktop.jobs import engagement as je
from bscp_desktop.services import engagement as en

NOT_READ = "Your login may not read audits: audit returns are not counted here"


def _login(address: str, *groups: str) -> str:
    role = f"p_{uuid.uuid4().hex[:10]}"
    flags = [arg for g in groups for arg in ("--group", g)]
    assert main(["team", "person", role, "--name", f"Officer {role}", *flags, "--db", address]) == 0
    return address.replace("postgresql://bscp_test@", f"postgresql://{role}@", 1)


def _returns(row: en.Engagement) -> tuple:
    return row.audit_returns_on_time, row.audit_returns_late, row.audit_returns_outstanding


@pytest.mark.slow
def test_an_officer_without_case_access_has_no_audit_return_figures_never_zeros(pg_demo_template):
    address = pg_demo_template.copy()
    assert main(["team", "roles", "--apply", "--db", address]) == 0
    cara, olu = _login(address, "officer", "case-reviews"), _login(address, "officer")
    with Database.open_target(cara) as db:
        start, end = je.default_period(db)
        rows = en.engagement(db, start, end)
    assert all(r.audit_returns_counted for r in rows)
    asked = next(r.organisation_id for r in rows if any(_returns(r)))  # an organisation asked for returns
    with Database.open_target(olu) as db:
        rows = en.engagement(db, start, end)
        assert rows and all(_returns(r) == (None, None, None) and not r.audit_returns_counted for r in rows)
        partner = dict(je.partner_workbook(db, str(asked), start, end).sheet_values())["Engagement"]
        every = dict(je.engagement_workbook(db).sheet_values())
    at = partner.index(["Section 11 return", "Audit returns on time", "Audit returns late", "Audit returns outstanding"])
    assert partner[at + 1][1:] == [None, None, None] and partner[at + 2] == [f"Audit returns: {NOT_READ}."]
    table = every["Partner engagement"]
    on_time = table[0].index("Audit returns on time")
    assert all(row[on_time:on_time + 3] == [None, None, None] for row in table[1:])
    assert any(NOT_READ in str(line) for line in every["Audit returns not counted"])


def _row(counted: bool) -> en.Engagement:
    figures = (2, 1, 0) if counted else (None, None, None)
    return en.Engagement(1, "Brent Council", False, (), 1, 1, 0, 0, Decimal("0.00"), (), *figures,
                         Decimal("0.00"), Decimal("0.00"))


@pytest.mark.slow
def test_figures_not_counted_are_blank_with_the_sentence_in_the_partner_workbook():
    section = next(s for s in je.partner_figures(date(2023, 4, 1), date(2024, 3, 31), _row(False))
                   if s.title == "Section 11 and audits")
    assert section.rows[0][1:] == [None, None, None] and section.note == f"Audit returns: {NOT_READ}."
    counted = next(s for s in je.partner_figures(date(2023, 4, 1), date(2024, 3, 31), _row(True))
                   if s.title == "Section 11 and audits")
    assert counted.rows[0][1:] == [2, 1, 0] and counted.note == ""


@pytest.mark.slow
def test_the_window_shows_them_as_not_available_and_says_why(qtbot, db, monkeypatch):
    from bscp_desktop.ui.dialog_catalogue import finish_background_work
    from bscp_desktop.ui.yearly_report import engagement as window

    monkeypatch.setattr(en, "engagement", lambda *_a, **_k: [_row(False)])
    shown = window.EngagementWindow(db)
    qtbot.addWidget(shown)
    finish_background_work(60)
    qtbot.waitUntil(lambda: not shown.loading())
    headers = [c.header for c in window.COLUMNS]
    model = shown.model
    on_time = model.index(0, headers.index("Audit returns on time"))
    assert model.data(on_time) == "Not available" and model.data(model.index(0, headers.index("Audit returns late"))) == "Not available"
    assert NOT_READ in shown.state.text()
