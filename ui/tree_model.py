"""Evidence tree: exhibit -> partitions / file systems -> folders, children loaded when opened."""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QFont
from PySide6.QtWidgets import QApplication, QStyle

from forensic_triage.model import snapshot_name
from forensic_triage.store import CaseStore

from .common import human_bytes, safe_text
from .sqlmodel import DELETED_COLOR

Index = QModelIndex | QPersistentModelIndex
NODE_ROLE = int(Qt.ItemDataRole.UserRole) + 10


@dataclasses.dataclass(eq=False)
class Node:
    kind: str  # root | evidence | volume | folder
    label: str
    evidence_id: int | None = None
    volume_id: int | None = None
    path: str = "/"
    file_id: int | None = None
    deleted: bool = False
    enabled: bool = True
    tooltip: str = ""
    parent: Node | None = None
    children: list[Node] | None = None  # None = not loaded yet
    position: int = 0

    def row(self) -> int:
        return self.position


# File systems whose times are the device's local clock (see forensic_triage.fs.walker).
LOCAL_CLOCK_FS = ("FAT12", "FAT16", "FAT32", "exFAT")


class EvidenceTreeModel(QAbstractItemModel):
    def __init__(self, store: CaseStore, parent: Any = None) -> None:
        super().__init__(parent)
        self.store = store
        self.root = Node("root", "")
        self._load_root()

    # ------------------------------------------------------------- loading
    def _load_root(self) -> None:
        self.root.children = []
        for ev in self.store.evidence.items():
            label = self.tr("{0} ({1})").format(safe_text(ev["exhibit"]), human_bytes(ev["media_size"]))
            tip = self.tr("Evidence item {0}: {1}; verification {2}; opened read-only").format(
                safe_text(ev["uid"]), safe_text(ev["description"]), ev["verdict"])
            tip += "\n" + (self.tr("Source time zone: {0}, declared by the examiner; local clock times are shown in "
                                    "UTC as an assumption.").format(safe_text(ev["source_timezone"]))
                            if ev["source_timezone"] else
                            self.tr("Source time zone: unknown; local clock times (FAT, EXIF) are shown as local, "
                                    "never as UTC."))
            self.root.children.append(Node("evidence", label, ev["id"], tooltip=tip, parent=self.root,
                                           position=len(self.root.children)))

    def _load(self, node: Node) -> list[Node]:
        out: list[Node] = []
        if node.kind == "evidence":
            assert node.evidence_id is not None
            for v in self.store.evidence.volumes_of(node.evidence_id):
                if v["parent_id"] is not None and snapshot_name(v["layer"]):
                    continue  # listed under the volume it was copied from
                fs = v["fs_type"] or safe_text(v["description"]) or self.tr("no readable file system")
                slot = self.tr("whole media") if v["addr"] is None else self.tr("partition {0}").format(v["addr"])
                label = self.tr("{0} — {1}, {2}").format(fs, slot, human_bytes(v["length"]))
                if v["label"]:
                    label += f" “{safe_text(v['label'])}”"
                tip = self.tr("{0} at byte {1}: {2}; status: {3}").format(
                    slot, v["offset"], safe_text(v["description"]), v["fs_status"])
                if v["fs_type"] in LOCAL_CLOCK_FS:
                    tip += "\n" + self.tr("{0} records the device's local clock with no time zone.").format(
                        v["fs_type"])
                out.append(Node("volume", label, node.evidence_id, v["id"], "/", enabled=bool(v["fs_type"]),
                                tooltip=tip, parent=node, children=None if v["fs_type"] else []))
        elif node.kind in ("volume", "folder"):
            assert node.evidence_id is not None and node.volume_id is not None
            if node.kind == "volume":
                out.extend(self._snapshots(node))
            for f in self.store.browse.folder_children(node.evidence_id, node.volume_id, node.path):
                deleted = not f["allocated"]
                tip = self.tr("{0} (deleted)").format(safe_text(f["path"])) if deleted else safe_text(f["path"])
                out.append(Node("folder", safe_text(f["name"]), node.evidence_id, node.volume_id, f["path"], f["id"],
                                deleted, tooltip=tip, parent=node))
        for i, child in enumerate(out):
            child.position = i
        return out

    def _snapshots(self, node: Node) -> list[Node]:
        """The Volume Shadow Copies of a volume, as volumes under it (see forensic_triage.fs.vss)."""
        assert node.evidence_id is not None
        out = []
        for v in self.store.evidence.volumes_of(node.evidence_id):
            if v["parent_id"] != node.volume_id or not snapshot_name(v["layer"]):
                continue
            details = json.loads(v["details"] or "{}")
            created = str(details.get("creation_time_utc") or "")
            label = (self.tr("Shadow copy {0} (created {1} {2} UTC)").format(details.get("store_index"), created[:10],
                                                                          created[11:19]) if created
                     else self.tr("Shadow copy {0}").format(details.get("store_index")))
            tip = self.tr("{0}: the volume as it was when the copy was made; store {1}, copy set {2}; status: {3}")
            out.append(Node("volume", label, node.evidence_id, v["id"], "/", enabled=bool(v["fs_type"]),
                            tooltip=tip.format(safe_text(v["description"]), details.get("store_identifier"),
                                               details.get("copy_set_identifier"), v["fs_status"]),
                            parent=node, children=None if v["fs_type"] else []))
        return out

    def node(self, index: Index) -> Node:
        if index.isValid():
            ptr = index.internalPointer()
            if isinstance(ptr, Node):
                return ptr
        return self.root

    # -------------------------------------------------------- Qt model API
    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        node = self.node(parent)
        if column != 0 or node.children is None or not 0 <= row < len(node.children):
            return QModelIndex()
        return self.createIndex(row, column, node.children[row])

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid():
            return QModelIndex()
        node = self.node(index)
        up = node.parent
        if up is None or up is self.root:
            return QModelIndex()
        return self.createIndex(up.row(), 0, up)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() and parent.column() != 0:
            return 0
        node = self.node(parent)
        return len(node.children) if node.children is not None else 0

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 1

    def hasChildren(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        if parent.isValid() and parent.column() != 0:
            return False
        node = self.node(parent)
        return node.children is None or bool(node.children)

    def canFetchMore(self, parent: Index) -> bool:
        return self.node(parent).children is None

    def fetchMore(self, parent: Index) -> None:
        node = self.node(parent)
        if node.children is not None:
            return
        children = self._load(node)
        if children:
            self.beginInsertRows(parent, 0, len(children) - 1)
            node.children = children
            self.endInsertRows()
        else:
            node.children = []
            # Tell the view the expander should go.
            self.dataChanged.emit(parent, parent)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        node = self.node(index)
        flags = Qt.ItemFlag.ItemIsSelectable
        if node.enabled:
            flags |= Qt.ItemFlag.ItemIsEnabled
        return flags

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and section == 0 and role == Qt.ItemDataRole.DisplayRole:
            return self.tr("Evidence")
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        node = self.node(index)
        if role == Qt.ItemDataRole.DisplayRole:
            return node.label + (self.tr(" (deleted)") if node.deleted else "")
        if role == Qt.ItemDataRole.ToolTipRole:
            return node.tooltip or None
        if role == Qt.ItemDataRole.ForegroundRole and node.deleted:
            return QBrush(DELETED_COLOR)
        if role == Qt.ItemDataRole.FontRole and node.deleted:
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.DecorationRole:
            style = QApplication.style()
            icon = {
                "evidence": QStyle.StandardPixmap.SP_DriveHDIcon,
                "volume": QStyle.StandardPixmap.SP_DriveFDIcon,
                "folder": QStyle.StandardPixmap.SP_DirIcon,
            }.get(node.kind)
            return style.standardIcon(icon) if icon is not None else None
        if role == NODE_ROLE:
            return node
        return None

    # ------------------------------------------------------------ helpers
    def reload(self) -> None:
        self.beginResetModel()
        self._load_root()
        self.endResetModel()

    def find_folder(self, evidence_id: int, volume_id: int, path: str) -> QModelIndex:
        """The index of a folder, loading each level on the way (for 'jump to file')."""
        parent = QModelIndex()
        node = next((n for n in self.root.children or [] if n.evidence_id == evidence_id), None)
        if node is None:
            return QModelIndex()
        parent = self.createIndex(node.row(), 0, node)
        if node.children is None:
            self.fetchMore(parent)
        node = next((n for n in node.children or [] if n.volume_id == volume_id), None)
        if node is None:
            return parent
        parent = self.createIndex(node.row(), 0, node)
        parts = [p for p in path.split("/") if p]
        current = ""
        for part in parts:
            current = f"{current}/{part}"
            if node.children is None:
                self.fetchMore(parent)
            child = next((n for n in node.children or [] if n.path == current), None)
            if child is None:
                break
            node = child
            parent = self.createIndex(node.row(), 0, node)
        return parent
