"""Safari for iOS open tabs (BrowserState.db ``tabs``): URL, title, last viewed, private browsing.
Safari's History.db on iOS is read by ``browser.safari`` (same schema as on macOS)."""

from __future__ import annotations

import dataclasses
import sqlite3
from collections.abc import Iterator
from typing import Any, BinaryIO, ClassVar

from forensic_triage.model import FileInfo
from forensic_triage.plugin_api import ExtractContext, Extractor, InputSpec, Record, RowRecord

from .ios_common import COMPANIONS, apple_time, globs, integer, open_db, recovered, row_id, rows, schema, text


@dataclasses.dataclass(frozen=True)
class IosSafariTab(RowRecord):
    record_type: ClassVar[str] = "ios.safari.tab"
    time_fields: ClassVar[dict[str, str]] = {"last_viewed": "Safari tab last viewed (iOS)"}

    url: str | None
    title: str | None
    last_viewed: str | None
    private: bool | None  # opened in private browsing
    order: int | None  # position among the window's tabs
    window: str | None  # browser window UUID
    uuid: str | None

    def summary(self) -> str:
        mode = " (private)" if self.private else ""
        return f"Safari tab{mode}: {self.url or '?'}" + (f" ({self.title})" if self.title else "")


def _tab(r: dict[str, Any], where: str) -> IosSafariTab:
    private = integer(r.get("private_browsing"))
    return IosSafariTab(url=text(r.get("url")) or text(r.get("user_visible_url")), title=text(r.get("title")),
                        last_viewed=apple_time(r.get("last_viewed_time")),
                        private=bool(private) if private is not None else None, order=integer(r.get("order_index")),
                        window=text(r.get("browser_window_uuid")), uuid=text(r.get("uuid")),
                        table="tabs", row_id=row_id(r, "id"), recovered=where)


class IosSafariTabsExtractor(Extractor):
    name = "ios.safari_tabs"
    version = "1.0"
    description = "Safari for iOS open tabs (BrowserState.db): URL, title, last viewed, private browsing"
    references = ("https://github.com/abrignoni/iLEAPP/blob/main/scripts/artifacts/safariTabs.py",)
    inputs = InputSpec(globs=globs("Library/Safari/BrowserState.db"), needs_path=True, companions=COMPANIONS)
    record_types = (IosSafariTab,)

    def extract(self, ctx: ExtractContext, stream: BinaryIO, file_info: FileInfo) -> Iterator[Record]:
        conn = open_db(ctx)
        if conn is None:
            return
        try:
            if "tabs" not in schema(conn):
                ctx.warn("Database has no 'tabs' table: not a Safari BrowserState.db.")
                return
            for r in rows(ctx, conn, "tabs", "SELECT * FROM tabs ORDER BY id"):
                yield _tab(r, "")
        except sqlite3.DatabaseError as exc:
            ctx.warn(f"The database is damaged: {exc}.")
            return
        finally:
            conn.close()
        yield from recovered(ctx, stream, "tabs", _tab)


EXTRACTORS = (IosSafariTabsExtractor,)
