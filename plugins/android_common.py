"""Shared helpers for the Android SQLite extractors (not an extractor: its EXTRACTORS tuple is empty).

The databases are opened from the temp copy the runner makes (``InputSpec.needs_path``), with
their ``-wal`` / ``-journal`` companions copied beside them, so uncommitted WAL rows are seen
and the evidence is never touched. The connection is read-only in intent (``query_only``) and
untrusted schema code (views/triggers calling functions) is disabled.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from typing import Any, BinaryIO

from forensic_triage.plugin_api import ExtractContext, Extractor
from forensic_triage.timeutil import from_unix, iso

from .sqlite_recovery import recovered_rows

MAX_ROWS = 500_000
COMPANIONS = ("-wal", "-journal")  # not -shm: SQLite rebuilds the WAL index itself


def open_copy(ctx: ExtractContext) -> sqlite3.Connection | None:
    """The temp copy as an SQLite connection, or None (with a warning) when it is not a database."""
    if ctx.path_on_disk is None:
        ctx.warn("Internal: the database was not copied to a temporary file.")
        return None
    import sqlite3 as _sqlite3

    ctx.uses_library("sqlite3", _sqlite3.sqlite_version)
    try:
        conn = sqlite3.connect(str(ctx.path_on_disk))
        conn.execute("PRAGMA trusted_schema=OFF")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        conn.execute("PRAGMA query_only=ON")
    except sqlite3.DatabaseError as exc:
        ctx.warn(f"Not a readable SQLite database (encrypted or damaged?): {exc}.")
        return None
    conn.row_factory = sqlite3.Row
    return conn


def android_globs(*suffixes: str) -> tuple[str, ...]:
    """Globs matching an Android path by its end, whatever holds it: the root of the userdata
    partition (``system/packages.xml``, ``data/com.android.../mmssms.db``), a TAR of /data
    (``data/data/...``, ``data/user/0/...``, ``data/user_de/0/...``) or a ZIP with a top folder
    (``Dump/data/data/...``)."""
    out: list[str] = []
    for suffix in suffixes:
        suffix = suffix.strip("/")
        out += [suffix, "**/" + suffix]
    return tuple(out)


def table_rows(ctx: ExtractContext, conn: sqlite3.Connection, data: BinaryIO, table: str,
               what: str) -> Iterator[tuple[dict[str, Any], str]]:
    """``(row, recovered)`` for every row of ``table``: the live rows (``recovered`` ``""``), then
    the rows only the write-ahead log or the free space still hold (``"wal"`` / ``"freelist"``,
    from :func:`plugins.sqlite_recovery.recovered_rows` over ``data``, the file's bytes). Each row
    is a dict of lower-case column names plus ``_rowid`` (None when the carver lost it)."""
    quoted = table.replace('"', '""')
    sql = f'SELECT rowid AS "_rowid", * FROM "{quoted}" ORDER BY rowid'  # noqa: S608 - a name from sqlite_master
    for r in rows(ctx, conn, what, sql):
        yield {k.lower(): r[k] for k in r.keys()}, ""
    for where, row in recovered_rows(ctx, table, data):
        yield {k.lower(): v for k, v in row.items()}, where


def schema(conn: sqlite3.Connection) -> dict[str, set[str]]:
    """Table name (lower case) -> its column names (lower case)."""
    out: dict[str, set[str]] = {}
    for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type='table'").fetchall():
        cols = conn.execute(f'PRAGMA table_info("{str(name).replace(chr(34), "")}")').fetchall()
        out[str(name).lower()] = {str(c[1]).lower() for c in cols}
    return out


def rows(ctx: ExtractContext, conn: sqlite3.Connection, what: str, sql: str,
         params: tuple[Any, ...] = ()) -> Iterator[sqlite3.Row]:
    """Rows of ``sql``, capped at MAX_ROWS; a damaged page becomes a warning, rows read so far are kept."""
    count = 0
    try:
        for row in conn.execute(sql, params):
            if count >= MAX_ROWS:
                ctx.warn(f"More than {MAX_ROWS} {what}; the rest are not listed.")
                return
            count += 1
            yield row
    except sqlite3.DatabaseError as exc:
        ctx.warn(f"Reading {what} stopped after {count} row(s): the database is damaged ({exc}).")


def col(table_columns: set[str], name: str, default: str = "NULL") -> str:
    """``name`` when the table has that column, else a literal default (schemas differ by version)."""
    return name if name.lower() in table_columns else default


def millis(value: Any) -> str | None:
    """Java milliseconds since 1970 as ISO UTC (None for 0, negative or unset)."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    if number <= 0:
        return None
    return iso(from_unix(number // 1000, (number % 1000) * 1_000_000))


def seconds(value: Any) -> str | None:
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return iso(from_unix(number)) if number > 0 else None


def text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    result = str(value)
    return result if result != "" else None


def integer(value: Any) -> int | None:
    try:
        return int(value) if value is not None else None
    except (TypeError, ValueError):
        return None


def flag(value: Any) -> bool | None:
    number = integer(value)
    return bool(number) if number is not None else None


# A helper module: it registers no extractor of its own (see plugins/__init__.py).
EXTRACTORS: tuple[type[Extractor], ...] = ()
