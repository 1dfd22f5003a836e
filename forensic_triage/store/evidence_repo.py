"""Evidence items, their container files and volumes (store-core: reads, the declared source zone;
layers-tests: intake's writes)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, Protocol

from ..timeutil import ASSUMED_PREFIX, utcnow_iso
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

# Timeline rows placed with a zone the examiner declared: their basis starts with ASSUMED_PREFIX.
_ASSUMED_LIKE = ASSUMED_PREFIX + "%"


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
        """Record the partition listing (inside the caller's transaction).

        A row may also carry ``layer``, ``lock_state``, ``details`` (a dict) and ``parent_layer``
        (the layer of the volume at the same offset and slot it was opened from, listed before it;
        None: none) — see ``fs.volumes.VolumeInfo``."""
        self._conn.execute("UPDATE evidence SET volume_system=? WHERE id=?", (vs_type, evidence_id))
        for v in volumes:
            parent_layer = getattr(v, "parent_layer", None)
            parent_id = None
            if parent_layer is not None:
                addr_test = "addr IS NULL" if v.addr is None else "addr=?"
                parent_id = self._scalar(
                    f"SELECT id FROM volumes WHERE evidence_id=? AND offset=? AND layer=? AND {addr_test}",  # noqa: S608
                    (evidence_id, v.offset, parent_layer) + (() if v.addr is None else (v.addr,)))
            self.add_layer_volume(evidence_id, None if parent_id is None else int(parent_id), v)

    def add_layer_volume(self, evidence_id: int, parent_id: int | None, v: VolumeRow) -> int:
        """A volume opened from another (a shadow copy store, an unlocked encrypted volume, an APFS
        volume of a container) with its ``layer``; returns its id (the existing one if already
        recorded: same evidence, offset, slot and layer). Inside the caller's transaction."""
        layer = str(getattr(v, "layer", "") or "")
        self._conn.execute(
            "INSERT OR IGNORE INTO volumes(evidence_id, addr, offset, length, description, vs_type, fs_type,"
            " block_size, label, fs_status, layer, parent_id, lock_state, details)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (evidence_id, v.addr, v.offset, v.length, v.description, v.vs_type, v.fs_type, v.block_size, v.label,
             v.status, layer, parent_id, str(getattr(v, "lock_state", "") or ""),
             json.dumps(getattr(v, "details", None) or {}, sort_keys=True)))
        addr_test = "addr IS NULL" if v.addr is None else "addr=?"
        params: tuple[Any, ...] = (evidence_id, v.offset, layer) + (() if v.addr is None else (v.addr,))
        return int(self._scalar(
            f"SELECT id FROM volumes WHERE evidence_id=? AND offset=? AND layer=? AND {addr_test}", params))

    def update_volume(self, volume_id: int, *, fs_type: str | None = None, block_size: int | None = None,
                      label: str | None = None, fs_status: str | None = None, lock_state: str | None = None,
                      details: dict[str, Any] | None = None) -> None:
        """Change what is known of a volume (an unlock names its file system). Inside the caller's
        transaction; ``None`` leaves a field as it is."""
        values = {"fs_type": fs_type, "block_size": block_size, "label": label, "fs_status": fs_status,
                  "lock_state": lock_state,
                  "details": None if details is None else json.dumps(details, sort_keys=True)}
        sets = [(k, val) for k, val in values.items() if val is not None]
        if not sets:
            return
        self._conn.execute(f"UPDATE volumes SET {', '.join(k + '=?' for k, _ in sets)} WHERE id=?",  # noqa: S608 - fixed names
                           tuple(val for _, val in sets) + (volume_id,))

    def set_details(self, evidence_id: int, details: dict[str, Any]) -> None:
        """What the container says about itself (``evidence.details``, JSON; see schema format 5)."""
        self._conn.execute("UPDATE evidence SET details=? WHERE id=?",
                           (json.dumps(details, sort_keys=True, ensure_ascii=False), evidence_id))

    def details(self, evidence_id: int) -> dict[str, Any]:
        value = self._scalar("SELECT details FROM evidence WHERE id=?", (evidence_id,))
        try:
            loaded = json.loads(value or "{}")
        except ValueError:
            return {}
        return loaded if isinstance(loaded, dict) else {}

    def mark_intake_complete(self, evidence_id: int) -> None:
        self._conn.execute("UPDATE evidence SET intake_state='complete' WHERE id=?", (evidence_id,))

    def recorded_containers(self) -> list[dict[str, Any]]:
        """Every container file as intake recorded it: ``uid``, ``path``, ``size``, ``mtime_ns``, ``sha256``."""
        return self._rows(
            "SELECT e.uid, c.path, c.size, c.mtime_ns, c.sha256 FROM evidence_containers c"
            " JOIN evidence e ON e.id = c.evidence_id ORDER BY e.id, c.seq")
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

    # -- added by store-ui
    def count(self) -> int:
        return int(self._scalar("SELECT count(*) FROM evidence") or 0)

    def volumes_of(self, evidence_id: int) -> list[dict[str, Any]]:
        """The volumes of one evidence item (all columns), by offset."""
        return self._rows("SELECT * FROM volumes WHERE evidence_id=? ORDER BY offset", (evidence_id,))

    def unlisted_volume_count(self) -> int:
        """File systems found but not walked yet (their files are listed when triage runs)."""
        return int(self._scalar("SELECT count(*) FROM volumes WHERE fs_type IS NOT NULL AND fs_status = 'pending'")
                   or 0)

    def declared_zones(self) -> list[dict[str, Any]]:
        """``exhibit, source_timezone`` of the items whose device clock zone was declared, by id."""
        return self._rows("SELECT exhibit, source_timezone FROM evidence WHERE source_timezone IS NOT NULL ORDER BY id")
