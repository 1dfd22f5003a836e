"""Safari ``History.db`` (macOS 10.10 and later): every visit with its title, redirects and the
URL's visit count. Runs on the runner's temp copy with its -wal beside it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from typing import BinaryIO

from forensic_triage.plugin_api import ExtractContext, Extractor, FileInfo, InputSpec, Record

from .browser_common import (
    SQLITE_MAGIC,
    BrowserVisit,
    cocoa_time,
    integer,
    matched_by_glob,
    open_copy,
    rows,
    tables,
    text,
)


def _transition(redirected: bool, http_non_get: bool, failed: bool) -> str:
    parts = ["redirect" if redirected else "visit"]
    if http_non_get:
        parts.append("http_non_get")
    if failed:
        parts.append("load_failed")
    return "|".join(parts)


class SafariHistoryExtractor(Extractor):
    name = "browser.safari"
    version = "1.0"
    description = "Safari History.db: visits with titles, redirects and visit counts"
    references = (
        "https://github.com/log2timeline/plaso/blob/main/plaso/parsers/sqlite_plugins/safari.py",
        "https://forensics.wiki/safari/",
    )
    inputs = InputSpec(
        globs=("%HomeDir%/Library/Safari/History.db",),
        names=("History.db",),
        signatures=(SQLITE_MAGIC,),
        require_all=True,
        needs_path=True,
        companions=("-wal", "-journal"),
    )
    record_types = (BrowserVisit,)

    def extract(self, ctx: ExtractContext, stream: BinaryIO, file_info: FileInfo) -> Iterator[Record]:
        ctx.uses_library("sqlite3", sqlite3.sqlite_version)
        conn = open_copy(ctx)
        try:
            try:
                found = tables(conn)
            except sqlite3.DatabaseError as exc:
                ctx.warn(f"Not readable as a Safari history database: {exc}.")
                return
            if not {"history_items", "history_visits"} <= found:
                if matched_by_glob(self.inputs, file_info):
                    ctx.warn("This History.db has no 'history_items'/'history_visits' tables: not Safari history.")
                return
            sql = ("SELECT v.id, v.visit_time, v.title, v.load_successful, v.http_non_get, v.redirect_source,"
                   " i.url, i.visit_count, si.url AS from_url FROM history_visits v"
                   " LEFT JOIN history_items i ON i.id = v.history_item"
                   " LEFT JOIN history_visits sv ON sv.id = v.redirect_source"
                   " LEFT JOIN history_items si ON si.id = sv.history_item ORDER BY v.id")
            for r in rows(ctx, conn, "history visits", sql):
                yield BrowserVisit(
                    browser="Safari", profile=None, user=ctx.user, url=text(r["url"]) or "",
                    title=text(r["title"]) or None, visit_time=cocoa_time(r["visit_time"]),
                    visit_count=integer(r["visit_count"]), typed_count=None,
                    transition=_transition(r["redirect_source"] is not None, bool(r["http_non_get"]),
                                           r["load_successful"] is not None and not r["load_successful"]),
                    from_url=text(r["from_url"]), visit_id=integer(r["id"]))
        finally:
            conn.close()


EXTRACTORS = (SafariHistoryExtractor,)
