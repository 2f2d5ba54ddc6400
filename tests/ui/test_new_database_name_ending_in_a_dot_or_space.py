"""File > New database named with a dot or a space at its end ("Team.sqlite3."), which Windows
leaves out of a file's name: the database is made as "Team.sqlite3", never as
"Team.sqlite3.sqlite3" beside it; and where "Team.sqlite3" is there already, it is said to be
opened instead, as when its name is typed without the dot."""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox

from bscp_desktop.ui import database_choice


@pytest.fixture
def said(monkeypatch, qapp):
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda parent, title, text, *a: shown.append(text)))
    return shown


def _typed(monkeypatch, name) -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(name), "")))


@pytest.mark.parametrize(("typed", "made"), [("Team.sqlite3.", "Team.sqlite3"), ("Team.sqlite3 ", "Team.sqlite3"),
                                             ("Team.db. .", "Team.db"), ("Partnership 2026. ", "Partnership 2026.sqlite3")])
def test_a_new_databases_name_ending_in_a_dot_or_space_is_made_without_it(tmp_path, monkeypatch, said, typed, made):
    _typed(monkeypatch, tmp_path / typed)
    assert database_choice.ask_new_database_path(None) == tmp_path / made
    assert said == []


def test_a_name_ending_in_a_dot_of_a_database_already_there_says_to_open_it(tmp_path, monkeypatch, said, empty_file):
    there = shutil.copyfile(empty_file, tmp_path / "Team.sqlite3")
    _typed(monkeypatch, tmp_path / "Team.sqlite3.")
    assert database_choice.ask_new_database_path(None) is None
    assert said == [f"{there} already exists; use Open database to open it."]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["Team.sqlite3"]
