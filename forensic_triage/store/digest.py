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
    "exercise_questions", "exercise_answers", "exercise_hints", "exercise_submission",
)
_META_EXCLUDED = ("audit_head",)


def _blob(value: Any) -> Any:
    if isinstance(value, bytes | bytearray | memoryview):
        return {"b": bytes(value).hex()}
    raise TypeError(f"{type(value).__name__} is not a SQLite value")


# One encoder for every row: the C encoder does the work, Python sees only BLOB values.
_ROW = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), default=_blob, allow_nan=True).encode
_BATCH = 4096


def table_digest(conn: sqlite3.Connection, table: str) -> str:
    """SHA-256 of one table in its canonical form.

    Canonical form (what an independent verifier reimplements): the UTF-8 bytes of
    ``TABLE + "\x1e"``, then the JSON array of the column names + ``"\n"``, then one line per
    row in rowid order (``meta``: by key, without ``audit_head``): the JSON array of the row's
    values with separators ``,`` and ``:`` and non-ASCII text as UTF-8 (not escaped), + ``"\n"``.
    NULL is ``null``; integers are decimal; REAL values are the shortest decimal that reads
    back to the same double (Python's ``repr``); BLOBs are ``{"b": "<lower-case hex>"}``.
    """
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
    while batch := rows.fetchmany(_BATCH):
        h.update(("\n".join(map(_ROW, batch)) + "\n").encode("utf-8", "surrogatepass"))
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


# Audit actions written by CaseStore around the digest (verify and the report read them).
ACTION_FIRST_ANCHOR = "digest anchored (first time)"
ACTION_INTERRUPTED = "interrupted job recovered"
ACTION_UNRECORDED = "unrecorded changes found"
ACTION_CHANGES = "changes anchored"
ACTION_UPGRADED = "case format upgraded"

ATTACKER_LIMITS = (
    "What this check can and cannot show. Every table of findings and case facts is hashed, and the "
    "hashes are written into the hash-chained audit log with every recorded action, so an edit of the "
    "database made outside the tool (for example with the sqlite3 shell) is named by 'verify' and the "
    "package cannot be built from it. It cannot detect a consistent rewrite: someone with write access who "
    "changes the tables and then recomputes every table hash and every audit entry after the change, or "
    "who cuts off the newest audit entries and rewinds the tables to match, leaves a case that checks as "
    "intact. Such a rewrite changes the audit head hash, so compare the head hash written down at the time "
    "(in your notebook, an earlier report or a signed package) with 'verify --expect-head HASH'; only a "
    "head recorded outside the case exposes it. The same holds for a package: whoever holds the signing key can "
    "sign a package built from such a rewrite, so compare the audit head and case digest a package names with "
    "the ones written down. Actions taken through the tool are recorded under the examiner name the case holds; "
    "the tool does not authenticate the person at the keyboard. Edits made before the case's first digest "
    "anchor cannot be detected at all."
)

LIMITS_TEXT = ATTACKER_LIMITS  # the same text under the name the issue used


def first_anchor(conn: sqlite3.Connection) -> dict[str, Any] | None:
    """The audit entry that first anchored a case made before digests existed, if any."""
    row = conn.execute("SELECT seq, time_utc FROM audit WHERE action = ? ORDER BY seq LIMIT 1",
                       (ACTION_FIRST_ANCHOR,)).fetchone()
    return {"seq": row[0], "time_utc": row[1]} if row else None


def changed_tables(conn: sqlite3.Connection, anchor: dict[str, Any]) -> tuple[list[str], dict[str, str]]:
    """Tables whose current digest differs from ``anchor`` (a table that cannot be read counts as
    changed) and the current digests."""
    changed: list[str] = []
    current: dict[str, str] = {}
    for table in COVERED_TABLES:
        try:
            current[table] = table_digest(conn, table)
        except (sqlite3.Error, UnicodeError, ValueError) as exc:
            current[table] = f"unreadable: {exc}"
        if anchor["tables"].get(table) != current[table]:
            changed.append(table)
    return changed, current


def check(conn: sqlite3.Connection) -> list[str]:
    """Recompute every table digest and compare with the newest anchor; one sentence per problem
    (empty: the tables are exactly as the tool last recorded them). Also names earlier findings
    of changes the tool did not make, recorded in the audit log."""
    problems: list[str] = []
    try:
        anchor = latest_anchor(conn)
    except sqlite3.Error as exc:
        return [f"The audit log cannot be read ({exc}), so the case tables cannot be checked."]
    if anchor is None:
        return ["The case has no digest anchor, so edits of its tables cannot be detected; open it once for "
                "writing with this version (any command that changes it) to anchor it from then on."]
    changed, _ = changed_tables(conn, anchor)
    when = f"after audit entry {anchor['seq']} ({anchor['time_utc']})"
    for table in changed:
        problems.append(f"The table '{table}' was changed outside the tool {when}.")
    if changed:
        running = [r[0] for r in conn.execute("SELECT id FROM jobs WHERE outcome = 'running' ORDER BY id")]
        if running:
            problems.append(f"Job {', '.join(map(str, running))} has not ended: if it is still running, check "
                            "again when it ends; if it was stopped, the next job records that.")
    for seq, time_utc, details in conn.execute(
            "SELECT seq, time_utc, details FROM audit WHERE action = ? ORDER BY seq", (ACTION_UNRECORDED,)):
        try:
            tables = ", ".join(f"'{t}'" for t in json.loads(details).get("tables", []))
        except (ValueError, AttributeError):
            tables = "(unreadable entry)"
        problems.append(f"Audit entry {seq} ({time_utc}) records that the tables {tables} were changed without "
                        "a record of the tool before that point.")
    for seq, time_utc, details in conn.execute(
            "SELECT seq, time_utc, details FROM audit WHERE action = ? ORDER BY seq", (ACTION_UPGRADED,)):
        try:
            before = json.loads(details).get("changed_before_upgrade") or []
        except (ValueError, AttributeError):
            before = ["(unreadable entry)"]
        if before:
            tables = ", ".join(f"'{t}'" for t in before)
            problems.append(f"Audit entry {seq} ({time_utc}) records that, when the case format was upgraded, the "
                            f"tables {tables} had already been changed outside the tool.")
    return problems
