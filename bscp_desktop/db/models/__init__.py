"""All models, imported so that `Base.metadata` knows every table."""

from bscp_desktop.db.models.actions import Action, ActionUpdate
from bscp_desktop.db.models.history import ChangeRecord
from bscp_desktop.db.models.memberships import (
    ConfidentialityAgreement,
    Group,
    Membership,
    Organisation,
    Person,
)
from bscp_desktop.db.models.settings import Setting

__all__ = [
    "Action",
    "ActionUpdate",
    "ChangeRecord",
    "ConfidentialityAgreement",
    "Group",
    "Membership",
    "Organisation",
    "Person",
    "Setting",
]
