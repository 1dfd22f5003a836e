"""Findings: artifacts per record type, YARA hits, hash-set matches, content hits, tags, warnings.

Double-clicking any row jumps to its source file in Browse.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from . import findings_models as fm
from .common import rich
from .session import CaseSession
from .sqlmodel import SqlTableModel

# The column that gets the spare width (the first of these in a table): the long text a reader needs.
WIDE_COLUMNS = ("message", "value", "summary", "details", "description", "note", "context", "strings", "path")


class FindingTable(QWidget):
    """A paged findings table with a text filter over its text columns."""

    jump = Signal(int)           # file id
    tagRequested = Signal()
    filterChanged = Signal()     # the text filter changed (the timeline's chart follows it)

    def __init__(self, model: SqlTableModel, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        model.setParent(self)
        self.search = QLineEdit()
        self.search.setObjectName(f"{name}Filter")
        self.search.setPlaceholderText(self.tr("Filter this list (Enter)"))
        self.search.setClearButtonEnabled(True)
        self.count = QLabel()
        self.tag_button = QPushButton(self.tr("Tag selected…"))
        self.tag_button.setObjectName(f"{name}Tag")
        self.table = QTableView()
        self.table.setObjectName(f"{name}Table")
        self.table.setModel(model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 6)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setDefaultSectionSize(160)
        header.setStretchLastSection(False)
        for i, column in enumerate(model.columns):
            if column.kind == "time":
                header.resizeSection(i, 330)
            elif column.key in WIDE_COLUMNS:
                header.resizeSection(i, 320)
        self._fitted = False
        model.pageLoaded.connect(lambda _n: self.fit_columns())
        col, order = model.sort_state
        header.setSortIndicator(col, order)
        self.table.setSortingEnabled(True)
        self.record = QTextBrowser()
        self.record.setObjectName(f"{name}Record")
        self.record.setOpenLinks(False)
        # Double-click opens the source file only in tables whose rows have one.
        self.jumps = "file_id" in model.extra
        self.record.setPlaceholderText(
            self.tr("Select a row to see all of its fields; double-click it to open its source file.") if self.jumps
            else self.tr("Select a row to see all of its fields."))
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(self.record)
        split.setSizes([420, 160])
        bar = QHBoxLayout()
        bar.addWidget(self.search, 1)
        bar.addWidget(self.count)
        bar.addWidget(self.tag_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(split)
        self.table.selectionModel().currentRowChanged.connect(lambda cur, _prev: self._show_record(cur.row()))
        self.search.returnPressed.connect(self.apply_search)
        self.search.textChanged.connect(lambda text: self.apply_search() if not text else None)
        self.table.doubleClicked.connect(self._double_clicked)
        self.tag_button.clicked.connect(self.tagRequested)
        model.pageLoaded.connect(lambda _n: self._update_count())
        model.totalChanged.connect(lambda _n: self._update_count())
        model.loadFailed.connect(lambda text: self.count.setText(text))
        self.period: tuple[str, str] | None = None  # the timeline's chosen period [start, end), UTC

    def fit_columns(self) -> None:
        """Once the first rows are in: every column as wide as its content (capped), and the one
        long-text column (message, value, summary, details...) takes the rest of the width."""
        if self._fitted or self.model.rowCount() == 0:
            return
        self._fitted = True
        header = self.table.horizontalHeader()
        wide = next((i for i, c in enumerate(self.model.columns) if c.key in WIDE_COLUMNS), None)
        for i, _column in enumerate(self.model.columns):
            if i == wide:
                continue
            self.table.resizeColumnToContents(i)
            header.resizeSection(i, min(max(header.sectionSize(i), 48), 280))
        if wide is not None:
            header.setSectionResizeMode(wide, QHeaderView.ResizeMode.Stretch)
        else:
            header.setStretchLastSection(True)

    def dispose(self) -> None:
        """Remove this table for good (a new record type or time source was chosen)."""
        self.model.discard()
        self.setParent(None)
        self.deleteLater()

    def text_filter(self) -> str:
        """The text typed in the filter box (a literal, looked for in the table's text columns by the store)."""
        return self.search.text().strip()

    def apply_search(self) -> None:
        text = self.text_filter()
        changed = text != getattr(self, "_last_text_filter", "")
        self._last_text_filter = text
        start, end = self.period if self.period is not None else (None, None)
        self.model.set_query(dataclasses.replace(self.model.query, text=text, start=start, end=end))
        if changed:
            self.filterChanged.emit()

    def _show_record(self, row: int) -> None:
        """Every field of the chosen row, in full (cells are cut at 300 characters)."""
        if row < 0:
            self.record.clear()
            return
        data = self.model.row_dict(row)
        lines = []
        for col in self.model.columns:
            value = data.get(col.key)
            if value in (None, ""):
                continue
            text = self.model.tooltip(col, value, data) or self.model.display(col, value, data)  # type: ignore[arg-type]
            # Evidence text is already escaped (safe_text) by the model; a real line break here is the
            # model's own (a time followed by how it is known), so it is kept as a line break.
            shown = "<br>".join(rich(part) for part in str(text).split("\n"))
            lines.append(f"<tr><td valign=top><b>{rich(col.title)}</b></td><td>{shown}</td></tr>")
        hint = self.tr("Double-click the row to open its source file.") if data.get("file_id") is not None else ""
        self.record.setHtml(f"<table cellspacing=2>{''.join(lines)}</table><p><i>{rich(hint)}</i></p>")

    def _update_count(self) -> None:
        total = self.model.total
        loaded = self.model.rowCount()
        self.count.setText(self.tr("{0} found").format(f"{total:,}") if total is not None
                           else self.tr("{0} loaded…").format(f"{loaded:,}"))

    def _double_clicked(self, index: object) -> None:
        row = self.model.row_dict(index.row())  # type: ignore[attr-defined]
        if row.get("file_id") is not None:
            self.jump.emit(int(row["file_id"]))

    def selected(self) -> list[dict[str, object]]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        if not rows and self.table.currentIndex().isValid():
            rows = [self.table.currentIndex().row()]
        return [self.model.row_dict(r) for r in rows]


class FindingsView(QTabWidget):
    jump = Signal(int)
    tagRequested = Signal(object)  # FindingTable

    def __init__(self, session: CaseSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("findingsTabs")
        tz = session.timezone
        p, c = session.pages, session.counts
        self.types = QListWidget()
        self.types.setObjectName("artifactTypes")
        self.artifact_box = QVBoxLayout()
        self.artifact_table: FindingTable | None = None
        art = QSplitter()
        art.addWidget(self.types)
        right = QWidget()
        right.setLayout(self.artifact_box)
        self.artifact_box.setContentsMargins(0, 0, 0, 0)
        self.artifact_hint = QLabel(self.tr("No artifacts yet: run triage with the artifact extractors."))
        self.artifact_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.artifact_box.addWidget(self.artifact_hint)
        art.addWidget(right)
        art.setSizes([220, 900])
        art.setStretchFactor(1, 1)
        self.addTab(art, self.tr("Artifacts"))
        self.tables: dict[str, FindingTable] = {}
        makers: list[tuple[str, str, Callable[[], SqlTableModel]]] = [
            ("yara", self.tr("YARA hits"), lambda: fm.yara_model(p, c, tz)),
            ("hashsets", self.tr("Hash-set matches"), lambda: fm.hashset_model(p, c, tz)),
            ("content", self.tr("Content hits"), lambda: fm.content_model(p, c, tz)),
            ("tags", self.tr("Tags and notes"), lambda: fm.tags_model(p, c, tz)),
            ("warnings", self.tr("Warnings"), lambda: fm.warnings_model(p, c, tz)),
        ]
        for key, title, make in makers:
            table = FindingTable(make(), key)
            table.jump.connect(self.jump)
            table.tagRequested.connect(lambda t=table: self.tagRequested.emit(t))
            if key in ("tags", "warnings"):
                table.tag_button.hide()
            self.tables[key] = table
            self.addTab(table, title)
        self.types.currentItemChanged.connect(lambda cur, _prev: self._type_chosen(cur))
        self.active = False

    def activate(self) -> None:
        """Load when first shown: a case with a million files opens without waiting for findings."""
        if self.active:
            return
        self.active = True
        self.reload_types()
        for table in self.tables.values():
            table.model.reload()

    def reload_types(self) -> None:
        current = self.types.currentItem().data(Qt.ItemDataRole.UserRole) if self.types.currentItem() else None
        self.types.blockSignals(True)
        self.types.clear()
        for record_type, n in self.session.store.findings.artifact_type_counts():
            item = QListWidgetItem(f"{record_type} ({n:,})")
            item.setData(Qt.ItemDataRole.UserRole, record_type)
            self.types.addItem(item)
            if record_type == current:
                self.types.setCurrentItem(item)
        self.types.blockSignals(False)
        if self.types.count() and self.types.currentItem() is None:
            self.types.setCurrentRow(0)
        elif self.types.count() == 0:
            self._type_chosen(None)

    def _type_chosen(self, item: QListWidgetItem | None) -> None:
        record_type = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        if self.artifact_table is not None:
            if record_type == getattr(self.artifact_table, "record_type", None):
                return
            self.artifact_table.dispose()
            self.artifact_table = None
        self.artifact_hint.setVisible(record_type is None)
        if record_type is None:
            return
        model = fm.artifact_model(self.session.pages, self.session.counts, self.session.store, record_type,
                                  self.session.timezone)
        table = FindingTable(model, "artifacts")
        table.record_type = record_type  # type: ignore[attr-defined]
        table.jump.connect(self.jump)
        table.tagRequested.connect(lambda t=table: self.tagRequested.emit(t))
        self.artifact_box.addWidget(table)
        self.artifact_table = table
        model.reload()

    def refresh(self) -> None:
        if not self.active:
            return
        self.reload_types()
        for table in self.all_tables():
            table.model.refresh()

    def all_tables(self) -> list[FindingTable]:
        return list(self.tables.values()) + ([self.artifact_table] if self.artifact_table else [])
