"""The case audits' recommendations with their action counts, and below them the actions of
the selected one (the shared recommendations page, in the audits' words)."""

from __future__ import annotations

from bscp_desktop.domain.audits import AUDIT_ALIAS_REMINDER
from bscp_desktop.services.audits import case_audits as ca
from bscp_desktop.services.audits import learning as le
from bscp_desktop.ui.actions.recommendations import RecommendationsView
from bscp_desktop.ui.common.table_model import Column

RECOMMENDATIONS = RecommendationsView(
    le.RECOMMENDATIONS, "Audit", (Column("Audit", lambda r: r.audit_reference),),
    ca.audit_choices, "All audits", AUDIT_ALIAS_REMINDER,
    "No recommendations yet: select an audit and press New recommendation to record what it recommends.",
    new_record=lambda db, parent: _new_audit(db, parent),
)


def _new_audit(db, parent):
    from bscp_desktop.ui.audits.audit_dialogs import AuditDialog

    return AuditDialog(db, None, parent)
