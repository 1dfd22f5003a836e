"""Reading an NSRL RDS v3 database (an SQLite file the examiner imports as a hash set), read-only.

Not the case database: the file comes from outside (NIST's download, or a partner), so it is
opened read-only and only its ``FILE`` table (or view) and ``VERSION`` row are read. Every
SQLite error is reported as :class:`RdsError`; callers never see the dialect.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

HASH_COLUMNS = ("sha256", "sha1", "md5")  # strongest first


class RdsError(Exception):
    """The file cannot be read as an SQLite database (damaged, locked, not SQLite)."""


class NsrlRds:
    """One RDS database, opened read-only."""

    def __init__(self, path: Path) -> None:
        try:
            self._conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
            self._objects = {str(r[0]).upper(): str(r[0]) for r in self._conn.execute(
                "SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")}
        except sqlite3.DatabaseError as exc:
            raise RdsError(str(exc)) from exc

    def close(self) -> None:
        self._conn.close()

    def has_file_table(self) -> bool:
        return "FILE" in self._objects

    def _columns(self) -> dict[str, str]:
        table = self._objects["FILE"]
        try:
            return {str(r[1]).lower(): str(r[1]) for r in self._conn.execute(f'PRAGMA table_info("{table}")')}
        except sqlite3.DatabaseError as exc:
            raise RdsError(str(exc)) from exc

    def file_hash_columns(self) -> list[str]:
        """Which of sha256, sha1, md5 the FILE table has (lower-case, strongest first)."""
        columns = self._columns()
        return [c for c in HASH_COLUMNS if c in columns]

    def version_text(self) -> str:
        """The first row of the VERSION table, its values joined by spaces; empty when there is none.

        The version row is only a description of the source: a VERSION table that cannot be read
        leaves it empty and the hashes are still read (an unreadable FILE table is an error)."""
        if "VERSION" not in self._objects:
            return ""
        try:
            row = self._conn.execute(f'SELECT * FROM "{self._objects["VERSION"]}" LIMIT 1').fetchone()  # noqa: S608
        except sqlite3.Error:
            return ""
        return " ".join(str(x) for x in row) if row else ""

    def file_hashes(self, columns: list[str]) -> Iterator[dict[str, str | None]]:
        """Every row of the FILE table: the given hash columns (names from :meth:`file_hash_columns`)."""
        names = self._columns()
        select = ", ".join(f'"{names[c]}"' for c in columns)
        try:
            for values in self._conn.execute(f'SELECT {select} FROM "{self._objects["FILE"]}"'):  # noqa: S608
                yield dict(zip(columns, values, strict=True))
        except sqlite3.DatabaseError as exc:
            raise RdsError(str(exc)) from exc
