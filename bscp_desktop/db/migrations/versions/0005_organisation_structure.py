"""Organisation parents and aliases

An organisation may sit under a parent (the Metropolitan Police above its North West Basic
Command Unit) and be known by other names (aliases), which imports match as well as the name.

Revision ID: 0005
Revises: 0004
"""
import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('organisation_alias',
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('alias', sa.String(length=200), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'], name=op.f('fk_organisation_alias_organisation_id_organisation')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_organisation_alias'))
    )
    with op.batch_alter_table('organisation_alias', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_organisation_alias_alias'), ['alias'], unique=False)
        batch_op.create_index(batch_op.f('ix_organisation_alias_organisation_id'), ['organisation_id'], unique=False)

    with op.batch_alter_table('organisation', schema=None) as batch_op:
        batch_op.add_column(sa.Column('parent_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_organisation_parent_id'), ['parent_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_organisation_parent_id_organisation'), 'organisation', ['parent_id'], ['id'])


def downgrade() -> None:
    with op.batch_alter_table('organisation', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_organisation_parent_id_organisation'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_organisation_parent_id'))
        batch_op.drop_column('parent_id')

    with op.batch_alter_table('organisation_alias', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_organisation_alias_organisation_id'))
        batch_op.drop_index(batch_op.f('ix_organisation_alias_alias'))

    op.drop_table('organisation_alias')
