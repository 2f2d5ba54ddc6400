"""`bscp-desktop search` printed a confidential agenda item's minutes like any other record's,
with nothing saying the item was confidential. Each such line now says "(confidential item)"
in its title; the words found are still printed, to the officer who searched, as the window
shows them."""

from __future__ import annotations

from bscp_desktop.cli import main
from bscp_desktop.db.database import Database
from tests.meetings_world import build_world, minutes_with_a_confidential_item


def test_search_marks_a_confidential_items_minutes_and_decisions(db_path, capsys):
    with Database.open(db_path) as db:
        minutes_with_a_confidential_item(db, build_world(db))
    capsys.readouterr()
    assert main(["search", "LADO", "Vole", "--db", str(db_path)]) == 0
    lines = {tuple(line.split("\t")[3:]) for line in capsys.readouterr().out.splitlines()}
    titles = {title for title, _snippet in lines}
    assert titles == {"Item 1: Vole project update", "Item 2: Staffing matter (confidential item)",
                      "Decision on item 2: Refer Dr Vole to the LADO (confidential item)"}
    snippet = next(s for t, s in lines if t.startswith("Item 2"))
    assert snippet == "Dr Harriet [Vole] suspended pending [LADO] referral."
