"""Firefox ``places.sqlite`` (visits, bookmarks, downloads kept as annotations) and the legacy
``downloads.sqlite`` (Firefox 3 to 20). Runs on the runner's temp copy with its -wal beside it.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from typing import Any, BinaryIO

from forensic_triage.plugin_api import ExtractContext, Extractor, FileInfo, InputSpec, Record

from .browser_common import (
    BROWSER_RECORD_TYPES,
    SQLITE_MAGIC,
    BrowserBookmark,
    BrowserDownload,
    BrowserVisit,
    file_uri_to_path,
    integer,
    matched_by_glob,
    open_copy,
    profile_from_path,
    prtime,
    rows,
    tables,
    text,
    unix_millis,
)

BROWSER = "Firefox"
_VISIT_TYPES = {1: "link", 2: "typed", 3: "bookmark", 4: "embed", 5: "redirect_permanent",
                6: "redirect_temporary", 7: "download", 8: "framed_link", 9: "reload"}
# nsIDownloadManager states (downloads.sqlite) and the metaData 'state' of places annotations.
_STATES = {0: "in progress", 1: "complete", 2: "failed", 3: "cancelled", 4: "paused", 5: "queued",
           6: "blocked (parental control)", 7: "scanning", 8: "blocked (virus detected)",
           9: "blocked (policy)", 10: "blocked (content analysis)"}


class FirefoxHistoryExtractor(Extractor):
    name = "browser.firefox"
    version = "1.0"
    description = "Firefox places.sqlite (visits, bookmarks, downloads) and legacy downloads.sqlite"
    references = (
        "https://firefox-source-docs.mozilla.org/browser/places/index.html",
        "https://github.com/log2timeline/plaso/blob/main/plaso/parsers/sqlite_plugins/firefox_history.py",
        "https://github.com/log2timeline/plaso/blob/main/plaso/parsers/sqlite_plugins/firefox_downloads.py",
    )
    inputs = InputSpec(
        globs=(
            "%AppData%/Mozilla/Firefox/Profiles/*/places.sqlite",
            "%AppData%/Mozilla/Firefox/Profiles/*/downloads.sqlite",
            "%HomeDir%/.mozilla/firefox/*/places.sqlite",
            "%HomeDir%/.mozilla/firefox/*/downloads.sqlite",
            "%HomeDir%/Library/Application Support/Firefox/Profiles/*/places.sqlite",
            "%HomeDir%/Library/Application Support/Firefox/Profiles/*/downloads.sqlite",
        ),
        names=("places.sqlite", "downloads.sqlite"),
        signatures=(SQLITE_MAGIC,),
        require_all=True,
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
                ctx.warn(f"Not readable as a Firefox database: {exc}.")
                return
            who: dict[str, Any] = {"browser": BROWSER, "profile": profile_from_path(file_info.path),
                                   "user": ctx.user}
            if "moz_places" in found:
                if "moz_historyvisits" in found:
                    yield from self._visits(ctx, conn, who)
                if "moz_bookmarks" in found:
                    yield from self._bookmarks(ctx, conn, who, "moz_items_annos" in found)
                if {"moz_annos", "moz_anno_attributes"} <= found:
                    yield from self._anno_downloads(ctx, conn, who)
            elif "moz_downloads" in found:
                yield from self._legacy_downloads(ctx, conn, who)
            elif matched_by_glob(self.inputs, file_info):
                ctx.warn("This file has neither 'moz_places' nor 'moz_downloads': not a Firefox history database.")
        finally:
            conn.close()

    def _visits(self, ctx: ExtractContext, conn: sqlite3.Connection, who: dict[str, Any]) -> Iterator[Record]:
        sql = ("SELECT h.id, h.visit_date, h.visit_type, p.url, p.title, p.visit_count, p.typed,"
               " fp.url AS from_url FROM moz_historyvisits h LEFT JOIN moz_places p ON p.id = h.place_id"
               " LEFT JOIN moz_historyvisits fh ON fh.id = h.from_visit AND h.from_visit > 0"
               " LEFT JOIN moz_places fp ON fp.id = fh.place_id ORDER BY h.id")
        for r in rows(ctx, conn, "history visits", sql):
            vtype = integer(r["visit_type"])
            yield BrowserVisit(
                **who, url=text(r["url"]) or "", title=text(r["title"]) or None,
                visit_time=prtime(r["visit_date"]), visit_count=integer(r["visit_count"]),
                typed_count=integer(r["typed"]),
                transition=_VISIT_TYPES.get(vtype, f"type_{vtype}") if vtype is not None else None,
                from_url=text(r["from_url"]), visit_id=integer(r["id"]))

    def _bookmarks(self, ctx: ExtractContext, conn: sqlite3.Connection, who: dict[str, Any],
                   item_annos: bool) -> Iterator[Record]:
        nodes: dict[int, tuple[int | None, str]] = {}
        for r in rows(ctx, conn, "bookmark folders", "SELECT id, parent, title FROM moz_bookmarks WHERE type = 2"):
            nodes[int(r["id"])] = (integer(r["parent"]), text(r["title"]) or "")
        descriptions: dict[int, str] = {}
        if item_annos:
            sql = ("SELECT a.item_id, a.content FROM moz_items_annos a JOIN moz_anno_attributes n"
                   " ON n.id = a.anno_attribute_id WHERE n.name = 'bookmarkProperties/description'")
            for r in rows(ctx, conn, "bookmark descriptions", sql):
                descriptions[int(r["item_id"])] = text(r["content"]) or ""
        sql = ("SELECT b.id, b.parent, b.title, b.dateAdded, b.lastModified, p.url FROM moz_bookmarks b"
               " LEFT JOIN moz_places p ON p.id = b.fk WHERE b.type = 1 ORDER BY b.id")
        for r in rows(ctx, conn, "bookmarks", sql):
            yield BrowserBookmark(
                **who, url=text(r["url"]), title=text(r["title"]) or None,
                folder=_folder_path(nodes, integer(r["parent"])), added_time=prtime(r["dateAdded"]),
                modified_time=prtime(r["lastModified"]), description=descriptions.get(int(r["id"])))

    def _anno_downloads(self, ctx: ExtractContext, conn: sqlite3.Connection,
                        who: dict[str, Any]) -> Iterator[Record]:
        """Firefox 21+: a download is a place with 'downloads/*' page annotations."""
        sql = ("SELECT a.place_id, n.name, a.content, a.dateAdded, p.url FROM moz_annos a"
               " JOIN moz_anno_attributes n ON n.id = a.anno_attribute_id"
               " LEFT JOIN moz_places p ON p.id = a.place_id"
               " WHERE n.name LIKE 'downloads/%' ORDER BY a.place_id, a.id")
        found: dict[int, dict[str, Any]] = {}
        for r in rows(ctx, conn, "download annotations", sql):
            item = found.setdefault(int(r["place_id"]), {"url": text(r["url"])})
            item[str(r["name"])] = text(r["content"])
            if r["name"] == "downloads/destinationFileURI":
                item["start"] = prtime(r["dateAdded"])
        for item in found.values():
            meta: dict[str, Any] = {}
            if item.get("downloads/metaData"):
                try:
                    loaded = json.loads(item["downloads/metaData"])
                    meta = loaded if isinstance(loaded, dict) else {}
                except ValueError:
                    ctx.warn(f"Download of {item['url']}: its metaData annotation is not valid JSON.")
            target = file_uri_to_path(item.get("downloads/destinationFileURI")) or item.get(
                "downloads/destinationFileName")
            state = meta.get("state")
            size = meta.get("fileSize")
            yield BrowserDownload(
                **who, url=item["url"], target_path=target,
                received_bytes=size if isinstance(size, int) else None, total_bytes=None,
                start_time=item.get("start"), end_time=unix_millis(meta.get("endTime")),
                state=_STATES.get(state, str(state)) if isinstance(state, int) else None,
                mime_type=None, referrer=None, danger_type=None, opened=None)

    def _legacy_downloads(self, ctx: ExtractContext, conn: sqlite3.Connection,
                          who: dict[str, Any]) -> Iterator[Record]:
        for r in rows(ctx, conn, "downloads table", "SELECT * FROM moz_downloads ORDER BY id"):
            state = integer(r["state"])
            total = integer(r["maxBytes"])
            yield BrowserDownload(
                **who, url=text(r["source"]), target_path=file_uri_to_path(text(r["target"])),
                received_bytes=integer(r["currBytes"]), total_bytes=total if total is None or total >= 0 else None,
                start_time=prtime(r["startTime"]), end_time=prtime(r["endTime"]),
                state=_STATES.get(state, str(state)) if state is not None else None,
                mime_type=text(r["mimeType"]) or None, referrer=text(r["referrer"]) or None,
                danger_type=None, opened=None)


def _folder_path(nodes: dict[int, tuple[int | None, str]], parent: int | None) -> str | None:
    """'Bookmarks Toolbar/Latest Headlines' (the unnamed root left out); cycles are cut."""
    parts: list[str] = []
    seen: set[int] = set()
    while parent is not None and parent in nodes and parent not in seen:
        seen.add(parent)
        parent_of, title = nodes[parent]
        if title:
            parts.append(title)
        parent = parent_of
    return "/".join(reversed(parts)) or None


EXTRACTORS = (FirefoxHistoryExtractor,)
