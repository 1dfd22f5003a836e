"""The single writer: per-file results land in batched transactions (all of a file or none).

Artifact times go on the timeline by how they are known: a time with 'Z' or an offset as UTC
(basis 'utc'); a naive time (a camera clock, a local registry value) only when the examiner
declared the evidence item's zone, made UTC with it (basis 'assumed:ZONE', the original text in
``local_time``). Without a zone such times stay in the record and the artifact's
``time_basis`` is 'local'; ``forensic-triage evidence set`` places them later.
"""

from __future__ import annotations

import dataclasses
import json
import sqlite3
from collections.abc import Sequence
from typing import Any

from ..model import FileResult, stable_uuid_text
from ..store import CaseStore
from ..store.triage_repo import FileRow, Placed, insert_timeline_rows
from ..timeutil import BASIS_LOCAL, BASIS_UTC, assumed_basis, is_local_text, local_to_utc, sortable

__all__ = ["Placed", "insert_timeline", "place_times", "write_results"]


def place_times(times: Sequence[tuple[str, str]], source_zone: str | None) -> tuple[list[Placed], str]:
    """Timeline rows for an artifact's times, and the artifact's time basis: 'utc' (every time
    has a zone), 'local' (it has local clock times and no zone is declared: they are not placed)
    or 'assumed:ZONE' (its local clock times are placed with the declared zone)."""
    rows: list[Placed] = []
    has_local = False
    for label, when in times:
        fixed = sortable(when)
        if fixed:
            rows.append(Placed(label, fixed, BASIS_UTC, None))
            continue
        if not is_local_text(when):
            continue  # not a time at all: stays in the record only
        has_local = True
        if source_zone:
            placed = sortable(local_to_utc(when, source_zone))
            if placed:  # a date alone has no instant and is never placed
                rows.append(Placed(label, placed, assumed_basis(source_zone), when))
    if not has_local:
        return rows, BASIS_UTC
    return rows, assumed_basis(source_zone) if source_zone else BASIS_LOCAL


def insert_timeline(conn: sqlite3.Connection, rows: list[Placed], artifact_id: int, plugin: str,
                    file_id: int | None, locator: str, summary: str) -> None:
    """Kept for callers holding a connection (``jobs.source_zone``); prefer
    ``store.triage.insert_timeline``."""
    insert_timeline_rows(conn, rows, artifact_id, plugin, file_id, locator, summary)


# Encoders made once (``json.dumps`` with any option builds a new encoder per call); the text is
# the same as ``json.dumps(value, sort_keys=True, default=str)`` / ``json.dumps(value, default=str)``.
_SORTED_JSON = json.JSONEncoder(sort_keys=True, default=str).encode
_JSON = json.JSONEncoder(default=str).encode
_PLAIN_JSON = json.JSONEncoder().encode


@dataclasses.dataclass(slots=True)
class _Batch:
    """The rows of a batch of results, table by table, in the order the results came."""

    files: list[FileRow] = dataclasses.field(default_factory=list)
    yara: list[tuple[Any, ...]] = dataclasses.field(default_factory=list)
    hash_matches: list[tuple[int, str, str, str, str]] = dataclasses.field(default_factory=list)
    content: list[tuple[Any, ...]] = dataclasses.field(default_factory=list)
    identical: list[tuple[int, int]] = dataclasses.field(default_factory=list)
    artifacts: list[tuple[Any, ...]] = dataclasses.field(default_factory=list)
    # per artifact row: its timeline rows without the artifact id (placed, plugin, file id, locator, summary)
    times: list[tuple[list[Placed], str, int, str, str]] = dataclasses.field(default_factory=list)
    warnings: list[tuple[Any, ...]] = dataclasses.field(default_factory=list)

    def add(self, r: FileResult, locator: str, job_id: int) -> None:
        hashset = None
        if r.hash_matches:
            hashset = "notable" if any(m[1] == "notable" for m in r.hash_matches) else "known-good"
        unreadable = _PLAIN_JSON([[a, b] for a, b in r.read_errors]) if r.read_errors else "[]"
        self.files.append((r.status, r.md5, r.sha1, r.sha256, r.mime, r.magic, r.entropy, int(r.ext_mismatch),
                           r.detected_ext, r.encrypted, r.bytes_read, unreadable, len(r.hits), hashset, job_id,
                           r.file_id))
        if r.duplicate_of is not None:
            self.identical.append((r.file_id, r.duplicate_of))
        if r.hits:
            self.yara.extend(
                (r.file_id, locator, hit.rule, hit.namespace, _PLAIN_JSON(hit.tags), _JSON(hit.meta),
                 _JSON(hit.strings), hit.ruleset_sha256, job_id) for hit in r.hits)
        if r.hash_matches:
            self.hash_matches.extend((r.file_id, set_name, kind, algorithm, value)
                                     for set_name, kind, algorithm, value in r.hash_matches)
        if r.content_hits:
            self.content.extend((r.file_id, locator, ch.kind, ch.value, ch.offset, ch.context, ch.encoding,
                                 "builtin") for ch in r.content_hits)

    def add_artifacts(self, r: FileResult, locator: str, job_id: int, source_zone: str | None) -> None:
        for art in r.artifacts:
            uid = stable_uuid_text("artifact", locator, art.plugin, art.type, str(art.index))
            placed, basis = place_times(art.times, source_zone)
            first_time = min((p.time_utc for p in placed), default=None)
            self.artifacts.append((uid, r.file_id, locator, art.type, art.plugin, art.plugin_version, art.summary,
                                   first_time, _SORTED_JSON(art.data), job_id, basis))
            self.times.append((placed, art.plugin, r.file_id, locator, art.summary))

    def add_warnings(self, r: FileResult, locator: str, job_id: int, evidence_id: int) -> None:
        self.warnings.extend((job_id, evidence_id, r.file_id, w.locator or locator, w.source, w.kind, w.message,
                              w.details) for w in r.warnings)


def write_results(store: CaseStore, results: list[tuple[FileResult, str, int]], job_id: int) -> None:
    """``results``: (result, locator text, evidence id). One transaction for the batch, each
    table's rows in one ``executemany`` (artifacts first; their timeline rows then, with the ids
    the artifacts got), in the order the results came: the same rows and row ids as writing the
    results one by one."""
    repo = store.triage
    zones: dict[int, str | None] = {}
    batch = _Batch()
    for result, locator, _evidence_id in results:
        batch.add(result, locator, job_id)
    with store.transaction():
        for evidence_id in {e for _r, _l, e in results}:
            zones[evidence_id] = repo.source_zone(evidence_id)
        for result, locator, evidence_id in results:
            if result.artifacts:
                batch.add_artifacts(result, locator, job_id, zones[evidence_id])
            if result.warnings:
                batch.add_warnings(result, locator, job_id, evidence_id)
        repo.write_file_results(batch.files)
        repo.mark_identical(batch.identical)
        repo.insert_yara_hits(batch.yara)
        repo.insert_hash_matches(batch.hash_matches)
        repo.insert_content_hits(batch.content)
        ids = repo.insert_artifacts(batch.artifacts)
        repo.insert_timeline_batch([
            (when, label, plugin, artifact_id, file_id, locator, summary, basis, local)
            for artifact_id, (placed, plugin, file_id, locator, summary) in zip(ids, batch.times, strict=True)
            if artifact_id is not None for label, when, basis, local in placed])
        repo.add_warnings(batch.warnings)
