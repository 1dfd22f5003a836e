"""The examiner's hash-set library database: one SQLite file shared by every case (store-core).

``sets`` (name, kind, source, import time, entry count, SHA-256 of the imported file) and
``hashes`` (digest as bytes, set id) in a WITHOUT ROWID table keyed by (hash, set_id), so one
file's three digests are looked up with one indexed query whatever the set sizes. Writers take
SQLite's own lock; readers open the file read-only. The rules for what a set is (kinds, names,
formats) are in :mod:`forensic_triage.hashsets`; this module only stores and finds.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from ..errors import StoreError

_SCHEMA = """
CREATE TABLE IF NOT EXISTS sets (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL CHECK (kind IN ('known-good', 'notable')),
    source TEXT NOT NULL DEFAULT '',
    format TEXT NOT NULL DEFAULT '',
    source_sha256 TEXT NOT NULL DEFAULT '',
    source_info TEXT NOT NULL DEFAULT '',
    imported_utc TEXT NOT NULL,
    entries INTEGER NOT NULL DEFAULT 0,
    skipped INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS hashes (
    hash BLOB NOT NULL,
    set_id INTEGER NOT NULL,
    PRIMARY KEY (hash, set_id)
) WITHOUT ROWID;
"""
_BATCH = 50_000
SET_COLUMNS = ("id", "name", "kind", "source", "format", "source_sha256", "source_info", "imported_utc", "entries",
               "skipped")


class HashSetLibraryDB:
    """One open library database (created when opened for writing)."""

    def __init__(self, path: Path, *, read_only: bool = False) -> None:
        self.path = path
        try:
            if read_only:
                if not path.is_file():
                    raise StoreError(f"No hash-set library at {path}.",
                                     hint="Import a set with 'forensic-triage hashsets import'.")
                self._conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
            else:
                path.parent.mkdir(parents=True, exist_ok=True)
                self._conn = sqlite3.connect(str(path), timeout=60, check_same_thread=False)
                self._conn.execute("PRAGMA journal_mode=WAL")
                self._conn.executescript(_SCHEMA)
        except sqlite3.Error as exc:
            raise StoreError(f"The hash-set library {path} cannot be used: {exc}.") from exc

    def close(self) -> None:
        self._conn.close()

    def _write_error(self, exc: sqlite3.Error) -> StoreError:
        return StoreError(f"The hash-set library {self.path} could not be written: {exc}.")

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """All the writes inside land together, or none (an error of any kind rolls them back)."""
        try:
            with self._conn:
                yield
        except sqlite3.Error as exc:
            raise self._write_error(exc) from exc

    # ------------------------------------------------------------------ sets
    def sets(self) -> list[dict[str, Any]]:
        """Every set (:data:`SET_COLUMNS`), by name."""
        rows = self._conn.execute(f"SELECT {', '.join(SET_COLUMNS)} FROM sets ORDER BY name").fetchall()  # noqa: S608
        return [dict(zip(SET_COLUMNS, r, strict=True)) for r in rows]

    def remove_set(self, set_id: int) -> None:
        """Delete a set and its hashes (one transaction)."""
        with self.transaction():
            self._conn.execute("DELETE FROM hashes WHERE set_id=?", (set_id,))
            self._conn.execute("DELETE FROM sets WHERE id=?", (set_id,))

    def add_set(self, *, name: str, kind: str, source: str, fmt: str, source_sha256: str, imported_utc: str) -> int:
        """Insert a set's row (inside :meth:`transaction`); its id."""
        try:
            cur = self._conn.execute(
                "INSERT INTO sets(name, kind, source, format, source_sha256, imported_utc) VALUES (?,?,?,?,?,?)",
                (name, kind, source, fmt, source_sha256, imported_utc))
        except sqlite3.Error as exc:
            raise self._write_error(exc) from exc
        return int(cur.lastrowid or 0)

    def add_hashes(self, set_id: int, digests: Iterable[bytes]) -> None:
        """Insert a set's digests (duplicates kept once), in sorted batches (inside :meth:`transaction`)."""
        batch: list[tuple[bytes, int]] = []
        for digest in digests:
            batch.append((digest, set_id))
            if len(batch) >= _BATCH:
                self._insert(batch)
        self._insert(batch)

    def _insert(self, batch: list[tuple[bytes, int]]) -> None:
        batch.sort()
        try:
            self._conn.executemany("INSERT OR IGNORE INTO hashes(hash, set_id) VALUES (?,?)", batch)
        except sqlite3.Error as exc:
            raise self._write_error(exc) from exc
        batch.clear()

    def finish_set(self, set_id: int, *, fmt: str, skipped: int, source_info: str) -> None:
        """Record a set's format, entry count (counted here), skipped lines and source description."""
        try:
            entries = int(self._conn.execute("SELECT count(*) FROM hashes WHERE set_id=?", (set_id,)).fetchone()[0])
            self._conn.execute("UPDATE sets SET format=?, entries=?, skipped=?, source_info=? WHERE id=?",
                               (fmt, entries, skipped, source_info, set_id))
        except sqlite3.Error as exc:
            raise self._write_error(exc) from exc

    # ---------------------------------------------------------------- lookup
    def find(self, digests: list[bytes], set_ids: list[int]) -> list[tuple[int, bytes]]:
        """(set id, digest) for every given digest found in the given sets: one query."""
        if not digests or not set_ids:
            return []
        sql = (f"SELECT set_id, hash FROM hashes WHERE hash IN ({','.join('?' * len(digests))})"  # noqa: S608
               f" AND set_id IN ({','.join('?' * len(set_ids))})")
        rows = self._conn.execute(sql, (*digests, *set_ids)).fetchall()
        return [(int(set_id), bytes(digest)) for set_id, digest in rows]
