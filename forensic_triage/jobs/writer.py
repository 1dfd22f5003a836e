"""The single writer: per-file results land in batched transactions (all of a file or none).

Artifact times go on the timeline by how they are known: a time with 'Z' or an offset as UTC
(basis 'utc'); a naive time (a camera clock, a local registry value) only when the examiner
declared the evidence item's zone, made UTC with it (basis 'assumed:ZONE', the original text in
``local_time``). Without a zone such times stay in the record and the artifact's
``time_basis`` is 'local'; ``forensic-triage evidence set`` places them later.
"""

from __future__ import annotations

import json
import sqlite3

from ..model import FileResult, stable_uuid
from ..store import CaseStore
from ..timeutil import BASIS_LOCAL, BASIS_UTC, assumed_basis, is_local_text, local_to_utc, sortable

# (label, sortable UTC time, timeline basis, local text or None)
Placed = tuple[str, str, str, "str | None"]


def place_times(times: list[tuple[str, str]], source_zone: str | None) -> tuple[list[Placed], str]:
    """Timeline rows for an artifact's times, and the artifact's time basis: 'utc' (every time
    has a zone), 'local' (it has local clock times and no zone is declared: they are not placed)
    or 'assumed:ZONE' (its local clock times are placed with the declared zone)."""
    rows: list[Placed] = []
    has_local = False
    for label, when in times:
        fixed = sortable(when)
        if fixed:
            rows.append((label, fixed, BASIS_UTC, None))
            continue
        if not is_local_text(when):
            continue  # not a time at all: stays in the record only
        has_local = True
        if source_zone:
            placed = sortable(local_to_utc(when, source_zone))
            if placed:  # a date alone has no instant and is never placed
                rows.append((label, placed, assumed_basis(source_zone), when))
    if not has_local:
        return rows, BASIS_UTC
    return rows, assumed_basis(source_zone) if source_zone else BASIS_LOCAL


def insert_timeline(conn: sqlite3.Connection, rows: list[Placed], artifact_id: int, plugin: str,
                    file_id: int | None, locator: str, summary: str) -> None:
    for label, when, basis, local in rows:
        conn.execute(
            "INSERT INTO timeline(time_utc, event, source, artifact_id, file_id, locator, description, basis,"
            " local_time) VALUES (?,?,?,?,?,?,?,?,?)",
            (when, label, plugin, artifact_id, file_id, locator, summary, basis, local),
        )

_UPDATE = (
    "UPDATE files SET status=?, md5=?, sha1=?, sha256=?, mime=?, magic=?, entropy=?, ext_mismatch=?,"
    " detected_ext=?, encrypted=?, bytes_read=?, unreadable=?, hit_count=?, hashset_match=?, job_id=? WHERE id=?"
)


def write_results(store: CaseStore, results: list[tuple[FileResult, str, int]], job_id: int) -> None:
    """``results``: (result, locator text, evidence id). One transaction for the batch."""
    zones: dict[int, str | None] = {}
    with store.transaction() as conn:
        for result, locator, evidence_id in results:
            if evidence_id not in zones:
                row = conn.execute("SELECT source_timezone FROM evidence WHERE id=?", (evidence_id,)).fetchone()
                zones[evidence_id] = row[0] if row else None
            _write_one(store, conn, result, locator, evidence_id, job_id, zones[evidence_id])


def _write_one(store: CaseStore, conn: sqlite3.Connection, r: FileResult, locator: str, evidence_id: int,
               job_id: int, source_zone: str | None = None) -> None:
    hashset = None
    if r.hash_matches:
        hashset = "notable" if any(m[1] == "notable" for m in r.hash_matches) else "known-good"
    conn.execute(_UPDATE, (r.status, r.md5, r.sha1, r.sha256, r.mime, r.magic, r.entropy, int(r.ext_mismatch),
                           r.detected_ext, r.encrypted, r.bytes_read, json.dumps([[a, b] for a, b in r.read_errors]),
                           len(r.hits), hashset, job_id, r.file_id))
    for hit in r.hits:
        conn.execute(
            "INSERT OR IGNORE INTO yara_hits(file_id, locator, rule, namespace, tags, meta, strings, ruleset_sha256,"
            " job_id) VALUES (?,?,?,?,?,?,?,?,?)",
            (r.file_id, locator, hit.rule, hit.namespace, json.dumps(hit.tags), json.dumps(hit.meta, default=str),
             json.dumps(hit.strings, default=str), hit.ruleset_sha256, job_id),
        )
    for set_name, kind, algorithm, value in r.hash_matches:
        conn.execute(
            "INSERT OR IGNORE INTO hash_matches(file_id, set_name, kind, algorithm, hash) VALUES (?,?,?,?,?)",
            (r.file_id, set_name, kind, algorithm, value),
        )
    for ch in r.content_hits:
        conn.execute(
            "INSERT OR IGNORE INTO content_hits(file_id, locator, kind, value, offset, context, encoding, search)"
            " VALUES (?,?,?,?,?,?,?,?)",
            (r.file_id, locator, ch.kind, ch.value, ch.offset, ch.context, ch.encoding, "builtin"),
        )
    for art in r.artifacts:
        uid = str(stable_uuid("artifact", locator, art.plugin, art.type, art.index))
        placed, basis = place_times(art.times, source_zone)
        first_time = min((t for _, t, _, _ in placed), default=None)
        cur = conn.execute(
            "INSERT OR IGNORE INTO artifacts(uid, file_id, locator, type, plugin, plugin_version, summary, time_utc,"
            " data, job_id, time_basis) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            (uid, r.file_id, locator, art.type, art.plugin, art.plugin_version, art.summary, first_time,
             json.dumps(art.data, sort_keys=True, default=str), job_id, basis),
        )
        if cur.rowcount:
            insert_timeline(conn, placed, int(cur.lastrowid or 0), art.plugin, r.file_id, locator, art.summary)
    for w in r.warnings:
        store.add_warning(conn, source=w.source, message=w.message, kind=w.kind, job_id=job_id,
                          evidence_id=evidence_id, file_id=r.file_id, locator=w.locator or locator, details=w.details)
