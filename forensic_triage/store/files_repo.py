"""File entries: lookups by id, locator, hash; status counts (store-core)."""

from __future__ import annotations

from typing import Any

from .base import Repo


class FilesRepo(Repo):
    """Reached as ``store.files``."""

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
