"""iOS app usage from knowledgeC.db (CoreDuet): the ``/app/inFocus`` and ``/app/usage`` streams of
ZOBJECT, one record per interval an app was on screen, with deleted or superseded rows recovered."""

from __future__ import annotations

import dataclasses
import sqlite3
from collections.abc import Iterator
from typing import Any, BinaryIO, ClassVar

from forensic_triage.model import FileInfo
from forensic_triage.plugin_api import ExtractContext, Extractor, InputSpec, Record, RowRecord

from .ios_common import (
    COMPANIONS,
    apple_time,
    globs,
    integer,
    number,
    open_db,
    recovered,
    row_id,
    rows,
    schema,
    text,
)

STREAMS = ("/app/inFocus", "/app/usage")


@dataclasses.dataclass(frozen=True)
class IosAppUsage(RowRecord):
    record_type: ClassVar[str] = "ios.app_usage"
    time_fields: ClassVar[dict[str, str]] = {"start": "App in use from (knowledgeC)", "end": "App in use until (knowledgeC)"}

    stream: str  # /app/inFocus | /app/usage
    bundle_id: str | None  # ZVALUESTRING
    start: str | None
    end: str | None
    duration_seconds: float | None
    utc_offset_seconds: int | None  # ZSECONDSFROMGMT: the device's offset at the time
    created: str | None  # ZCREATIONDATE: when the event was written

    def summary(self) -> str:
        return f"{self.bundle_id or '?'} in use {self.duration_seconds or 0:.0f} s ({self.stream})"


def _usage(r: dict[str, Any], where: str) -> IosAppUsage | None:
    stream = text(r.get("zstreamname"))
    if stream not in STREAMS:
        return None  # other streams of ZOBJECT (recovered rows come from every stream)
    start, end = number(r.get("zstartdate")), number(r.get("zenddate"))
    return IosAppUsage(stream=stream or "", bundle_id=text(r.get("zvaluestring")), start=apple_time(start),
                       end=apple_time(end), duration_seconds=end - start if start and end and end >= start else None,
                       utc_offset_seconds=integer(r.get("zsecondsfromgmt")), created=apple_time(r.get("zcreationdate")),
                       table="ZOBJECT", row_id=row_id(r, "z_pk"), recovered=where)


class IosKnowledgeCExtractor(Extractor):
    name = "ios.knowledgec"
    version = "1.0"
    description = "iOS knowledgeC.db: which app was on screen, from when to when"
    references = ("https://github.com/abrignoni/iLEAPP/blob/main/scripts/artifacts/knowledgeC.py",
                  "https://www.mac4n6.com/blog/2018/8/5/knowledge-is-power-using-the-knowledgecdb-database-on-macos-"
                  "and-ios-to-determine-precise-user-and-application-usage")
    inputs = InputSpec(globs=globs("Library/CoreDuet/Knowledge/knowledgeC.db"), needs_path=True,
                       companions=COMPANIONS, max_size=2048 * 1024 * 1024)
    record_types = (IosAppUsage,)

    def extract(self, ctx: ExtractContext, stream: BinaryIO, file_info: FileInfo) -> Iterator[Record]:
        conn = open_db(ctx)
        if conn is None:
            return
        try:
            if "zobject" not in schema(conn):
                ctx.warn("Database has no 'ZOBJECT' table: not a knowledgeC.db.")
                return
            sql = ("SELECT * FROM ZOBJECT WHERE ZSTREAMNAME IN ('/app/inFocus', '/app/usage') "
                   "ORDER BY ZSTARTDATE, Z_PK")
            for r in rows(ctx, conn, "app usage events", sql):
                record = _usage(r, "")
                if record is not None:
                    yield record
        except sqlite3.DatabaseError as exc:
            ctx.warn(f"The database is damaged: {exc}.")
            return
        finally:
            conn.close()
        yield from recovered(ctx, stream, "ZOBJECT", _usage)


EXTRACTORS = (IosKnowledgeCExtractor,)
