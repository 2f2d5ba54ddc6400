"""`template s11` writes no return for a Section 11 cycle once the later cycle compared with it
has opened (today): the return could no longer be imported. It says why in one line, naming both
cycles, and writes nothing; the later cycle's return is written as before."""

from __future__ import annotations

from datetime import date, timedelta

from bscp_desktop.db.database import Database
from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.services import memberships as ms
from bscp_desktop.services.audits import section11 as s11
from tests.safety.helpers import cli


def test_template_s11_refuses_the_earlier_cycles_return_once_the_later_one_has_opened(db_file, tmp_path):
    opened = date.today() - timedelta(days=7)
    db = Database.open(db_file)
    try:
        police = ms.create_organisation(db, ms.OrganisationFields("Metropolitan Police", OrganisationKind.POLICE))
        earlier = s11.create_cycle(db, s11.CycleFields("2024-26", date(2024, 4, 1), date(2024, 6, 28)))
        later = s11.create_cycle(db, s11.CycleFields("Next cycle", opened, opened + timedelta(days=60),
                                                     compare_with_id=earlier.id))
        for cycle in (earlier, later):
            s11.add_agencies(db, cycle.id, [police.id])
    finally:
        db.close()
    old, new = tmp_path / "old.xlsx", tmp_path / "new.xlsx"
    result = cli("template", "s11", "--cycle", "2024-26", "--agency", "Metropolitan Police", "--db", db_file,
                 "-o", old, data_dir=tmp_path / "data")
    assert result.returncode != 0 and not old.exists()
    assert "Next cycle has opened and compares with 2024-26's ratings" in result.stderr
    assert "bscp-desktop template s11 --cycle Next cycle" in result.stderr
    result = cli("template", "s11", "--cycle", "Next cycle", "--agency", "Metropolitan Police", "--db", db_file,
                 "-o", new, data_dir=tmp_path / "data")
    assert result.returncode == 0 and new.exists()
