"""Alembic environment: always run from the program with a live connection."""

from alembic import context

from bscp_desktop.db.base import Base
from bscp_desktop.db.models import load_all

load_all()  # every table registered

config = context.config
connection = config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
