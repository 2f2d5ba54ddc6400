"""The shared narrowing of list queries (services/common.py): a filter left as None narrows
nothing, a given one keeps only the rows equal to it, and several combine."""

from __future__ import annotations

from sqlalchemy import select

from bscp_desktop.db.models import Organisation
from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.services import memberships as ms
from bscp_desktop.services.common import equal_where_given


def _names(db, query) -> list[str]:
    with db.unit_of_work() as session:
        return sorted(session.scalars(query).all())


def test_filters_left_as_none_narrow_nothing_and_given_ones_combine(db):
    ms.create_organisation(db, ms.OrganisationFields("Brent Council", OrganisationKind.LOCAL_AUTHORITY))
    ms.create_organisation(db, ms.OrganisationFields("Harrow Council", OrganisationKind.LOCAL_AUTHORITY))
    ms.create_organisation(db, ms.OrganisationFields("Metropolitan Police", OrganisationKind.POLICE))
    q = select(Organisation.name)

    assert _names(db, equal_where_given(q)) == ["Brent Council", "Harrow Council", "Metropolitan Police"]
    assert _names(db, equal_where_given(q, (Organisation.kind, None))) == ["Brent Council", "Harrow Council", "Metropolitan Police"]
    assert _names(db, equal_where_given(q, (Organisation.kind, OrganisationKind.POLICE.value))) == ["Metropolitan Police"]
    assert _names(db, equal_where_given(q, (Organisation.kind, OrganisationKind.LOCAL_AUTHORITY.value),
                                        (Organisation.name, "Harrow Council"), (Organisation.id, None))) == ["Harrow Council"]
