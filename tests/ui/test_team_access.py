"""What the window shows each person: on a team database a tab closed to their login says so in
one sentence (the server's grants decide), a read-only login's changes are refused in words;
on a file the change history records the name given in the window."""

from __future__ import annotations

import uuid
from datetime import date

import pytest
from PySide6.QtCore import QSettings
from sqlalchemy import select

from bscp_desktop.app import make_application, open_database
from bscp_desktop.cli import main
from bscp_desktop.db.database import Database
from bscp_desktop.db.models import ChangeRecord
from bscp_desktop.domain.case_reviews import IncidentType
from bscp_desktop.services import case_reviews as cr
from bscp_desktop.services import memberships as ms
from bscp_desktop.ui.main_window import MainWindow
from bscp_desktop.ui.memberships.dialogs import OrganisationDialog
from bscp_desktop.ui.tabs import RefusedTab
from bscp_desktop.ui.team import NAME_KEY
from bscp_desktop.ui.team.your_name import YourNameDialog


@pytest.fixture
def team(pg_address):
    assert main(["team", "roles", "--apply", "--db", pg_address]) == 0
    with Database.open_target(pg_address) as owner:
        ms.create_organisation(owner, ms.OrganisationFields("Brent Council", "local_authority"))
        cr.create_case_review(owner, cr.CaseReviewFields(
            alias="Child A", incident_type=IncidentType.SERIOUS_HARM, became_aware=date(2024, 1, 8)))
    return pg_address


def _login_as(address: str, name: str, *groups: str) -> str:
    role = f"p_{uuid.uuid4().hex[:10]}"
    flags = [arg for g in groups for arg in ("--group", g)]
    assert main(["team", "person", role, "--name", f"{name} {role}", *flags, "--db", address]) == 0
    return address.replace("postgresql://bscp_test@", f"postgresql://{role}@", 1)


@pytest.fixture
def window_as(qtbot):
    opened = []

    def open_as(address: str) -> MainWindow:
        make_application()
        win = MainWindow(open_database(address), open_database)
        qtbot.addWidget(win)
        win.resize(1280, 800)  # a council laptop's screen, whatever size an earlier test left saved
        win.show()
        opened.append(win)
        return win

    yield open_as
    for win in opened:
        win.db.close()


def _sections(tab) -> dict[str, object]:
    """A tab's pages by title (made now, for a tab that makes each when first shown)."""
    page = getattr(tab.sections, "page_at", tab.sections.widget)
    return {tab.sections.tabText(i): page(i) for i in range(tab.sections.count())}


def test_an_officer_outside_the_case_reviews_group_sees_one_sentence_instead(team, window_as, tmp_path):
    win = window_as(_login_as(team, "Olu Officer", "officer"))
    tab = win.tab("Case reviews")
    assert isinstance(tab, RefusedTab)
    sentence = tab.sentence.text()
    assert "only the case reviews group may read case reviews" in sentence
    assert sentence.count(".") == 1 and sentence.endswith(".")
    audits = _sections(win.tab("Audits"))
    assert isinstance(audits["Case audits"], RefusedTab) and "case audits" in audits["Case audits"].sentence.text()
    assert "Recommendations" not in audits and "Section 11" in audits
    assert not isinstance(win.tab("Memberships"), RefusedTab)
    assert "connected as Olu Officer" in win.db_label.text()
    win.tabs.setCurrentWidget(tab)
    win.resize(1000, 560)
    win.grab().save(str(tmp_path / "refused-tab.png"))
    win.tabs.setCurrentWidget(win.tab("Audits"))
    win.tab("Audits").sections.setCurrentWidget(audits["Case audits"])
    win.grab().save(str(tmp_path / "refused-page.png"))


def test_a_case_review_officer_sees_the_tabs(team, window_as):
    win = window_as(_login_as(team, "Cara Panel", "officer", "case-reviews"))
    assert not isinstance(win.tab("Case reviews"), RefusedTab)
    assert {"Case audits", "Recommendations", "Learning log"} <= set(_sections(win.tab("Audits")))


