"""Imports every area's job module; each registers itself on import."""

from bscp_desktop.jobs import memberships  # noqa: F401
