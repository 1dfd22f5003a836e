"""Read side of findings for exports: artifacts, timeline, YARA and content hits, hash matches (store-exports).

Everything the exporters (PDF report, CASE graph, CSV/JSONL tables, DFXML, body file, package)
read from the case database is asked for here by name. Each method returns plain values: lists
of dicts keyed by column name, numbers, strings. Row orders are part of the contract (exports
are byte-for-byte reproducible), so every query names its ``ORDER BY``.

Id sets (files in scope, artifacts in scope...) are passed as Python sets; ``None`` means "no
restriction". They are bound as one JSON array parameter (``json_each``), never pasted into the
SQL text; a PostgreSQL implementation binds them as an array (``= ANY(%s)``).
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import sqlite3
from collections.abc import Iterable, Iterator
from typing import Any

from ..errors import StoreError
from . import digest
from .base import Repo
from .hashsets_repo import not_known_good

# The provenance of the file a finding is in (files f joined with evidence e). -- added by store-core
_FILE_PROVENANCE = ("e.uid AS evidence, f.partition_offset AS partition_offset, f.inode AS inode, f.path AS path,"
                    " f.sha256 AS sha256, f.locator AS locator")

# Tables exported, in an order that satisfies foreign keys on import.
EXPORT_TABLES = ("case_info", "examiners", "evidence", "evidence_containers", "volumes", "jobs", "rulesets",
                 "hashsets_used", "files", "artifacts", "timeline", "yara_hits", "hash_matches", "content_hits",
                 "tags", "custody", "warnings", "thumbnails")
# Row counts the report states (a fixed list: the table name is never taken from a caller).
COUNTED_TABLES = ("files", "artifacts", "yara_hits", "hash_matches", "content_hits", "tags", "warnings")


def _ids(ids: Iterable[int]) -> str:
    """An id set as one bound parameter (a JSON array read with ``json_each``)."""
    return json.dumps(sorted(int(i) for i in ids))


@dataclasses.dataclass(frozen=True, slots=True)
class ScopeIds:
    """The rows of a scoped export (``tagged``, ``notable``): which files and findings it holds."""

    files: frozenset[int] = frozenset()
    artifacts: frozenset[int] = frozenset()
    hits: frozenset[int] = frozenset()
    hash_matches: frozenset[int] = frozenset()
    content_hits: frozenset[int] = frozenset()


def _scoped_where(table: str, only: ScopeIds) -> tuple[str, tuple[Any, ...]] | None:
    """(WHERE clause, parameters) restricting ``table`` to a scope; None when the table is whole."""
    mine = "IN (SELECT value FROM json_each(?))"
    simple = {"files": ("id", only.files), "artifacts": ("id", only.artifacts),
              "timeline": ("artifact_id", only.artifacts), "yara_hits": ("id", only.hits),
              "hash_matches": ("id", only.hash_matches), "content_hits": ("id", only.content_hits),
              "thumbnails": ("file_id", only.files)}
    if table in simple:
        column, ids = simple[table]
        return f"{column} {mine}", (_ids(ids),)
    if table == "tags":
        return (f"(target_kind='file' AND target_id {mine}) OR (target_kind='artifact' AND target_id {mine})"
                f" OR (target_kind='hit' AND target_id {mine}) OR (target_kind='content_hit' AND target_id {mine})",
                (_ids(only.files), _ids(only.artifacts), _ids(only.hits), _ids(only.content_hits)))
    return None


_SCOPED_ORDER = {"files": "id", "artifacts": "id", "timeline": "id", "yara_hits": "id", "hash_matches": "id",
                 "content_hits": "id", "tags": "id", "thumbnails": "file_id"}


class FindingsRepo(Repo):
    """Reached as ``store.findings``."""

    # -- added by store-core (CLI listings: artifacts, timeline, hits; the sample's summary)
    def _artifact_where(self, record_type: str | None, plugin: str | None) -> tuple[str, tuple[Any, ...]]:
        clauses: list[str] = []
        params: list[Any] = []
        for column, pattern in (("a.type", record_type), ("a.plugin", plugin)):
            if pattern:
                clauses.append(f"{column} GLOB ?" if any(ch in pattern for ch in "*?[") else f"{column} = ?")
                params.append(pattern)
        return (" WHERE " + " AND ".join(clauses) if clauses else ""), tuple(params)

    def artifact_types(self, *, record_type: str | None = None, plugin: str | None = None) -> list[str]:
        """The distinct record types among the artifacts selected (``*``/``?``/``[`` make a pattern a glob)."""
        where, params = self._artifact_where(record_type, plugin)
        return [str(r["type"]) for r in self._rows(f"SELECT DISTINCT a.type FROM artifacts a{where}", params)]

    def artifact_rows(self, *, record_type: str | None = None,
                      plugin: str | None = None) -> Iterator[dict[str, Any]]:
        """Artifacts in id order (``*``/``?``/``[`` make a pattern a glob): ``id``, ``type``, ``plugin``,
        ``plugin_version``, ``locator``, ``summary``, ``time_utc``, ``time_basis``, ``data`` (JSON text) and
        the file's ``partition_offset``, ``inode``, ``path`` and ``evidence`` (``None`` without a file)."""
        where, params = self._artifact_where(record_type, plugin)
        return self._iter(
            "SELECT a.id, a.type, a.plugin, a.plugin_version, a.locator, a.summary, a.time_utc, a.time_basis, a.data,"
            " f.partition_offset, f.inode, f.path, e.uid AS evidence FROM artifacts a"
            " LEFT JOIN files f ON f.id = a.file_id LEFT JOIN evidence e ON e.id = f.evidence_id"
            + where + " ORDER BY a.id", params)

    def artifact_count_with_time_basis(self, basis: str) -> int:
        return int(self._scalar("SELECT count(*) FROM artifacts WHERE time_basis = ?", (basis,)) or 0)

    def artifact_type_counts(self) -> list[tuple[str, int]]:
        """(record type, number of artifacts), by type."""
        return [(str(r["type"]), int(r["n"]))
                for r in self._rows("SELECT type, count(*) AS n FROM artifacts GROUP BY type ORDER BY type")]

    def timeline_rows(self, *, from_utc: str | None = None, to_utc: str | None = None,
                      to_inclusive: bool = True) -> Iterator[dict[str, Any]]:
        """Timeline events in time order (then order of entry), from ``from_utc`` on and up to ``to_utc``
        (inclusive unless ``to_inclusive`` is false); bounds are sortable UTC text (timeutil.sortable).
        Each: ``time_utc``, ``basis``, ``local_time``, ``event``, ``source``, ``locator``, ``description`` and
        the file's ``path``, ``partition_offset``, ``inode`` and ``evidence`` (``None`` without a file)."""
        clauses: list[str] = []
        params: list[Any] = []
        if from_utc is not None:
            clauses.append("t.time_utc >= ?")
            params.append(from_utc)
        if to_utc is not None:
            clauses.append("t.time_utc <= ?" if to_inclusive else "t.time_utc < ?")
            params.append(to_utc)
        return self._iter(
            "SELECT t.time_utc, t.basis, t.local_time, t.event, t.source, t.locator, t.description, f.path,"
            " f.partition_offset, f.inode, e.uid AS evidence"
            " FROM timeline t LEFT JOIN files f ON f.id = t.file_id LEFT JOIN evidence e ON e.id = f.evidence_id"
            + (" WHERE " + " AND ".join(clauses) if clauses else "") + " ORDER BY t.time_utc, t.id", tuple(params))

    def yara_hit_rows(self, *, hide_known_good: bool = False) -> Iterator[dict[str, Any]]:
        """YARA hits by file, namespace, rule: ``id``, ``rule``, ``namespace``, ``tags``, ``meta``, ``strings``
        (JSON text), ``ruleset_sha256`` and the file's provenance (``evidence``, ``partition_offset``,
        ``inode``, ``path``, ``sha256``, ``locator``)."""
        hide = f" AND {not_known_good()}" if hide_known_good else ""
        return self._iter(
            f"SELECT y.id, y.rule, y.namespace, y.tags, y.meta, y.strings, y.ruleset_sha256, {_FILE_PROVENANCE}"
            " FROM yara_hits y JOIN files f ON f.id = y.file_id JOIN evidence e ON e.id = f.evidence_id WHERE 1"
            f"{hide} ORDER BY f.id, y.namespace, y.rule")

    def yara_rule_locators(self) -> list[tuple[str, str]]:
        """(rule, locator of the file) of every YARA hit, by rule."""
        return [(str(r["rule"]), str(r["locator"]))
                for r in self._rows("SELECT rule, locator FROM yara_hits ORDER BY rule")]

    def content_hit_rows(self, *, hide_known_good: bool = False,
                         search: str | None = None) -> Iterator[dict[str, Any]]:
        """Content hits by file and offset, of one search (its name; 'builtin' = found during triage) or all:
        ``id``, ``kind``, ``value``, ``offset``, ``context``, ``encoding``, ``search`` and the file's
        provenance (``evidence``, ``partition_offset``, ``inode``, ``path``, ``sha256``, ``locator``)."""
        hide = f" AND {not_known_good()}" if hide_known_good else ""
        extra = " AND c.search = ?" if search else ""
        return self._iter(
            f"SELECT c.id, c.kind, c.value, c.offset, c.context, c.encoding, c.search, {_FILE_PROVENANCE}"
            " FROM content_hits c JOIN files f ON f.id = c.file_id JOIN evidence e ON e.id = f.evidence_id WHERE 1"
            f"{hide}{extra} ORDER BY f.id, c.offset", (search,) if search else ())
    # ------------------------------------------------------------ findings
    def tags(self) -> list[dict[str, Any]]:
        """Every examiner tag, oldest first."""
        return self._rows("SELECT * FROM tags ORDER BY created_utc, id")

    def ruleset_names(self) -> dict[str, str]:
        """YARA rule set SHA-256 -> name."""
        return {str(r["sha256"]): str(r["name"]) for r in self._rows("SELECT name, sha256 FROM rulesets")}

    def yara_hits(self) -> list[dict[str, Any]]:
        """YARA matches with the matched file's path, in id order."""
        return self._rows("SELECT h.*, f.path FROM yara_hits h JOIN files f ON f.id = h.file_id ORDER BY h.id")

    def yara_hit_jobs(self) -> dict[int, int | None]:
        """YARA match id -> the job that found it."""
        return {int(r["id"]): r["job_id"] for r in self._rows("SELECT id, job_id FROM yara_hits")}

    def hash_matches(self) -> list[dict[str, Any]]:
        """Hash-set matches with the file's locator (``floc``) and path, in id order."""
        return self._rows("SELECT m.*, f.locator AS floc, f.path FROM hash_matches m JOIN files f ON f.id = m.file_id"
                          " ORDER BY m.id")

    def artifact_timelines(self) -> dict[int, list[dict[str, Any]]]:
        """Artifact id -> its timeline rows in time order (one pass over the timeline)."""
        out: dict[int, list[dict[str, Any]]] = {}
        for t in self._iter("SELECT * FROM timeline WHERE artifact_id IS NOT NULL ORDER BY time_utc, id"):
            out.setdefault(int(t["artifact_id"]), []).append(t)
        return out

    def artifacts(self) -> list[dict[str, Any]]:
        """Artifacts with their file's path (None without a file), by type then id."""
        return self._rows("SELECT a.*, f.path FROM artifacts a LEFT JOIN files f ON f.id = a.file_id"
                          " ORDER BY a.type, a.id")

    def phone_records(self) -> list[dict[str, Any]]:
        """Artifacts that carry a phone view (``data["phone"]``, see ``plugin_api.PHONE_ROLES``), in the
        order they were stored, each with ``phone`` (the view), ``recovered`` and the evidence id of its
        file (``evidence_uid``)."""
        out = []
        for r in self._rows(
                "SELECT a.id, a.uid, a.type, a.plugin, a.plugin_version, a.locator, a.file_id, a.data,"
                " e.uid AS evidence_uid FROM artifacts a LEFT JOIN files f ON f.id = a.file_id"
                " LEFT JOIN evidence e ON e.id = f.evidence_id WHERE instr(a.data, '\"phone\"') > 0 ORDER BY a.id"):
            try:
                data = json.loads(r.pop("data"))
            except ValueError:
                continue
            view = data.get("phone") if isinstance(data, dict) else None
            if isinstance(view, dict) and view.get("role"):
                out.append(r | {"phone": view, "recovered": str(data.get("recovered") or ""),
                                "table": data.get("table"), "row_id": data.get("row_id")})
        return out

    def artifact_uids(self) -> dict[int, str]:
        return {int(r["id"]): str(r["uid"]) for r in self._rows("SELECT id, uid FROM artifacts")}

    def content_hits(self) -> list[dict[str, Any]]:
        """Content-search hits with the file's path, by kind then id."""
        return self._rows("SELECT c.*, f.path FROM content_hits c JOIN files f ON f.id = c.file_id"
                          " ORDER BY c.kind, c.id")

    def flagged_files(self, also: Iterable[int] = ()) -> list[dict[str, Any]]:
        """Files whose extension does not match their content or that look encrypted, and the files
        with ids in ``also`` (the tagged ones), in id order."""
        return self._rows("SELECT * FROM files WHERE ext_mismatch = 1 OR encrypted IS NOT NULL"
                          " OR id IN (SELECT value FROM json_each(?)) ORDER BY id", (_ids(also),))

    # ---------------------------------------------------------------- files
    def file_rows(self, ids: set[int] | None) -> list[dict[str, Any]]:
        """File rows with their evidence ``evidence_uid`` and ``exhibit``, for an id set (None: all)."""
        return list(self.iter_file_rows(ids, with_zone=False))

    def iter_file_rows(self, ids: set[int] | None, *, with_zone: bool = True) -> Iterator[dict[str, Any]]:
        """File rows in id order with ``evidence_uid`` and the evidence's ``exhibit`` (or its
        ``source_timezone`` when ``with_zone``), for an id set (None: every file)."""
        extra = "e.source_timezone" if with_zone else "e.exhibit"
        sql = f"SELECT f.*, e.uid AS evidence_uid, {extra} FROM files f JOIN evidence e ON e.id = f.evidence_id"
        params: tuple[Any, ...] = ()
        if ids is not None:
            sql += " WHERE f.id IN (SELECT value FROM json_each(?))"
            params = (_ids(ids),)
        return self._iter(sql + " ORDER BY f.id", params)

    def file_with_evidence_path(self, file_id: int) -> dict[str, Any] | None:
        """One file row with ``evidence_uid`` and ``evidence_path`` (where to read it), or None."""
        return self._one("SELECT f.*, e.uid AS evidence_uid, e.path AS evidence_path FROM files f"
                         " JOIN evidence e ON e.id = f.evidence_id WHERE f.id = ?", (file_id,))

    def local_zone_unknown_count(self, local_basis: str, ids: set[int] | None) -> int:
        """Files with local clock times (``time_basis = local_basis``) whose evidence has no declared zone."""
        sql = ("SELECT count(*) FROM files f JOIN evidence e ON e.id = f.evidence_id"
               " WHERE f.time_basis = ? AND e.source_timezone IS NULL")
        params: tuple[Any, ...] = (local_basis,)
        if ids is not None:
            sql += " AND f.id IN (SELECT value FROM json_each(?))"
            params += (_ids(ids),)
        return int(self._scalar(sql, params) or 0)

    def source_zones_of_files(self, ids: Iterable[int]) -> dict[int, str | None]:
        """File id -> the source time zone declared for its evidence item (None: unknown)."""
        return {int(r["id"]): r["source_timezone"] for r in self._rows(
            "SELECT f.id, e.source_timezone FROM files f JOIN evidence e ON e.id = f.evidence_id"
            " WHERE f.id IN (SELECT value FROM json_each(?))", (_ids(ids),))}

    def declared_zone_count(self) -> int:
        """Evidence items whose source time zone the examiner declared."""
        return int(self._scalar("SELECT count(*) FROM evidence WHERE source_timezone IS NOT NULL") or 0)

    def volume_has_local_times(self, volume_id: int, local_basis: str) -> bool:
        return bool(self._scalar("SELECT 1 FROM files WHERE volume_id = ? AND time_basis = ? LIMIT 1",
                                 (volume_id, local_basis)))

    def files_of_volume(self, volume_id: int, ids: set[int] | None) -> Iterator[dict[str, Any]]:
        """A volume's files in id order, restricted to an id set (None: all)."""
        sql = "SELECT * FROM files WHERE volume_id = ?"
        params: tuple[Any, ...] = (volume_id,)
        if ids is not None:
            sql += " AND id IN (SELECT value FROM json_each(?))"
            params += (_ids(ids),)
        return self._iter(sql + " ORDER BY id", params)

    def count_files(self, *, status: str | None = None, encrypted: bool = False) -> int:
        """Files with a status (or that look encrypted, or all)."""
        if encrypted:
            return int(self._scalar("SELECT count(*) FROM files WHERE encrypted IS NOT NULL") or 0)
        if status is not None:
            return int(self._scalar("SELECT count(*) FROM files WHERE status = ?", (status,)) or 0)
        return int(self._scalar("SELECT count(*) FROM files") or 0)

    def files_by_status(self) -> dict[str, int]:
        return {str(r["status"]): int(r["n"]) for r in self._rows(
            "SELECT status, count(*) AS n FROM files GROUP BY status")}

    def file_mimes(self) -> list[str | None]:
        """The MIME type of every regular file ('unknown' when none was found)."""
        return [r["mime"] for r in self._rows("SELECT coalesce(mime, 'unknown') AS mime FROM files"
                                              " WHERE type = 'file'")]

    def utc_activity_times(self) -> tuple[list[str], bool]:
        """Times for the activity chart: timeline times known in UTC (True), else file modification
        times recorded in UTC (False)."""
        times = [str(r["t"]) for r in self._rows(
            "SELECT time_utc AS t FROM timeline WHERE time_utc IS NOT NULL AND basis <> 'local'")]
        if times:
            return times, True
        return [str(r["t"]) for r in self._rows(
            "SELECT mtime AS t FROM files WHERE mtime IS NOT NULL AND time_basis = 'utc'")], False

    # ------------------------------------------------------ content search
    def content_kinds(self) -> list[dict[str, Any]]:
        """Per content-hit kind: ``count``, ``distinct`` values, ``files``; most hits first."""
        return self._rows("SELECT kind, count(*) AS count, count(DISTINCT value) AS distinct_values,"
                          " count(DISTINCT file_id) AS files FROM content_hits"
                          " GROUP BY kind ORDER BY count(*) DESC, kind")

    def top_content_values(self, kind: str, top: int) -> list[dict[str, Any]]:
        """The ``top`` most frequent values of a kind: ``value``, ``n``, ``files``."""
        return self._rows("SELECT value, count(*) AS n, count(DISTINCT file_id) AS files FROM content_hits"
                          " WHERE kind = ? GROUP BY value ORDER BY n DESC, value LIMIT ?", (kind, top))

    def content_value_paths(self, kind: str, value: Any, limit: int = 3) -> list[str]:
        return [str(r["path"]) for r in self._rows(
            "SELECT DISTINCT f.path FROM content_hits c JOIN files f ON f.id = c.file_id"
            " WHERE c.kind = ? AND c.value = ? ORDER BY f.path LIMIT ?", (kind, value, limit))]

    # ------------------------------------------------ case, evidence, runs
    def examiners(self) -> list[dict[str, Any]]:
        return self._rows("SELECT * FROM examiners ORDER BY id")

    def jobs(self, kind: str | None = None) -> list[dict[str, Any]]:
        """Runs in id order (of one kind when given)."""
        if kind is not None:
            return self._rows("SELECT * FROM jobs WHERE kind = ? ORDER BY id", (kind,))
        return self._rows("SELECT * FROM jobs ORDER BY id")

    def job_settings_newest_first(self) -> list[str]:
        return [r["settings"] for r in self._rows("SELECT settings FROM jobs ORDER BY id DESC")]

    def job_starts(self) -> dict[int, str]:
        return {int(r["id"]): str(r["started_utc"]) for r in self._rows("SELECT id, started_utc FROM jobs")}

    def evidence_zones(self) -> dict[str, str | None]:
        """Evidence uid -> declared source time zone."""
        return {str(r["uid"]): r["source_timezone"] for r in self._rows("SELECT uid, source_timezone FROM evidence")}

    def containers_by_evidence(self) -> dict[int, list[dict[str, Any]]]:
        """Evidence id -> its container files in order (one query, not one per item)."""
        out: dict[int, list[dict[str, Any]]] = {}
        for c in self._rows("SELECT * FROM evidence_containers ORDER BY evidence_id, seq"):
            out.setdefault(int(c["evidence_id"]), []).append(c)
        return out

    def volumes(self, *, with_fs_only: bool = False) -> list[dict[str, Any]]:
        """Volumes with their evidence ``uid`` (and ``source_timezone``); with ``with_fs_only`` only
        those with a file system, by evidence and offset; otherwise all, by id."""
        if with_fs_only:
            return self._rows("SELECT v.*, e.uid, e.source_timezone FROM volumes v JOIN evidence e"
                              " ON e.id = v.evidence_id WHERE v.fs_type IS NOT NULL ORDER BY v.evidence_id, v.offset")
        return self._rows("SELECT v.*, e.uid FROM volumes v JOIN evidence e ON e.id = v.evidence_id ORDER BY v.id")

    def unlisted_volumes(self) -> list[dict[str, Any]]:
        """Areas whose files were not listed (no file system, a file-system error, an encrypted volume
        still locked)."""
        return self._rows("SELECT v.*, e.uid FROM volumes v JOIN evidence e ON e.id = v.evidence_id"
                          " WHERE v.fs_type IS NULL OR v.fs_status IN ('error', 'no-fs')"
                          " OR (v.fs_status = 'locked' AND v.lock_state = 'locked') ORDER BY v.id")

    def rulesets(self) -> list[dict[str, Any]]:
        """YARA rule sets used, by id (``job_id`` names the run)."""
        return self._rows("SELECT * FROM rulesets ORDER BY id")

    def hashsets_used(self) -> list[dict[str, Any]]:
        """Hash sets used, by id (``job_id`` names the run)."""
        return self._rows("SELECT * FROM hashsets_used ORDER BY id")

    def custody_events(self) -> list[dict[str, Any]]:
        return self._rows("SELECT * FROM custody ORDER BY time_utc, id")

    def custody_of(self, evidence_id: int, exhibit: str) -> list[dict[str, Any]]:
        """Custody events of one exhibit (by evidence id, or by exhibit name before intake)."""
        return self._rows("SELECT * FROM custody WHERE evidence_id = ? OR (evidence_id IS NULL AND exhibit = ?)"
                          " ORDER BY time_utc, id", (evidence_id, exhibit))

    def warnings(self) -> list[dict[str, Any]]:
        return self._rows("SELECT * FROM warnings ORDER BY id")

    def thumbnails(self) -> list[dict[str, Any]]:
        """Previews with their file's ``path``, ``locator`` and ``file_sha256``, by file id."""
        return self._rows("SELECT t.*, f.path, f.locator, f.sha256 AS file_sha256 FROM thumbnails t"
                          " JOIN files f ON f.id = t.file_id ORDER BY t.file_id")

    def table_counts(self) -> dict[str, int]:
        """Row counts of the tables the report states."""
        return {name: int(self._scalar(f"SELECT count(*) FROM {name}") or 0)  # noqa: S608 - fixed names
                for name in COUNTED_TABLES}

    def audit_entries(self) -> list[dict[str, Any]]:
        return self._rows("SELECT * FROM audit ORDER BY seq")

    def audit_head(self) -> str:
        """The hash of the newest audit entry ('' when the log is empty)."""
        return str(self._scalar("SELECT hash FROM audit ORDER BY seq DESC LIMIT 1") or "")

    # ------------------------------------------------------------- tables
    def table_columns(self, table: str) -> list[str]:
        """Column names of an exported table, in schema order."""
        if table not in EXPORT_TABLES and table != "audit":
            raise ValueError(f"not an exported table: {table!r}")
        return [str(r[1]) for r in self._conn.execute(f"PRAGMA table_info({table})")]

    def iter_table(self, table: str, only: ScopeIds | None = None,
                   columns: list[str] | None = None) -> Iterator[dict[str, Any]]:
        """Rows of an exported table (``audit`` too) in a stable order, restricted to a scope's rows
        when ``only`` is given (tables without scoped rows are whole); ``columns`` picks columns."""
        if table not in EXPORT_TABLES and table != "audit":
            raise ValueError(f"not an exported table: {table!r}")
        names = "*" if columns is None else ", ".join(c for c in columns if c in self.table_columns(table))
        if table == "audit":
            return self._iter(f"SELECT {names} FROM audit ORDER BY seq")  # noqa: S608 - checked names
        scoped = _scoped_where(table, only) if only is not None else None
        if scoped is None:
            return self._iter(f"SELECT {names} FROM {table} ORDER BY rowid")  # noqa: S608 - checked names
        where, params = scoped
        return self._iter(f"SELECT {names} FROM {table} WHERE {where} ORDER BY {_SCOPED_ORDER[table]}",  # noqa: S608
                          params)

    # ---------------------------------------------------------- integrity
    def latest_anchor(self) -> dict[str, Any] | None:
        """The newest digest anchor (audit entry with per-table digests), or None."""
        with self._translated():
            return digest.latest_anchor(self._conn)

    def digest_problems(self) -> list[str]:
        """Tables that no longer match their last anchor, as sentences (empty: all match)."""
        with self._translated():
            return list(digest.check(self._conn))

    def table_digests(self) -> dict[str, str]:
        """Per-table digests of the case as it is now."""
        with self._translated():
            return dict(digest.compute(self._conn))

    @contextlib.contextmanager
    def _translated(self) -> Iterator[None]:
        try:
            yield
        except sqlite3.Error as exc:
            from .db import DB_NAME, _translate  # db imports this module

            raise _translate(exc, self._store.case_dir / DB_NAME) from exc

    def non_table_objects(self) -> list[tuple[str, str]]:
        """(type, name) of schema objects other than tables and indexes (views, triggers): a case
        database has none, so a snapshot holding one is refused."""
        return [(str(r["type"]), str(r["name"])) for r in self._rows(
            "SELECT type, name FROM sqlite_master WHERE type NOT IN ('table', 'index')")]

    # -------------------------------------------------------------- import
    def load_rows(self, table: str, rows: Iterable[dict[str, Any]]) -> int:
        """Insert rows (from a package's tables) keeping their ids; columns the case does not have
        are dropped. Runs inside the caller's transaction. Returns the rows inserted."""
        columns = self.table_columns(table)
        verb = "INSERT OR REPLACE" if table == "examiners" else "INSERT"
        count = 0
        for row in rows:
            keep = {k: v for k, v in row.items() if k in columns}
            if not keep:
                continue
            names = ", ".join(keep)
            marks = ", ".join("?" for _ in keep)
            try:
                self._conn.execute(f"{verb} INTO {table}({names}) VALUES ({marks})",  # noqa: S608 - checked names
                                   tuple(keep.values()))
            except (sqlite3.Error, OverflowError) as exc:
                raise StoreError(f"{exc}.") from exc
            count += 1
        return count

    def mark_imported(self, created_utc: str, imported_from: str) -> None:
        """Make a new case a read-only review case of a package, with the source case's creation time."""
        self._conn.execute("UPDATE case_info SET created_utc = ?, read_only = 1, imported_from = ? WHERE id = 1",
                           (created_utc, imported_from))

    def add_examiner(self, name: str, role: str) -> None:
        self._conn.execute("INSERT OR IGNORE INTO examiners(name, role) VALUES (?, ?)", (name, role))

    # -- added by hostile
    def artifact_data_samples(self, record_type: str, limit: int = 50) -> list[str]:
        """The JSON ``data`` of the first ``limit`` artifacts of a record type (to find its field names)."""
        return [str(r["data"]) for r in self._rows("SELECT data FROM artifacts WHERE type = ? LIMIT ?",
                                                   (record_type, limit))]
