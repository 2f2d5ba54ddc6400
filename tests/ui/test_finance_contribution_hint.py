"""The New contribution dialog shows the Contributor hint whole, at the width it opens at and
wider, whichever kind of contribution is chosen."""

from __future__ import annotations

from datetime import date

from bscp_desktop.domain.finance import ContributionKind
from bscp_desktop.ui.common.dialog_fit import shortfalls
from bscp_desktop.ui.dialog_catalogue import clipped
from bscp_desktop.ui.finance.dialogs import ContributionDialog


def test_the_contributor_hint_reads_whole_across_the_fields(qtbot, db):
    dialog = ContributionDialog(db, None, None, today=date(2024, 6, 3))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    hint = dialog.contributor.parentWidget().findChildren(type(dialog.status))[0]
    assert hint.text().startswith("Safeguarding partners are")
    assert hint.width() >= dialog.year.width()  # as wide as the widest field, not the drop-down's width
    assert clipped(dialog) == []
    for kind in (ContributionKind.IN_KIND, ContributionKind.CASH):
        dialog.kind.setCurrentIndex(dialog.kind.findData(kind))
        qtbot.waitUntil(lambda: shortfalls(dialog) == [])
    dialog.resize(900, dialog.height())
    qtbot.waitUntil(lambda: shortfalls(dialog) == [])
    assert hint.height() >= hint.heightForWidth(hint.width())
