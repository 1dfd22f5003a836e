"""Chrome, Chromium, Edge and Brave ``History`` databases (SQLite).

Reads URL visits (with visit times, counts, titles and transition types), downloads (target
path, size, times, state; both the old and the current ``downloads`` schemas) and keyword
search terms. Runs on the runner's temp copy of the database with its -wal/-journal beside it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from typing import Any, BinaryIO

from forensic_triage.plugin_api import ExtractContext, Extractor, FileInfo, InputSpec, Record

from .browser_common import (
    BROWSER_RECORD_TYPES,
    SQLITE_MAGIC,
    BrowserDownload,
    BrowserSearch,
    BrowserVisit,
    columns,
    integer,
    matched_by_glob,
    open_copy,
    profile_from_path,
    rows,
    tables,
    text,
    unix_seconds,
    webkit_time,
)

_CORE_TRANSITIONS = {
    0: "link", 1: "typed", 2: "auto_bookmark", 3: "auto_subframe", 4: "manual_subframe", 5: "generated",
    6: "start_page", 7: "form_submit", 8: "reload", 9: "keyword", 10: "keyword_generated",
}
_QUALIFIERS = (
    (0x00800000, "blocked"), (0x01000000, "forward_back"), (0x02000000, "from_address_bar"),
    (0x04000000, "home_page"), (0x08000000, "from_api"), (0x10000000, "chain_start"),
    (0x20000000, "chain_end"), (0x40000000, "client_redirect"), (0x80000000, "server_redirect"),
)
_STATES = {0: "in progress", 1: "complete", 2: "cancelled", 3: "interrupted", 4: "interrupted"}
_DANGER = {0: "not dangerous", 1: "dangerous file", 2: "dangerous URL", 3: "dangerous content",
           4: "maybe dangerous content", 5: "uncommon content", 6: "user validated", 7: "dangerous host",
           8: "potentially unwanted"}

# (path fragment, browser name), first match wins; matched case-insensitively.
_BROWSERS = (
    ("/microsoft/edge/", "Edge"), ("/microsoft edge/", "Edge"), ("/microsoft-edge/", "Edge"),
    ("/bravesoftware/", "Brave"), ("/chromium/", "Chromium"), ("/google/chrome", "Chrome"),
    ("/google-chrome", "Chrome"),
    ("/com.android.chrome/", "Chrome (Android)"), ("/com.chrome.beta/", "Chrome Beta (Android)"),
)


def transition_name(value: int | None) -> str | None:
    """Chrome's page transition: core type plus qualifier flags, e.g. ``typed|chain_start``."""
    if value is None:
        return None
    value &= 0xFFFFFFFF
    core = _CORE_TRANSITIONS.get(value & 0xFF, f"type_{value & 0xFF}")
    return "|".join([core, *(name for bit, name in _QUALIFIERS if value & bit)])


def browser_name(path: str) -> str:
    low = "/" + path.lower().replace("\\", "/")
    for fragment, name in _BROWSERS:
        if fragment in low:
            return name
    return "Chromium-based"


