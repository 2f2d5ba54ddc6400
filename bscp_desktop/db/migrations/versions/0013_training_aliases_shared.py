"""Training matches organisations by the one list of other names kept in Memberships

The other names training saved for organisations (as the LMS spells them) move to
organisation_alias, and training_organisation_alias is dropped. A name is moved unless the
organisation already has it, or it is already another organisation's name, short name or other
name (the shared list allows each name once); bookings keep the organisation they were linked to
either way, so nothing already matched changes.

Revision ID: 0013
Revises: 0012
"""
import unicodedata
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

# How Memberships compares names (domain.memberships.name_key as this revision was written):
# case, spacing, full stops, commas, curly apostrophes and '&' against 'and' do not matter.
_PUNCTUATION = str.maketrans({".": "", ",": " ", "\u2019": "'", "\u2018": "'", "&": " and "})


def _key(text) -> str:
    folded = unicodedata.normalize("NFKC", str(text or "")).translate(_PUNCTUATION)
    return " ".join(folded.casefold().split())


def upgrade() -> None:
    bind = op.get_bind()
    taken: set[str] = set()
    for name, short in bind.execute(sa.text("SELECT name, short_name FROM organisation")):
        taken.update(k for k in (_key(name), _key(short)) if k)
    for (alias,) in bind.execute(sa.text("SELECT alias FROM organisation_alias")):
        taken.add(_key(alias))
    known = {org_id for (org_id,) in bind.execute(sa.text("SELECT id FROM organisation"))}
    now = datetime.now(UTC).replace(tzinfo=None).strftime("%Y-%m-%d %H:%M:%S.%f")  # as SQLAlchemy writes it
    rows = bind.execute(sa.text(
        "SELECT alias, organisation_id FROM training_organisation_alias ORDER BY id")).all()
    for alias, org_id in rows:
        text = " ".join(str(alias or "").split())[:200]
        key = _key(text)
        if not key or key in taken or org_id not in known:
            continue
        taken.add(key)
        bind.execute(
            sa.text("INSERT INTO organisation_alias (organisation_id, alias, created_at, updated_at) "
                    "VALUES (:org, :alias, :now, :now)"),
            {"org": org_id, "alias": text, "now": now},
        )
    with op.batch_alter_table('training_organisation_alias', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_training_organisation_alias_organisation_id'))
    op.drop_table('training_organisation_alias')


def downgrade() -> None:
    # The table comes back empty: the names stay in organisation_alias, where matching finds them.
    op.create_table('training_organisation_alias',
    sa.Column('alias', sa.String(length=200), nullable=False),
    sa.Column('alias_key', sa.String(length=200), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'], name=op.f('fk_training_organisation_alias_organisation_id_organisation')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_training_organisation_alias')),
    sa.UniqueConstraint('alias_key', name=op.f('uq_training_organisation_alias_alias_key'))
    )
    with op.batch_alter_table('training_organisation_alias', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_training_organisation_alias_organisation_id'), ['organisation_id'], unique=False)
