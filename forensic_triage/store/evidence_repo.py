"""Evidence items, their container files and volumes (store-core: reads, the declared source zone;
layers-tests: intake's writes)."""

from __future__ import annotations

from typing import Any

from ..timeutil import ASSUMED_PREFIX
from .base import Repo

# Timeline rows placed with a zone the examiner declared: their basis starts with ASSUMED_PREFIX.
_ASSUMED_LIKE = ASSUMED_PREFIX + "%"


class EvidenceRepo(Repo):
    """Reached as ``store.evidence``."""

    # -------------------------------------------------------------- reads (store-core)
    def items(self) -> list[dict[str, Any]]:
        """Every evidence item (all columns), in the order they were added."""
        return self._rows("SELECT * FROM evidence ORDER BY id")

    def by_id(self, evidence_id: int) -> dict[str, Any] | None:
        return self._one("SELECT * FROM evidence WHERE id = ?", (evidence_id,))

    def uid_of(self, evidence_id: int) -> str | None:
        """The evidence id (``EXH-001``) of an item, ``None`` when there is no such item."""
        uid = self._scalar("SELECT uid FROM evidence WHERE id = ?", (evidence_id,))
        return None if uid is None else str(uid)

    def named(self, name: str) -> list[dict[str, Any]]:
        """The items whose evidence id or exhibit text is ``name`` (all columns), in the order added."""
        return self._rows("SELECT * FROM evidence WHERE exhibit = ? OR uid = ? ORDER BY id", (name, name))

    def containers(self, evidence_id: int) -> list[dict[str, Any]]:
        """``path``, ``size``, ``mtime_ns``, ``sha256`` of each container file of an item, in segment order."""
        return self._rows("SELECT path, size, mtime_ns, sha256 FROM evidence_containers WHERE evidence_id = ?"
                          " ORDER BY seq", (evidence_id,))

    def volumes(self, evidence_id: int) -> list[dict[str, Any]]:
        """Every volume (partition, unallocated gap) of an item (all columns), by offset."""
        return self._rows("SELECT * FROM volumes WHERE evidence_id = ? ORDER BY offset", (evidence_id,))

    def filesystem_volumes(self, evidence_id: int) -> list[dict[str, Any]]:
        """``id``, ``offset``, ``length`` of the volumes of an item that hold a readable file system, by offset."""
        return self._rows("SELECT id, offset, length FROM volumes WHERE evidence_id = ? AND fs_type IS NOT NULL"
                          " AND fs_status NOT IN ('error', 'no-fs') ORDER BY offset", (evidence_id,))

    def warning_details(self, evidence_id: int, source: str) -> list[str]:
        """The stored ``details`` (JSON text, ``{}`` when empty) of an item's warnings from one source."""
        rows = self._rows("SELECT details FROM warnings WHERE evidence_id = ? AND source = ?", (evidence_id, source))
        return [str(r["details"] or "{}") for r in rows]

    # ------------------------------------------- declared source zone (store-core)
    def set_source_timezone(self, evidence_id: int, zone: str | None) -> None:
        self._conn.execute("UPDATE evidence SET source_timezone = ? WHERE id = ?", (zone, evidence_id))

    def local_time_file_count(self, evidence_id: int) -> int:
        """File entries of an item whose times are the device's local clock (basis 'local')."""
        return int(self._scalar("SELECT count(*) FROM files WHERE evidence_id = ? AND time_basis = 'local'",
                                (evidence_id,)) or 0)

    def artifacts_not_utc(self, evidence_id: int, utc_basis: str) -> list[dict[str, Any]]:
        """``id``, ``file_id``, ``locator``, ``plugin``, ``type``, ``summary``, ``data`` of the item's artifacts
        whose time basis is not ``utc_basis`` (they rest on a local clock), by id."""
        return self._rows(
            "SELECT a.id, a.file_id, a.locator, a.plugin, a.type, a.summary, a.data FROM artifacts a"
            " JOIN files f ON f.id = a.file_id WHERE f.evidence_id = ? AND a.time_basis != ? ORDER BY a.id",
            (evidence_id, utc_basis))

    def assumed_timeline_events(self, artifact_id: int) -> list[tuple[str, str | None]]:
        """(event, local time text) of the timeline rows of an artifact placed with a declared zone, by id."""
        rows = self._rows("SELECT event, local_time FROM timeline WHERE artifact_id = ? AND basis LIKE ?"
                          " ORDER BY id", (artifact_id, _ASSUMED_LIKE))
        return [(str(r["event"]), r["local_time"]) for r in rows]

    def remove_assumed_timeline(self, artifact_id: int) -> int:
        """Delete an artifact's timeline rows placed with a declared zone; how many were deleted."""
        return int(self._conn.execute("DELETE FROM timeline WHERE artifact_id = ? AND basis LIKE ?",
                                      (artifact_id, _ASSUMED_LIKE)).rowcount)

    def set_artifact_time_basis(self, artifact_id: int, basis: str) -> None:
        """Set an artifact's time basis, and its time to the earliest of its timeline rows."""
        first = self._scalar("SELECT min(time_utc) FROM timeline WHERE artifact_id = ?", (artifact_id,))
        self._conn.execute("UPDATE artifacts SET time_basis = ?, time_utc = ? WHERE id = ?",
                           (basis, first, artifact_id))
