"""The Section 11 grid: agencies (rows) by standards (columns), each cell coloured by its
rating and always saying the rating in words, with its change since the earlier cycle on a
second line, and the counts per standard at the foot.

The same model in `earlier` mode shows, for the same agencies and standards, the ratings of
the cycle compared with, so that the two grids sit side by side row for row: "Not in 2024-26"
where the agency was not taking part in it (or the standard was not one of it), told apart from
"No rating", an agency that took part and left the standard unrated; its counts count only the
agencies that took part.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from bscp_desktop.domain.section11 import CHANGE_COLOURS, NOT_RATED, RATING_COLOURS, Change, Rating, RatingCounts, RatingScale, average_text, count_ratings, standard_key
from bscp_desktop.services.audits import s11_ratings as sr
from bscp_desktop.ui.common.columns import FullTextOnHover
from bscp_desktop.ui.common.labels import as_typed
from bscp_desktop.ui.common.list_page import MAX_COLUMN_WIDTH
from bscp_desktop.ui.common.table_model import Column, fit_columns, tab_moves_on

COUNT_HEADERS = ("Red", "Amber", "Green", "N/A", "Not rated")
SCORE_COUNT_HEADERS = ("Score 0", "Score 1", "Score 2", "Score 3", "N/A", "Not rated", "Average score")


def count_headers(scale: RatingScale) -> tuple[str, ...]:
    """The count rows at the foot of a grid on `scale`: one per rating, N/A, not rated; on a
    scored cycle the average score last."""
    return SCORE_COUNT_HEADERS if scale is RatingScale.SCORE else COUNT_HEADERS


def count_values(counts: RatingCounts, scale: RatingScale) -> tuple[str, ...]:
    """`counts` under `count_headers(scale)`, as text."""
    values = tuple(str(n) for n in counts.on_scale(scale))
    return (*values, average_text(counts)) if scale is RatingScale.SCORE else values
COMPARED = (Change.IMPROVED, Change.SAME, Change.DECLINED)
CHANGE_MARKS = {Change.IMPROVED: "▲ Improved", Change.SAME: "= Same", Change.DECLINED: "▼ Declined"}
CELL_ROLE = Qt.ItemDataRole.UserRole + 10


def cell_text(cell: sr.GridCell, compare: bool = True) -> str:
    """'Amber', 'Amber (moderated)', then '▲ Improved' / '= Same' / '▼ Declined' when compared."""
    rating = cell.rating
    text = rating.effective.label if rating.effective else NOT_RATED
    if rating.moderated_rating is not None and rating.moderated_rating != rating.self_rating:
        text += "\n(moderated)"
    if compare and cell.change in COMPARED:
        text += "\n" + CHANGE_MARKS[cell.change]
    return text


def cell_tooltip(cell: sr.GridCell, earlier: str) -> str:
    r = cell.rating
    lines = [f"{r.organisation_name}, standard {r.standard_number}: {r.standard_title}",
             f"Agency's own rating: {r.self_rating.described if r.self_rating else NOT_RATED}"]
    if r.not_applicable_reason:
        lines.append(f"Why not applicable: {r.not_applicable_reason}")
    if r.moderated_rating is not None:
        lines.append(f"Moderated rating: {r.moderated_rating.described}" + (f" ({r.moderation_note})" if r.moderation_note else ""))
    if earlier:
        lines.append(f"{earlier}: {cell.previous.label if cell.previous else 'no rating'} ({cell.change.label.lower()})")
    if r.evidence:
        lines.append(f"Evidence: {r.evidence[:300]}")
    if r.action is not None:
        lines.append(f"Improvement action: {r.action.description[:200]} ({r.action.status.label})")
    lines.append("Double-click to enter or change the rating.")
    return "\n".join(lines)


class S11GridModel(QAbstractTableModel):
    """Rows: the agencies, then a count row per rating. Columns: the agency, then the standards.
    With `earlier`, every cell shows the earlier cycle's rating of the same agency and standard."""

    def __init__(self, parent=None, earlier: bool = False):
        super().__init__(parent)
        self.grid: sr.Grid | None = None
        self.earlier = earlier
        self.compare = not earlier
        self._earlier_orgs: frozenset[int] = frozenset()  # the organisations taking part in the earlier cycle
        self._earlier_standards: frozenset[str] = frozenset()  # its standards, by `standard_key`

    # -- shape
    def set_grid(self, grid: sr.Grid | None) -> None:
        self.beginResetModel()
        self.grid = grid
        previous = grid.previous_grid if grid else None
        self._earlier_orgs = frozenset(a.organisation_id for a in previous.agencies) if previous else frozenset()
        self._earlier_standards = frozenset(s.key for s in previous.standards) if previous else frozenset()
        self.endResetModel()

    def not_in_earlier(self, cell: sr.GridCell) -> str:
        """Why the earlier cycle holds no answer at all for the cell's agency and standard (the
        agency was not taking part in it, or the standard was not one of it); '' where it does,
        rated or not."""
        previous = self.grid.previous_grid if self.grid else None
        if previous is None:
            return ""
        r = cell.rating
        if r.organisation_id not in self._earlier_orgs:
            return f"{r.organisation_name} was not taking part in {previous.cycle.name}"
        if standard_key(r.standard_title) not in self._earlier_standards:
            return f"Standard {r.standard_number} was not one of {previous.cycle.name}'s standards"
        return ""

    @property
    def scale(self) -> RatingScale:
        """The scale of the ratings shown: the earlier cycle's in `earlier` mode."""
        if not self.grid:
            return RatingScale.RAG
        shown = self.grid.previous_grid if self.earlier and self.grid.previous_grid else self.grid
        return shown.scale

    @property
    def count_headers(self) -> tuple[str, ...]:
        return count_headers(self.scale)

    @property
    def own_labels(self) -> bool:
        """In `earlier` mode, whether the earlier cycle is on another scale than this one: its
        count rows are then not this cycle's, and say what they count themselves."""
        previous = self.grid.previous_grid if self.earlier and self.grid else None
        return previous is not None and previous.scale is not self.grid.scale

    @property
    def agencies(self):
        return self.grid.agencies if self.grid else ()

    @property
    def standards(self):
        return self.grid.standards if self.grid else ()

    def rowCount(self, parent=None) -> int:  # noqa: N802 - Qt API
        if (parent is not None and parent.isValid()) or not self.grid:
            return 0
        counts = len(self.count_headers)
        if self.own_labels:  # as many rows as this cycle's grid too, so the two still scroll together
            counts = max(counts, len(count_headers(self.grid.scale)))
        return len(self.agencies) + (counts if self.agencies else 0)

    def columnCount(self, parent=None) -> int:  # noqa: N802 - Qt API
        if (parent is not None and parent.isValid()) or not self.grid:
            return 0
        return 1 + len(self.standards)

    def is_count_row(self, row: int) -> bool:
        return row >= len(self.agencies)

    def is_count_column(self, column: int) -> bool:
        return False

    def rating_at(self, cell: sr.GridCell) -> Rating | None:
        return cell.previous if self.earlier else cell.rating.effective

    def cell(self, index: QModelIndex) -> sr.GridCell | None:
        """The rating cell at `index`, or None for names and counts."""
        row, column = index.row(), index.column()
        if not self.grid or self.is_count_row(row) or column == 0 or self.is_count_column(column):
            return None
        return self.grid.cell(self.agencies[row].id, self.standards[column - 1].id)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802 - Qt API
        if orientation == Qt.Orientation.Vertical and self.own_labels and role == Qt.ItemDataRole.DisplayRole:
            at = section - len(self.agencies)  # the count rows' own labels; none beside an agency
            return self.count_headers[at] if 0 <= at < len(self.count_headers) else ""
        if orientation != Qt.Orientation.Horizontal or not self.grid:
            return None
        standards = self.standards
        if role == Qt.ItemDataRole.DisplayRole:
            if section == 0:
                return "Agency"
            number = standards[section - 1].number
            return str(number) if self.earlier else f"Standard {number}"
        if role == Qt.ItemDataRole.ToolTipRole and 0 < section <= len(standards):
            s = standards[section - 1]
            # the header shows its own tooltip: the title and questions as typed, one a line
            return as_typed(f"{s.number}. {s.title}\n" + "\n".join(f"• {q}" for q in s.questions))
        return None

    def _counts(self, row: int, column: int) -> str:
        if row - len(self.agencies) >= len(self.count_headers):
            return ""  # beside a count row of this cycle's scale the earlier one does not have
        heading = self.count_headers[row - len(self.agencies)]
        if column == 0:
            return heading if heading.startswith("Average") else f"{heading} (agencies)"
        standard = self.standards[column - 1]
        cells = (self.grid.cell(a.id, standard.id) for a in self.agencies)
        counts: RatingCounts = count_ratings(  # the earlier cycle's: only the agencies that took part in it
            self.rating_at(c) for c in cells if not (self.earlier and self.not_in_earlier(c))
        )
        return count_values(counts, self.scale)[row - len(self.agencies)]

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not self.grid:
            return None
        row, column = index.row(), index.column()
        cell = self.cell(index)
        earlier = f"Earlier cycle {self.grid.previous.name}" if self.grid.previous and self.compare else ""
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if cell is not None and self.earlier:
                if self.not_in_earlier(cell):
                    return f"Not in {self.grid.previous.name}"
                return cell.previous.label if cell.previous else "No rating"
            if cell is not None:
                return cell_text(cell, self.compare)
            if column == 0 and not self.is_count_row(row):
                agency = self.agencies[row]
                return agency.organisation_name
            return self._counts(row, column)
        if role == Qt.ItemDataRole.BackgroundRole:
            if cell is not None:
                return QBrush(QColor(RATING_COLOURS[self.rating_at(cell)]))
            if (self.is_count_row(row) and row - len(self.agencies) < len(self.count_headers)) or \
                    self.is_count_column(column):
                return QBrush(QColor("#F3F5F8"))
            return None
        if role == Qt.ItemDataRole.ForegroundRole and cell is not None:
            return QBrush(QColor("#000000"))
        if role == Qt.ItemDataRole.ToolTipRole:
            if cell is not None and self.earlier and (absent := self.not_in_earlier(cell)):
                return as_typed(f"{absent}.")
            if cell is not None and self.earlier:
                r = cell.rating
                was = cell.previous.label if cell.previous else "no rating"
                return as_typed(f"{r.organisation_name}, standard {r.standard_number} in {self.grid.previous.name}: {was}")
            if cell is not None:
                return as_typed(cell_tooltip(cell, earlier))
            if column == 0 and not self.is_count_row(row):
                a = self.agencies[row]
                return as_typed(f"{a.organisation_name}: return {a.status.label.lower()}. Double-click for its return.")
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if column == 0:
                return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.FontRole and (self.is_count_row(row) or self.is_count_column(column)):
            font = QFont()
            font.setBold(column == 0)
            return font
        if role == CELL_ROLE:
            return cell
        return None

    def change_colour(self, change: Change) -> QColor:
        return QColor(CHANGE_COLOURS[change])


