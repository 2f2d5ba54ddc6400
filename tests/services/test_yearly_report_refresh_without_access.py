"""A refresh by a login that may not read a section's records (case reviews, audits on a team
database) leaves the section as it is and says so; a section kept as that refusal by an earlier
version counts as empty and keeps the report from being marked final."""

from __future__ import annotations

import uuid
from datetime import date

import pytest

from bscp_desktop.cli import main
from bscp_desktop.db.database import Database
from bscp_desktop.domain.validation import ValidationError
from bscp_desktop.domain.yearly_report import CheckState
from bscp_desktop.services import yearly_report as yr
from tests.services.test_yearly_report import write_every_section

PERIOD = (date(2023, 4, 1), date(2024, 3, 31))
CLOSED = ("case_reviews", "audits")
LEFT = ("Case reviews and learning was left as it was: your login may not read case reviews; ask a colleague "
        "who can to refresh it")


def _login(address: str, *groups: str) -> str:
    role = f"p_{uuid.uuid4().hex[:10]}"
    flags = [arg for g in groups for arg in ("--group", g)]
    assert main(["team", "person", role, "--name", f"Officer {role}", *flags, "--db", address]) == 0
    return address.replace("postgresql://bscp_test@", f"postgresql://{role}@", 1)


def _kept(report: yr.ReportDTO) -> dict:
    return {s.key: (s.blocks, s.text, s.built_at, s.fingerprint) for s in report.sections if s.key in CLOSED}


@pytest.mark.slow
def test_an_officer_without_case_access_refreshing_leaves_the_case_sections_as_built(pg_demo_template):
    address = pg_demo_template.copy()
    assert main(["team", "roles", "--apply", "--db", address]) == 0
    cara, olu = _login(address, "officer", "case-reviews"), _login(address, "officer")
    with Database.open_target(cara) as db:
        report = yr.list_reports(db)[0]  # the demo's, over a year of case reviews and audits
        built = yr.refresh_all(db, report.id, today=date(2024, 6, 1))
        assert built.left == ()
        assert all(built.section(k).has_data for k in CLOSED)
    with Database.open_target(olu) as db:
        left = yr.refresh_all(db, report.id, today=date(2024, 6, 1))
        assert left.left == (LEFT, LEFT.replace("Case reviews and learning", "Multi-agency audits and Section 11")
                             .replace("read case reviews", "read audits"))
        assert _kept(left) == _kept(built)  # the colleague's figures and words, as they were
        with pytest.raises(ValidationError) as e:
            yr.refresh_section(db, report.id, "case_reviews", today=date(2024, 6, 1))
        assert e.value.errors["refresh"] == LEFT
        assert left.section("membership").built_at > built.section("membership").built_at  # the rest refreshed
    with Database.open_target(cara) as db:
        assert _kept(yr.get_report(db, report.id)) == _kept(built)


def _refused(*_args):
    raise PermissionError("Your login may not read these records on this team database.")


@pytest.mark.slow
def test_a_section_never_built_that_the_login_may_not_build_is_reported_not_filled(db, monkeypatch):
    from bscp_desktop.services.yearly_report import sections

    monkeypatch.setitem(sections.BUILDERS, "case_reviews", _refused)
    report = yr.create_report(db, yr.ReportFields("Never built", *PERIOD))
    refreshed = yr.refresh_all(db, report.id, today=date(2024, 6, 1))
    assert refreshed.left == (LEFT,)
    kept = refreshed.section("case_reviews")
    assert kept.built_at is None and kept.blocks == () and kept.text == ""
    assert refreshed.section("membership").built_at is not None


@pytest.mark.slow
def test_a_section_kept_as_a_refusal_by_an_earlier_version_is_empty_and_never_final(db, monkeypatch):
    from bscp_desktop.services.yearly_report import _section_row, _store, sections

    report = yr.create_report(db, yr.ReportFields("Saved before", *PERIOD))
    write_every_section(db, report.id)
    yr.refresh_all(db, report.id, today=date(2024, 6, 1))
    with monkeypatch.context() as m:  # what an earlier version kept when such a login refreshed it
        m.setitem(sections.BUILDERS, "audits", _refused)
        refusal = yr.build_section(db, "audits", *PERIOD)
    with db.unit_of_work() as session:
        _store(_section_row(session, report.id, "audits"), refusal)
    saved = yr.get_report(db, report.id)
    assert yr.holds_a_refusal(saved.section("audits"))
    assert yr.section_states(db, saved, date(2024, 6, 1))["audits"] is CheckState.EMPTY
    refusal = yr.final_refusal(saved, today=date(2024, 6, 1))
    assert refusal is not None and "'Multi-agency audits and Section 11'" in refusal.errors["final"]
    with pytest.raises(ValidationError):
        yr.set_final(db, report.id, True, on=date(2024, 6, 1))
    assert not yr.get_report(db, report.id).final
    yr.refresh_section(db, report.id, "audits", today=date(2024, 6, 1))  # a login that may read them
    assert yr.final_refusal(yr.get_report(db, report.id), today=date(2024, 6, 1)) is None
