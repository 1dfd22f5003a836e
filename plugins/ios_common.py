"""Shared helpers for the iOS extractors (not an extractor: its EXTRACTORS tuple is empty).

Paths: a file of an iOS backup is ``Domain/relativePath`` (``HomeDomain/Library/SMS/sms.db``), the
same file in a full file-system extraction ``private/var/mobile/Library/SMS/sms.db``; the globs
made by :func:`globs` match both by their common suffix. Databases are read from the runner's temp
copy with their ``-wal``/``-journal`` beside it (the evidence is never touched); rows that only
the bytes still hold come from :mod:`.sqlite_recovery` and are marked in ``RowRecord.recovered``.
Apple times count from 2001-01-01 UTC, in seconds or (newer databases) nanoseconds.
"""

from __future__ import annotations

import datetime as _dt
import plistlib
import sqlite3
from collections.abc import Callable, Iterator, Mapping
from typing import Any, BinaryIO

from forensic_triage.plugin_api import ExtractContext, Extractor
from forensic_triage.timeutil import iso

from .android_common import integer as integer  # one reading of column values for the phone extractors
from .android_common import text as text
from .sqlite_recovery import recover_records

MAX_ROWS = 500_000
COMPANIONS = ("-wal", "-journal")
APPLE_EPOCH = _dt.datetime(2001, 1, 1, tzinfo=_dt.UTC)
# Seconds since 2001 stay below 1e10 until the year 2317; nanoseconds since 2001 pass 1e12 in its first 17 minutes.
NANOSECONDS_FROM = 10**12


def globs(*suffixes: str) -> tuple[str, ...]:
    """Globs matching each path suffix under any backup domain or file-system prefix."""
    return tuple(g for s in suffixes for g in (s, "**/" + s))


def apple_time(value: Any) -> str | None:
    """An Apple (Cocoa/Core Data) time, seconds or nanoseconds since 2001-01-01 UTC, as ISO UTC;
    None for unset (0, NULL, negative, not a number) or out of range."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
        return None
    try:
        if abs(value) >= NANOSECONDS_FROM:
            delta = _dt.timedelta(microseconds=int(value) // 1000)
        else:
            delta = _dt.timedelta(microseconds=round(float(value) * 1_000_000))
        return iso(APPLE_EPOCH + delta)
    except OverflowError:
        return None


def plist_time(value: Any) -> str | None:
    """A date from a property list (plistlib gives naive datetimes in UTC) as ISO UTC."""
    if isinstance(value, _dt.datetime):
        return iso(value.replace(tzinfo=_dt.UTC) if value.tzinfo is None else value)
    return None


def open_db(ctx: ExtractContext) -> sqlite3.Connection | None:
    """The temp copy as an SQLite connection, or None (with a warning) when it is not a database."""
    if ctx.path_on_disk is None:
        ctx.warn("Internal: the database was not copied to a temporary file.")
        return None
    ctx.uses_library("sqlite3", sqlite3.sqlite_version)
    try:
        conn = sqlite3.connect(str(ctx.path_on_disk))
        conn.execute("PRAGMA trusted_schema=OFF")  # views/triggers of a hostile database run no functions
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        conn.execute("PRAGMA query_only=ON")
    except sqlite3.DatabaseError as exc:
        ctx.warn(f"Not a readable SQLite database (encrypted or damaged?): {exc}.")
        return None
    conn.row_factory = sqlite3.Row
    return conn


def schema(conn: sqlite3.Connection) -> dict[str, set[str]]:
    """Table name (lower case) -> its column names (lower case)."""
    out: dict[str, set[str]] = {}
    for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type='table'").fetchall():
        cols = conn.execute(f'PRAGMA table_info("{str(name).replace(chr(34), "")}")').fetchall()
        out[str(name).lower()] = {str(c[1]).lower() for c in cols}
    return out


def rows(ctx: ExtractContext, conn: sqlite3.Connection, what: str, sql: str) -> Iterator[dict[str, Any]]:
    """Rows of ``sql`` as dicts with lower-case keys, capped at MAX_ROWS; a damaged page becomes a
    warning and the rows read so far are kept."""
    count = 0
    try:
        for row in conn.execute(sql):
            if count >= MAX_ROWS:
                ctx.warn(f"More than {MAX_ROWS} {what}; the rest are not listed.")
                return
            count += 1
            yield {k.lower(): row[k] for k in row.keys()}
    except sqlite3.DatabaseError as exc:
        ctx.warn(f"Reading {what} stopped after {count} row(s): the database is damaged ({exc}).")


def recovered(ctx: ExtractContext, stream: BinaryIO, table: str,
              build: Callable[[dict[str, Any], str], Any]) -> Iterator[Any]:
    """``build(row, where)`` for every deleted or superseded row of ``table`` the bytes still hold
    (row keys lower case, ``_rowid`` the row id or None), ``where`` "wal" or "freelist"."""
    def one(where: str, row: dict[str, Any]) -> Any:
        return build({k.lower(): v for k, v in row.items()}, where)

    yield from recover_records(ctx, table, stream, one)


def row_id(row: Mapping[str, Any], key: str) -> int | None:
    """The row id of a live row (its ``key`` column) or of a recovered one (``_rowid``, else ``key``)."""
    return integer(row.get("_rowid")) if row.get("_rowid") is not None else integer(row.get(key))


def number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value)


def position(latitude: Any, longitude: Any) -> tuple[float, float] | None:
    """(latitude, longitude) when both are degrees on Earth; None for Photos' and WhatsApp's "no position"
    (-180.0, -180.0: outside the latitudes) and for 0, 0."""
    lat, lon = number(latitude), number(longitude)
    if lat is None or lon is None or (lat == 0.0 and lon == 0.0):
        return None
    if not (-90.0 <= lat <= 90.0 and -180.0 <= lon <= 180.0):
        return None
    return lat, lon


def load_plist(ctx: ExtractContext, data: bytes, what: str) -> Any:
    """A property list (XML or binary) or None with a warning."""
    try:
        return plistlib.loads(data)
    except (plistlib.InvalidFileException, ValueError, TypeError, KeyError, IndexError, OverflowError) as exc:
        ctx.warn(f"Not a readable property list ({what}): {exc or type(exc).__name__}.")
        return None


# A helper module: it registers no extractor of its own (see plugins/__init__.py).
EXTRACTORS: tuple[type[Extractor], ...] = ()
