"""A table model over one table of the case, paged on demand with keyset pagination.

Rows are loaded a page at a time (``canFetchMore``/``fetchMore``) by a background
:class:`~.loader.QueryLoader`, so a case with a million files opens at once and scrolling
never runs a query on the GUI thread. The model describes what it shows by name (a
:class:`~forensic_triage.store.browse_repo.TableQuery`: the table, its columns, the filters,
the order) and asks ``store.browse`` for the page after its last row (its sort key and id: a
keyset, which costs the same on page 1 and page 4,000); the repository writes the SQL.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont

from forensic_triage.store import CaseStore
from forensic_triage.store.browse_repo import Keyset, TableQuery, row_extras
from forensic_triage.timeutil import BASIS_LOCAL, basis_label, basis_zone, display_time, timeline_display

from .common import fmt_time, safe_text
from .loader import QueryLoader, Request

ID_ROLE = int(Qt.ItemDataRole.UserRole) + 1
ROW_ROLE = int(Qt.ItemDataRole.UserRole) + 2
SOFT_REFRESH_MAX = 20000
DELETED_COLOR = QColor(180, 30, 30)

Index = QModelIndex | QPersistentModelIndex


class Row(Mapping[str, Any]):
    """One loaded row, read like a dict: its values in a tuple, the names shared by the page (a dict per
    row would double the memory a long scroll through a million files holds)."""

    __slots__ = ("_names", "_values")

    def __init__(self, names: dict[str, int], values: tuple[Any, ...]) -> None:
        self._names = names
        self._values = values

    def __getitem__(self, key: str) -> Any:
        return self._values[self._names[key]]

    def __iter__(self) -> Iterator[str]:
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)


def compact(rows: list[dict[str, Any]]) -> list[Row]:
    """A page of rows from the store, kept compactly (on the loader thread)."""
    if not rows:
        return []
    names = {name: i for i, name in enumerate(rows[0])}
    return [Row(names, tuple(r.values())) for r in rows]


@dataclasses.dataclass(frozen=True, slots=True)
class Column:
    """A shown column: ``key`` names a column of the model's table in the store (``store.browse``)."""

    key: str
    title: str
    kind: str = "text"  # text | int | bytes | time | flag | hash (how it is shown)
    sortable: bool = True
    tooltip: str = ""