def test_a_read_only_login_is_refused_in_words_and_nothing_is_saved(team, window_as, qtbot):
    win = window_as(_login_as(team, "Sam Scrutineer", "read-only"))
    assert "(read only)" in win.db_label.text()
    dialog = OrganisationDialog(win.db, None, win)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.name.setText("Harrow Council")
    dialog.kind.setCurrentIndex(1)
    dialog._on_save()
    assert dialog.result() != dialog.DialogCode.Accepted
    assert dialog.status.text() == "Not saved. Your login can read but not change records."  # never sent
    assert [o.name for o in ms.list_organisations(win.db)] == ["Brent Council"]


def test_on_a_file_the_history_records_the_name_given_in_the_window(qtbot, tmp_path):
    make_application()
    settings = QSettings()
    dialog = YourNameDialog(settings)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.fields["name"].setText("  Ngozi   Adébáyọ̀  ")
    dialog._on_save()
    assert dialog.result_value == "Ngozi Adébáyọ̀" and settings.value(NAME_KEY) == "Ngozi Adébáyọ̀"
    db = open_database(tmp_path / "mine.sqlite3")
    try:
        assert db.user == "Ngozi Adébáyọ̀"
        ms.create_organisation(db, ms.OrganisationFields("Brent Council", "local_authority"))
        case = cr.create_case_review(db, cr.CaseReviewFields(
            alias="Child A", incident_type=IncidentType.SERIOUS_HARM, became_aware=date(2024, 1, 8)),
            confirmed_warnings=["The summary may name a person"])
        assert "Ngozi Adébáyọ̀: The summary may name a person" in case.name_warnings
        with db.unit_of_work() as s:
            assert set(s.scalars(select(ChangeRecord.changed_by))) == {"Ngozi Adébáyọ̀"}
    finally:
        db.close()
        settings.remove(NAME_KEY)  # Qt keeps one settings store per process, across tests


def test_an_empty_name_is_refused(qtbot):
    make_application()
    dialog = YourNameDialog(QSettings())
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.fields["name"].setText("   ")
    dialog._on_save()
    assert dialog.result_value is None and not dialog.save_button.isEnabled()


@pytest.mark.slow
@pytest.mark.parametrize("group", ["officer", "read-only"])
def test_a_login_outside_the_case_reviews_group_goes_through_every_page_of_the_demo(
        demo_file, pg_address, window_as, monkeypatch, group):
    """The demo copied to a team database: every tab and every page of it opens and loads for
    an officer without the case reviews group, or the read-only Scrutineer, with nothing
    refused on the way."""
    from PySide6.QtWidgets import QApplication, QMessageBox, QTabWidget

    from bscp_desktop.ui.dialog_catalogue import finish_background_work

    assert main(["copy", "--from", str(demo_file), "--to", pg_address]) == 0
    assert main(["team", "roles", "--apply", "--db", pg_address]) == 0
    said = []
    for kind in ("critical", "warning", "information"):
        monkeypatch.setattr(QMessageBox, kind, staticmethod(lambda *args, **kw: said.append(args[2:3])))
    win = window_as(_login_as(pg_address, "Olu Officer", group))
    refused = 0
    for i in range(win.tabs.count()):
        win.tabs.setCurrentIndex(i)
        tab = win.tabs.widget(i)
        inner = [tab.sections] if isinstance(getattr(tab, "sections", None), QTabWidget) else []
        inner += [w for w in tab.findChildren(QTabWidget) if w not in inner]
        for pages in inner:
            for j in range(pages.count()):
                pages.setCurrentIndex(j)
                QApplication.processEvents()
                finish_background_work(60)
        refused += isinstance(tab, RefusedTab)
        QApplication.processEvents()
        finish_background_work(60)
    assert refused == 1
    assert said == [], said  # every message shown, if any
    yearly = win.open_yearly_report()  # the demo's yearly report: its case sections say why they are empty
    QApplication.processEvents()
    finish_background_work()
    yearly.close()
    assert said == []
