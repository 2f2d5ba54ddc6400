"""The income dialog's warning of a training charge already counted as income.

The Training tab's no-show and late-cancellation charges count as income by themselves
(`services.finance.income_checks`). An income line whose description reads as one, from an
organisation whose charges are counted in the year of its date or the year before, is said
to count them twice: in the warning colour under the description as it is typed, and in a
question before it is saved, whose default goes back to the form. The officer may save it
anyway: it may be other money.
"""

from __future__ import annotations

from datetime import date

from bscp_desktop.domain.finance import reads_as_training_charge, year_of
from bscp_desktop.services.finance import income_checks
from bscp_desktop.ui.common.form import FormDialog
from bscp_desktop.ui.common.labels import WARNING_STYLE, plain_label
from bscp_desktop.ui.common.messages import choose


class ChargesCountedWarning:
    """The warning of `dialog` (an income dialog with `received_on`, `organisation_id` and
    `description` fields), shown under its description."""

    def __init__(self, dialog: FormDialog):
        self.dialog = dialog
        self.label = plain_label("", dialog, wrap=True, name="Training charges already counted")
        self.label.setStyleSheet(WARNING_STYLE)
        self.label.hide()
        box = dialog.fields["description"].parentWidget().layout()
        box.insertWidget(box.count() - 1, self.label)  # under the field and its note, above its error
        self._counted: dict[tuple[int, int], income_checks.ChargesCounted | None] = {}  # read once a choice
        record = dialog.record
        self._saved = (record.description, record.organisation_id, year_of(record.received_on)) if record else None
        fields = dialog.fields
        for changed in (fields["description"].textChanged, fields["organisation_id"].currentIndexChanged,
                        fields["received_on"].changed):
            changed.connect(lambda *_: self.show())
        self.show()

    def _received_on(self) -> date | None:
        try:
            return self.dialog.fields["received_on"].value()
        except ValueError:  # the form names the date that is not one
            return None

    def text(self) -> str:
        """The warning for the fields as they are ('' for none)."""
        description = self.dialog.fields["description"].text()
        organisation_id = self.dialog.fields["organisation_id"].current_id()
        received_on = self._received_on()
        if organisation_id is None or received_on is None or not reads_as_training_charge(description):
            return ""  # nothing to read
        key = (organisation_id, year_of(received_on))
        if key not in self._counted:
            self._counted[key] = income_checks.charges_counted(self.dialog.db, organisation_id, received_on)
        return income_checks.double_count_warning(description, self._counted[key])

    def show(self) -> str:
        text = self.text()
        self.label.setText(text)
        self.label.setVisible(bool(text))
        return text

    def save_anyway(self) -> bool:
        """True to go on saving: no warning, the line as saved already (its warning answered
        then), or the officer says it is other money."""
        text = self.show()
        if not text or self._unchanged():
            return True
        return not choose(self.dialog, "Training charges already counted",
                          f"{text}\n\nSave this income line as well?", "Go back", "Save it as well",
                          warning=True, escape_first=True)

    def _unchanged(self) -> bool:
        d = self.dialog.fields
        received_on = self._received_on()
        return self._saved is not None and received_on is not None and self._saved == (
            d["description"].text(), d["organisation_id"].current_id(), year_of(received_on))