class SqlTableModel(QAbstractTableModel):
    """Paged rows of one table of the case: ``query`` says which (``query.columns`` are set from ``columns``)."""

    pageLoaded = Signal(int)
    totalChanged = Signal(int)
    loadFailed = Signal(str)

    PAGE = 256

    def __init__(self, pages: QueryLoader, counts: QueryLoader | None, columns: Sequence[Column], query: TableQuery,
                 *, timezone: str = "UTC", parent: Any = None) -> None:
        super().__init__(parent)
        self.pages = pages
        self.counts = counts
        self.columns = list(columns)
        self.base_query = dataclasses.replace(query, columns=tuple(c.key for c in self.columns))
        self.query = self.base_query
        self.timezone = timezone
        self.formatters: dict[str, Callable[[Any], str]] = {}
        self._rows: list[Row] = []
        self._ids: dict[int, int] = {}
        self._gen = 0
        self._fetching = False
        self._exhausted = False
        self._sort_col = -1
        self._sort_order = Qt.SortOrder.AscendingOrder
        self._refresh_wanted = False
        self.total: int | None = None
        self.error: str | None = None
        self.row_style: Callable[[Row], str] | None = None  # "deleted" | "" per row

    # ------------------------------------------------------------ Qt model API
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.columns):
            col = self.columns[section]
            if role == Qt.ItemDataRole.DisplayRole:
                return col.title
            if role == Qt.ItemDataRole.ToolTipRole and col.tooltip:
                return col.tooltip
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return section + 1
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows) or index.column() >= len(self.columns):
            return None
        row = self._rows[index.row()]
        col = self.columns[index.column()]
        value = row[col.key]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.display(col, value, row)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tooltip(col, value, row)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if col.kind in ("int", "bytes"):
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        if role in (Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.FontRole) and self.row_style is not None:
            style = self.row_style(row)
            if style == "deleted":
                if role == Qt.ItemDataRole.ForegroundRole:
                    return QBrush(DELETED_COLOR)
                font = QFont()
                font.setItalic(True)
                return font
            return None
        if role == ID_ROLE:
            return int(row["_id"])
        if role == ROW_ROLE:
            return dict(row)
        return None

    @property
    def extra(self) -> frozenset[str]:
        """Names of the values each row carries besides its columns (``file_id``, ``kind``...)."""
        return row_extras(self.query.view)

    def display(self, col: Column, value: Any, row: Mapping[str, Any]) -> str:
        if value is None:
            return ""
        formatter = self.formatters.get(col.key)
        if formatter is not None:
            return formatter(value)
        if col.kind == "bytes" and isinstance(value, int):
            return f"{value:,}"
        if col.kind == "int":
            return str(value)
        if col.kind == "time":
            return self.time_text(str(value), row, compact=True)
        if col.kind == "flag":
            return self.tr("yes") if value else ""
        text = safe_text(value)
        return text if len(text) <= 300 else text[:300] + "…"

    def tooltip(self, col: Column, value: Any, row: Mapping[str, Any]) -> str | None:
        if value is None or col.kind in ("int", "flag"):
            return None
        if col.kind == "time":
            return self.time_text(str(value), row, compact=False, explain=True)
        formatter = self.formatters.get(col.key)
        text = formatter(value) if formatter is not None else safe_text(value)
        return text[:2000] if len(text) > 40 or col.kind == "time" else None

    def time_text(self, value: str, row: Mapping[str, Any], *, compact: bool, explain: bool = False) -> str:
        """A time with how it is known. Rows may carry ``time_basis``/``source_zone`` (file times:
        a local clock is never shown as UTC) or ``basis``/``local_time`` (timeline rows: an assumed
        zone is said). Others are UTC, shown with the case's zone."""
        keys = row.keys()
        if "time_basis" in keys and row["time_basis"] == BASIS_LOCAL:
            zone = row["source_zone"] if "source_zone" in keys else None
            try:
                text = display_time(value, BASIS_LOCAL, zone, self.timezone)
            except (ValueError, OverflowError):
                text = safe_text(value)
            if explain:
                text += "\n" + self.tr("How this time is known: {0}. The file system records the device's local "
                                        "clock, not UTC.").format(basis_label(BASIS_LOCAL, zone))
            return text
        if "basis" in keys and basis_zone(row["basis"]):
            try:
                text = timeline_display(value, row["basis"], row["local_time"] if "local_time" in keys else None,
                                        self.timezone)
            except (ValueError, OverflowError):
                text = safe_text(value)
            if explain:
                text += "\n" + self.tr("How this time is known: the source recorded a local clock time; it was made "
                                        "UTC with the zone {0} declared by the examiner (an assumption).").format(
                    basis_zone(row["basis"]))
            return text
        text = fmt_time(value, self.timezone, compact=compact)
        if explain and ("time_basis" in keys or "basis" in keys):
            text += "\n" + self.tr("How this time is known: UTC as recorded by the source.")
        return text

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._exhausted and not self._fetching

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or self._exhausted or self._fetching:
            return
        self._fetching = True
        last = self._rows[-1] if self._rows else None
        # A sort on a column without an index costs a scan per page: fetch more rows per scan.
        limit = self.PAGE if self._sort_col < 0 else self.PAGE * 4
        fetch = self._page_request((last["_k"], int(last["_id"])) if last is not None else None, limit)
        gen = self._gen
        self.pages.submit(Request(fetch, lambda rows: self._on_page(gen, rows),
                                  lambda err: self._on_error(gen, err), lambda: self._gen == gen))

    def set_sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Choose the order before the first load (no query)."""
        self._sort_col, self._sort_order = column, order

    @property
    def sort_state(self) -> tuple[int, Qt.SortOrder]:
        return self._sort_col, self._sort_order

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if column >= 0 and (column >= len(self.columns) or not self.columns[column].sortable):
            return
        if (column, order) == (self._sort_col, self._sort_order):
            return
        self._sort_col, self._sort_order = column, order
        self.reload()

    # --------------------------------------------------------------- queries
    def current_query(self) -> TableQuery:
        """What is asked of the store: the model's table and filters, in the order chosen."""
        if self._sort_col < 0:
            return dataclasses.replace(self.query, order=None, descending=False)
        return dataclasses.replace(self.query, order=self.columns[self._sort_col].key,
                                   descending=self._sort_order == Qt.SortOrder.DescendingOrder)

    def _page_request(self, after: Keyset | None, limit: int) -> Callable[[CaseStore], list[Row]]:
        query = self.current_query()
        return lambda store: compact(store.browse.page(query, after=after, limit=limit))

    # ------------------------------------------------------------- results
    def _on_page(self, gen: int, rows: list[Row]) -> None:
        if gen != self._gen:
            return
        self.error = None
        if len(rows) < (self.PAGE if self._sort_col < 0 else self.PAGE * 4):
            self._exhausted = True
        if rows:
            # Still "fetching" while the rows go in: a view or tester may ask for more from inside
            # the insert signals, and must not ask for the page it is being given.
            start = len(self._rows)
            self.beginInsertRows(QModelIndex(), start, start + len(rows) - 1)
            for i, row in enumerate(rows):
                self._ids[int(row["_id"])] = start + i
            self._rows.extend(rows)
            self.endInsertRows()
        self._fetching = False
        self.pageLoaded.emit(len(self._rows))
        if self._refresh_wanted:
            self._refresh_wanted = False
            self.refresh()

    def _on_error(self, gen: int, message: str) -> None:
        if gen != self._gen:
            return
        self._fetching = False
        self._exhausted = True
        self.error = message
        self.loadFailed.emit(message)

    # ----------------------------------------------------------- public API
    def discard(self) -> None:
        """The view is going away: answers still on their way are dropped, nothing more is asked."""
        self._gen += 1
        self._exhausted = True
        self._fetching = False

    def set_query(self, query: TableQuery) -> None:
        """Show the rows of ``query`` (new filters; the columns stay the model's, the order the view's)."""
        self.query = dataclasses.replace(query, columns=self.base_query.columns)
        self.reload()

    def reload(self) -> None:
        """Start again from the first page (filter or sort changed)."""
        self._gen += 1
        self.total = None
        self.beginResetModel()
        self._rows = []
        self._ids = {}
        self._fetching = False
        self._exhausted = False
        self.endResetModel()
        self.pages.interrupt_stale()
        self.fetchMore()
        self.update_total()

    def update_total(self) -> None:
        if self.counts is None:
            return
        gen = self._gen
        query = self.current_query()
        self.counts.submit(Request(lambda store: store.browse.count(query), lambda n: self._on_total(gen, n), None,
                                   lambda: self._gen == gen))

    def _on_total(self, gen: int, total: int) -> None:
        if gen == self._gen:
            self.total = int(total)
            self.totalChanged.emit(self.total)

    def refresh(self) -> None:
        """Pick up rows written since they were loaded (a job is running), keeping the view in place."""
        if self._fetching:
            self._refresh_wanted = True
            return
        loaded = len(self._rows)
        if loaded > SOFT_REFRESH_MAX:
            self._exhausted = False
            self.update_total()
            return
        self._fetching = True
        gen = self._gen
        limit = max(loaded, self.PAGE)
        self.pages.submit(Request(self._page_request(None, limit), lambda rows: self._on_refresh(gen, rows, limit),
                                  lambda err: self._on_error(gen, err), lambda: self._gen == gen))
        self.update_total()

    def _on_refresh(self, gen: int, rows: list[Row], limit: int) -> None:
        if gen != self._gen:
            return
        self._fetching = False
        old_ids = [int(r["_id"]) for r in self._rows]
        new_ids = [int(r["_id"]) for r in rows]
        self._exhausted = len(rows) < limit
        if new_ids[: len(old_ids)] == old_ids:
            self._rows[: len(old_ids)] = rows[: len(old_ids)]
            if old_ids:
                self.dataChanged.emit(self.index(0, 0), self.index(len(old_ids) - 1, len(self.columns) - 1))
            extra = rows[len(old_ids):]
            if extra:
                start = len(self._rows)
                self.beginInsertRows(QModelIndex(), start, start + len(extra) - 1)
                self._rows.extend(extra)
                self.endInsertRows()
        else:
            self.beginResetModel()
            self._rows = list(rows)
            self.endResetModel()
        self._ids = {int(r["_id"]): i for i, r in enumerate(self._rows)}
        self.pageLoaded.emit(len(self._rows))

    @property
    def loading(self) -> bool:
        return self._fetching

    @property
    def exhausted(self) -> bool:
        return self._exhausted

    def row_id(self, row: int) -> int | None:
        return int(self._rows[row]["_id"]) if 0 <= row < len(self._rows) else None

    def row_dict(self, row: int) -> dict[str, Any]:
        return dict(self._rows[row]) if 0 <= row < len(self._rows) else {}

    def row_of(self, row_id: int) -> int | None:
        return self._ids.get(row_id)
