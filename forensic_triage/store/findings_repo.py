"""Read side of findings for exports: artifacts, timeline, YARA and content hits, hash matches (store-exports)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .base import Repo
from .hashsets_repo import not_known_good

# The provenance of the file a finding is in (files f joined with evidence e). -- added by store-core
_FILE_PROVENANCE = ("e.uid AS evidence, f.partition_offset AS partition_offset, f.inode AS inode, f.path AS path,"
                    " f.sha256 AS sha256, f.locator AS locator")


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
