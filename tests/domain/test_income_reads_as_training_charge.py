"""Which income descriptions read as a training charge: the Training tab counts those as income
by themselves, so the income dialog warns before their payment is counted a second time."""

from __future__ import annotations

import pytest

from bscp_desktop.domain.finance import reads_as_training_charge


@pytest.mark.parametrize("description", [
    "Training charges invoice paid: no-shows/late cancellations Jan-Jun 2026",
    "TRAINING CHARGE - Brent",
    "Payment for training no-shows",
    "Training no show fees",
    "training noshow",
    "Late cancellation of training, paid",
    "Late-cancellation fees for training",
    "Training: did not attend",
    "Training - delegates who didn't attend",
    "DNA charges for safer sleep training",
    "Training DNAs Q1",
])
def test_a_description_naming_training_and_a_charge_reads_as_a_training_charge(description):
    assert reads_as_training_charge(description)


@pytest.mark.parametrize("description", [
    "",
    "Home Office grant",
    "Refund of venue hire for training",  # training, but no charge
    "Training grant from the ICB",
    "Training recharge: half the facilitator's fee from Harrow LSCP",  # cost shared, not a charge
    "Late cancellation charge refunded by the hotel",  # a charge, but not training
    "DNA testing reimbursement",  # no training
    "Retraining course fees",  # 'training' inside another word, no charge
    "Trainer's expenses returned; adnan's donation",
])
def test_other_income_does_not_read_as_a_training_charge(description):
    assert not reads_as_training_charge(description)