class ChromeHistoryExtractor(Extractor):
    name = "browser.chrome"
    version = "1.0"
    description = "Chrome / Chromium / Edge / Brave History: visits, downloads, keyword searches"
    references = (
        "https://chromium.googlesource.com/chromium/src/+/HEAD/components/history/core/browser/history_types.h",
        "https://chromium.googlesource.com/chromium/src/+/HEAD/ui/base/page_transition_types.h",
        "https://github.com/log2timeline/plaso/blob/main/plaso/parsers/sqlite_plugins/chrome_history.py",
    )
    inputs = InputSpec(
        globs=(
            "%LocalAppData%/Google/Chrome/User Data/*/History",
            "%LocalAppData%/Google/Chrome SxS/User Data/*/History",
            "%LocalAppData%/Chromium/User Data/*/History",
            "%LocalAppData%/Microsoft/Edge/User Data/*/History",
            "%LocalAppData%/BraveSoftware/Brave-Browser/User Data/*/History",
            "%HomeDir%/Library/Application Support/Google/Chrome/*/History",
            "%HomeDir%/Library/Application Support/Chromium/*/History",
            "%HomeDir%/Library/Application Support/Microsoft Edge/*/History",
            "%HomeDir%/Library/Application Support/BraveSoftware/Brave-Browser/*/History",
            "%HomeDir%/.config/google-chrome/*/History",
            "%HomeDir%/.config/chromium/*/History",
            "%HomeDir%/.config/microsoft-edge/*/History",
            "%HomeDir%/.config/BraveSoftware/Brave-Browser/*/History",
            # Android, whatever holds /data (userdata partition, TAR or ZIP of /data, a top folder)
            "**/com.android.chrome/app_chrome/*/History",
            "**/com.chrome.beta/app_chrome/*/History",
        ),
        names=("History",),
        signatures=(SQLITE_MAGIC,),
        require_all=True,            # a file named History that is a SQLite database
        needs_path=True,
        companions=("-wal", "-journal"),
    )
    record_types = BROWSER_RECORD_TYPES

    def extract(self, ctx: ExtractContext, stream: BinaryIO, file_info: FileInfo) -> Iterator[Record]:
        ctx.uses_library("sqlite3", sqlite3.sqlite_version)
        conn = open_copy(ctx)
        try:
            try:
                found = tables(conn)
            except sqlite3.DatabaseError as exc:
                ctx.warn(f"Not readable as a browser history database: {exc}.")
                return
            if not {"urls", "visits"} <= found:
                if matched_by_glob(self.inputs, file_info):
                    ctx.warn("This History file has no 'urls'/'visits' tables: not a Chromium history database.")
                return
            who = {"browser": browser_name(file_info.path), "profile": profile_from_path(file_info.path),
                   "user": ctx.user}
            yield from self._visits(ctx, conn, who)
            if "downloads" in found:
                yield from self._downloads(ctx, conn, who, "downloads_url_chains" in found)
            if "keyword_search_terms" in found:
                yield from self._searches(ctx, conn, who)
        finally:
            conn.close()

    def _visits(self, ctx: ExtractContext, conn: sqlite3.Connection, who: dict[str, Any]) -> Iterator[Record]:
        sql = ("SELECT v.id, v.visit_time, v.transition, u.url, u.title, u.visit_count, u.typed_count,"
               " fu.url AS from_url FROM visits v LEFT JOIN urls u ON u.id = v.url"
               " LEFT JOIN visits fv ON fv.id = v.from_visit AND v.from_visit > 0"
               " LEFT JOIN urls fu ON fu.id = fv.url ORDER BY v.id")
        for r in rows(ctx, conn, "visits table", sql):
            yield BrowserVisit(
                **who, url=text(r["url"]) or "", title=text(r["title"]) or None,
                visit_time=webkit_time(r["visit_time"]), visit_count=integer(r["visit_count"]),
                typed_count=integer(r["typed_count"]), transition=transition_name(integer(r["transition"])),
                from_url=text(r["from_url"]), visit_id=integer(r["id"]))
        # URLs whose visit rows are gone (expired or deleted) still carry their last visit.
        sql = ("SELECT u.url, u.title, u.visit_count, u.typed_count, u.last_visit_time FROM urls u"
               " WHERE NOT EXISTS (SELECT 1 FROM visits v WHERE v.url = u.id) ORDER BY u.id")
        for r in rows(ctx, conn, "urls table", sql):
            yield BrowserVisit(
                **who, url=text(r["url"]) or "", title=text(r["title"]) or None,
                visit_time=webkit_time(r["last_visit_time"]), visit_count=integer(r["visit_count"]),
                typed_count=integer(r["typed_count"]), transition=None, from_url=None, visit_id=None)

    def _downloads(self, ctx: ExtractContext, conn: sqlite3.Connection, who: dict[str, Any],
                   chains: bool) -> Iterator[Record]:
        cols = columns(conn, "downloads")
        if "full_path" in cols:  # before Chrome 26: start_time in Unix seconds, URL in the row
            sql = "SELECT * FROM downloads ORDER BY id"
            for r in rows(ctx, conn, "downloads table", sql):
                yield BrowserDownload(
                    **who, url=text(r["url"]), target_path=text(r["full_path"]),
                    received_bytes=integer(r["received_bytes"]), total_bytes=integer(r["total_bytes"]),
                    start_time=unix_seconds(r["start_time"]), end_time=None,
                    state=_STATES.get(integer(r["state"]) or 0), mime_type=None, referrer=None,
                    danger_type=None, opened=None)
            return
        urls: dict[int, list[str]] = {}
        if chains:
            for c in rows(ctx, conn, "download URL chains",
                          "SELECT id, url FROM downloads_url_chains ORDER BY id, chain_index"):
                urls.setdefault(int(c["id"]), []).append(text(c["url"]) or "")
        for r in rows(ctx, conn, "downloads table", "SELECT * FROM downloads ORDER BY id"):
            keys = r.keys()
            chain = urls.get(int(r["id"]), [])
            url = chain[0] if chain else (text(r["url"]) if "url" in keys else None)
            danger = integer(r["danger_type"]) if "danger_type" in keys else None
            yield BrowserDownload(
                **who, url=url,
                target_path=text(r["target_path"]) or text(r["current_path"]) if "target_path" in keys else None,
                received_bytes=integer(r["received_bytes"]), total_bytes=integer(r["total_bytes"]),
                start_time=webkit_time(r["start_time"]),
                end_time=webkit_time(r["end_time"]) if "end_time" in keys else None,
                state=_STATES.get(integer(r["state"]) or 0),
                mime_type=text(r["mime_type"]) or None if "mime_type" in keys else None,
                referrer=text(r["referrer"]) or None if "referrer" in keys else None,
                danger_type=_DANGER.get(danger, str(danger)) if danger is not None else None,
                opened=bool(r["opened"]) if "opened" in keys and r["opened"] is not None else None)

    def _searches(self, ctx: ExtractContext, conn: sqlite3.Connection,
                  who: dict[str, Any]) -> Iterator[Record]:
        sql = ("SELECT k.term, u.url, u.last_visit_time FROM keyword_search_terms k"
               " LEFT JOIN urls u ON u.id = k.url_id ORDER BY k.rowid")
        for r in rows(ctx, conn, "keyword search terms", sql):
            yield BrowserSearch(**who, term=text(r["term"]) or "", url=text(r["url"]),
                                search_time=webkit_time(r["last_visit_time"]))


EXTRACTORS = (ChromeHistoryExtractor,)
