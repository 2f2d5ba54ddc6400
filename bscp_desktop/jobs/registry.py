"""Imports every area's job modules, as the area registry (`bscp_desktop/areas.py`) names
them; each registers its workbook and reports on import."""

from bscp_desktop.areas import job_modules

MODULES = job_modules()
