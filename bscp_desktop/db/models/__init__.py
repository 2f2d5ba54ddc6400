"""All models. Every module in this package is imported, so `Base.metadata` knows every table.

Foundation tables are re-exported here; an area's own tables are imported from its module,
e.g. `from bscp_desktop.db.models.meetings import Meeting`.
"""

import importlib
import pkgutil

from bscp_desktop.db.models.actions import Action, ActionUpdate
from bscp_desktop.db.models.history import ChangeRecord
from bscp_desktop.db.models.memberships import ConfidentialityAgreement, Group, Membership, Organisation, OrganisationAlias, Person
from bscp_desktop.db.models.settings import Setting

for _module in pkgutil.iter_modules(__path__):
    importlib.import_module(f"{__name__}.{_module.name}")

__all__ = [
    "Action",
    "ActionUpdate",
    "ChangeRecord",
    "ConfidentialityAgreement",
    "Group",
    "Membership",
    "Organisation",
    "OrganisationAlias",
    "Person",
    "Setting",
]
