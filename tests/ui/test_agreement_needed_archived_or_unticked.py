"""The Memberships and Confidentiality agreements pages of the window agree on who needs an
agreement: once a group's "Members must sign a confidentiality agreement" box is unticked, or
the group is archived, neither flags a member whose agreement has lapsed since."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt

from bscp_desktop.domain.memberships import Role
from bscp_desktop.services import memberships as ms
from bscp_desktop.ui.common.table_model import WARNING_BACKGROUND
from bscp_desktop.ui.memberships.tab import MembershipsTab
from tests.ui.helpers import settled

NOT_NEEDED = "Not needed: no longer on a group that needs one"


@pytest.fixture
def signing(db):
    """Una sits on the Forum (box unticked since), Cara on the Case Review Group (archived
    today, her agreement current until the day before) and Mo on the Practice Review Group
    (box ticked, agreement lapsed): all three agreements lapsed by today."""
    today = date.today()
    groups = {name: ms.create_group(db, ms.GroupFields(name, tier=3, needs_agreement=True))
              for name in ("Forum", "Case Review Group", "Practice Review Group")}
    for person, group, review_due in (("Una Unticked", "Forum", date(2024, 3, 31)),
                                      ("Cara Covered", "Case Review Group", today - timedelta(days=1)),
                                      ("Mo Member", "Practice Review Group", date(2024, 3, 31))):
        p = ms.create_person(db, ms.PersonFields(person))
        ms.create_membership(db, ms.MembershipFields(p.id, groups[group].id, Role.MEMBER, date(2023, 1, 1)))
        ms.create_agreement(db, ms.AgreementFields(p.id, date(2023, 1, 1), review_due))
    ms.update_group(db, groups["Forum"].id, ms.GroupFields("Forum", tier=3, needs_agreement=False))
    ms.archive_group(db, groups["Case Review Group"].id)
    return db


def _column(tab, name: str, header: str) -> dict[str, tuple[str, bool]]:
    """{person: (the column's text, whether it is in the warning colour)}, as one page of the tab shows them."""
    page = getattr(tab, name)
    tab.sections.setCurrentWidget(page)
    settled(page)
    headers = [c.header for c in page.model.columns]
    person, column, proxy = headers.index("Person"), headers.index(header), page.proxy
    return {proxy.data(proxy.index(r, person)): (proxy.data(proxy.index(r, column)),
                                                 proxy.data(proxy.index(r, column), Qt.ItemDataRole.BackgroundRole) == WARNING_BACKGROUND)
            for r in range(proxy.rowCount())}


@pytest.mark.slow
def test_the_memberships_and_agreements_pages_agree(qtbot, signing):
    tab = MembershipsTab(signing)
    qtbot.addWidget(tab)
    tab.show()
    seats = _column(tab, "memberships", "Agreement")
    agreements = _column(tab, "agreements", "Current")
    assert seats == {"Una Unticked": ("Not needed", False), "Cara Covered": ("Signed", False),
                     "Mo Member": ("Missing", True)}
    assert agreements == {"Una Unticked": (NOT_NEEDED, False), "Cara Covered": (NOT_NEEDED, False),
                          "Mo Member": ("No: review overdue", True)}
