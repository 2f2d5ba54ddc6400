"""Record versions, and who is editing what

Every editable table gains `version` (1 for the records already there): each save says which
version it changes and moves it on by one, so a save from a version someone else has changed
since is refused instead of overwriting their work. The table `editing` holds who has which
record open in an editor (the live minutes of an agenda item), with a heartbeat.

Revision ID: 0018
Revises: 0017
"""
import sqlalchemy as sa
from alembic import op

revision = '0018'
down_revision = '0017'
branch_labels = None
depends_on = None

#: The editable tables at this revision (a table added later carries `version` from the start).
TABLES = (
    "action", "action_update", "agenda_item", "attendance", "attendance_escalation", "audit_case",
    "audit_learning", "audit_recommendation", "audit_return", "budget", "case_audit",
    "case_audit_meeting", "case_review", "case_review_agency", "case_review_theme",
    "confidentiality_agreement", "contribution", "contribution_payment", "decision", "expense",
    "expense_category", "financial_year", "meeting", "meeting_offline", "meeting_series", "membership",
    "minutes_amendment", "organisation", "organisation_alias", "other_income", "partnership_group",
    "person", "recommendation", "s11_agency", "s11_cycle", "s11_rating", "s11_standard",
    "standing_item_template", "training_booking", "training_charge_rate", "training_course",
    "training_evaluation", "training_registrations", "training_score", "training_series",
    "training_session", "yearly_report", "yearly_report_section",
)


def upgrade() -> None:
    # a column with a constant default: no table is rewritten, on either engine
    for table in TABLES:
        op.add_column(table, sa.Column("version", sa.Integer(), nullable=False, server_default=sa.text("1")))
    op.create_table(
        "editing",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("table_name", sa.String(length=60), nullable=False),
        sa.Column("record_id", sa.Integer(), nullable=False),
        sa.Column("holder", sa.String(length=100), nullable=False),
        sa.Column("session_key", sa.String(length=40), nullable=False),
        sa.Column("since", sa.DateTime(), nullable=False),
        sa.Column("heartbeat_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_editing")),
        sa.UniqueConstraint("table_name", "record_id", name="uq_editing_record"),
    )


def downgrade() -> None:
    op.drop_table("editing")
    for table in reversed(TABLES):
        op.drop_column(table, "version")
