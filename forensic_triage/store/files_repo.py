"""File entries: listing pages by keyset and filter, lookups, per-volume and per-evidence reads (store-core)."""

from __future__ import annotations

import dataclasses
import sqlite3
from collections.abc import Iterator
from typing import Any

from .base import Repo
from .hashsets_repo import not_known_good

# The listing is read in pages of this many rows (each page one indexed range query).
PAGE_SIZE = 1000


@dataclasses.dataclass(frozen=True, slots=True)
class FileFilter:
    """Which entries a listing shows. Globs use ``*``, ``?`` and ``[...]``; ``path_glob`` ignores case."""

    deleted_only: bool = False
    mime_glob: str | None = None
    path_glob: str | None = None
    mismatch_only: bool = False  # only files whose extension lies about their type
    all_types: bool = False  # folders and other entries too, not only files
    snapshot: int | None = None  # only the entries of shadow copy N (layer ending in ``vssN``, see fs.vss)


class FilesRepo(Repo):
    """Reached as ``store.files``."""

    def listing_page(self, where: FileFilter, *, after_id: int | None = None,
                     limit: int = PAGE_SIZE) -> list[dict[str, Any]]:
        """One page of the file listing in id order: at most ``limit`` entries with an id above ``after_id``.

        Each row holds every column of the entry plus ``evidence`` (the evidence id such as EXH-001),
        ``exhibit`` and ``source_timezone`` of its evidence item. The next page starts after the last
        row's ``id``; an empty page is the end.
        """
        clauses: list[str] = []
        params: list[Any] = []
        if not where.all_types:
            clauses.append("f.type = 'file'")
        if where.deleted_only:
            clauses.append("f.allocated = 0")
        if where.mime_glob:
            clauses.append("f.mime GLOB ?")
            params.append(where.mime_glob)
        if where.path_glob:
            clauses.append("lower(f.path) GLOB lower(?)")
            params.append(where.path_glob)
        if where.mismatch_only:
            clauses.append("f.ext_mismatch = 1")
        if where.snapshot is not None:
            clauses.append("(f.layer = ? OR f.layer LIKE ?)")
            params.extend((f"vss{int(where.snapshot)}", f"%+vss{int(where.snapshot)}"))
        if after_id is not None:
            clauses.append("f.id > ?")
            params.append(after_id)
        params.append(max(1, int(limit)))
        sql = ("SELECT f.*, e.uid AS evidence, e.exhibit, e.source_timezone FROM files f"
               " JOIN evidence e ON e.id = f.evidence_id"
               + (" WHERE " + " AND ".join(clauses) if clauses else "") + " ORDER BY f.id LIMIT ?")
        try:
            cur = self._conn.execute(sql, tuple(params))
            columns = [d[0] for d in cur.description]
            # dict(zip()) over plain tuples: half the cost of sqlite3.Row -> dict on a wide table.
            return [dict(zip(columns, values, strict=True)) for values in cur]
        except sqlite3.Error as exc:
            from .db import DB_NAME, _translate  # db imports this module

            raise _translate(exc, self._store.case_dir / DB_NAME) from exc

    def has_snapshots(self) -> bool:
        """Whether any volume of the case is a Volume Shadow Copy (a layer segment ``vssN``)."""
        return bool(self._scalar("SELECT EXISTS (SELECT 1 FROM volumes WHERE layer GLOB 'vss[0-9]*'"
                                 " OR layer GLOB '*+vss[0-9]*')"))

    def listing(self, where: FileFilter, *, page_size: int = PAGE_SIZE) -> Iterator[dict[str, Any]]:
        """Every entry the filter selects, in id order, read page by page (see :meth:`listing_page`)."""
        after: int | None = None
        while True:
            page = self.listing_page(where, after_id=after, limit=page_size)
            yield from page
            if len(page) < page_size:
                return
            after = int(page[-1]["id"])

    def file_times(self) -> Iterator[dict[str, Any]]:
        """The file-system times of every entry's main stream: ``mtime``, ``atime``, ``ctime``, ``crtime``,
        ``time_basis``, ``path``, ``partition_offset``, ``inode``, ``locator``, ``evidence`` (its evidence id)
        and ``source_timezone`` (the zone declared for its evidence item)."""
        return self._iter(
            "SELECT f.mtime, f.atime, f.ctime, f.crtime, f.time_basis, f.path, f.partition_offset, f.inode,"
            " f.locator, e.uid AS evidence, e.source_timezone FROM files f JOIN evidence e ON e.id = f.evidence_id"
            " WHERE f.stream = ''")

    def signature_findings(self, *, hide_known_good: bool = False) -> Iterator[dict[str, Any]]:
        """Files whose extension lies about their type or that look encrypted, in id order: ``extension``,
        ``mime``, ``detected_ext``, ``ext_mismatch``, ``encrypted``, ``entropy`` and the file's provenance
        (``evidence``, ``partition_offset``, ``inode``, ``path``, ``sha256``, ``locator``)."""
        hide = f" AND {not_known_good()}" if hide_known_good else ""
        return self._iter(
            "SELECT f.extension, f.mime, f.detected_ext, f.ext_mismatch, f.encrypted, f.entropy,"
            " e.uid AS evidence, f.partition_offset AS partition_offset, f.inode AS inode, f.path AS path,"
            " f.sha256 AS sha256, f.locator AS locator FROM files f JOIN evidence e ON e.id = f.evidence_id"
            f" WHERE (f.ext_mismatch = 1 OR f.encrypted IS NOT NULL){hide} ORDER BY f.id")

    def extension_mismatches(self) -> list[dict[str, Any]]:
        """``path`` and ``detected_ext`` of every file whose extension lies about its type."""
        return self._rows("SELECT path, detected_ext FROM files WHERE ext_mismatch=1")

    def to_search(self, evidence_id: int, *, include_known_good: bool = False) -> list[dict[str, Any]]:
        """The non-empty files of an evidence item in reading order (volume offset, first block, id):
        ``id``, ``locator``, ``path``, ``inode``, ``attr_type``, ``attr_id``, ``stream``, ``layer``,
        ``partition_offset``, ``size``, ``mime`` and ``offset`` (of the volume)."""
        hide = "" if include_known_good else f" AND {not_known_good()}"
        return self._rows(
            "SELECT f.id, f.locator, f.path, f.inode, f.attr_type, f.attr_id, f.stream, f.layer, f.partition_offset,"
            " f.size, f.mime, v.offset"
            " FROM files f JOIN volumes v ON v.id = f.volume_id WHERE f.evidence_id = ? AND f.type = 'file'"
            f" AND f.size > 0{hide} ORDER BY v.offset, coalesce(f.first_block, -1), f.id", (evidence_id,))

    def in_volume(self, volume_id: int) -> list[dict[str, Any]]:
        """``id``, ``locator``, ``path``, ``inode``, ``attr_type``, ``attr_id`` of the files of a volume, by locator."""
        return self._rows("SELECT id, locator, path, inode, attr_type, attr_id FROM files WHERE volume_id = ?"
                          " AND type='file' ORDER BY locator", (volume_id,))

    # -- added by store-ui
    def place_of(self, file_id: int) -> dict[str, Any] | None:
        """``evidence_id, volume_id, parent_path`` of a file entry (where it sits in the evidence tree)."""
        return self._one("SELECT evidence_id, volume_id, parent_path FROM files WHERE id=?", (file_id,))

    def with_evidence(self, file_id: int) -> dict[str, Any] | None:
        """A file entry (all columns) with its evidence item's ``evidence_uid, exhibit, evidence_path,
        source_timezone`` and its volume's ``fs_type, slot``."""
        return self._one(
            "SELECT f.*, e.uid AS evidence_uid, e.exhibit, e.path AS evidence_path, e.source_timezone, v.fs_type,"
            " v.addr AS slot FROM files f JOIN evidence e ON e.id = f.evidence_id JOIN volumes v ON v.id = f.volume_id"
            " WHERE f.id = ?", (file_id,))

    def with_evidence_uid(self, file_ids: list[int]) -> list[dict[str, Any]]:
        """File entries (all columns) with their evidence item's ``evidence_uid``."""
        if not file_ids:
            return []
        marks = ",".join("?" * len(file_ids))
        return self._rows(f"SELECT f.*, e.uid AS evidence_uid FROM files f JOIN evidence e ON e.id = f.evidence_id"
                          f" WHERE f.id IN ({marks})", tuple(int(i) for i in file_ids))

    def named_in_folder(self, volume_id: int, parent_path: str, name: str, allocated: int) -> list[dict[str, Any]]:
        """Regular files of a folder with this exact name and allocation (a database's -wal/-journal companion)."""
        return self._rows(
            "SELECT * FROM files WHERE volume_id=? AND parent_path=? AND name=? AND type='file' AND allocated=?",
            (volume_id, parent_path, name, allocated))

    def pending_count(self) -> int:
        """File entries still waiting to be examined."""
        return int(self._scalar("SELECT count(*) FROM files WHERE status='pending'") or 0)

    def ids_named(self, name: str) -> list[int]:
        """Ids of the file entries with exactly this name, in id order."""
        return [int(r["id"]) for r in self._rows("SELECT id FROM files WHERE name = ? ORDER BY id", (name,))]

    def id_of_path(self, path: str) -> int | None:
        """Id of the first file entry listed at exactly this path (``None`` when there is none)."""
        value = self._scalar("SELECT id FROM files WHERE path = ? ORDER BY id LIMIT 1", (path,))
        return None if value is None else int(value)

    def tree_of(self, evidence_id: int) -> tuple[set[tuple[int, str]], Iterator[dict[str, Any]]]:
        """What a mounted tree needs of one evidence item: the (volume id, folder path) pairs that
        hold entries, and its entries (names, sizes, times, flags) by volume, allocated first."""
        folders = {(int(r["volume_id"]), str(r["parent_path"])) for r in self._rows(
            "SELECT DISTINCT volume_id, parent_path FROM files WHERE evidence_id = ?", (evidence_id,))}
        return folders, self._iter(
            "SELECT id, volume_id, path, name, parent_path, size, allocated, type, stream, mtime, atime, ctime,"
            " time_basis FROM files WHERE evidence_id = ? ORDER BY volume_id, allocated DESC, id", (evidence_id,))
