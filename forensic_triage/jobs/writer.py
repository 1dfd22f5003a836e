"""The single writer: per-file results land in batched transactions (all of a file or none)."""

from __future__ import annotations

import json
import sqlite3

from ..model import FileResult, stable_uuid
from ..store import CaseStore
from ..timeutil import sortable

_UPDATE = (
    "UPDATE files SET status=?, md5=?, sha1=?, sha256=?, mime=?, magic=?, entropy=?, ext_mismatch=?,"
    " detected_ext=?, encrypted=?, bytes_read=?, unreadable=?, hit_count=?, hashset_match=?, job_id=? WHERE id=?"
)


def write_results(store: CaseStore, results: list[tuple[FileResult, str, int]], job_id: int) -> None:
    """``results``: (result, locator text, evidence id). One transaction for the batch."""
    with store.transaction() as conn:
        for result, locator, evidence_id in results:
            _write_one(store, conn, result, locator, evidence_id, job_id)


def _write_one(store: CaseStore, conn: sqlite3.Connection, r: FileResult, locator: str, evidence_id: int,
               job_id: int) -> None:
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
        times: list[tuple[str, str]] = []
        for label, when in art.times:
            fixed = sortable(when)
            if fixed:  # times without a zone stay in the record, never on the UTC timeline
                times.append((label, fixed))
        first_time = min((t for _, t in times), default=None)
        cur = conn.execute(
            "INSERT OR IGNORE INTO artifacts(uid, file_id, locator, type, plugin, plugin_version, summary, time_utc,"
            " data, job_id) VALUES (?,?,?,?,?,?,?,?,?,?)",
            (uid, r.file_id, locator, art.type, art.plugin, art.plugin_version, art.summary, first_time,
             json.dumps(art.data, sort_keys=True, default=str), job_id),
        )
        if cur.rowcount:
            artifact_id = cur.lastrowid
            for label, when in times:
                conn.execute(
                    "INSERT INTO timeline(time_utc, event, source, artifact_id, file_id, locator, description)"
                    " VALUES (?,?,?,?,?,?,?)",
                    (when, label, art.plugin, artifact_id, r.file_id, locator, art.summary),
                )
    for w in r.warnings:
        store.add_warning(conn, source=w.source, message=w.message, kind=w.kind, job_id=job_id,
                          evidence_id=evidence_id, file_id=r.file_id, locator=w.locator or locator, details=w.details)
