"""A list's own search box ignores accents and the case of letters, as Ctrl+K does: "Jose" finds
"José Álvarez", "Lukasz" finds "Łukasz" (the program's one folding, `domain.search.fold`, applied
to the rows' text and to what was typed)."""

from __future__ import annotations

from tests.ui.helpers import named_list
from tests.ui.helpers import shown_names as shown

NAMES = ["José Álvarez", "Siobhán Ó Briain", "Łukasz Żółć", "Zoë Smith", "Strauß Anna", "Amara Okafor"]


def people(qtbot, prepared: bool = False):
    return named_list(NAMES, prepared)


def test_a_name_typed_without_its_accents_finds_the_person(qtbot):
    _model, proxy = people(qtbot)
    for typed, found in [("Jose", "José Álvarez"), ("Siobhan", "Siobhán Ó Briain"), ("Lukasz", "Łukasz Żółć"),
                         ("zoe", "Zoë Smith"), ("Strauss", "Strauß Anna"), ("ALVAREZ", "José Álvarez")]:
        proxy.set_search(typed)
        assert shown(proxy) == [found], typed


def test_texts_made_searchable_in_the_load_worker_ignore_accents_and_clearing_shows_all(qtbot):
    _model, proxy = people(qtbot, prepared=True)  # the texts searched were made in the load's worker
    proxy.set_search(" JOSE ")
    assert shown(proxy) == ["José Álvarez"]
    proxy.set_search("Żółć")  # typed with its accents: found as well
    assert shown(proxy) == ["Łukasz Żółć"]
    proxy.set_search("")
    assert shown(proxy) == NAMES
