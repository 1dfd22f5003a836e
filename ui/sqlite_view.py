"""'View as SQLite': browse the tables of a database file found in the evidence.

The database is copied (with its -wal/-journal) to a temporary folder first; nothing, not even
SQLite's recovery, touches the evidence. The copy is read only in child processes with limits
and the hostile-schema protections of the extractors (``forensic_triage.isolated_views``:
``trusted_schema=OFF``, ``query_only``, views listed but never run): a hostile database can
stop such a child, never the GUI, and the view says what happened.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRunnable,
    Qt,
    QThreadPool,
    Signal,
)
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QTableView, QVBoxLayout, QWidget

from forensic_triage.errors import ParseError
from forensic_triage.isolated_views import Blob, SqlitePage, sqlite_page

from .common import safe_text

Index = QModelIndex | QPersistentModelIndex


class _PageSignals(QObject):
    done = Signal(int, object)  # generation, SqlitePage
    failed = Signal(int, str)   # generation, what happened


class _PageTask(QRunnable):
    """One page of rows, read in a child process (``isolated_views.sqlite_page``), waited for on a
    pool thread: the GUI thread never runs SQLite on a database from the evidence."""

    def __init__(self, gen: int, path: Path, table: str, offset: int, count: int) -> None:
        super().__init__()
        self.setAutoDelete(False)  # kept by the model until it has run
        self.signals = _PageSignals()
        self.args = (gen, path, table, offset, count)
        self.finished = False

    def run(self) -> None:
        gen, path, table, offset, count = self.args
        try:
            page = sqlite_page(path, table, offset, count)
        except ParseError as exc:
            self.signals.failed.emit(gen, exc.message)
        else:
            self.signals.done.emit(gen, page)
        finally:
            self.finished = True


class SqliteTableModel(QAbstractTableModel):
    """Rows of one table of a (copied) SQLite file, 500 at a time, each page read in a child."""

    PAGE = 500
    pageLoaded = Signal()  # a page (or the reason there is none) arrived

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.path: Path | None = None
        self.table = ""
        self.headers: list[str] = []
        self.rows: list[tuple[Any, ...]] = []
        self._done = True
        self._gen = 0
        self._task: _PageTask | None = None  # the page being read for the current table
        self._started: list[_PageTask] = []   # every task not yet finished (kept alive until then)
        self.error = ""

    @property
    def loading(self) -> bool:
        return self._task is not None

    def open(self, path: Path | None) -> None:
        self.beginResetModel()
        self._gen += 1
        self._task = None
        self.path = path
        self.table, self.headers, self.rows, self._done, self.error = "", [], [], True, ""
        self.endResetModel()

    def set_table(self, table: str) -> None:
        self.beginResetModel()
        self._gen += 1
        self._task = None
        self.table, self.headers, self.rows, self.error = table, [], [], ""
        self._done = self.path is None or not table
        self.endResetModel()
        self.fetchMore(QModelIndex())

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._done and self._task is None

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or self._done or self._task is not None or self.path is None:
            return
        task = _PageTask(self._gen, self.path, self.table, len(self.rows), self.PAGE)
        task.signals.done.connect(self._page_done)
        task.signals.failed.connect(self._page_failed)
        self._task = task
        self._started = [t for t in self._started if not t.finished] + [task]
        QThreadPool.globalInstance().start(task)

    def _page_done(self, gen: int, page: SqlitePage) -> None:
        if gen != self._gen:
            return
        self._task = None
        if not self.headers:
            self.beginResetModel()
            self.headers = page.headers
            self.endResetModel()
        if len(page.rows) < self.PAGE:
            self._done = True
        if page.rows:
            self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(page.rows) - 1)
            self.rows.extend(page.rows)
            self.endInsertRows()
        self.pageLoaded.emit()

    def _page_failed(self, gen: int, text: str) -> None:
        if gen != self._gen:
            return
        self._task = None
        self._done = True
        self.error = text
        self.pageLoaded.emit()

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
        if isinstance(value, Blob):
            text = self.tr("BLOB {0} bytes: {1}").format(value.size, value.head.hex())
        else:
            text = safe_text(value)
        return text[:300] if role == Qt.ItemDataRole.DisplayRole else text[:2000]

    def close(self) -> None:
        self.open(None)


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
        self.model.pageLoaded.connect(self._page_loaded)

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
        self.info.setText(self.tr("A read-only temporary copy; the evidence is not touched."))
        self.model.set_table(name)

    def _page_loaded(self) -> None:
        if self.model.error:
            self.info.setText(self.tr("This table cannot be read: {0}").format(safe_text(self.model.error)))
