"""Shared pieces of the web-browser extractors: one record type per kind of fact, across browsers.

Chrome/Chromium/Edge/Brave, Firefox and Safari all yield the same ``browser.visit``,
``browser.download``, ``browser.bookmark`` and ``browser.search`` records, each naming the
browser and the profile, so an examiner sees one history whatever the browser.

This module is a helper, not an extractor: its ``EXTRACTORS`` tuple is empty.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import re
import sqlite3
import urllib.parse
from collections.abc import Iterator
from contextlib import closing
from typing import Any, ClassVar

from forensic_triage.plugin_api import ExtractContext, Extractor, FileInfo, InputSpec, Record, glob_to_regex
from forensic_triage.timeutil import from_filetime, iso

SQLITE_MAGIC = b"SQLite format 3\x00"

_EPOCH = _dt.datetime(1970, 1, 1, tzinfo=_dt.UTC)
_COCOA_EPOCH = _dt.datetime(2001, 1, 1, tzinfo=_dt.UTC)


@dataclasses.dataclass(frozen=True)
class BrowserVisit(Record):
    """One visit of a URL (or, where the visit rows are gone, the URL's last visit)."""

    record_type: ClassVar[str] = "browser.visit"
    time_fields: ClassVar[dict[str, str]] = {"visit_time": "URL visited"}

    browser: str
    profile: str | None
    user: str | None
    url: str
    title: str | None
    visit_time: str | None          # ISO 8601 UTC
    visit_count: int | None         # the browser's counter for this URL
    typed_count: int | None         # times typed in the address bar (Firefox: 0/1 flag)
    transition: str | None          # how the visit came about: link, typed, redirect...
    from_url: str | None            # the page the visit came from, when recorded
    visit_id: int | None            # row id in the browser's database (None: URL row only)

    def summary(self) -> str:
        title = f" ({self.title})" if self.title else ""
        return f"{self.browser}: visited {self.url}{title}"


@dataclasses.dataclass(frozen=True)
class BrowserDownload(Record):
    """One file download."""

    record_type: ClassVar[str] = "browser.download"
    time_fields: ClassVar[dict[str, str]] = {"start_time": "Download started", "end_time": "Download finished"}

    browser: str
    profile: str | None
    user: str | None
    url: str | None
    target_path: str | None
    received_bytes: int | None
    total_bytes: int | None
    start_time: str | None
    end_time: str | None
    state: str | None
    mime_type: str | None
    referrer: str | None
    danger_type: str | None
    opened: bool | None

    def summary(self) -> str:
        size = f", {self.received_bytes} bytes" if self.received_bytes is not None else ""
        return f"{self.browser}: downloaded {self.url} to {self.target_path}{size}"


@dataclasses.dataclass(frozen=True)
class BrowserBookmark(Record):
    """One bookmarked URL, with its folder path."""

    record_type: ClassVar[str] = "browser.bookmark"
    time_fields: ClassVar[dict[str, str]] = {"added_time": "Bookmark added", "modified_time": "Bookmark changed"}

    browser: str
    profile: str | None
    user: str | None
    url: str | None
    title: str | None
    folder: str | None              # "Bookmarks Toolbar/Latest Headlines"
    added_time: str | None
    modified_time: str | None
    description: str | None

    def summary(self) -> str:
        return f"{self.browser}: bookmark {self.title or ''} {self.url or ''}".rstrip()


@dataclasses.dataclass(frozen=True)
class BrowserSearch(Record):
    """Search terms typed into a search engine (the browser's keyword search record)."""

    record_type: ClassVar[str] = "browser.search"
    time_fields: ClassVar[dict[str, str]] = {"search_time": "Web search"}

    browser: str
    profile: str | None
    user: str | None
    term: str
    url: str | None
    search_time: str | None         # the last visit of the results page

    def summary(self) -> str:
        return f"{self.browser}: searched for {self.term!r}"


BROWSER_RECORD_TYPES: tuple[type[Record], ...] = (BrowserVisit, BrowserDownload, BrowserBookmark, BrowserSearch)


# ---------------------------------------------------------------------------------- times
def webkit_time(value: Any) -> str | None:
    """Chrome's time: microseconds since 1601-01-01 UTC."""
    if not isinstance(value, int) or value <= 0:
        return None
    return iso(from_filetime(value * 10))


def prtime(value: Any) -> str | None:
    """Mozilla's PRTime: microseconds since 1970-01-01 UTC."""
    if not isinstance(value, int) or value <= 0:
        return None
    try:
        return iso(_EPOCH + _dt.timedelta(microseconds=value))
    except OverflowError:
        return None


def unix_millis(value: Any) -> str | None:
    if not isinstance(value, (int, float)) or value <= 0:
        return None
    try:
        return iso(_EPOCH + _dt.timedelta(milliseconds=value))
    except OverflowError:
        return None


def unix_seconds(value: Any) -> str | None:
    if not isinstance(value, (int, float)) or value <= 0:
        return None
    try:
        return iso(_EPOCH + _dt.timedelta(seconds=value))
    except OverflowError:
        return None


def cocoa_time(value: Any) -> str | None:
    """Apple's Cocoa time: seconds (float) since 2001-01-01 UTC."""
    if not isinstance(value, (int, float)) or value == 0:
        return None
    try:
        # Round to microseconds from the decimal text: float seconds lose the last digit otherwise.
        micros = round(float(value) * 1_000_000)
        return iso(_COCOA_EPOCH + _dt.timedelta(microseconds=micros))
    except OverflowError:
        return None


# ------------------------------------------------------------------------------- database
def matched_by_glob(spec: InputSpec, info: FileInfo) -> bool:
    """Did the file's path match one of the declared globs (not only the name fallback)?"""
    rel = info.path.lstrip("/")
    return any(glob_to_regex(g).match(rel) for g in spec.globs)


def open_copy(ctx: ExtractContext) -> sqlite3.Connection:
    """The runner's temp copy of the database (with its -wal/-journal beside it), opened normally.

    Opening the copy read-write lets SQLite replay a WAL or roll back a hot journal, which is
    what the browser itself would have seen; the evidence is never touched.
    """
    if ctx.path_on_disk is None:
        raise RuntimeError("the runner gave no temp copy (InputSpec.needs_path is not set)")
    conn = sqlite3.connect(str(ctx.path_on_disk))
    # Views and triggers in a hostile database must not run functions (as in android_common).
    conn.execute("PRAGMA trusted_schema=OFF")
    conn.row_factory = sqlite3.Row
    return conn


def tables(conn: sqlite3.Connection) -> set[str]:
    return {str(r[0]) for r in conn.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")}


def columns(conn: sqlite3.Connection, table: str) -> set[str]:
    if not re.fullmatch(r"\w+", table):
        return set()
    return {str(r[1]) for r in conn.execute(f"PRAGMA table_info({table})")}


def rows(ctx: ExtractContext, conn: sqlite3.Connection, what: str, sql: str,
         params: tuple[Any, ...] = ()) -> Iterator[sqlite3.Row]:
    """Rows of one query; a damaged database becomes a warning naming what was lost."""
    count = 0
    try:
        with closing(conn.execute(sql, params)) as cur:
            for row in cur:
                count += 1
                yield row
    except sqlite3.DatabaseError as exc:
        ctx.warn(f"The {what} could not all be read ({exc}); {count} row(s) kept.")


def text(value: Any) -> str | None:
    """A column as text (bytes decoded leniently), or None."""
    if value is None:
        return None
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return str(value)


def integer(value: Any) -> int | None:
    if value is None or isinstance(value, (bytes, str)):
        try:
            return int(value) if value is not None else None
        except ValueError:
            return None
    return int(value)


def file_uri_to_path(uri: str | None) -> str | None:
    """``file:///D:/a%20b.zip`` -> ``D:/a b.zip``; ``file:///home/x`` -> ``/home/x``."""
    if not uri:
        return uri
    if not uri.lower().startswith("file://"):
        return uri
    path = urllib.parse.unquote(uri[7:])
    if re.match(r"^/[A-Za-z]:", path):
        path = path[1:]
    return path


def profile_from_path(path: str, depth: int = 1) -> str | None:
    """The folder ``depth`` levels above the file (Chrome 'Default', Firefox 'x.default')."""
    parts = [p for p in path.split("/") if p]
    if len(parts) <= depth:
        return None
    return parts[-1 - depth]


# A helper module: it registers no extractor of its own (see plugins/__init__.py).
EXTRACTORS: tuple[type[Extractor], ...] = ()
