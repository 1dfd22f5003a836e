"""Remembered window layout: geometry, tool-bar state, splitters and column order (QSettings)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtWidgets import QMainWindow

from .settings import settings


def _state(key: str) -> QByteArray | None:
    value = settings().value(key)
    return value if isinstance(value, QByteArray) and not value.isEmpty() else None


def restore_window(window: QMainWindow) -> None:
    geometry = _state("window/geometry")
    if geometry is not None:
        window.restoreGeometry(geometry)
    state = _state("window/state")
    if state is not None:
        window.restoreState(state)


def save_window(window: QMainWindow) -> None:
    s = settings()
    s.setValue("window/geometry", window.saveGeometry())
    s.setValue("window/state", window.saveState())


def restore_browse(browse: Any) -> None:
    """Splitter sizes and the file table's column widths and order (never a remembered sort:
    sorting a million files by an unindexed column is the examiner's choice, not the default)."""
    for i, split in enumerate(browse.splitters):
        state = _state(f"browse/splitter{i}")
        if state is not None:
            split.restoreState(state)
    header = _state("browse/header")
    if header is not None:
        browse.table.horizontalHeader().restoreState(header)
        browse.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)


def save_browse(browse: Any) -> None:
    s = settings()
    for i, split in enumerate(browse.splitters):
        s.setValue(f"browse/splitter{i}", split.saveState())
    s.setValue("browse/header", browse.table.horizontalHeader().saveState())
