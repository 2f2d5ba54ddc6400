"""Which optional area modules this version of the program has."""

from __future__ import annotations

import importlib.util


def module_exists(name: str) -> bool:
    """True if the dotted module can be imported (its parent packages may be missing)."""
    try:
        return importlib.util.find_spec(name) is not None
    except ModuleNotFoundError:
        return False
