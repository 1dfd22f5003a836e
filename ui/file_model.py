"""The file table: every walked entry, filtered and sorted in SQL, loaded page by page."""

from __future__ import annotations

import dataclasses
import re
from typing import Any

from PySide6.QtCore import QCoreApplication

from .loader import QueryLoader
from .sqlmodel import Column, SqlTableModel

# File categories as MIME patterns (what libmagic reports for the single read).
CATEGORIES: dict[str, tuple[str, ...]] = {
    "pictures": ("image/%",),
    "video": ("video/%",),
    "audio": ("audio/%",),
    "documents": ("application/pdf", "application/msword", "application/vnd.ms-%", "application/vnd.openxml%",
                  "application/vnd.oasis.opendocument%", "application/rtf", "text/rtf"),
    "text": ("text/%",),
    "archives": ("application/zip", "application/x-7z-compressed", "application/x-rar%", "application/gzip",
                 "application/x-tar", "application/x-bzip2", "application/x-xz", "application/vnd.rar"),
    "executables": ("application/x-dosexec", "application/x-executable", "application/x-sharedlib",
                    "application/x-pie-executable", "application/x-mach-binary", "application/vnd.microsoft.portable-executable"),
    "databases": ("application/x-sqlite3", "application/vnd.sqlite3"),
    "email": ("message/%", "application/vnd.ms-outlook"),
}


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


_HEX = re.compile(r"^[0-9a-fA-F]{32}$|^[0-9a-fA-F]{40}$|^[0-9a-fA-F]{64}$")


def like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


@dataclasses.dataclass(slots=True)
class FileFilter:
    """What the examiner asked to see; turned into SQL conditions, never into Python filtering."""

    evidence_id: int | None = None
    volume_id: int | None = None
    folder: str | None = None        # list one folder (its entries, folders included)
    deleted: str = "all"             # all | deleted | allocated
    category: str = ""               # key of CATEGORIES, "" = all
    ext_mismatch: bool = False
    yara: bool = False
    hashset: str = ""                # "" | any | notable | known-good
    tagged: bool = False
    text: str = ""
    file_ids: list[int] | None = None

    def where(self) -> tuple[list[str], list[Any]]:
        conds: list[str] = []
        params: list[Any] = []
        if self.file_ids is not None:
            conds.append(f"f.id IN ({','.join('?' * len(self.file_ids))})" if self.file_ids else "0")
            params.extend(self.file_ids)
            return conds, params
        if self.evidence_id is not None:
            conds.append("f.evidence_id = ?")
            params.append(self.evidence_id)
        if self.volume_id is not None:
            conds.append("f.volume_id = ?")
            params.append(self.volume_id)
        if self.folder is not None:
            conds.append("f.parent_path = ?")
            params.append(self.folder)
        else:
            conds.append("f.type = 'file'")
        if self.deleted == "deleted":
            conds.append("f.allocated = 0")
        elif self.deleted == "allocated":
            conds.append("f.allocated = 1")
        if self.category in CATEGORIES:
            patterns = CATEGORIES[self.category]
            conds.append(" OR ".join("f.mime LIKE ?" for _ in patterns))
            params.extend(patterns)
        if self.ext_mismatch:
            conds.append("f.ext_mismatch = 1")
        if self.yara:
            conds.append("f.hit_count > 0")
        if self.hashset == "any":
            conds.append("f.hashset_match IS NOT NULL")
        elif self.hashset:
            conds.append("f.hashset_match = ?")
            params.append(self.hashset)
        if self.tagged:
            conds.append("EXISTS (SELECT 1 FROM tags t WHERE t.target_kind = 'file' AND t.target_id = f.id)")
        text = self.text.strip()
        if text:
            if _HEX.match(text):
                conds.append("f.md5 = ? OR f.sha1 = ? OR f.sha256 = ?")
                params.extend([text.lower()] * 3)
            else:
                conds.append("f.path LIKE ? ESCAPE '\\'")
                params.append(f"%{like_escape(text)}%")
        return conds, params


def file_columns() -> list[Column]:
    return [
        Column("name", QCoreApplication.translate("FileModel", "Name"), "f.name"),
        Column("folder", QCoreApplication.translate("FileModel", "Folder"), "f.parent_path"),
        Column("size", QCoreApplication.translate("FileModel", "Size (bytes)"), "f.size", "bytes"),
        Column("mtime", QCoreApplication.translate("FileModel", "Modified"), "f.mtime", "time"),
        Column("crtime", QCoreApplication.translate("FileModel", "Created"), "f.crtime", "time"),
        Column("mime", QCoreApplication.translate("FileModel", "Type"), "f.mime"),
        Column("extension", QCoreApplication.translate("FileModel", "Extension"),
               "f.extension || CASE WHEN f.ext_mismatch THEN ' ≠ ' || coalesce(f.detected_ext, '?') ELSE '' END",
               tooltip=QCoreApplication.translate("FileModel", "'≠' marks an extension that does not match the content")),
        Column("deleted", QCoreApplication.translate("FileModel", "Deleted"), "1 - f.allocated", "flag"),
        Column("hits", QCoreApplication.translate("FileModel", "YARA"), "f.hit_count", "int"),
        Column("hashset", QCoreApplication.translate("FileModel", "Hash set"), "f.hashset_match"),
        Column("tags", QCoreApplication.translate("FileModel", "Tags"),
               "(SELECT group_concat(t.tag, ', ') FROM tags t WHERE t.target_kind = 'file' AND t.target_id = f.id)",
               sortable=False),
        Column("status", QCoreApplication.translate("FileModel", "Status"), "f.status"),
        Column("md5", QCoreApplication.translate("FileModel", "MD5"), "f.md5", "hash"),
    ]


class FileTableModel(SqlTableModel):
    def __init__(self, pages: QueryLoader, counts: QueryLoader | None, timezone: str = "UTC",
                 parent: Any = None) -> None:
        super().__init__(pages, counts, file_columns(), "files f", "f.id", timezone=timezone, parent=parent,
                         extra={"time_basis": "f.time_basis",  # how the times are known (sqlmodel shows it)
                                "source_zone": "(SELECT source_timezone FROM evidence e WHERE e.id = f.evidence_id)"})
        self.filter = FileFilter()
        self._where, self._params = self.filter.where()
        self.row_style = lambda row: "deleted" if row["deleted"] else ""

    def apply(self, flt: FileFilter) -> None:
        self.filter = flt
        self.set_filter(*flt.where())
