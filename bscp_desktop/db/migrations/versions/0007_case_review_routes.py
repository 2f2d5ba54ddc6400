"""Case reviews: referrals considered, kinds of case and every statutory clock

Adds the child's sex and the harm, the outcome of considering a referral (notified or not
notifiable) with the date and meeting, the Case Review Group's recommendation beside the
partners' decision and the Panel's view, the rapid review's meeting, the date the Secretary of
State and Ofsted were told, the planned publication date and reasons for delay. Team rule sets
saved earlier gain the new default clocks (telling the safeguarding partners; a looked-after
child's death to the Secretary of State and Ofsted).

Revision ID: 0007
Revises: 0006
"""
import json

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

RULES_SETTING = "case_reviews.deadline_rules"
NEW_RULES = {
    "partners_told": {
        "label": "Safeguarding partners told", "anchor": "became_aware", "amount": 5,
        "unit": "working_days", "direction": 1, "met_by": "partners_told", "applies_to": [],
    },
    "sos_ofsted": {
        "label": "Looked-after child's death notified to the Secretary of State and Ofsted",
        "anchor": "became_aware", "amount": 5, "unit": "working_days", "direction": 1,
        "met_by": "sos_ofsted_notified", "applies_to": ["looked_after_death"],
    },
}


def upgrade() -> None:
    with op.batch_alter_table('case_review', schema=None) as batch_op:
        batch_op.add_column(sa.Column('sex', sa.String(length=20), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('harm', sa.String(length=20), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('outcome', sa.String(length=20), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('considered_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('considered_meeting_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('sos_ofsted_notified', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('rapid_review_meeting_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('crg_recommendation', sa.String(length=30), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('panel_view', sa.String(length=30), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('planned_publication', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('delay_reason', sa.Text(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('delay_told_panel', sa.Date(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_case_review_rapid_review_meeting_id_meeting'), 'meeting', ['rapid_review_meeting_id'], ['id'])
        batch_op.create_foreign_key(batch_op.f('fk_case_review_considered_meeting_id_meeting'), 'meeting', ['considered_meeting_id'], ['id'])

    # A case already notified keeps its route: its outcome is "notified".
    op.execute("UPDATE case_review SET outcome = 'notified' WHERE notification_sent IS NOT NULL")

    conn = op.get_bind()
    stored = conn.execute(sa.text("SELECT value FROM setting WHERE key = :k"), {"k": RULES_SETTING}).scalar()
    if stored:
        try:
            rules = json.loads(stored)
        except ValueError:
            rules = None
        if isinstance(rules, dict):
            updated: dict = {}
            for key, fields in rules.items():
                updated[key] = fields
                if key == "notification":
                    updated.update({k: v for k, v in NEW_RULES.items() if k not in rules})
            updated.update({k: v for k, v in NEW_RULES.items() if k not in updated})
            conn.execute(
                sa.text("UPDATE setting SET value = :v WHERE key = :k"),
                {"v": json.dumps(updated), "k": RULES_SETTING},
            )


def downgrade() -> None:
    with op.batch_alter_table('case_review', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_case_review_considered_meeting_id_meeting'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('fk_case_review_rapid_review_meeting_id_meeting'), type_='foreignkey')
        batch_op.drop_column('delay_told_panel')
        batch_op.drop_column('delay_reason')
        batch_op.drop_column('planned_publication')
        batch_op.drop_column('panel_view')
        batch_op.drop_column('crg_recommendation')
        batch_op.drop_column('rapid_review_meeting_id')
        batch_op.drop_column('sos_ofsted_notified')
        batch_op.drop_column('considered_meeting_id')
        batch_op.drop_column('considered_on')
        batch_op.drop_column('outcome')
        batch_op.drop_column('harm')
        batch_op.drop_column('sex')
