"""Android call log: calllog.db (Android 7+) or the ``calls`` table of contacts2.db (older)."""

from __future__ import annotations

import dataclasses
import sqlite3
from collections.abc import Iterator
from typing import BinaryIO, ClassVar

from forensic_triage.plugin_api import ExtractContext, Extractor, FileInfo, InputSpec, Record

from .android_common import COMPANIONS, col, integer, millis, open_copy, rows, schema, text

CALL_TYPES = {1: "incoming", 2: "outgoing", 3: "missed", 4: "voicemail", 5: "rejected", 6: "blocked",
              7: "answered elsewhere"}


@dataclasses.dataclass(frozen=True)
class AndroidCall(Record):
    record_type: ClassVar[str] = "android.call"
    time_fields: ClassVar[dict[str, str]] = {"date": "Phone call (call log)"}

    call_id: int
    call_type: str  # incoming | outgoing | missed | voicemail | rejected | blocked | answered elsewhere
    number: str | None
    name: str | None  # cached contact name at the time of the call
    date: str | None
    duration_seconds: int | None
    country_iso: str | None
    location: str | None  # geocoded location of the number
    account: str | None  # phone account (SIM) the call used

    def summary(self) -> str:
        who = f"{self.name} ({self.number})" if self.name else (self.number or "unknown number")
        return f"{self.call_type} call {who}, {self.duration_seconds or 0} s"


class AndroidCallsExtractor(Extractor):
    name = "android.calls"
    version = "1.0"
    description = "Android call log (calllog.db, contacts2.db): number, name, type, time, duration"
    references = ("https://developer.android.com/reference/android/provider/CallLog.Calls",)
    inputs = InputSpec(
        globs=("**/com.android.providers.contacts/databases/calllog.db",
               "**/com.android.providers.contacts/databases/contacts2.db"),
        names=("calllog.db", "contacts2.db"),
        needs_path=True, companions=COMPANIONS, max_size=512 * 1024 * 1024,
    )
    record_types = (AndroidCall,)

    def extract(self, ctx: ExtractContext, stream: BinaryIO, file_info: FileInfo) -> Iterator[Record]:
        conn = open_copy(ctx)
        if conn is None:
            return
        try:
            tables = schema(conn)
            if "calls" not in tables:
                if file_info.name.lower() == "calllog.db":
                    ctx.warn("calllog.db has no 'calls' table: not an Android call log.")
                return  # contacts2.db of Android 7+ keeps no calls: nothing to report
            c = tables["calls"]
            sql = (f"SELECT _id, {col(c, 'type')}, {col(c, 'number')}, {col(c, 'name')}, {col(c, 'date')}, "
                   f"{col(c, 'duration')}, {col(c, 'countryiso')}, {col(c, 'geocoded_location')}, "
                   f"{col(c, 'subscription_id')} FROM calls ORDER BY _id")
            for r in rows(ctx, conn, "calls", sql):
                kind = integer(r[1])
                yield AndroidCall(int(r[0]), CALL_TYPES.get(kind or 0, f"type {kind}"), text(r[2]), text(r[3]),
                                  millis(r[4]), integer(r[5]), text(r[6]), text(r[7]), text(r[8]))
        except sqlite3.DatabaseError as exc:
            ctx.warn(f"The database is damaged: {exc}.")
        finally:
            conn.close()


EXTRACTORS = (AndroidCallsExtractor,)
