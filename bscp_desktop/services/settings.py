"""Team settings stored in the database as JSON values (each change is in the history)."""

from __future__ import annotations

import json
from typing import Any

from bscp_desktop.db.database import Database
from bscp_desktop.db.models import Setting


def get_setting(db: Database, key: str, default: Any = None) -> Any:
    with db.unit_of_work() as session:
        row = session.get(Setting, key)
        return default if row is None else json.loads(row.value)


def set_setting(db: Database, key: str, value: Any) -> None:
    text = json.dumps(value, sort_keys=True, default=str)
    with db.unit_of_work() as session:
        row = session.get(Setting, key)
        if row is None:
            session.add(Setting(key=key, value=text))
        elif row.value != text:
            row.value = text
