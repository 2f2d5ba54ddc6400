"""Meetings taken offline

Adds `meeting_offline`: on a team database, which officer took a meeting offline, when, and
into which file (the meeting is read-only for others until it is brought back or released,
and how it ended is kept); in an offline copy, the team database it came from and the values
the copied records had when they were taken.

Revision ID: 0017
Revises: 0016
"""
import sqlalchemy as sa
from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "meeting_offline",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("taken_by", sa.String(length=100), nullable=False),
        sa.Column("taken_at", sa.DateTime(), nullable=False),
        sa.Column("file", sa.String(length=1000), nullable=False),
        sa.Column("server", sa.String(length=1000), nullable=False),
        sa.Column("base", sa.Text(), nullable=False),
        sa.Column("ended_at", sa.DateTime(), nullable=True),
        sa.Column("ended_how", sa.String(length=20), nullable=False),
        sa.Column("ended_by", sa.String(length=100), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["meeting_id"], ["meeting.id"], name=op.f("fk_meeting_offline_meeting_id_meeting")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting_offline")),
    )
    op.create_index(op.f("ix_meeting_offline_meeting_id"), "meeting_offline", ["meeting_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_meeting_offline_meeting_id"), table_name="meeting_offline")
    op.drop_table("meeting_offline")
