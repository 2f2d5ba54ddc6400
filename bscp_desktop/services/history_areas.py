"""The areas of the change history: each table's area is the models module defining it
(memberships, meetings, case_reviews, ...), read from the models themselves, so a new area's
tables join its filter without a list to keep."""

from __future__ import annotations

import functools

from bscp_desktop.db.base import Base
from bscp_desktop.db.models import load_all

#: Tables that are plumbing, not records people work with (who is editing what has no history).
_NOT_AN_AREA = {"change_record", "alembic_version", "editing"}


@functools.cache
def _module_area(table: str) -> str:
    """The area a table belongs to: the models module that defines it (memberships,
    meetings, case_reviews, audits, actions, settings, ...)."""
    load_all()
    for mapper in Base.registry.mappers:
        if mapper.local_table is not None and mapper.local_table.name == table:
            return mapper.class_.__module__.rsplit(".", 1)[-1]
    return "other"


@functools.cache
def area_tables() -> dict[str, tuple[str, ...]]:
    """{area key: its tables}, from the models themselves."""
    load_all()
    areas: dict[str, list[str]] = {}
    for name in sorted(Base.metadata.tables):
        if name not in _NOT_AN_AREA:
            areas.setdefault(_module_area(name), []).append(name)
    return {k: tuple(v) for k, v in sorted(areas.items())}


def area_label(area: str) -> str:
    return {"case_reviews": "Case reviews", "audits": "Audits", "actions": "Action log"}.get(
        area, area.replace("_", " ").capitalize()
    )


def area_of_table(table: str) -> str:
    return _module_area(table)


def parse_area(text: str) -> str:
    """'case-reviews', 'Case reviews' or 'case_reviews' -> 'case_reviews'; ValueError naming
    the choices otherwise."""
    key = "_".join(str(text).strip().casefold().replace("-", " ").split())
    areas = area_tables()
    for area in areas:
        if key in (area, "_".join(area_label(area).casefold().split())):
            return area
    raise ValueError(
        f"There is no area called '{text}'; choose one of: "
        + ", ".join(a.replace("_", "-") for a in areas)
    )
