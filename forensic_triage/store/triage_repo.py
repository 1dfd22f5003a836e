"""Write side of jobs: job rows, the single writer's inserts and updates, warnings (jobs).

Every statement the triage job runs on the case database is here. The writer's inserts are
idempotent, so a resumed run (or a batch written twice) never duplicates a row: walked entries
are keyed by their locator (``files.locator`` UNIQUE), YARA hits by (file, namespace, rule),
hash-set matches by (file, set), content hits by (file, kind, offset, search), artifacts by
their deterministic uid (uuid5 of the locator, plugin and index); a timeline row is written only
with the artifact row it belongs to, and a file's warnings only in the transaction that sets its
final status (a file already examined is never examined again). A PostgreSQL implementation
keeps the same keys (``ON CONFLICT DO NOTHING``) and the same methods.

Callers open the transaction (``with store.transaction():``); these methods run inside it.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, NamedTuple

from ..model import NO_DATA_STREAM, NO_META, VSS_CHANGED, VSS_IDENTICAL, VSS_ONLY, FileStatus, JobOutcome
from ..timeutil import utcnow_iso
from .base import Repo

# ---------------------------------------------------------------- read order (tiers)


def _like_any(prefixes: tuple[str, ...]) -> str:
    return "(" + " OR ".join(f"path LIKE '{p}%'" for p in prefixes) + ")"


# Predicates on files.path, in order of value; LIKE is case-insensitive for ASCII in SQLite.
_ARTIFACT_PLACES = (
    "/Windows/System32/config/", "/WINNT/System32/config/", "/Windows/Prefetch/", "/Windows/System32/winevt/",
    "/Windows/appcompat/", "/Windows/System32/sru/", "/Windows/System32/Tasks/", "/$Recycle.Bin/", "/RECYCLER/",
    "/Recycled/", "/ProgramData/Microsoft/Windows/Start Menu/", "/var/log/", "/etc/", "/Library/Preferences/",
    "/private/var/log/", "/private/etc/",
)
_PROFILE_ARTIFACTS = ("NTUSER.DAT", "AppData/", "Application Data/", "Local Settings/", "Recent/", ".bash_history",
                      ".zsh_history", ".mozilla/", ".config/", "Library/")
_PROFILES = ("/Users/", "/Documents and Settings/", "/home/", "/root/")
_BULK = ("/Windows/", "/WINNT/", "/Program Files", "/ProgramData/", "/usr/", "/lib/", "/lib64/", "/opt/",
         "/System/", "/Applications/", "/$Extend/", "/System Volume Information/")
_PROFILE_ARTIFACT_SQL = "(" + " OR ".join(
    f"path LIKE '{p}%/{a}%'" for p in _PROFILES for a in _PROFILE_ARTIFACTS) + ")"
# (name, SQL predicate) per tier; the tier of a file is the first that matches, except that
# "other files" (tier 2) is whatever matches no other tier.
TIERS: tuple[tuple[str, str], ...] = (
    ("artifact locations", f"({_like_any(_ARTIFACT_PLACES)} OR {_PROFILE_ARTIFACT_SQL})"),
    ("user profiles", _like_any(_PROFILES)),
    ("other files", "1"),
    ("system and program folders", _like_any(_BULK)),
)
TIER_NAMES: tuple[str, ...] = tuple(name for name, _ in TIERS)
_TIER_CASE = ("CASE WHEN " + TIERS[0][1] + " THEN 0 WHEN " + TIERS[1][1] + " THEN 1 WHEN " + TIERS[3][1]
              + " THEN 3 ELSE 2 END")
_UID = "(SELECT uid FROM evidence WHERE evidence.id = files.evidence_id)"
_PENDING_COLUMNS = ("SELECT id, locator, volume_id, inode, attr_type, attr_id, stream, path, name, extension, size,"
                    " allocated, mtime, crtime, first_block FROM files")
_PENDING_WHERE = f" WHERE evidence_id=? AND status='{FileStatus.PENDING}' AND {_TIER_CASE} = ?"

# ---------------------------------------------------------------- the writer's statements

_INSERT_FILE = (
    "INSERT OR IGNORE INTO files(evidence_id, volume_id, locator, partition_offset, inode, attr_type, attr_id, stream,"
    " path, name, name_raw, parent_path, extension, size, allocated, meta_allocated, type, mode, uid, gid,"
    " mtime, atime, ctime, crtime, first_block, flags, status, time_basis, layer)"
    " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
)
_UPDATE_FILE = (
    "UPDATE files SET status=?, md5=?, sha1=?, sha256=?, mime=?, magic=?, entropy=?, ext_mismatch=?,"
    " detected_ext=?, encrypted=?, bytes_read=?, unreadable=?, hit_count=?, hashset_match=?, job_id=? WHERE id=?"
)
_INSERT_YARA = (
    "INSERT OR IGNORE INTO yara_hits(file_id, locator, rule, namespace, tags, meta, strings, ruleset_sha256,"
    " job_id) VALUES (?,?,?,?,?,?,?,?,?)"
)
_INSERT_HASH_MATCH = "INSERT OR IGNORE INTO hash_matches(file_id, set_name, kind, algorithm, hash) VALUES (?,?,?,?,?)"
_INSERT_CONTENT = (
    "INSERT OR IGNORE INTO content_hits(file_id, locator, kind, value, offset, context, encoding, search)"
    " VALUES (?,?,?,?,?,?,?,?)"
)
_INSERT_ARTIFACT = (
    "INSERT OR IGNORE INTO artifacts(uid, file_id, locator, type, plugin, plugin_version, summary, time_utc,"
    " data, job_id, time_basis) VALUES (?,?,?,?,?,?,?,?,?,?,?)"
)
_INSERT_TIMELINE = (
    "INSERT INTO timeline(time_utc, event, source, artifact_id, file_id, locator, description, basis,"
    " local_time) VALUES (?,?,?,?,?,?,?,?,?)"
)

_IN_CHUNK = 500  # values per "IN (...)" list (SQLite's and PostgreSQL's limits are far above)

# The secondary indexes of ``files`` (as the schema creates them) that a walk of many entries
# builds once at its end instead of row by row: measured in benchmarks/walk_insert.py. The
# locator's UNIQUE index stays: it keeps a resumed walk idempotent.
WALK_DEFERRED_INDEXES: dict[str, str] = {
    "files_status": "files(status, first_block)",
    "files_parent": "files(evidence_id, volume_id, parent_path)",
    "files_sha256": "files(sha256)",
    "files_md5": "files(md5)",
}

# The writer's page cache while walking (SQLite's default is 2 MiB): 50,000-row transactions and
# the locator index of a million entries fit in it (benchmarks/walk_insert.py).
WALK_CACHE_MIB = 128


class Placed(NamedTuple):
    """One timeline row of an artifact: its label, the sortable UTC time, how that time is known
    ('utc', 'assumed:ZONE') and the device's own clock text when it was placed with a zone."""

    label: str
    time_utc: str
    basis: str
    local_time: str | None


