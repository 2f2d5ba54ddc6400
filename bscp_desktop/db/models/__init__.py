"""The models. The foundation tables every area uses (memberships, the one action log, the
change history, settings) are imported with this package and re-exported here; an area's own
tables are imported from its module, e.g. `from bscp_desktop.db.models.meetings import Meeting`,
so an area's models are loaded when its code is first loaded.

`load_all()` imports every module of the package, so that `Base.metadata` and `Base.registry`
know every table: whatever walks every table or mapper calls it first. Opening a database calls
it, except the window's start, which loads only what its first tab needs and calls it once that
tab shows its records (db/later_checks.py).
"""

import importlib
import pkgutil
import threading

from bscp_desktop.db.models.actions import Action, ActionUpdate
from bscp_desktop.db.models.history import ChangeRecord
from bscp_desktop.db.models.memberships import ConfidentialityAgreement, Group, Membership, Organisation, OrganisationAlias, Person
from bscp_desktop.db.models.settings import Setting

_loaded = threading.Event()


def load_all() -> None:
    """Import every model module (at once after the first call)."""
    if _loaded.is_set():
        return
    for module in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{module.name}")
    _loaded.set()


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
    "load_all",
]
