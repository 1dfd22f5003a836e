"""The file table: every walked entry, filtered and sorted by the store (``store.browse``), loaded page by page."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication

from forensic_triage.store.browse_repo import CATEGORIES, FileFilter, TableQuery, like_escape

from .loader import QueryLoader
from .sqlmodel import Column, SqlTableModel

__all__ = ["CATEGORIES", "FileFilter", "FileTableModel", "category_titles", "file_columns", "like_escape"]


def category_titles() -> dict[str, str]:
    return {
        "": QCoreApplication.translate("FileFilter", "All types"),
        "pictures": QCoreApplication.translate("FileFilter", "Pictures"),
        "video": QCoreApplication.translate("FileFilter", "Video"),
        "audio": QCoreApplication.translate("FileFilter", "Audio"),
        "documents": QCoreApplication.translate("FileFilter", "Documents"),
        "text": QCoreApplication.translate("FileFilter", "Text"),
        "archives": QCoreApplication.translate("FileFilter", "Archives"),
        "executables": QCoreApplication.translate("FileFilter", "Programs"),
        "databases": QCoreApplication.translate("FileFilter", "Databases"),
        "email": QCoreApplication.translate("FileFilter", "E-mail"),
    }


def file_columns() -> list[Column]:
    return [
        Column("name", QCoreApplication.translate("FileModel", "Name")),
        Column("folder", QCoreApplication.translate("FileModel", "Folder")),
        Column("size", QCoreApplication.translate("FileModel", "Size (bytes)"), "bytes"),
        Column("mtime", QCoreApplication.translate("FileModel", "Modified"), "time"),
        Column("crtime", QCoreApplication.translate("FileModel", "Created"), "time"),
        Column("mime", QCoreApplication.translate("FileModel", "Type")),
        Column("extension", QCoreApplication.translate("FileModel", "Extension"),
               tooltip=QCoreApplication.translate("FileModel", "'≠' marks an extension that does not match the content")),
        Column("deleted", QCoreApplication.translate("FileModel", "Deleted"), "flag"),
        Column("hits", QCoreApplication.translate("FileModel", "YARA"), "int"),
        Column("hashset", QCoreApplication.translate("FileModel", "Hash set")),
        Column("tags", QCoreApplication.translate("FileModel", "Tags"), sortable=False),
        Column("status", QCoreApplication.translate("FileModel", "Status")),
        Column("flags", QCoreApplication.translate("FileModel", "Flags"),
               tooltip=QCoreApplication.translate(
                   "FileModel", "shadow copies: 'vss-only' (not on the live volume), 'vss-changed' (other content "
                   "there), 'vss-identical' (same content: not scanned again)")),
        Column("md5", QCoreApplication.translate("FileModel", "MD5"), "hash"),
    ]


class FileTableModel(SqlTableModel):
    def __init__(self, pages: QueryLoader, counts: QueryLoader | None, timezone: str = "UTC",
                 parent: Any = None) -> None:
        # Rows carry time_basis and source_zone: how the times are known (sqlmodel shows it).
        super().__init__(pages, counts, file_columns(), TableQuery("files", files=FileFilter()), timezone=timezone,
                         parent=parent)
        self.filter = FileFilter()
        self.row_style = lambda row: "deleted" if row["deleted"] else ""

    def apply(self, flt: FileFilter) -> None:
        self.filter = flt
        self.set_query(TableQuery("files", files=flt))
