"""Yearly reports and their sections

Revision ID: 0010
Revises: 0009
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "yearly_report",
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("period_start", sa.Date(), nullable=False),
        sa.Column("period_end", sa.Date(), nullable=False),
        sa.Column("final", sa.Boolean(), nullable=False),
        sa.Column("finalised_on", sa.Date(), nullable=True),
        sa.Column("archived_at", sa.DateTime(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_yearly_report")),
    )
    op.create_table(
        "yearly_report_section",
        sa.Column("report_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=40), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("data", sa.Text(), nullable=False),
        sa.Column("built_at", sa.DateTime(), nullable=True),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["report_id"], ["yearly_report.id"],
                                name=op.f("fk_yearly_report_section_report_id_yearly_report")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_yearly_report_section")),
        sa.UniqueConstraint("report_id", "key", name="uq_yearly_report_section_report_key"),
    )
    with op.batch_alter_table("yearly_report_section") as batch:
        batch.create_index(batch.f("ix_yearly_report_section_report_id"), ["report_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("yearly_report_section") as batch:
        batch.drop_index(batch.f("ix_yearly_report_section_report_id"))
    op.drop_table("yearly_report_section")
    op.drop_table("yearly_report")