ROW_HEIGHT = 56


class S11GridView(QTableView):
    def __init__(self, parent=None, earlier: bool = False, name: str = "Section 11 ratings by agency and standard"):
        super().__init__(parent)
        self.grid_model = S11GridModel(self, earlier)
        self.setModel(self.grid_model)
        self.setAccessibleName(name)
        tab_moves_on(self)  # Tab goes on past the grid; the arrows move from cell to cell
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setWordWrap(True)
        self.setItemDelegate(FullTextOnHover(self))  # a name cut short shows whole on hover
        self.verticalHeader().hide()
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self._row_height(2)  # two lines of a large font fit; `set_grid` makes room for the lines shown
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.horizontalHeader().setDefaultSectionSize(50 if earlier else 84)
        self.horizontalHeader().setMinimumSectionSize(40)
        self.setStyleSheet("QTableView::item:selected { border: 2px solid #1F3A5F; color: black; }")

    def set_grid(self, grid: sr.Grid | None) -> None:
        self.grid_model.set_grid(grid)
        self.verticalHeader().setVisible(self.grid_model.own_labels)  # another scale's counts: labelled
        if grid is None:
            return
        self.setColumnHidden(0, self.grid_model.earlier)  # beside the current grid, row for row
        self._row_height(max((len(cell_text(grid.cell(a.id, s.id)).split("\n")) for a in grid.agencies
                              for s in grid.standards), default=1))
        self.fit_columns()

    def _row_height(self, lines: int) -> None:
        """Rows as tall as `lines` lines of the grid's text (at least ROW_HEIGHT): the lines of a
        cell of the current grid, so both grids' rows line up."""
        self.verticalHeader().setDefaultSectionSize(max(ROW_HEIGHT, lines * self.fontMetrics().lineSpacing() + 12))

    def fit_columns(self) -> None:
        """Each column as wide as its heading ("Standard 10") and every line of its cells ("Not
        applicable", "(moderated)", "▲ Improved") in the grid's own font, at any text size, as every
        list's columns are fitted: an agency's name longer than a list's column is cut short, whole
        on hover, and on a narrow window the names share the room the ratings leave."""
        model = self.grid_model
        headers = [str(model.headerData(c, Qt.Orientation.Horizontal) or "") for c in range(model.columnCount())]
        texts = [sorted({line for r in range(model.rowCount())
                         for line in str(model.data(model.index(r, c)) or "").split("\n")}, key=len, reverse=True)
                 for c in range(model.columnCount())]
        fit_columns(self, [Column(h, str) for h in headers], (), MAX_COLUMN_WIDTH, texts=texts)

    def current_cell(self) -> sr.GridCell | None:
        index = self.currentIndex()
        return self.grid_model.cell(index) if index.isValid() else None

    def select_cell(self, participant_id: int, standard_id: int) -> None:
        model = self.grid_model
        for r, agency in enumerate(model.agencies):
            for c, standard in enumerate(model.standards, start=1):
                if agency.id == participant_id and standard.id == standard_id:
                    self.setCurrentIndex(model.index(r, c))
                    return


def rating_colour(rating: Rating | None) -> QColor:
    return QColor(RATING_COLOURS[rating])
