"""Imports every area's job module that this version has; each registers itself on import."""

import importlib

from bscp_desktop.modules import module_exists

AREA_JOB_MODULES = (
    "bscp_desktop.jobs.memberships",
    "bscp_desktop.jobs.history",
    "bscp_desktop.jobs.meetings",
    "bscp_desktop.jobs.case_reviews",
    "bscp_desktop.jobs.audits",
    "bscp_desktop.jobs.training",
    "bscp_desktop.jobs.finance",
)

for _name in AREA_JOB_MODULES:
    if module_exists(_name):
        importlib.import_module(_name)