def insert_timeline_rows(conn: sqlite3.Connection, rows: Iterable[Placed], artifact_id: int, plugin: str,
                         file_id: int | None, locator: str, summary: str) -> None:
    """Timeline rows of one artifact (also used when a source zone is set later)."""
    conn.executemany(_INSERT_TIMELINE, [(when, label, plugin, artifact_id, file_id, locator, summary, basis, local)
                                        for label, when, basis, local in rows])


class TriageRepo(Repo):
    """Reached as ``store.triage``."""

    # ------------------------------------------------------------ what to triage
    def evidence_to_triage(self) -> list[dict[str, Any]]:
        """Evidence items whose intake completed, by id (every column)."""
        return self._rows("SELECT * FROM evidence WHERE intake_state = 'complete' ORDER BY id")

    def volumes_to_walk(self, evidence_id: int) -> list[dict[str, Any]]:
        """Volumes of an item with a file system not yet walked, by offset (every column)."""
        return self._rows("SELECT * FROM volumes WHERE evidence_id=? AND fs_type IS NOT NULL"
                          " AND fs_status='pending' ORDER BY offset", (evidence_id,))

    def volume_offsets(self, evidence_id: int) -> dict[int, int]:
        """Volume id -> partition offset, for one evidence item."""
        return {int(r["id"]): int(r["offset"])
                for r in self._rows("SELECT id, offset FROM volumes WHERE evidence_id=?", (evidence_id,))}

    def volume_places(self, evidence_id: int) -> dict[int, tuple[int, str]]:
        """Volume id -> (partition offset, layer): where a worker opens the volume's file system."""
        return {int(r["id"]): (int(r["offset"]), str(r["layer"] or ""))
                for r in self._rows("SELECT id, offset, layer FROM volumes WHERE evidence_id=?", (evidence_id,))}

    def source_zone(self, evidence_id: int) -> str | None:
        """The declared clock zone of an evidence item's device (None: not declared)."""
        value = self._scalar("SELECT source_timezone FROM evidence WHERE id=?", (evidence_id,))
        return str(value) if value else None

    # ---------------------------------------------------------------- the walk
    def insert_walked_files(self, evidence_id: int, volume_id: int, rows: Sequence[tuple[Any, ...]]) -> None:
        """Walked entries (column values from ``files.locator`` on, see ``jobs.worker.entry_row``);
        an entry already listed (same locator) is left as it is."""
        ids = (evidence_id, volume_id)
        self._conn.executemany(_INSERT_FILE, [ids + tuple(r) for r in rows])

    def file_rows_estimate(self) -> int:
        """About how many ``files`` rows the case holds (the largest id: one index lookup)."""
        return int(self._scalar("SELECT coalesce(max(id), 0) FROM files") or 0)

    def set_cache_mib(self, mib: int) -> None:
        """The page cache of this connection, in MiB (kept for the life of the connection)."""
        self._conn.execute(f"PRAGMA cache_size=-{int(mib) * 1024}")

    def drop_walk_indexes(self) -> None:
        """Drop the indexes of :data:`WALK_DEFERRED_INDEXES` (a walk of many entries is about to
        start); :meth:`create_walk_indexes` puts them back, and every triage run calls it before it
        reads ``files``, so a walk killed in between loses no index for good."""
        for name in WALK_DEFERRED_INDEXES:
            self._conn.execute(f"DROP INDEX IF EXISTS {name}")

    def create_walk_indexes(self) -> None:
        """(Re)create the indexes of :data:`WALK_DEFERRED_INDEXES` that are missing."""
        for name, target in WALK_DEFERRED_INDEXES.items():
            self._conn.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {target}")

    def set_volume_fs_status(self, volume_id: int, status: str) -> None:
        self._conn.execute("UPDATE volumes SET fs_status=? WHERE id=?", (status, volume_id))

    def mark_no_content(self, volume_id: int) -> int:
        """Pending entries of a volume with nothing to read become 'no-content'; returns how many
        entries of the volume are deleted names without metadata (status 'no-content')."""
        no_meta = f"(',' || flags || ',') LIKE '%,{NO_META},%'"
        no_data = f"(',' || flags || ',') LIKE '%,{NO_DATA_STREAM},%'"
        self._conn.execute(
            f"UPDATE files SET status='{FileStatus.NO_CONTENT}' WHERE volume_id=? AND status='{FileStatus.PENDING}'"
            f" AND ({no_meta} OR {no_data})", (volume_id,))
        return int(self._scalar(
            f"SELECT count(*) FROM files WHERE volume_id=? AND status='{FileStatus.NO_CONTENT}' AND {no_meta}",
            (volume_id,)) or 0)

    # ------------------------------------------------------------ shadow copies (fs.vss)
    def layered_volumes(self, evidence_id: int) -> list[dict[str, Any]]:
        """Volumes of an item opened from another (id, parent_id, layer)."""
        return self._rows("SELECT id, parent_id, layer FROM volumes WHERE evidence_id=? AND parent_id IS NOT NULL",
                          (evidence_id,))

    def examined_twin(self, parent_volume_id: int, file_id: int) -> tuple[int, str] | None:
        """(id, SHA-256) of the examined file of ``parent_volume_id`` with the path, stream and size
        of file ``file_id`` (a shadow copy's file and its live counterpart), or None."""
        row = self._one(
            "SELECT t.id, t.sha256 FROM files s JOIN files t ON t.evidence_id=s.evidence_id AND t.volume_id=?"
            " AND t.parent_path=s.parent_path AND t.path=s.path AND t.stream=s.stream AND t.size=s.size"
            f" WHERE s.id=? AND t.status='{FileStatus.DONE}' AND t.sha256 IS NOT NULL LIMIT 1",
            (parent_volume_id, file_id))
        return None if row is None else (int(row["id"]), str(row["sha256"]))

    def mark_identical(self, pairs: Sequence[tuple[int, int]]) -> None:
        """(file id, examined file id): the file's bytes equal the examined file's, whose content
        findings (type, entropy, hash-set matches) are copied; flag ``vss-identical``."""
        for file_id, twin in pairs:
            self._conn.execute(
                "UPDATE files SET (mime, magic, entropy, ext_mismatch, detected_ext, encrypted, hashset_match) ="
                " (SELECT mime, magic, entropy, ext_mismatch, detected_ext, encrypted, hashset_match FROM files"
                " WHERE id=?) WHERE id=?", (twin, file_id))
            self._conn.execute(
                "INSERT OR IGNORE INTO hash_matches(file_id, set_name, kind, algorithm, hash)"
                " SELECT ?, set_name, kind, algorithm, hash FROM hash_matches WHERE file_id=?", (file_id, twin))
        self.add_flag([file_id for file_id, _twin in pairs], VSS_IDENTICAL)

    def add_flag(self, file_ids: Sequence[int], flag: str) -> None:
        """Add ``flag`` to the comma-separated flags of each file (once)."""
        self._conn.executemany(
            "UPDATE files SET flags = CASE WHEN flags='' THEN ? ELSE flags || ',' || ? END"
            " WHERE id=? AND (',' || flags || ',') NOT LIKE ?", [(flag, flag, i, f"%,{flag},%") for i in file_ids])

    def flag_snapshot_files(self, volume_id: int, parent_volume_id: int) -> tuple[int, int]:
        """Flag the entries of shadow copy volume ``volume_id``: ``vss-only`` (no entry with that
        path and stream on the live volume ``parent_volume_id``), ``vss-changed`` (a file there
        with another SHA-256). Returns (only, changed) counts of entries flagged."""
        twin = ("FROM files t WHERE t.evidence_id=s.evidence_id AND t.volume_id=? AND t.parent_path=s.parent_path"
                " AND t.path=s.path AND t.stream=s.stream")
        only = [int(r["id"]) for r in self._rows(
            f"SELECT s.id FROM files s WHERE s.volume_id=? AND NOT EXISTS (SELECT 1 {twin})",  # noqa: S608
            (volume_id, parent_volume_id))]
        changed = [int(r["id"]) for r in self._rows(
            f"SELECT s.id FROM files s WHERE s.volume_id=? AND s.sha256 IS NOT NULL AND EXISTS (SELECT 1 {twin}"  # noqa: S608
            " AND t.sha256 IS NOT NULL AND t.sha256 <> s.sha256)", (volume_id, parent_volume_id))]
        self.add_flag(only, VSS_ONLY)
        self.add_flag(changed, VSS_CHANGED)
        return len(only), len(changed)

    # ----------------------------------------------------------- pending files
    def pending_count(self) -> int:
        return int(self._scalar(f"SELECT count(*) FROM files WHERE status='{FileStatus.PENDING}'") or 0)

    def pending_page(self, evidence_id: int, tier: int, *, after: tuple[int, ...], limit: int,
                     by_block: bool | None) -> list[dict[str, Any]]:
        """One page of pending files of an item and tier, in read order, after a keyset.

        ``by_block`` None: by id, all files (``after`` = (id,)); False: by id, files without a
        known first block (``after`` = (id,)); True: by (first_block, id), files with one
        (``after`` = (first_block, id)). The files_status index serves the physical order."""
        if by_block is None:
            sql = _PENDING_WHERE + " AND id > ? ORDER BY id"
        elif by_block:
            sql = _PENDING_WHERE + " AND first_block IS NOT NULL AND (first_block, id) > (?, ?) ORDER BY first_block, id"
        else:
            sql = _PENDING_WHERE + " AND first_block IS NULL AND id > ? ORDER BY id"
        return self._rows(_PENDING_COLUMNS + sql + f" LIMIT {int(limit)}", (evidence_id, tier, *after))

    def pending_by_tier(self) -> list[dict[str, Any]]:
        """Pending files per evidence item and tier: uid, tier (index into TIERS), n, bytes. (Grouped by
        ``evidence_id``: ``uid`` alone would name the files' own POSIX owner column.)"""
        return self._rows(
            f"SELECT {_UID} AS uid, {_TIER_CASE} AS tier, count(*) AS n, coalesce(sum(size), 0) AS bytes FROM files"
            f" WHERE status='{FileStatus.PENDING}' GROUP BY evidence_id, tier ORDER BY evidence_id, tier")

    def pending_top_folders(self, limit: int = 50) -> list[dict[str, Any]]:
        """The top-level folders holding the most pending files: uid, folder, n, bytes."""
        return self._rows(
            f"SELECT {_UID} AS uid, substr(path, 1, CASE WHEN instr(substr(path, 2), '/') > 0"
            " THEN instr(substr(path, 2), '/') ELSE length(path) END) AS folder, count(*) AS n,"
            " coalesce(sum(size), 0) AS bytes FROM files"
            f" WHERE status='{FileStatus.PENDING}' GROUP BY evidence_id, folder ORDER BY n DESC, evidence_id, folder"
            f" LIMIT {int(limit)}")

    # ------------------------------------------------------------- the results
    def write_file_result(self, values: FileRow) -> None:
        """The examination outcome of one file (its ``files`` row, by id)."""
        self._conn.execute(_UPDATE_FILE, values)

    def write_file_results(self, rows: Sequence[FileRow]) -> None:
        self._conn.executemany(_UPDATE_FILE, rows)

    def insert_yara_hits(self, rows: Sequence[tuple[Any, ...]]) -> None:
        """(file_id, locator, rule, namespace, tags, meta, strings as JSON, ruleset_sha256, job_id)."""
        self._conn.executemany(_INSERT_YARA, rows)

    def insert_hash_matches(self, rows: Sequence[tuple[int, str, str, str, str]]) -> None:
        """(file_id, set name, kind, algorithm, hash)."""
        self._conn.executemany(_INSERT_HASH_MATCH, rows)

    def insert_content_hits(self, rows: Sequence[tuple[Any, ...]]) -> None:
        """(file_id, locator, kind, value, offset, context, encoding, search)."""
        self._conn.executemany(_INSERT_CONTENT, rows)

    def insert_artifact(self, values: tuple[Any, ...]) -> int | None:
        """(uid, file_id, locator, type, plugin, plugin_version, summary, time_utc, data as JSON,
        job_id, time_basis); returns the new row id, or None when the artifact was already stored."""
        cur = self._conn.execute(_INSERT_ARTIFACT, values)
        return int(cur.lastrowid or 0) if cur.rowcount else None

    def insert_artifacts(self, rows: Sequence[tuple[Any, ...]]) -> list[int | None]:
        """Rows as :meth:`insert_artifact` takes them, in one ``executemany``; returns, row by row,
        the new row id, or None for an artifact already stored (or earlier in ``rows``): it is
        left as it is, its timeline rows exist. Ids follow the order of ``rows``."""
        if not rows:
            return []
        present = self._present_uids([r[0] for r in rows])
        fresh: list[tuple[Any, ...]] = []
        new: list[bool] = []
        for r in rows:
            new.append(r[0] not in present)
            if new[-1]:
                present.add(r[0])
                fresh.append(r)
        if not fresh:
            return [None] * len(rows)
        self._conn.executemany(_INSERT_ARTIFACT, fresh)
        ids = dict(self._artifact_ids([r[0] for r in fresh]))
        return [ids.get(r[0]) if is_new else None for r, is_new in zip(rows, new, strict=True)]

    def _present_uids(self, uids: Sequence[str]) -> set[str]:
        return {uid for uid, _id in self._artifact_ids(uids)}

    def _artifact_ids(self, uids: Sequence[str]) -> Iterator[tuple[str, int]]:
        for start in range(0, len(uids), _IN_CHUNK):
            chunk = uids[start:start + _IN_CHUNK]
            sql = f"SELECT uid, id FROM artifacts WHERE uid IN ({','.join('?' * len(chunk))})"
            for row in self._conn.execute(sql, chunk).fetchall():
                yield str(row[0]), int(row[1])

    def insert_timeline(self, rows: Iterable[Placed], artifact_id: int, plugin: str, file_id: int | None,
                        locator: str, summary: str) -> None:
        insert_timeline_rows(self._conn, rows, artifact_id, plugin, file_id, locator, summary)

    def insert_timeline_batch(self, rows: Sequence[tuple[Any, ...]]) -> None:
        """(time_utc, event, source, artifact_id, file_id, locator, description, basis, local_time)."""
        if rows:
            self._conn.executemany(_INSERT_TIMELINE, rows)

    # ---------------------------------------------------------------- warnings
    def add_warning(self, *, source: str, message: str, kind: str = "warning", job_id: int | None = None,
                    evidence_id: int | None = None, file_id: int | None = None, locator: str | None = None,
                    details: dict[str, Any] | None = None) -> None:
        """One stored warning (inside the caller's transaction)."""
        self._store.add_warning(self._conn, source=source, message=message, kind=kind, job_id=job_id,
                                evidence_id=evidence_id, file_id=file_id, locator=locator, details=details)

    def add_warnings(self, rows: Sequence[tuple[Any, ...]]) -> None:
        """Many stored warnings in one ``executemany``: (job_id, evidence_id, file_id, locator,
        source, kind, message, details as a dict); stored as :meth:`add_warning` stores each."""
        self._store.add_warnings(self._conn, rows)

    def job_warning_count(self, job_id: int) -> int:
        return int(self._scalar("SELECT count(*) FROM warnings WHERE job_id=?", (job_id,)) or 0)

    def damage_notes(self, evidence_id: int) -> set[str]:
        """Messages of the damaged-sector warnings already stored for an evidence item."""
        return {str(r["message"]) for r in self._rows(
            "SELECT message FROM warnings WHERE evidence_id=? AND source='evidence.damage'", (evidence_id,))}

    # -------------------------------------------------------------------- jobs
    def mark_job_failed(self, job_id: int, stats: dict[str, Any]) -> None:
        """The plain fallback when a job's end cannot be recorded the usual way (no audit entry)."""
        self._conn.execute(f"UPDATE jobs SET ended_utc=?, outcome='{JobOutcome.FAILED}', stats=? WHERE id=?",
                           (utcnow_iso(), json.dumps(stats, sort_keys=True, default=str), job_id))

    def record_ruleset(self, job_id: int, name: str, sha256: str, files: list[Any]) -> None:
        """The YARA rule set a job used (once per job and digest)."""
        self._conn.execute("INSERT OR IGNORE INTO rulesets(job_id, name, sha256, files) VALUES (?,?,?,?)",
                           (job_id, name, sha256, json.dumps(files, sort_keys=True)))

    def record_hashset_used(self, job_id: int, name: str, kind: str, source: str, entries: int, sha256: str) -> None:
        self._conn.execute("INSERT INTO hashsets_used(job_id, name, kind, source, entries, sha256)"
                           " VALUES (?,?,?,?,?,?)", (job_id, name, kind, source, entries, sha256))

    def rulesets(self) -> list[dict[str, Any]]:
        """Recorded rule sets (job_id, name, sha256, files as JSON text), by job then id."""
        return self._rows("SELECT job_id, name, sha256, files FROM rulesets ORDER BY job_id, id")

    def triage_job_settings(self) -> list[tuple[int, str]]:
        """(job id, settings JSON text) of every triage job, by id."""
        return [(int(r["id"]), str(r["settings"]))
                for r in self._rows("SELECT id, settings FROM jobs WHERE kind='triage' ORDER BY id")]

    # -- added by store-core (content search job; the warnings listing)
    def add_content_hits(self, *, file_id: int, locator: str, search: str,
                         hits: Iterable[tuple[str, str, int, str, str]]) -> None:
        """Store a search's hits in one file (kind, value, offset, context, encoding); a hit already stored
        is kept once. Inside the caller's transaction."""
        self._conn.executemany(
            "INSERT OR IGNORE INTO content_hits(file_id, locator, kind, value, offset, context, encoding, search)"
            " VALUES (?,?,?,?,?,?,?,?)",
            [(file_id, locator, kind, value, offset, context, encoding, search)
             for kind, value, offset, context, encoding in hits])

    def warning_rows(self, *, job_id: int | None = None, kind: str | None = None,
                     source: str | None = None) -> Iterator[dict[str, Any]]:
        """Stored warnings in order of entry, of one job, kind and/or source or all: ``id``, ``job_id``,
        ``kind``, ``source``, ``message``, ``details`` (JSON text), ``locator``, ``created_utc``, and the
        ``evidence`` id, file ``path`` and ``inode`` they concern (``None`` where they concern none)."""
        clauses: list[str] = []
        params: list[Any] = []
        for column, value in (("w.job_id", job_id), ("w.kind", kind), ("w.source", source)):
            if value is not None:
                clauses.append(f"{column} = ?")
                params.append(value)
        return self._iter(
            "SELECT w.id, w.job_id, w.kind, w.source, w.message, w.details, w.locator, w.created_utc,"
            " e.uid AS evidence, f.path AS path, f.inode AS inode FROM warnings w"
            " LEFT JOIN evidence e ON e.id = w.evidence_id LEFT JOIN files f ON f.id = w.file_id"
            + (" WHERE " + " AND ".join(clauses) if clauses else "") + " ORDER BY w.id", tuple(params))

    # -- added by store-ui
    def last_job(self, kind: str) -> dict[str, Any] | None:
        """The latest job of a kind (all columns; ``stats`` as stored, JSON text)."""
        return self._one("SELECT * FROM jobs WHERE kind=? ORDER BY id DESC LIMIT 1", (kind,))

    def completed_count(self, kind: str) -> int:
        return int(self._scalar("SELECT count(*) FROM jobs WHERE kind=? AND outcome='completed'", (kind,)) or 0)

    def warning_count(self) -> int:
        """Warnings stored so far (all jobs)."""
        return int(self._scalar("SELECT count(*) FROM warnings") or 0)

    # -- added by hostile
    def panel_counts(self) -> dict[str, int]:
        """What the triage panel shows and checks: ``evidence`` items, ``pending`` files, volumes with
        a file system not yet walked (``unwalked``) and ``warnings`` stored so far."""
        row = self._one(
            "SELECT (SELECT count(*) FROM evidence) AS evidence,"
            " (SELECT count(*) FROM files WHERE status='pending') AS pending,"
            " (SELECT count(*) FROM volumes WHERE fs_type IS NOT NULL AND fs_status='pending') AS unwalked,"
            " (SELECT count(*) FROM warnings) AS warnings")
        return {key: int(value or 0) for key, value in (row or {}).items()}


# Values of _UPDATE_FILE: status, md5, sha1, sha256, mime, magic, entropy, ext_mismatch, detected_ext,
# encrypted, bytes_read, unreadable (JSON), hit_count, hashset_match, job_id, file id.
FileRow = tuple[Any, ...]
