"""'View as SQLite': browse the tables of a database file found in the evidence.

The database is copied (with its -wal/-journal) to a temporary folder first; the copy is
opened with ``query_only`` so nothing, not even SQLite's recovery, touches the evidence.
"""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QTableView, QVBoxLayout, QWidget

from .common import safe_text
from .content import open_copy

Index = QModelIndex | QPersistentModelIndex


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


class SqliteTableModel(QAbstractTableModel):
    """Rows of one table of a (copied) SQLite file, 500 at a time."""

    PAGE = 500

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.conn: sqlite3.Connection | None = None
        self.table = ""
        self.headers: list[str] = []
        self.rows: list[tuple[Any, ...]] = []
        self._done = True
        self.error = ""

    def open(self, path: Path | None) -> None:
        self.beginResetModel()
        if self.conn is not None:
            self.conn.close()
        self.conn = open_copy(path) if path is not None else None
        self.table, self.headers, self.rows, self._done = "", [], [], True
        self.endResetModel()

    def set_table(self, table: str) -> None:
        self.beginResetModel()
        self.table, self.headers, self.rows, self._done, self.error = table, [], [], True, ""
        if self.conn is not None and table:
            try:
                cur = self.conn.execute(f"SELECT * FROM {_quote(table)} LIMIT 0")
                self.headers = [d[0] for d in cur.description or []]
                self._done = False
            except sqlite3.Error as exc:
                self.error = str(exc)
        self.endResetModel()
        self.fetchMore(QModelIndex())

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._done

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or self._done or self.conn is None:
            return
        try:
            batch = self.conn.execute(f"SELECT * FROM {_quote(self.table)} LIMIT ? OFFSET ?",
                                      (self.PAGE, len(self.rows))).fetchall()
        except sqlite3.Error as exc:
            self.error = str(exc)
            batch = []
        if len(batch) < self.PAGE:
            self._done = True
        if batch:
            self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(batch) - 1)
            self.rows.extend(batch)
            self.endInsertRows()

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return safe_text(self.headers[section]) if 0 <= section < len(self.headers) else None
        return section + 1

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        if index.row() >= len(self.rows) or index.column() >= len(self.headers):
            return None
        value = self.rows[index.row()][index.column()]
        if value is None:
            return "NULL" if role == Qt.ItemDataRole.DisplayRole else None
        if isinstance(value, bytes):
            text = self.tr("BLOB {0} bytes: {1}").format(len(value), value[:32].hex())
        else:
            text = safe_text(value)
        return text[:300] if role == Qt.ItemDataRole.DisplayRole else text[:2000]

    def close(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            if self.conn is not None:
                self.conn.close()
        self.conn = None


class SqliteView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = SqliteTableModel(self)
        self.tables = QComboBox()
        self.tables.setObjectName("sqliteTables")
        self.tables.setMinimumContentsLength(24)
        self.info = QLabel()
        self.table = QTableView()
        self.table.setObjectName("sqliteTable")
        self.table.setModel(self.model)
        self.table.setWordWrap(False)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Table:")))
        bar.addWidget(self.tables)
        bar.addWidget(self.info, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.table)
        self.tables.currentTextChanged.connect(self._table_chosen)

    def show_database(self, path: Path | None, tables: list[str], problem: str = "") -> None:
        self.model.open(path)
        self.tables.blockSignals(True)
        self.tables.clear()
        self.tables.addItems(tables)
        self.tables.blockSignals(False)
        if path is None:
            self.info.setText(problem or self.tr("Not a SQLite database."))
            return
        self.info.setText(self.tr("A read-only temporary copy; the evidence is not touched."))
        if tables:
            self._table_chosen(tables[0])

    def _table_chosen(self, name: str) -> None:
        self.model.set_table(name)
        if self.model.error:
            self.info.setText(self.tr("This table cannot be read: {0}").format(safe_text(self.model.error)))
