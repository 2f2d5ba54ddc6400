"""Database layer: SQLAlchemy models, engine, unit of work, migrations, history, backups."""
