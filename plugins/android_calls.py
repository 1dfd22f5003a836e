"""Android call log: calllog.db (Android 7+) or the ``calls`` table of contacts2.db (older), deleted rows included."""

from __future__ import annotations

import dataclasses
import sqlite3
from collections.abc import Iterator
from typing import Any, BinaryIO, ClassVar

from forensic_triage.plugin_api import ExtractContext, Extractor, FileInfo, InputSpec, Record, RowRecord

from .android_common import COMPANIONS, android_globs, integer, millis, open_copy, schema, table_rows, text

CALL_TYPES = {1: "incoming", 2: "outgoing", 3: "missed", 4: "voicemail", 5: "rejected", 6: "blocked",
              7: "answered elsewhere"}


@dataclasses.dataclass(frozen=True)
class AndroidCall(RowRecord):
    record_type: ClassVar[str] = "android.call"
    time_fields: ClassVar[dict[str, str]] = {"date": "Phone call (call log)"}

    call_id: int | None  # the row's _id (None: a deleted row whose id was overwritten)
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
        mark = f" [recovered: {self.recovered}]" if self.recovered else ""
        return f"{self.call_type} call {who}, {self.duration_seconds or 0} s{mark}"

    def phone_view(self) -> dict[str, Any]:
        return {"role": "call", "application": "Phone", "direction": self.call_type, "party": self.number,
                "time": self.date, "duration_seconds": self.duration_seconds}


class AndroidCallsExtractor(Extractor):
    name = "android.calls"
    version = "1.1"
    description = "Android call log (calllog.db, contacts2.db): number, name, type, time, duration; deleted rows"
    references = ("https://developer.android.com/reference/android/provider/CallLog.Calls",)
    inputs = InputSpec(
        globs=android_globs("com.android.providers.contacts/databases/calllog.db",
                            "com.android.providers.contacts/databases/contacts2.db"),
        names=("calllog.db", "contacts2.db"),
        needs_path=True, companions=COMPANIONS, max_size=512 * 1024 * 1024,
    )
    record_types = (AndroidCall,)

    def extract(self, ctx: ExtractContext, stream: BinaryIO, file_info: FileInfo) -> Iterator[Record]:
        conn = open_copy(ctx)
        if conn is None:
            return
        try:
            if "calls" not in schema(conn):
                if file_info.name.lower() == "calllog.db":
                    ctx.warn("calllog.db has no 'calls' table: not an Android call log.")
                return  # contacts2.db of Android 7+ keeps no calls: nothing to report
            for r, recovered in table_rows(ctx, conn, stream, "calls", "calls"):
                kind = integer(r.get("type"))
                yield AndroidCall(integer(r.get("_id", r["_rowid"])), CALL_TYPES.get(kind or 0, f"type {kind}"),
                                  text(r.get("number")), text(r.get("name")), millis(r.get("date")),
                                  integer(r.get("duration")), text(r.get("countryiso")),
                                  text(r.get("geocoded_location")), text(r.get("subscription_id")),
                                  table="calls", row_id=integer(r["_rowid"]), recovered=recovered)
        except sqlite3.DatabaseError as exc:
            ctx.warn(f"The database is damaged: {exc}.")
        finally:
            conn.close()


EXTRACTORS = (AndroidCallsExtractor,)
