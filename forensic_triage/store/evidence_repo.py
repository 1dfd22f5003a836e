"""Evidence items, their container files and volumes (store-core)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, Protocol

from ..timeutil import utcnow_iso
from .base import Repo

INTAKE_TABLES = ("evidence", "evidence_containers", "volumes", "warnings")  # what an intake writes


class VolumeRow(Protocol):
    """One listed volume as intake records it (``fs.volumes.VolumeInfo`` has these fields)."""

    addr: int | None
    offset: int
    length: int
    description: str
    vs_type: str | None
    fs_type: str | None
    block_size: int | None
    label: str | None
    status: str


class ContainerRow(Protocol):
    """One container file as intake records it (``evidence.hashing.ContainerInfo``)."""

    path: str
    size: int
    mtime_ns: int
    sha256: str


class EvidenceRepo(Repo):
    """Reached as ``store.evidence``."""

    # -- intake / volumes (layers-tests)

    def uids(self, *, except_id: int | None = None) -> set[str]:
        """Every evidence uid in the case (but the item ``except_id``)."""
        return {str(r["uid"]) for r in self._rows("SELECT uid FROM evidence WHERE id IS NOT ?", (except_id,))}

    def item_by_path(self, path: str) -> dict[str, Any] | None:
        """``id``, ``uid``, ``intake_state`` of the item recorded for this image path, or None."""
        return self._one("SELECT id, uid, intake_state FROM evidence WHERE path = ?", (path,))

    def listing_recorded(self, evidence_id: int) -> bool:
        """Whether the volume listing landed: at least one volume or a listing warning (it always records one)."""
        volumes = self._scalar("SELECT count(*) FROM volumes WHERE evidence_id=?", (evidence_id,))
        listed = self._scalar("SELECT count(*) FROM warnings WHERE evidence_id=? AND source='fs.volumes'",
                              (evidence_id,))
        return bool(volumes or listed)

    def unfinished_intakes(self) -> list[dict[str, Any]]:
        """``uid``, ``path`` of every item whose intake did not finish, in order of addition."""
        return self._rows("SELECT uid, path FROM evidence WHERE intake_state != 'complete' ORDER BY id")

    def exhibit_of(self, evidence_id: int) -> str | None:
        value = self._scalar("SELECT exhibit FROM evidence WHERE id=?", (evidence_id,))
        return None if value is None else str(value)

    def begin_intake(self, *, uid: str, exhibit: str, description: str, seals: str, fmt: str, path: str,
                     media_size: int, sector_size: int, source_timezone: str | None) -> int:
        """Record a new item as 'incomplete' (inside the caller's transaction); its id."""
        cur = self._conn.execute(
            "INSERT INTO evidence(uid, exhibit, description, seals, format, path, media_size, sector_size,"
            " verdict, added_utc, intake_state, source_timezone) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            (uid, exhibit, description, seals, fmt, path, media_size, sector_size, "NOT HASHED",
             utcnow_iso(), "incomplete", source_timezone),
        )
        return int(cur.lastrowid or 0)

    def restart_intake(self, evidence_id: int, *, uid: str, exhibit: str | None, description: str, seals: str,
                       fmt: str, media_size: int, sector_size: int, source_timezone: str | None) -> None:
        """Reset an unfinished item to 'incomplete', hashes cleared (inside the caller's transaction)."""
        self._conn.execute(
            "UPDATE evidence SET uid=?, exhibit=?, description=?, seals=?, format=?, media_size=?, sector_size=?,"
            " verdict='NOT HASHED', md5=NULL, sha1=NULL, sha256=NULL, intake_state='incomplete', added_utc=?,"
            " source_timezone=COALESCE(?, source_timezone) WHERE id=?",
            (uid, exhibit, description, seals, fmt, media_size, sector_size, utcnow_iso(), source_timezone,
             evidence_id),
        )

    def clear_intake_rows(self, evidence_id: int) -> None:
        """Remove an earlier, unfinished attempt's warnings, volumes and container rows."""
        for table in ("warnings", "volumes", "evidence_containers"):
            self._conn.execute(f"DELETE FROM {table} WHERE evidence_id=?", (evidence_id,))  # noqa: S608

    def delete_incomplete(self, evidence_id: int) -> None:
        """Remove the item itself if its intake is still incomplete."""
        self._conn.execute("DELETE FROM evidence WHERE id=? AND intake_state='incomplete'", (evidence_id,))

    def record_hashes(self, evidence_id: int, *, header: dict[str, str], stored: dict[str, str],
                      computed: dict[str, str], verdict: str) -> None:
        self._conn.execute(
            "UPDATE evidence SET ewf_header=?, stored_md5=?, stored_sha1=?, stored_sha256=?, md5=?, sha1=?,"
            " sha256=?, verdict=? WHERE id=?",
            (json.dumps(header, sort_keys=True), stored.get("md5"), stored.get("sha1"), stored.get("sha256"),
             computed["md5"], computed["sha1"], computed["sha256"], verdict, evidence_id),
        )

    def add_containers(self, evidence_id: int, containers: Iterable[ContainerRow]) -> None:
        for seq, info in enumerate(containers):
            self._conn.execute(
                "INSERT INTO evidence_containers(evidence_id, seq, path, size, mtime_ns, sha256) VALUES (?,?,?,?,?,?)",
                (evidence_id, seq, info.path, info.size, info.mtime_ns, info.sha256),
            )

    def record_volumes(self, evidence_id: int, vs_type: str | None, volumes: Iterable[VolumeRow]) -> None:
        """Record the partition listing (inside the caller's transaction)."""
        self._conn.execute("UPDATE evidence SET volume_system=? WHERE id=?", (vs_type, evidence_id))
        for v in volumes:
            self._conn.execute(
                "INSERT OR IGNORE INTO volumes(evidence_id, addr, offset, length, description, vs_type, fs_type,"
                " block_size, label, fs_status) VALUES (?,?,?,?,?,?,?,?,?,?)",
                (evidence_id, v.addr, v.offset, v.length, v.description, v.vs_type, v.fs_type, v.block_size,
                 v.label, v.status),
            )

    def mark_intake_complete(self, evidence_id: int) -> None:
        self._conn.execute("UPDATE evidence SET intake_state='complete' WHERE id=?", (evidence_id,))

    def recorded_containers(self) -> list[dict[str, Any]]:
        """Every container file as intake recorded it: ``uid``, ``path``, ``size``, ``mtime_ns``, ``sha256``."""
        return self._rows(
            "SELECT e.uid, c.path, c.size, c.mtime_ns, c.sha256 FROM evidence_containers c"
            " JOIN evidence e ON e.id = c.evidence_id ORDER BY e.id, c.seq")
