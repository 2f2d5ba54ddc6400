"""The Training settings' charge rates are saved from what the dialog read, as its settings
are: rates changed from those read before another officer saved new ones are refused, naming
who changed them and what they hold now, and nothing is written; a save that leaves the rates
as they were read leaves the other officer's as they are."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from bscp_desktop.domain.training import ChargeRates
from bscp_desktop.services.settings import SettingsChanged
from bscp_desktop.services.training import settings as st

TODAY = date(2024, 12, 5)
JANES = [ChargeRates(2024, Decimal("99.00"), Decimal("0.00"))]
MINE = [ChargeRates(2024, Decimal("10.00"), Decimal("5.00"))]


def test_a_save_leaving_the_rates_as_read_keeps_the_rates_another_officer_saved_since(db, theirs):
    mine, my_rates = st.load_all(db)
    jane, _rates = st.load_all(theirs)  # both open Training settings
    st.save_all(theirs, jane, JANES, today=TODAY)
    st.save_all(db, replace(mine, topics=(*mine.topics, "Housing")), my_rates, today=TODAY)  # I only add a topic
    assert st.list_charge_rates(db) == JANES and "Housing" in st.load_settings(db).topics


def test_rates_changed_from_before_another_officers_are_refused_and_nothing_is_saved(db, theirs):
    mine, _rates = st.load_all(db)
    st.save_all(theirs, st.load_settings(theirs), JANES, today=TODAY)
    with pytest.raises(SettingsChanged) as refused:
        st.save_all(db, replace(mine, topics=(*mine.topics, "Housing")), MINE, today=TODAY)
    assert str(refused.value).startswith("Jane Smith changed the setting “Charges per financial year” on ")
    assert [(c.field, c.label, c.yours, c.theirs, c.changed_by) for c in refused.value.settings] == [
        ("rates", "Charges per financial year", "2024/25: no-show £10.00, late cancellation £5.00",
         "2024/25: no-show £99.00, late cancellation £0.00", "Jane Smith")]
    assert st.list_charge_rates(db) == JANES and "Housing" not in st.load_settings(db).topics
    # saved again from the settings as they are now, my rates go through
    now, _rates = st.load_all(db)
    st.save_all(db, now, MINE, today=TODAY)
    assert st.list_charge_rates(db) == MINE


def test_rates_and_a_setting_changed_since_are_both_named(db, theirs):
    mine, _rates = st.load_all(db)
    st.save_all(theirs, replace(st.load_settings(theirs), late_cancellation_days=7), JANES, today=TODAY)
    with pytest.raises(SettingsChanged) as refused:
        st.save_all(db, mine, MINE, today=TODAY)
    assert [c.label for c in refused.value.settings] == ["Notice for a late cancellation", "Charges per financial year"]
    assert st.list_charge_rates(db) == JANES and st.load_settings(db).late_cancellation_days == 7
