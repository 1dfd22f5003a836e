"""Hash-chained audit log: every entry carries the SHA-256 of the previous one.

The hash of an entry covers its sequence number, time, actor, action, details and the
previous hash, so editing, deleting or reordering any entry breaks the chain from there on.
Every entry also anchors the digest of the case tables (:mod:`.digest`). What a consistent
rewrite of the database *and* the chain could still do is stated in
:data:`forensic_triage.store.digest.ATTACKER_LIMITS`: only a head hash recorded outside the
case (``verify --expect-head``) exposes it.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from typing import Any

GENESIS = "0" * 64


def canonical(details: dict[str, Any]) -> str:
    return json.dumps(details, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)


def entry_hash(seq: int, time_utc: str, actor: str, action: str, details: str, prev_hash: str) -> str:
    payload = "\x1e".join([str(seq), time_utc, actor, action, details, prev_hash])
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def append(conn: sqlite3.Connection, time_utc: str, actor: str, action: str, details: dict[str, Any]) -> str:
    row = conn.execute("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
    seq, prev = (row[0] + 1, row[1]) if row else (1, GENESIS)
    text = canonical(details)
    digest = entry_hash(seq, time_utc, actor, action, text, prev)
    conn.execute(
        "INSERT INTO audit(seq, time_utc, actor, action, details, prev_hash, hash) VALUES (?,?,?,?,?,?,?)",
        (seq, time_utc, actor, action, text, prev, digest),
    )
    # Anchor the head: a chain alone cannot show that its last entries were cut off.
    conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('audit_head', ?)", (f"{seq}:{digest}",))
    return digest


def verify(conn: sqlite3.Connection) -> tuple[list[str], str]:
    """Check the whole chain. Returns (problems, head hash); no problems means intact."""
    problems: list[str] = []
    prev = GENESIS
    expected_seq = 1
    head = GENESIS
    for seq, time_utc, actor, action, details, prev_hash, digest in conn.execute(
        "SELECT seq, time_utc, actor, action, details, prev_hash, hash FROM audit ORDER BY seq"
    ):
        if seq != expected_seq:
            problems.append(f"audit entry {expected_seq} is missing (next entry is {seq}): entries were removed")
        if prev_hash != prev:
            problems.append(f"audit entry {seq} ({action}) does not follow the entry before it: removed or reordered")
        recomputed = entry_hash(seq, time_utc, actor, action, details, prev_hash)
        if recomputed != digest:
            problems.append(f"audit entry {seq} ({action}) was edited: its content no longer matches its hash")
        prev = digest
        head = digest
        expected_seq = seq + 1
    row = conn.execute("SELECT value FROM meta WHERE key='audit_head'").fetchone()
    if row:
        anchor_seq, _, anchor_hash = str(row[0]).partition(":")
        if int(anchor_seq) != expected_seq - 1 or anchor_hash != head:
            problems.append(
                f"the audit log ends at entry {expected_seq - 1} but its recorded head is entry {anchor_seq}: "
                "entries were removed or replaced at the end")
    elif expected_seq > 1:
        problems.append("the audit log's head anchor is missing")
    return problems, head
