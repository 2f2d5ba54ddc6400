"""Revision 0024: a Section 11 cycle has a rating scale. A file from revision 0023 keeps every
cycle on red, amber, green, with its ratings as they were."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import create_engine, inspect, text

from bscp_desktop.db import migrate
from bscp_desktop.db.database import Database
from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.domain.section11 import Rating, RatingScale
from bscp_desktop.services import memberships as ms
from bscp_desktop.services.audits import s11_ratings as sr
from bscp_desktop.services.audits import section11 as s11


@pytest.mark.slow
def test_cycles_from_before_keep_red_amber_green_and_their_ratings(tmp_path):
    from alembic import command

    path = tmp_path / "s11.sqlite3"
    with Database.open(path) as db:
        council = ms.create_organisation(db, ms.OrganisationFields("Brent Council", OrganisationKind.LOCAL_AUTHORITY))
        cycle = s11.create_cycle(db, s11.CycleFields("2022-24", date(2022, 4, 1), date(2022, 6, 30)))
        [part] = s11.add_agencies(db, cycle.id, [council.id])
        standard = s11.list_standards(db, cycle.id)[0]
        sr.save_rating(db, part.id, standard.id, sr.RatingFields("Amber", moderated_rating="Red",
                                                                 moderation_note="No training records"))
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        command.downgrade(migrate.alembic_config(conn), "0023")
        columns = {c["name"] for c in inspect(conn).get_columns("s11_cycle")}
    engine.dispose()
    assert "rating_scale" not in columns

    with Database.open(path) as db:  # upgrades to the head
        with db.engine.connect() as conn:
            stored = conn.execute(text("SELECT rating_scale FROM s11_cycle")).scalars().all()
        assert stored == ["rag"]
        kept = s11.get_cycle(db, cycle.id)
        assert kept.rating_scale is RatingScale.RAG
        rating = sr.get_rating(db, part.id, standard.id)
        assert (rating.self_rating, rating.moderated_rating, rating.scale) == (Rating.AMBER, Rating.RED, RatingScale.RAG)
        with pytest.raises(Exception, match="already has 2 ratings on Red, amber, green"):
            s11.update_cycle(db, cycle.id, s11.CycleFields(kept.name, kept.opens_on, kept.due_on,
                                                           rating_scale=RatingScale.SCORE))
        scored = s11.create_cycle(db, s11.CycleFields("2024-26", date(2024, 4, 1), date(2024, 6, 28),
                                                      rating_scale=RatingScale.SCORE))
        assert scored.rating_scale is RatingScale.SCORE
