"""Quick lists of thousands of rows: search over text worked out once per load, and column
widths measured from a sample of rows rather than all of them."""

from __future__ import annotations

from bscp_desktop.ui.common.format import display

SIZE_SAMPLE_ROWS = 200


class FastListMixin:
    """For RecordListPage subclasses (put it first in the bases)."""

    _needle = ""
    _haystacks: dict[int, str] | None = None

    def tune(self) -> None:
        self.table.horizontalHeader().setResizeContentsPrecision(SIZE_SAMPLE_ROWS)

    def _filter_changed(self, text: str) -> None:  # replaces the page's cell-by-cell search
        self._needle = text.strip().casefold()
        self._apply_search()

    def _apply_search(self) -> None:
        needle = self._needle
        if not needle:
            self.proxy.set_predicate(None)
        else:
            haystacks = self._texts()
            self.proxy.set_predicate(lambda row: needle in haystacks.get(id(row), ""))
        self._show_state()

    def _texts(self) -> dict[int, str]:
        if self._haystacks is None:
            columns = self.model.columns
            self._haystacks = {
                id(row): "\u0001".join(display(c.value(row)) for c in columns).casefold() for row in self.model.rows
            }
        return self._haystacks

    def reload(self) -> None:
        self._haystacks = None
        if self._needle:
            self.proxy.set_predicate(None)
        super().reload()
        if self._needle:
            self._apply_search()
