"""Case database snapshots: the copy of a case that travels inside an evidence package.

``write_snapshot`` makes a consistent copy of an open case (SQLite online backup, left in
rollback-journal mode so it opens read-only without -wal/-shm files); ``open_snapshot`` opens
such a copy — possibly hostile, since it arrives from outside — read-only, immutable, with the
hostile-schema protections (``trusted_schema=OFF``, ``query_only``), as a :class:`CaseStore`
whose repositories answer by name like any case. A PostgreSQL back-end writes and reads its own
snapshot form behind the same two functions.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from .db import CaseStore, _translate


def write_snapshot(store: CaseStore, target: Path) -> None:
    """A consistent copy of ``store``'s database at ``target`` (a new file)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    if store.dialect == "postgresql":
        from .pg import write_sqlite_snapshot

        write_sqlite_snapshot(store, target)
        return
    try:
        dest = sqlite3.connect(str(target))
        try:
            store.conn.backup(dest)
            dest.execute("PRAGMA journal_mode=DELETE")
        finally:
            dest.close()
    except sqlite3.Error as exc:
        raise _translate(exc, target) from exc


def open_snapshot(path: Path) -> CaseStore:
    """A case database snapshot opened read-only (never migrated, locked or written); close it after use."""
    conn = sqlite3.connect(f"file:{path.resolve()}?mode=ro&immutable=1", uri=True, check_same_thread=False)
    try:
        conn.execute("PRAGMA trusted_schema=OFF")
        conn.execute("PRAGMA query_only=ON")
    except sqlite3.Error:
        conn.close()
        raise
    return CaseStore(path.parent, conn, read_only=True)
