"""Change notices from the unit of work: which kinds of record a commit changed, said once."""

from __future__ import annotations

import threading
from datetime import date

import pytest

from bscp_desktop.db.base import Base
from bscp_desktop.domain.kinds import RecordKind
from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.domain.validation import ValidationError
from bscp_desktop.services import actions as al
from bscp_desktop.services import memberships as ms
from bscp_desktop.services import settings


@pytest.fixture
def heard(db):
    notices: list[frozenset] = []
    db.changes.subscribe(notices.append)
    return notices


def test_every_table_belongs_to_a_kind_of_record():
    from bscp_desktop.db.models import load_all

    load_all()  # every model
    missing = [m.class_.__name__ for m in Base.registry.mappers if not isinstance(getattr(m.class_, "__kind__", None), RecordKind)]
    assert missing == []


def test_a_command_announces_the_kinds_it_changed_once(db, heard):
    org = ms.create_organisation(db, ms.OrganisationFields("Brent Council", OrganisationKind.LOCAL_AUTHORITY))
    assert heard == [frozenset({RecordKind.MEMBERSHIPS})]
    al.create_action(db, al.ActionFields("Send the report", owner_organisation_id=org.id,
                                         due_date=date(2024, 6, 30)))
    settings.set_setting(db, "partnership_name", "Brent")
    assert heard[1:] == [frozenset({RecordKind.ACTIONS}), frozenset({RecordKind.SETTINGS})]


def test_reads_refusals_and_unchanged_saves_announce_nothing(db, heard):
    org = ms.create_organisation(db, ms.OrganisationFields("Brent Council", OrganisationKind.LOCAL_AUTHORITY))
    heard.clear()
    ms.list_organisations(db)
    with pytest.raises(ValidationError):
        ms.create_organisation(db, ms.OrganisationFields("", OrganisationKind.LOCAL_AUTHORITY))
    ms.update_organisation(db, org.id, ms.OrganisationFields("Brent Council", OrganisationKind.LOCAL_AUTHORITY))
    assert heard == []


def test_a_rolled_back_unit_of_work_announces_nothing(db, heard):
    with pytest.raises(RuntimeError), db.unit_of_work() as session:
        ms.add_checked_in(session, "organisation", [{"name": "Doomed", "kind": "other"}])
        raise RuntimeError("the user's action failed half way")
    assert heard == []
    assert ms.list_organisations(db) == []


def test_a_commit_in_a_worker_thread_is_announced_on_that_thread(db, heard):
    threads: list[str] = []
    db.changes.subscribe(lambda kinds: threads.append(threading.current_thread().name))
    worker = threading.Thread(
        target=lambda: ms.create_group(db, ms.GroupFields("Forum", 2)), name="importer"
    )
    worker.start()
    worker.join()
    assert heard == [frozenset({RecordKind.MEMBERSHIPS})] and threads == ["importer"]


def test_a_failing_listener_does_not_undo_the_change(db):
    def broken(_kinds):
        raise RuntimeError("listener bug")

    db.changes.subscribe(broken)
    ms.create_group(db, ms.GroupFields("Forum", 2))
    assert [g.name for g in ms.list_groups(db)] == ["Forum"]


def test_workbook_names_are_kinds_of_record():
    from bscp_desktop import jobs

    jobs.load_all()
    assert set(jobs.XLSX_AREAS) - {"all"} <= {k.value for k in RecordKind}
