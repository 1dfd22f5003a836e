"""Digest of the case's tables: what makes edits outside the tool visible.

Every findings and case table is hashed row by row in a canonical form; the per-table digests
and their combination are anchored in the hash-chained audit log (the ``digest`` field of an
entry's details) at the end of each job and after each examiner action. ``verify`` recomputes
them and names any table whose content no longer matches the last anchor.

What this cannot show: someone who rewrites the whole database *and* recomputes every digest
and the whole audit chain leaves a consistent case. The head hash of the chain, written down
outside the case (the examiner's notebook, the report, the signed package), is what exposes that.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterable
from typing import Any

# Every table whose content is a finding, a case fact or an examiner action. The audit table is
# protected by its own chain; meta's audit head changes with every entry and is left out.
COVERED_TABLES: tuple[str, ...] = (
    "case_info", "examiners", "evidence", "evidence_containers", "volumes", "files", "jobs", "warnings",
    "artifacts", "timeline", "yara_hits", "rulesets", "hashsets_used", "hash_matches", "content_hits",
    "tags", "custody", "thumbnails", "meta",
)
_META_EXCLUDED = ("audit_head",)


def _value(value: Any) -> Any:
    if isinstance(value, bytes | bytearray | memoryview):
        return {"b": bytes(value).hex()}
    if isinstance(value, float):
        return {"f": value.hex()}
    return value


def table_digest(conn: sqlite3.Connection, table: str) -> str:
    """SHA-256 over the table's rows (rowid order), each row as canonical JSON of its values."""
    if table not in COVERED_TABLES:
        raise ValueError(f"{table} is not a covered table")
    h = hashlib.sha256(table.encode() + b"\x1e")
    sql = f"SELECT * FROM {table}"  # noqa: S608 - table names come from COVERED_TABLES only
    if table == "meta":
        sql += " WHERE key NOT IN (" + ",".join("?" * len(_META_EXCLUDED)) + ")"
        rows = conn.execute(sql + " ORDER BY key", _META_EXCLUDED)
    else:
        rows = conn.execute(sql + " ORDER BY rowid")
    columns = [d[0] for d in rows.description]
    h.update(json.dumps(columns).encode() + b"\n")
    for row in rows:
        h.update(json.dumps([_value(v) for v in row], ensure_ascii=False, separators=(",", ":")).encode())
        h.update(b"\n")
    return h.hexdigest()


def compute(conn: sqlite3.Connection, tables: Iterable[str] | None = None) -> dict[str, str]:
    """Per-table digests of ``tables`` (all covered tables when ``None``)."""
    return {t: table_digest(conn, t) for t in (COVERED_TABLES if tables is None else tables)}


def combined(tables: dict[str, str]) -> str:
    """One SHA-256 over the per-table digests (sorted by table name)."""
    text = "\n".join(f"{name} {tables[name]}" for name in sorted(tables))
    return hashlib.sha256(text.encode()).hexdigest()


def latest_anchor(conn: sqlite3.Connection) -> dict[str, Any] | None:
    """The newest anchored digest: ``{"seq", "hash", "time_utc", "action", "combined", "tables"}``."""
    for seq, digest_hash, time_utc, action, details in conn.execute(
            "SELECT seq, hash, time_utc, action, details FROM audit ORDER BY seq DESC"):
        try:
            data = json.loads(details)
        except ValueError:
            continue
        anchor = data.get("digest") if isinstance(data, dict) else None
        if isinstance(anchor, dict) and isinstance(anchor.get("tables"), dict):
            return {"seq": seq, "hash": digest_hash, "time_utc": time_utc, "action": action,
                    "combined": anchor.get("combined", ""), "tables": anchor["tables"]}
    return None
