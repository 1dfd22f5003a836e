"""Browse: the evidence tree, the filtered file table and the details pane."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableView,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from .details import DetailsPane
from .file_model import FileFilter, FileTableModel
from .filter_bar import FilterBar
from .session import CaseSession
from .sqlmodel import ID_ROLE
from .tree_model import NODE_ROLE, EvidenceTreeModel, Node


class BrowseView(QWidget):
    tagRequested = Signal()

    def __init__(self, session: CaseSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.tree_model = EvidenceTreeModel(session.store, self)
        self.tree = QTreeView()
        self.tree.setObjectName("evidenceTree")
        self.tree.setModel(self.tree_model)
        self.tree.setHeaderHidden(False)
        self.tree.setUniformRowHeights(True)
        self.model = FileTableModel(session.pages, session.counts, session.timezone, self)
        self.table = QTableView()
        self.table.setObjectName("fileTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 6)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionsMovable(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for col, width in enumerate((220, 200, 90, 300, 300, 140, 80, 60, 50, 80, 110, 60, 240)):
            header.resizeSection(col, width)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        self.filter_bar = FilterBar()
        self.place = QLabel()
        self.place.setObjectName("placeLabel")
        self.count = QLabel()
        self.count.setObjectName("countLabel")
        self.details = DetailsPane(session)

        status = QHBoxLayout()
        status.addWidget(self.place, 1)
        status.addWidget(self.count)
        center = QWidget()
        cl = QVBoxLayout(center)
        cl.setContentsMargins(0, 0, 0, 0)
        cl.addLayout(status)
        cl.addWidget(self.table)
        right = QSplitter(Qt.Orientation.Vertical)
        right.setObjectName("browseRightSplit")
        right.addWidget(center)
        right.addWidget(self.details)
        right.setSizes([330, 270])
        split = QSplitter()
        split.setObjectName("browseSplit")
        split.addWidget(self.tree)
        split.addWidget(right)
        split.setSizes([260, 1000])
        split.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.filter_bar)
        layout.addWidget(split, 1)
        self.splitters = (split, right)

        self.base = FileFilter()
        self._select_after_load: int | None = None
        self.filter_bar.changed.connect(self.apply_filter)
        self.filter_bar.text.returnPressed.connect(self.filter_bar.flush)
        self.tree.selectionModel().currentChanged.connect(lambda cur, _prev: self._place_chosen(cur))
        self.table.selectionModel().currentRowChanged.connect(lambda cur, _prev: self._file_chosen(cur.row()))
        self.model.pageLoaded.connect(self._page_loaded)
        self.model.totalChanged.connect(lambda _n: self._update_count())
        self.model.modelReset.connect(self._update_count)
        self.apply_filter()
        self._expand_top()

    def _expand_top(self) -> None:
        for row in range(self.tree_model.rowCount()):
            self.tree.expand(self.tree_model.index(row, 0))

    # ------------------------------------------------------------- filters
    def _place_chosen(self, index: object) -> None:
        node: Node | None = self.tree_model.data(index, NODE_ROLE) if index is not None else None  # type: ignore[arg-type]
        if node is None or node.kind == "root":
            self.base = FileFilter()
        elif node.kind == "evidence":
            self.base = FileFilter(evidence_id=node.evidence_id)
        elif node.kind == "volume":
            self.base = FileFilter(evidence_id=node.evidence_id, volume_id=node.volume_id)
        else:
            self.base = FileFilter(evidence_id=node.evidence_id, volume_id=node.volume_id, folder=node.path)
        self.apply_filter()

    def apply_filter(self) -> None:
        flt = self.filter_bar.apply_to(self.base)
        self.model.apply(flt)
        self._describe_place()

    def _describe_place(self) -> None:
        base = self.base
        if base.folder is not None:
            text = self.tr("Folder {0}").format(base.folder)
        elif base.volume_id is not None:
            text = self.tr("Every file of the selected file system")
        elif base.evidence_id is not None:
            text = self.tr("Every file of the selected evidence item")
        else:
            text = self.tr("Every file in the case")
        self.place.setText(text)

    def _update_count(self) -> None:
        loaded = self.model.rowCount()
        total = self.model.total
        what = self.tr("entries") if self.base.folder is not None else self.tr("files")
        if total is None or self.model.loading and loaded == 0:
            self.count.setText(self.tr("{0} {1} loaded…").format(f"{loaded:,}", what))
        else:
            self.count.setText(self.tr("{0} {1} (showing {2})").format(f"{total:,}", what, f"{loaded:,}"))

    # ------------------------------------------------------------ selection
    def _file_chosen(self, row: int) -> None:
        self.details.show_file(self.model.row_id(row) if row >= 0 else None)

    def selected_file_ids(self) -> list[int]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        if not rows and self.table.currentIndex().isValid():
            rows = [self.table.currentIndex().row()]
        return [fid for fid in (self.model.row_id(r) for r in rows) if fid is not None]

    def show_file(self, file_id: int) -> None:
        """Jump to a file: open its folder in the tree and select it in the table."""
        r = self.session.store.files.place_of(file_id)
        if r is None:
            return
        self.filter_bar.blockSignals(True)
        self.filter_bar.reset()
        self.filter_bar.blockSignals(False)
        index = self.tree_model.find_folder(r["evidence_id"], r["volume_id"], r["parent_path"])
        self._select_after_load = file_id
        self.tree.selectionModel().blockSignals(True)
        if index.isValid():
            self.tree.setCurrentIndex(index)
            self.tree.scrollTo(index)
        self.tree.selectionModel().blockSignals(False)
        self.base = FileFilter(evidence_id=r["evidence_id"], volume_id=r["volume_id"], folder=r["parent_path"])
        self.apply_filter()

    def _page_loaded(self, _count: int) -> None:
        self._update_count()
        target = self._select_after_load
        if target is None:
            return
        row = self.model.row_of(target)
        if row is not None:
            self._select_after_load = None
            index = self.model.index(row, 0)
            self.table.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
            self.table.scrollTo(index)
        elif self.model.canFetchMore():
            self.model.fetchMore()
        else:
            self._select_after_load = None

    def current_file_id(self) -> int | None:
        index = self.table.currentIndex()
        return self.model.data(index, ID_ROLE) if index.isValid() else None

    def refresh(self, tree: bool = False) -> None:
        self.model.refresh()
        if tree:
            self.tree_model.reload()
            self._expand_top()
        self.details.refresh()
