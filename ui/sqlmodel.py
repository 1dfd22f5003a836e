"""A table model over any SQL source, paged on demand with keyset pagination.

Rows are loaded a page at a time (``canFetchMore``/``fetchMore``) by a background
:class:`~.loader.QueryLoader`, so a case with a million files opens at once and scrolling
never runs a query on the GUI thread. Sorting and filtering are done by SQL: the model
keeps ``ORDER BY key, id`` and asks for ``(key, id) > (last key, last id)``, which costs the
same on page 1 and page 4,000.
"""

from __future__ import annotations

import dataclasses
import sqlite3
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont

from forensic_triage.timeutil import BASIS_LOCAL, basis_label, basis_zone, display_time, timeline_display

from .common import fmt_time, safe_text
from .loader import QueryLoader, Request

ID_ROLE = int(Qt.ItemDataRole.UserRole) + 1
ROW_ROLE = int(Qt.ItemDataRole.UserRole) + 2
SOFT_REFRESH_MAX = 20000
DELETED_COLOR = QColor(180, 30, 30)

Index = QModelIndex | QPersistentModelIndex


@dataclasses.dataclass(frozen=True, slots=True)
class Column:
    key: str
    title: str
    expr: str
    kind: str = "text"  # text | int | bytes | time | flag | hash
    sortable: bool = True
    sort: str | None = None  # a never-NULL sort key; derived from expr and kind when None
    tooltip: str = ""

    def sort_key(self) -> str:
        if self.sort:
            return self.sort
        if self.kind in ("int", "bytes", "flag"):
            return f"coalesce({self.expr}, -1)"
        return f"coalesce({self.expr}, '')"


class SqlTableModel(QAbstractTableModel):
    """Paged rows of ``SELECT columns FROM source WHERE filters``."""

    pageLoaded = Signal(int)
    totalChanged = Signal(int)
    loadFailed = Signal(str)

    PAGE = 256

    def __init__(self, pages: QueryLoader, counts: QueryLoader | None, columns: Sequence[Column], source: str,
                 id_expr: str, *, timezone: str = "UTC", base_where: Sequence[str] = (),
                 base_params: Sequence[Any] = (), extra: dict[str, str] | None = None,
                 parent: Any = None) -> None:
        super().__init__(parent)
        self.pages = pages
        self.counts = counts
        self.columns = list(columns)
        self.source = source
        self.id_expr = id_expr
        self.timezone = timezone
        self.base_where = list(base_where)
        self.base_params = list(base_params)
        self.extra = dict(extra or {})  # alias -> SQL: selected with each row, not shown
        self.formatters: dict[str, Callable[[Any], str]] = {}
        self._where: list[str] = []
        self._params: list[Any] = []
        self._rows: list[sqlite3.Row] = []
        self._ids: dict[int, int] = {}
        self._gen = 0
        self._fetching = False
        self._exhausted = False
        self._sort_col = -1
        self._sort_order = Qt.SortOrder.AscendingOrder
        self._refresh_wanted = False
        self.total: int | None = None
        self.error: str | None = None
        self.row_style: Callable[[sqlite3.Row], str] | None = None  # "deleted" | "" per row

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

    def display(self, col: Column, value: Any, row: sqlite3.Row) -> str:
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

    def tooltip(self, col: Column, value: Any, row: sqlite3.Row) -> str | None:
        if value is None or col.kind in ("int", "flag"):
            return None
        if col.kind == "time":
            return self.time_text(str(value), row, compact=False, explain=True)
        formatter = self.formatters.get(col.key)
        text = formatter(value) if formatter is not None else safe_text(value)
        return text[:2000] if len(text) > 40 or col.kind == "time" else None

    def time_text(self, value: str, row: sqlite3.Row, *, compact: bool, explain: bool = False) -> str:
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
        sql, params = self._select(after=last, limit=limit)
        gen = self._gen
        self.pages.submit(Request(sql, params, lambda rows: self._on_page(gen, rows),
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
    def _sort_expr(self) -> str | None:
        if self._sort_col < 0:
            return None
        return self.columns[self._sort_col].sort_key()

    def _conditions(self) -> tuple[list[str], list[Any]]:
        return self.base_where + self._where, self.base_params + self._params

    def _select(self, after: sqlite3.Row | None, limit: int) -> tuple[str, tuple[Any, ...]]:
        conds, params = self._conditions()
        key = self._sort_expr()
        desc = self._sort_order == Qt.SortOrder.DescendingOrder
        cmp = "<" if desc else ">"
        if after is not None:
            if key is None:
                conds = conds + [f"{self.id_expr} {cmp} ?"]
                params.append(after["_id"])
            else:
                conds = conds + [f"({key}, {self.id_expr}) {cmp} (?, ?)"]
                params.extend([after["_k"], after["_id"]])
        direction = "DESC" if desc else "ASC"
        cols = ", ".join([f"{c.expr} AS {c.key}" for c in self.columns]
                         + [f"{expr} AS {alias}" for alias, expr in self.extra.items()])
        where = f" WHERE {' AND '.join(f'({c})' for c in conds)}" if conds else ""
        order = f"{self.id_expr} {direction}" if key is None else f"{key} {direction}, {self.id_expr} {direction}"
        sql = (f"SELECT {self.id_expr} AS _id, {key or self.id_expr} AS _k, {cols} FROM {self.source}{where}"
               f" ORDER BY {order} LIMIT ?")
        return sql, (*params, limit)

    def count_sql(self) -> tuple[str, tuple[Any, ...]]:
        conds, params = self._conditions()
        where = f" WHERE {' AND '.join(f'({c})' for c in conds)}" if conds else ""
        return f"SELECT count(*) FROM {self.source}{where}", tuple(params)

    # ------------------------------------------------------------- results
    def _on_page(self, gen: int, rows: list[sqlite3.Row]) -> None:
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

    def set_filter(self, where: Sequence[str], params: Sequence[Any]) -> None:
        self._where, self._params = list(where), list(params)
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
        sql, params = self.count_sql()
        self.counts.submit(Request(sql, params, lambda rows: self._on_total(gen, rows), None, lambda: self._gen == gen))

    def _on_total(self, gen: int, rows: list[sqlite3.Row]) -> None:
        if gen == self._gen and rows:
            self.total = int(rows[0][0])
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
        sql, params = self._select(after=None, limit=limit)
        self.pages.submit(Request(sql, params, lambda rows: self._on_refresh(gen, rows, limit),
                                  lambda err: self._on_error(gen, err), lambda: self._gen == gen))
        self.update_total()

    def _on_refresh(self, gen: int, rows: list[sqlite3.Row], limit: int) -> None:
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
